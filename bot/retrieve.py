"""Hybrid retrieval over the plan: dense (FAISS) and BM25 rankings fused by weighted reciprocal rank,
then corrected by what the question names outright (a section, a department, a figure).

The composer needs two answers from retrieval: which units to quote (`hits`) and which measures the
question is about (`sections`, ranked). A measure is as relevant as its best unit, so units are
aggregated to their section by maximum; tasks keep their measure's context through their search text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from index import SearchIndex, Unit
from index.text import STOPWORDS
from ingest import Department, Plan
from planqa.script import normalise
from planqa.settings import Settings

# What a question about a unit's whole remit says besides the unit's name ("区人社局负责什么").
_REMIT = re.compile(
    r"负责|承担|任务|工作|参与|措施|事情|事项|事|干|做|职责|牵头|配合|分工|管|涉及|内容|哪些|什么|方面|"
    r"要|都|在|方案|里|中|了|的|哪|些|吗|呢|有|是|这个|本|分别|各自|以及|和|与|及|[^\u3400-\u9fffa-z0-9]"
)


@dataclass(frozen=True)
class Hit:
    """One ranked unit: the fused score and each retriever's rank (1 = best, None = not ranked)."""

    unit: Unit
    score: float
    ranks: dict[str, int | None]

    @property
    def section(self) -> str:
        return self.unit.section


@dataclass
class Retrieval:
    question: str
    hits: list[Hit]  # best first, at most k
    sections: list[str]  # section ids best first: measures, or "0" / a part id where those rank
    section_ref: str | None = None  # a section the question names (第三部分第二条, 3.2, 保障措施)
    departments: list[Department] = field(default_factory=list)  # units the question names
    department_question: bool = False  # the question asks for a unit's whole remit
    asks_number: bool = False
    relevance: float = 0.0  # best dense cosine: how close the plan comes to the question at all
    peak: float = 0.0  # best dense cosine above the median unit's: does one part of the plan stand out?
    lexical: float = 0.0  # best BM25 score: does any unit share the question's (rarer) words?


