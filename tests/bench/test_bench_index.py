"""Performance of the index (run with `pytest tests/bench --benchmark-only`).

Targets on two cores: building the whole index under 10 s, one retrieval under 20 ms median
(excluding process start: the index and the model are loaded once, outside the timed calls)."""

from __future__ import annotations

import json

import pytest

import index
from bot.retrieve import Retriever
from planqa.settings import ROOT, Settings

pytestmark = pytest.mark.bench

QUESTIONS = [
    "公司缺钱，区里有没有贴息贷款？",
    "區人社局負責什麼？",
    "第三部分第二条讲什么？",
    "今年要建成多少个社区就业服务站？",
    "How many units of affordable rental housing will be supplied in 2024?",
    "出口检验检疫证书可以云签发吗？",
    "营商环境体验官是怎么安排的？",
    "保障措施有哪些？",
]


@pytest.fixture(scope="module")
def questions() -> list[str]:
    testset = ROOT / "eval" / "testset.jsonl"
    if testset.exists():
        rows = [json.loads(line) for line in testset.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [r["question"] for r in rows][:100]
    return QUESTIONS


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return Settings(build_dir=tmp_path_factory.mktemp("bench"))


@pytest.fixture(scope="module")
def embedder(settings):
    return index.make_embedder(settings)


def test_build(benchmark, plan, settings, embedder):
    out = index.index_dir(settings)
    built = benchmark.pedantic(index.build, args=(plan, out, settings, embedder), rounds=2, iterations=1)
    assert built.manifest["units"] == len(built.units)
    assert benchmark.stats.stats.median < 10.0


def test_load(benchmark, plan, settings, embedder):
    out = index.index_dir(settings)
    if not (out / "manifest.json").exists():
        index.build(plan, out, settings, embedder)
    loaded = benchmark(index.load, out, plan, settings, embedder)
    assert loaded.units


def test_retrieve(benchmark, plan, settings, embedder, questions):
    uncached = settings.model_copy(update={"query_cache": 0})  # time the model, not the vector cache
    built = index.load_or_build(index.index_dir(uncached), plan, uncached, embedder)
    retriever = Retriever(plan, built, uncached)
    cycle = iter(questions * 1000)
    retriever.retrieve(questions[0], 8)  # warm-up: first call pays for lazy initialisation

    result = benchmark(lambda: retriever.retrieve(next(cycle), 8))
    assert result.sections
    assert benchmark.stats.stats.median < 0.020
