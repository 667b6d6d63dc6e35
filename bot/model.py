"""What the bot returns: an `Answer` with its `Citation`s and the `Evidence` it was composed from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Citation:
    """A place in a plan: section id ("1.4" or "1.4.2"), its title, and a verbatim quote of the plan
    (in the asker's script); `plan` is the plan's id in the library, `plan_title` its short title."""

    section: str
    title: str
    quote: str
    plan: str = ""
    plan_title: str = ""


@dataclass(frozen=True)
class Evidence:
    """A retrieved unit, with the score that ranked it."""

    section: str
    kind: Literal["preamble", "part", "measure", "task"]
    title: str
    text: str
    score: float


@dataclass
class Answer:
    question: str
    answer: str
    answered: bool
    citations: list[Citation] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    script: Literal["hans", "hant", "en"] = "hans"
    mode: Literal["extractive", "llm"] = "extractive"
    intent: str = ""
    timings_ms: dict[str, float] = field(default_factory=dict)
    plans: list[str] = field(default_factory=list)  # the ids of the plan(s) the answer was composed from
    stated: bool = True  # False: answered with what the plan says of the topic, not the thing asked

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
