"""`plan-qa serve`: the API, the OpenAI-compatible API and the chat UI in one uvicorn process."""

from __future__ import annotations

import typer

from planqa.settings import get_settings
from ui.cli_app import app, cli_errors, step


@app.command()
@cli_errors
def serve(
    host: str = typer.Option(None, help="Interface to bind (default: PLANQA_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default: PLANQA_PORT, 7860)."),
) -> None:
    """Serve the chat UI at /, the API at /api (docs at /docs) and an OpenAI-compatible API at /v1."""
    import uvicorn

    from ui.api import create_app
    from ui.slow_clients import protocol

    settings = get_settings()
    host = host or settings.host
    port = port or settings.port
    step(f"serving on http://{host}:{port}/  (API docs: /docs)")
    # open chat streams must not hold a shutdown (Ctrl-C, systemd stop) for long
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        access_log=False,
        timeout_graceful_shutdown=3,
        timeout_keep_alive=settings.keep_alive_s,
        # X-Forwarded-For names the client only when it comes from a configured proxy
        proxy_headers=bool(settings.forwarded_allow_ips),
        forwarded_allow_ips=settings.forwarded_allow_ips or None,
        http=protocol(settings.header_timeout_s),  # h11 with a time limit on request headers
        h11_max_incomplete_event_size=settings.max_header_bytes,
        limit_concurrency=settings.max_connections,
        server_header=False,  # no "server: uvicorn" on every response
    )
