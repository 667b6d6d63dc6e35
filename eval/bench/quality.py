"""Our pipeline and the baseline through the same test set and the same judge (`eval.suite.evaluate`),
reduced to the numbers the comparison needs, with the ratios ours / baseline."""

from __future__ import annotations

from typing import Any

from eval.bench.stats import ratio
from eval.suite import evaluate
from eval.testset import Case
from planqa.script import normalise, to_hans, to_hant

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


def forget(pipeline: Any) -> None:
    """Make every question new again: drop the remembered question vectors, tokens and script
    conversions (the baseline shares the conversions, so both start from the same state)."""
    pipeline.index.forget_questions()
    for cached in (normalise, to_hans, to_hant):
        cached.cache_clear()


def side_by_side(pipeline: Any, baseline: Any, cases: list[Case]) -> dict[str, Any]:
    """{ours, baseline, ratio (ours/baseline), quality_ok, latency_ok}.

    Latency is taken in blocks ordered ours, baseline, baseline, ours (each block meets every question
    as new), so a drift of the machine (another process, clocks) falls on both alike; a block's
    p50 and p95 are averaged with its twin's. Quality is the same in every block: the first counts."""
    baseline.answer(cases[0].question)  # warm-up, as the pipeline had before
    blocks: dict[str, list[dict[str, Any]]] = {"ours": [], "baseline": []}
    for name, answerer in (
        ("ours", pipeline),
        ("baseline", baseline),
        ("baseline", baseline),
        ("ours", pipeline),
    ):
        forget(pipeline)
        blocks[name].append(judged(answerer, cases))
    ours, base = (_mean_latency(blocks[name]) for name in ("ours", "baseline"))
    quality_ok = all((ours[k] or 0) >= (base[k] or 0) for k in QUALITY_KEYS)
    latency_ok = (ours["latency_p50_ms"] or 0) <= (base["latency_p50_ms"] or 0)
    return {
        "ours": ours,
        "baseline": base,
        "ratio": {k: ratio(ours[k], base[k]) for k in COMPARED},
        "quality_keys": list(QUALITY_KEYS),
        "quality_ok": quality_ok,
        "latency_ok": latency_ok,
        "latency_blocks_ms": {name: [b["latency_p50_ms"] for b in runs] for name, runs in blocks.items()},
    }


def _mean_latency(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out = dict(runs[0])
    for key in ("latency_p50_ms", "latency_p95_ms"):
        values = [r[key] for r in runs if r.get(key) is not None]
        out[key] = round(sum(values) / len(values), 3) if values else None
    return out
