"""Recover the structure of a repaired plan: notice, title, preamble, parts, measures, tasks.

The genre is fixed, the numbers are not: parts are lines "一、…", measures lines "（一）title。body",
and a task is a sentence that ends in a parenthetical list of responsible units. Either script, either
width of punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.departments import department_refs, parse_departments
from ingest.model import Measure, Part, Task, Text
from ingest.targets import targets_for
from planqa.errors import NotAPlanError
from planqa.script import detect_script, to_hans, to_hant

_NUM = "一二三四五六七八九十"
PART_RE = re.compile(rf"^([{_NUM}]+)、\s*(.+)$")
MEASURE_RE = re.compile(rf"^[(（]([{_NUM}]+)[)）]\s*(.+)$")
DATE_RE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
# A closing parenthetical: "(…)" right before the sentence end (or the end of the paragraph).
PAREN_END_RE = re.compile(r"[(（]([^()（）]{2,120})[)）]\s*[。;；]?")
SENTENCE_END = "。；;!！?？"
MIN_HAN_SHARE = 0.3


@dataclass
class _Draft:
    """The plan while it is being read: plain strings, converted into `Text` at the end."""

    notice: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    date: str = ""
    preamble: list[str] = field(default_factory=list)
    parts: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # title, [(title, body)]


def parse_plan_text(text: str):
    """Parse repaired text into (title, issued, notice, preamble, parts) with both scripts filled in."""
    _check_genre(text)
    draft = _read_lines([ln.strip() for ln in text.splitlines() if ln.strip()])
    if not draft.parts or not any(measures for _, measures in draft.parts):
        raise NotAPlanError(
            "未找到“一、”形式的部分和“（一）”形式的措施，该文件不像一份行动方案。",
            "No parts (一、…) or measures (（一）…) found: the file does not look like an action plan.",
        )
    convert = _converter(text)
    parts = tuple(
        Part(
            id=str(p),
            title=convert(ptitle),
            measures=tuple(
                _measure(f"{p}.{m}", mtitle, body, convert) for m, (mtitle, body) in enumerate(measures, 1)
            ),
        )
        for p, (ptitle, measures) in enumerate(draft.parts, 1)
    )
    title = convert("".join(draft.title))
    return title, draft.date, convert("\n".join(draft.notice)), convert("".join(draft.preamble)), parts


def _check_genre(text: str) -> None:
    visible = [c for c in text if not c.isspace()]
    han = sum("\u3400" <= c <= "\u9fff" for c in visible)
    if not visible or han / len(visible) < MIN_HAN_SHARE:
        raise NotAPlanError(
            "该文件不是中文的行动方案文本。", "The file is not the Chinese text of an action plan."
        )


def _read_lines(lines: list[str]) -> _Draft:
    draft = _Draft()
    stage = "front"
    for line in lines:
        part, measure = PART_RE.match(line), MEASURE_RE.match(line)
        if part:
            draft.parts.append((part.group(2).strip(), []))
            stage = "part"
        elif measure and draft.parts:
            title, body = _split_heading(measure.group(2))
            draft.parts[-1][1].append((title, body))
            stage = "measure"
        elif stage == "measure":
            title, body = draft.parts[-1][1][-1]
            draft.parts[-1][1][-1] = (title, body + line)
        elif stage == "part":
            draft.parts[-1] = (draft.parts[-1][0] + line, draft.parts[-1][1])
        else:
            _front_line(draft, line)
    if not draft.title and draft.preamble:  # no title lines: the first short line was the title
        draft.title.append(draft.preamble.pop(0))
    return draft


def _front_line(draft: _Draft, line: str) -> None:
    """Before the first part: notice → date → title lines → preamble."""
    date = DATE_RE.match(line)
    if date and not draft.date:
        y, m, d = (int(x) for x in date.groups())
        draft.date = f"{y:04d}-{m:02d}-{d:02d}"
        draft.notice.extend(draft.title + draft.preamble)  # all before the date was the notice
        draft.title.clear()
        draft.preamble.clear()
        draft.notice.append(line)
        return
    is_heading = line[-1] not in SENTENCE_END + ":：,，" and len(line) <= 40
    if is_heading and not draft.preamble:
        draft.title.append(line)
    else:
        draft.preamble.append(line)


def _split_heading(rest: str) -> tuple[str, str]:
    """ "完善市場準入機制行動。依托…" → ("完善市場準入機制行動", "依托…")."""
    for i, ch in enumerate(rest):
        if ch in "。":
            return rest[:i].strip(), rest[i + 1 :].strip()
    return rest.strip(), ""


def _measure(mid: str, title: str, body: str, convert) -> Measure:
    lead, task_parts = split_tasks(body)
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
        text=convert(body),
        tasks=tasks,
        targets=targets_for(lead, convert),
    )


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


def _peel_lead(chunk: str) -> tuple[str, str]:
    """The first task's chunk also holds the measure's lead: every sentence but the last."""
    cut = max(chunk.rfind(p, 0, len(chunk) - 1) for p in "。；;")
    if cut < 0:
        return "", chunk
    return chunk[: cut + 1].strip(), chunk[cut + 1 :].strip()


def _converter(text: str):
    """A function str → Text keeping the document's own script and deriving the other."""
    if detect_script(text) == "hans":
        return lambda s: Text(hant=to_hant(s), hans=s)
    return lambda s: Text(hant=s, hans=to_hans(s))
