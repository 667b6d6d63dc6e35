"""The plan library: one `Pipeline` per plan of the source folder, behind one `answer`.

A service hall holds several plans (districts, years). Each plan is ingested and indexed on its own
(`ingest/catalog.py`); every pipeline shares one embedder and its question vectors, so memory and
start-up grow by a plan's index, not by a model, and a question is embedded once however many plans
it is weighed against. A question goes to one plan's pipeline and is composed by it alone, so no
figure of one plan can answer another plan's question:

- `plan=` given (the API, `--plan`): that plan;
- the asking clause names a loaded plan's district and/or year: that plan; two plans named
  (2024年和2025年的方案…有什么不同): each answers its own part, each part cited;
- a district or year no loaded plan has: the default plan, whose screening declines it as ever;
- nothing named: the plan an earlier turn named, else the plan closest in meaning (the default
  unless another is clearly closer); the answer then names the plan it came from.

With one plan loaded, `answer` is that pipeline's `answer`, text for text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.guard import OTHER_PLACES, Screening
from bot.model import Answer
from bot.parts import combine
from bot.pipeline import Pipeline, warm_up
from bot.question import Question
from planqa.errors import NotFoundError
from planqa.settings import Settings, get_settings

_CONNECTOR = r"(?:和|与|跟|及|以及|、|还是|或|对比|相比|比)"


class UnknownPlanError(NotFoundError):
    """A plan id that no loaded plan has."""


@dataclass(frozen=True)
class PlanInfo:
    """What a plan is called, read from the plan itself (`ingest.header`, `ingest.names`)."""

    id: str
    title: str
    short_title: str
    district: str
    district_en: str
    year: int | None
    issuer: str
    doc_number: str
    issued: str
    source: str  # the source file's name under data/source/
    tasks: int

    @classmethod
    def of(cls, plan_id: str, plan: Any, source: str = "") -> PlanInfo:
        def hans(name: str) -> str:
            return getattr(getattr(plan, name, None), "hans", "") or ""

        return cls(
            id=plan_id,
            title=hans("title"),
            short_title=hans("short_title") or hans("title"),
            district=hans("district"),
            district_en=getattr(plan, "district_en", "") or "",
            year=getattr(plan, "year", None),
            issuer=hans("issuer"),
            doc_number=getattr(plan, "doc_number", "") or "",
            issued=getattr(plan, "issued", "") or "",
            source=source,
            tasks=len(plan.tasks()) if hasattr(plan, "tasks") else 0,
        )

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


class Library:
    """The loaded plans in a stable order (their source files'), each with its pipeline."""

    def __init__(
        self, pipelines: Sequence[tuple[PlanInfo, Any]], settings: Settings, default: str | None = None
    ):
        if not pipelines:
            raise UnknownPlanError("没有可用的方案。", "No plan is loaded.")
        self.settings = settings
        self._infos = [info for info, _ in pipelines]
        self._pipelines = {info.id: pipe for info, pipe in pipelines}
        ids = [info.id for info in self._infos]
        wanted = default or settings.default_plan
        self.default_id = ids[0] if len(ids) == 1 or wanted not in ids else wanted
        self._places = {info.id: _place_names(pipe) for info, pipe in pipelines}
        known = tuple(p for names in self._places.values() for p in names)
        for pipe in self._pipelines.values():  # every loaded district is a place a question may name
            pipe.places = tuple(dict.fromkeys((*OTHER_PLACES, *known)))

    # --- loading
    @classmethod
    def load(
        cls, settings: Settings | None = None, progress: Callable[[str], None] = lambda _: None
    ) -> Library:
        """Every plan of `settings.source_dir`, built where missing, sharing one embedder."""
        from index.embedders import SharedQueries, make_embedder
        from ingest.catalog import ingest_sources

        settings = settings or get_settings()
        entries = ingest_sources(
            settings.source_dir, settings.build_dir, settings.repair_drop_penalty, progress=progress
        )
        if not entries:
            raise UnknownPlanError(
                f"{settings.source_dir} 中没有方案文件（*.txt）。",
                f"No plan file (*.txt) in {settings.source_dir}.",
            )
        embedder = SharedQueries(make_embedder(settings), settings.query_cache)
        loaded = []
        for entry in entries:
            pipe = Pipeline.load(settings.for_plan(entry.source, entry.folder), embedder, warm=False)
            pipe.plan_id = entry.id
            loaded.append((PlanInfo.of(entry.id, pipe.plan, entry.source.name), pipe))
            progress(f"{entry.id}: loaded")
        warm_up()
        return cls(loaded, settings)

    @classmethod
    def single(cls, pipeline: Any, settings: Settings | None = None) -> Library:
        """A library of one already-loaded pipeline (tests, a service given its pipeline)."""
        plan = getattr(pipeline, "plan", None)
        plan_id = getattr(pipeline, "plan_id", "") or "plan"
        source = Path(getattr(getattr(pipeline, "settings", None), "source", "") or "").name
        return cls([(PlanInfo.of(plan_id, plan, source), pipeline)], settings or get_settings())

    # --- the plans
    @property
    def plans(self) -> list[PlanInfo]:
        return list(self._infos)

    def info(self, plan_id: str) -> PlanInfo:
        self.pipeline(plan_id)
        return next(i for i in self._infos if i.id == plan_id)

    def pipeline(self, plan_id: str | None = None) -> Any:
        """The pipeline of `plan_id` (the default plan's for None); an unknown id is a 404."""
        if plan_id is None:
            return self.default
        pipe = self._pipelines.get(plan_id)
        if pipe is None:
            ids = "、".join(self._pipelines)
            raise UnknownPlanError(
                f"没有编号为 {plan_id!r} 的方案；可选：{ids}。",
                f"No plan with id {plan_id!r}; loaded plans: {', '.join(self._pipelines)}.",
            )
        return pipe

    @property
    def default(self) -> Any:
        return self._pipelines[self.default_id]

    @property
    def plan(self) -> Any:
        """The default plan (what single-plan callers such as the eval report read)."""
        return self.default.plan

    def replace(self, plan_id: str, pipeline: Any) -> None:
        """Swap one plan's pipeline (an index rebuilt): one assignment, requests see old or new."""
        self.pipeline(plan_id)
        self._pipelines = {**self._pipelines, plan_id: pipeline}

    # --- questions
    def answer(
        self,
        question: str,
        history: Sequence[str] = (),
        script: str | None = None,
        plan: str | None = None,
    ) -> Answer:
        """Answer from `plan`, or from the plan(s) the question names, or from the best plan."""
        if plan is not None:
            return self.pipeline(plan).answer(question, history, script)
        if len(self._pipelines) == 1:
            return self.default.answer(question, history, script)
        raw = self.default._validate(question)
        parsed = self.default.parse(raw, script if script in ("hans", "hant", "en") else None)
        routed = self.route(parsed, history)
        if isinstance(routed, Screening):
            return self._declined(parsed, routed)
        if len(routed) > 1:
            return self._compare(parsed, routed, history, script)
        answer = self._pipelines[routed[0]].answer(raw, history, script)
        if not answer.answered and parsed.named("place", asked=True) + parsed.named("year", asked=True):
            return self._with_catalogue(answer)  # another district or year: say which plans there are
        return self._named(answer, routed[0])

    def pick(self, question: str, plan: str | None = None, history: Sequence[str] = ()) -> str:
        """The one plan a search for `question` goes to (`plan` if given)."""
        if plan is not None:
            self.pipeline(plan)
            return plan
        if len(self._pipelines) == 1:
            return self.default_id
        routed = self.route(self.default.parse(question), history)
        return self.default_id if isinstance(routed, Screening) else routed[0]

    def route(self, question: Question, history: Sequence[str] = ()) -> list[str] | Screening:
        """The plan(s) a question goes to, or why it is declined (a named district and year that no
        one loaded plan has together)."""
        named = self._named_plans(question)
        if named is not None:
            return named
        for earlier in reversed(list(history)):  # a follow-up stays with the plan its topic named
            found = self._named_plans(self.default.parse(earlier))
            if isinstance(found, list) and len(found) == 1:
                return found
        return [self.closest(question.search)]

    def closest(self, text: str, among: Sequence[str] | None = None) -> str:
        """The plan closest in meaning to `text` (its best unit's cosine): the default plan unless
        another is closer by `route_margin` (plans of one genre say much alike)."""
        ids = list(among or self._pipelines)
        strength = {pid: _strength(self._pipelines[pid], text) for pid in ids}
        base = self.default_id if self.default_id in ids else ids[0]
        best = max(ids, key=lambda pid: strength[pid])
        return best if strength[best] > strength[base] + self.settings.route_margin else base

    def _named_plans(self, question: Question) -> list[str] | Screening | None:
        """Plans whose district or year the asking clause names (None when it names none of theirs)."""
        places = {m.text for m in question.mentions if m.kind == "place" and _names_plan(question, m)}
        years = {m.text for m in question.mentions if m.kind == "year" and _names_plan(question, m)}
        ours_years = {str(i.year) for i in self._infos if i.year}
        places = {p for p in places if any(p in names for names in self._places.values())}
        years &= ours_years  # a target year (到2025年) is no plan's name
        if not places and not years:
            return None
        by_place = [i.id for i in self._infos if not places or places & set(self._places[i.id])]
        fits = [pid for pid in by_place if not years or str(self.info(pid).year) in years]
        if not fits:
            return Screening("other_year", sorted(years)[0])
        districts = {self.info(pid).district for pid in by_place if places & set(self._places[pid])}
        if len(fits) > 1 and len(districts) > 1:
            return fits  # a comparison of districts: each named plan answers
        if len(fits) > 1 and len(years) > 1:  # of years: one plan a year, the default's district first
            return [
                self._one_of([p for p in fits if str(self.info(p).year) == y], question)
                for y in sorted(years)
            ]
        return fits if len(fits) == 1 else [self.closest(question.search, fits)]

    def _one_of(self, ids: list[str], question: Question) -> str:
        """One plan of several of one year: the default's district's, else the closest."""
        home = self.info(self.default_id).district
        same = [p for p in ids if self.info(p).district == home]
        return same[0] if len(same) == 1 else self.closest(question.search, same or ids)

    def _compare(
        self, question: Question, plan_ids: list[str], history: Sequence[str], script: str | None
    ) -> Answer:
        """Each named plan answers the question without the other plans' names; the parts are
        joined, each under its plan's title, each citing its own plan."""
        answers = []
        for pid in plan_ids:
            mine = set(self._names_of(pid))
            others = [n for other in plan_ids if other != pid for n in self._names_of(other) if n not in mine]
            own = _without(question.raw, others)
            answer = self._pipelines[pid].answer(own, history, script or question.script)
            answers.append(self._titled(answer, pid))
        compared = combine(question, answers)  # each part under its plan's title, citing its plan
        compared.plans = list(plan_ids)
        return compared

    def _names_of(self, plan_id: str) -> list[str]:
        info = self.info(plan_id)
        return [*self._places[plan_id], *([str(info.year)] if info.year else [])]

    def _named(self, answer: Answer, plan_id: str) -> Answer:
        """In a library of several plans an answer says which plan it is from."""
        return self._titled(answer, plan_id) if answer.answered else answer

    def _titled(self, answer: Answer, plan_id: str) -> Answer:
        pipe = self._pipelines[plan_id]
        title = _short_title(pipe, answer.script)
        return replace(answer, answer=f"《{title}》\n{answer.answer}")

    def _declined(self, question: Question, screening: Screening) -> Answer:
        from bot.compose import refuse

        return self._with_catalogue(refuse(self.default.plan, question.raw, question.script, screening, None))

    def _with_catalogue(self, answer: Answer) -> Answer:
        """A decline over a district or year names the plans that are loaded, so the asker can pick one."""
        titles = "、".join(f"《{_short_title(self._pipelines[i.id], answer.script)}》" for i in self._infos)
        label = {"en": "Plans available", "hant": "可查詢的方案"}.get(answer.script, "可查询的方案")
        return replace(answer, answer=f"{answer.answer}\n{label}：{titles}")

    # --- search
    def search(self, query: str, k: int | None = None, plan: str | None = None) -> tuple[str, Any]:
        """(plan id, the retriever's ranking) for `query` in `plan`, or the plan it would be asked of."""
        plan_id = self.pick(query, plan)
        retriever = getattr(self._pipelines[plan_id], "retriever", None)
        inner = getattr(retriever, "retriever", retriever)
        return plan_id, inner.retrieve(query, k) if inner is not None else None


_NAMES_PLAN = re.compile(r"^[^，,。？?！!]{0,8}?(方案|计划|文件|政策|规定)")


def _names_plan(question: Question, mention: Any) -> bool:
    """A place or year names a plan when it stands in the asking clause (not as where or when the
    asker's own story happened), or anywhere as the plan's name (奉贤区2025年的方案里，…)."""
    if mention.asked:
        return True
    at = question.text.find(mention.text)
    return at >= 0 and bool(_NAMES_PLAN.search(question.text[at + len(mention.text) :]))


def _place_names(pipe: Any) -> tuple[str, ...]:
    plan = getattr(pipe, "plan", None)
    names = plan.place_names() if hasattr(plan, "place_names") else ()
    return tuple(names)


def _short_title(pipe: Any, script: str) -> str:
    title = pipe.plan.short_title
    return (title.hant if script == "hant" else title.hans) or pipe.plan.title.hans


def _strength(pipe: Any, text: str) -> float:
    """How close a plan comes to `text`: its best unit's cosine (the question vector is shared)."""
    index = getattr(pipe, "index", None)
    if index is None:
        return float("-inf")
    return float(index.dense_scores(text).max(initial=-1.0))


def _without(question: str, names: Sequence[str]) -> str:
    """The question without other plans' names and the word joining them to this plan's."""
    from planqa.script import normalise

    text = normalise(question)
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"{_CONNECTOR}?{re.escape(name)}[年区]?", "", text)
    return re.sub(rf"^{_CONNECTOR}|(?<=[，,]){_CONNECTOR}", "", text)


_lock = threading.Lock()


@lru_cache(maxsize=1)
def default_library() -> Library:
    """The process-wide library over the configured source folder (loaded on first use)."""
    with _lock:
        return Library.load()
