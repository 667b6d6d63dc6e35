"""`plan-qa ingest` and `plan-qa outline`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from ingest import build_plan, load_plan, plan_is_current, save_plan
from planqa.settings import Settings, get_settings
from ui.cli_app import app, cli_errors, step


@app.command()
@cli_errors
def ingest(
    source: Path = typer.Option(None, help="Plan document (default: the shipped source)."),
    out: Path = typer.Option(None, help="Build folder (default: data/build)."),
) -> None:
    """Repair and parse the plan into the build folder (plan.json, repairs.json)."""
    ingest_plan(get_settings(), source, out)


def ingest_plan(settings: Settings, source: Path | None = None, out: Path | None = None) -> None:
    """The body of `plan-qa ingest` as a plain function, so `plan-qa serve` can build without Typer."""
    source = source or settings.source
    out = out or settings.build_dir
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


@app.command()
@cli_errors
def outline(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of parts and measures."),
    build: Path = typer.Option(None, help="Build folder (default: data/build)."),
) -> None:
    """Print the plan's tree: id, title, task count."""
    plan = load_or_build(build)
    if as_json:
        typer.echo(json.dumps(_outline_rows(plan), ensure_ascii=False, indent=1))
        return
    typer.echo(f"{plan.title.hant} ({plan.issued})")
    for part in [plan.front] if plan.front else []:
        typer.echo(f"{part.id}  {part.title.hant}")
        for m in part.measures:
            typer.echo(f"  {m.id}  {m.title.hant}")
    for part in plan.parts:
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


def load_or_build(build: Path | None):
    """The built plan. A folder named with --build is read as it is (it may hold another plan's
    build); the default build is ingested first when it is missing or stale."""
    settings = get_settings()
    if build is not None and (build / "plan.json").exists():
        return load_plan(build)
    build = build or settings.build_dir
    if not plan_is_current(build, settings.source):
        step("no current build: ingesting the plan first")
        save_plan(build_plan(settings.source, drop_cost=settings.repair_drop_penalty), build)
    return load_plan(build)


@app.command()
@cli_errors
def build(force: bool = typer.Option(False, help="Rebuild even what is already built.")) -> None:
    """Build whatever is missing: the parsed plan, then the search index."""
    build_all(get_settings(), force)


def build_all(settings: Settings, force: bool = False) -> None:
    """The body of `plan-qa build` as a plain function (also run by `plan-qa serve` at start-up)."""
    if force or not plan_is_current(settings.build_dir, settings.source):
        ingest_plan(settings)
    else:
        step(f"plan already built in {settings.build_dir}")
    for extra in BUILD_STEPS:
        extra(force)


# Later stages (the index) append their build step here: a callable taking `force`.
BUILD_STEPS: list = []
