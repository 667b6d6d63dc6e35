"""Recover the structure of a repaired plan: header, front matter, parts, measures, tasks, closing.

The genre is fixed, the numbers and layouts are not. Parts are lines "一、…"; measures are "（一）…" or,
in plans without them, "1." lines, with the title inline ("（一）title。body") or on a line of its own.
A task is a sentence that ends in a list of responsible units, a numbered item under a measure (1. or
(1)/①, with a fourth level folded into its item), or, in a plan that names no units, a paragraph (a
sentence when the measure is one paragraph). A first part titled 总体要求/指导思想/… is front matter:
its own part "0", and its text joins the preamble, which answers "what are the overall goals". Either
script, either width of punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.departments import department_refs, parse_departments
from ingest.header import (
    Metadata,
    is_date_line,
    is_metadata_line,
    parse_date,
    read_header_text,
    read_metadata_line,
    split_closing,
)
from ingest.model import Measure, Part, Task, Text
from ingest.targets import targets_for
from planqa.errors import NotAPlanError
from planqa.script import detect_script, to_hans, to_hant

_NUM = "一二三四五六七八九十"
PART_RE = re.compile(rf"^([{_NUM}]+)、\s*(.+)$")
MEASURE_RE = re.compile(rf"^[(（]([{_NUM}]+)[)）]\s*(.+)$")
ARABIC_RE = re.compile(r"^(\d{1,2})\s*[.．、](?![\d.．])\s*(.+)$")
SUB_ITEM_RE = re.compile(r"^(?:[(（]\d{1,2}[)）]|[①-⑳])\s*(.+)$")
# A closing parenthetical, possibly with one level of brackets inside (各市(区)人民政府).
PAREN_END_RE = re.compile(r"[(（]((?:[^()（）]|[(（][^()（）]{1,20}[)）]){2,120})[)）]\s*[。;；]?")
SENTENCE_END = "。；;!！?？"
MIN_HAN_SHARE = 0.3
FRONT_TITLES = (
    "总体要求",
    "指导思想",
    "工作原则",
    "基本原则",
    "主要目标",
    "工作目标",
    "总体目标",
    "发展目标",
)
MAX_TITLE_LINE = 40
FRONT_ID = "0"


@dataclass
class _DraftMeasure:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[list[str]] = field(default_factory=list)  # each item: its line, then its sub-items
    item_marker: str = ""


@dataclass
class _DraftPart:
    title: str
    front: bool = False
    prose: list[str] = field(default_factory=list)
    measures: list[_DraftMeasure] = field(default_factory=list)


@dataclass
class _Draft:
    """The plan while it is being read: plain strings, converted into `Text` at the end."""

    notice: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    date: str = ""
    preamble: list[str] = field(default_factory=list)
    parts: list[_DraftPart] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)


@dataclass(frozen=True)
class ParsedText:
    """What the text of a plan says, both scripts filled in; `build_plan` adds departments and repairs."""

    title: Text
    issued: str
    notice: Text
    preamble: Text
    parts: tuple[Part, ...]
    front: Part | None
    closing: Text
    meta: Metadata
    convert: Callable[[str], Text]
    script: str  # the document's own script: "hans" or "hant"


def parse_plan_text(text: str) -> ParsedText:
    """Parse repaired text into its header, front matter, parts and closing."""
    _check_genre(text)
    draft = _read_lines([ln.strip() for ln in text.splitlines() if ln.strip()])
    task_parts = [p for p in draft.parts if not p.front]
    if not any(p.measures for p in task_parts):
        raise NotAPlanError(
            "未找到“一、”形式的部分和“（一）”或“1.”形式的措施，该文件不像一份行动方案。",
            "No parts (一、…) or measures (（一）…, 1.) found: the file does not look like an action plan.",
        )
    convert = _converter(text)
    parts = tuple(_part(str(n), p, convert) for n, p in enumerate(task_parts, 1))
    fronts = [p for p in draft.parts if p.front]
    front = _part(FRONT_ID, _one_front(fronts), convert, front=True) if fronts else None
    preamble = "".join(draft.preamble) + "".join(_front_text(p) for p in fronts)
    title = "".join(draft.title) or draft.meta.title_in_notice
    return ParsedText(
        title=convert(title),
        issued=draft.date or draft.meta.date or _closing_date(draft.meta.closing),
        notice=convert("\n".join(draft.notice)),
        preamble=convert(preamble),
        parts=parts,
        front=front,
        closing=convert("\n".join(draft.meta.closing)),
        meta=draft.meta,
        convert=convert,
        script="hans" if detect_script(text) == "hans" else "hant",
    )


def _closing_date(closing: list[str]) -> str:
    """The date under the signature, for a plan whose header gives none."""
    return next((parse_date(line) for line in closing if is_date_line(line)), "")


def _check_genre(text: str) -> None:
    visible = [c for c in text if not c.isspace()]
    han = sum("\u3400" <= c <= "\u9fff" for c in visible)
    if not visible or han / len(visible) < MIN_HAN_SHARE:
        raise NotAPlanError(
            "该文件不是中文的行动方案文本。", "The file is not the Chinese text of an action plan."
        )


# --- reading lines ------------------------------------------------------------------------------


def _read_lines(lines: list[str]) -> _Draft:
    draft = _Draft()
    lines, draft.meta.closing = split_closing(lines)
    first_part = next((i for i, ln in enumerate(lines) if PART_RE.match(ln)), len(lines))
    for line in lines[:first_part]:
        if is_metadata_line(line):  # the header in place of a notice: what it says stays quotable
            read_metadata_line(line, draft.meta)
            draft.notice.append(line)
        else:
            _front_line(draft, line)
    read_header_text("\n".join(lines[:first_part]), draft.meta)
    if not draft.title and draft.preamble:  # no title lines: the first short line was the title
        draft.title.append(draft.preamble.pop(0))
    _read_body(lines[first_part:], draft)
    return draft


def _front_line(draft: _Draft, line: str) -> None:
    """Before the first part: notice → date → title lines → preamble."""
    if is_date_line(line) and not draft.date:
        draft.date = parse_date(line)
        draft.notice.extend(draft.title + draft.preamble)  # all before the date was the notice
        draft.title.clear()
        draft.preamble.clear()
        draft.notice.append(line)
        return
    is_heading = line[-1] not in SENTENCE_END + ":：,，" and len(line) <= MAX_TITLE_LINE
    if is_heading and not draft.preamble:
        draft.title.append(line)
    else:
        draft.preamble.append(line)


def _read_body(lines: list[str], draft: _Draft) -> None:
    """Parts, measures and items; which markers mean a measure is decided by the task parts' lines."""
    measure_re, item_re = _markers(lines)
    for line in lines:
        part = PART_RE.match(line)
        if part:
            title = part.group(2).strip()
            front = not any(not p.front for p in draft.parts) and to_hans(title).startswith(FRONT_TITLES)
            draft.parts.append(_DraftPart(title, front))
            continue
        current = draft.parts[-1]
        heading = MEASURE_RE.match(line) if current.front else measure_re.match(line)
        if heading:
            current.measures.append(_DraftMeasure(heading.group(2).strip()))
        elif current.measures and not current.front and (item := _item(line, item_re, current.measures[-1])):
            current.measures[-1].items.append([item])
        elif current.measures and current.measures[-1].items:
            pieces = current.measures[-1].items[-1]
            if SUB_ITEM_RE.match(line) or ARABIC_RE.match(line):
                pieces.append(line)  # a fourth-level sub-item
            else:
                pieces[-1] += line  # the item goes on
        elif current.measures:
            current.measures[-1].paragraphs.append(line)
        elif not current.prose and line[-1] not in SENTENCE_END and len(line) <= MAX_TITLE_LINE:
            current.title += line  # a part title wrapped over two lines
        else:
            current.prose.append(line)


