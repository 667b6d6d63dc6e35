"""Guards in front of the pipeline, for the API, `/v1` and the chat UI alike: over-large bodies are
refused before they are read, every text that reaches the pipeline has a length cap (the question, each
earlier message, the whole history), and each client address has its budgets of requests (API, feedback,
chat UI events), then 429 with Retry-After: the seconds until its next request would pass."""

from __future__ import annotations

import asyncio
import json
import math
import time
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planqa.errors import BadQuestionError
from planqa.settings import Settings
from ui.api_errors import HTTP_MESSAGES, error_body
from ui.rate_limit import ClientBuckets


def message_text(item: Any) -> tuple[str, str]:
    """(role, text) of a history item: a plain string is an earlier question; a chat message is a
    dict or an object with `role` and `content` (content parts flattened to their text)."""
    if isinstance(item, str):
        return "user", item
    role = item.get("role") if isinstance(item, dict) else getattr(item, "role", None)
    content = item.get("content") if isinstance(item, dict) else getattr(item, "content", None)
    if isinstance(content, list):
        content = "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return str(role or ""), content if isinstance(content, str) else ""


def check_history(items: list[Any], settings: Settings) -> None:
    """Refuse (never cut) a history that would make the pipeline work on more text than a question's
    worth per turn: the retriever and the follow-up resolver scale with the length of earlier turns, so
    one 60 KB "earlier question" used to hold a worker for most of a minute."""
    if len(items) > settings.max_history_items:
        limit = settings.max_history_items
        raise BadQuestionError(
            f"对话历史太长（最多 {limit} 条）。", f"The history is too long (at most {limit} messages)."
        )
    total = 0
    for item in items:
        role, text = message_text(item)
        size = len(text.strip())
        limit = settings.max_history_item_chars if role == "user" else settings.max_message_chars
        if size > limit:
            raise BadQuestionError(
                f"对话历史中有一条消息太长（最多 {limit} 个字符）。",
                f"A message in the history is too long (at most {limit} characters).",
            )
        total += size
    if total > settings.max_history_chars:
        limit = settings.max_history_chars
        raise BadQuestionError(
            f"对话历史总长度太长（最多 {limit} 个字符）。",
            f"The history is too long in total (at most {limit} characters).",
        )


def as_shown(scope: Scope, body: dict) -> dict:
    """The chat page (Gradio's client) shows a refused event's `detail`: on its paths the body carries
    the message in both languages, so a visitor reads 请求过于频繁… rather than the error's name."""
    if scope["path"].startswith("/gradio_api"):
        return {**body, "detail": f"{body['message_zh']} {body['message_en']}"}
    return body


async def refuse(send: Send, status: int, body: dict, headers: list[tuple[bytes, bytes]] = ()) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json; charset=utf-8"), *headers],
        }
    )
    await send({"type": "http.response.body", "body": json.dumps(body, ensure_ascii=False).encode()})


class TooLarge(HTTPException):
    """Raised from inside the body stream; FastAPI passes an HTTPException through as it is."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


class BodyTimeout(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=408)


class BodyLimit:
    """Pure ASGI (no BaseHTTPMiddleware), so streaming responses and the mounted UI pass untouched.
    A declared Content-Length over the limit is refused before anything is read; a body without one
    (chunked) is counted as it arrives and cut off at the limit; a body that stops arriving for
    `timeout_s` is answered 408 (a half-sent request would otherwise hold its worker for ever)."""

    def __init__(self, app: ASGIApp, max_bytes: int, prefixes: tuple[str, ...], timeout_s: float = 10.0):
        self.app = app
        self.max_bytes = max_bytes
        self.prefixes = prefixes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await refuse(send, 413, as_shown(scope, error_body("PayloadTooLarge", *HTTP_MESSAGES[413])))
            return
        received, complete = 0, False

        async def counted() -> Message:
            nonlocal received, complete
            if complete:  # after the body: waiting for a disconnect, which may take as long as it takes
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.timeout_s)
            except TimeoutError:
                raise BodyTimeout() from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise TooLarge()
                complete = not message.get("more_body", False)
            return message

        await self.app(scope, counted, send)


@dataclass(frozen=True)
class Rule:
    """One per-client limit: the paths (prefixes) and methods it counts, and its buckets."""

    prefixes: tuple[str, ...]
    buckets: ClientBuckets
    methods: frozenset[str] = frozenset()  # empty: every method
    exempt: tuple[str, ...] = ()

    def counts(self, scope: Scope) -> bool:
        path = scope["path"]
        return (
            path.startswith(self.prefixes)
            and not path.startswith(self.exempt)
            and (not self.methods or scope.get("method") in self.methods)
        )


UI_EVENTS = tuple(f"/gradio_api/{p}" for p in ("queue/join", "run/", "api/", "call/", "component_server"))


def client_rules(settings: Settings) -> list[Rule]:
    """The API's, the feedback's and the chat UI's per-client limits; a limit of 0 is off."""
    clients = settings.rate_limit_clients
    rules = []
    if settings.rate_limit_per_minute > 0:
        api = ClientBuckets.per_minute(settings.rate_limit_per_minute, clients)
        rules.append(Rule(("/api", "/v1"), api, exempt=("/api/health",)))
    if settings.feedback_per_minute > 0:
        feedback = ClientBuckets.per_minute(settings.feedback_per_minute, clients)
        rules.append(Rule(("/api/feedback",), feedback, frozenset({"POST"})))
    if settings.ui_events_per_minute > 0:
        ui = ClientBuckets.per_minute(settings.ui_events_per_minute, clients, settings.ui_event_burst)
        rules.append(Rule(UI_EVENTS, ui, frozenset({"POST"})))
    return rules


class RateLimit:
    """Token buckets per client address (`ui.rate_limit`): a request passes when every rule that
    counts it has a token, else 429 with Retry-After. One process's memory: a deployment with several
    processes puts its limit in the proxy. The client address is the one uvicorn gives, which trusts
    X-Forwarded-For only from `forwarded_allow_ips`."""

    def __init__(self, app: ASGIApp, rules: list[Rule]):
        self.app = app
        self.rules = rules

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            client = (scope.get("client") or ("?", 0))[0]
            now = time.monotonic()
            for rule in self.rules:
                wait = rule.buckets.take(client, now) if rule.counts(scope) else 0
                if wait:
                    zh, en = HTTP_MESSAGES[429]
                    retry = [(b"retry-after", str(max(1, math.ceil(wait))).encode())]
                    await refuse(send, 429, as_shown(scope, error_body("RateLimited", zh, en)), retry)
                    return
        await self.app(scope, receive, send)
