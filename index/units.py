"""Retrieval units: the plan cut at four granularities (preamble, part, measure, task).

Questions range from "what does part 3 cover" to one figure in one task, so each level is a unit of
its own. Every unit carries the titles above it in its search text: a short task ("支持超1000家科技
企業獲得銀行授信") still matches a topical question ("普惠金融") through its measure title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from ingest import DepartmentRef, Plan, Text

Kind = Literal["preamble", "part", "measure", "task"]
KINDS: tuple[str, ...] = ("preamble", "part", "measure", "task")

_DEPT_PAREN = re.compile(r"[（(][^（()）]*[)）]\s*[。.]?\s*$")


@dataclass(frozen=True)
class Unit:
    """One searchable piece of the plan.

    `section` is what ranking aggregates to: the measure id for measures and tasks, the part id for
    parts, "0" for the preamble. `search` (simplified) feeds BM25, `passage` feeds the embedder."""

    id: str
    kind: Kind
    section: str
    title: Text
    text: Text
    departments: tuple[DepartmentRef, ...]
    targets: tuple[str, ...]
    search: str
    passages: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "section": self.section,
            "title": {"hant": self.title.hant, "hans": self.title.hans},
            "text": {"hant": self.text.hant, "hans": self.text.hans},
            "departments": [
                {"hant": d.name.hant, "hans": d.name.hans, "lead": d.lead} for d in self.departments
            ],
            "targets": list(self.targets),
            "search": self.search,
            "passages": list(self.passages),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Unit:
        return cls(
            id=data["id"],
            kind=data["kind"],
            section=data["section"],
            title=Text(**data["title"]),
            text=Text(**data["text"]),
            departments=tuple(
                DepartmentRef(Text(d["hant"], d["hans"]), bool(d["lead"])) for d in data["departments"]
            ),
            targets=tuple(data["targets"]),
            search=data["search"],
            passages=tuple(data["passages"]),
        )


def statement(text: str) -> str:
    """A task without its trailing department parenthetical: what the task does, for the embedder
    (departments are matched exactly by the lookup, and the names only blur the topic)."""
    return _DEPT_PAREN.sub("", text).rstrip("。 ")


def sentences(text: str, longest: int = 120) -> list[str]:
    """Sentences of a paragraph; a sentence longer than `longest` is cut again at its commas."""
    out: list[str] = []
    for sentence in re.findall(r"[^。！？]+[。！？]?", text):
        piece = ""
        for clause in re.findall(r"[^,，;；]+[,，;；]?", sentence):
            if piece and len(piece) + len(clause) > longest:
                out.append(piece)
                piece = ""
            piece += clause
        if piece.strip():
            out.append(piece)
    return [s for s in out if s.strip()]


def _unique(refs: list[DepartmentRef]) -> tuple[DepartmentRef, ...]:
    seen: dict[str, DepartmentRef] = {}
    for ref in refs:
        old = seen.get(ref.name.hant)
        if old is None or (ref.lead and not old.lead):
            seen[ref.name.hant] = ref
    return tuple(seen.values())


def make_units(plan: Plan) -> list[Unit]:
    """All units in document order: preamble, then each part followed by its measures and tasks."""
    head = f"{plan.title.hans}。{plan.issued}印发。"
    units = [
        Unit(
            id="0",
            kind="preamble",
            section="0",
            title=plan.title,
            text=plan.preamble,
            departments=(),
            targets=(),
            search=f"{head}{plan.notice.hans}{plan.preamble.hans}",
            passages=(
                f"{plan.title.hans}，{plan.issued}印发的通知：{plan.notice.hans}",
                *(f"方案总体要求：{s}" for s in sentences(plan.preamble.hans)),
            ),
        )
    ]
    for part in plan.parts:
        titles = "；".join(m.title.hans for m in part.measures)
        part_refs = [d for m in part.measures for t in m.tasks for d in t.departments]
        units.append(
            Unit(
                id=part.id,
                kind="part",
                section=part.id,
                title=part.title,
                text=Text(
                    "；".join(m.title.hant for m in part.measures),
                    "；".join(m.title.hans for m in part.measures),
                ),
                departments=_unique(part_refs),
                targets=(),
                search=f"{part.title.hans}。{titles}",
                passages=(f"{part.title.hans}：{titles}",),
            )
        )
        for measure in part.measures:
            refs = [d for t in measure.tasks for d in t.departments]
            figures = [x.text for x in measure.targets] + [x.text for t in measure.tasks for x in t.targets]
            units.append(
                Unit(
                    id=measure.id,
                    kind="measure",
                    section=measure.id,
                    title=measure.title,
                    text=measure.text,
                    departments=_unique(refs),
                    targets=tuple(figures),
                    search=f"{part.title.hans}。{measure.title.hans}。{measure.text.hans}",
                    passages=(f"{measure.title.hans}：{measure.lead.hans}",),
                )
            )
            for task in measure.tasks:
                units.append(
                    Unit(
                        id=task.id,
                        kind="task",
                        section=measure.id,
                        title=measure.title,
                        text=task.text,
                        departments=_unique(list(task.departments)),
                        targets=tuple(x.text for x in task.targets),
                        search=f"{part.title.hans}。{measure.title.hans}。{task.text.hans}",
                        passages=(f"{measure.title.hans}：{statement(task.text.hans)}",),
                    )
                )
    return units