def _item(line: str, item_re: re.Pattern, measure: _DraftMeasure) -> str | None:
    """The text of a new task item, or None. A measure's first item fixes its marker (1. or (1)/①);
    a line with another marker after it is a fourth-level sub-item, folded into the item before."""
    for pattern in (item_re, SUB_ITEM_RE):
        m = pattern.match(line)
        if m and (measure.item_marker in ("", pattern.pattern)):
            measure.item_marker = pattern.pattern
            return m.group(m.lastindex)
    return None


def _markers(lines: list[str]) -> tuple[re.Pattern, re.Pattern]:
    """（一） marks measures wherever a task part uses it, and then 1. marks tasks; otherwise 1. marks
    measures and (1)/① tasks."""
    task_lines, in_front = [], False
    for line in lines:
        part = PART_RE.match(line)
        if part:
            in_front = to_hans(part.group(2)).startswith(FRONT_TITLES) and not task_lines
        elif not in_front:
            task_lines.append(line)
    if any(MEASURE_RE.match(ln) for ln in task_lines):
        return MEASURE_RE, ARABIC_RE
    return ARABIC_RE, SUB_ITEM_RE


# --- building the parts --------------------------------------------------------------------------


def _part(pid: str, draft: _DraftPart, convert, front: bool = False) -> Part:
    return Part(
        id=pid,
        title=convert(draft.title),
        measures=tuple(_measure(f"{pid}.{n}", m, convert, front) for n, m in enumerate(draft.measures, 1)),
    )


def _one_front(fronts: list[_DraftPart]) -> _DraftPart:
    """Several front-matter parts (一、指导思想 二、主要目标 …) make one part "0": each later one a section."""
    first = fronts[0]
    sections = list(first.measures)
    for later in fronts[1:]:
        sections.append(_DraftMeasure(later.title, paragraphs=list(later.prose)))
        sections.extend(later.measures)
    return _DraftPart(first.title, True, list(first.prose), sections)


def _front_text(part: _DraftPart) -> str:
    """The text a front-matter part adds to the preamble: its prose and its sections' bodies."""
    bodies = []
    for m in part.measures:
        title, inline = split_heading(m.heading)
        bodies.extend([inline, *m.paragraphs] if inline or m.paragraphs else [title])
    return "".join(part.prose + bodies)


