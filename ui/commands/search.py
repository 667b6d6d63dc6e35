"""`plan-qa index` and `plan-qa search`, and the index step of `plan-qa build`."""

from __future__ import annotations

import json
import time

import typer

import index
from bot.retrieve import Retriever
from ingest import load_plan
from planqa.errors import IndexStateError
from planqa.settings import Settings, get_settings
from ui.cli_app import app, cli_errors, step
from ui.commands.plan import BUILD_STEPS, PLAN_OPTION, plan_entries, plan_settings


def ensure_index(settings: Settings, force: bool = False) -> index.SearchIndex:
    """One plan's index (`settings` name its folder): loaded when it is sound, (re)built when forced,
    missing or stale. Every plan of one run shares the embedder."""
    plan = load_plan(settings.build_dir)
    out = index.index_dir(settings)
    if not force:
        try:
            loaded = index.load(out, plan, settings, _embedder(settings))
            step(f"index already built in {out}")
            return loaded
        except IndexStateError as exc:
            step(f"{exc.en} → rebuilding")
    started = time.perf_counter()
    step(f"building the index with {settings.embedder} into {out}")
    built = index.build(plan, out, settings, _embedder(settings))
    m = built.manifest
    step(
        f"indexed {m['units']} units ({m['embedder']}, dim {m['dim']}) in {time.perf_counter() - started:.1f}s"
    )
    return built


_embedders: dict[str, index.Embedder] = {}


def _embedder(settings: Settings) -> index.Embedder:
    key = f"{settings.embedder}:{settings.st_model}"
    if key not in _embedders:
        _embedders[key] = index.make_embedder(settings)
    return _embedders[key]


@app.command(name="index")
@cli_errors
def index_command(
    force: bool = typer.Option(False, "--force", help="Rebuild even a sound index."),
    plan: str = PLAN_OPTION,
) -> None:
    """Build every plan's search index (vectors, BM25, units) into its build folder (or one's: --plan)."""
    settings = get_settings()
    for entry in plan_entries(settings, plan):
        built = ensure_index(settings.for_plan(entry.source, entry.folder), force)
        typer.echo(f"{entry.id}: index ready: {built.manifest['units']} units, {built.manifest['embedder']}")


@app.command()
@cli_errors
def search(
    question: str = typer.Argument(..., help="The question, in simplified or traditional Chinese."),
    k: int = typer.Option(8, "-k", "--top", min=1, max=50, help="How many units to list."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    plan_id: str = PLAN_OPTION,
) -> None:
    """Rank a plan's units for a question (section ids and scores), without composing an answer:
    the plan named with --plan, else the one the question would be asked of."""
    settings = get_settings()
    if plan_id is None and len(plan_entries(settings)) > 1:
        from bot.library import Library

        plan_id = Library.load(settings).pick(question)
        step(f"searching {plan_id}")
    settings = plan_settings(settings, plan_id)
    plan = load_plan(settings.build_dir)
    built = index.load(index.index_dir(settings), plan, settings)
    started = time.perf_counter()
    result = Retriever(plan, built, settings).retrieve(question, k)
    elapsed = (time.perf_counter() - started) * 1000
    if as_json:
        payload = {
            "question": question,
            "dense_query": built.dense_query(question),
            "bridged_terms": built.bridge.terms(question),
            "sections": result.sections[:k],
            "section_ref": result.section_ref,
            "departments": [d.name.hans for d in result.departments],
            "hits": [
                {
                    "section": h.unit.id,
                    "kind": h.unit.kind,
                    "title": h.unit.title.hans,
                    "score": round(h.score, 6),
                    "ranks": h.ranks,
                }
                for h in result.hits
            ],
            "ms": round(elapsed, 1),
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    typer.echo(f"embedded: {built.dense_query(question)}")
    if bridged := built.bridge.terms(question):
        typer.echo("English → plan terms: " + " ".join(f"{t}×{w:.2g}" for t, w in bridged.items()))
    if result.section_ref:
        typer.echo(f"named section: {result.section_ref}")
    if result.departments:
        typer.echo("departments: " + "、".join(d.name.hans for d in result.departments))
    typer.echo("sections: " + " ".join(result.sections[:5]))
    for h in result.hits:
        ranks = " ".join(f"{n}={r or '-'}" for n, r in h.ranks.items())
        typer.echo(f"{h.unit.id:<7} {h.score:.4f}  [{ranks}]  {h.unit.title.hans}：{h.unit.text.hans[:40]}")
    typer.echo(f"({elapsed:.0f} ms)", err=True)


def _build_step(settings: Settings, force: bool) -> None:
    ensure_index(settings, force)


BUILD_STEPS.append(_build_step)
