"""Whether a question is one no action plan answers, judged by its meaning rather than by its words.

The rules before retrieval (bot/guard.py, bot/near_plan.py) know the shapes of such questions that
someone wrote down; people who never saw them ask in other shapes. This model reads the question's
vector, the one retrieval embeds anyway, and says how likely it is to be a question the plan cannot
answer (a fee, an opening hour, one firm's case, an order to the assistant), as the labelled question
sets taught it (`plan-qa fit-scope`, eval/scope_fit.py). It is a logistic regression over the
embedding: one dot product per question, no extra embedding.

The model belongs to the embedder it was fitted with: under another embedder it is not used.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScopeModel:
    """A fitted logistic regression: P(unanswerable | question vector)."""

    weights: np.ndarray
    bias: float
    embedder: str  # the embedder whose vectors it reads
    meta: dict  # what it was fitted on, and how

    def unanswerable(self, vector: np.ndarray) -> float:
        """The probability that the question whose (normalised) vector this is cannot be answered."""
        z = float(np.asarray(vector, dtype=np.float64).reshape(-1) @ self.weights + self.bias)
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict:
        return {
            "embedder": self.embedder,
            "bias": self.bias,
            "weights": [round(float(w), 6) for w in self.weights],
            **self.meta,
        }

    @classmethod
    def from_json(cls, data: dict) -> ScopeModel:
        meta = {k: v for k, v in data.items() if k not in ("embedder", "bias", "weights")}
        return cls(np.asarray(data["weights"], dtype=np.float64), float(data["bias"]), data["embedder"], meta)


def load_scope_model(path: Path, embedder: str) -> ScopeModel | None:
    """The model at `path` if it was fitted with `embedder`'s vectors; None (and a note) otherwise."""
    if not path.is_file():
        log.info("no scope model at %s: questions are screened by the rules alone", path)
        return None
    try:
        model = ScopeModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("the scope model at %s is unreadable (%s): not used", path, exc)
        return None
    if model.embedder != embedder:
        log.info("the scope model was fitted with %s, the index uses %s: not used", model.embedder, embedder)
        return None
    return model
