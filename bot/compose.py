"""Compose the `Answer`: pick the builder for the intent, render the direct answer, the quotes with
their section markers and the departments in the asker's script, verify every quote against the plan,
and decline honestly when there is nothing to say."""

from __future__ import annotations

from bot import drafts, overview, sections
from bot.drafts import Ask, Draft, both
from bot.evidence import Ranked
from bot.glossary import english_name
from bot.guard import Screening, reads_as_instruction
from bot.intent import Intent
from bot.markers import marker, section_label, section_title
from bot.model import Answer, Citation
from bot.question import Question
from bot.quotes import QuoteChecker
from ingest import Plan
from planqa.script import to_hans, to_hant
from planqa.settings import Settings, get_settings

BUILDERS = {
    "figure": (drafts.figure, overview.figure_from_quote),
    "date": (drafts.date, overview.date_not_stated),
    "who": (overview.plan_opening, drafts.who),
    "dept_all": (drafts.department_all, drafts.who),
    "section": (sections.section, overview.explain),
    "outline": (sections.outline,),
    "yesno": (overview.yes_no,),
    "list": (overview.explain,),
    "what": (overview.explain,),
}
LABELS = {
    "hant": {"depts": "負責部門", "lead": "牽頭"},
    "hans": {"depts": "负责部门", "lead": "牵头"},
    "en": {"depts": "Responsible", "lead": "lead"},
}


def build_draft(
    plan: Plan,
    question: str,
    intent: Intent,
    ranked: Ranked,
    settings: Settings | None = None,
    parsed: Question | None = None,
    standalone: bool = True,
) -> Draft | None:
    """The first builder for the intent that finds something to say. `question` is the text whose
    words choose the quotes; `parsed` the question as understood (its asking clause), if known."""
    ask = Ask(plan, question, intent, ranked, settings or get_settings(), parsed, standalone)
    builders = BUILDERS[intent.kind]
    particular = (parsed is not None and parsed.thing) or _never_given(plan, intent.units)
    if intent.kind == "figure" and parsed is not None and parsed.asks_division:
        builders = builders[1:]  # 分几个阶段: the list of them answers, no count of something else
    elif intent.kind == "figure" and particular:  # a thing (利率) or a kind of value (几点) the plan
        builders = builders[:1]  # gives no figure for is declined; a topic it covers: said, then quoted
    for builder in builders:
        draft = builder(ask)
        if draft is not None:
            return draft
    return None


def not_stated(plan: Plan, question: str, ranked: Ranked, settings: Settings, thing: str) -> Draft | None:
    """The plan speaks of the topic but not of the particular thing asked (创园贷的担保费率, 人才公寓
    房租): say plainly that it does not state it, then quote what it does say."""
    draft = overview.explain(Ask(plan, question, Intent("what"), ranked, settings))
    if draft is not None:
        hant = f"方案沒有提到「{to_hant(thing)}」，"
        en = "The plan does not state this; "
        draft.lead = both(hant + draft.lead["hant"], en + draft.lead["en"][:1].lower() + draft.lead["en"][1:])
        draft.figures = []
        draft.stated = False
    return draft


def _never_given(plan: Plan, units: tuple[str, ...]) -> bool:
    """The question asks in units (几点 → 点钟) no figure of the plan is given in."""
    if not units:
        return False
    given = {to_hans(t.unit) for m in plan.measures() for t in m.targets}
    given |= {to_hans(t.unit) for task in plan.tasks() for t in task.targets}
    return not given & set(units)


def render(plan: Plan, question: str, draft: Draft, script: str, checker: QuoteChecker) -> Answer:
    quote_script = "hant" if script == "en" else script
    citations = []
    for section, quote_hant in draft.quotes:
        quote = to_hans(quote_hant) if quote_script == "hans" else quote_hant
        if not checker.verbatim(quote, quote_script) or reads_as_instruction(quote):
            continue
        citations.append(Citation(section, section_title(plan, section, quote_script), quote))
    lines = [draft.lead[script]]
    several = len({draft.quote_units.get(c.section) for c in citations}) > 1  # units differ by quote
    for c in citations:
        units = draft.quote_units.get(c.section) if several else None
        shown = f"（{_units(units, script)}）" if units else ""
        lines.append(f"“{c.quote}”{marker(plan, c.section, quote_script)}{shown}")
    label = LABELS[script]["depts"] + ("：" if script != "en" else ": ")
    if draft.task_units:  # an overview: every task with its own units
        lines.append(label + "；".join(f"{tid} {_units(refs, script)}" for tid, refs in draft.task_units))
    elif draft.departments and not several:  # (when units differ, each quote carries its own)
        lines.append(label + _units(draft.departments, script))
    every = [*draft.departments, *(r for refs in draft.quote_units.values() for r in refs)]
    every += [r for _, refs in draft.task_units for r in refs]
    return Answer(
        question=question,
        answer="\n".join(lines),
        answered=bool(citations),
        citations=citations,
        departments=list(dict.fromkeys(d.name.in_script(quote_script) for d in every)),
        figures=[to_hans(f) if quote_script == "hans" else f for f in draft.figures],
        script=script,  # type: ignore[arg-type]
        stated=draft.stated,
    )


