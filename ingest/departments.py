"""Departments: parse a task's closing parenthetical into units, and build the department directory.

`(區司法局牽頭，區市場局等相關行政執法單位)` → 區司法局 (lead), 區市場局;
`(區發改委、區大數據中心牽頭)` → both lead; `(區發改委,各鎮、街道、莘莊工業區)` → four units. Either script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.model import Department, DepartmentRef, Task, Text
from planqa.script import to_hans

LEAD_MARKS = ("牽頭", "牵头")
# Everything after 等 ("區市場局等相關行政執法單位") widens the list but names no further unit.
_ETC = re.compile(r"等.*$")
_CLAUSE = re.compile(r"[,，;；]")
_ITEM = re.compile(r"[、/]")
# What the name of a responsible unit ends with, in simplified (the check runs on the simplified form).
UNIT_SUFFIXES = (
    "局", "委", "办", "中心", "集团", "公司", "海关", "镇", "街道", "院", "部", "会", "室", "联",
    "工业区", "综保区", "分局", "政府", "组", "处", "所", "站", "队", "厅", "署", "盟", "办公室",
)  # fmt: skip


def looks_like_unit(name: str) -> bool:
    simple = to_hans(name)
    return 1 < len(simple) <= 20 and simple.endswith(UNIT_SUFFIXES)


def parse_departments(inner: str) -> list[tuple[str, bool]] | None:
    """(name, lead) pairs from the text inside a task's parentheses; None when it is no department list."""
    units: list[tuple[str, bool]] = []
    for clause in _CLAUSE.split(inner):
        clause = clause.strip()
        lead = clause.endswith(LEAD_MARKS)
        if lead:
            clause = clause[: -len(LEAD_MARKS[0])]
        for item in _ITEM.split(clause):
            name = _ETC.sub("", item.strip())
            if not name:
                continue
            if not looks_like_unit(name):
                return None
            units.append((name, lead))
    return units or None


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
