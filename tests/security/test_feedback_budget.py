"""Finding 2, the store's side: feedback had no total cap and no retention (one client added 205 MB
in 5 s). Now the store refuses ratings past `feedback_max_mb` (507) and deletes rows older than
`feedback_retention_days`, whichever path they came by."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from live import from_address, serve

from ui.feedback import SCHEMA

BUDGET_MB = 0.2


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """A server whose store holds 0.2 MB and already has three rows from two years ago."""
    folder = tmp_path_factory.mktemp("budget")
    old = (datetime.now(UTC) - timedelta(days=730)).isoformat(timespec="seconds")
    with sqlite3.connect(folder / "feedback.sqlite") as conn:
        conn.execute(SCHEMA)
        conn.executemany(
            "INSERT INTO feedback (created_at, question, answer, rating) VALUES (?, 'old', 'a', 1)",
            [(old,)] * 3,
        )
    with serve(folder, feedback_max_mb=BUDGET_MB, feedback_per_minute=0) as server:
        yield server


def rows(db) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT question FROM feedback ORDER BY id")]


def test_rows_past_retention_are_deleted(small_store):
    with from_address(small_store.url, "127.0.0.31") as http:
        assert (
            http.post("/api/feedback", json={"question": "new", "answer": "a", "rating": 1}).status_code
            == 201
        )
    assert rows(small_store.db) == ["new"]


def test_the_store_refuses_ratings_past_its_budget(small_store):
    answer = "答" * 6_000  # ~18 KB a row
    with from_address(small_store.url, "127.0.0.32") as http:
        codes = [http.post("/api/feedback", json={"question": "q", "answer": answer, "rating": 1}).status_code
                 for _ in range(30)]  # fmt: skip
        last = http.post("/api/feedback", json={"question": "q", "answer": "a", "rating": 1})
    assert 201 in codes and codes[-1] == 507
    assert (
        last.status_code == 507 and last.json()["error"] == "StorageFullError" and last.json()["message_zh"]
    )
    size_mb = small_store.db.stat().st_size / 1e6
    assert size_mb < BUDGET_MB + 0.05, size_mb  # one row past the budget at most
