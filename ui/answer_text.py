"""Answers as plain text: streamed chunks, the OpenAI-compatible message (citations travel in the text)
and the answer card a service-hall clerk copies or prints. Plain text only — the HTML lives in
`ui/gradio_render.py`, where every string is escaped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.model import Answer
from planqa.script import to_hant

_CHUNK = re.compile(r"[^，。；：！？,;:!?\n]*[，。；：！？,;:!?\n]?")


def label(hans: str, script: str) -> str:
    """A UI label in the asker's script (labels are written in simplified)."""
    return to_hant(hans) if script == "hant" else hans


def chunks(text: str, size: int = 24) -> Iterator[str]:
    """The answer in clause-sized pieces, for streaming (joined they give back `text` exactly)."""
    for piece in _CHUNK.findall(text):
        for i in range(0, len(piece), size):
            if piece[i : i + size]:
                yield piece[i : i + size]


def sources(answer: Answer) -> str:
    """Citations and departments as the lines that follow the answer."""
    lines = []
    if answer.citations:
        lines.append(label("出处：", answer.script))
        for n, c in enumerate(answer.citations, 1):
            lines.append(f"[{n}] {c.section} {c.title}：「{c.quote}」")
    if answer.departments:
        lines.append(label("责任部门：", answer.script) + "、".join(answer.departments))
    return "\n".join(lines)


def full_text(answer: Answer) -> str:
    """The answer followed by its sources: what an OpenAI-compatible client receives."""
    tail = sources(answer)
    return f"{answer.answer}\n\n{tail}" if tail else answer.answer


def card(answer: Answer) -> str:
    """The answer card: question, answer, responsible departments, sections — to copy or print."""
    s = answer.script
    sections = "；".join(f"{c.section} {c.title}" for c in answer.citations) or "—"
    return "\n".join(
        [
            label("闵行区营商环境行动方案 · 答复卡", s),
            label("问题：", s) + answer.question,
            label("答复：", s) + answer.answer,
            label("责任部门：", s) + ("、".join(answer.departments) or "—"),
            label("方案章节：", s) + sections,
        ]
    )


def answer_from_dict(data: dict[str, Any]) -> Answer:
    """Rebuild an Answer from its dict (the Gradio state holds dicts)."""
    from bot.model import Citation

    fields = {k: v for k, v in data.items() if k in Answer.__dataclass_fields__}
    fields["citations"] = [Citation(**c) if isinstance(c, dict) else c for c in data.get("citations", [])]
    fields["evidence"] = []
    return Answer(**fields)
