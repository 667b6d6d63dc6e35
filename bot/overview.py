"""Builders for questions answered by quoting: section overviews, yes/no, and explanations."""

from __future__ import annotations

import re

from bot.drafts import QUOTE_LIMIT, SECOND_QUOTE_RATIO, Draft, _merge_refs, both
from bot.evidence import Ranked, best_clauses, statement
from bot.intent import Intent
from bot.markers import numeral, section_label
from ingest import Measure, Part, Plan
from planqa.script import normalise

MAX_QUOTES = 3
_YES_WORDS = [
    (re.compile(r"有没有|有无|有.{0,10}吗"), "有。", "Yes."),
    (re.compile(r"能不能|能否|可不可以|可以.{0,12}吗|能.{0,12}吗|行不行|行吗"), "可以。", "Yes."),
    (re.compile(r"会不会|会.{0,12}吗"), "會。", "Yes."),
]


def section(plan: Plan, question: str, intent: Intent, ranked: Ranked) -> Draft | None:
    ref = ranked.section_ref or (ranked.sections[0] if ranked.sections else None)
    node = plan.section(ref) if ref and ref != "0" else None
    if ref == "0":
        return preamble(plan, question, ranked)
    if isinstance(node, Part):
        return _part(plan, node)
    if isinstance(node, Measure):
        return _measure(plan, node, question)
    return None


def _part(plan: Plan, part: Part) -> Draft:
    label = section_label(plan, part.id, "hant")
    items = "；".join(f"（{numeral(i)}）{m.title.hant}" for i, m in enumerate(part.measures, 1))
    lead = f"{label}，共{len(part.measures)}項措施：{items}。"
    en = f"Part {part.id} ({part.title.hant}) has {len(part.measures)} measures: {items}."
    quotes = [(part.id, part.title.hant)] + [(m.id, m.title.hant) for m in part.measures]
    return Draft(both(lead, en), quotes, is_list=True)


def _measure(plan: Plan, measure: Measure, question: str) -> Draft:
    label = section_label(plan, measure.id, "hant")
    refs = _merge_refs(t.departments for t in measure.tasks)
    lead = f"{label}共{len(measure.tasks)}項任務。"
    en = f"Measure {measure.id} ({measure.title.hant}) has {len(measure.tasks)} tasks."
    summary = measure.lead.hant or statement(measure.tasks[0], "hant")
    quotes = [(measure.id, best_clauses(summary, question, QUOTE_LIMIT))]
    return Draft(both(lead, en), quotes, departments=[r for r in refs if r.lead] or refs[:3], is_list=True)


def preamble(plan: Plan, question: str, ranked: Ranked) -> Draft:
    quote = best_clauses(plan.preamble.hant, question, QUOTE_LIMIT)
    return Draft(both("方案的總體要求是：", "The plan's overall goals:"), [("0", quote)])


def yes_no(plan: Plan, question: str, intent: Intent, ranked: Ranked) -> Draft | None:
    draft = explain(plan, question, intent, ranked)
    if draft is None:
        return None
    q = normalise(question)
    yes_hant, yes_en = "是的。", "Yes."
    for pattern, hant, en in _YES_WORDS:
        if pattern.search(q):
            yes_hant, yes_en = hant, en
            break
    draft.lead = both(f"{yes_hant}方案提出：", f"{yes_en} The plan provides:")
    return draft


def explain(plan: Plan, question: str, intent: Intent, ranked: Ranked) -> Draft | None:
    """Quote the best task; quote runners-up that are nearly as good (lists, questions across measures)."""
    if ranked.sections and ranked.sections[0] == "0" and (not ranked.tasks or _preamble_wins(ranked)):
        return preamble(plan, question, ranked)
    if not ranked.tasks:
        return None
    top_task, top = ranked.tasks[0]
    chosen = [top_task]
    for task, score in ranked.tasks[1:]:
        if len(chosen) >= MAX_QUOTES:
            break
        close = score >= SECOND_QUOTE_RATIO * top
        if close and (intent.wants_list or task.measure_id != top_task.measure_id):
            chosen.append(task)
    limit = QUOTE_LIMIT if len(chosen) == 1 else QUOTE_LIMIT // 2
    quotes = [(t.id, best_clauses(statement(t, "hant"), question, limit)) for t in chosen]
    lead = both("方案提出：", "According to the plan:")
    return Draft(
        lead, quotes, departments=_merge_refs(t.departments for t in chosen), is_list=len(chosen) > 1
    )


def _preamble_wins(ranked: Ranked) -> bool:
    return bool(ranked.sections) and ranked.sections[0] == "0"
