"""What the page, the answer card, the API description and the CLI call the plans they serve, read
from the plans themselves (`Plan.short_title`, district, year), never written into code.

The Gradio blocks and the FastAPI app are built before any pipeline loads (start-up must stay fast),
so the names are first read cheaply from what the catalogue wrote (`<build>/library.json` and each
plan's `plan.json`, a few milliseconds); once the library is loaded they come from it. A plan not yet
built has no name on disk: the page fills its names when it loads.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planqa.script import to_hant
from planqa.settings import Settings

ALL_PLANS = "*"  # the picker's value for 全部方案 (no plan id is a lone star)
ALL_PLANS_LABEL = "全部方案"
_LEVELS = "区市县省"


@dataclass(frozen=True)
class PlanName:
    """One plan's names: id, short title (闵行区2024年营商环境行动方案) in both scripts, full title,
    district (闵行区, its English reading) and year."""

    id: str
    short_title: str
    short_title_hant: str
    title_hant: str
    district: str
    district_en: str
    year: int | None

    @classmethod
    def of_plan(cls, plan_id: str, plan: Any) -> PlanName:
        """From a loaded `ingest.Plan`."""
        return cls.of_dict(plan_id, {
            "short_title": _texts(plan.short_title), "title": _texts(plan.title),
            "district": _texts(plan.district), "district_en": plan.district_en, "year": plan.year,
        })  # fmt: skip

    @classmethod
    def of_dict(cls, plan_id: str, data: dict[str, Any]) -> PlanName:
        """From a plan's `plan.json` (or the same fields of a loaded plan)."""

        def text(key: str, script: str = "hans") -> str:
            value = data.get(key) or {}
            return str(value.get(script, "") if isinstance(value, dict) else value or "")

        title = text("title")
        short = text("short_title") or title
        return cls(
            id=plan_id,
            short_title=short,
            short_title_hant=text("short_title", "hant") or to_hant(short),
            title_hant=text("title", "hant") or to_hant(title),
            district=text("district"),
            district_en=str(data.get("district_en") or ""),
            year=data.get("year") if isinstance(data.get("year"), int) else None,
        )

    def titled(self, script: str = "hans") -> str:
        """The short title in the page's script."""
        return self.short_title_hant if script == "hant" else self.short_title

    @property
    def yearless(self) -> str:
        """The short title without its year (闵行区营商环境行动方案): what one plan's page is called."""
        return self.short_title.replace(f"{self.year}年", "", 1) if self.year else self.short_title

    @property
    def kind(self) -> str:
        """The kind of plan, without place and year (营商环境行动方案)."""
        name = self.yearless
        return name[len(self.district) :] if self.district and name.startswith(self.district) else name

    @property
    def place(self) -> str:
        """The district without its level (闵行): how people name it in passing."""
        d = self.district
        return d[:-1] if len(d) > 2 and d[-1] in _LEVELS else d


def _texts(value: Any) -> dict[str, str]:
    return {"hans": getattr(value, "hans", "") or "", "hant": getattr(value, "hant", "") or ""}


# --- where the names come from


