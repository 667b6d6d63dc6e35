"""Okapi BM25 in a few lines of numpy: the corpus is ~150 units, so a dense term matrix is smaller
than any library's overhead, and it persists as plain JSON + .npy (no pickle)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import numpy as np


class BM25:
    """Term frequencies (`tf`, units × vocabulary) and the parameters; weights are derived on load."""

    def __init__(self, vocab: dict[str, int], tf: np.ndarray, k1: float = 1.5, b: float = 0.75):
        self.vocab = vocab
        self.tf = np.asarray(tf, dtype=np.float32)
        self.k1 = k1
        self.b = b
        n_docs = self.tf.shape[0]
        df = (self.tf > 0).sum(axis=0)
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        lengths = self.tf.sum(axis=1, keepdims=True)
        norm = k1 * (1 - b + b * lengths / max(float(lengths.mean()), 1.0))
        # Precomputed per-term contributions: a query is then one column gather and a sum.
        self.weights = np.ascontiguousarray(idf * self.tf * (k1 + 1) / (self.tf + norm), dtype=np.float32)

    @classmethod
    def fit(cls, docs: list[list[str]], k1: float = 1.5, b: float = 0.75) -> BM25:
        vocab: dict[str, int] = {}
        for doc in docs:
            for token in doc:
                vocab.setdefault(token, len(vocab))
        tf = np.zeros((len(docs), len(vocab)), dtype=np.float32)
        for row, doc in enumerate(docs):
            for token, count in Counter(doc).items():
                tf[row, vocab[token]] = count
        return cls(vocab, tf, k1, b)

    def scores(self, tokens: list[str], weighted: Mapping[str, float] | None = None) -> np.ndarray:
        """BM25 score of every unit for the query tokens (repeated query terms count once), plus the
        `weighted` terms at their weight (a term among the tokens keeps weight 1)."""
        weight = {self.vocab[t]: w for t, w in (weighted or {}).items() if t in self.vocab}
        weight.update((self.vocab[t], 1.0) for t in tokens if t in self.vocab)
        if not weight:
            return np.zeros(self.weights.shape[0], dtype=np.float32)
        ids = sorted(weight)
        return self.weights[:, ids] @ np.array([weight[i] for i in ids], dtype=np.float32)
