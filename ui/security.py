"""What every response carries and which browsers may call us: security headers on every response
(the chat UI's page, the API, errors), CORS only for configured origins, and our error shape for
unknown paths and wrong methods under `/api` and `/v1` (the UI mounted at `/` would otherwise answer
them with its own 404).

The Content-Security-Policy is the tightest the Gradio page works under (checked in the browser
tests): Gradio's page runs inline bootstrap scripts and compiles event `js=` snippets at run time,
and its components set inline styles, so scripts and styles allow 'unsafe-inline' (scripts also
'unsafe-eval'); everything is loaded from this origin only, and no page may frame this one."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planqa.settings import Settings

CORS_HEADERS = (b"access-control-allow-origin", b"access-control-allow-credentials")
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]


class SecurityHeaders:
    """Pure ASGI (streams pass untouched): adds the headers to every response start."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]):
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
        self.names = {k for k, _ in self.headers}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message["headers"] = kept + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def security_headers(settings: Settings) -> dict[str, str]:
    return {
        "Content-Security-Policy": settings.content_security_policy,
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


def install(app: FastAPI, settings: Settings) -> None:
    """Security headers outermost; CORS for `cors_origins` only. Starlette's CORSMiddleware on the
    app also makes the mounted Gradio app drop its own, which echoed any localhost origin with
    credentials."""
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["content-type", "authorization"],
        allow_credentials=False,
    )
    app.add_middleware(SecurityHeaders, headers=security_headers(settings))


router = APIRouter(include_in_schema=False)


@router.api_route("/api/{rest:path}", methods=METHODS)
@router.api_route("/v1/{rest:path}", methods=METHODS)
async def unmatched(request: Request, rest: str) -> None:
    """Registered after every API route: a path no route has is 404; a path some route has, with
    another method, is 405 with Allow (both in our error shape, through `ui.api_errors`)."""
    allowed = [
        method
        for method in METHODS
        if any(
            not isinstance(route, Mount)  # the UI at "/" takes every path
            and getattr(route, "original_router", None) is not router
            and route.matches({**request.scope, "method": method})[0] == Match.FULL
            for route in request.app.routes
        )
    ]
    if allowed:
        raise HTTPException(405, headers={"Allow": ", ".join(allowed)})
    raise HTTPException(404)
