"""Guards in front of the API (the UI has its own limits): over-large bodies are refused before they
are read, and each client address gets `rate_limit_per_minute` requests per sliding minute."""

from __future__ import annotations

import json
import threading
import time
from collections import deque

from starlette.types import ASGIApp, Receive, Scope, Send

from ui.api_errors import HTTP_MESSAGES, error_body


async def _refuse(send: Send, status: int, body: dict) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": json.dumps(body, ensure_ascii=False).encode()})


class BodyLimit:
    """Pure ASGI (no BaseHTTPMiddleware), so streaming responses and the mounted UI pass untouched."""

    def __init__(self, app: ASGIApp, max_bytes: int, prefixes: tuple[str, ...]):
        self.app = app
        self.max_bytes = max_bytes
        self.prefixes = prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.prefixes):
            length = dict(scope.get("headers") or []).get(b"content-length", b"0")
            if length.isdigit() and int(length) > self.max_bytes:
                await _refuse(send, 413, error_body("PayloadTooLarge", *HTTP_MESSAGES[413]))
                return
        await self.app(scope, receive, send)


class RateLimit:
    """A sliding one-minute window per client address, in memory: enough for one process behind a
    service hall's network; a deployment with several processes puts its limit in the proxy."""

    def __init__(self, app: ASGIApp, per_minute: int, prefixes: tuple[str, ...]):
        self.app = app
        self.per_minute = per_minute
        self.prefixes = prefixes
        self.seen: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def allow(self, client: str, now: float) -> bool:
        with self.lock:
            window = self.seen.setdefault(client, deque())
            while window and window[0] <= now - 60:
                window.popleft()
            if len(window) >= self.per_minute:
                return False
            window.append(now)
            if len(self.seen) > 10_000:  # forget idle clients
                self.seen = {k: v for k, v in self.seen.items() if v and v[-1] > now - 60}
            return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.per_minute > 0 and scope["type"] == "http" and scope["path"].startswith(self.prefixes):
            client = (scope.get("client") or ("?", 0))[0]
            if not self.allow(client, time.monotonic()):
                zh, en = HTTP_MESSAGES[429]
                await _refuse(send, 429, error_body("RateLimited", zh, en))
                return
        await self.app(scope, receive, send)
