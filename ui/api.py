"""The one ASGI app: the API under `/api`, the OpenAI-compatible API under `/v1`, the Gradio UI at `/`.

`create_app` is cheap: the pipeline is loaded once in the lifespan (building the plan first when the
build folder has none), so `plan-qa serve` binds its port quickly and tests can pass their own
settings or an already-loaded pipeline.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from planqa.settings import Settings, get_settings
from ui import (
    api_errors,
    docs_page,
    routes_admin,
    routes_ask,
    routes_meta,
    routes_openai,
    routes_plan,
    security,
)
from ui.gradio_limits import ClosedPaths, cap_queue_per_client, quiet_ui_client_errors
from ui.gradio_stubs import skip_stub_writing
from ui.limits import BodyLimit, RateLimit, client_rules
from ui.plan_names import PlanName, catalog_plans, described_en, served_plans
from ui.service import Service

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before anything imports gradio
log = logging.getLogger("planqa.api")


def description(plans: list[PlanName]) -> str:
    """The API's description, naming the plans it answers from (read from the plans themselves)."""
    return (
        f"Grounded answers from {described_en(plans)}. Every answer cites the plan (section, title, "
        "verbatim quote) and names the responsible departments. Errors are `{error, message_zh, message_en}`."
    )


def create_app(settings: Settings | None = None, pipeline: object = None, with_ui: bool = True) -> FastAPI:
    """The service. `pipeline` skips loading (tests); `with_ui=False` leaves out the Gradio UI."""
    settings = settings or get_settings()
    service = Service(settings, pipeline)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(service.start)
        app.description = description(served_plans(service))  # the loaded plans (before any /docs)
        yield

    app = FastAPI(
        title="plan-qa",
        description=description(catalog_plans(settings)),
        version=_version(),
        lifespan=lifespan,
        docs_url=None,  # FastAPI's Swagger page loads its scripts from a CDN; ours is self-contained
        redoc_url=None,
    )
    app.state.service = service
    timeout = settings.body_timeout_s
    app.add_middleware(
        BodyLimit, max_bytes=settings.max_body_bytes, prefixes=("/api", "/v1"), timeout_s=timeout
    )
    app.add_middleware(
        BodyLimit, max_bytes=settings.ui_max_body_bytes, prefixes=("/gradio_api",), timeout_s=timeout
    )
    app.add_middleware(ClosedPaths)
    app.add_middleware(RateLimit, rules=client_rules(settings))
    security.install(app, settings)  # outermost: refusals above carry the headers too
    api_errors.install(app)
    for module in (routes_ask, routes_plan, routes_meta, routes_openai, routes_admin):
        app.include_router(module.router)
    app.include_router(docs_page.router)
    app.include_router(security.router)  # after every API route: 404/405 in our shape
    if with_ui:
        _mount_ui(app, service, settings)
    return app


def _mount_ui(app: FastAPI, service: Service, settings: Settings) -> None:
    skip_stub_writing()
    import gradio as gr

    from ui.gradio_app import CSS, HEAD, build_blocks, theme

    blocks = build_blocks(service).queue(max_size=settings.ui_queue_size)
    cap_queue_per_client(blocks._queue, settings.ui_queue_per_client)
    quiet_ui_client_errors()
    gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        max_file_size=0,  # nothing uploads (the routes are closed as well: ui.limits.ClosedPaths)
        footer_links=["api"],
        run_history=False,
        ssr_mode=False,
        mcp_server=False,
        show_error=False,
        theme=theme(),
        css=CSS,
        head=HEAD,
    )


def _version() -> str:
    from ui.routes_meta import _version as version

    return version()
