"""Shared fixtures: the real plan, built once per test session from the shipped source."""

from __future__ import annotations

import pytest

from ingest import Plan, build_plan
from planqa.settings import get_settings


@pytest.fixture(scope="session")
def plan() -> Plan:
    return build_plan(get_settings().source)


@pytest.fixture(scope="session")
def plan_text(plan: Plan) -> str:
    """The repaired text of the plan, as ingest saw it after repair."""
    from ingest.repair import repair_text

    text = get_settings().source.read_text(encoding="utf-8")
    return repair_text(text)[0]


class HashEmbedder:
    """A fast, deterministic stand-in for a real embedding model: each character bigram of the text
    adds to a hashed dimension, so texts that share words get similar unit vectors."""

    def __init__(self, dim: int = 64, name: str = "test/hash"):
        self.dim = dim
        self.name = f"{name}-{dim}"

    def _embed(self, texts: list[str]):
        import hashlib

        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            grams = [text[i : i + 2] for i in range(len(text) - 1)] or [text]
            for gram in grams:
                h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def embed_queries(self, texts: list[str]):
        return self._embed(texts)

    def embed_passages(self, texts: list[str]):
        return self._embed(texts)


@pytest.fixture
def hash_embedder() -> HashEmbedder:
    return HashEmbedder()
