"""`plan-qa ingest`, `plan-qa outline`, `plan-qa build`, `plan-qa plans` and `plan-qa add`: the plans
of the library (`ingest/catalog.py`), each built into `data/build/<plan-id>/`."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import typer

from ingest import build_plan, load_plan, plan_is_current, save_plan
from ingest.catalog import Catalog, PlanSource, ingest_sources, plan_sources
from planqa.errors import NotAPlanError, NotFoundError
from planqa.settings import Settings, get_settings
from ui.cli_app import app, cli_errors, step

PLAN_OPTION = typer.Option(None, "--plan", help="One plan's id (`plan-qa plans`); default: every plan.")


@app.command()
@cli_errors
def ingest(
    source: Path = typer.Option(None, help="One plan document to ingest into --out (default: every plan)."),
    out: Path = typer.Option(None, help="Build folder for --source."),
    plan: str = PLAN_OPTION,
    force: bool = typer.Option(False, help="Ingest again even a current build."),
) -> None:
    """Repair and parse the plans into data/build/<plan-id>/ (plan.json, repairs.json)."""
    settings = get_settings()
    if source is not None:
        ingest_plan(settings, source, out or settings.build_dir / source.stem)
        return
    plan_entries(settings, plan, force=force)


def ingest_plan(settings: Settings, source: Path, out: Path) -> None:
    """One plan document into one build folder, with progress lines."""
    started = time.perf_counter()
    step(f"reading and repairing {source}")
    plan = build_plan(source, drop_cost=settings.repair_drop_penalty)
    step(f"parsed {len(plan.parts)} parts, {len(plan.measures())} measures, {len(plan.tasks())} tasks")
    about = [plan.short_title.hans, plan.issuer.hans, plan.doc_number, plan.issued]
    step("read " + " · ".join(x for x in about if x))
    for path in save_plan(plan, out):
        step(f"wrote {path}")
    low = [r for r in plan.repairs if r.confidence < 0.5]
    typer.echo(
        f"ingested in {time.perf_counter() - started:.1f}s: {len(plan.repairs)} spans repaired"
        f" ({len(low)} below 50% confidence), {len(plan.departments)} departments"
    )


def plan_entries(settings: Settings, only: str | None = None, force: bool = False) -> list[PlanSource]:
    """The library's plans, ingested where missing or stale; `only` one of them (an unknown id fails)."""
    entries = ingest_sources(
        settings.source_dir, settings.build_dir, settings.repair_drop_penalty, force, only, progress=step
    )
    if not entries:
        raise NotAPlanError(
            f"{settings.source_dir} 中没有方案文件（*.txt），请用 plan-qa add 添加。",
            f"No plan file (*.txt) in {settings.source_dir}: add one with `plan-qa add FILE`.",
        )
    if only is None:
        return entries
    chosen = [e for e in entries if e.id == only]
    if not chosen:
        ids = ", ".join(e.id for e in entries)
        raise NotFoundError(f"没有编号为 {only!r} 的方案；可选：{ids}。", f"No plan {only!r}; plans: {ids}.")
    return chosen


def plan_settings(settings: Settings, plan: str | None = None) -> Settings:
    """The settings of one plan: `plan`, else the default (PLANQA_DEFAULT_PLAN, else the first)."""
    entries = plan_entries(settings, plan)
    ids = [e.id for e in entries]
    chosen = (
        entries[ids.index(settings.default_plan)]
        if plan is None and settings.default_plan in ids
        else entries[0]
    )
    return settings.for_plan(chosen.source, chosen.folder)


@app.command()
@cli_errors
def outline(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of parts and measures."),
    build: Path = typer.Option(None, help="A build folder to read as it is (default: the plan's)."),
    plan: str = PLAN_OPTION,
) -> None:
    """Print a plan's tree: id, title, task count (the default plan unless --plan)."""
    built = load_or_build(build, plan)
    if as_json:
        typer.echo(json.dumps(_outline_rows(built), ensure_ascii=False, indent=1))
        return
    typer.echo(f"{built.title.hant} ({built.issued})")
    for part in [built.front] if built.front else []:
        typer.echo(f"{part.id}  {part.title.hant}")
        for m in part.measures:
            typer.echo(f"  {m.id}  {m.title.hant}")
    for part in built.parts:
        typer.echo(f"{part.id}  {part.title.hant}  [{_count(part)}]")
        for m in part.measures:
            typer.echo(f"  {m.id}  {m.title.hant}  [{len(m.tasks)}]")


