"""The persisted index: built atomically, verified on load, rebuilt only when stale or corrupt."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import index
from index.units import make_units
from planqa.errors import IndexStateError
from planqa.script import half_width
from planqa.settings import Settings
from tests.conftest import HashEmbedder


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(build_dir=tmp_path / "build")


@pytest.fixture
def built(plan, settings, hash_embedder) -> Path:
    out = index.index_dir(settings)
    index.build(plan, out, settings, hash_embedder)
    return out


def test_units_cover_every_level_in_both_scripts(plan):
    units = make_units(plan)
    kinds = {u.kind for u in units}
    assert kinds == {"preamble", "part", "measure", "task"}
    assert len(units) == 1 + len(plan.parts) + len(plan.measures()) + len(plan.tasks())
    ids = [u.id for u in units]
    assert len(set(ids)) == len(ids) and ids[0] == "0"
    task = next(u for u in units if u.id == "1.4.1")
    assert task.section == "1.4" and task.text.hant != task.text.hans
    assert task.title.hans == plan.section("1.4").title.hans
    assert "普惠金融" in task.search and "普惠金融" in task.passages[0]  # the measure title goes along
    assert any(d.name.hans == "区金融办" for d in task.departments)
    assert task.targets  # 90-100億元
    assert "区金融办" not in task.passages[0]  # department parentheticals are left to the lookup


def test_build_writes_manifest_and_checksums(plan, built, hash_embedder):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedder"] == hash_embedder.name and manifest["dim"] == hash_embedder.dim
    assert manifest["units"] == len(make_units(plan))
    assert manifest["source_sha256"] == plan.source_sha256
    assert set(manifest["files"]) == {p.name for p in built.iterdir()} - {"manifest.json"}
    assert "faiss-cpu" in manifest["versions"]
    assert not list(built.rglob("*.pkl")) and not list(built.rglob("*.pickle"))
    for npy in built.glob("*.npy"):
        np.load(npy, allow_pickle=False)


def test_plan_hash_is_the_plan_json_bytes(plan, tmp_path):
    from index.store import plan_sha256
    from ingest import save_plan
    from ingest.build import PLAN_FILE

    save_plan(plan, tmp_path)
    import hashlib

    assert plan_sha256(plan) == hashlib.sha256((tmp_path / PLAN_FILE).read_bytes()).hexdigest()


def test_load_round_trips(plan, built, settings, hash_embedder):
    loaded = index.load(built, plan, settings, hash_embedder)
    assert [u.id for u in loaded.units] == [u.id for u in make_units(plan)]
    scores = loaded.dense_scores("普惠金融贷款")
    assert scores.shape == (len(loaded.units),)
    assert loaded.bm25_scores("创园贷").argmax() in [loaded.positions[i] for i in ("1.4", "1.4.1")]


def test_missing_index_is_a_clear_error(plan, settings, hash_embedder, tmp_path):
    with pytest.raises(IndexStateError) as err:
        index.load(tmp_path / "nowhere", plan, settings, hash_embedder)
    assert "plan-qa index" in err.value.en and "plan-qa index" in err.value.zh


@pytest.mark.parametrize(
    "other", [HashEmbedder(dim=32), HashEmbedder(name="test/other")], ids=["dimension", "embedder"]
)
def test_other_embedder_is_stale(plan, built, settings, other):
    with pytest.raises(IndexStateError, match=r"embedder|dim"):
        index.load(built, plan, settings, other)


def test_other_plan_is_stale(plan, built, settings, hash_embedder):
    from dataclasses import replace

    edited = replace(plan, preamble=replace(plan.preamble, hans=plan.preamble.hans + "。"))
    with pytest.raises(IndexStateError, match="plan_sha256"):
        index.load(built, edited, settings, hash_embedder)


@pytest.mark.parametrize("name", ["vectors.faiss", "units.json", "bm25_tf.npy", "rows.npy", "bm25.json"])
@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_corrupted_file_is_detected(plan, built, settings, hash_embedder, name, damage):
    path = built / name
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(IndexStateError, match="corrupt") as err:
        index.load(built, plan, settings, hash_embedder)
    assert "损坏" in err.value.zh


def test_corrupted_manifest_is_detected(plan, built, settings, hash_embedder):
    (built / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexStateError, match="corrupt"):
        index.load(built, plan, settings, hash_embedder)


def test_load_or_build_rebuilds_stale_or_corrupt_but_not_a_good_index(plan, built, settings, hash_embedder):
    stamp = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["built_at"]
    first = (built / "manifest.json").stat().st_mtime_ns
    index.load_or_build(built, plan, settings, hash_embedder)
    assert (built / "manifest.json").stat().st_mtime_ns == first  # a good index is not rebuilt
    (built / "vectors.faiss").write_bytes(b"garbage")
    rebuilt = index.load_or_build(built, plan, settings, hash_embedder)
    assert rebuilt.vectors.ntotal >= len(rebuilt.units)
    assert json.loads((built / "manifest.json").read_text(encoding="utf-8"))["built_at"] >= stamp
    other = HashEmbedder(dim=48)
    assert index.load_or_build(built, plan, settings, other).manifest["dim"] == 48


def test_failed_build_leaves_the_old_index_and_no_temp_folder(plan, built, settings, hash_embedder):
    before = {p.name: p.read_bytes() for p in built.iterdir()}

    class Broken(HashEmbedder):
        def embed_passages(self, texts):
            return super().embed_passages(texts)[:-1]  # one vector short: the build must fail

    with pytest.raises(IndexStateError):
        index.build(plan, built, settings, Broken())
    assert {p.name: p.read_bytes() for p in built.iterdir()} == before
    assert [p.name for p in built.parent.iterdir()] == [built.name]


def test_interrupted_swap_never_exposes_half_an_index(plan, settings, hash_embedder, monkeypatch):
    """A crash after writing but before the swap leaves no index folder, not a partial one."""
    import index.store as store

    out = index.index_dir(settings)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        index.build(plan, out, settings, hash_embedder)
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


class RecordingEmbedder(HashEmbedder):
    """The hash embedder, remembering every question it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[str] = []

    def embed_queries(self, texts: list[str]):
        self.queries += texts
        return super().embed_queries(texts)


