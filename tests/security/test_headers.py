"""Finding 4 replayed: no security headers (the UI could be framed), Gradio echoing any localhost
origin with credentials, Gradio's 404 `{"detail"}` for unknown paths and wrong methods under /api and
/v1, and library versions in unauthenticated responses."""

from __future__ import annotations

import json

import httpx
import pytest

REQUIRED = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
RESPONSES = [
    ("GET", "/", None),
    ("GET", "/config", None),
    ("GET", "/docs", None),
    ("GET", "/openapi.json", None),
    ("GET", "/api/health", None),
    ("GET", "/api/sections", None),
    ("POST", "/api/ask", {"question": ""}),
    ("POST", "/api/ask/stream", {"question": "企业开办最快多久能办好？"}),
    ("GET", "/api/no-such-path", None),
    ("POST", "/gradio_api/upload", None),
    ("GET", "/v1/models", None),
]


@pytest.mark.parametrize(("method", "path", "body"), RESPONSES, ids=[f"{m} {p}" for m, p, _ in RESPONSES])
def test_every_response_carries_the_security_headers(target, method, path, body):
    r = httpx.request(method, target.url + path, json=body, timeout=30)
    for name, value in REQUIRED.items():
        assert value in r.headers.get(name, ""), (path, name, r.headers)


@pytest.mark.parametrize("path", ["/config", "/api/health", "/gradio_api/info", "/v1/models"])
def test_no_other_origin_is_allowed(target, path):
    origin = {"origin": "http://localhost:9999"}
    simple = httpx.get(target.url + path, headers=origin, timeout=10)
    preflight = httpx.options(
        target.url + path, headers={**origin, "access-control-request-method": "POST"}, timeout=10
    )
    for r in (simple, preflight):
        assert "access-control-allow-origin" not in r.headers
        assert "access-control-allow-credentials" not in r.headers


def test_a_configured_origin_is_allowed(api_settings, service_pipeline):
    from fastapi.testclient import TestClient

    from ui.api import create_app

    settings = api_settings.model_copy(update={"cors_origins": ["https://portal.example"]})
    with TestClient(create_app(settings, service_pipeline, with_ui=False)) as client:
        ok = client.get("/api/health", headers={"origin": "https://portal.example"})
        other = client.get("/api/health", headers={"origin": "https://evil.example"})
    assert ok.headers["access-control-allow-origin"] == "https://portal.example"
    assert "access-control-allow-origin" not in other.headers


UNMATCHED = [
    ("GET", "/api/ask", 405, "POST"),
    ("PUT", "/v1/chat/completions", 405, "POST"),
    ("DELETE", "/api/feedback", 405, "POST"),
    ("GET", "/api/no-such-path", 404, None),
    ("POST", "/v1/no/such/path", 404, None),
]


@pytest.mark.parametrize(
    ("method", "path", "status", "allow"), UNMATCHED, ids=[f"{m} {p}" for m, p, *_ in UNMATCHED]
)
def test_unknown_paths_and_wrong_methods_answer_in_our_shape(target, method, path, status, allow):
    r = httpx.request(method, target.url + path, timeout=10)
    assert r.status_code == status
    assert set(r.json()) == {"error", "message_zh", "message_en"}
    if allow:
        assert r.headers["allow"] == allow


@pytest.mark.parametrize("path", ["/api/health", "/openapi.json"])
def test_no_library_versions_in_unauthenticated_responses(target, path):
    import fastapi
    import gradio
    import numpy

    text = httpx.get(target.url + path, timeout=10).text
    assert '"versions"' not in text
    for module in (fastapi, gradio, numpy):
        assert f'"{module.__version__}"' not in text, module.__name__
    assert httpx.get(target.url + "/gradio_api/openapi.json", timeout=10).status_code == 403
    json.loads(text)
