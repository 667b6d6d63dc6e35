"""Departments: parse a task's closing parenthetical into units, and build the department directory.

`(區司法局牽頭，區市場局等相關行政執法單位)` → 區司法局 (lead), 區市場局;
`(區發改委、區大數據中心牽頭)` → both lead; `(區發改委,各鎮、街道、莘莊工業區)` → four units. Either script.
Other plans of the genre label their lists (（责任单位：…）, 牵头单位：…；配合单位：…), close them with what the
units do (…配合, 各相关部门按职责分工负责), name bank branches (…支行) and nest brackets (各市(区)人民政府):
the labels and duties are read and dropped, the nested name is kept whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.model import Department, DepartmentRef, Task, Text
from planqa.script import to_hans

LEAD_MARKS = ("牽頭", "牵头")
# A list's label, in simplified: 牵头… marks the units after it as leads until the next label.
_LABEL = re.compile(
    r"^(责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门|主办单位|协办单位|参与单位|牵头|配合)[:：]\s*"
)
# What a clause says the units do, after their names (in simplified); it names no unit.
_DUTIES = ("按职责分工负责", "按职责负责", "分工负责", "共同负责", "负责", "配合", "协助", "参与")
MAX_LABELLED_UNIT = 30
# Everything after 等 ("區市場局等相關行政執法單位") widens the list but names no further unit.
_ETC = re.compile(r"等.*$")
_CLAUSE = "，,;；"
_ITEM = "、/"
# What the name of a responsible unit ends with, in simplified (the check runs on the simplified form).
UNIT_SUFFIXES = (
    "局", "委", "办", "中心", "集团", "公司", "海关", "镇", "街道", "院", "部", "会", "室", "联",
    "工业区", "综保区", "分局", "政府", "组", "处", "所", "站", "队", "厅", "署", "盟", "办公室",
    "支行", "分行", "银行", "部门", "单位",
)  # fmt: skip


def looks_like_unit(name: str) -> bool:
    simple = to_hans(name)
    return 1 < len(simple) <= 20 and simple.endswith(UNIT_SUFFIXES)


def parse_departments(inner: str) -> list[tuple[str, bool]] | None:
    """(name, lead) pairs from the text inside a task's parentheses; None when it is no department list."""
    units: list[tuple[str, bool]] = []
    labelled = label_lead = False
    for clause in split_top_level(inner, _CLAUSE):
        clause = clause.strip()
        label = _LABEL.match(to_hans(clause))
        if label:
            labelled, label_lead = True, label.group(1).startswith("牵头")
            clause = clause[label.end() :]
        stripped = _drop_duty(clause)
        lead = label_lead or stripped.endswith(LEAD_MARKS)
        labelled = labelled or lead or stripped != clause  # 牵头 or 按职责分工负责 mark a unit list
        clause = stripped
        if clause.endswith(LEAD_MARKS):
            clause = clause[: -len(LEAD_MARKS[0])]
        for item in split_top_level(clause, _ITEM):
            name = _ETC.sub("", item.strip())
            if not name:
                continue
            if not (looks_like_unit(name) or (labelled and len(name) <= MAX_LABELLED_UNIT)):
                return None
            units.append((name, lead))
    return units or None


def _drop_duty(clause: str) -> str:
    """区市场局配合 → 区市场局; 各相关部门按职责分工负责 → 各相关部门 (a lead mark stays)."""
    simple = to_hans(clause)
    for duty in _DUTIES:
        if simple.endswith(duty) and len(simple) > len(duty):
            return clause[: -len(duty)].strip()
    return clause


def split_top_level(text: str, separators: str) -> list[str]:
    """Split at separators outside brackets: 各市(区、县)人民政府 stays one piece."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return pieces


def department_refs(pairs: Iterable[tuple[str, bool]], convert) -> tuple[DepartmentRef, ...]:
    return tuple(DepartmentRef(name=convert(name), lead=lead) for name, lead in pairs)


def build_directory(tasks: Iterable[Task]) -> tuple[Department, ...]:
    """Every unit, in order of first mention, with the tasks it leads and the tasks it joins."""
    leads: dict[str, list[str]] = {}
    joins: dict[str, list[str]] = {}
    names: dict[str, Text] = {}
    for task in tasks:
        for ref in task.departments:
            key = ref.name.hant
            names.setdefault(key, ref.name)
            leads.setdefault(key, [])
            joins.setdefault(key, [])
            (leads if ref.lead else joins)[key].append(task.id)
    return tuple(Department(names[k], tuple(leads[k]), tuple(joins[k])) for k in names)