def split_heading(rest: str) -> tuple[str, str]:
    """ "完善市場準入機制行動。依托…" → ("完善市場準入機制行動", "依托…"); a title alone stays whole."""
    for i, ch in enumerate(rest):
        if ch in "。":
            return rest[:i].strip(), rest[i + 1 :].strip()
    return rest.strip(), ""


def _measure(mid: str, draft: _DraftMeasure, convert, front: bool = False) -> Measure:
    title, inline = split_heading(draft.heading)
    paragraphs = ([inline] if inline else []) + draft.paragraphs
    lead = "".join(paragraphs)
    if front:
        task_parts: list[tuple[str, list[tuple[str, bool]]]] = []
    elif draft.items:
        task_parts = [task for item in draft.items for task in _item_tasks(item)]
    else:
        lead, task_parts = split_tasks(lead)
        if not task_parts:
            lead, task_parts = tasks_without_units(paragraphs)
    tasks = tuple(
        Task(
            id=f"{mid}.{n}",
            text=convert(sentence),
            departments=department_refs(units, convert),
            targets=targets_for(sentence, convert),
        )
        for n, (sentence, units) in enumerate(task_parts, 1)
    )
    return Measure(
        id=mid,
        title=convert(title),
        lead=convert(lead),
        text=convert("".join(paragraphs + [p for item in draft.items for p in item])),
        tasks=tasks,
        targets=targets_for(lead, convert),
    )


def _item_tasks(pieces: list[str]) -> list[tuple[str, list[tuple[str, bool]]]]:
    """A numbered item is one task, its sub-items folded in; but where every sub-item names its own
    units (1.做强进口贸易平台 → (1)…（责任单位：…）), the item is a group heading and each sub-item a task."""
    subs = pieces[1:]
    if subs and all(_item_units(s) for s in subs):
        return [(_unnumbered(s), _item_units(s)) for s in subs]
    whole = "".join(pieces)
    return [(whole, _item_units(whole))]


def _unnumbered(line: str) -> str:
    """A sub-item without its (1)/①/1. marker."""
    m = SUB_ITEM_RE.match(line) or ARABIC_RE.match(line)
    return m.group(m.lastindex) if m else line


def _item_units(item: str) -> list[tuple[str, bool]]:
    """The units a numbered task item closes with, or none."""
    found = list(PAREN_END_RE.finditer(item))
    if found and found[-1].end() >= len(item.rstrip()):
        return parse_departments(found[-1].group(1)) or []
    return []


def split_tasks(body: str) -> tuple[str, list[tuple[str, list[tuple[str, bool]]]]]:
    """The lead sentences and the tasks of a measure body; a task ends in a department parenthetical."""
    tasks: list[tuple[str, list[tuple[str, bool]]]] = []
    lead, start = "", 0
    for m in PAREN_END_RE.finditer(body):
        at_end = m.end() >= len(body) or body[m.end() - 1] in SENTENCE_END
        units = parse_departments(m.group(1)) if at_end else None
        if units is None:
            continue
        chunk = body[start : m.end()].strip()
        if not tasks:
            lead, chunk = _peel_lead(chunk)
        tasks.append((chunk, units))
        start = m.end()
    tail = body[start:].strip()
    if not tasks:
        return body.strip(), []
    if tail:  # a closing sentence with no department of its own belongs to the lead
        lead = (lead + tail).strip()
    return lead, tasks


def tasks_without_units(paragraphs: list[str]) -> tuple[str, list[tuple[str, list]]]:
    """A plan that names no units: each paragraph is a task (the first one's opening sentences are
    the lead), or, in a measure of one paragraph, each sentence after the first."""
    if len(paragraphs) > 1:
        lead, first = _peel_lead(paragraphs[0])
        return lead, [(p, []) for p in [first, *paragraphs[1:]] if p]
    sentences = re.findall(r"[^。；;]+[。；;]?", paragraphs[0]) if paragraphs else []
    if len(sentences) < 2:  # one sentence: the measure's one task
        return "", [(s, []) for s in sentences]
    return sentences[0], [(s, []) for s in sentences[1:]]


def _peel_lead(chunk: str) -> tuple[str, str]:
    """The first task's chunk also holds the measure's lead: every sentence but the last."""
    cut = _last_sentence_end(chunk[:-1])
    if cut < 0:
        return "", chunk
    return chunk[: cut + 1].strip(), chunk[cut + 1 :].strip()


def _last_sentence_end(text: str) -> int:
    """Where the last sentence before the end closes, outside brackets (a unit list may hold a ；)."""
    depth, cut = 0, -1
    for i, ch in enumerate(text):
        depth += (ch in "(（") - (ch in ")）")
        if ch in "。；;" and depth <= 0:
            cut = i
    return cut


def _converter(text: str):
    """A function str → Text keeping the document's own script and deriving the other."""
    if detect_script(text) == "hans":
        return lambda s: Text(hant=to_hant(s), hans=s)
    return lambda s: Text(hant=s, hans=to_hans(s))
