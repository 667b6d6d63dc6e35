"""Whether a library of several plans answers each question from the plan it names: the test set's
answerable questions asked of each plan by name (按《…》 / 奉贤区2025年的方案里，…), judged on where
the answer came from and whether every figure it gives stands in that plan.

Used by tests/test_library_five.py and by `python -m eval.bench.library` (which adds timings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eval.testset import Case
from planqa.script import normalise

_NAMES = ("place", "year")


@dataclass
class Routing:
    asked: int = 0
    from_named: int = 0  # answered (or declined) by the named plan only
    crossed: list[str] = field(default_factory=list)  # answers citing or stating another plan's text

    @property
    def rate(self) -> float:
        return self.from_named / self.asked if self.asked else 0.0


def named_question(case: Case, district: str, year: int | None) -> str:
    """The case's question with its plan named the way people name one: 奉贤区2025年的方案里，…"""
    return (
        f"{district}{year or ''}年的方案里，{case.question}"
        if year
        else f"{district}的方案里，{case.question}"
    )


def plain_cases(cases: list[Case], library: Any) -> list[Case]:
    """Answerable cases that name no place or year of their own (they could not be re-addressed)."""
    parse = library.default.parse
    return [
        c for c in cases if c.answerable and not any(m.kind in _NAMES for m in parse(c.question).mentions)
    ]


def check_routing(library: Any, cases: list[Case]) -> Routing:
    out = Routing()
    texts = {i.id: library.pipeline(i.id).plan_text for i in library.plans}
    for info in library.plans:
        for case in cases:
            answer = library.answer(named_question(case, info.district, info.year), list(case.history))
            out.asked += 1
            cited = {c.plan for c in answer.citations}
            if answer.plans == [info.id] and cited <= {info.id}:
                out.from_named += 1
            foreign = [f for f in answer.figures if normalise(f) not in texts[info.id]]
            if cited - {info.id} or foreign:
                out.crossed.append(f"{info.id}: {case.id}")
    return out
