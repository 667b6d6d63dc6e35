"""From the retriever's ranked units to the composer's `Ranked`: plan objects with their scores.

The retriever (bot/retrieve.py) ranks search units; the composer wants the plan's own `Task`s and
`Measure`s to quote, the preamble's score on the same scale, and one piece of evidence per section
in the order the retriever ranked the sections."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from bot.asked import only_general, plan_terms
from bot.evidence import Ranked, holds, plan_text
from bot.model import Evidence
from bot.retrieve import GUESSED_UNIT, Retrieval, Retriever
from index import SearchIndex
from ingest import Measure, Part, Plan, Task
from planqa.script import normalise
from planqa.settings import Settings

_CHINESE = re.compile(r"[\u3400-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z]{2,}")
Node = Part | Measure | Task | None  # what Plan.section returns for a unit's id


def to_ranked(index: SearchIndex, nodes: Sequence[Node], retrieval: Retrieval, evidence_size: int) -> Ranked:
    """The retrieval as plan objects; `nodes` holds the plan's node for each unit of the index."""
    tasks: list[tuple[Task, float]] = []
    measures: list[tuple[Measure, float]] = []
    preamble = float("-inf")
    scores = retrieval.scores
    for i in retrieval.order:
        node = nodes[i]
        if isinstance(node, Task):
            tasks.append((node, scores[i]))
        elif isinstance(node, Measure):
            measures.append((node, scores[i]))
        elif index.units[i].kind == "preamble":
            preamble = max(preamble, scores[i])
    return Ranked(
        tasks=tasks,
        sections=list(retrieval.sections),
        measures=measures,
        preamble=preamble,
        section_ref=retrieval.section_ref,
        departments=list(retrieval.departments) if retrieval.department_question else [],
        relevance=retrieval.relevance,
        peak=retrieval.peak,
        lexical=retrieval.lexical,
        evidence=_evidence(index, retrieval, evidence_size),
    )


def _evidence(index: SearchIndex, retrieval: Retrieval, size: int) -> list[Evidence]:
    """The best unit of each top-ranked section, sections in the retriever's order."""
    best: dict[str, int] = {}
    for i in retrieval.order:
        best.setdefault(index.units[i].section, i)
    out = []
    for section in retrieval.sections:
        i = best.get(section)
        if i is None:
            continue
        u = index.units[i]
        out.append(Evidence(u.id, u.kind, u.title.hant, u.text.hant, round(retrieval.scores[i], 6)))
        if len(out) >= size:
            break
    return out


class PlanRanker:
    """What the pipeline holds: the plan, its index and the retriever over them."""

    def __init__(self, plan: Plan, retriever: Retriever, settings: Settings):
        self.plan = plan
        self.retriever = retriever
        self.index = retriever.index
        self.settings = settings
        self._nodes = [plan.section(u.id) for u in self.index.units]

    def ranked(
        self, query: str, history: Sequence[str] = (), asking: str | None = None, same_message: int = 0
    ) -> Ranked:
        retrieval = self.retriever.retrieve(query, self.settings.top_k, history, asking, same_message)
        ranked = to_ranked(self.index, self._nodes, retrieval, self.settings.top_k)
        ranked.missing_section = self.index.lookup.names_missing_section(query)
        if _LATIN.search(query):  # English: the Chinese names put in for English ones, and the bridged terms
            ranked.chinese_terms = " ".join([*_CHINESE.findall(query), *self.index.bridge.terms(query)])
        return ranked

    def closeness(self, text: str) -> dict[str, float]:
        return self.retriever.closeness(text)


def load_ranker(settings: Settings, embedder=None) -> PlanRanker:
    """The built plan and its index, building whatever is missing (the index only once); a library
    passes the one embedder all its plans share."""
    import index
    from ingest import current_plan

    plan = current_plan(settings.source, Path(settings.build_dir), settings.repair_drop_penalty)
    built = index.load_or_build(index.index_dir(settings), plan, settings, embedder)
    return PlanRanker(plan, Retriever(plan, built, settings), settings)


