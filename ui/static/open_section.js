// A link to a section (href="#sec-2-5-4", from a source card, a search hit or a department's task)
// opens the plan browser there: the tab is selected, the part and measure unfold, the section is
// scrolled into view and marked. The tree is drawn once at load, so no request is made.
(() => {
  const TAB = '#plan-tab-button, button[role="tab"][id$="plan-button"]';
  function planTab() {
    return document.querySelector(TAB) ||
      [...document.querySelectorAll('button[role="tab"]')].find((b) => /方案[浏瀏][览覽]/.test(b.textContent));
  }
  function reveal(id, tries) {
    const target = document.querySelector('#plan-tree #' + CSS.escape(id));
    if (!target) {
      if (tries > 0) setTimeout(() => reveal(id, tries - 1), 100);
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
    const id = (link.getAttribute('href') || '').replace(/^#/, '');
    if (!/^sec-[\d-]+$/.test(id)) return;
    planTab()?.click();
    reveal(id, 30);
  }, true);
})();
