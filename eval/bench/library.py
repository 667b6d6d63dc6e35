"""The plan library measured: `python -m eval.bench.library [--out DIR] [--layouts]`.

Builds a five-plan library from scratch (our plan, and our plan issued by other districts for other
years: tests/fixtures/library.py) and writes `library.json` with
- `load_s`: `Library.load` of the built five plans, in process;
- `serve`: `plan-qa serve` over them, spawn to the first 200 of /api/health, and the peak RSS while
  it answers the test set over HTTP;
- `p50_ms`: in-process answer p50 over the test set's distinct questions, one plan vs five, timed
  in blocks one, five, five, one with the question vectors forgotten before each block (every
  question new to it);
- `routing`: the test set's answerable questions asked of each plan by name (eval/library_check.py);
- with `--layouts`: the test set on each generated layout (tests/fixtures/layouts.py) against the
  original, every metric, the differences beyond 0.03 listed.
Timings belong here, never in a unit test.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from bot.library import Library
from eval.bench.server import ServerProcess
from eval.library_check import check_routing, plain_cases
from eval.suite import DEFAULT_TESTSET, evaluate
from eval.testset import Case, load_testset
from ingest import build_plan
from planqa.script import to_hans, to_hant
from planqa.settings import ROOT, Settings, get_settings

DELTA = 0.03
_YEAR = re.compile(r"20\d\d")


def _forget(library: Library) -> None:
    for info in library.plans:
        index = library.pipeline(info.id).index
        if index is not None:
            index.forget_questions()


def _timed(library: Library, question: str) -> float:
    _forget(library)  # every question new to the library timed
    began = time.perf_counter()
    library.answer(question)
    return (time.perf_counter() - began) * 1000


def latency(one: Library, five: Library, questions: list[str]) -> dict[str, Any]:
    """Each question timed on both libraries back to back, the order alternating, so that a busy
    machine slows both alike; the ratio is the median of the per-question ratios."""
    pairs = []
    for n, q in enumerate(questions):
        if n % 2:
            five_ms, one_ms = _timed(five, q), _timed(one, q)
        else:
            one_ms, five_ms = _timed(one, q), _timed(five, q)
        pairs.append((one_ms, five_ms))
    p50 = {k: round(statistics.median(p[i] for p in pairs), 2) for i, k in enumerate(("one", "five"))}
    ratio = statistics.median(f / o for o, f in pairs)
    return {
        **p50,
        "ratio": round(p50["five"] / p50["one"], 3),
        "paired_ratio": round(ratio, 3),
        "questions": len(questions),
    }


def serve(settings: Settings, out: Path, questions: list[str]) -> dict[str, Any]:
    env = {
        "PLANQA_SOURCE_DIR": str(settings.source_dir),
        "PLANQA_BUILD_DIR": str(settings.build_dir),
        "PLANQA_FEEDBACK_DB": str(out / "feedback.sqlite"),
        "PLANQA_RATE_LIMIT_PER_MINUTE": str(10**9),
    }
    with ServerProcess(env, out / "server.log") as server:
        startup = server.startup_s
        plans = httpx.get(f"{server.url}/api/plans", timeout=10).json()
        with httpx.Client(timeout=30) as client:
            codes = [
                client.post(f"{server.url}/api/ask", json={"question": q}).status_code for q in questions
            ]
        rss = server.peak_rss_mb
    return {
        "startup_s": round(startup or 0, 2),
        "peak_rss_mb": round(rss, 1),
        "plans": [p["id"] for p in plans],
        "errors": sum(c != 200 for c in codes),
    }


def map_case(case: Case, district_year: tuple[str, str, int] | None) -> Case:
    """The case asked of a plan issued elsewhere or for another year: its names and years moved too."""
    if district_year is None:
        return case
    old, new, shift = district_year

    def moved(text: str) -> str:
        for a, b in ((old, new), (to_hans(old), to_hans(new)), (to_hant(old), to_hant(new))):
            text = text.replace(a, b)
        return _YEAR.sub(lambda m: str(int(m.group()) + shift), text)

    return replace(
        case,
        question=moved(case.question),
        facts=tuple(map(moved, case.facts)),
        history=tuple(map(moved, case.history)),
        forbidden=tuple(map(moved, case.forbidden)),
    )


def layouts(base: Settings, out: Path, cases: list[Case]) -> dict[str, Any]:
    """The test set on every generated layout, each a one-plan library of its own."""
    from tests.fixtures.layouts import LAYOUTS, render

    plan = build_plan(base.source)
    results: dict[str, Any] = {}
    original = None
    for name in ["original", *LAYOUTS]:
        folder = out / "layouts" / name
        (folder / "source").mkdir(parents=True, exist_ok=True)
        if name == "original":
            (folder / "source" / base.source.name).write_bytes(base.source.read_bytes())
        else:
            (folder / "source" / f"{name}.txt").write_text(render(plan, name), encoding="utf-8")
        settings = base.model_copy(update={"source_dir": folder / "source", "build_dir": folder / "build"})
        library = Library.load(settings)
        moved = [map_case(c, LAYOUTS[name].district_year if name != "original" else None) for c in cases]
        overall = evaluate(library, moved, DEFAULT_TESTSET).summary["overall"]
        figures = {  # answer quality only: timings are measured apart (latency above)
            k: v
            for k, v in overall.items()
            if isinstance(v, float) and k != "answer_len_median" and not k.startswith("latency")
        }
        if original is None:
            original = figures
        delta = {k: round(v - original[k], 3) for k, v in figures.items() if original.get(k) is not None}
        results[name] = {
            "id": library.default_id,
            "metrics": figures,
            "delta": delta,
            "beyond": {k: d for k, d in delta.items() if abs(d) > DELTA},
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "eval" / "out" / time.strftime("library-%Y%m%d-%H%M%S")
    )
    parser.add_argument("--layouts", action="store_true", help="Also evaluate every generated layout.")
    args = parser.parse_args()
    from tests.fixtures.library import library_settings

    out: Path = args.out
    base = get_settings()
    settings = library_settings(base, out, build_plan(base.source))
    started = time.perf_counter()
    Library.load(settings, progress=print)  # the build: plans and indexes
    report: dict[str, Any] = {"build_s": round(time.perf_counter() - started, 1)}
    started = time.perf_counter()
    five = Library.load(settings)
    report["load_s"] = round(time.perf_counter() - started, 2)
    one = Library.load(base)
    cases = load_testset(DEFAULT_TESTSET)
    questions = list(dict.fromkeys(c.question for c in cases))
    report["p50_ms"] = latency(one, five, questions)
    routing = check_routing(five, plain_cases(cases, five))
    report["routing"] = {"asked": routing.asked, "rate": round(routing.rate, 4), "crossed": routing.crossed}
    report["serve"] = serve(settings, out, questions)
    if args.layouts:
        report["layouts"] = layouts(base, out, cases)
    (out / "library.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "layouts"}, ensure_ascii=False, indent=1))
    for name, row in report.get("layouts", {}).items():
        print(f"{name:<22} beyond {DELTA}: {row['beyond'] or 'none'}")


if __name__ == "__main__":
    main()
