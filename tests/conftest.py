"""Shared fixtures: the real plan, built once per test session from the shipped source."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evidence import Ranked
from ingest import Plan, build_plan
from planqa.settings import get_settings


@pytest.fixture(scope="session")
def plan() -> Plan:
    return build_plan(get_settings().source)


@pytest.fixture(scope="session")
def plan_text(plan: Plan) -> str:
    """The repaired text of the plan, as ingest saw it after repair."""
    from ingest.repair import repair_text

    text = get_settings().source.read_text(encoding="utf-8")
    return repair_text(text)[0]


def ranked_for(plan: Plan, *task_ids: str, step: float = 0.01, **kw) -> Ranked:
    """A hand-made ranking of the plan's tasks, best first, that retrieval would call covered
    (close in meaning and in words)."""
    tasks = [(plan.section(t), 1.0 - i * step) for i, t in enumerate(task_ids)]
    sections = kw.pop("sections", list(dict.fromkeys(t.measure_id for t, _ in tasks)))
    return Ranked(tasks=tasks, sections=sections, relevance=1.0, peak=1.0, lexical=10.0, **kw)


class HashEmbedder:
    """A fast, deterministic stand-in for a real embedding model: each character bigram of the text
    adds to a hashed dimension, so texts that share words get similar unit vectors."""

    def __init__(self, dim: int = 64, name: str = "test/hash"):
        self.dim = dim
        self.name = f"{name}-{dim}"

    def _embed(self, texts: list[str]):
        import hashlib

        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            grams = [text[i : i + 2] for i in range(len(text) - 1)] or [text]
            for gram in grams:
                h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def embed_queries(self, texts: list[str]):
        return self._embed(texts)

    def embed_passages(self, texts: list[str]):
        return self._embed(texts)


@pytest.fixture
def hash_embedder() -> HashEmbedder:
    return HashEmbedder()


# --- the service (ui/): one pipeline per session, a live server for the HTTP and browser tests


@pytest.fixture(scope="session")
def service_pipeline():
    """The pipeline exactly as `plan-qa serve` loads it (building what is missing)."""
    from ui.service import load_pipeline

    return load_pipeline(get_settings())


@pytest.fixture
def api_settings(tmp_path):
    """Settings for one test: the shared build, a fresh feedback database in tmp_path."""
    from planqa.settings import Settings

    return Settings(feedback_db=tmp_path / "feedback.sqlite")


@pytest.fixture
def api_client(api_settings, service_pipeline):
    """A TestClient over the API (no UI mount); server errors come back as responses, not raises."""
    from fastapi.testclient import TestClient

    from ui.api import create_app

    with TestClient(
        create_app(api_settings, service_pipeline, with_ui=False), raise_server_exceptions=False
    ) as c:
        yield c


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, service_pipeline):
    """The real `plan-qa serve` in a subprocess on a free loopback port: (base url, feedback db path)."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path_factory.mktemp("live") / "feedback.sqlite"
    # Every test's browser reaches this server from one loopback address, so one visitor's budget of
    # chat-page events (three per page load, one per question) is the whole session's: it is widened
    # here; the limits themselves are tested on servers of their own (tests/security/).
    budget = {"PLANQA_UI_EVENTS_PER_MINUTE": "6000", "PLANQA_UI_EVENT_BURST": "600"}
    env = {**os.environ, **budget, "PLANQA_FEEDBACK_DB": str(db), "GRADIO_ANALYTICS_ENABLED": "False"}
    log = open(db.with_suffix(".log"), "w")  # noqa: SIM115  (closed below)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < 180:
            if proc.poll() is not None:
                raise RuntimeError(f"plan-qa serve exited: {db.with_suffix('.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("plan-qa serve did not become ready in 180 s")
        yield {"url": url, "db": db, "ready_s": time.perf_counter() - started}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


CHROMIUM = Path("/usr/bin/chromium")  # Debian's (.ci/system-deps); Playwright's own download is not used
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    """One headless chromium per test module (the browser tests of the page and of its CSP)."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: `bash .ci/system-deps` (as root) installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# --- a library of two plans: ours and ours as another district's for another year (tests/fixtures/library.py)


@pytest.fixture(scope="session")
def two_plan_settings(tmp_path_factory, service_pipeline):
    """Settings over a built library of two plans: the shipped plan (its build copied from the session's,
    which the catalogue re-verifies against the source) and the plan relocated to another district and
    year (`tests.fixtures.layouts.relocated`), built here once per session."""
    import json
    import shutil

    from bot.library import Library
    from tests.fixtures.layouts import RELOCATIONS, relocated

    settings = get_settings()
    root = tmp_path_factory.mktemp("two-plans")
    source, build = root / "source", root / "build"
    source.mkdir()
    (source / settings.source.name).write_bytes(settings.source.read_bytes())
    district, years = RELOCATIONS[0]
    (source / "001_relocated.txt").write_text(
        relocated(service_pipeline.plan, district, years), encoding="utf-8"
    )
    ours = service_pipeline.settings.build_dir
    shutil.copytree(ours, build / ours.name)
    (build / "library.json").write_text(
        json.dumps({"plans": {settings.source.name: ours.name}}), encoding="utf-8"
    )
    two = settings.model_copy(update={"source_dir": source, "build_dir": build})
    Library.load(two)  # builds the relocated plan and its index
    return two
