"""`/api/search` and the plan browser's topic search: the served index's retriever (dense + BM25, the
same one answers use), or — only while the index is missing or rebuilding — a plain character-bigram
overlap over measures and tasks, so staff can still look things up.

The pipeline holds a `PlanRanker`, whose `retriever` is the index's `Retriever`: both are accepted.
A search also says whether anything matched closely, by the test answers use to decide whether the
plan covers a question, so the page can say "no close match" instead of listing loose hits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest import Plan
from planqa.script import normalise
from planqa.settings import Settings, get_settings


@dataclass
class SearchResult:
    method: str  # "retriever" (the index) or "bigram" (no index)
    hits: list[dict[str, Any]] = field(default_factory=list)
    close: bool = True  # did some unit match closely (the plan covers the query)?


def search(plan: Plan, retriever: Any, query: str, k: int, script: str = "hans") -> tuple[str, list[dict]]:
    """(method, hits): each hit {section, kind, title, text, score}, best first."""
    result = search_plan(plan, retriever, query, k, script)
    return result.method, result.hits


def search_plan(
    plan: Plan, retriever: Any, query: str, k: int, script: str = "hans", settings: Settings | None = None
) -> SearchResult:
    """Ranked units for `query`, and whether the best of them match closely."""
    index_retriever = _index_retriever(retriever)
    if index_retriever is None:
        hits = _bigram_search(plan, query, k, script)
        return SearchResult("bigram", hits, bool(hits))
    retrieval = index_retriever.retrieve(query, k)
    hits = [_hit(h, script) for h in list(getattr(retrieval, "hits", retrieval))[:k]]
    return SearchResult("retriever", hits, close_match(retrieval, settings or get_settings()))


def _index_retriever(retriever: Any) -> Any:
    """The object with `retrieve`: the retriever itself, or the one a `PlanRanker` holds."""
    for candidate in (retriever, getattr(retriever, "retriever", None)):
        if candidate is not None and hasattr(candidate, "retrieve"):
            return candidate
    return None


def close_match(retrieval: Any, settings: Settings) -> bool:
    """The pipeline's coverage test (`Pipeline._covered`, not lenient): a named section or unit, or a
    unit close enough in meaning and sharing the query's rarer words or standing out in meaning."""
    if getattr(retrieval, "section_ref", None) or getattr(retrieval, "departments", None):
        return True
    if not hasattr(retrieval, "relevance"):
        return True
    if retrieval.relevance < settings.min_relevance:
        return False
    if list(retrieval.sections[:1]) == ["0"]:
        return True
    return retrieval.lexical >= settings.min_lexical or retrieval.peak >= settings.min_dense_peak


def _hit(hit: Any, script: str) -> dict[str, Any]:
    unit = getattr(hit, "unit", hit)
    title, body = getattr(unit, "title", ""), getattr(unit, "text", "")
    return {
        "section": getattr(unit, "id", getattr(unit, "section", "")),
        "kind": getattr(unit, "kind", ""),
        "title": title.in_script(script) if hasattr(title, "in_script") else str(title),
        "text": body.in_script(script) if hasattr(body, "in_script") else str(body),
        "score": round(float(getattr(hit, "score", 0.0)), 6),
    }


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def _bigram_search(plan: Plan, query: str, k: int, script: str) -> list[dict[str, Any]]:
    q = _bigrams(normalise(query))
    scored = []
    for m in plan.measures():
        units = [("measure", m.id, m.title, m.lead), *(("task", t.id, m.title, t.text) for t in m.tasks)]
        for kind, sid, title, body in units:
            grams = _bigrams(normalise(title.hans + body.hans))
            score = len(q & grams) / (len(q) or 1)
            if score > 0:
                scored.append((score, kind, sid, title, body))
    scored.sort(key=lambda s: -s[0])
    return [
        {
            "section": sid,
            "kind": kind,
            "title": title.in_script(script),
            "text": body.in_script(script),
            "score": round(score, 4),
        }
        for score, kind, sid, title, body in scored[:k]
    ]
