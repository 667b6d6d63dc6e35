"""The HTTP API through FastAPI's TestClient: answers, streaming, search, the OpenAI-compatible routes,
and every error case answering `{error, message_zh, message_en}` without a traceback."""

from __future__ import annotations

import json

import pytest

QUESTIONS = [
    "企业开办最快多久能办好？",
    "哪个部门负责优化纳税服务？",
    "政府采购对中小企业有什么支持？",
    "第二部分第一条讲了什么？",
    "明天上海天气怎么样？",
]


def check_answer(data: dict, plan) -> None:
    """What holds for every answer, placeholder or real: shape, and citations into the plan."""
    for key in (
        "question",
        "answer",
        "answered",
        "citations",
        "departments",
        "figures",
        "evidence",
        "script",
    ):
        assert key in data
    assert isinstance(data["answer"], str) and data["answer"].strip()
    assert isinstance(data["answered"], bool)
    if data["answered"]:
        assert data["citations"], "an answered question cites the plan"
    for c in data["citations"]:
        assert set(c) >= {"section", "title", "quote"}
        assert c["section"] == "0" or plan.section(c["section"]) is not None
        assert c["quote"].strip()


def sse_events(text: str) -> list[tuple[str, dict]]:
    events = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "message_zh", "message_en"}
    assert body["message_zh"] and body["message_en"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body


@pytest.mark.parametrize("question", QUESTIONS)
def test_ask_returns_an_answer_with_its_shape(api_client, plan, question):
    r = api_client.post("/api/ask", json={"question": question})
    assert r.status_code == 200
    check_answer(r.json(), plan)
    assert r.json()["question"] == question


@pytest.mark.parametrize(
    "history",
    [
        ["企业开办最快多久能办好？"],
        [{"role": "user", "content": "企业开办"}, {"role": "assistant", "content": "…"}],
        [],
    ],
)
def test_ask_accepts_history_as_strings_or_messages(api_client, plan, history):
    r = api_client.post("/api/ask", json={"question": "那由哪个部门负责？", "history": history})
    assert r.status_code == 200
    check_answer(r.json(), plan)


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_ask_answers_in_the_script_asked_for(api_client, script):
    r = api_client.post("/api/ask", json={"question": "企业开办最快多久能办好？", "script": script})
    assert r.json()["script"] == script


def test_ask_stream_sends_chunks_then_the_whole_answer(api_client, plan):
    r = api_client.post("/api/ask/stream", json={"question": QUESTIONS[0]})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r.text)
    assert events[-1][0] == "done"
    done = events[-1][1]
    check_answer(done, plan)
    chunks = [data["text"] for name, data in events[:-1]]
    assert all(name == "chunk" for name, _ in events[:-1]) and chunks
    assert "".join(chunks) == done["answer"]


def test_search_ranks_sections(api_client, plan):
    r = api_client.get("/api/search", params={"q": "纳税服务", "k": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["method"] in ("retriever", "bigram")
    assert 0 < len(body["hits"]) <= 3
    for hit in body["hits"]:
        assert hit["section"] == "0" or plan.section(hit["section"]) is not None


def test_openai_models_and_completion(api_client, plan):
    assert api_client.get("/v1/models").json()["data"][0]["id"] == "plan-qa"
    messages = [
        {"role": "system", "content": "ignored"},
        {"role": "user", "content": "企业开办最快多久能办好？"},
        {"role": "assistant", "content": "…"},
        {"role": "user", "content": [{"type": "text", "text": "由哪个部门负责？"}]},
    ]
    r = api_client.post(
        "/v1/chat/completions", json={"model": "plan-qa", "messages": messages, "temperature": 0}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["object"] == "chat.completion"
    assert body["choices"][0]["message"]["role"] == "assistant"
    assert body["choices"][0]["message"]["content"].strip()


def test_openai_streaming_completion(api_client):
    r = api_client.post(
        "/v1/chat/completions", json={"messages": [{"role": "user", "content": "企业开办"}], "stream": True}
    )
    lines = [line[6:] for line in r.text.splitlines() if line.startswith("data: ")]
    assert lines[-1] == "[DONE]"
    chunks = [json.loads(line) for line in lines[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks).strip()


LONG = "企" * 501
ERRORS = [
    ("post", "/api/ask", {"json": {"question": ""}}, 422, "BadQuestionError"),
    ("post", "/api/ask", {"json": {"question": "   \n"}}, 422, "BadQuestionError"),
    ("post", "/api/ask", {"json": {"question": LONG}}, 422, "BadQuestionError"),
    ("post", "/api/ask", {"json": {}}, 422, "BadRequest"),
    ("post", "/api/ask", {"json": {"question": 42}}, 422, "BadRequest"),
    ("post", "/api/ask", {"json": {"question": "企业开办", "history": "not a list"}}, 422, "BadRequest"),
    ("post", "/api/ask", {"json": {"question": "企业开办", "script": "latin"}}, 422, "BadRequest"),
    (
        "post",
        "/api/ask",
        {"content": b"{not json", "headers": {"content-type": "application/json"}},
        422,
        "BadRequest",
    ),
    ("post", "/api/ask", {"content": b"question=x"}, 422, "BadRequest"),
    (
        "post",
        "/api/ask",
        {"content": b"x" * 70_000, "headers": {"content-type": "application/json"}},
        413,
        "PayloadTooLarge",
    ),
    ("post", "/api/ask/stream", {"json": {"question": ""}}, 422, "BadQuestionError"),
    ("get", "/api/search", {"params": {"q": ""}}, 422, "BadRequest"),
    ("get", "/api/search", {"params": {"q": "纳税", "k": 0}}, 422, "BadRequest"),
    ("get", "/api/sections/9.9", {}, 404, "NotFoundError"),
    ("get", "/api/sections/abc", {}, 404, "NotFoundError"),
    ("get", "/api/departments/不存在的局", {}, 404, "NotFoundError"),
    ("post", "/api/feedback", {"json": {"question": "q", "answer": "a", "rating": "meh"}}, 422, "BadRequest"),
    ("post", "/api/feedback", {"json": {"question": "q", "answer": "a", "rating": 2}}, 422, "BadRequest"),
    ("post", "/api/feedback", {"json": {"question": "q", "answer": "a", "rating": True}}, 422, "BadRequest"),
    ("post", "/api/feedback", {"json": {"question": "", "answer": "a", "rating": "up"}}, 422, "BadRequest"),
    ("post", "/v1/chat/completions", {"json": {"messages": []}}, 422, "BadRequest"),
    (
        "post",
        "/v1/chat/completions",
        {"json": {"messages": [{"role": "system", "content": "x"}]}},
        422,
        "BadQuestionError",
    ),
    (
        "post",
        "/v1/chat/completions",
        {"json": {"messages": [{"role": "user", "content": ""}]}},
        422,
        "BadQuestionError",
    ),
    ("get", "/api/no-such-route", {}, 404, "HTTPError"),
    ("get", "/api/ask", {}, 405, "HTTPError"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "error"), ERRORS)
def test_errors_are_two_language_json(api_client, method, path, kwargs, status, error):
    body = assert_error(getattr(api_client, method)(path, **kwargs), status)
    assert body["error"] == error


def test_malformed_json_says_so(api_client):
    r = api_client.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert "JSON" in assert_error(r, 422)["message_en"]


def test_unexpected_errors_are_generic_500s(api_client, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(api_client.app.state.service.pipeline, "answer", boom)
    r = api_client.post("/api/ask", json={"question": "企业开办"})
    body = assert_error(r, 500)
    assert body["error"] == "InternalError"
    assert "secret" not in r.text
