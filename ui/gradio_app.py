"""The Gradio UI: chat for enterprises, plan browser and department finder for service-hall staff.

Built once with a `Service` whose pipeline is loaded later (in the app's lifespan), so every callback
reads `service.pipeline` / `service.plan` at call time. Each function has an explicit `api_name`, so
`gradio_client` can drive the chat (`/chat`) the same way the browser does.
"""

from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported

import gradio as gr

from ui.gradio_chat import STATIC, Chat
from ui.gradio_labels import SCRIPT_CHOICES, Labels, head_script
from ui.gradio_picker import PlanPicker
from ui.gradio_plan import PlanPanels
from ui.service import Service

COPY_JS = """async () => {
  const t = document.querySelector('#answer-card textarea');
  const note = document.querySelector('#copy-note');
  if (!t || !t.value) { if (note) note.textContent = '还没有可复制的答复。'; return; }
  try { await navigator.clipboard.writeText(t.value); }
  catch (e) { t.select(); document.execCommand('copy'); }
  if (note) note.textContent = '已复制答复卡（纯文本）。';
}"""
PRINT_JS = """() => {
  const t = document.querySelector('#answer-card textarea');
  const note = document.querySelector('#copy-note');
  if (!t || !t.value) { if (note) note.textContent = '还没有可打印的答复卡：请先提问。'; return; }
  const w = window.open('', '_blank');
  if (!w) { if (note) note.textContent = '浏览器拦截了打印窗口，请允许弹出窗口后再试。'; return; }
  w.document.title = t.value.split('\\n')[0];
  const pre = w.document.createElement('pre');
  pre.style.cssText = 'font: 16px/1.7 "Noto Sans CJK SC", sans-serif; white-space: pre-wrap';
  pre.textContent = t.value;
  w.document.body.appendChild(pre);
  w.print();
}"""
CSS = """
.pq-source { border: 1px solid var(--border-color-primary); border-radius: 8px; margin: .5em 0; padding: .4em .7em; }
.pq-source-head { font-weight: 600; }
.pq-source blockquote { border-left: 3px solid var(--color-accent); margin: .3em 0; padding: .1em .7em; }
.pq-source-foot { font-size: .9em; display: flex; gap: 1em; flex-wrap: wrap; justify-content: space-between; }
a.pq-open { color: var(--link-text-color); text-decoration: underline; cursor: pointer; }
.pq-here { outline: 2px solid var(--color-accent); border-radius: 4px; background: var(--color-accent-soft); }
.pq-depts, .pq-figs { margin: .4em 0 0; }
.pq-task { margin: .35em 0; }
.pq-meta { font-size: .9em; opacity: .85; }
.pq-fig { background: var(--color-accent-soft); border-radius: 4px; padding: 0 .35em; margin-left: .3em; }
.pq-role { font-size: .8em; border: 1px solid var(--color-accent); border-radius: 4px; padding: 0 .3em; }
.pq-part > summary { font-weight: 600; font-size: 1.05em; cursor: pointer; margin: .4em 0; }
.pq-measure { margin-left: 1.2em; }
.pq-measure > summary { cursor: pointer; }
#top-row { align-items: center; }
#header h3 { margin: 0 0 .2em; }
#header p { margin: 0; font-size: .9em; opacity: .85; }
#input-area { position: sticky; bottom: 0; z-index: 20; background: var(--body-background-fill);
  padding: 6px 0 2px; gap: 0; }
#input-notes { align-items: baseline; min-height: 0; }
#input-notes > * { min-width: 0 !important; }
#fb-status, #fb-status p { margin: 0; }
#q-count { text-align: right; font-size: .85em; opacity: .8; flex: 0 0 auto !important; }
#q-count .pq-over { color: var(--error-text-color, #b91c1c); font-weight: 600; }
@media (max-width: 640px) {
  #header p { display: none; }
  #top-row { flex-wrap: wrap; gap: 6px; }
  #top-row > #header { flex: 1 1 100% !important; }
  #top-row > #plan-pick { flex: 1 1 100% !important; }
  #top-row > #script-switch { flex: 1 1 0 !important; min-width: 0 !important; }
  #top-row > #new-visitor { flex: 0 0 auto !important; min-width: 84px !important; }
  #script-switch label { padding: 4px 8px; }
  a.pq-open { display: inline-block; padding: 10px 0; }
  button, [role="tab"], #script-switch label, #chat .icon-button, #chat .option, #chat .example {
    min-height: 40px; min-width: 40px; }
  #chat .message-buttons .icon-button { width: 40px; height: 40px; }
}
#chat button[aria-label^="清空"], #chat button[aria-label="Clear"] { display: none; }  /* 新访客 clears the chat, the card and the rest */
.pq-source-foot a.pq-open { margin-left: auto; }
.pq-plan-name { font-weight: 400; opacity: .85; }
footer { display: none !important; }  /* Gradio's API / settings links: not for the counter */
"""
HEAD = (
    '<meta name="referrer" content="no-referrer">'
    + head_script()
    + f"<script>{(STATIC / 'open_section.js').read_text(encoding='utf-8')}</script>"
)


