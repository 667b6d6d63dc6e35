"""A question that asks several things (…由谁负责？规模多大？) gets one answer per part: each part's
lead, quotes and departments stay together, so no lead can be read as the answer to another part."""

from __future__ import annotations

from bot.model import Answer
from bot.question import Question


def combine(question: Question, answers: list[Answer]) -> Answer:
    """One answer from the parts' answers, in the order asked, answered as `_answered` says;
    citations and departments are the parts' own, each listed once. A part whose answer only repeats
    an earlier part's (研发中心能不能搞生产？一址两用是什么？ both answered by one task) is not shown again."""
    citations, departments, figures = [], [], []
    for answer in answers:
        citations += [c for c in answer.citations if c not in citations]
        departments += [d for d in answer.departments if d not in departments]
        figures += [f for f in answer.figures if f not in figures]
    first = next((a for a in answers if a.answered), answers[0])
    answered = _answered(answers)
    shown = answers if answered else sorted(answers, key=lambda a: a.answered)  # declined: said first
    return Answer(
        question=question.raw,
        answer="\n\n".join(
            a.answer for i, a in enumerate(shown) if not _adds_nothing(a, shown[:i], shown[i + 1 :])
        ),
        answered=answered,
        citations=citations if answered else [],
        departments=departments if answered else [],
        figures=figures,
        evidence=first.evidence,
        script=first.script,
        mode=first.mode,
        intent="+".join(a.intent for a in answers),
        timings_ms=first.timings_ms,
        stated=answered and all(a.stated for a in answers if a.answered),
    )


def _answered(answers: list[Answer]) -> bool:
    """Answered when a part is answered with what it asks; a question whose parts the plan answers
    not at all (利率是多少？), only around the thing asked (贴息比例: the plan names the subsidy, not
    its rate), or only by a quote beside a part it does not answer, is declined as a whole."""
    answered = [a for a in answers if a.answered]
    if len(answered) < len(answers) and all(a.intent in _QUOTE_ONLY for a in answered):
        return False  # 检查码显示什么内容？企业自己怎么查？: a detail the plan never states, beside a quote
    if any(a.answered and a.stated for a in answers):
        return True
    return all(a.answered for a in answers)


# Parts answered by a quote alone, with no value stated (what it is, whether it is so): beside a part
# the plan does not answer, such a quote is only near the question.
_QUOTE_ONLY = ("what", "yesno")


# Parts that ask for no particular value: their answer is the quotes themselves.
_OPEN_KINDS = ("what", "list", "section")


def _adds_nothing(answer: Answer, earlier: list[Answer], later: list[Answer]) -> bool:
    """An open part (一址两用是什么) whose quotes an earlier part's answer already showed, or an open
    or yes/no part (有没有帮人找工作的点？) whose quotes a later part shows with the figure it states
    (今年要建几个？ → 40个)."""
    cited = {(c.plan, c.section) for c in answer.citations}  # a comparison's plans share section ids

    def covers(other: Answer) -> bool:
        return other.answered and cited <= {(c.plan, c.section) for c in other.citations}

    if not cited:
        return False
    if answer.intent in _OPEN_KINDS and any(covers(a) for a in earlier):
        return True
    told = answer.intent in (*_OPEN_KINDS, "yesno") and not answer.figures
    return told and any(covers(a) and a.figures for a in later)