def catalog_plans(settings: Settings) -> list[PlanName]:
    """The built plans' names in the library's order (its source files'), read from the build folder
    alone: no plan is parsed, no pipeline loaded. A plan not built yet is left out."""
    from ingest.catalog import Catalog, plan_sources

    catalog, out = Catalog(settings.build_dir), []
    for source in plan_sources(settings.source_dir):
        plan_id = catalog.id_of(source)
        path = Path(settings.build_dir) / (plan_id or "") / "plan.json"
        if not plan_id or not path.is_file():
            continue
        try:
            out.append(PlanName.of_dict(plan_id, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError):
            continue
    return out


def plan_count(settings: Settings) -> int:
    """How many plans the library will load: one per plan file of the source folder."""
    from ingest.catalog import plan_sources

    return len(plan_sources(settings.source_dir))


def library_plans(library: Any) -> list[PlanName]:
    """The loaded library's plans, in its order."""
    return [PlanName.of_plan(i.id, library.pipeline(i.id).plan) for i in library.plans]


# --- what the page and the texts call them


def collection_name(plans: Sequence[PlanName]) -> str:
    """One plan, or plans of one place and kind: 闵行区营商环境行动方案; plans of several places but
    one kind: 营商环境行动方案; nothing in common (or nothing known): ""."""
    for name in (lambda p: p.yearless, lambda p: p.kind):
        names = {name(p) for p in plans}
        if len(names) == 1:
            return names.pop()
    return ""


def page_title(plans: Sequence[PlanName]) -> str:
    """The browser tab's title: 闵行营商环境行动方案问答 (the place as people say it)."""
    places = {p.place for p in plans}
    kind = {p.kind for p in plans}
    if len(places) == 1 and len(kind) == 1:
        return f"{places.pop()}{kind.pop()}问答"
    return f"{collection_name(plans) or '行动方案'}问答"


def header(plans: Sequence[PlanName], several: bool | None = None) -> str:
    """The page's header: what it answers from, and how (Markdown, in simplified)."""
    several = len(plans) > 1 if several is None else several
    name = collection_name(plans)
    lines = [f"### {name + ' · ' if name else ''}智能问答"]
    if several:
        lines.append(
            f"已收录{len(plans) or '多'}个方案：选“{ALL_PLANS_LABEL}”时按问题所说的区和年份"
            "（未说明时按内容）选定方案并注明；也可只选一个方案。"
        )
    lines.append(
        "每个回答都注明方案原文出处与责任部门；方案未涉及的问题会如实说明。文字选“自动”时，按提问所用的文字作答。"
    )
    return lines[0] + "\n" + "".join(lines[1:])


def served_plans(service: Any) -> list[PlanName]:
    """The plans a service serves: its library's once loaded, else what the build folder names."""
    library = getattr(service, "library", None)
    return library_plans(library) if library is not None else catalog_plans(service.settings)


def serves_several(service: Any) -> bool:
    """Whether the page offers a choice of plans (more than one loaded, or about to be)."""
    library = getattr(service, "library", None)
    return len(library.plans) > 1 if library is not None else plan_count(service.settings) > 1


def card_title(plans: Sequence[PlanName], several: bool) -> str:
    """The answer card's first line: the plan it answers from, with its year when several are loaded."""
    name = plans[0].short_title if several and len(plans) == 1 else collection_name(plans)
    return f"{name} · 答复卡" if name else "答复卡"


def described_en(plans: Sequence[PlanName]) -> str:
    """The plans in English, for the API description and the CLI's help."""
    if not plans:
        return "the action plans of the source folder (GET /api/plans lists them)"

    def place_year(p: PlanName) -> str:
        return " ".join(f"{p.district_en or p.district} {p.year or ''}".split())

    if len(plans) == 1:
        return f"the {place_year(plans[0])} action plan ({plans[0].title_hant})"
    return f"{len(plans)} action plans: " + "; ".join(f"{place_year(p)} ({p.title_hant})" for p in plans)


def picker_choices(plans: Sequence[PlanName], script: str = "hans") -> list[tuple[str, str]]:
    """全部方案 and each plan by its short title (values: ALL_PLANS and plan ids)."""
    return [(ALL_PLANS_LABEL, ALL_PLANS), *((p.titled(script), p.id) for p in plans)]


def browse_choices(plans: Sequence[PlanName], script: str = "hans") -> list[tuple[str, str]]:
    return [(p.titled(script), p.id) for p in plans]


def default_plan(plans: Sequence[PlanName], settings: Settings) -> str | None:
    """The plan browsed first: the configured default plan if it is there, else the first (as the
    library chooses it)."""
    ids = [p.id for p in plans]
    return settings.default_plan if settings.default_plan in ids else (ids[0] if ids else None)
