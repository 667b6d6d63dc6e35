"""One evaluation from test set to report: what `plan-qa eval` and the regression gate both run.

The overall, per-kind and per-part numbers are over the questions as written; questions asked again in
the other script (--both-scripts) are judged and listed too, but only feed the script-gap table, so that
runs with and without the flag have comparable headline numbers.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from eval.compare import compare, load_run
from eval.judge import Result, Scores, score
from eval.metrics import breakdown, script_gap, summarise
from eval.report import write_report
from eval.runner import Answerer, result_line, run, write_results
from eval.testset import Case
from eval.thresholds import SPLITS, gate, split_of

EVAL_DIR = Path(__file__).resolve().parent
DEFAULT_TESTSET = EVAL_DIR / "testset.jsonl"
SPLIT_FILES = {name: EVAL_DIR / f"{name}.jsonl" for name in SPLITS}
DEFAULT_OUT = EVAL_DIR / "out"


@dataclass
class Evaluation:
    results: list[Result]
    scores: list[Scores]
    summary: dict[str, Any]
    comparison: dict[str, Any] | None = None


def part_titles(pipeline: Answerer) -> dict[str, str]:
    """Part id → simplified title, when the pipeline exposes its plan (labels only; optional)."""
    titles = {"0": "前言 preamble", "-": "no gold section (unanswerable)"}
    plan = getattr(pipeline, "plan", None)
    with contextlib.suppress(AttributeError, TypeError):
        titles.update({p.id: p.title.hans for p in plan.parts})  # type: ignore[union-attr]
    return titles


def build_summary(results: list[Result], scores: list[Scores], **meta: Any) -> dict[str, Any]:
    idx = [i for i, r in enumerate(results) if r.variant == "original"]
    orig, orig_scores = [results[i] for i in idx], [scores[i] for i in idx]
    overall = summarise(orig, orig_scores)
    return {
        **meta,
        "overall": overall,
        "per_kind": breakdown(orig, orig_scores, lambda r: r.kind),
        "per_part": breakdown(orig, orig_scores, lambda r: r.part),
        "per_style": breakdown(orig, orig_scores, lambda r: r.style or "-"),
        "scripts": script_gap(results, scores),
        "gate": [row.to_dict() for row in gate(overall, split_of(meta.get("testset", "")))],
    }


def evaluate(
    pipeline: Answerer,
    cases: list[Case],
    testset: Path | str = "",
    both_scripts: bool = False,
    on_progress: Callable[[int], None] | None = None,
    load_s: float = 0.0,
) -> Evaluation:
    """Run and judge every case; nothing is written (see `write`)."""
    results = run(pipeline, cases, both_scripts=both_scripts, on_progress=on_progress)
    scores = [score(r) for r in results]
    summary = build_summary(
        results,
        scores,
        testset=str(testset),
        created=datetime.now().isoformat(timespec="seconds"),
        both_scripts=both_scripts,
        load_s=round(load_s, 3),
        part_titles=part_titles(pipeline),
    )
    return Evaluation(results, scores, summary)


def write(ev: Evaluation, out: Path, old_run: Path | None = None) -> list[Path]:
    """results.jsonl, summary.json and report.html in `out`; with `old_run`, the comparison too.
    (The CLI checks `old_run` with `load_run` before running, so a wrong folder fails fast.)"""
    out.mkdir(parents=True, exist_ok=True)
    lines = [result_line(r, s) for r, s in zip(ev.results, ev.scores, strict=True)]
    if old_run is not None:
        old_summary, old_results = load_run(old_run)
        ev.comparison = compare(old_summary, old_results, ev.summary, lines)
        ev.summary["compared_with"] = str(old_run)
    paths = [write_results(out, lines)]
    summary_path = out / "summary.json"
    summary_path.write_text(json.dumps(ev.summary, ensure_ascii=False, indent=1), encoding="utf-8")
    paths += [summary_path, write_report(out, ev.summary, lines, ev.comparison)]
    return paths


def default_out() -> Path:
    return DEFAULT_OUT / time.strftime("%Y%m%d-%H%M%S")
