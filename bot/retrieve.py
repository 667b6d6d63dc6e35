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
from ingest import Department, Plan
from planqa.script import normalise
from planqa.settings import Settings

# What a question about a unit's whole remit says besides the unit's name ("区人社局负责什么").
_REMIT = re.compile(
    r"负责|承担|任务|工作|参与|措施|事情|事项|事|干|做|职责|职能|牵头|配合|分工|管|涉及|内容|哪些|什么|方面|"
    r"有关|相关|关联|全部|所有|一共|总共|安排|名下|列出|列举|清单|列表|一览|明细|汇总|"
    r"要|都|在|方案|里|中|上|了|的|哪|些|吗|呢|有|是|这个|本|分别|各自|以及|和|与|及|让|它|他们|它们|派|"
    r"今年|本年度?|全年|整体|整个|[^\u3400-\u9fffa-z0-9]"  # the time and the whole, no topic
)


_LISTING = re.compile(r"哪|什么|啥|列|多少|干嘛|做嘛|所有|全部")  # …要干的所有活儿 asks for the list too
# A unit named to be confirmed as the one in charge (是不是由区市场局负责, 由区发改委负责吗？还是…).
GUESSED_UNIT = re.compile(
    r"(是不是|是否|难道)由?[^，,。？?]{2,16}(负责|牵头|主管|管)|由[^，,。？?]{2,16}(负责|牵头|主管)(的)?(吗|么|嘛|还是)"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_ASKING_WORDS = re.compile(r"[吗呢呀啊哈吧]")


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
class Named:
    """What a question names outright: sections by title or position, units, a figure."""

    titled: list[str]
    ref: str | None
    departments: list[Department]
    remit: bool
    number: bool


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
    order: list[int] = field(default_factory=list)  # every unit's position in the index, best first
    scores: list[float] = field(default_factory=list)  # every unit's fused score, by position


class Retriever:
    """Fuses the index's rankings; one instance per process, safe to share between threads."""

    def __init__(self, plan: Plan, index: SearchIndex, settings: Settings):
        self.plan = plan
        self.index = index
        self.settings = settings
        self._has_targets = np.array([bool(u.targets) for u in index.units])
        broad = {"part": settings.weight_part, "preamble": settings.weight_preamble}
        self._prior = np.array([broad.get(u.kind, 1.0) for u in index.units])
        self._section_ids = list(dict.fromkeys(u.section for u in index.units))
        self._section_of = np.array([self._section_ids.index(u.section) for u in index.units])
        self._joined: dict[str, np.ndarray] = {}

    # --- one question → fused unit scores
    def _fused(
        self, question: str, dense: bool = True
    ) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, float]]:
        s = self.settings
        bm25 = self.index.bm25_scores(question)
        scores = self.index.dense_scores(question) if dense else np.full(len(bm25), -1.0, dtype=np.float32)
        ranks = {"dense": _ranks(scores, scores > -1), "bm25": _ranks(bm25, bm25 > 0)}
        fused = np.zeros(len(bm25), dtype=np.float64)
        for name, weight in (("dense", s.weight_dense), ("bm25", s.weight_bm25)):
            r = ranks[name]
            fused += np.where(r > 0, weight / (s.rrf_k + np.maximum(r, 1)), 0.0)
        return fused, ranks, _closeness(scores, bm25, dense)

    def retrieve(
        self,
        question: str,
        k: int | None = None,
        history: Sequence[str] = (),
        asking: str | None = None,
        same_message: int = 0,
    ) -> Retrieval:
        """Rank units and sections for `question`; `history` (earlier questions, oldest first) lends
        context to follow-ups such as "那这个由哪个部门负责？"; `asking` is the question's asking
        clause, where a remit question (区人社局要干哪些活) is told from a topic question. The last
        `same_message` entries of `history` are earlier parts of the same message (…总额多少？对企业有啥
        优惠？): one asker asking about one matter, they lend more than an earlier turn does."""
        s = self.settings
        named = self._named(question, asking, history)
        # A question that names its section (第三部分第二条) or asks for a unit's remit (区人社局负责什么)
        # is answered from the plan's structure: it needs no embedding, most of an answer's time.
        fused, ranks, closeness = self._fused(question, dense=named.ref is None and not named.remit)
        lean = s.history_weight_anaphora if _leans_on_history(question, self.index) else s.history_weight
        for age, earlier in enumerate(reversed(list(history)[-s.history_turns :])):
            weight = max(lean, s.history_weight_part) if age < same_message else lean
            fused += (weight * s.history_decay**age) * self._fused(earlier)[0]
        # Parts and the preamble are broad summaries that resemble every vague question; they lead only
        # when the question names them (title or section lookups below) or nothing narrower fits.
        fused = fused * self._prior + self._boosts(named)
        order = self._order(fused, named.ref)
        return Retrieval(
            question=question,
            hits=self._hits(order[: k or s.top_k], fused, ranks),
            order=order.tolist(),
            scores=fused.tolist(),
            sections=self._section_order(fused, named),
            section_ref=named.ref,
            departments=named.departments,
            department_question=named.remit,
            asks_number=named.number,
            **closeness,
        )

    def closeness(self, text: str) -> dict[str, float]:
        """How close the plan comes to `text` alone (relevance, peak, lexical), as `retrieve` measures it."""
        return self._fused(text)[2]

    def _named(self, question: str, asking: str | None = None, history: Sequence[str] = ()) -> Named:
        lookup = self.index.lookup
        titled = lookup.title_refs(question)
        matches = lookup.departments(question)
        remit = bool(matches) and self._only_remit(asking or question, [m.alias for m in matches])
        if matches and not remit and GUESSED_UNIT.search(normalise(asking or question)):
            matches = []  # 危化品储存试点是不是由区市场局负责？: the unit is the asker's guess, the topic decides
        return Named(
            titled=titled,
            ref=lookup.section_ref_in(asking or question, question, history[-self.settings.history_turns :]),
            departments=[m.department for m in matches],
            remit=remit,
            number=lookup.asks_number(question),
        )

    def _only_remit(self, asking: str, aliases: list[str]) -> bool:
        """The asking clause names units and asks only what they do: once the units' names and the
        words of remit (负责, 任务, 哪些 …) are gone, no word of the plan's vocabulary is left
        (区人社局要干哪些活 → 活, not a word of the plan; 区人社局负责零工市场吗 → 零工市场 is); words of
        the plan's own title name the plan, not a topic."""
        rest = normalise(asking)
        for alias in sorted(aliases, key=len, reverse=True):
            rest = rest.replace(alias, " ")
        rest = _REMIT.sub(" ", rest)
        if not re.search(r"[\u3400-\u9fff]", rest):  # an English question: its words are the asking
            return True
        vocab = self.index.bm25.vocab
        title = normalise(self.index.lookup.plan.title.hans)  # 这个营商环境方案 names the plan, no topic
        if [t for t in self.index.tokenizer.tokens(rest) if len(t) > 1 and t in vocab and t not in title]:
            return False
        # what is left asks for a list (…要干哪些活, 列一下), or nothing is left (区税务局): a yes/no
        # about a unit (税务局能不能主动推给我们) asks about the topic around it, not the remit
        return bool(_LISTING.search(asking)) or not _CJK.search(_ASKING_WORDS.sub("", rest))

    def _boosts(self, named: Named) -> np.ndarray:
        """What the question names outright, on the scale of rank 1 of one retriever."""
        s = self.settings
        top = 1.0 / (s.rrf_k + 1)
        boost = np.zeros(len(self.index.units), dtype=np.float64)
        for pos, section in enumerate(named.titled):
            boost += np.where(self._in(section), s.weight_title * top / (pos + 1), 0.0)
        if named.departments:
            weight = s.weight_dept_remit if named.remit else s.weight_dept
            joined = np.logical_or.reduce([self._joined_by(d.name.hans) for d in named.departments])
            boost += np.where(joined, weight * top, 0.0)
        if named.number:
            boost += np.where(self._has_targets, s.weight_number * top, 0.0)
        return boost

    def _order(self, fused: np.ndarray, ref: str | None) -> np.ndarray:
        """Units best first; a named section comes first, then its own units, then the rest."""
        order = np.argsort(-fused, kind="stable")
        if ref is None:
            return order
        units = self.index.units
        own = sorted((i for i in order if self._within(units[i], ref)), key=lambda i: units[i].id != ref)
        return np.array(own + [i for i in order if not self._within(units[i], ref)])

    def _hits(self, order: np.ndarray, fused: np.ndarray, ranks: dict[str, np.ndarray]) -> list[Hit]:
        units, scores = self.index.units, fused.tolist()
        by_name = {n: r.tolist() for n, r in ranks.items()}  # plain ints: there may be every unit
        return [
            Hit(units[i], scores[i], {n: (r[i] or None) for n, r in by_name.items()}) for i in order.tolist()
        ]

    def _section_order(self, fused: np.ndarray, named: Named) -> list[str]:
        sections = self._rank_sections(fused)
        if named.ref is not None:
            head = named.ref if named.ref.count(".") < 2 else named.ref.rsplit(".", 1)[0]
            return [head] + [x for x in sections if x != head]
        if named.remit:
            lookup = self.index.lookup
            own = {x for d in named.departments for x in lookup.department_sections(d)}
            return [x for x in sections if x in own] + [x for x in sections if x not in own]
        return sections

    def _joined_by(self, name: str) -> np.ndarray:
        """Tasks and measures that the unit `name` leads or joins (worked out once per unit)."""
        if name not in self._joined:
            self._joined[name] = np.array(
                [u.kind in ("task", "measure") and any(d.name.hans == name for d in u.departments)
                 for u in self.index.units]
            )  # fmt: skip
        return self._joined[name]

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


def _closeness(dense: np.ndarray, bm25: np.ndarray, embedded: bool) -> dict[str, float]:
    """How close the plan comes to the question (Retrieval.relevance, peak, lexical). A question
    answered from the structure alone was not embedded: it names what it asks about outright."""
    lexical = float(bm25.max(initial=0.0))
    scored = dense[dense > -1]
    if not embedded or not len(scored):
        closest = 1.0 if not embedded else 0.0
        return {"relevance": closest, "peak": closest, "lexical": lexical}
    best = float(scored.max())
    return {"relevance": best, "peak": best - float(np.median(scored)), "lexical": lexical}


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