def _outline_rows(plan) -> list[dict]:
    """Front matter (part "0"), parts, measures and tasks with their units, in document order."""
    rows = []
    if plan.front is not None:
        rows.append({"id": plan.front.id, "title": plan.front.title.hant, "kind": "front", "tasks": 0})
        rows.extend(
            {"id": m.id, "title": m.title.hant, "kind": "front", "tasks": 0} for m in plan.front.measures
        )
    for part in plan.parts:
        rows.append({"id": part.id, "title": part.title.hant, "kind": "part", "tasks": _count(part)})
        for m in part.measures:
            rows.append({"id": m.id, "title": m.title.hant, "kind": "measure", "tasks": len(m.tasks)})
            rows.extend(
                {"id": t.id, "kind": "task", "departments": [d.name.hant for d in t.departments]}
                for t in m.tasks
            )
    return rows


def _count(part) -> int:
    return sum(len(m.tasks) for m in part.measures)


def load_or_build(build: Path | None, plan: str | None = None):
    """A built plan. A folder named with --build is read as it is (it may hold another plan's build);
    otherwise the library's plan (`plan`, else the default), ingested first when missing or stale."""
    settings = get_settings()
    if build is not None and (build / "plan.json").exists():
        return load_plan(build)
    if build is not None:
        if not plan_is_current(build, settings.source):
            step("no current build: ingesting the plan first")
            save_plan(build_plan(settings.source, drop_cost=settings.repair_drop_penalty), build)
        return load_plan(build)
    return load_plan(plan_settings(settings, plan).build_dir)


@app.command()
@cli_errors
def build(
    force: bool = typer.Option(False, help="Rebuild even what is already built."),
    plan: str = PLAN_OPTION,
) -> None:
    """Build whatever is missing for every plan (or one): the parsed plan, then its search index."""
    build_all(get_settings(), force, plan)


def build_all(settings: Settings, force: bool = False, only: str | None = None) -> list[PlanSource]:
    """The body of `plan-qa build` as a plain function: every plan ingested, then each later step
    (the index) run on each plan's own settings."""
    entries = plan_entries(settings, only, force)
    for entry in entries:
        for extra in BUILD_STEPS:
            extra(settings.for_plan(entry.source, entry.folder), force)
    return entries


# Later stages (the index) append their build step here: a callable taking (plan settings, force).
BUILD_STEPS: list = []


@app.command()
@cli_errors
def plans(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the library's plans: id, short title, district, year, tasks, whether built."""
    rows = plan_rows(get_settings())
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        built = "built" if r["built"] else "not built"
        typer.echo(
            f"{r['id']:<20} {r['short_title']}  {r['district']} {r['year'] or ''}  {r['tasks']} tasks  {built}"
        )


def plan_rows(settings: Settings) -> list[dict]:
    """Every plan file's id and what its build says of it (a plan never built is ingested first)."""
    rows = []
    for entry in plan_entries(settings):
        p = load_plan(entry.folder)
        rows.append(
            {
                "id": entry.id,
                "short_title": p.short_title.hans,
                "district": p.district.hans,
                "year": p.year,
                "tasks": len(p.tasks()),
                "source": entry.source.name,
                "built": (entry.folder / "index" / "manifest.json").exists(),
            }
        )
    return rows


@app.command()
@cli_errors
def add(file: Path = typer.Argument(..., help="A plan document (UTF-8 text) to add to the library.")) -> None:
    """Copy a plan into data/source/, build it (plan and index) and print its id."""
    settings = get_settings()
    plan_id = add_plan(settings, file)
    typer.echo(plan_id)


def add_plan(settings: Settings, file: Path) -> str:
    """The body of `plan-qa add`: the file is read as a plan first (a file that is none is refused
    before it is copied), then copied under a name not yet taken, then built."""
    build_plan(file, drop_cost=settings.repair_drop_penalty)  # refuse what is no plan, before copying
    target = Path(settings.source_dir) / file.name
    existing = {p.name for p in plan_sources(settings.source_dir)}
    if target.exists() and target.read_bytes() != file.read_bytes():
        n = 2
        while (target := target.with_name(f"{file.stem}-{n}{file.suffix}")).name in existing:
            n += 1
    if target.suffix.lower() != ".txt":
        target = target.with_suffix(".txt")
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copyfile(file, target)
        step(f"copied {file} → {target}")
    build_all(settings)  # ingests the new plan only: the others are current
    plan_id = Catalog(settings.build_dir).id_of(target)
    assert plan_id is not None
    return plan_id
