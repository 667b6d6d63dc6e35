"""The plans of the library: every plan file under the source folder, each ingested on its own into
`<build>/<plan-id>/`, with an id read from the plan itself (`minhang-2024`: the district's reading and
the year) and kept stable across rebuilds in `<build>/library.json` (source file name → id).

Ids are what citations, the API and the CLI name a plan by, so a rebuild must never renumber them: an
id once given to a file stays its id, and a new plan whose district and year another plan already has
gets a suffix (`minhang-2024-2`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.build import build_plan, load_plan, plan_is_current, save_plan, write_atomic
from ingest.model import Plan

CATALOG_FILE = "library.json"
PLAN_SUFFIXES = (".txt",)  # a README or a script beside the plans is no plan
_SLUG = re.compile(r"[^a-z0-9]+")
_LEVEL = re.compile(r"\s+(district|county|city|province|new area)$", re.I)


@dataclass(frozen=True)
class PlanSource:
    """One plan of the library: its id, its source file and its build folder."""

    id: str
    source: Path
    folder: Path


def plan_sources(source_dir: Path) -> list[Path]:
    """The plan files of the source folder, in a stable order (by file name)."""
    folder = Path(source_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PLAN_SUFFIXES)


def plan_slug(plan: Plan) -> str:
    """The id a plan asks for: its district's reading without its level, and its year (minhang-2024);
    a plan with no district read gets `plan`, one with no year only its place."""
    place = _SLUG.sub("-", _LEVEL.sub("", plan.district_en.strip()).lower()).strip("-") or "plan"
    return f"{place}-{plan.year}" if plan.year else place


class Catalog:
    """`library.json`: the id of every source file ever built, so ids survive rebuilds."""

    def __init__(self, build_root: Path):
        self.path = Path(build_root) / CATALOG_FILE
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.ids: dict[str, str] = {str(k): str(v) for k, v in data.get("plans", {}).items()}
        except (OSError, ValueError, AttributeError):
            self.ids = {}

    def id_of(self, source: Path) -> str | None:
        return self.ids.get(Path(source).name)

    def assign(self, source: Path, plan: Plan) -> str:
        """The file's id: the one it has, else the plan's own slug, suffixed when already taken."""
        known = self.id_of(source)
        if known:
            return known
        base, taken = plan_slug(plan), set(self.ids.values())
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        self.ids[Path(source).name] = candidate
        self.save()
        return candidate

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"plans": dict(sorted(self.ids.items()))}, ensure_ascii=False, indent=1)
        write_atomic(self.path, body + "\n")


def ingest_sources(
    source_dir: Path,
    build_root: Path,
    drop_cost: float = 25.0,
    force: bool = False,
    only: str | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> list[PlanSource]:
    """Every plan of the source folder, ingested into its own build folder where missing, stale or
    `force`d; `only` restricts the work (not the ids) to one plan. Returns the plans in file order."""
    catalog = Catalog(build_root)
    out = []
    for source in plan_sources(source_dir):
        known = catalog.id_of(source)
        if only is not None and known is not None and known != only:
            out.append(PlanSource(known, source, Path(build_root) / known))
            continue
        if known and not force and plan_is_current(Path(build_root) / known, source):
            progress(f"{known}: plan already built")
            out.append(PlanSource(known, source, Path(build_root) / known))
            continue
        progress(f"{source.name}: reading and repairing")
        plan = build_plan(source, drop_cost=drop_cost)
        plan_id = catalog.assign(source, plan)
        save_plan(plan, Path(build_root) / plan_id)
        progress(
            f"{plan_id}: {len(plan.measures())} measures, {len(plan.tasks())} tasks → {build_root}/{plan_id}"
        )
        out.append(PlanSource(plan_id, source, Path(build_root) / plan_id))
    return out


def load_built(entry: PlanSource) -> Plan:
    return load_plan(entry.folder)
