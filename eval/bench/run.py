"""One bench run, start to finish: what `plan-qa bench` calls.

Order matters for honesty. The HTTP numbers come first, while this process holds no model that could
compete for the CPU: each concurrency level gets a fresh `plan-qa serve` (default settings except the
per-client rate limit, which is off because one client sends everything) and asks every distinct
test-set question once, so no answer is served from the question-vector cache; the last server then
takes the load run, where questions repeat. The quality comparison asks each test-set question once
of both pipelines (new to both). The stage timings use their own pipeline; the robustness suite runs
last, in its own pytest process. Start-up is the median over the fresh servers.
"""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path
from typing import Any

import psutil

from eval.bench import http_load, report, robust, stages, targets
from eval.bench.baseline import Baseline
from eval.bench.quality import side_by_side
from eval.bench.server import ServerProcess
from eval.suite import DEFAULT_OUT, DEFAULT_TESTSET
from eval.testset import load_testset
from planqa.settings import Settings

QUICK = {"cases": 24, "stage_questions": 10, "requests": 16, "load_requests": 64}


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            ln.split(":", 1)[1].strip()
            for ln in cpuinfo.read_text().splitlines()
            if ln.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform()}  # fmt: skip


def _server(settings: Settings, out: Path) -> ServerProcess:
    """The service as deployed, the per-client rate limit raised out of reach: one client sends everything."""
    env = {"PLANQA_FEEDBACK_DB": str(out / "feedback.sqlite"), "PLANQA_RATE_LIMIT_PER_MINUTE": str(10**9)}
    return ServerProcess(
        env, out / "server.log", settings.bench_startup_timeout_s, settings.bench_rss_interval_s
    )


def default_out() -> Path:
    return DEFAULT_OUT / time.strftime("bench-%Y%m%d-%H%M%S")


def run(
    settings: Settings, out: Path, quick: bool = False, robustness: bool = True, log=print
) -> dict[str, Any]:
    """Measure everything, write bench.json / bench.svg / report.md into `out`, return the results."""
    from bot.library import Library

    out.mkdir(parents=True, exist_ok=True)
    cases = load_testset(DEFAULT_TESTSET)
    single = [c.question for c in cases if c.answerable and not c.history]
    if quick:
        cases, single = cases[: QUICK["cases"]], single[: QUICK["stage_questions"]]
    results: dict[str, Any] = {"created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "quick": quick,
                               "machine": machine(), "embedder": settings.embedder}  # fmt: skip

    questions = list(dict.fromkeys(c.question for c in cases))
    n = QUICK["requests"] if quick else settings.bench_requests or len(questions)
    n_load = QUICK["load_requests"] if quick else settings.bench_load_requests
    results["http"] = {"levels": [], "startup_s": [], "distinct_questions": len(questions)}
    results["server"] = {"peak_rss_mb": 0.0}
    for c in settings.bench_levels:  # HTTP first, while this process holds no model of its own
        log(f"fresh plan-qa serve; /api/ask: {n} requests at concurrency {c}")
        with _server(settings, out) as srv:
            results["http"]["levels"].append(
                http_load.drive(srv.url, questions, n, c, settings.bench_request_timeout_s)
            )
            results["http"]["startup_s"].append(round(srv.startup_s or 0, 3))
            if c == settings.bench_levels[-1]:
                log(f"load: {n_load} requests at concurrency {settings.bench_load_concurrency} (same server)")
                results["load"] = http_load.drive(srv.url, questions, n_load, settings.bench_load_concurrency,
                                                  settings.bench_request_timeout_s)  # fmt: skip
        results["server"]["peak_rss_mb"] = round(max(results["server"]["peak_rss_mb"], srv.peak_rss_mb), 1)
    results["server"]["startup_s"] = sorted(results["http"]["startup_s"])[len(settings.bench_levels) // 2]

    log("loading the pipeline and building the baseline")
    pipeline = Library.load(settings).default
    baseline = Baseline(pipeline.plan, settings, pipeline.index.embedder)
    results["baseline_desc"] = (f"RecursiveCharacterTextSplitter {settings.baseline_chunk_size}/"
                                f"{settings.baseline_chunk_overlap}, {len(baseline.chunks)} chunks, FAISS flat IP, "
                                f"same embedder, top {settings.baseline_top_k} chunks")  # fmt: skip
    log(f"answer quality, ours vs baseline, {len(cases)} questions (each new to both)")
    results["quality"] = side_by_side(pipeline, baseline, cases)
    del baseline
    single = single[: settings.bench_stage_questions]
    log(f"per-stage latency over {len(single)} questions")
    results["stages"] = stages.stage_latency(
        Library.load(settings).default, single[: settings.bench_stage_questions]
    )
    if not quick:
        log("index build time")
        results["index_build_s"] = stages.build_time(pipeline, settings)
    if robustness and not quick:
        log("robustness suite (pytest): " + ", ".join(robust.TEST_FILES))
        results["robustness"] = {
            **robust.run_suite(out, fuzz_examples=settings.bench_fuzz_examples),
            "files": list(robust.TEST_FILES),
        }
    results["checks"] = targets.check(results)
    report.write(out, results)
    return results
