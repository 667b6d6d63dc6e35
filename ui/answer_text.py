"""Answers as plain text: streamed chunks, the OpenAI-compatible message (citations travel in the text)
and the answer card a service-hall clerk copies or prints. Plain text only — the HTML lives in
`ui/gradio_render.py`, where every string is escaped."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from bot.model import Answer
from planqa.script import to_hant
from ui.plan_names import PlanName, card_title

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
    several = len({c.plan for c in answer.citations}) > 1  # a comparison: each source names its plan
    if answer.citations:
        lines.append(label("出处：", answer.script))
        for n, c in enumerate(answer.citations, 1):
            plan = f"《{c.plan_title}》" if several and c.plan_title else ""
            lines.append(f"[{n}] {plan}{c.section} {c.title}：「{c.quote}」")
    if answer.departments:
        lines.append(label("责任部门：", answer.script) + "、".join(answer.departments))
    return "\n".join(lines)


def full_text(answer: Answer) -> str:
    """The answer followed by its sources: what an OpenAI-compatible client receives."""
    tail = sources(answer)
    return f"{answer.answer}\n\n{tail}" if tail else answer.answer


CARD_NOTICE = "本卡摘自《行动方案》原文，仅供参考，不构成审批意见或承诺。"
DEPARTMENT_PREFIXES = ("负责部门：", "負責部門：", "Responsible:", "Responsible：")


def card(
    answer: Answer,
    plan: Any = None,
    leans_on: str | None = None,
    plans: Mapping[str, Any] | None = None,
) -> str:
    """The answer card a clerk copies or prints: a title, the question as it was understood (a
    follow-up with the question it leans on), the answer with its quotes, one line of departments,
    the sections in the plan's own numbering, and the notice that a card is no official reply.

    `plan` is the plan answered from; `plans` (id → plan) is given when several are loaded: the
    title then names the plan the answer came from, with its year, and each section its plan."""
    s = "hans" if answer.script == "en" else answer.script
    question = answer.question + (label("（接上文：", s) + leans_on + "）" if leans_on else "")
    lines = [
        label(_title(answer, plan, plans), s),
        label("问题：", s) + question,
        label("答复：", s) + answer.answer,
    ]
    if not any(line.startswith(DEPARTMENT_PREFIXES) for line in answer.answer.splitlines()):
        lines.append(label("负责部门：", s) + ("、".join(answer.departments) or "—"))
    lines.append(label("方案出处：", s) + (_sections(answer, plan, s, plans) or "—"))
    lines.append(label(CARD_NOTICE, s))
    return "\n".join(lines)


def _title(answer: Answer, plan: Any, plans: Mapping[str, Any] | None) -> str:
    if plans:
        used = [PlanName.of_plan(pid, plans[pid]) for pid in answer.plans if pid in plans]
        return card_title(used or [PlanName.of_plan(pid, p) for pid, p in plans.items()], True)
    return card_title([PlanName.of_plan("", plan)] if plan is not None else [], False)


def _sections(answer: Answer, plan: Any, script: str, plans: Mapping[str, Any] | None = None) -> str:
    if plan is None and not plans:
        return "；".join(f"{c.section} {c.title}" for c in answer.citations)
    from ui.answer_parts import numbered_label

    def named(c: Any) -> str:
        own = (plans or {}).get(c.plan, plan)
        where = numbered_label(own, c.section, script)
        return f"《{c.plan_title}》{where}" if plans and c.plan_title else where

    return "；".join(dict.fromkeys(named(c) for c in answer.citations))


def answer_from_dict(data: dict[str, Any]) -> Answer:
    """Rebuild an Answer from its dict (the Gradio state holds dicts)."""
    from bot.model import Citation

    fields = {k: v for k, v in data.items() if k in Answer.__dataclass_fields__}
    fields["citations"] = [Citation(**c) if isinstance(c, dict) else c for c in data.get("citations", [])]
    fields["evidence"] = []
    return Answer(**fields)
