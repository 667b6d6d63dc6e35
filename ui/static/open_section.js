// A link to a section (href="#sec-2-5-4", from a source card, a search hit or a department's task)
// opens the plan browser there: the tab is selected, the part and measure unfold, the section is
// scrolled into view and marked. The tree is drawn once at load, so no request is made — unless
// several plans are loaded and the link names another plan than the one shown (#sec-2-5-4@plan-id):
// then the browser is switched to that plan first (the hidden #open-plan box tells the server).
(() => {
  const TAB = '#plan-tab-button, button[role="tab"][id$="plan-button"]';
  function planTab() {
    return document.querySelector(TAB) ||
      [...document.querySelectorAll('button[role="tab"]')].find((b) => /方案[浏瀏][览覽]/.test(b.textContent));
  }
  function openPlan(id, plan, tries) {  // once the browser is drawn: switch it to `plan` if need be
    const shown = document.querySelector('#plan-tree [data-plan]');
    const box = document.querySelector('#open-plan textarea, #open-plan input');
    if ((!shown || !box) && tries > 0) {
      setTimeout(() => openPlan(id, plan, tries - 1), 100);
      return;
    }
    if (box && shown?.dataset.plan !== plan) {
      box.value = plan + '|' + Date.now();  // a new value each time: always an input event
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }
    reveal(id, plan, 150);
  }
  function reveal(id, plan, tries) {
    const tree = plan ? `#plan-tree [data-plan="${plan}"]` : '#plan-tree';
    const target = document.querySelector(tree + ' #' + CSS.escape(id));
    if (!target) {
      if (tries > 0) setTimeout(() => reveal(id, plan, tries - 1), 100);
      return;
    }
    for (let d = target.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
    if (target.tagName === 'DETAILS') target.open = true;
    document.querySelectorAll('#plan-tree .pq-here').forEach((e) => e.classList.remove('pq-here'));
    target.classList.add('pq-here');
    target.scrollIntoView({ block: 'center' });
    document.body.dataset.openedSection = id;
  }
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a.pq-open');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const [id, plan = ''] = (link.getAttribute('href') || '').replace(/^#/, '').split('@');
    if (!/^sec-[\d-]+$/.test(id) || !/^[\w-]*$/.test(plan)) return;
    planTab()?.click();
    if (plan) openPlan(id, plan, 50);
    else reveal(id, '', 30);
  }, true);
})();
