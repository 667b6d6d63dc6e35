"""Per-client token buckets whose cost does not grow with the number of clients.

Each client address has a bucket of `burst` requests that refills at `per_second`. Buckets live in two
generations of plain dicts that swap every `burst / per_second` seconds (the time an empty bucket takes
to fill): a client unseen for a whole generation is forgotten, losing nothing, since its bucket would be
full again anyway. A request is one or two dict look-ups under a lock; eviction is a reference swap, and
past `max_clients` in one generation new addresses share a single overflow bucket, so memory stays
bounded whatever the number of addresses an attacker controls.
"""

from __future__ import annotations

import threading

OVERFLOW = "\x00overflow"  # no client address looks like this


class ClientBuckets:
    def __init__(self, burst: int, per_second: float, max_clients: int):
        self.burst = float(burst)
        self.per_second = per_second
        self.max_clients = max_clients
        self.generation_s = burst / per_second
        self.current: dict[str, list[float]] = {}
        self.previous: dict[str, list[float]] = {}
        self.rotated_at: float | None = None
        self.lock = threading.Lock()

    @classmethod
    def per_minute(cls, limit: int, max_clients: int, burst: int | None = None) -> ClientBuckets:
        """`limit` requests per minute on average, up to `burst` (default: `limit`) at once."""
        return cls(burst or limit, limit / 60.0, max_clients)

    def __len__(self) -> int:
        return len(self.current) + len(self.previous)

    def take(self, client: str, now: float) -> float:
        """0 when the request may pass (and is counted), else the seconds until it would."""
        with self.lock:
            bucket = self._bucket(client, now)
            tokens = min(self.burst, bucket[0] + (now - bucket[1]) * self.per_second)
            bucket[1] = now
            if tokens >= 1:
                bucket[0] = tokens - 1
                return 0.0
            bucket[0] = tokens
            return (1 - tokens) / self.per_second

    def _bucket(self, client: str, now: float) -> list[float]:
        self._rotate(now)
        bucket = self.current.get(client)
        if bucket is not None:
            return bucket
        if len(self.current) >= self.max_clients:
            client = OVERFLOW
            bucket = self.current.get(client)
            if bucket is not None:
                return bucket
        bucket = self.previous.pop(client, None) or [self.burst, now]
        self.current[client] = bucket
        return bucket

    def _rotate(self, now: float) -> None:
        if self.rotated_at is None:
            self.rotated_at = now
        elapsed = now - self.rotated_at
        if elapsed >= self.generation_s:
            # after two idle generations even the current one holds only full buckets
            self.previous = self.current if elapsed < 2 * self.generation_s else {}
            self.current = {}
            self.rotated_at = now
