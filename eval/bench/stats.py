"""Latency summaries: nearest-rank percentiles (the eval's own `percentile`), so the bench and the
answer-quality report agree on what p50 and p95 mean."""

from __future__ import annotations

import statistics

from eval.metrics import percentile


def summary(values_ms: list[float]) -> dict[str, float | int | None]:
    """n, p50, p95, mean and max of a list of milliseconds (None for an empty list)."""
    if not values_ms:
        return {"n": 0, "p50_ms": None, "p95_ms": None, "mean_ms": None, "max_ms": None}
    return {
        "n": len(values_ms),
        "p50_ms": round(percentile(values_ms, 50) or 0.0, 3),
        "p95_ms": round(percentile(values_ms, 95) or 0.0, 3),
        "mean_ms": round(statistics.fmean(values_ms), 3),
        "max_ms": round(max(values_ms), 3),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b, or None when either is missing or b is zero."""
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 3)
