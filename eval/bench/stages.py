"""In-process timings: how long the index takes to build, and where the time of one answer goes.

The pipeline records only its total (`Answer.timings_ms["total"]`), and bot/ is not instrumented, so
each stage is timed from outside by calling the same public pieces the pipeline calls, in order:

  normalise  planqa.script.normalise on the question
  embed      the embedder on what the pipeline embeds for the question (`SearchIndex.dense_query`:
             its content words), the query-vector cache bypassed as for a new question
  search     FAISS inner product over every passage + BM25 over every unit
  fuse       Retriever.retrieve minus search (rank fusion, structure lookups, section ranking)
  compose    Pipeline.answer minus Retriever.retrieve (screening, intent, drafting, verified quotes)

"fuse" and "compose" are differences of two timings of the same question, taken after one untimed
answer of it (so neither pays for the model or for first-call effects); single samples can be noisy,
their percentiles over many questions are what the report shows.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import index
from eval.bench.stats import summary
from planqa.script import normalise
from planqa.settings import Settings

STAGES = ("normalise", "embed", "search", "fuse", "compose", "total")


def build_time(pipeline: Any, settings: Settings) -> float:
    """Seconds to build the whole index (units, passage vectors, BM25, verify, swap) into a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="planqa-bench-") as tmp:
        scratch = settings.model_copy(update={"build_dir": Path(tmp)})
        began = time.perf_counter()
        index.build(pipeline.plan, index.index_dir(scratch), scratch, pipeline.index.embedder)
        return round(time.perf_counter() - began, 3)


def _ms(began: float) -> float:
    return (time.perf_counter() - began) * 1000


def stage_latency(pipeline: Any, questions: list[str]) -> dict[str, dict[str, Any]]:
    """p50/p95 per stage over `questions` (answerable, single-turn questions give meaningful stages)."""
    idx = pipeline.index
    retriever = pipeline.retriever.retriever
    everything = len(idx.units)
    times: dict[str, list[float]] = {name: [] for name in STAGES}
    pipeline.answer(questions[0])  # warm-up: lazy initialisation is start-up cost, not per question
    for question in questions:
        began = time.perf_counter()
        normalise(question)
        times["normalise"].append(_ms(began))

        key = idx.dense_query(question)
        began = time.perf_counter()
        vector = idx.embedder.embed_queries([key])
        times["embed"].append(_ms(began))

        began = time.perf_counter()
        idx.vectors.search(vector, idx.vectors.ntotal)
        idx.bm25_scores(question)
        search_ms = _ms(began)
        times["search"].append(search_ms)

        pipeline.answer(question)  # untimed: fills the query-vector cache, so the next two skip the model
        began = time.perf_counter()
        retriever.retrieve(question, everything)
        retrieve_ms = _ms(began)
        times["fuse"].append(max(0.0, retrieve_ms - search_ms))

        began = time.perf_counter()
        pipeline.answer(question)
        answer_ms = _ms(began)
        times["compose"].append(max(0.0, answer_ms - retrieve_ms))
        times["total"].append(answer_ms + times["embed"][-1])  # a new question pays for the model too
    return {name: summary(values) for name, values in times.items()}
