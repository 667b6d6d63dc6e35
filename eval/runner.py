"""Run a test set through one loaded pipeline, exactly as a user's conversation would reach it.

Each case is one conversation: its `history` questions are the earlier turns, passed as they are to
`Pipeline.answer`, so follow-up questions are judged in context. Only the answer call is timed, so the
latencies are the pipeline's and not the runner's.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol

from eval.judge import Result, Scores
from eval.testset import Case
from planqa.script import detect_script, to_hans, to_hant


class Answerer(Protocol):
    """What the runner needs of `bot.Pipeline`: its one public call."""

    def answer(self, question: str, history: Sequence[str] = ..., script: str | None = ...) -> Any: ...


def other_script(text: str) -> tuple[str, str] | None:
    """The question in the other Chinese script, with that script's name; None for English questions
    and for questions that read the same in both scripts (asking again would measure nothing)."""
    script = detect_script(text)
    if script == "en":
        return None
    converted, to = (to_hant(text), "hant") if script == "hans" else (to_hans(text), "hans")
    return None if converted == text else (converted, to)


def ask(
    pipeline: Answerer, case: Case, question: str, history: list[str], variant: str, script: str = ""
) -> Result:
    """One question through `Pipeline.answer`; an exception becomes a failed result, not a stopped run."""
    started = time.perf_counter()
    try:  # a case that names its plan is asked of that plan (a library takes `plan`)
        ans = (
            pipeline.answer(question, history, plan=case.plan)
            if case.plan
            else pipeline.answer(question, history)
        )
        error = ""
    except Exception as exc:  # a pipeline bug must show in the report, with every other question scored
        ans, error = None, f"{type(exc).__name__}: {exc}"
    latency = (time.perf_counter() - started) * 1000
    return Result(
        id=case.id,
        question=question,
        answer=getattr(ans, "answer", "") or "",
        answered=bool(getattr(ans, "answered", False)),
        citations=[c.section for c in getattr(ans, "citations", [])],
        evidence=[e.section for e in getattr(ans, "evidence", [])],
        latency_ms=round(latency, 3),
        kind=case.kind,
        answerable=case.answerable,
        sections=list(case.sections),
        facts=list(case.facts),
        history=history,
        script=getattr(ans, "script", ""),
        variant=variant,
        asked_in=script or detect_script(question),
        departments=list(getattr(ans, "departments", [])),
        error=error,
        group=case.group,
        style=case.style,
        forbidden=list(case.forbidden),
        yes_no=case.yes_no,
        plan=case.plan,
        plans=list(getattr(ans, "plans", []) or []),
        citation_plans=[getattr(c, "plan", "") for c in getattr(ans, "citations", [])],
    )


def run(
    pipeline: Answerer,
    cases: list[Case],
    both_scripts: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> list[Result]:
    """Every case as written, and with `both_scripts` also converted to the other script (history too)."""
    results: list[Result] = []
    for case in cases:
        results.append(ask(pipeline, case, case.question, list(case.history), "original"))
        converted = other_script(case.question) if both_scripts else None
        if converted is not None:
            to = to_hant if converted[1] == "hant" else to_hans
            history = [to(h) for h in case.history]
            results.append(ask(pipeline, case, converted[0], history, "converted", converted[1]))
        if on_progress:
            on_progress(1)
    return results


def result_line(r: Result, s: Scores) -> dict[str, Any]:
    """One line of results.jsonl: the answer as given plus how it was judged."""
    return {**asdict(r), "question_script": r.question_script, "part": r.part, **s.to_dict()}


def write_results(out: Path, lines: list[dict[str, Any]]) -> Path:
    path = out / "results.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    return path


def read_results(path: Path) -> list[dict[str, Any]]:
    """The lines of an earlier run's results.jsonl, as dicts (used by --compare and the report)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
