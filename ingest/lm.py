"""A character bigram model of the document itself, the judge of which repair reads like the plan.

Trained only on the undamaged text, it scores candidate decodings: the right alignment reads like the
rest of the plan ("擔保", "規模"), a wrong one is a string of characters the plan never uses.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable

BOUNDARY = "\n"


class CharBigramLM:
    """Interpolated bigram: P(c|p) = (C(p,c) + β·P(c)) / (C(p) + β), unigrams add-α smoothed."""

    def __init__(self, texts: Iterable[str], beta: float = 2.0, alpha: float = 0.5):
        self.unigrams: Counter[str] = Counter()
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.contexts: Counter[str] = Counter()
        for text in texts:
            seq = BOUNDARY + text + BOUNDARY
            self.unigrams.update(seq)
            pairs = list(itertools.pairwise(seq))
            self.bigrams.update(pairs)
            self.contexts.update(p for p, _ in pairs)
        self.beta = beta
        self.alpha = alpha
        self.total = sum(self.unigrams.values())
        self.vocab_size = len(self.unigrams) + 1

    @property
    def vocabulary(self) -> set[str]:
        return set(self.unigrams) - {BOUNDARY}

    def unigram(self, ch: str) -> float:
        return (self.unigrams[ch] + self.alpha) / (self.total + self.alpha * self.vocab_size)

    def cost(self, prev: str, ch: str) -> float:
        """−log P(ch | prev)."""
        p = (self.bigrams[(prev, ch)] + self.beta * self.unigram(ch)) / (self.contexts[prev] + self.beta)
        return -math.log(p)
