"""`plan-qa eval`: run the answer-quality test set through one pipeline and write the report."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import typer

from ui.cli_app import app, cli_errors, step


@app.command("eval")
@cli_errors
def evaluate_command(
    testset: Path = typer.Option(None, help="Test set, JSON lines (default: eval/testset.jsonl)."),
    out: Path = typer.Option(None, help="Output folder (default: eval/out/<timestamp>, linked as latest)."),
    both_scripts: bool = typer.Option(
        False, "--both-scripts", help="Also ask every Chinese question in the other script."
    ),
    compare: Path = typer.Option(None, "--compare", help="An earlier run's folder to compare with."),
    record_baseline: bool = typer.Option(
        False,
        "--record-baseline",
        help="For eval/dev.jsonl or eval/unseen.jsonl: keep this run's figures as the floor the gate holds.",
    ),
    plan: str = typer.Option(None, "--plan", help="Ask every question of this plan (`plan-qa plans`)."),
) -> None:
    """Run the test set through the pipeline; write results.jsonl, summary.json and report.html."""
    from bot.library import Library
    from eval.compare import load_run
    from eval.suite import DEFAULT_TESTSET, default_out, evaluate, write
    from eval.testset import load_testset
    from eval.thresholds import gate, gate_table, split_of
    from eval.thresholds import record_baseline as record
    from planqa.settings import get_settings

    testset = testset or DEFAULT_TESTSET
    split = split_of(testset)
    if record_baseline and split is None:
        raise typer.BadParameter(
            "--record-baseline 只用于 dev/unseen 测试集 / only for the dev or unseen split"
        )
    cases = load_testset(testset)
    if compare is not None:
        load_run(compare)  # fail before the run, not after it
    step(f"{len(cases)} questions from {testset}; loading the pipeline")
    started = time.perf_counter()
    library = Library.load(get_settings(), progress=step)
    pipeline = library if plan is None else _OnePlan(library, plan)
    load_s = time.perf_counter() - started
    total = len(cases)
    with typer.progressbar(length=total, label="evaluating", file=sys.stderr) as bar:
        ev = evaluate(pipeline, cases, testset, both_scripts, on_progress=bar.update, load_s=load_s)
    target = out or default_out()
    for path in write(ev, target, compare):
        step(f"wrote {path}")
    if out is None:
        _link_latest(target)
    overall = ev.summary["overall"]
    typer.echo(gate_table(gate(overall, split)))
    if record_baseline:
        step(f"recorded the {split} figures in {record(split, overall)}")
    typer.echo(f"{overall['n'] - overall['n_failed']}/{overall['n']} questions pass every check")
    if ev.comparison:
        cmp = ev.comparison
        typer.echo(f"since {compare}: {len(cmp['to_fail'])} pass → fail, {len(cmp['to_pass'])} fail → pass")


class _OnePlan:
    """The library with every question asked of one plan (`--plan`)."""

    def __init__(self, library, plan: str):
        self.pipeline = library.pipeline(plan)  # an unknown id fails before the run
        self.plan = self.pipeline.plan
        self._library, self._plan = library, plan

    def answer(self, question, history=(), script=None, plan=None):
        return self._library.answer(question, history, script, plan=plan or self._plan)


def _link_latest(target: Path) -> None:
    """Point eval/out/latest at the newest run (best effort: a file system without symlinks just skips)."""
    latest = target.parent / "latest"
    with contextlib.suppress(OSError):
        if latest.is_symlink() or latest.exists():
            latest.unlink()
        latest.symlink_to(target.name, target_is_directory=True)
