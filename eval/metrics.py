"""Aggregate judged results into the headline metrics, overall and per group (kind, part).

Rates are shares of the questions a metric applies to; the three "share of items" metrics (citation
precision, fact recall, dept-all recall) pool their items over questions, so a question with many facts
weighs as much as its facts do. A metric with no question to apply to is None (shown as "—"), not 0:
a test set without dept-all questions should not fail the dept-all gate.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from eval.judge import Result, Scores, score

# name → (label, higher is better); the order is the order of every table in the report.
HEADLINE: dict[str, tuple[str, bool]] = {
    "hit@1": ("hit@1 (first citation right)", True),
    "hit@3": ("hit@3 (a right citation in the first 3)", True),
    "retrieval_hit@1": ("retrieval hit@1 (first evidence right)", True),
    "retrieval_hit@3": ("retrieval hit@3 (right evidence in the first 3)", True),
    "citation_precision": ("citation precision", True),
    "fact_recall": ("fact recall", True),
    "refusal_unanswerable": ("refusal on unanswerable", True),
    "false_refusal": ("false refusal on answerable", False),
    "script_match": ("script match", True),
    "dept_all_recall": ("dept-all (unit remit) section recall", True),
    "phrasing_stability": ("phrasing stability (same first section across phrasings)", True),
    "wrong_lead": ("wrong lead (a figure about another thing, a wrong yes)", False),
    "denied_stated": ("denied (says the plan gives no figure it quotes)", False),
    "pass_rate": ("questions passing every check", True),
    "answer_len_median": ("answer length median (chars)", False),
    "latency_p50_ms": ("latency p50 (ms)", False),
    "latency_p95_ms": ("latency p95 (ms)", False),
}
RATES = [k for k in HEADLINE if not k.startswith(("answer_len", "latency"))]

# Shown at the end of the report, so that a reader never has to open this file.
DEFINITIONS = {
    "right citation": "cited section c is right for gold g when c == g or c starts with g + '.'",
    "hit@1 / hit@3": "answerable questions: the first (any of the first 3 distinct) cited sections is right",
    "retrieval hit@1 / @3": "the same on Answer.evidence, the retrieved units the answer was composed from",
    "citation precision": "right distinct cited sections / all distinct cited sections,"
    " pooled over answerable questions",
    "fact recall": "facts found in the answer text / all facts; both sides normalised"
    " (simplified, half-width, no whitespace, lower case)",
    "refusal on unanswerable": "unanswerable questions answered with answered = false",
    "false refusal": "answerable questions answered with answered = false",
    "script match": "answer script equals the question's (detect_script); English questions need an English"
    " lead sentence (two Latin words before the first Han character, or a first sentence with no Han);"
    " an answer whose Han characters read the same in both scripts matches either Chinese script",
    "both scripts": "--both-scripts asks each Chinese question again converted to the other script"
    " (history too); the gap is traditional − simplified over the questions asked in both, in points",
    "dept-all recall": "kind dept-all: gold sections with a right citation / all gold sections",
    "phrasing stability": "answerable questions in a group of two or more phrasings: the measure of the"
    " first citation is the group's most common one (a refused question is never stable)",
    "denied": "answerable questions the plan states (not partial, not yes/no): the answer's first line"
    " says the plan gives or mentions no such thing, and the answer still holds every expected fact",
    "wrong lead": "questions with forbidden strings or a yes/no expectation: the answer's first line"
    " states a forbidden string, or says yes where the plan says no or does not say",
    "pass rate": "questions for which no check failed",
    "answer length": "median characters of the answer text over answered questions",
    "latency": "wall time of Pipeline.answer per question, nearest-rank p50 / p95",
}


def _rate(values: Iterable[bool | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def _share(pairs: Iterable[tuple[int, int]]) -> float | None:
    hit = total = 0
    for h, t in pairs:
        hit, total = hit + h, total + t
    return hit / total if total else None


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100): a value that actually occurred, stable for small sets."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def landing(r: Result) -> str:
    """Where an answer lands: the measure of its first citation ("0" for the preamble), "-" if refused."""
    if not r.answered or not r.citations:
        return "-"
    return ".".join(r.citations[0].split(".")[:2])


def phrasing_stability(results: list[Result]) -> float | None:
    """The share of grouped answerable questions that land where most of their group lands; a refused
    question is unstable, so a group that is refused whole scores nothing."""
    groups: dict[str, list[str]] = {}
    for r in results:
        if r.group and r.answerable and r.variant == "original":
            groups.setdefault(r.group, []).append(landing(r))
    stable = total = 0
    for landings in groups.values():
        if len(landings) < 2:
            continue
        landed = Counter(x for x in landings if x != "-")
        stable += landed.most_common(1)[0][1] if landed else 0
        total += len(landings)
    return stable / total if total else None


def summarise(results: list[Result], scores: list[Scores] | None = None) -> dict[str, Any]:
    """Every headline metric over `results` (judged here unless `scores` are given), plus counts."""
    scores = scores if scores is not None else [score(r) for r in results]
    answered_lengths = [s.length for r, s in zip(results, scores, strict=True) if r.answered]
    latencies = [r.latency_ms for r in results]
    return {
        "n": len(results),
        "n_answerable": sum(r.answerable for r in results),
        "n_failed": sum(not s.passed for s in scores),
        "hit@1": _rate(s.hit1 for s in scores),
        "hit@3": _rate(s.hit3 for s in scores),
        "retrieval_hit@1": _rate(s.retrieval_hit1 for s in scores),
        "retrieval_hit@3": _rate(s.retrieval_hit3 for s in scores),
        "citation_precision": _share((s.cited_right, s.cited_total) for s in scores),
        "fact_recall": _share(
            (len(s.facts_found), len(s.facts_found) + len(s.facts_missing)) for s in scores
        ),
        "refusal_unanswerable": _rate(s.refused_ok for s in scores),
        "false_refusal": _rate(s.false_refusal for s in scores),
        "script_match": _rate(s.script_match for s in scores) if scores else None,
        "dept_all_recall": _share((s.dept_found, s.dept_total) for s in scores),
        "phrasing_stability": phrasing_stability(results),
        "wrong_lead": _rate(s.wrong_lead for s in scores),
        "denied_stated": _rate(s.denied_stated for s in scores),
        "pass_rate": _rate(s.passed for s in scores) if scores else None,
        "answer_len_median": statistics.median(answered_lengths) if answered_lengths else None,
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }


def breakdown(
    results: list[Result], scores: list[Scores], key: Callable[[Result], str]
) -> dict[str, dict[str, Any]]:
    """The metrics per group (e.g. per kind or per part), groups in sorted order."""
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(results):
        groups.setdefault(key(r), []).append(i)
    return {
        name: summarise([results[i] for i in idx], [scores[i] for i in idx])
        for name, idx in sorted(groups.items())
    }


def script_gap(results: list[Result], scores: list[Scores]) -> dict[str, Any] | None:
    """With --both-scripts: the metrics over the simplified and the traditional askings of the same
    questions, and the gap in points (goal: ≤2 per headline rate). None when nothing was converted."""
    converted = {r.id for r in results if r.variant == "converted"}  # asked in both scripts
    if not converted:
        return None
    by_script: dict[str, dict[str, Any]] = {}
    for script in ("hans", "hant"):
        idx = [i for i, r in enumerate(results) if r.id in converted and r.question_script == script]
        by_script[script] = summarise([results[i] for i in idx], [scores[i] for i in idx])
    gap = {
        k: None
        if by_script["hans"][k] is None or by_script["hant"][k] is None
        else round(100 * (by_script["hant"][k] - by_script["hans"][k]), 2)
        for k in RATES
    }
    return {**by_script, "gap_points": gap, "goal_points": 2.0}
