"""Every quote shown is checked to be a verbatim span of the repaired plan, in its script."""

from __future__ import annotations

from ingest import Plan


class QuoteChecker:
    """Holds the plan's full text in both scripts; `verbatim` is a substring test on it."""

    def __init__(self, plan: Plan):
        self._corpus = {"hant": _corpus(plan, "hant"), "hans": _corpus(plan, "hans")}

    def verbatim(self, quote: str, script: str) -> bool:
        return bool(quote.strip()) and quote in self._corpus["hans" if script == "hans" else "hant"]


def _corpus(plan: Plan, script: str) -> str:
    pieces = [plan.title, plan.notice, plan.preamble]
    for part in plan.parts:
        pieces.append(part.title)
        for measure in part.measures:
            pieces.extend([measure.title, measure.text])
    return "\n".join(p.in_script(script) for p in pieces)
