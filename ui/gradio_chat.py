"""The chat panel: streamed answers with expandable citations, and 👍/👎 feedback into the shared store.

The conversation's raw questions live in a `gr.State` (the chatbot holds escaped HTML), and so does
each answer's plain text, so feedback stores what the user actually saw, not markup. The same
conversation is mirrored into the browser (`gr.BrowserState`), so a reload keeps it; 新访客 clears
both, so the next visitor at the counter starts from nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from bot.followup import resolve
from planqa.errors import PlanQAError
from ui.answer_parts import follow_ups
from ui.answer_text import card, chunks, full_text
from ui.gradio_feedback import Feedback
from ui.gradio_labels import SCRIPT_CHOICES, Labels
from ui.gradio_picker import PlanPicker
from ui.gradio_render import answer_html, partial_html, question_html
from ui.plan_names import ALL_PLANS
from ui.service import Service

STATIC = Path(__file__).parent / "static"  # icons as files: no emoji font needed
STORAGE_KEY = "planqa-conversation"
EMPTY_HINT = "请先输入问题，再按回车或点“发送”。"
EXAMPLES = [
    "企业开办最快多久能办好？",
    "政府采购对中小企业有什么支持？",
    "哪个部门负责优化纳税服务？",
    "第二部分第一条讲了什么？",
    "知识产权保护有哪些措施？",
    "人才公寓今年要筹措多少套？",
]
# After an answer: scroll the chat so the question just asked is at the top, the answer below it.
SHOW_ANSWER_JS = """() => {
  const asked = [...document.querySelectorAll('#chat .pq-q')].pop();
  if (!asked) return;
  let box = asked.parentElement;
  while (box && box !== document.body && !(box.scrollHeight > box.clientHeight + 4 &&
         /(auto|scroll)/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  if (box && box !== document.body) {
    const row = asked.closest('.message-row, .message') || asked;
    box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top - 12;
  }
}"""
# The question box's counter: characters used of the limit, said plainly when over.
COUNTER_JS = """(q) => {
  const n = [...(q || '')].length, over = n - LIMIT;
  return over > 0
    ? `<span class="pq-over">${n} / LIMIT · 超出 ${over} 字，请精简后再发送</span>`
    : `${n} / LIMIT`;
}"""


class Chat:
    def __init__(self, service: Service, picker: PlanPicker | None = None):
        self.service = service
        self.picker = picker or PlanPicker(service)

    def render(self, labels: Labels) -> None:
        self.chatbot = gr.Chatbot(
            label="问答",
            show_label=False,
            layout="panel",  # long answers use the full width, on a phone too
            height="max(300px, calc(100vh - 300px))",
            autoscroll=False,  # a new answer is shown from its first line (SHOW_ANSWER_JS)
            examples=[{"text": q} for q in EXAMPLES],
            sanitize_html=True,
            render_markdown=True,
            latex_delimiters=[],
            allow_tags=False,
            feedback_options=("Like", "Dislike"),
            buttons=[],  # its copy buttons copy the HTML; the card's 复制 copies plain text
            placeholder="请用中文提问，例如：企业开办最快多久能办好？",
            elem_id="chat",
        )
        labels.add(self.chatbot, label="问答", placeholder="请用中文提问，例如：企业开办最快多久能办好？")
        with gr.Column(elem_id="input-area"):
            with gr.Row(elem_id="input-row"):
                self.textbox = gr.Textbox(
                    placeholder="输入您的问题，按回车发送", label="问题", show_label=False, scale=5, elem_id="question",
                )  # fmt: skip
                labels.add(self.textbox, placeholder="输入您的问题，按回车发送", label="问题")
                self.send = gr.Button("发送", variant="primary", scale=1, elem_id="send")
                labels.add(self.send, value="发送")
            limit = self.service.settings.max_question_chars
            with gr.Row(elem_id="input-notes"):
                self.status = gr.Markdown(elem_id="fb-status")
                self.counter = gr.HTML(f"0 / {limit}", elem_id="q-count")
        self.feedback = Feedback(self.service)
        self.feedback.render(labels)
        self.state = gr.State({})
        self.saved = gr.BrowserState({}, storage_key=STORAGE_KEY)

    def wire(
        self, script: gr.Radio, answer_card: gr.Textbox, new_visitor: gr.Button, plan: gr.Dropdown
    ) -> None:
        """`plan` is the plan picker: with several plans its choice goes with every question; with one
        (no picker shown) the events take exactly the inputs and outputs they always took."""
        outputs = [self.chatbot, self.textbox, answer_card, self.status, self.state, self.saved]
        chosen = [plan] if self.picker.several else []
        gr.on(
            [self.textbox.submit, self.send.click],
            self.respond,
            [self.textbox, self.chatbot, script, self.state, *chosen],
            outputs,
            api_name="chat",
            concurrency_limit=8,
        ).then(None, js=SHOW_ANSWER_JS)
        picked = {"api_visibility": "private", "concurrency_limit": 8}  # an example or a follow-up
        for event, name in (
            (self.chatbot.example_select, "example"),
            (self.chatbot.option_select, "follow_up"),
        ):
            event(
                self.respond_picked,
                [self.chatbot, script, self.state, *chosen],
                outputs,
                api_name=name,
                **picked,
            ).then(None, js=SHOW_ANSWER_JS)
        self.textbox.change(None, [self.textbox], [self.counter], js=self.counter_js())
        cleared = [*outputs, self.feedback.comment, self.feedback.row, *chosen]
        new_visitor.click(self.reset, None, cleared, api_name="new_visitor")
        self.chatbot.clear(self.reset, None, cleared, api_visibility="private")
        self.feedback.wire(self.chatbot, self.state, self.saved, self.status)
        if self.picker.several:  # the choice is kept with the conversation, asked or not
            plan.change(self.remember_plan, [plan, self.state, self.saved], [self.state, self.saved],
                        api_visibility="private")  # fmt: skip

    def restore_on_load(self, demo: gr.Blocks, answer_card: gr.Textbox, plan: gr.Dropdown) -> None:
        """After a reload, the conversation the browser kept (nothing for a new visitor)."""
        outputs = [self.chatbot, answer_card, self.state] + ([plan] if self.picker.several else [])
        demo.load(
            self.restore,
            [self.saved],
            outputs,
            api_name="restore",
            api_visibility="private",
        ).then(None, js="() => { document.body.dataset.restored = '1'; }")  # for tests and scripts

    def restore(self, saved: dict | None) -> tuple:
        saved = saved if isinstance(saved, dict) else {}
        chat = saved.get("chat") if isinstance(saved.get("chat"), list) else []
        state = saved.get("state") if isinstance(saved.get("state"), dict) else {}
        answer_card = saved.get("card") if isinstance(saved.get("card"), str) else ""
        if not self.picker.several:
            return chat, answer_card, state
        return chat, answer_card, state, self.picker.known(state.get("plan"))

    def reset(self) -> tuple:
        """新访客: an empty chat, card, status, conversation and browser copy, no comment box, and (with
        several plans) the plan picker back at 全部方案."""
        cleared = ([], "", "", "", {}, {}, "", gr.update(visible=False))
        return (*cleared, ALL_PLANS) if self.picker.several else cleared

    @staticmethod
    def remember_plan(plan: str | None, state: dict | None, saved: dict | None) -> tuple[dict, dict]:
        """The picker's choice into the conversation and the browser's copy of it."""
        state = {**(state or {}), "plan": plan or ALL_PLANS}
        return state, {**(saved if isinstance(saved, dict) else {}), "state": state}

    def respond_picked(
        self,
        history: list | None,
        label: str,
        state: dict | None,
        picked: gr.SelectData,
        plan: str | None = None,
    ):
        """An example in the empty chat or a suggested follow-up, sent as if typed (Gradio puts the
        event's data in its parameter's place, so the picker's choice, when wired, comes after it)."""
        value = picked.value
        text = value.get("text") or value.get("value") if isinstance(value, dict) else value
        yield from self.respond(str(text or ""), history, label, state, plan)

    def counter_js(self) -> str:
        limit = self.service.settings.max_question_chars
        return COUNTER_JS.replace("LIMIT", str(limit))

    def loaded_plans(self) -> dict[str, Any] | None:
        """id → plan when several plans are loaded (sources and card then name their plan), else None."""
        library = self.service.library
        if library is None or len(library.plans) < 2:
            return None
        return {i.id: library.pipeline(i.id).plan for i in library.plans}

    def respond(
        self, message: str, history: list | None, label: str, state: dict | None, plan: str | None = None
    ):
        """Answer `message` (from the `plan` picked, or the one the library routes it to); yields the
        chat as the answer streams in, then the final answer and card."""
        state = dict(state or {})
        questions = list(state.get("questions", []))
        skip = gr.skip()
        if not (message or "").strip():  # an empty Enter: a hint, no error badge, nothing sent
            yield skip, skip, skip, EMPTY_HINT, skip, skip
            return
        try:
            turns = self.service.settings.max_history_turns  # all the pipeline reads: within the caps
            recent = questions[-turns:]
            answer = self.service.answer(message, recent, SCRIPT_CHOICES.get(label), self.picker.chosen(plan))
        except PlanQAError as exc:  # too long, still starting: said in the page, the question kept
            yield skip, skip, skip, f"{exc.zh}（{exc.en}）", skip, skip
            return
        chat = [*(history or []), {"role": "user", "content": question_html(message)}]
        text = ""
        for piece in chunks(answer.answer):
            text += piece
            yield [*chat, {"role": "assistant", "content": partial_html(text)}], "", skip, "", skip, skip
        plans = self.loaded_plans()
        own = next((plans[p] for p in answer.plans if plans and p in plans), self.service.plan)
        reply = {"role": "assistant", "content": answer_html(answer, own, plans)}
        options = [{"value": q, "label": q} for q in follow_ups(answer, own)]
        chat.append({**reply, "options": options} if options else reply)
        turn = {"question": answer.question, "answer": full_text(answer)}
        state = {
            "questions": [*recent, answer.question],  # bounded: no more is ever read
            "turns": {**state.get("turns", {}), str(len(chat) - 1): turn},
            "last": turn,
            **({"plan": plan} if plans else {}),
        }
        leans_on = resolve(self.service.pipeline.parse(message), recent).leans_on  # the topic it carries
        answer_card = card(answer, own, leans_on, plans)
        yield chat, "", answer_card, "", state, {"chat": chat, "state": state, "card": answer_card}
