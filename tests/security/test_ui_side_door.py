"""Finding 2 replayed: the chat UI's Gradio routes bypassed the API's limits. `/gradio_api/upload`
stored a 100 MB file though nothing uploads; feedback through Gradio events stored a 10 MB comment;
one session queued 100 chat jobs and another user's chat then waited 26 s."""

from __future__ import annotations

import sqlite3
import time

import pytest
from live import event_id, from_address


def stored_comments(db) -> list[str | None]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT comment FROM feedback")]


@pytest.mark.parametrize(
    "path", ["/gradio_api/upload", "/gradio_api/upload?upload_id=x", "/gradio_api/process_recording"]
)
def test_uploads_are_refused_before_anything_is_stored(target, path):
    data = b"\0" * 5_000_000
    with from_address(target.url, "127.0.0.21") as http:
        began = time.perf_counter()
        r = http.post(path, files={"files": ("big.bin", data)})
        took = time.perf_counter() - began
    assert r.status_code == 403 and r.json()["error"] == "Forbidden"
    assert took < 5


@pytest.mark.parametrize(
    ("comment", "refused"),
    [("x" * 3_000, "意见太长"), ("有用\x00", "空字符"), ("很有帮助", None)],
    ids=["3,000 characters", "NUL", "ordinary"],
)
def test_feedback_through_the_ui_keeps_the_api_caps(target, comment, refused):
    """The chat page's own rating and comment handlers, writing to the live server's feedback file:
    the page cannot store what the API refuses. (A like event carries browser event data that
    gradio_client cannot send; tests/test_ui_clerk.py clicks the real thumbs in chromium.)"""
    from types import SimpleNamespace

    from planqa.settings import Settings
    from ui.feedback import FeedbackLimits, FeedbackStore
    from ui.gradio_feedback import Feedback

    settings = Settings()
    store = FeedbackStore(target.db, limits=FeedbackLimits.from_settings(settings))
    page = Feedback(SimpleNamespace(feedback=store, settings=settings))
    state = {"turns": {"1": {"question": "企业开办最快多久能办好？", "answer": "一个工作日。"}}}
    _, state, _, _ = page.rate(state, {}, SimpleNamespace(index=1, liked=True))
    status, _, _ = page.add_comment(state, comment)
    if refused:
        assert refused in status and comment not in stored_comments(target.db)
    else:
        assert status.startswith("意见已记录") and comment in stored_comments(target.db)


def test_a_one_megabyte_comment_is_refused_on_both_paths(target):
    comment = "评" * 350_000  # ~1 MB of UTF-8
    with from_address(target.url, "127.0.0.22") as http:
        api = http.post(
            "/api/feedback", json={"question": "q", "answer": "a", "rating": 1, "comment": comment}
        )
        ui = http.post(
            "/gradio_api/queue/join",
            json={
                "data": [None, comment],
                "fn_index": event_id(target.url, "feedback_comment"),
                "session_hash": "s1mb",
            },
        )
    assert api.status_code == 413 and ui.status_code == 413
    assert all(len(c or "") <= 2_000 for c in stored_comments(target.db))


@pytest.mark.parametrize(
    "body",
    [
        {"question": "q", "answer": "a", "rating": 1, "comment": "x" * 2_001},
        {"question": "q\x00", "answer": "a", "rating": 1},
        {"question": "q", "answer": "a\x00", "rating": -1},
        {"question": "q", "answer": "a", "rating": 1, "comment": "\x00"},
    ],
    ids=["comment over the cap", "NUL in question", "NUL in answer", "NUL comment"],
)
def test_feedback_through_the_api_refuses_oversize_and_nul(target, body):
    with from_address(target.url, "127.0.0.23") as http:
        r = http.post("/api/feedback", json=body)
    assert r.status_code == 422 and r.json()["error"] == "BadFeedbackError"


def test_feedback_rows_per_client_are_limited(target):
    with from_address(target.url, "127.0.0.24") as http:
        codes = [http.post("/api/feedback", json={"question": "q", "answer": "a", "rating": 1}).status_code
                 for _ in range(40)]  # fmt: skip
    assert codes.count(201) <= 20 and codes[-1] == 429  # 600 a minute before


def test_one_client_cannot_fill_the_chat_queue(target, record_property):
    """A client floods the queue with chat events from one address; another user's chat still
    answers promptly."""
    from gradio_client import Client

    chat = event_id(target.url, "chat")
    question = "政府采购对中小企业有什么支持？"
    with from_address(target.url, "127.0.0.25") as flood:
        replies = [
            flood.post(
                "/gradio_api/queue/join",
                json={"data": [question, [], "简体", None], "fn_index": chat, "session_hash": f"flood{i}"},
            )
            for i in range(100)
        ]
    codes = [r.status_code for r in replies]
    refused = [r.json() for r in replies if r.status_code == 429]
    assert refused and all("请求过于频繁" in r["detail"] and "Too many" in r["detail"] for r in refused)
    client = Client(target.url + "/", verbose=False, download_files=False)
    try:
        began = time.perf_counter()
        history = client.predict("企业开办最快多久能办好？", [], "简体", api_name="/chat")[0]
        waited = time.perf_counter() - began
    finally:
        client.close()
    accepted = codes.count(200)
    record_property("attack_flood_queued", f"{accepted}/100")
    record_property("attack_flood_other_chat_s", round(waited, 2))
    print(f"flood: {accepted} of 100 chat events queued; another user's chat took {waited:.2f} s")
    assert accepted <= 30 and set(codes) <= {200, 429, 503}
    assert history[-1]["role"] == "assistant"
    assert waited < 10  # 26 s before


def test_invalid_ui_calls_are_one_log_line(target):
    search = event_id(target.url, "search")
    before = len(target.log_text())
    with from_address(target.url, "127.0.0.26") as http:
        for _ in range(10):
            http.post("/gradio_api/queue/join", json={"data": [], "fn_index": 999, "session_hash": "bad"})
            http.post("/gradio_api/run/search", json={"data": [3]})
            http.post("/gradio_api/queue/join", json={"data": [3], "fn_index": search, "session_hash": "bad"})
    time.sleep(1)
    logged = target.log_text()[before:]
    assert "Traceback" not in logged
    assert len(logged) < 20 * 300  # one short line per refused call (131 KB per 10 s before)
