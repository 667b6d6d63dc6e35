"""`/api/search` over the index's real `Retriever` (built here with the fast test embedder), and the
health report of its manifest — independent of how the pipeline will wire retrieval in."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def retriever(plan, tmp_path_factory):
    import index
    from bot.retrieve import Retriever
    from planqa.settings import Settings
    from tests.conftest import HashEmbedder

    settings = Settings(build_dir=tmp_path_factory.mktemp("build"))
    built = index.build(plan, index.index_dir(settings), settings, HashEmbedder())
    return Retriever(plan, built, settings)


@pytest.fixture
def client(plan, retriever, api_settings):
    from ui.api import create_app

    pipeline = SimpleNamespace(plan=plan, retriever=retriever)
    with TestClient(create_app(api_settings, pipeline, with_ui=False)) as c:
        yield c


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_search_uses_the_retriever(client, plan, script):
    body = client.get("/api/search", params={"q": "优化纳税服务", "k": 5, "script": script}).json()
    assert body["method"] == "retriever"
    assert 0 < len(body["hits"]) <= 5
    for hit in body["hits"]:
        node = plan.section(hit["section"])
        assert hit["section"] == "0" or node is not None
        assert hit["kind"] in ("preamble", "part", "measure", "task")
        assert hit["text"] and hit["title"]
    scores = [h["score"] for h in body["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_health_shows_the_index_manifest(client, retriever):
    body = client.get("/api/health").json()
    assert body["retriever"] == "Retriever"
    assert body["index"]["plan_sha256"] == retriever.index.manifest["plan_sha256"]
