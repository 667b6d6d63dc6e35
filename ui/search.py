"""`/api/search`: the pipeline's retriever when there is one, else a plain character-bigram overlap
over measures and tasks, so staff can still look things up while the index is missing or rebuilding."""

from __future__ import annotations

from typing import Any

from ingest import Plan
from planqa.script import normalise


def search(plan: Plan, retriever: Any, query: str, k: int, script: str = "hans") -> tuple[str, list[dict]]:
    """(method, hits): each hit {section, kind, title, text, score}, best first."""
    if retriever is not None and hasattr(retriever, "retrieve"):
        result = retriever.retrieve(query, k)
        hits = getattr(result, "hits", result)
        return "retriever", [_hit(h, script) for h in list(hits)[:k]]
    return "bigram", _bigram_search(plan, query, k, script)


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
