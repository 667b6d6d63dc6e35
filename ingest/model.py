"""The plan as plain data: Plan → Part → Measure → Task, with departments and numeric targets.

Every text field is a `Text` holding both the original traditional script (`hant`) and its simplified
conversion (`hans`), so later stages never convert on the hot path. Section ids are the project-wide
contract: the preamble is "0", parts "1".."5", measures "1.1".."5.4", tasks "1.1.3"; a plan with a
front-matter part (一、总体要求) has it as `front`, with sections "0.1" …, and its parts keep "1"….
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Text:
    hant: str
    hans: str

    def in_script(self, script: str) -> str:
        """The text in the asker's script ("hans" → simplified, anything else → the plan's traditional)."""
        return self.hans if script == "hans" else self.hant


@dataclass(frozen=True)
class DepartmentRef:
    """One responsible unit of a task; `lead` where the plan marks it 牽頭."""

    name: Text
    lead: bool = False


@dataclass(frozen=True)
class Target:
    """A numeric commitment: `value` as written (90-100, 三), `number` when it is a plain figure,
    `unit` (億元, %, 套, 個工作日, 月底前), `qualifier` (以上, 不少于 …) and the clause it stands in."""

    value: str
    number: float | None
    unit: str
    qualifier: str
    phrase: Text
    text: str  # the matched figure as written, e.g. "90-100億元"


@dataclass(frozen=True)
class Task:
    id: str
    text: Text
    departments: tuple[DepartmentRef, ...]
    targets: tuple[Target, ...] = ()

    @property
    def measure_id(self) -> str:
        return self.id.rsplit(".", 1)[0]


@dataclass(frozen=True)
class Measure:
    id: str
    title: Text
    lead: Text  # the sentences between the title and the first task
    text: Text  # the whole paragraph without the numbered heading
    tasks: tuple[Task, ...]
    targets: tuple[Target, ...] = ()  # figures in the lead sentence

    @property
    def part_id(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class Part:
    id: str
    title: Text
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Department:
    """A unit of the department directory and the tasks it leads or joins."""

    name: Text
    leads: tuple[str, ...]
    joins: tuple[str, ...]

    @property
    def task_ids(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.leads) | set(self.joins), key=_id_key))


@dataclass(frozen=True)
class Repair:
    """One repaired span of the source: where, what arrived, what it became, how sure we are."""

    line: int
    start: int
    end: int
    before: str
    after: str
    confidence: float


@dataclass(frozen=True)
class Plan:
    title: Text
    issued: str  # ISO date of the notice
    notice: Text
    preamble: Text
    parts: tuple[Part, ...]
    departments: tuple[Department, ...]
    repairs: tuple[Repair, ...] = field(default=())
    source_sha256: str = ""
    # --- read from the plan's own text (ingest/header.py), never written into code
    # 一、总体要求 / 指导思想 …: part "0", sections "0.1" …; its text is in the preamble too
    front: Part | None = None
    closing: Text = Text("", "")  # the signature and date after the last measure
    district: Text = Text("", "")  # 閔行區, 上海市 …: the place the title starts with
    district_en: str = ""  # Minhang District: its reading in CC-CEDICT (ingest/names.py)
    year: int | None = None  # the year the plan is for (title, else issue date, else preamble)
    issuer: Text = Text("", "")
    doc_number: str = ""  # 文号, e.g. 沪松府〔2026〕1号
    short_title: Text = Text("", "")  # district, year and kind: 闵行区2024年营商环境行动方案

    # --- lookups used by every later stage
    def measures(self) -> list[Measure]:
        return [m for p in self.parts for m in p.measures]

    def tasks(self) -> list[Task]:
        return [t for m in self.measures() for t in m.tasks]

    def section(self, section_id: str) -> Part | Measure | Task | None:
        """The part, measure or task with this id (None for an unknown id)."""
        return self._by_id.get(section_id)

    @cached_property
    def _by_id(self) -> dict[str, Part | Measure | Task]:
        """Every part, measure and task by id: answering looks sections up many times a question."""
        out: dict[str, Part | Measure | Task] = {}
        if self.front is not None:
            out.update((m.id, m) for m in self.front.measures)
        for part in self.parts:
            out[part.id] = part
            for measure in part.measures:
                out[measure.id] = measure
                out.update((task.id, task) for task in measure.tasks)
        return out

    def section_title(self, section_id: str) -> Text:
        """Title of the part or measure a section id belongs to ("0" is the preamble: the plan title)."""
        if section_id == "0":
            return self.title
        parts = section_id.split(".")
        node = self.section(".".join(parts[:2]))
        if node is None:
            raise KeyError(section_id)
        return node.title

    def department(self, name: str) -> Department | None:
        for dept in self.departments:
            if name in (dept.name.hant, dept.name.hans):
                return dept
        return None

    def place_names(self) -> tuple[str, ...]:
        """The plan's own district in simplified, whole and without its level (闵行区, 闵行): in a
        question they tell no unit of this plan from another."""
        whole = self.district.hans
        if not whole:
            return ()
        stem = whole[:-1] if len(whole) > 2 and whole[-1] in "区市县省" else whole
        return tuple(dict.fromkeys((whole, stem)))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _id_key(section_id: str) -> tuple[int, ...]:
    return tuple(int(x) for x in section_id.split("."))


def id_key(section_id: str) -> tuple[int, ...]:
    """Sort key for section ids in document order ("1.10" after "1.9")."""
    return _id_key(section_id)
