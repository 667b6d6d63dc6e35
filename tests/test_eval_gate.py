"""The regression gate: the real pipeline on the real test sets must meet every threshold.

Marked `gate` so that CI can choose when to enforce it (`pytest -m gate` / `-m "not gate"`). The main
test set (eval/testset.jsonl) meets the fixed thresholds of `eval/thresholds.py`; the question splits
written apart from the code (eval/dev.jsonl, eval/unseen.jsonl) must not fall below the figures recorded
for them in eval/baselines.json. Each failure prints the whole metric table, the worst questions and
where the full report was written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.suite import DEFAULT_TESTSET, SPLIT_FILES, Evaluation, evaluate, write
from eval.testset import load_testset
from eval.thresholds import TARGETS, THRESHOLDS, gate, gate_table, split_of

pytestmark = pytest.mark.gate

SETS = {"testset": DEFAULT_TESTSET, **SPLIT_FILES}
CASES = [("testset", m) for m in THRESHOLDS] + [(s, m) for s in SPLIT_FILES for m in TARGETS]


@pytest.fixture(scope="module")
def pipeline():
    from bot.library import Library
    from planqa.settings import get_settings

    return Library.load(get_settings()).default


@pytest.fixture(scope="module")
def evaluations(pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Evaluation, Path]]:
    """Each test set run once, on demand."""
    cache: dict[str, tuple[Evaluation, Path]] = {}

    def run(name: str) -> tuple[Evaluation, Path]:
        if name not in cache:
            path = SETS[name]
            if not path.exists():
                pytest.skip(f"no test set yet: {path} does not exist")
            ev = evaluate(pipeline, load_testset(path), path)
            out = tmp_path_factory.mktemp(f"eval-gate-{name}")
            write(ev, out)
            cache[name] = (ev, out)
        return cache[name]

    return run  # type: ignore[return-value]


@pytest.mark.parametrize(("testset", "metric"), CASES)
def test_gate(evaluations, testset: str, metric: str) -> None:
    ev, out = evaluations(testset)
    rows = gate(ev.summary["overall"], split_of(SETS[testset]))
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
            f"{testset}: {metric} = {row.value:.3f}, needs {row.op} {row.threshold}\n\n{gate_table(rows)}\n\n"
            f"first failing questions:\n" + "\n".join(failing) + f"\n\nfull report: {out / 'report.html'}",
            pytrace=False,
        )