@pytest.mark.parametrize(
    ("question", "kept", "dropped"),
    [
        ("请问闵行这份方案里有没有贴息贷款？", "贴息贷款", ["请问", "方案", "有没有", "？"]),
        ("戰略預留區的項目引進程序會不會簡化？", "战略预留区", ["不会", "會不會"]),
        ("公司能不能全程在网上办？", "全程", ["不能"]),
        ("零工市场由哪个部门负责？", "零工市场", ["部门", "负责"]),  # asks who: every task has departments
    ],
)
def test_the_dense_query_is_the_questions_content(plan, built, settings, question, kept, dropped):
    embedder = RecordingEmbedder()
    loaded = index.load(built, plan, settings, embedder)
    loaded.dense_scores(question)
    (query,) = embedder.queries
    assert kept in query and not any(word in query for word in dropped)


@pytest.mark.parametrize(
    ("question", "condense"),
    [
        ("What does the District Finance Bureau do?", True),  # no Chinese: left whole
        ("What does the 区财政局 do?", True),  # English around a Chinese name: left whole
        ("是什么？", True),  # nothing but asking words: left whole
        ("请问方案里有没有贴息贷款？", False),  # condensing switched off
    ],
)
def test_the_dense_query_is_left_whole(plan, built, settings, question, condense):
    embedder = RecordingEmbedder()
    loaded = index.load(built, plan, settings.model_copy(update={"condense_query": condense}), embedder)
    loaded.dense_scores(question)
    assert embedder.queries == [half_width(question)]


def test_the_plans_words_stay_in_the_private_tokenizer():
    import jieba

    from index.text import Tokenizer

    own = Tokenizer(["闵行创园速办通"])
    assert "闵行创园速办通" in own.tokens("请问闵行创园速办通是什么")
    assert "闵行创园速办通" not in jieba.dt.FREQ  # the shared dictionary it was copied from is untouched


def test_english_words_stay_words():
    """Normalising drops spaces; the words of an English question must not be glued into one token,
    or BM25 never sees the plan's own Latin terms (APEC商旅卡, AI+政务服务)."""
    from index.text import Tokenizer

    tokens = Tokenizer().tokens("Does the plan expand APEC business travel cards?")
    assert "apec" in tokens and "business" in tokens
