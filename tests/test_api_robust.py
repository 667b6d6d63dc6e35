"""Bad input at the HTTP edge, beyond the error table of test_api.py: very large, streamed, badly
encoded or oddly typed bodies, control characters, a huge history, and the admin token. Every case is
a 4xx with `{error, message_zh, message_en}` — never a 500, never a traceback."""

from __future__ import annotations

import json

import pytest
from test_api import assert_error

BIG = json.dumps({"question": "企业开办" * 8_500}).encode()  # ~100 KB of UTF-8
JSON = {"content-type": "application/json"}


def chunks(data: bytes, size: int = 8192):
    """A body sent without Content-Length (chunked transfer encoding)."""
    for i in range(0, len(data), size):
        yield data[i : i + size]


BAD_INPUT = [
    ("100 KB body", {"content": BIG, "headers": JSON}, 413, "PayloadTooLarge"),
    ("100 KB body, chunked", {"content": chunks(BIG), "headers": JSON}, 413, "PayloadTooLarge"),
    ("invalid UTF-8", {"content": b'{"question": "\xff\xfe\xe4\xbc"}', "headers": JSON}, 400, "HTTPError"),
    ("control characters only", {"json": {"question": "\x00\x01\x07\x1b\x7f"}}, 422, "BadQuestionError"),
    ("zero-width and bidi only", {"json": {"question": "\u200b\u200e\u202e\ufeff"}}, 422, "BadQuestionError"),
    ("question null", {"json": {"question": None}}, 422, "BadRequest"),
    ("question a list", {"json": {"question": ["企业开办"]}}, 422, "BadRequest"),
    ("question an object", {"json": {"question": {"text": "企业开办"}}}, 422, "BadRequest"),
    ("body a list", {"json": ["企业开办"]}, 422, "BadRequest"),
    ("body a string", {"json": "企业开办"}, 422, "BadRequest"),
    ("history of numbers", {"json": {"question": "企业开办", "history": [1, 2]}}, 422, "BadRequest"),
    ("history message without role", {"json": {"question": "企业开办", "history": [{"content": "x"}]}}, 422,
     "BadRequest"),
    ("huge history", {"json": {"question": "企业开办", "history": ["企业开办"] * 1000}}, 422, "BadQuestionError"),
    ("huge history over the body limit", {"json": {"question": "企业开办", "history": ["企业开办" * 50] * 200}},
     413, "PayloadTooLarge"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "kwargs", "status", "error"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
@pytest.mark.parametrize("path", ["/api/ask", "/api/ask/stream"])
def test_bad_input_is_a_clear_4xx(api_client, path, case, kwargs, status, error):
    if hasattr(kwargs.get("content"), "__next__"):
        kwargs = {**kwargs, "content": chunks(BIG)}  # a fresh generator for each run
    body = assert_error(api_client.post(path, **kwargs), status)
    assert body["error"] == error


def test_control_characters_inside_a_question_are_dropped(api_client):
    r = api_client.post("/api/ask", json={"question": "企业开办\x00最快\x1b多久能办好？\x7f"})
    assert r.status_code == 200 and r.json()["answer"].strip()


def test_a_long_history_within_the_limit_is_answered(api_client, api_settings):
    history = ["企业开办最快多久能办好？"] * api_settings.max_history_items
    r = api_client.post("/api/ask", json={"question": "那由哪个部门负责？", "history": history})
    assert r.status_code == 200


# --- the admin token -----------------------------------------------------------------------------

TOKEN = "s3cret-admin-token"


@pytest.fixture
def admin_client(api_settings, service_pipeline):
    from fastapi.testclient import TestClient

    from ui.api import create_app

    settings = api_settings.model_copy(update={"admin_token": TOKEN})
    with TestClient(
        create_app(settings, service_pipeline, with_ui=False), raise_server_exceptions=False
    ) as c:
        yield c


@pytest.mark.parametrize(
    ("headers", "status", "error"),
    [
        ({}, 401, "UnauthorizedError"),
        ({"Authorization": "Bearer "}, 401, "UnauthorizedError"),
        ({"Authorization": f"Basic {TOKEN}"}, 401, "UnauthorizedError"),
        ({"Authorization": "Bearer wrong-token"}, 403, "ForbiddenError"),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403, "ForbiddenError"),
        ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403, "ForbiddenError"),
    ],
)
def test_admin_rebuild_needs_the_right_token(admin_client, headers, status, error):
    body = assert_error(admin_client.post("/api/admin/rebuild", headers=headers), status)
    assert body["error"] == error


def test_admin_is_off_without_a_configured_token(api_client):
    body = assert_error(api_client.post("/api/admin/rebuild", headers={"Authorization": "Bearer x"}), 503)
    assert body["error"] == "DisabledError" and "PLANQA_ADMIN_TOKEN" in body["message_en"]


def test_the_token_is_compared_in_constant_time():
    """hmac.compare_digest, not ==: a guess's timing does not show how much of it was right."""
    import inspect

    from ui import routes_admin

    source = inspect.getsource(routes_admin.require_admin)
    assert "hmac.compare_digest" in source and "== token" not in source
