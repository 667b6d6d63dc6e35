"""What the benchmark must show (issue 7, "Done when"), checked against the numbers of one run.
Each check is (name, description, how to read it from the results, the test); a value that the run
did not measure (e.g. the robustness suite in --quick mode) is reported as not checked, not as passed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ASK_P50_MS_C1 = 30.0
RPS_C8 = 50.0
STARTUP_S = 5.0
RSS_MB = 600.0
FUZZ_CASES = 10_000  # schemathesis cases in the bench run


def _level(r: dict[str, Any], c: int, key: str) -> Any:
    return next((lv[key] for lv in r.get("http", {}).get("levels", []) if lv["concurrency"] == c), None)


def _prop_max(r: dict[str, Any], suffix: str) -> float | None:
    props = r.get("robustness", {}).get("properties", {})
    values = [float(v) for k, v in props.items() if k.endswith(suffix)]
    return max(values) if values else None


def _prop_total(r: dict[str, Any], suffix: str) -> int | None:
    props = r.get("robustness", {}).get("properties", {})
    values = [int(v) for k, v in props.items() if k.endswith(suffix)]
    return sum(values) if values else None


CHECKS: list[tuple[str, str, Callable[[dict[str, Any]], Any], Callable[[Any], bool]]] = [
    ("ask_p50_c1", f"/api/ask p50 at concurrency 1 ≤ {ASK_P50_MS_C1:g} ms",
     lambda r: _level(r, 1, "p50_ms"), lambda v: v <= ASK_P50_MS_C1),
    ("rps_c8", f"throughput at concurrency 8 ≥ {RPS_C8:g} req/s", lambda r: _level(r, 8, "rps"), lambda v: v >= RPS_C8),
    ("startup", f"start-up with a built index < {STARTUP_S:g} s",
     lambda r: r.get("server", {}).get("startup_s"), lambda v: v < STARTUP_S),
    ("rss", f"serving peak RSS < {RSS_MB:g} MB", lambda r: r.get("server", {}).get("peak_rss_mb"), lambda v: v < RSS_MB),
    ("load_errors", "zero errors in the load run", lambda r: r.get("load", {}).get("errors"), lambda v: v == 0),
    ("fuzz_5xx", "zero 5xx / schema violations in the schemathesis run",
     lambda r: _prop_total(r, ".failures"), lambda v: v == 0),
    ("fuzz_cases", f"the schemathesis run tries ≥ {FUZZ_CASES:,} cases",
     lambda r: _prop_total(r, ".cases"), lambda v: v >= FUZZ_CASES),
    ("feedback_lost", "zero acknowledged feedback rows lost after SIGKILL",
     lambda r: _prop_total(r, ".lost_rows"), lambda v: v == 0),
    ("attack_refusal", "an oversize history (60 KB) is refused in < 50 ms",
     lambda r: _prop_max(r, ".attack_refused_ms"), lambda v: v < 50),
    ("attack_ordinary", "an ordinary question answers in < 100 ms (median) while oversize requests arrive",
     lambda r: _prop_max(r, ".attack_ordinary_p50_ms"), lambda v: v < 100),
    ("attack_limiter", "the limiter holds ≥ 500 req/s with 50,000 distinct clients",
     lambda r: _prop_max(r, ".attack_limiter_rps_50000_clients"), lambda v: v >= 500),
    ("attack_rss", f"serving RSS through the security suite < {RSS_MB:g} MB",
     lambda r: _prop_max(r, ".attack_peak_rss_mb"), lambda v: v < RSS_MB),
    ("robustness_suite", "every robustness test passes",
     lambda r: r.get("robustness", {}).get("failed"), lambda v: v == 0),
    ("quality", "answer quality ≥ the baseline's (hit@1 and fact recall)",
     lambda r: r.get("quality", {}).get("quality_ok"), lambda v: v is True),
    ("latency_vs_baseline", "in-process p50 ≤ the baseline's",
     lambda r: r.get("quality", {}).get("latency_ok"), lambda v: v is True),
]  # fmt: skip


def check(results: dict[str, Any]) -> list[dict[str, Any]]:
    """[{name, target, value, ok}] with ok None where the value was not measured."""
    out = []
    for name, target, read, test in CHECKS:
        value = read(results)
        out.append(
            {
                "name": name,
                "target": target,
                "value": value,
                "ok": None if value is None else bool(test(value)),
            }
        )
    return out
