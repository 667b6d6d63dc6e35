"""The chat panel: streamed answers with expandable citations, and 👍/👎 feedback into the shared store.

The conversation's raw questions live in a `gr.State` (the chatbot holds escaped HTML), and so does
each answer's plain text, so feedback stores what the user actually saw, not markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from planqa.errors import PlanQAError
from ui.answer_text import card, chunks, full_text
from ui.gradio_render import answer_html, partial_html, question_html
from ui.service import Service

SCRIPTS = {"简体": "hans", "繁體": "hant"}
THANKS = "已记录您的反馈，谢谢！"
STATIC = Path(__file__).parent / "static"  # icons as files: no emoji font needed


class Chat:
    def __init__(self, service: Service):
        self.service = service

    def render(self, script: gr.Radio) -> None:
        self.chatbot = gr.Chatbot(
            label="问答",
            height=460,
            sanitize_html=True,
            render_markdown=True,
            latex_delimiters=[],
            allow_tags=False,
            feedback_options=("Like", "Dislike"),
            buttons=["copy", "copy_all"],  # no "share": it posts to an outside site
            placeholder="请用中文提问，例如：企业开办最快多久能办好？",
            elem_id="chat",
        )
        with gr.Row():
            self.textbox = gr.Textbox(
                placeholder="输入您的问题，按回车发送", show_label=False, scale=5, elem_id="question",
                max_length=self.service.settings.max_question_chars,
            )  # fmt: skip
            self.send = gr.Button("发送", variant="primary", scale=1, elem_id="send")
        with gr.Row():
            self.up = gr.Button("有帮助", icon=str(STATIC / "thumb-up.svg"), size="sm", elem_id="fb-up")
            self.down = gr.Button("没帮助", icon=str(STATIC / "thumb-down.svg"), size="sm", elem_id="fb-down")
            self.comment = gr.Textbox(
                placeholder="意见（可选）", show_label=False, scale=3, elem_id="fb-comment",
                max_length=self.service.settings.feedback_comment_chars,
            )  # fmt: skip
        self.status = gr.Markdown(elem_id="fb-status")
        self.state = gr.State({})

    def wire(self, script: gr.Radio, answer_card: gr.Textbox) -> None:
        outputs = [self.chatbot, self.textbox, answer_card, self.status, self.state]
        gr.on(
            [self.textbox.submit, self.send.click],
            self.respond,
            [self.textbox, self.chatbot, script, self.state],
            outputs,
            api_name="chat",
            concurrency_limit=8,
        )
        self.up.click(
            self.feedback_up, [self.state, self.comment], [self.status, self.comment], api_name="feedback_up"
        )
        self.down.click(
            self.feedback_down,
            [self.state, self.comment],
            [self.status, self.comment],
            api_name="feedback_down",
        )
        self.chatbot.like(self.like, [self.state], [self.status], api_name="like")

    def respond(self, message: str, history: list | None, label: str, state: dict | None):
        """Answer `message`; yields the chat as the answer streams in, then the final answer and card."""
        state = dict(state or {})
        questions = list(state.get("questions", []))
        try:
            turns = self.service.settings.max_history_turns  # all the pipeline reads: within the caps
            recent = questions[-turns:]
            answer = self.service.answer(message, recent, SCRIPTS.get(label, "hans"))
        except PlanQAError as exc:
            raise gr.Error(f"{exc.zh}（{exc.en}）") from None
        chat = [*(history or []), {"role": "user", "content": question_html(message)}]
        text = ""
        for piece in chunks(answer.answer):
            text += piece
            yield [*chat, {"role": "assistant", "content": partial_html(text)}], "", gr.skip(), "", gr.skip()
        chat.append({"role": "assistant", "content": answer_html(answer)})
        turn = {"question": answer.question, "answer": full_text(answer)}
        state = {
            "questions": [*recent, answer.question],  # bounded: no more is ever read
            "turns": {**state.get("turns", {}), str(len(chat) - 1): turn},
            "last": turn,
        }
        yield chat, "", card(answer), "", state

    def feedback_up(self, state: dict | None, comment: str | None) -> tuple[str, str]:
        return self._store(state, 1, comment)

    def feedback_down(self, state: dict | None, comment: str | None) -> tuple[str, str]:
        return self._store(state, -1, comment)

    def _store(self, state: dict | None, rating: int, comment: str | None) -> tuple[str, str]:
        turn = (state or {}).get("last")
        if not turn:
            return "请先提问，再评价回答。", comment or ""
        try:
            self.service.feedback.add(
                turn["question"], turn["answer"], rating, (comment or "").strip() or None, "ui"
            )
        except PlanQAError as exc:  # an over-long comment, a NUL, a full store: say so, keep the text
            return f"{exc.zh}（{exc.en}）", gr.skip()
        return THANKS, ""

    def like(self, state: dict | None, data: gr.LikeData) -> str:
        """The chatbot's own thumbs on a message: rate that turn's answer."""
        turn = (state or {}).get("turns", {}).get(str(_index(data.index)))
        if not turn:
            return ""
        liked: Any = data.liked
        rating = 1 if liked is True or liked == "Like" else -1
        try:
            self.service.feedback.add(turn["question"], turn["answer"], rating, None, "ui")
        except PlanQAError as exc:
            return f"{exc.zh}（{exc.en}）"
        return THANKS


def _index(index: int | tuple[int, int] | list[int]) -> int:
    return index[0] if isinstance(index, list | tuple) else index
