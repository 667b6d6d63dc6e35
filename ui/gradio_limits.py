"""The chat UI's side of the limits layer (`ui.limits` holds the rest): Gradio's routes for features
this app lacks are closed, one client cannot fill Gradio's queue, and a client's malformed event is
one log line, not a traceback. The per-client rate limits and body caps of `ui.limits` cover Gradio's
event routes too (`ui.limits.UI_EVENTS`)."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from ui.api_errors import HTTP_MESSAGES, error_body
from ui.limits import refuse

log = logging.getLogger("planqa.limits")
PACKAGES = ("bot", "index", "ingest", "planqa", "ui", "eval")

CLOSED_UI_PATHS = tuple(
    f"/gradio_api/{p}"
    for p in (
        "upload",
        "process_recording",
        "stream/",
        "vibe-",
        "undo-vibe-edit",
        "run-history",
        "openapi.json",
    )
)


class ClosedPaths:
    """Gradio routes for features this app does not have (file uploads, recordings, streamed inputs,
    vibe editing) answer 403 before Gradio sees them: nothing here uploads, so nothing may be stored.
    Gradio's own OpenAPI document is closed too (it names Gradio's version; /openapi.json is ours)."""

    def __init__(self, app: ASGIApp, prefixes: tuple[str, ...] = CLOSED_UI_PATHS):
        self.app = app
        self.prefixes = prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.prefixes):
            zh, en = HTTP_MESSAGES[403]
            await refuse(send, 403, error_body("Forbidden", zh, en))
            return
        await self.app(scope, receive, send)


def cap_queue_per_client(queue: Any, per_client: int) -> None:
    """Gradio's queue serves all clients first come, first served, so one client's 100 queued chats
    made everyone else wait: past `per_client` waiting events of one address, Gradio's own
    "queue full" answer (503). Wraps `Queue.push`, the one door into the queue."""
    push = queue.push

    def host(request: Any) -> str:
        client = getattr(request, "client", None)
        return client.host if client else "?"

    async def push_capped(body: Any, request: Any, username: str | None):
        me = host(request)
        waiting = sum(
            host(event.request) == me
            for events in queue.event_queue_per_concurrency_id.values()
            for event in events.queue
        )
        if waiting >= per_client:
            return False, f"Too many waiting events from one client (at most {per_client}).", "queue_full"
        try:
            return await push(body, request, username)
        except Exception as exc:  # an unknown event or a malformed body: the client's error, not ours
            log.warning("refused a UI event from %s: %s", me, one_line(exc))
            return False, "Invalid event.", "error"

    queue.push = push_capped


PROJECT_PACKAGES = tuple(str(Path(__file__).resolve().parent.parent / p) + "/" for p in PACKAGES)


def one_line(exc: BaseException) -> str:
    """`Type: first line of the message`, cut short: client input never floods the log."""
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first[:200]}"


class _OneLineTracebacks:
    """Stands in for the `traceback` module inside Gradio's request handling: an event that fails in
    Gradio's own input checks (a client's malformed call) is one warning line; a failure inside this
    project's code keeps its full traceback, since that is a bug to fix."""

    def print_exc(self, *args: Any, **kwargs: Any) -> None:
        exc = sys.exception()
        if exc is None:
            return
        frames = traceback.extract_tb(exc.__traceback__)
        if any(frame.filename.startswith(PROJECT_PACKAGES) for frame in frames):
            log.error("error in a UI event handler", exc_info=exc)
        else:
            log.warning("refused a UI event: %s", one_line(exc))

    def __getattr__(self, name: str) -> Any:
        return getattr(traceback, name)


def quiet_ui_client_errors() -> None:
    """Swap Gradio's traceback printing for `_OneLineTracebacks` (131 KB of log per 10 s from one
    client before)."""
    import gradio.queueing
    import gradio.routes

    for module in (gradio.routes, gradio.queueing):
        module.traceback = _OneLineTracebacks()
