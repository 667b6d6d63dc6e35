"""The real `plan-qa serve` process over loopback HTTP: httpx for the API, gradio_client for the chat
UI's `/chat` endpoint, and the `openai` SDK against `/v1` (streaming and not)."""

from __future__ import annotations

import json
import sqlite3

import httpx
import pytest

pytestmark = pytest.mark.slow


def test_ready_quickly_and_healthy(live_server):
    body = httpx.get(f"{live_server['url']}/api/health", timeout=10).json()
    assert body["status"] == "ok" and len(body["plan_sha256"]) == 64
    config = httpx.get(f"{live_server['url']}/config", timeout=10).json()
    assert config["analytics_enabled"] is False
    chat = next(c["props"] for c in config["components"] if c["props"].get("elem_id") == "chat")
    assert chat["sanitize_html"] is True and chat["latex_delimiters"] == []
    assert "share" not in chat["buttons"]
    print(f"plan-qa serve ready in {live_server['ready_s']:.1f}s")


def test_api_over_http(live_server, plan):
    url = live_server["url"]
    with httpx.Client(base_url=url, timeout=30) as http:
        answer = http.post("/api/ask", json={"question": "哪个部门负责优化纳税服务？"}).json()
        assert answer["answer"].strip()
        if answer["answered"]:
            assert answer["citations"]
        with http.stream("POST", "/api/ask/stream", json={"question": "企业开办最快多久能办好？"}) as r:
            assert r.headers["content-type"].startswith("text/event-stream")
            data = [json.loads(line[6:]) for line in r.iter_lines() if line.startswith("data: ")]
        assert "".join(d["text"] for d in data[:-1]) == data[-1]["answer"]
        assert http.get("/api/sections/1.1").json()["title"]["hant"] == plan.section("1.1").title.hant
        bad = http.post("/api/ask", json={"question": ""})
        assert bad.status_code == 422 and set(bad.json()) == {"error", "message_zh", "message_en"}
        page = http.get("/")
        assert page.status_code == 200 and "<html" in page.text


def test_gradio_client_drives_the_chat(live_server):
    from gradio_client import Client

    client = Client(live_server["url"] + "/", verbose=False, download_files=False)
    try:
        history, textbox, card = client.predict("企业开办最快多久能办好？", [], "简体", api_name="/chat")[:3]
    finally:
        client.close()
    assert textbox == ""
    assert history[-1]["role"] == "assistant"
    assert "答复卡" in card and "企业开办最快多久能办好？" in card


def test_openai_client(live_server):
    from openai import OpenAI

    client = OpenAI(base_url=live_server["url"] + "/v1", api_key="none", max_retries=0)
    assert [m.id for m in client.models.list()] == ["plan-qa"]
    messages = [{"role": "user", "content": "企业开办最快多久能办好？"}]
    reply = client.chat.completions.create(model="plan-qa", messages=messages)
    assert reply.choices[0].message.content.strip()
    stream = client.chat.completions.create(model="plan-qa", messages=messages, stream=True)
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in stream)
    assert streamed == reply.choices[0].message.content


def test_feedback_over_http_lands_in_the_live_database(live_server):
    r = httpx.post(
        f"{live_server['url']}/api/feedback",
        json={"question": "q-http", "answer": "a", "rating": -1},
        timeout=10,
    )
    assert r.status_code == 201
    with sqlite3.connect(live_server["db"]) as conn:
        assert conn.execute("SELECT rating FROM feedback WHERE question = 'q-http'").fetchone() == (-1,)


@pytest.mark.parametrize(
    "path",
    [
        "/gradio_api/file=/etc/passwd",
        "/gradio_api/file=../../../../etc/passwd",
        "/gradio_api/file=%2Fetc%2Fpasswd",
        "/file=/etc/passwd",
        "/gradio_api/file={source}",
        "/gradio_api/file={feedback}",
    ],
)
def test_gradio_serves_no_file_beyond_its_cache(live_server, path):
    """Gradio's published file-serving CVEs: nothing outside its cache leaves the server."""
    from planqa.settings import get_settings

    url = live_server["url"] + path.format(source=get_settings().source, feedback=live_server["db"])
    r = httpx.get(url, timeout=10)
    assert r.status_code in (400, 403, 404), (r.status_code, r.text[:200])
    assert "root:" not in r.text and "CREATE TABLE" not in r.text