class Retriever:
    """Fuses the index's rankings; one instance per process, safe to share between threads."""

    def __init__(self, plan: Plan, index: SearchIndex, settings: Settings):
        self.plan = plan
        self.index = index
        self.settings = settings
        self._sections = np.array([u.section for u in index.units])
        self._has_targets = np.array([bool(u.targets) for u in index.units])
        broad = {"part": settings.weight_part, "preamble": settings.weight_preamble}
        self._prior = np.array([broad.get(u.kind, 1.0) for u in index.units])
        self._section_ids = list(dict.fromkeys(u.section for u in index.units))
        self._section_of = np.array([self._section_ids.index(u.section) for u in index.units])

    # --- one question → fused unit scores
    def _fused(self, question: str) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, float]]:
        s = self.settings
        dense = self.index.dense_scores(question)
        bm25 = self.index.bm25_scores(question)
        ranks = {"dense": _ranks(dense, dense > -1), "bm25": _ranks(bm25, bm25 > 0)}
        fused = np.zeros(len(dense), dtype=np.float64)
        for name, weight in (("dense", s.weight_dense), ("bm25", s.weight_bm25)):
            r = ranks[name]
            fused += np.where(r > 0, weight / (s.rrf_k + np.maximum(r, 1)), 0.0)
        ranked = dense[dense > -1]
        closeness = {
            "relevance": float(dense.max(initial=0.0)),
            "peak": float(ranked.max() - np.median(ranked)) if len(ranked) else 0.0,
            "lexical": float(bm25.max(initial=0.0)),
        }
        return fused, ranks, closeness

    def retrieve(self, question: str, k: int | None = None, history: Sequence[str] = ()) -> Retrieval:
        """Rank units and sections for `question`; `history` (earlier questions, oldest first) lends
        context to follow-ups such as "那这个由哪个部门负责？"."""
        s = self.settings
        k = k or s.top_k
        lookup = self.index.lookup
        fused, ranks, closeness = self._fused(question)
        lean = s.history_weight_anaphora if _leans_on_history(question, self.index) else s.history_weight
        for age, earlier in enumerate(reversed(list(history)[-s.history_turns :])):
            fused += (lean * s.history_decay**age) * self._fused(earlier)[0]
        top = 1.0 / (s.rrf_k + 1)  # what rank 1 of one retriever is worth: the scale of the boosts
        # Parts and the preamble are broad summaries that resemble every vague question; they lead only
        # when the question names them (title or section lookups below) or nothing narrower fits.
        fused *= self._prior

        units = self.index.units
        titled = lookup.title_refs(question)
        for pos, section in enumerate(titled):
            fused += np.where(self._in(section), s.weight_title * top / (pos + 1), 0.0)

        depts = [m.department for m in lookup.departments(question)]
        remit = bool(depts) and _only_remit(question, [m.alias for m in lookup.departments(question)])
        dept_units = np.zeros(len(units), dtype=bool)
        for dept in depts:
            dept_units |= np.array([any(d.name == dept.name for d in u.departments) for u in units])
        if depts:
            weight = s.weight_dept_remit if remit else s.weight_dept
            fused += np.where(
                dept_units & np.isin([u.kind for u in units], ["task", "measure"]), weight * top, 0
            )

        number = lookup.asks_number(question)
        if number:
            fused += np.where(self._has_targets, s.weight_number * top, 0.0)

        ref = lookup.section_ref(question) or next((t for t in titled if t != "0"), None)
        order = np.argsort(-fused, kind="stable")
        if ref is not None:  # a named section comes first, then its own units, then the rest
            own = sorted((i for i in order if self._within(units[i], ref)), key=lambda i: units[i].id != ref)
            order = np.array(own + [i for i in order if not self._within(units[i], ref)])

        by_name = {n: r.tolist() for n, r in ranks.items()}  # plain ints: k may be every unit
        scores = fused.tolist()
        hits = [
            Hit(units[i], scores[i], {n: (r[i] or None) for n, r in by_name.items()})
            for i in order[:k].tolist()
        ]
        sections = self._rank_sections(fused)
        if ref is not None:
            head = ref if ref.count(".") < 2 else ref.rsplit(".", 1)[0]
            sections = [head] + [x for x in sections if x != head]
        elif remit:
            named = [x for d in depts for x in lookup.department_sections(d)]
            sections = [x for x in sections if x in named] + [x for x in sections if x not in named]
        return Retrieval(
            question=question,
            hits=hits,
            sections=sections,
            section_ref=ref,
            departments=depts,
            department_question=remit,
            asks_number=number,
            **closeness,
        )

    def _rank_sections(self, fused: np.ndarray) -> list[str]:
        """Sections by their best unit, plus a share of their second best (a measure that several
        units support beats one that a single stray task matches)."""
        n = len(self._section_ids)
        best = np.full(n, -np.inf)
        np.maximum.at(best, self._section_of, fused)
        second = np.full(n, 0.0)
        is_best = fused >= best[self._section_of]
        np.maximum.at(second, self._section_of[~is_best], fused[~is_best])
        score = best + self.settings.section_second * second
        return [self._section_ids[i] for i in np.argsort(-score, kind="stable")]

    def _in(self, section: str) -> np.ndarray:
        return np.array([u.section == section or u.id == section for u in self.index.units])

    @staticmethod
    def _within(unit: Unit, ref: str) -> bool:
        return unit.id == ref or unit.id.startswith(ref + ".") or (ref != "0" and unit.section == ref)


def _ranks(scores: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """1-based rank of each unit by score (0 where not eligible)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.zeros(len(scores), dtype=np.int64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return np.where(eligible, ranks, 0)


# Words that point back to the previous turn, and words that ask "who" without naming a topic.
_ANAPHORA = re.compile(
    r"^(那|那么|还有|另外)|这个|这项|这件|这条|该项|此项|上述|它|其|呢[?？]?$|\b(it|this|that|they)\b"
)
_WHO = frozenset(
    [
        "部门",
        "单位",
        "负责",
        "牵头",
        "谁",
        "哪家",
        "管",
        "归",
        "由",
        "做",
        "来",
        "工作",
        "事",
        "办",
        "推进",
        "配合",
        "参与",
    ]
)


def _leans_on_history(question: str, index: SearchIndex) -> bool:
    """A follow-up that points back ("那这个…", "…呢？") or has no topic of its own ("由哪个部门牵头？")."""
    if _ANAPHORA.search(normalise(question)) or _ANAPHORA.search(question.lower()):
        return True
    return not [t for t in index.tokenizer.tokens(question) if t not in _WHO]


def _only_remit(question: str, aliases: list[str]) -> bool:
    """True when the question names units and asks only what they do (no topic of its own)."""
    rest = normalise(question)
    for alias in sorted(aliases, key=len, reverse=True):
        rest = rest.replace(alias, "")
    rest = _REMIT.sub("", rest)
    if not re.search(r"[\u3400-\u9fff]", rest):  # an English question: its words are the asking
        return True
    return not rest or rest in STOPWORDS
