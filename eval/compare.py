"""Compare a run with an earlier one: headline deltas and the questions that changed verdict.

Questions are matched by id (and script variant), so a test set that grew or shrank between the runs
still compares; added and removed questions are counted, not treated as changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eval.metrics import HEADLINE
from eval.runner import read_results
from planqa.errors import PlanQAError


class RunFolderError(PlanQAError):
    """The folder given to --compare is not the output of an earlier `plan-qa eval`."""

    status = 422


def load_run(folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An earlier run's summary and results; a clear error when the folder is not a run."""
    summary_path, results_path = folder / "summary.json", folder / "results.jsonl"
    if not summary_path.is_file() or not results_path.is_file():
        raise RunFolderError(
            f"{folder} 不是评测输出目录（缺少 summary.json 或 results.jsonl）",
            f"{folder} is not an evaluation run (summary.json or results.jsonl is missing)",
        )
    try:
        return json.loads(summary_path.read_text(encoding="utf-8")), read_results(results_path)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RunFolderError(
            f"{folder} 的评测输出已损坏：{exc}", f"the run in {folder} is corrupt: {exc}"
        ) from None


def _key(line: dict[str, Any]) -> str:
    variant = line.get("variant", "original")
    return str(line.get("id")) if variant == "original" else f"{line.get('id')}@{variant}"


def _change(key: str, old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": key,
        "question": new.get("question", ""),
        "old_answer": old.get("answer", ""),
        "new_answer": new.get("answer", ""),
        "old_failures": old.get("failures", []),
        "new_failures": new.get("failures", []),
    }


def compare(
    old_summary: dict[str, Any],
    old_results: list[dict[str, Any]],
    new_summary: dict[str, Any],
    new_results: list[dict[str, Any]],
) -> dict[str, Any]:
    """Headline deltas (new − old) and the pass → fail / fail → pass lists."""
    old_m, new_m = old_summary.get("overall", {}), new_summary.get("overall", {})
    deltas = {}
    for metric in HEADLINE:
        a, b = old_m.get(metric), new_m.get(metric)
        deltas[metric] = {"old": a, "new": b, "delta": None if a is None or b is None else b - a}
    old_by, new_by = {_key(x): x for x in old_results}, {_key(x): x for x in new_results}
    to_fail, to_pass = [], []
    for key, new in new_by.items():
        old = old_by.get(key)
        if old is None or bool(old.get("passed")) == bool(new.get("passed")):
            continue
        (to_pass if new.get("passed") else to_fail).append(_change(key, old, new))
    return {
        "old_run": old_summary.get("created", ""),
        "deltas": deltas,
        "to_fail": to_fail,
        "to_pass": to_pass,
        "added": len(new_by.keys() - old_by.keys()),
        "removed": len(old_by.keys() - new_by.keys()),
    }
