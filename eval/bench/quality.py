"""Our pipeline and the baseline through the same test set and the same judge (`eval.suite.evaluate`),
reduced to the numbers the comparison needs, with the ratios ours / baseline."""

from __future__ import annotations

from typing import Any

from eval.bench.stats import ratio
from eval.suite import evaluate
from eval.testset import Case

COMPARED = (
    "hit@1",
    "hit@3",
    "retrieval_hit@1",
    "fact_recall",
    "citation_precision",
    "refusal_unanswerable",
    "false_refusal",
    "pass_rate",
    "answer_len_median",
    "latency_p50_ms",
    "latency_p95_ms",
)
HIGHER_IS_BETTER = {"hit@1", "hit@3", "retrieval_hit@1", "fact_recall", "citation_precision",
                    "refusal_unanswerable", "pass_rate"}  # fmt: skip
# what "answer quality at least as good" is judged on: the right section first, the fact in the answer
QUALITY_KEYS = ("hit@1", "fact_recall")


def judged(answerer: Any, cases: list[Case]) -> dict[str, Any]:
    overall = evaluate(answerer, cases).summary["overall"]
    return {key: overall.get(key) for key in ("n", *COMPARED)}


def side_by_side(pipeline: Any, baseline: Any, cases: list[Case]) -> dict[str, Any]:
    """{ours, baseline, ratio (ours/baseline), quality_ok, latency_ok}."""
    baseline.answer(cases[0].question)  # warm-up, as the pipeline had before
    ours, base = judged(pipeline, cases), judged(baseline, cases)
    quality_ok = all((ours[k] or 0) >= (base[k] or 0) for k in QUALITY_KEYS)
    latency_ok = (ours["latency_p50_ms"] or 0) <= (base["latency_p50_ms"] or 0)
    return {
        "ours": ours,
        "baseline": base,
        "ratio": {k: ratio(ours[k], base[k]) for k in COMPARED},
        "quality_keys": list(QUALITY_KEYS),
        "quality_ok": quality_ok,
        "latency_ok": latency_ok,
    }
