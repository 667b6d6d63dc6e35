"""The pipeline most people would build first, run side by side with ours on the same test set:
LangChain's RecursiveCharacterTextSplitter (500/50 by default) over the plan's text, the same embedder
(`index.make_embedder`), an exact FAISS inner-product index, and the top-k chunks as the answer.

To judge it with the same judge (`eval.judge`), each chunk is attributed to the plan section it
overlaps most (so "hit@1" asks whether the top chunk lies in the right section), the answer is the
top-k chunks concatenated (so "fact recall" asks whether they contain the fact), and it never
declines (so it fails every unanswerable question, which is what such a pipeline does).

It is given the benefit of our ingest: it splits the repaired plan text in simplified script, not
the damaged source as delivered.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import faiss
import numpy as np

from planqa.script import half_width, to_hans
from planqa.settings import Settings


@dataclass
class BaselineAnswer:
    """The fields `eval.runner.ask` reads from an answer."""

    question: str
    answer: str
    answered: bool = True
    citations: list[Any] = field(default_factory=list)
    evidence: list[Any] = field(default_factory=list)
    script: str = "hans"
    departments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Ref:
    section: str


def plan_segments(plan: Any) -> list[tuple[str, str]]:
    """The plan as (section id, simplified text) in document order: preamble, then each part title,
    measure title and lead, and task."""
    segments = [("0", "\n".join([plan.title.hans, plan.notice.hans, plan.preamble.hans]))]
    for part in plan.parts:
        segments.append((part.id, part.title.hans))
        for measure in part.measures:
            segments.append((measure.id, f"{measure.title.hans}\n{measure.lead.hans}".strip()))
            segments += [(task.id, task.text.hans) for task in measure.tasks]
    return segments


class Baseline:
    """Split, embed, index once; `answer` embeds the question and returns the top-k chunks."""

    def __init__(self, plan: Any, settings: Settings, embedder: Any):
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self.plan, self.embedder, self.k = plan, embedder, settings.baseline_top_k
        segments = plan_segments(plan)
        text, starts, ids = "", [], []
        for section, body in segments:
            starts.append(len(text))
            ids.append(section)
            text += body + "\n"
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=settings.baseline_chunk_size,
            chunk_overlap=settings.baseline_chunk_overlap,
            add_start_index=True,
        )
        docs = splitter.create_documents([text])
        self.chunks = [d.page_content for d in docs]
        self.sections = [
            _section_at(starts, ids, d.metadata["start_index"], len(d.page_content)) for d in docs
        ]
        vectors = embedder.embed_passages([half_width(c) for c in self.chunks])
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    def answer(self, question: str, history: Sequence[str] = (), script: str | None = None) -> BaselineAnswer:
        vector = self.embedder.embed_queries([half_width(to_hans(question)).strip()])
        _, rows = self.index.search(np.ascontiguousarray(vector, dtype=np.float32), self.k)
        top = [int(r) for r in rows[0] if r >= 0]
        refs = [Ref(self.sections[r]) for r in top]
        text = "\n\n".join(self.chunks[r] for r in top)
        return BaselineAnswer(question, text, citations=refs, evidence=refs)


def _section_at(starts: list[int], ids: list[str], start: int, length: int) -> str:
    """The section a chunk overlaps most (ties: the earlier one)."""
    first = max(0, bisect.bisect_right(starts, start) - 1)
    end = start + length
    best, best_overlap = ids[first], -1
    for i in range(first, len(starts)):
        if starts[i] >= end:
            break
        stop = starts[i + 1] if i + 1 < len(starts) else end
        overlap = min(stop, end) - max(starts[i], start)
        if overlap > best_overlap:
            best, best_overlap = ids[i], overlap
    return best