def theme() -> gr.themes.Base:
    """The default theme with fonts the package ships and the system's CJK fonts: nothing fetched."""
    return gr.themes.Default(
        font=[
            gr.themes.LocalFont("Source Sans Pro"),
            "Noto Sans CJK SC",
            "Noto Sans SC",
            "system-ui",
            "sans-serif",
        ],
    )


SCRIPT_LABEL = "答复文字"


def build_blocks(service: Service) -> gr.Blocks:
    picker, labels = PlanPicker(service), Labels()
    panels = PlanPanels(service, picker.plans, picker.several)
    chat = Chat(service, picker)
    with gr.Blocks(title=picker.title, analytics_enabled=False) as demo:
        with gr.Row(equal_height=True, elem_id="top-row"):
            head = labels.add(gr.Markdown(picker.header(), elem_id="header"), value=picker.header)
            plan = picker.render(labels)
            script = gr.Radio(
                list(SCRIPT_CHOICES), value="自动", elem_id="script-switch", label=SCRIPT_LABEL,
                show_label=False, container=False, min_width=290, scale=0,
            )  # fmt: skip
            labels.add(script, label=SCRIPT_LABEL)
            new_visitor = labels.add(
                gr.Button("新访客", variant="secondary", scale=0, min_width=110, elem_id="new-visitor"),
                value="新访客",
            )
        with labels.add(gr.Tab("政策问答", id="chat"), label="政策问答"), gr.Row(elem_id="chat-row"):
            with gr.Column(scale=2, min_width=320):
                chat.render(labels)
            with gr.Column(scale=1, min_width=300, elem_id="card-column"):
                card = _card(labels)
            chat.wire(script, card, new_visitor, plan)
            chat.restore_on_load(demo, card, plan)
        with labels.add(
            gr.Tab("方案浏览", id="plan", elem_id="plan-tab", render_children=True), label="方案浏览"
        ):
            panels.render_browser(labels)
        with labels.add(gr.Tab("部门查询", id="departments", render_children=True), label="部门查询"):
            panels.render_finder(labels)
        script.change(
            labels.updates, [script], labels.components, api_name="relabel", api_visibility="private"
        )
        panels.wire(demo, script)
        _wire_plans(demo, picker, panels, head, plan, script)
    return demo


def _wire_plans(
    demo: gr.Blocks,
    picker: PlanPicker,
    panels: PlanPanels,
    head: gr.Markdown,
    plan: gr.Dropdown,
    script: gr.Radio,
) -> None:
    """With several plans: the picker's names from the loaded library, in the page's script, and the
    browser and finder following it. With one plan (already built) nothing is wired: the page is as
    it always was."""
    hidden = {"api_visibility": "private"}
    if picker.several or not picker.plans:  # names not on disk when the page was built: fill them now
        demo.load(picker.refresh, None, [head, plan], **hidden)
    if not picker.several:
        return
    demo.load(panels.refresh, None, [panels.browse_plan, panels.dept_plan], **hidden)
    script.change(picker.relabel, [script], [plan], **hidden)
    plan.change(panels.follow, [plan], [panels.browse_plan, panels.dept_plan], **hidden)


def _card(labels: Labels) -> gr.Textbox:
    """The answer card (plain text) with its copy and print buttons."""
    card = gr.Textbox(
        label="答复卡（可复制、打印）",
        lines=18,
        max_lines=24,
        interactive=False,
        buttons=[],
        elem_id="answer-card",
    )
    labels.add(card, label="答复卡（可复制、打印）")
    with gr.Row():
        copy = gr.Button("复制答复卡", size="sm", elem_id="copy-card")
        labels.add(copy, value="复制答复卡").click(fn=None, js=COPY_JS)
        printer = gr.Button("打印答复卡", icon=str(STATIC / "printer.svg"), size="sm", elem_id="print-card")
        labels.add(printer, value="打印答复卡").click(fn=None, js=PRINT_JS)
    gr.HTML('<p id="copy-note" aria-live="polite"></p>')
    return card
