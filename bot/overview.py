"""Builders for questions answered by quoting: the plan's opening, yes/no, and explanations."""

from __future__ import annotations

import re

from bot.drafts import QUOTE_LIMIT, SECOND_QUOTE_RATIO, Draft, _merge_refs, both
from bot.evidence import Ranked, best_clauses, holds, overlap, quoted_terms, statement
from bot.intent import Intent
from ingest import Measure, Plan
from planqa.script import normalise

MAX_QUOTES = 3
YES_MIN_OVERLAP = 0.3  # share of the question the quoted sentences must echo before the answer says yes
MAX_MENTIONS = 5  # measures listed for "where does the plan mention …"
PREAMBLE_LIMIT = 260  # the preamble is one long sentence: quote its goals in full
MIN_COVERAGE_GAIN = 0.1  # a runner-up from another measure must cover this much more of the question
RELATED_QUOTE_RATIO = 0.6  # a runner-up covering another part of the question may score this much lower
RUNNER_UP_POOL = 8  # tasks considered for a second or third quote
_ASPECTS = re.compile(r"[和与及]|以及|分别|各(自|定|有|是)|还有|\band\b")
_EXEMPTION = re.compile(r"免|不再|無需|无需|不予|禁止|不得")
_YES_WORDS = [
    (re.compile(r"有没有|有无|有.{0,10}吗"), "有。", "Yes."),
    (re.compile(r"能不能|能否|可不可以|可以.{0,12}吗|能.{0,12}吗|行不行|行吗"), "可以。", "Yes."),
    (re.compile(r"会不会|会.{0,12}吗"), "會。", "Yes."),
]


def plan_opening(plan: Plan, question: str, intent: Intent, ranked: Ranked) -> Draft | None:
    """The notice or the preamble, when retrieval ranks the plan's opening above every measure and
    task ("通知发给哪些单位？", "总体目标是什么？")."""
    best = max([s for _, s in ranked.tasks[:1]] + [s for _, s in ranked.measures[:1]], default=float("-inf"))
    if ranked.sections[:1] == ["0"] and ranked.preamble >= best:
        return preamble(plan, question, ranked)
    return None


def preamble(plan: Plan, question: str, ranked: Ranked) -> Draft:
    """The opening of the plan: the notice (to whom, issued when) or the preamble (the overall goals),
    whichever the question speaks to; both are short enough to quote nearly whole."""
    notice, goals = plan.notice.hant, plan.preamble.hant
    addressed = re.sub(r"《[^》]*》", "", notice)  # the plan's own title is in both
    if notice and overlap(question, addressed) > overlap(question, goals):
        quote = best_clauses(notice, question, PREAMBLE_LIMIT)
        return Draft(both("方案印發通知寫道：", "The notice issuing the plan reads:"), [("0", quote)])
    quote = best_clauses(goals, question, PREAMBLE_LIMIT)
    return Draft(both("方案的總體要求是：", "The plan's overall goals:"), [("0", quote)])


def yes_no(plan: Plan, question: str, intent: Intent, ranked: Ranked) -> Draft | None:
    """Say yes only where the question asks whether something exists or can be done and the plan's
    sentence commits to it without an exemption; otherwise let the quote speak for itself."""
    draft = explain(plan, question, intent, ranked)
    if draft is None:
        return None
    q = normalise(question)
    quoted = "".join(text for _, text in draft.quotes)
    if overlap(question, quoted) < YES_MIN_OVERLAP:  # the quote is near the question, not on it
        return draft
    for pattern, hant, en in _YES_WORDS:
        if pattern.search(q) and not _EXEMPTION.search(quoted):
            draft.lead = both(f"{hant}方案提出：", f"{en} The plan provides:")
            break
    return draft


def explain(plan: Plan, question: str, intent: Intent, ranked: Ranked) -> Draft | None:
    """Quote the best unit: a task, a measure's lead, or the preamble; quote runners-up that are nearly
    as good (lists, questions across measures), more briefly."""
    terms = quoted_terms(question)
    holders = [t for t, _ in ranked.tasks if holds(t, terms)] if terms else []
    if holders and intent.wants_list:  # "哪些地方提到了“大零号湾”": every measure that says it
        return _task_answer(question, _one_per_measure(holders)[:MAX_MENTIONS])
    opening = plan_opening(plan, question, intent, ranked)
    if opening is not None:
        return opening
    best_task = ranked.tasks[0][1] if ranked.tasks else float("-inf")
    best_measure = ranked.measures[0] if ranked.measures else None
    if best_measure and best_measure[1] >= best_task and best_measure[0].lead.hant:
        return _lead_answer(plan, question, best_measure[0], ranked)
    if not ranked.tasks:
        return None
    if holders and not holds(ranked.tasks[0][0], terms):
        return _task_answer(question, [holders[0]])
    return _task_answer(question, _close_tasks(ranked, intent, question))


def _task_answer(question: str, chosen: list) -> Draft:
    quotes = [
        (t.id, best_clauses(statement(t, "hant"), question, QUOTE_LIMIT if i == 0 else QUOTE_LIMIT // 2))
        for i, t in enumerate(chosen)
    ]
    refs = _merge_refs(t.departments for t in chosen)
    return Draft(
        both("方案提出：", "According to the plan:"), quotes, departments=refs, is_list=len(chosen) > 1
    )


def _one_per_measure(tasks: list) -> list:
    seen: set[str] = set()
    return [t for t in tasks if not (t.measure_id in seen or seen.add(t.measure_id))]


def _close_tasks(ranked: Ranked, intent: Intent, question: str) -> list:
    """The best task, and runners-up: nearly as good ones for a list or from the same measure (the rest
    of the answer); from another measure only one that covers part of the question the chosen ones
    leave out (a question across measures)."""
    top_task, top = ranked.tasks[0]
    chosen = [top_task]
    for task, score in ranked.tasks[1:RUNNER_UP_POOL]:
        if len(chosen) >= MAX_QUOTES:
            break
        close = score >= SECOND_QUOTE_RATIO * top and (
            intent.wants_list or task.measure_id == top_task.measure_id
        )
        if close or (score >= RELATED_QUOTE_RATIO * top and _adds_coverage(question, chosen, task)):
            chosen.append(task)
    return chosen


def _adds_coverage(question: str, chosen: list, task) -> bool:
    """Does `task`, from another measure, cover part of the question the chosen tasks leave out?
    A question that announces several aspects ("开店审批和日常检查", "分别", "各") needs less proof."""
    if any(t.measure_id == task.measure_id for t in chosen):
        return False
    covered = "".join(t.text.hans for t in chosen)
    gain = overlap(question, covered + task.text.hans) - overlap(question, covered)
    return gain >= (MIN_COVERAGE_GAIN / 2 if _ASPECTS.search(normalise(question)) else MIN_COVERAGE_GAIN)


def _lead_answer(plan: Plan, question: str, measure: Measure, ranked: Ranked) -> Draft:
    """A measure's lead sentence answers questions about its aim; its best task adds the substance."""
    quotes = [(measure.id, best_clauses(measure.lead.hant, question, QUOTE_LIMIT))]
    tasks = ranked.top_tasks(1, within=measure.id)
    if tasks:
        quotes.append(
            (tasks[0][0].id, best_clauses(statement(tasks[0][0], "hant"), question, QUOTE_LIMIT // 2))
        )
    refs = _merge_refs(t.departments for t, _ in tasks)
    return Draft(both("方案提出：", "According to the plan:"), quotes, departments=refs)
