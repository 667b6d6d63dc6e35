"""👍/👎 on each answer, kept in the shared feedback store, tied to the message it rates.

The chatbot's own thumbs sit under every answer, so a rating is always of the message it was given
on, and there is nothing to rate before an answer. The store holds one row per rated message: a
second click on the other thumb changes that row, un-clicking withdraws it (a toggle never leaves a
vote behind). After a rating, a comment box appears for that same message.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from planqa.errors import PlanQAError
from ui.gradio_labels import Labels
from ui.service import Service

THANKS = "已记录您的反馈，谢谢！可在下方补充意见。"
WITHDRAWN = "已撤回对这条回答的评价。"
COMMENT_SAVED = "意见已记录，谢谢！"
COMMENT_EMPTY = "请先写下意见，再提交。"


class Feedback:
    def __init__(self, service: Service):
        self.service = service

    def render(self, labels: Labels) -> None:
        with gr.Row(visible=False, elem_id="fb-row") as self.row:
            hint = "补充意见（可选），如：没有说到办理时限"
            self.comment = gr.Textbox(
                placeholder=hint, label="意见", show_label=False, scale=4, elem_id="fb-comment",
                max_length=self.service.settings.feedback_comment_chars,
            )  # fmt: skip
            labels.add(self.comment, placeholder=hint, label="意见")
            self.send = labels.add(gr.Button("提交意见", scale=1, elem_id="fb-send"), value="提交意见")

    def wire(self, chatbot: gr.Chatbot, state: gr.State, saved: gr.BrowserState, status: gr.Markdown) -> None:
        chatbot.like(self.rate, [state, saved], [status, state, saved, self.row], api_name="like")
        gr.on(
            [self.send.click, self.comment.submit],
            self.add_comment,
            [state, self.comment],
            [status, self.comment, self.row],
            api_name="feedback_comment",
        )

    def rate(self, state: dict | None, saved: dict | None, data: gr.LikeData):
        """A thumb given, switched or taken back on one message."""
        state = dict(state or {})
        key = str(_index(data.index))
        turn = state.get("turns", {}).get(key)
        if not turn:
            return "", gr.skip(), gr.skip(), gr.skip()
        rows = dict(state.get("rated", {}))
        row, liked = rows.pop(key, None), data.liked
        store = self.service.feedback
        if liked in ("", None):  # un-clicked
            if row:
                store.withdraw(row)
            status, show = WITHDRAWN, False
        else:
            rating = 1 if liked is True or liked == "Like" else -1
            try:
                if not (row and store.change(row, rating=rating)):
                    row = store.add(turn["question"], turn["answer"], rating, None, "ui")
            except PlanQAError as exc:  # a full store: said in the page, nothing else changes
                return f"{exc.zh}（{exc.en}）", gr.skip(), gr.skip(), gr.skip()
            rows[key], status, show = row, THANKS, True
            state["comment_for"] = key
        state["rated"] = rows
        kept = {**(saved or {}), "state": state} if isinstance(saved, dict) and saved else gr.skip()
        return status, state, kept, gr.update(visible=show)

    def add_comment(self, state: dict | None, comment: str | None):
        """A comment on the message rated last."""
        state = state or {}
        row = state.get("rated", {}).get(state.get("comment_for", ""))
        text = (comment or "").strip()
        if not row or not text:
            return COMMENT_EMPTY if row else "", comment or "", gr.skip()
        try:
            self.service.feedback.change(row, comment=text)
        except PlanQAError as exc:  # too long, a NUL: said in the page, the text kept for editing
            return f"{exc.zh}（{exc.en}）", gr.skip(), gr.skip()
        return COMMENT_SAVED, "", gr.update(visible=False)


def _index(index: Any) -> int:
    return index[0] if isinstance(index, list | tuple) else index
