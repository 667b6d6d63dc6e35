"""Durable 👍/👎 feedback in one SQLite file, shared by the API and the chat UI.

One connection per call (SQLite connections are cheap, and a shared one would need a lock across
uvicorn's threads); WAL lets readers and the writer proceed together, `busy_timeout` waits out a
concurrent writer instead of failing, and every write commits before the caller acknowledges it.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT    NOT NULL,
    question   TEXT    NOT NULL,
    answer     TEXT    NOT NULL,
    rating     INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment    TEXT,
    source     TEXT    NOT NULL DEFAULT 'api'
)
"""


class FeedbackStore:
    def __init__(self, path: Path | str, busy_timeout_ms: int = 5000):
        self.path = Path(path)
        self.busy_timeout_ms = busy_timeout_ms
        self._init_lock = threading.Lock()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000)
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
        if not self._ready:
            with self._init_lock:
                if not self._ready:
                    conn.execute("PRAGMA journal_mode = WAL")
                    conn.execute(SCHEMA)
                    conn.commit()
                    self._ready = True
        return conn

    def add(
        self, question: str, answer: str, rating: int, comment: str | None = None, source: str = "api"
    ) -> int:
        """Store one rating (+1 or -1) and return its row id once it is committed."""
        if rating not in (-1, 1):
            raise ValueError("rating must be +1 or -1")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as conn:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, question, answer, rating, comment, source)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (datetime.now(UTC).isoformat(timespec="seconds"), question, answer, rating, comment, source),
            )
            conn.commit()
            return int(cur.lastrowid)

    def rows(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest rows, newest first (for tests and for whoever reviews feedback)."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            cur = conn.execute("SELECT * FROM feedback ORDER BY id DESC LIMIT ?", (limit,))
            return [dict(r) for r in cur.fetchall()]

    def change(self, row_id: int, rating: int | None = None, comment: str | None = None) -> bool:
        """Change a stored rating (👍 → 👎 on the same message) or add its comment; True if it existed."""
        if rating is not None and rating not in (-1, 1):
            raise ValueError("rating must be +1 or -1")
        sets = [(col, v) for col, v in (("rating", rating), ("comment", comment)) if v is not None]
        if not sets or not self.path.exists():
            return False
        with closing(self._connect()) as conn:
            cur = conn.execute(
                f"UPDATE feedback SET {', '.join(f'{col} = ?' for col, _ in sets)} WHERE id = ?",
                (*(v for _, v in sets), row_id),
            )
            conn.commit()
            return cur.rowcount > 0

    def withdraw(self, row_id: int) -> bool:
        """Remove a rating its giver took back (un-clicking 👍): a toggle must not leave a vote."""
        if not self.path.exists():
            return False
        with closing(self._connect()) as conn:
            cur = conn.execute("DELETE FROM feedback WHERE id = ?", (row_id,))
            conn.commit()
            return cur.rowcount > 0
