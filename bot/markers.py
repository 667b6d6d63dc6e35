"""How the plan's sections are named to a reader: 【一、（四）優化普惠金融服務行動】."""

from __future__ import annotations

from ingest import Plan
from planqa.script import to_hans

NUMERALS = "一二三四五六七八九十"
PREAMBLE_LABEL = "序言"


def numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def section_label(plan: Plan, section: str, script: str) -> str:
    """ "1.4" → 一、（四）優化普惠金融服務行動 (a task id is labelled by its measure)."""
    if section == "0":
        return PREAMBLE_LABEL
    ids = section.split(".")
    part = plan.section(ids[0])
    if part is None:
        return section
    if len(ids) == 1:
        return f"{numeral(int(ids[0]))}、{part.title.in_script(script)}"
    measure = plan.section(".".join(ids[:2]))
    title = measure.title.in_script(script) if measure else ""
    return f"{numeral(int(ids[0]))}、（{numeral(int(ids[1]))}）{title}"


def marker(plan: Plan, section: str, script: str) -> str:
    return f"【{section_label(plan, section, script)}】"


def section_title(plan: Plan, section: str, script: str) -> str:
    """The title a citation carries: the measure's (for a task or measure), the part's, or the plan's."""
    title = plan.section_title(section)
    return title.in_script(script)


def localise(text: str, script: str) -> str:
    return to_hans(text) if script == "hans" else text
