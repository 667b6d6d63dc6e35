"""`plan-qa bench`: the benchmark and robustness report (eval/bench/)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ui.cli_app import app, cli_errors, step


@app.command()
@cli_errors
def bench(
    out: Path = typer.Option(None, help="Output folder (default: eval/out/bench-<timestamp>)."),
    quick: bool = typer.Option(False, "--quick", help="A few requests and questions: checks the machinery."),
    robustness: bool = typer.Option(
        True, "--robustness/--no-robustness", help="Run the robustness tests too."
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when a measured target is missed."),
) -> None:
    """Speed, load, the side-by-side baseline and the robustness suite: bench.json, bench.svg, report.md."""
    from eval.bench.run import default_out, run
    from planqa.settings import get_settings

    out = out or default_out()
    results = run(get_settings(), out, quick=quick, robustness=robustness, log=step)
    for c in results["checks"]:
        mark = {True: "ok  ", False: "MISS", None: "n/a "}[c["ok"]]
        typer.echo(f"{mark} {c['target']}: {c['value']}")
    typer.echo(f"report: {out / 'report.md'}  ·  {out / 'bench.json'}  ·  {out / 'bench.svg'}")
    if strict and any(c["ok"] is False for c in results["checks"]):
        sys.exit(1)