MIN_PLAN_NAME = 4  # characters: shorter runs of the plan's words are ordinary words
_GUESS = re.compile(r"是不是|是否|会不会|难道")  # what follows is the asker's guess about the subject
_SEVERAL = re.compile(r"分别|和|与|及|、")  # 开店审批和日常检查: several things asked, each its own quote
# A run ending so names who acts (监管部门能不能少派人上门, 市场监管还会上门检查吗), not the thing asked.
_ACTOR = re.compile(r"(部门|机构|单位|监管)$")


def named_task_first(ranked: Ranked, texts: Sequence[str], plan: Plan) -> Ranked:
    """The task that says the plan's own name for the thing asked (four characters or more, word for
    word: 专项贷款, 营商环境体验官) goes first when the best-ranked task and measure lead do not say it.
    `texts` are read in turn (the asking clause, then the whole question) until one names exactly one
    thing; a question naming several things (人才住房和人才引进资金) keeps its ranking. A question
    naming a section, itself or through its conversation, looks for the task in that section."""
    texts = tuple(GUESSED_UNIT.sub("", t) for t in texts)  # 由区发展和改革委员会负责吗: no second thing
    if not ranked.tasks or any(_SEVERAL.search(t) for t in texts[:1]):
        return ranked
    guess = _GUESS.search(texts[0]) if texts else None
    if guess and guess.start() > 0:  # AEO指导中心是不是建在漕河泾综保区？: the subject, not the guess
        texts = (texts[0][: guess.start()], *texts)
    text, names = next(((t, n) for t, n in ((t, plan_names(t, plan)) for t in texts) if n), ("", []))
    if len(names) != 1:
        return ranked
    top_task, top_score = ranked.tasks[0]
    lead = normalise(ranked.measures[0][0].lead.hans) if ranked.measures else ""
    said = _run_on(text, names[0], plan_text(plan))
    within = ranked.top_tasks(len(ranked.tasks), ranked.section_ref)  # 其中零工市场…: in the section named
    holder = next(((t, s) for said in (said, names) for t, s in within if holds(t, said)), None)
    if holder is not None and names[0] in lead:
        ranked.named = names[0]  # the measure's lead names it too: the task that holds it says more
    if holder is None or holds(top_task, said) or names[0] in lead:
        return ranked
    ranked.tasks = [(holder[0], top_score)] + [ts for ts in ranked.tasks if ts[0] is not holder[0]]
    ranked.named = names[0]
    return ranked


def _quotes_name(run: str, whole: str) -> bool:
    """Does the plan quote `run` as a name of its own (“检查码”, “创园贷—批次担保”), not as the start of a
    longer one (“最后一公里”)?"""
    return any(f"“{run}{end}" in whole for end in "”—·-")


def _run_on(text: str, name: str, whole: str) -> list[str]:
    """The name with the run of the plan's words that overlaps its end in `text` (惠企政策 and
    政策兑现 in 惠企政策兑现): the plan does not say the phrase, so a task saying both parts says it."""
    start = text.find(name)
    end = start + len(name)
    for s in range(start + 1, end):
        stop = end
        while stop < len(text) and text[s : stop + 1] in whole:
            stop += 1
        if stop - end >= 2:
            return [name, text[s:stop]]
    return [name]


def plan_names(text: str, plan: Plan) -> list[str]:
    """The plan's own names `text` says word for word (营商环境体验官, 综合监管一件事): runs of its words
    four characters or more, or quoted by the plan, not the plan's title nor only general words."""
    title = normalise(plan.title.hans)  # 营商环境方案 names the plan, not a thing in it
    whole = plan_text(plan)
    runs = plan_terms(text, whole)
    return [
        t
        for t in runs
        if (len(t) >= MIN_PLAN_NAME or _quotes_name(t, whole))
        and t not in title
        and not only_general(t)
        and not _ACTOR.search(t)
    ]
