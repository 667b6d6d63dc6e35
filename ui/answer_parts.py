"""An answer taken apart for the page: its lead, its quotes as numbered sources, its one line of
departments — read from what the bot returns (`Answer.answer` puts each quote on its own line as
“quote”【一、（四）…】 and ends with 负责部门：…), and the plan for what a citation does not carry
(each quoted unit's departments, the plan's own numbering).

The page shows one numbering, the plan's own (二、（五）… 第4项); the dotted ids (2.5.4) stay the
machine's: they travel only in links, so a source card can open its section in the plan browser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.compose import LABELS
from bot.markers import section_label
from bot.model import Answer, Citation
from ingest import Measure, Plan, Task
from planqa.script import to_script
from ui.answer_text import DEPARTMENT_PREFIXES, label

_MARKER = re.compile(r"【([^】]{1,80})】")
MAX_SOURCE_DEPARTMENTS = 4  # a measure's card names its leading units; more would bury the quote


@dataclass
class Source:
    number: int
    citation: Citation
    label: str  # 二、（五）人才服务创优行动 · 第4项
    departments: list[str]


@dataclass
class Parts:
    lead: list[str] = field(default_factory=list)  # lines before and between the quotes
    sources: list[Source] = field(default_factory=list)
    departments: str = ""  # the one line naming the responsible departments


def split(answer: Answer, plan: Plan, plans: Mapping[str, Plan] | None = None) -> Parts:
    """The answer's lines sorted into lead, numbered sources and the department line; with several
    plans loaded (`plans`, id → plan) each quote is numbered in its own plan."""
    script = "hant" if answer.script == "en" else answer.script
    parts, by_quote = Parts(), {c.quote: c for c in answer.citations}

    def source_of(citation: Citation) -> Source:
        own = (plans or {}).get(citation.plan, plan)
        return source(own, citation, len(parts.sources) + 1, script)

    for line in answer.answer.splitlines():
        quoted = _quoted(line)
        if quoted in by_quote:
            parts.sources.append(source_of(by_quote.pop(quoted)))
        elif line.startswith(DEPARTMENT_PREFIXES) and not parts.departments:
            parts.departments = line
        elif line.strip():
            parts.lead.append(line)
    for citation in by_quote.values():  # a quote the text does not carry (a composer's choice)
        parts.sources.append(source_of(citation))
    if not parts.departments and answer.departments:
        parts.departments = f"{LABELS[answer.script]['depts']}：" + "、".join(answer.departments)
    return parts


def _quoted(line: str) -> str | None:
    m = re.fullmatch(r"“(.*)”【[^】]*】", line.strip())
    return m.group(1) if m else None


def source(plan: Plan, citation: Citation, number: int, script: str) -> Source:
    return Source(
        number,
        citation,
        numbered_label(plan, citation.section, script),
        departments_of(plan, citation.section, script),
    )


def numbered_label(plan: Plan, section: str, script: str) -> str:
    """二、（五）人才服务创优行动, with · 第4项 for a task: the plan's numbering, no dotted id."""
    name = section_label(plan, section, script)
    if section.count(".") == 2:
        name += " · " + to_script(f"第{section.rsplit('.', 1)[1]}項", script)
    return name


def departments_of(plan: Plan, section: str, script: str) -> list[str]:
    """The units of a quoted task (leads marked), or the leading units of a quoted measure."""
    node = plan.section(section)
    lead = to_script("牽頭", script)
    if isinstance(node, Task):
        return [d.name.in_script(script) + (f"（{lead}）" if d.lead else "") for d in node.departments]
    if isinstance(node, Measure):
        names = [d.name.in_script(script) for t in node.tasks for d in t.departments if d.lead]
        names = list(dict.fromkeys(names))
        more = "等" if len(names) > MAX_SOURCE_DEPARTMENTS else ""
        return [*names[:MAX_SOURCE_DEPARTMENTS], *([more] if more else [])]
    return []


_LABELS: dict[int, dict[str, str]] = {}  # per loaded plan: 二、（五）人才服务创优行动 → "2.5"


def _labels(plan: Plan) -> dict[str, str]:
    if id(plan) in _LABELS:
        return _LABELS[id(plan)]
    out = _LABELS[id(plan)] = {}
    for script in ("hans", "hant"):
        for part in plan.parts:
            out[section_label(plan, part.id, script)] = part.id
            for m in part.measures:
                out[section_label(plan, m.id, script)] = m.id
    return out


def marked_sections(plan: Plan, text: str) -> list[tuple[str, str | None]]:
    """`text` cut at its 【section】 markers: (piece, section id of a marker or None for plain text)."""
    labels, out, at = _labels(plan), [], 0
    for m in _MARKER.finditer(text):
        out.append((text[at : m.start()], None))
        out.append((m.group(0), labels.get(m.group(1))))
        at = m.end()
    out.append((text[at:], None))
    return [(piece, sid) for piece, sid in out if piece]


FOLLOW_UPS = ("{measure}具体有哪些任务？", "{measure}由哪个部门负责？", "{unit}负责什么？")
SKIP_FOR_INTENT = {"section": 0, "list": 0, "who": 1, "dept_all": 2}  # what the answer already was


def follow_ups(answer: Answer, plan: Plan, limit: int = 3) -> list[str]:
    """Questions to ask next, built from the answer's own first section and first unit; each names
    its topic, so it is answered the same wherever in the conversation it is clicked."""
    script = "hans" if answer.script == "en" else answer.script
    measure = _first_measure(plan, answer)
    unit = answer.departments[0] if answer.departments and answer.script != "en" else None
    skip = SKIP_FOR_INTENT.get(answer.intent)
    out = []
    for n, pattern in enumerate(FOLLOW_UPS):
        needs = "{measure}" if "{measure}" in pattern else "{unit}"
        value = measure if needs == "{measure}" else unit
        if n == skip or not value:
            continue
        question = label(pattern.format(measure=value, unit=value), script)
        if question != answer.question:
            out.append(question)
    return out[:limit]


def _first_measure(plan: Plan, answer: Answer) -> str | None:
    script = "hans" if answer.script == "en" else answer.script
    for c in answer.citations:
        node = plan.section(".".join(c.section.split(".")[:2]))
        if isinstance(node, Measure):
            return node.title.in_script(script)
    return None
