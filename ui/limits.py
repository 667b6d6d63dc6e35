"""Refuse over-large request bodies on the API before they are read (the UI has its own limits)."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from ui.api_errors import HTTP_MESSAGES, error_body


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
                body = json.dumps(error_body("PayloadTooLarge", *HTTP_MESSAGES[413]), ensure_ascii=False)
                await send(
                    {
                        "type": "http.response.start",
                        "status": 413,
                        "headers": [(b"content-type", b"application/json; charset=utf-8")],
                    }
                )
                await send({"type": "http.response.body", "body": body.encode()})
                return
        await self.app(scope, receive, send)