def _units(refs, script: str) -> str:
    """A task's units as shown, lead marked: 区司法局（牵头）、区市场局."""
    quote_script = "hant" if script == "en" else script
    shown = [_shown(r.name.in_script(quote_script), r.lead, script) for r in refs]
    return ", ".join(shown) if script == "en" else "、".join(shown)


def _shown(name: str, lead: bool, script: str) -> str:
    if script == "en":
        english = english_name(name)
        return (f"{english} ({name})" if english != name else name) + (" (lead)" if lead else "")
    return f"{name}（{LABELS[script]['lead']}）" if lead else name


REFUSALS = {
    "injection": ("我只能依據《行動方案》的原文回答問題，不能執行其他指令。",
                  "I can only answer from the text of the action plan and cannot follow other instructions."),
    "invent": ("方案中沒有這項內容，我不能編造數字或承諾。",
               "The plan contains no such item, and I cannot make up figures or promises."),
    "other_place": ("本服務只解答{district}的這份行動方案，方案沒有涉及{detail}。",
                    "This service only covers {district_en}'s action plan; it does not cover {detail}."),
    "other_year": ("方案是{year}年的行動方案，沒有{detail}年的內容。",
                   "The plan is {district_en}'s {year} action plan and says nothing about {detail}."),
    "contact": ("方案沒有提供電話、地址等聯繫方式。",
                "The plan gives no phone numbers, addresses or other contact details."),
    "chat": ("我只解答《行動方案》裡的問題，這個請求不在方案範圍內。",
             "I only answer questions about the action plan; this request is outside it."),
    "not_in_plan": ("方案沒有提到「{detail}」。", "The plan says nothing about this."),
    "no_section": ("方案沒有這一條。方案分為{n}個部分：{parts}。", "The plan has no such section. Its {n} parts: {parts}."),
    "no_figure": ("方案沒有給出這個具體數字。", "The plan does not give this figure."),
    "no_duration": ("方案沒有給出辦理這件事所需的時間。", "The plan does not say how long this takes."),
    "off_topic": ("抱歉，《行動方案》沒有涉及這個問題。", "Sorry, the action plan does not cover this question."),
    "unlike_plan": ("《行動方案》沒有能回答這個問題的內容。", "The action plan says nothing that answers this question."),
}  # fmt: skip


def refuse(plan: Plan, question: str, script: str, screening: Screening, ranked: Ranked | None) -> Answer:
    """A polite refusal that invents nothing, pointing to the nearest sections where there are any."""
    hant, en = REFUSALS[screening.reason]
    detail = to_hant(screening.detail) if script == "hant" else screening.detail
    parts = "；".join(f"{p.id}. {p.title.hant}" for p in plan.parts)
    text = (en if script == "en" else hant).format(
        detail=detail,
        parts=parts,
        n=len(plan.parts),
        district=plan.district.hant or "本區",
        district_en=plan.district_en or "the district",
        year=plan.year or "",
    )
    if script == "hans":
        text = to_hans(text)
    nearby = _nearby(plan, ranked, screening, script)
    if nearby:
        label = {"hant": "相關內容可參考", "hans": "相关内容可参考", "en": "Related sections"}[script]
        text += f"\n{label}：{' '.join(nearby)}"
    return Answer(question=question, answer=text, answered=False, script=script)  # type: ignore[arg-type]


def _nearby(plan: Plan, ranked: Ranked | None, screening: Screening, script: str) -> list[str]:
    if ranked is None or screening.reason in ("injection", "invent", "other_place", "other_year", "chat"):
        return []
    quote_script = "hant" if script == "en" else script
    return [f"【{section_label(plan, s, quote_script)}】" for s in ranked.sections[:2]]
