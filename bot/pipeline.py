"""The one pipeline behind `plan-qa ask`, `plan-qa eval` and `/api/ask`.

`Pipeline` holds the loaded plan and index (heavy: load once per process); `answer` turns a question
and the earlier questions of the conversation into an `Answer`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from bot.model import Answer
from ingest import Plan, load_plan
from planqa.settings import Settings, get_settings


class Pipeline:
    def __init__(self, plan: Plan, settings: Settings, index=None):
        self.plan = plan
        self.settings = settings
        self.index = index

    @classmethod
    def load(cls, settings: Settings | None = None) -> Pipeline:
        """Load the built plan (and index) from the build folder; see `plan-qa build`."""
        settings = settings or get_settings()
        return cls(load_plan(settings.build_dir), settings)

    def answer(self, question: str, history: Sequence[str] = (), script: str | None = None) -> Answer:
        """Answer one question; `history` holds the earlier questions of the same conversation."""
        # Placeholder until the composer lands: an honest refusal with the right shape.
        return Answer(question=question, answer="", answered=False)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline.load()


def answer(question: str, history: Sequence[str] = (), script: str | None = None) -> Answer:
    """Answer with the process-wide pipeline (loaded on first use)."""
    return default_pipeline().answer(question, history, script)
