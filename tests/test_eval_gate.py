"""The regression gate: the real pipeline on the real test set must meet every threshold.

Marked `gate` so that CI can choose when to enforce it (`pytest -m gate` / `-m "not gate"`); it fails,
one test per metric, until the answer composer meets the thresholds in `eval/thresholds.py`. Each
failure prints the whole metric table, the worst questions and where the full report was written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.suite import DEFAULT_TESTSET, Evaluation, evaluate, write
from eval.testset import load_testset
from eval.thresholds import THRESHOLDS, gate, gate_table

pytestmark = pytest.mark.gate


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory: pytest.TempPathFactory) -> tuple[Evaluation, Path]:
    if not DEFAULT_TESTSET.exists():
        pytest.skip(f"no test set yet: {DEFAULT_TESTSET} does not exist")
    from bot import Pipeline
    from planqa.settings import get_settings

    cases = load_testset(DEFAULT_TESTSET)
    ev = evaluate(Pipeline.load(get_settings()), cases, DEFAULT_TESTSET)
    out = tmp_path_factory.mktemp("eval-gate")
    write(ev, out)
    return ev, out


@pytest.mark.parametrize("metric", list(THRESHOLDS))
def test_gate(evaluation: tuple[Evaluation, Path], metric: str) -> None:
    ev, out = evaluation
    rows = gate(ev.summary["overall"])
    row = next(r for r in rows if r.metric == metric)
    if row.ok is None:
        pytest.skip(
            f"{metric} had nothing to measure in this run"
            " (no question it applies to, or no citations/answers)"
        )
    if not row.ok:
        failing = [
            f"  {r.id}: {'; '.join(s.failures)}"
            for r, s in zip(ev.results, ev.scores, strict=True)
            if s.failures
        ][:10]
        pytest.fail(
            f"{metric} = {row.value:.3f}, needs {row.op} {row.threshold}\n\n{gate_table(rows)}\n\n"
            f"first failing questions:\n" + "\n".join(failing) + f"\n\nfull report: {out / 'report.html'}",
            pytrace=False,
        )
