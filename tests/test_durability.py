"""Durability against a real crash: the server is SIGKILLed while feedback streams in, the index
build is SIGKILLed half-way, an index file is damaged before start-up, and a rebuild runs (or fails)
while questions are being answered. tests/test_index.py covers the index's own checks in process."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

import index
from eval.bench.server import ServerProcess
from index.store import read_manifest
from ingest import load_plan
from planqa.errors import IndexStateError
from planqa.settings import Settings, get_settings
from tests.conftest import HashEmbedder

pytestmark = pytest.mark.slow


# --- feedback survives SIGKILL ---------------------------------------------------------------------

WRITERS = 8
ACKS_BEFORE_KILL = 400


def _post_until_refused(url: str, writer: int, acked: list[str], stop: threading.Event) -> None:
    with httpx.Client(base_url=url, timeout=10) as http:
        n = 0
        while not stop.is_set():
            question = f"durability-{writer}-{n}"
            try:
                r = http.post("/api/feedback", json={"question": question, "answer": "a", "rating": "up"})
            except httpx.HTTPError:
                return  # the server is gone: what was acknowledged before is what counts
            if r.status_code == 201:
                acked.append(question)
            n += 1


def test_acknowledged_feedback_survives_sigkill(tmp_path, record_property):
    db = tmp_path / "feedback.sqlite"
    env = {
        "PLANQA_FEEDBACK_DB": str(db),
        "PLANQA_RATE_LIMIT_PER_MINUTE": "0",
        "PLANQA_FEEDBACK_PER_MINUTE": "0",
    }
    acked: list[str] = []
    stop = threading.Event()
    with ServerProcess(env, tmp_path / "server.log") as server:
        writers = [
            threading.Thread(target=_post_until_refused, args=(server.url, i, acked, stop))
            for i in range(WRITERS)
        ]
        for w in writers:
            w.start()
        deadline = time.monotonic() + 60
        while len(acked) < ACKS_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()  # mid-stream: the writers are still posting
        stop.set()
        for w in writers:
            w.join(timeout=30)
    assert len(acked) >= ACKS_BEFORE_KILL
    with ServerProcess(env, tmp_path / "server2.log") as again:  # restart on the same file
        r = httpx.post(f"{again.url}/api/feedback", json={"question": "after", "answer": "a", "rating": -1})
        assert r.status_code == 201
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT question FROM feedback")}
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    lost = [q for q in acked if q not in stored]
    record_property("acked_rows", len(acked))
    record_property("lost_rows", len(lost))
    assert lost == [], f"{len(lost)} acknowledged rows lost, e.g. {lost[:5]}"
    assert "after" in stored


# --- the index: damaged before start-up, killed while building -------------------------------------


@pytest.fixture
def build_copy(tmp_path, service_pipeline) -> Path:
    """A copy of the shared library's build (plans and current, verified indexes) to damage: the
    default plan's folder inside it (`.parent` is the copied library)."""
    shutil.copytree(get_settings().build_dir, tmp_path / "build")
    target = tmp_path / "build" / service_pipeline.plan_id
    settings = Settings(build_dir=target)  # brought up to date if the code changed since the build
    index.load_or_build(
        index.index_dir(settings), load_plan(target), settings, service_pipeline.index.embedder
    )
    return target


