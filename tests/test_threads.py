"""`Settings.embed_threads` becomes OMP_NUM_THREADS for the embedding engine, unless the environment
already says otherwise."""

from __future__ import annotations

import os

import pytest

from planqa.settings import Settings
from planqa.threads import limit_embed_threads


@pytest.mark.parametrize(
    ("preset", "threads", "expected"), [(None, 1, "1"), (None, 2, "2"), ("3", 1, "3"), (None, 0, None)]
)
def test_omp_threads_follow_the_settings_unless_set(monkeypatch, preset, threads, expected):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.delenv("GOMP_SPINCOUNT", raising=False)  # restored after the test
    if preset is not None:
        monkeypatch.setenv("OMP_NUM_THREADS", preset)
    limit_embed_threads(Settings(embed_threads=threads))
    assert os.environ.get("OMP_NUM_THREADS") == expected


def test_spin_count_follows_the_settings(monkeypatch):
    monkeypatch.delenv("GOMP_SPINCOUNT", raising=False)
    limit_embed_threads(Settings(embed_spincount=5000))
    assert os.environ.get("GOMP_SPINCOUNT") == "5000"
