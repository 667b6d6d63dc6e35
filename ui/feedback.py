"""Durable 👍/👎 feedback in one SQLite file, shared by the API and the chat UI.

One connection per call (SQLite connections are cheap, and a shared one would need a lock across
uvicorn's threads); WAL lets readers and the writer proceed together, `busy_timeout` waits out a
concurrent writer instead of failing, and every write commits before the caller acknowledges it.

The store enforces its own bounds, so no path into it (API, chat UI events) can skip them: a comment
of at most `feedback_comment_chars`, no NUL byte in any text, a total size of `feedback_max_mb`, and rows
older than `feedback_retention_days` deleted (checked at most every `feedback_prune_every_s`).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from planqa.errors import BadFeedbackError, StorageFullError

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


@dataclass(frozen=True)
class FeedbackLimits:
    comment_chars: int = 2000
    max_mb: float = 200.0
    retention_days: int = 365
    prune_every_s: float = 3600.0

    @classmethod
    def from_settings(cls, settings: Any) -> FeedbackLimits:
        return cls(
            settings.feedback_comment_chars,
            settings.feedback_max_mb,
            settings.feedback_retention_days,
            settings.feedback_prune_every_s,
        )

    def check(self, question: str, answer: str, comment: str | None) -> None:
        """Refuse what must not be stored, with a message for the user."""
        if comment is not None and len(comment) > self.comment_chars:
            raise BadFeedbackError(
                f"意见太长（最多 {self.comment_chars} 个字符）。",
                f"The comment is too long (at most {self.comment_chars} characters).",
            )
        if any("\x00" in text for text in (question, answer, comment or "")):
            raise BadFeedbackError("反馈中含有空字符（NUL）。", "The feedback contains a NUL character.")


class FeedbackStore:
    def __init__(self, path: Path | str, busy_timeout_ms: int = 5000, limits: FeedbackLimits | None = None):
        self.path = Path(path)
        self.busy_timeout_ms = busy_timeout_ms
        self.limits = limits or FeedbackLimits()
        self._init_lock = threading.Lock()
        self._ready = False
        self._pruned_at = float("-inf")

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
        self.limits.check(question, answer, comment)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as conn:
            self._prune(conn)
            if self.used_mb(conn) >= self.limits.max_mb:
                raise StorageFullError(
                    "反馈存储已满，暂时无法记录。", "The feedback store is full; no rating can be stored now."
                )
            cur = conn.execute(
                "INSERT INTO feedback (created_at, question, answer, rating, comment, source)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (_iso(datetime.now(UTC)), question, answer, rating, comment, source),
            )
            conn.commit()
            return int(cur.lastrowid)

    def _prune(self, conn: sqlite3.Connection) -> None:
        """Delete rows past retention; their pages are reused by later rows (the file does not grow)."""
        now = time.monotonic()
        if now - self._pruned_at < self.limits.prune_every_s:
            return
        self._pruned_at = now
        cutoff = _iso(datetime.now(UTC) - timedelta(days=self.limits.retention_days))
        conn.execute("DELETE FROM feedback WHERE created_at < ?", (cutoff,))
        conn.commit()

    @staticmethod
    def used_mb(conn: sqlite3.Connection) -> float:
        """Pages in use (free pages excluded), in MB: what the budget counts."""
        pages, free, size = (
            conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count", "page_size")
        )
        return (pages - free) * size / 1e6

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
        self.limits.check("", "", comment)
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


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