def test_a_truncated_index_is_detected_at_startup_and_rebuilt(build_copy, tmp_path):
    vectors = build_copy / "index" / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[: vectors.stat().st_size // 3])
    env = {"PLANQA_BUILD_DIR": str(build_copy.parent), "PLANQA_FEEDBACK_DB": str(tmp_path / "fb.sqlite")}
    with ServerProcess(env, tmp_path / "server.log") as server:
        health = httpx.get(f"{server.url}/api/health", timeout=10).json()
        answer = httpx.post(
            f"{server.url}/api/ask", json={"question": "企业开办最快多久能办好？"}, timeout=30
        )
    log = server.log_tail(20_000)
    assert "index unusable, rebuilding" in log and "corrupt" in log and "vectors.faiss" in log
    assert "检索索引" in log  # the same message in Chinese
    assert health["retriever"] and health["retriever_error"] is None
    assert answer.status_code == 200 and answer.json()["answer"].strip()
    settings = Settings(build_dir=build_copy)
    assert index.load(index.index_dir(settings), load_plan(build_copy), settings).units  # verifies again


def test_a_build_killed_half_way_leaves_the_old_index_in_place(build_copy, tmp_path):
    settings = Settings(build_dir=build_copy)
    out = index.index_dir(settings)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    script = (
        "import index; from ingest import load_plan; from planqa.settings import Settings;"
        f"s = Settings(build_dir={str(build_copy)!r});"
        "index.build(load_plan(s.build_dir), index.index_dir(s), s)"
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 120
        while not list(build_copy.glob(".index.building.*")) and time.monotonic() < deadline:
            assert proc.poll() is None, "the build ended before it could be interrupted"
            time.sleep(0.02)
        time.sleep(0.5)  # well inside the (seconds-long) embedding step
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # untouched, byte for byte
    assert index.load(out, load_plan(build_copy), settings).units  # and it verifies


# --- a rebuild while serving -----------------------------------------------------------------------


class GatedEmbedder(HashEmbedder):
    """Holds a build's passage embedding until `release` is set; `broken` makes the build fail its
    verification (one vector short) — a fast stand-in for the model, which a rebuild reuses."""

    def __init__(self) -> None:
        super().__init__()
        self.gate, self.entered, self.broken = threading.Event(), threading.Event(), False

    def embed_passages(self, texts):
        self.entered.set()
        self.gate.wait(60)
        vectors = super().embed_passages(texts)
        return vectors[:-1] if self.broken else vectors


@pytest.fixture
def rebuilding(build_copy, tmp_path):
    """An app over the copied build with an index built by the gated embedder, and an admin token."""
    from fastapi.testclient import TestClient

    from bot.pipeline import Pipeline
    from bot.ranking import PlanRanker
    from bot.retrieve import Retriever
    from ui.api import create_app

    settings = Settings(build_dir=build_copy, feedback_db=tmp_path / "fb.sqlite", admin_token="t0ken")
    embedder = GatedEmbedder()
    embedder.gate.set()
    plan = load_plan(build_copy)
    built = index.build(plan, index.index_dir(settings), settings, embedder)
    pipeline = Pipeline(plan, settings, PlanRanker(plan, Retriever(plan, built, settings), settings))
    embedder.gate.clear()
    embedder.entered.clear()
    with TestClient(create_app(settings, pipeline, with_ui=False), raise_server_exceptions=False) as client:
        yield client, embedder, settings


@pytest.mark.parametrize("broken", [False, True], ids=["verifies", "fails-verification"])
def test_the_old_index_serves_until_the_new_one_verifies(rebuilding, broken):
    client, embedder, settings = rebuilding
    service = client.app.state.service
    old, out = service.pipeline, index.index_dir(settings)
    on_disk = (out / "manifest.json").read_bytes()
    embedder.broken = broken
    outcome: dict = {}

    def rebuild() -> None:
        try:
            outcome["result"] = service.rebuild()
        except IndexStateError as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=rebuild)
    worker.start()
    assert embedder.entered.wait(30)
    for _ in range(5):  # mid-rebuild: answered by the old pipeline, the old index still on disk
        assert client.post("/api/ask", json={"question": "企业开办最快多久能办好？"}).status_code == 200
    assert service.pipeline is old and (out / "manifest.json").read_bytes() == on_disk
    conflict = client.post("/api/admin/rebuild", headers={"Authorization": "Bearer t0ken"})
    assert conflict.status_code == 409  # one rebuild at a time
    embedder.gate.set()
    worker.join(30)
    if broken:
        assert "error" in outcome and "old index" in outcome["error"].en
        assert service.pipeline is old and (out / "manifest.json").read_bytes() == on_disk
    else:
        assert outcome["result"]["rebuilt"] and service.pipeline is not old
        assert service.pipeline.index.manifest == read_manifest(out)
    assert client.post("/api/ask", json={"question": "企业开办最快多久能办好？"}).status_code == 200


def test_admin_rebuild_over_http(rebuilding):
    client, embedder, _ = rebuilding
    embedder.gate.set()
    r = client.post("/api/admin/rebuild", headers={"Authorization": "Bearer t0ken"})
    assert r.status_code == 200, r.text
    assert r.json()["rebuilt"] is True and r.json()["units"] > 0
    embedder.broken = True
    failed = client.post("/api/admin/rebuild", headers={"Authorization": "Bearer t0ken"})
    assert failed.status_code == 503 and failed.json()["error"] == "IndexStateError"
    assert "原索引" in failed.json()["message_zh"]
