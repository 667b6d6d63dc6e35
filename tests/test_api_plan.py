"""Browse routes (sections, departments), durable feedback in SQLite, health and the offline docs."""

from __future__ import annotations

import sqlite3
import threading

import pytest


def test_sections_tree_follows_the_plan(api_client, plan):
    body = api_client.get("/api/sections").json()
    ids = [s["id"] for s in body["sections"]]
    assert ids == ["0", *(p.id for p in plan.parts)]
    part = body["sections"][1]
    assert [m["id"] for m in part["children"]] == [m.id for m in plan.parts[0].measures]
    assert part["title"]["hant"] == plan.parts[0].title.hant


@pytest.mark.parametrize("section_id", ["0", "1", "1.1", "1.1.1", "5.4"])
def test_section_in_both_scripts(api_client, plan, section_id):
    r = api_client.get(f"/api/sections/{section_id}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["id"] == section_id
    assert body["title"]["hant"] and body["title"]["hans"]
    if section_id.count(".") == 1:
        measure = plan.section(section_id)
        assert body["text"]["hant"] == measure.text.hant
        assert [t["id"] for t in body["tasks"]] == [t.id for t in measure.tasks]
        assert body["departments"]
    if section_id.count(".") == 2:
        task = plan.section(section_id)
        assert body["text"]["hans"] == task.text.hans
        assert [d["hant"] for d in body["departments"]] == [d.name.hant for d in task.departments]


def test_departments_by_either_script(api_client, plan):
    listed = api_client.get("/api/departments").json()
    assert len(listed) == len(plan.departments)
    dept = plan.departments[0]
    by_hant = api_client.get(f"/api/departments/{dept.name.hant}").json()
    by_hans = api_client.get(f"/api/departments/{dept.name.hans}").json()
    assert by_hant == by_hans
    assert {t["id"] for t in by_hant["tasks"]} == set(dept.task_ids)
    assert {t["role"] for t in by_hant["tasks"]} <= {"lead", "sole", "join"}
    for t in by_hant["tasks"]:  # a unit alone on a task carries it: 负责, not 参与
        assert (t["role"] == "sole") == (t["id"] not in by_hant["leads"] and len(t["departments"]) == 1)
    assert set(by_hant["sole"]) <= set(by_hant["joins"])


@pytest.mark.parametrize(("rating", "stored"), [("up", 1), ("down", -1), (1, 1), (-1, -1)])
def test_feedback_is_committed_to_sqlite(api_client, api_settings, rating, stored):
    r = api_client.post(
        "/api/feedback",
        json={"question": "企业开办？", "answer": "三个工作日", "rating": rating, "comment": "好"},
    )
    assert r.status_code == 201
    with sqlite3.connect(api_settings.feedback_db) as conn:
        rows = conn.execute("SELECT id, question, answer, rating, comment, source FROM feedback").fetchall()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert rows == [(r.json()["id"], "企业开办？", "三个工作日", stored, "好", "api")]


def test_feedback_survives_concurrent_writers(api_client, api_settings):
    def post(n: int) -> None:
        for i in range(3):  # 18 in all: within one client's feedback_per_minute
            api_client.post("/api/feedback", json={"question": f"q{n}-{i}", "answer": "a", "rating": "up"})

    threads = [threading.Thread(target=post, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with sqlite3.connect(api_settings.feedback_db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 18


def test_health_reports_provenance(api_client, api_settings):
    body = api_client.get("/api/health").json()
    assert body["status"] == "ok"
    assert len(body["plan_sha256"]) == 64
    assert body["embedder"] == api_settings.embedder
    assert body["version"]


def test_docs_are_offline_and_list_every_route(api_client):
    html = api_client.get("/docs").text
    assert "cdn" not in html.lower() and "<script" not in html
    spec = api_client.get("/openapi.json").json()
    for path in ("/api/plans", "/api/ask", "/api/ask/stream", "/api/search", "/api/sections", "/api/sections/{section_id}",
                 "/api/departments", "/api/departments/{name}", "/api/feedback", "/api/health",
                 "/v1/models", "/v1/chat/completions"):  # fmt: skip
        assert path in spec["paths"]
        assert path in html


def test_service_builds_the_plan_when_the_build_folder_is_empty(tmp_path, monkeypatch):
    from planqa.settings import Settings
    from ui.commands import plan as plan_cmd
    from ui.service import Service

    monkeypatch.setattr(plan_cmd, "BUILD_STEPS", [])  # the library builds what it loads itself
    service = Service(Settings(build_dir=tmp_path / "build", feedback_db=tmp_path / "fb.sqlite"))
    service.start()
    assert [p.parent.name for p in (tmp_path / "build").glob("*/plan.json")] == [service.library.default_id]
    assert service.ready and service.plan.parts
    assert service.answer("企业开办最快多久能办好？").answer


def test_rate_limit_per_client(api_settings, service_pipeline):
    from fastapi.testclient import TestClient

    from ui.api import create_app

    settings = api_settings.model_copy(update={"rate_limit_per_minute": 3})
    with TestClient(create_app(settings, service_pipeline, with_ui=False)) as client:
        codes = [client.get("/api/departments").status_code for _ in range(4)]
        limited = client.get("/v1/models")
        health = [client.get("/api/health").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429]
    assert health == [200] * 5  # health checks are exempt
    assert limited.json()["error"] == "RateLimited" and limited.json()["message_zh"]
    assert 1 <= int(limited.headers["retry-after"]) <= 60
