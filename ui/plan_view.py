"""The plan as JSON-ready dicts for the browse routes and the UI's plan browser and department finder.

Texts travel in both scripts (`{"hant", "hans"}`), so a client can switch without asking again.
Lookups raise `NotFoundError`, which the API turns into a 404 with a two-language message.
"""

from __future__ import annotations

from typing import Any

from ingest import Department, Measure, Part, Plan, Target, Task, Text
from ingest.model import id_key
from planqa.errors import NotFoundError
from planqa.script import normalise


def text(t: Text) -> dict[str, str]:
    return {"hant": t.hant, "hans": t.hans}


def target(t: Target) -> dict[str, Any]:
    return {"text": t.text, "value": t.value, "number": t.number, "unit": t.unit, "qualifier": t.qualifier}


def task(plan: Plan, t: Task) -> dict[str, Any]:
    return {
        "id": t.id,
        "kind": "task",
        "measure": t.measure_id,
        "title": text(plan.section_title(t.id)),
        "text": text(t.text),
        "departments": [{**text(d.name), "lead": d.lead} for d in t.departments],
        "targets": [target(x) for x in t.targets],
    }


def tree(plan: Plan) -> dict[str, Any]:
    """Parts → measures → task ids and counts: enough to draw a table of contents."""
    return {
        "title": text(plan.title),
        "issued": plan.issued,
        "sections": [
            {"id": "0", "kind": "preamble", "title": text(plan.title), "tasks": 0, "children": []},
            *(
                {
                    "id": p.id,
                    "kind": "part",
                    "title": text(p.title),
                    "tasks": sum(len(m.tasks) for m in p.measures),
                    "children": [
                        {
                            "id": m.id,
                            "kind": "measure",
                            "title": text(m.title),
                            "tasks": len(m.tasks),
                            "task_ids": [t.id for t in m.tasks],
                        }
                        for m in p.measures
                    ],
                }
                for p in plan.parts
            ),
        ],
    }


def section(plan: Plan, section_id: str) -> dict[str, Any]:
    """One section in full: its text in both scripts, its tasks, departments and targets."""
    if section_id == "0":
        return {"id": "0", "kind": "preamble", "title": text(plan.title), "text": text(plan.preamble),
                "notice": text(plan.notice), "tasks": [], "departments": [], "targets": []}  # fmt: skip
    node = plan.section(section_id.strip())
    if node is None:
        raise NotFoundError(
            f"方案中没有编号为“{section_id}”的章节。",
            f"The plan has no section with id {section_id!r}.",
        )
    if isinstance(node, Task):
        return task(plan, node)
    tasks = node.tasks if isinstance(node, Measure) else tuple(t for m in node.measures for t in m.tasks)
    out: dict[str, Any] = {
        "id": node.id,
        "kind": "measure" if isinstance(node, Measure) else "part",
        "title": text(node.title),
        "tasks": [task(plan, t) for t in tasks],
        "departments": departments_of(tasks),
        "targets": [target(x) for t in tasks for x in t.targets],
    }
    if isinstance(node, Measure):
        out.update(text=text(node.text), lead=text(node.lead), part=node.part_id)
        out["targets"] = [target(x) for x in node.targets] + out["targets"]
    elif isinstance(node, Part):
        out["measures"] = [{"id": m.id, "title": text(m.title), "tasks": len(m.tasks)} for m in node.measures]
    return out


def departments_of(tasks: tuple[Task, ...]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for t in tasks:
        for d in t.departments:
            entry = seen.setdefault(d.name.hant, {**text(d.name), "lead": False})
            entry["lead"] = entry["lead"] or d.lead
    return list(seen.values())


def find_department(plan: Plan, name: str) -> Department:
    """A unit by its traditional or simplified name (whitespace and full-width forms ignored)."""
    found = plan.department(name.strip())
    if found is None:
        key = normalise(name)
        found = next((d for d in plan.departments if normalise(d.name.hant) == key), None)
    if found is None:
        raise NotFoundError(f"方案中没有名为“{name}”的责任单位。", f"The plan names no department {name!r}.")
    return found


def role(task: Task, leads: set[str]) -> str:
    """A unit's part in a task: it leads it (牵头), carries it alone (负责), or joins others (参与)."""
    if task.id in leads:
        return "lead"
    return "sole" if len(task.departments) == 1 else "join"


def department(plan: Plan, dept: Department) -> dict[str, Any]:
    leads = set(dept.leads)
    tasks = [t for t in (plan.section(i) for i in dept.task_ids) if isinstance(t, Task)]
    return {
        **text(dept.name),
        "leads": sorted(leads, key=id_key),
        "joins": sorted(dept.joins, key=id_key),
        "sole": sorted((t.id for t in tasks if role(t, leads) == "sole"), key=id_key),
        "tasks": [{**task(plan, t), "role": role(t, leads)} for t in tasks],
    }


def departments(plan: Plan) -> list[dict[str, Any]]:
    return [{**text(d.name), "leads": len(d.leads), "joins": len(d.joins)} for d in plan.departments]


def _sort_key(dept: Department) -> tuple[int, str]:
    """District bodies (区…) first, then towns, streets, companies and customs; each by pinyin."""
    from pypinyin import lazy_pinyin

    name = dept.name.hans
    district = name.startswith("区")
    return (0 if district else 1, "".join(lazy_pinyin(name[1:] if district else name)))


def sorted_departments(plan: Plan) -> list[Department]:
    return sorted(plan.departments, key=_sort_key)


_LOOKUPS: dict[int, Any] = {}  # per loaded plan: the index's department lookup (names, long forms)


def matching_departments(plan: Plan, query: str) -> list[Department]:
    """Units a clerk's words name: any part of a unit's name in either script (人社, 區人社局), an
    official long form (人力资源社会保障局), or a sentence that names the unit; sorted, all for none."""
    from index.lookup import Lookup

    key = normalise(query or "")
    ordered = sorted_departments(plan)
    if not key:
        return ordered
    lookup = _LOOKUPS.setdefault(id(plan), Lookup(plan))
    named = {m.department.name.hant for m in lookup.departments(query)}
    return [
        d
        for d in ordered
        if d.name.hant in named or key in normalise(d.name.hant) or normalise(d.name.hant) in key
    ]
