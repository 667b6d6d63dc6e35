"""The retrieval result as the composer sees it: ranked tasks and sections, what the question names
(a section, departments), and how sure retrieval is that the plan covers the question at all."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TypeVar

from bot.model import Evidence
from ingest import Department, Measure, Plan, Task
from planqa.script import normalise


@dataclass
class Ranked:
    tasks: list[tuple[Task, float]]  # best first
    sections: list[str]  # measure ids ("0" for the preamble), best first
    measures: list[tuple[Measure, float]] = field(default_factory=list)  # measure units (their leads)
    preamble: float = float("-inf")  # score of the preamble unit, on the tasks' scale
    section_ref: str | None = None  # a section the question names (第三部分第二条, 3.2, 保障措施)
    departments: list[Department] = field(default_factory=list)  # units the question names
    relevance: float = 0.0  # 0..1: does the plan speak to this question at all?
    peak: float = 0.0  # how far the best unit stands out from the rest (dense)
    lexical: float = 0.0  # best BM25 score of a unit
    missing_section: bool = False  # the question names a section the plan does not have
    chinese_terms: str = ""  # an English question's words as the plan's Chinese terms (index/bridge.py)
    named: str = (
        ""  # the plan's own name for the thing asked, word for word (专项贷款), if the question says it
    )
    evidence: list[Evidence] = field(default_factory=list)

    def top_tasks(self, n: int, within: str | None = None) -> list[tuple[Task, float]]:
        picked = [(t, s) for t, s in self.tasks if within is None or t.id.startswith(within + ".")]
        return picked[:n]


_T = TypeVar("_T")
_KEPT_PLANS = 8  # plans whose derived values are kept: a library serves a handful at once


def per_plan(derive: Callable[[Plan], _T]) -> Callable[[Plan], _T]:
    """`derive` computed once per plan object. Keyed by identity: hashing a frozen plan walks every
    task and cost about a millisecond per question (lru_cache hashes its argument on each call)."""
    kept: dict[int, tuple[Plan, _T]] = {}

    @wraps(derive)
    def cached(plan: Plan) -> _T:
        hit = kept.get(id(plan))
        if hit is None or hit[0] is not plan:
            if len(kept) >= _KEPT_PLANS:
                kept.clear()
            hit = kept[id(plan)] = (plan, derive(plan))
        return hit[1]

    return cached


@per_plan
def plan_text(plan: Plan) -> str:
    """The plan's words, normalised: its title, notice, preamble and every measure (tasks included)."""
    return normalise(
        "\n".join([plan.title.hans, plan.notice.hans, plan.preamble.hans])
        + "".join(m.text.hans + m.title.hans for m in plan.measures())
    )


def statement(task: Task, script: str) -> str:
    """The task sentence without its department parenthetical: a verbatim span of the plan."""
    text = task.text.in_script(script)
    cut = max(text.rfind("("), text.rfind("（"))
    return text[:cut] if cut > 0 else text.rstrip("。")


_CLAUSE = re.compile(r"[^,，;；。]+[,，;；。]?")


def best_clauses(text: str, question: str, limit: int) -> str:
    """The contiguous run of clauses of `text` that best covers the question, at most `limit` chars.

    Returns a verbatim span, so it can still be quoted."""
    clauses = [m.group(0) for m in _CLAUSE.finditer(text)]
    if not clauses or len(text) <= limit:
        return text
    q = set(_bigrams(normalise(question)))
    if not q & set(_bigrams(normalise(text))):  # nothing asked for: the task's head says what it is
        return _leading(clauses, limit)
    best, best_score = clauses[0], -1.0
    for i in range(len(clauses)):
        span = ""
        for j in range(i, len(clauses)):
            if len(span) + len(clauses[j]) > limit and span:
                break
            span += clauses[j]
            score = len(q & set(_bigrams(normalise(span)))) + 0.001 * len(span)  # ties: more context
            if score > best_score:
                best, best_score = span, score
    return best.rstrip(",，;；")


def _leading(clauses: list[str], limit: int) -> str:
    span = clauses[0]
    for clause in clauses[1:]:
        if len(span) + len(clause) > limit:
            break
        span += clause
    return span.rstrip(",，;；")


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


def overlap(question: str, text: str) -> float:
    """Share of the question's character bigrams that occur in the text (both normalised)."""
    q = set(_bigrams(normalise(question)))
    if not q:
        return 0.0
    return len(q & set(_bigrams(normalise(text)))) / len(q)


def measure_of(plan: Plan, task: Task) -> Measure:
    node = plan.section(task.measure_id)
    assert isinstance(node, Measure)
    return node


_QUOTED = re.compile(r"[“\"「『‘']([^”\"」』’']{2,20})[”\"」』’']")


def quoted_terms(question: str) -> list[str]:
    """Terms the asker put in quotation marks (“一企一策”), normalised: they name a thing of the plan
    exactly, so a sentence holding the term beats one that is merely close."""
    return [normalise(m.group(1)) for m in _QUOTED.finditer(question)]


def holds(task: Task, terms: list[str]) -> bool:
    text = normalise(task.text.hans)
    return all(term in text for term in terms)
