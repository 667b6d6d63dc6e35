"""`plan-qa fit-scope`: fit the scope model (bot/scope.py) on the labelled dev splits and the test set."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ui.cli_app import app, cli_errors, step


@app.command("fit-scope")
@cli_errors
def fit_scope_command(
    out: Path = typer.Option(None, help="Where to write the model (default: PLANQA_SCOPE_MODEL)."),
) -> None:
    """Learn from the dev splits which questions the plan cannot answer, by their meaning; write the model."""
    from bot.library import Library
    from eval.scope_fit import fit_scope, training_cases, write_model
    from planqa.settings import get_settings

    settings = get_settings()
    pipeline = Library.load(settings, progress=step).default
    total = len(training_cases())
    with typer.progressbar(length=total, label="embedding the questions", file=sys.stderr) as bar:
        model = fit_scope(pipeline, settings.scope_l2, progress=bar.update)
    path = write_model(model, out or settings.scope_model)
    meta = model.meta
    step(f"fitted on {meta['questions']} questions ({meta['unanswerable']} unanswerable) → {path}")
