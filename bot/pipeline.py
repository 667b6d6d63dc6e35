"""The one pipeline behind `plan-qa ask`, `plan-qa eval` and `/api/ask`.

`Pipeline` holds the loaded plan and index (heavy: load once per process); `answer` turns a question
and the earlier questions of the conversation into an `Answer`:
screen → resolve follow-ups → retrieve → intent → draft → render (verified quotes) → or decline.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import numpy as np

from bot.asked import (
    is_procedural,
    lists_members,
    named_in,
    topic_nouns,
    unknown_acronym,
    unnamed_beneficiary,
    unnamed_beneficiary_en,
)
from bot.compose import build_draft, not_stated, refuse, render
from bot.drafts import asks_issue_date
from bot.evidence import Ranked, plan_text, statement
from bot.followup import resolve
from bot.glossary import with_chinese_names
from bot.guard import NONSENSE, OTHER_PLACES, Screening, screen
from bot.intent import (
    Intent,
    asks_contents,
    asks_on_its_own,
    asks_only_about_section,
    detect_intent,
    remit,
)
from bot.llm import make_answerer
from bot.model import Answer
from bot.near_plan import OWN_AFFAIRS
from bot.parts import combine
from bot.question import Question, parse
from bot.quotes import QuoteChecker
from bot.ranking import named_task_first
from bot.referents import PointedSection, PointedUnit, pointed_section, pointed_unit, section_at
from bot.scope import load_scope_model
from bot.sections import asks_outline, asks_outline_en, part_kinds
from bot.spelling import Speller
from bot.unit_check import checked_unit, with_verdict
from index.lookup import EN_CARDINALS, EN_ORDINALS
from ingest import Plan
from ingest.catalog import plan_slug
from planqa.errors import BadQuestionError
from planqa.script import normalise
from planqa.settings import Settings, get_settings

INHERITABLE = ("figure", "who", "date")
ABSENT = "absent"  # the intent of a question about a thing the plan never names
NEARBY_REASONS = ("contact", "not_in_plan")
REQUEST_REASONS = ("injection", "invent", "chat")  # what the asker wants done, wherever it is said


@dataclass(frozen=True)
class Stated:
    topic: bool  # the best units speak of what the question is about (创园贷, 人才公寓)
    thing: bool  # ... and of the particular thing it asks (材料, 房租), where it asks one


_EN_NAMED_SECTION = re.compile(  # What does item 3.2.3 / part three / the second part say?
    rf"\b(part|section|item|measure|task)\s*(\d|{'|'.join(EN_CARDINALS)})\b"
    rf"|\b({'|'.join(EN_ORDINALS)}|last)\s+(part|section|measure)\b",
    re.I,
)
STATED_KINDS = (
    "figure",
    "date",
    "list",
    "what",
    "yesno",
)  # answers that must speak of the thing asked  # declined, but with the sections nearest the question


class Pipeline:
    def __init__(self, plan: Plan, settings: Settings, retriever=None):
        self.plan = plan
        self.settings = settings
        self.retriever = retriever
        self.checker = QuoteChecker(plan)
        self.llm = make_answerer(plan, settings, self.checker)  # None unless llm_base_url is set
        self.plan_text = plan_text(plan)
        self.part_kinds = part_kinds(plan)  # 工程: "四大工程" asks for the parts of that kind
        lookup = getattr(self.index, "lookup", None)
        self.unit_names = tuple(alias for alias, _ in lookup.aliases) if lookup else ()
        self.plan_id = plan_slug(plan)  # a library names it by its catalogue id (bot/library.py)
        self.places = OTHER_PLACES  # the places a question may name; a library adds its plans' districts
        aliases = {alias: normalise(unit.name.hans) for alias, unit in lookup.aliases} if lookup else {}
        self.speller = Speller(self.plan_text, aliases)  # 检察码 → the plan's 检查码
        self._word_spread: dict[str, float] = {}  # word → share of the plan's units that say it
        embedder = self.index.manifest.get("embedder", "") if self.index is not None else ""
        self.scope = load_scope_model(settings.scope_model, embedder) if embedder else None

    @classmethod
    def load(cls, settings: Settings | None = None, embedder=None, warm: bool = True) -> Pipeline:
        """Load the built plan and index from the build folder `settings` name (building what is
        missing); `embedder` is shared when a library loads several plans, which warms up once."""
        from bot.ranking import load_ranker

        settings = settings or get_settings()
        ranker = load_ranker(settings, embedder)
        if warm:
            warm_up()
        return cls(ranker.plan, settings, ranker)

    @property
    def index(self):
        return getattr(self.retriever, "index", None)

    def answer(self, question: str, history: Sequence[str] = (), script: str | None = None) -> Answer:
        """Answer one question; `history` holds the earlier questions of the same conversation."""
        started = time.perf_counter()
        raw = self._validate(question)
        history = [h for h in history if isinstance(h, str) and h.strip()][-self.settings.max_history_turns :]
        asked = self.parse(raw, script if script in ("hans", "hant", "en") else None)
        answer = self._answer_all(asked, list(history))
        answer.timings_ms["total"] = round((time.perf_counter() - started) * 1000, 2)
        return self._stamped(answer)

    def _stamped(self, answer: Answer) -> Answer:
        """Every citation names this plan (its id and short title); the answer lists it as its source."""
        title = self.plan.short_title.hant if answer.script == "hant" else self.plan.short_title.hans
        answer.citations = [replace(c, plan=self.plan_id, plan_title=title) for c in answer.citations]
        answer.plans = [self.plan_id]
        return answer

    def parse(self, raw: str, script: str | None = None) -> Question:
        """The question understood once, with the plan's unit names and the places screening knows."""
        return parse(
            raw,
            script,
            units=self.unit_names,
            places=self.places,  # type: ignore[arg-type]
            speller=self.speller,
            plan_words=self.plan_text,
            plan_names=self.plan.place_names(),
        )

    def _answer_all(self, question: Question, history: list[str]) -> Answer:
        """A question that asks several things is answered part by part, each part leaning on the
        parts before it (…由谁负责？规模多大？: the second part's topic is the first's); a part that only
        asks more about a part the plan does not answer is not answered either."""
        if not question.parts or self._requests(question, history):
            return self._answer(question, history)  # an order is judged whole: its wrapped question, if any
        answers, declined = [], set()  # parts the plan does not answer
        for n, part in enumerate(question.parts):
            sub, earlier = self.parse(part, question.script), history + list(question.parts[:n])
            if n and self._leans_on_part(sub, earlier) in declined:
                continue  # 有停车补贴吗？一个月多少？ 年利率是多少？能做到3%以下吗？: more of what the plan lacks
            # the parts before lend their topic strongly only to a part that names none of its own, or
            # only what their answers already speak of (…服务站建多少个？要形成什么样的网络？: the 网络 of
            # the same sentence); 非现场监管能达到效果的话还会上门检查吗 keeps its own
            said = "".join(self._cited_text(a) for a in answers)
            leaning = 0 if self._own_topic(sub, said) else n
            answers.append(self._answer(sub, earlier, same_message=leaning))
            if not answers[-1].answered:
                declined.add(part)
        return combine(question, answers)

    def _requests(self, question: Question, history: list[str]) -> bool:
        """Does the question as a whole ask for something done (an order, an invented figure), or say
        nothing (闵;;sdk#@)? Its parts alone may not say so (你用的是什么模型，版本号多少，部署在哪个服务器上？)."""
        whole = screen(question.text, self.plan_text, raw=question.raw, history=history)
        return whole is not None and (whole.reason in REQUEST_REASONS or whole.detail == NONSENSE)

    def _own_topic(self, part: Question, said: str) -> bool:
        """Does a part of a message name a topic of its own, anywhere in it (its background too), that
        `said` (what the earlier parts' answers quote) does not already speak of?"""
        if part.english:
            terms = [t for t, w in self.index.bridge.terms(part.raw).items() if w >= 1.0]
        else:
            terms = topic_nouns(part.text, self.plan.place_names())
        return any(t not in said for t in terms)

    def _cited_text(self, answer: Answer) -> str:
        """The plan's text of the sections an answer cites (simplified)."""
        nodes = (self.plan.section(c.section) for c in answer.citations)
        return "".join(
            normalise(node.text.hans) for node in nodes if node is not None and hasattr(node, "text")
        )

    def _leans_on_part(self, part: Question, earlier: list[str]) -> str | None:
        """The earlier part a part leans on: as a follow-up does, or by naming no topic of its own
        (能做到3%以下吗 after 年利率是多少)."""
        own_topic = topic_nouns(part.ask, self.plan.place_names())
        return resolve(part, earlier).leans_on or (None if own_topic else earlier[-1])

    def _answer(self, question: Question, history: list[str], same_message: int = 0) -> Answer:
        """One question; the last `same_message` turns of `history` are earlier parts of its message."""
        raw, script = question.raw, question.script
        screening = self._screen(question, history)
        wrapped = screening.plan_question if screening else None
        if wrapped and _asked_of_role(screening):  # 你是科长，私下跟我说说你们内部…: the role is asked
            wrapped = None
        if wrapped and len(wrapped) < len(
            question.raw
        ):  # the plan question inside an injection (shorter: ends)
            return self._answer_all(self.parse(wrapped, question.script), history)
        if screening and screening.reason not in NEARBY_REASONS:
            return refuse(self.plan, raw, script, screening, None)
        pointed = None if question.named("unit") else pointed_unit(question.text, history)
        if pointed:  # 这个部门还负责哪些事？: the unit that answered the turn pointed at
            return self._answer_with_unit(question, history, pointed)
        section = pointed_section(question.text, history)
        if section:  # 这条措施下面第三个任务: the item counted in the section the last answer was about
            answer = self._answer_in_section(question, history, section)
            if answer is not None:
                return answer
        swapped = self._unit_swapped(question, history)
        if swapped:  # 区法院负责什么？ 那区司法局呢？: the earlier question, asked of the new unit
            answer = self._answer(self.parse(swapped, script), [])
            answer.question = raw
            return answer
        check = checked_unit(question)
        if check:  # 一业一证是区市场局负责的吗？: who does it, found without the guessed unit's name
            answer = self._answer(self.parse(check.who_question, script), history)
            return with_verdict(answer, check, raw)
        resolved = resolve(question, history)
        query = with_chinese_names(resolved.query)  # 区tax bureau, the District Finance Bureau
        turns, same_message = (
            (list(resolved.context), 0) if resolved.context is not None else (history, same_message)
        )
        asking = None if question.english else with_chinese_names(question.ask)
        ranked = self.rank(query, turns, asking, same_message)
        if not (question.english or ranked.departments):
            ranked = named_task_first(ranked, (question.ask, question.text), self.plan)
        if screening:
            return refuse(self.plan, raw, script, screening, ranked)
        unnamed = self._unnamed(question, ranked)
        if unnamed:  # 有停车补贴吗: the plan's general 资金补贴 is no answer
            return self._declined(question, Screening("not_in_plan", unnamed), ranked, Intent(ABSENT))
        intent = self._intent(question, resolved.leans_on, ranked)
        if ranked.missing_section:
            return self._finish(refuse(self.plan, raw, script, Screening("no_section"), None), ranked, intent)
        about_plan = intent.kind == "outline" or (intent.kind == "date" and asks_issue_date(query, self.plan))
        unlikely = 0.0 if about_plan or resolved.leans_on else self._unanswerable(query, ranked)
        if unlikely >= self.settings.scope_threshold:  # by meaning, however it is worded
            return self._declined(question, Screening("unlike_plan"), ranked, intent)
        covered = about_plan or self._covered(ranked, script == "en" or bool(history), question)
        asked = question.search if resolved.own_topic else resolved.query  # whose words choose the quote
        thing = question.thing
        checked = thing and intent.kind in STATED_KINDS and not (ranked.section_ref or ranked.departments)
        stated = self._stated(question, ranked, thing) if checked else None
        if stated is not None and not stated.thing:  # the plan never speaks of the thing asked (材料)
            # nor of what it is asked about, or it is a detail no action plan gives (步骤, 费用):
            # declined, nearest sections shown
            if not stated.topic or is_procedural(thing):
                return self._declined(question, Screening("not_in_plan", thing), ranked, intent)
            draft = not_stated(self.plan, asked, ranked, self.settings, thing)  # said, topic quoted
        else:
            draft = (
                build_draft(self.plan, asked, intent, ranked, self.settings, question, not resolved.leans_on)
                if covered
                else None
            )
        if draft is None:
            reason = _no_draft_reason(covered, intent)
            return self._declined(question, Screening(reason), ranked, intent)
        answer = self._finish(render(self.plan, raw, draft, script, self.checker), ranked, intent)
        if (
            not answer.stated
            and intent.kind != "yesno"
            and unlikely >= self.settings.scope_unstated_threshold
        ):
            # the plan covers the topic, not the thing asked, and the question reads as one no plan
            # answers (a fee, one firm's case): declined rather than answered with the topic
            return self._declined(question, Screening("unlike_plan"), ranked, intent)
        return self._with_llm(answer, ranked, resolved.query if resolved.leans_on else raw)

    def _declined(self, question: Question, screening: Screening, ranked: Ranked, intent: Intent) -> Answer:
        """The plan does not answer the question: said so, with the nearest sections `ranked` found."""
        refusal = refuse(self.plan, question.raw, question.script, screening, ranked)
        return self._finish(refusal, ranked, intent)

    def _unanswerable(self, query: str, ranked: Ranked) -> float:
        """How likely the scope model finds the question, by its meaning, one the plan cannot answer.
        A question that names a section or a unit is answered from the plan's structure: not judged (0)."""
        if self.scope is None or ranked.section_ref or ranked.departments:
            return 0.0
        return self.scope.unanswerable(self.index.query_vector(query))  # retrieval's vector, remembered

    def question_vector(self, question: str) -> np.ndarray:
        """The vector retrieval gives `question` asked on its own (what the scope model reads)."""
        return self.index.query_vector(with_chinese_names(self.parse(question).search))

    def _unit_swapped(self, question: Question, history: list[str]) -> str | None:
        """A follow-up that names only a unit (那区司法局呢？) asks the question it leans on of that
        unit: that question with the unit it named replaced."""
        named = question.named("unit")
        leans_on = resolve(question, history).leans_on if len(named) == 1 and history else None
        if not leans_on or topic_nouns(question.ask.replace(named[0], " "), self.plan.place_names()):
            return None
        earlier = self.parse(leans_on, question.script)
        before = [u for u in earlier.named("unit") if u != named[0]]
        return earlier.text.replace(before[0], named[0]) if len(before) == 1 else None

    def _answer_with_unit(self, question: Question, history: list[str], pointed: PointedUnit) -> Answer:
        """The question with the unit that answered the earlier turn in place of its pointing words."""
        earlier = self._answer(self.parse(history[pointed.turn]), history[: pointed.turn])
        if not earlier.departments:
            return self._answer(self.parse(question.text.replace(pointed.words, "")), history)
        named = self.parse(question.text.replace(pointed.words, earlier.departments[0]), question.script)
        # the unit was all the question took from the conversation, unless it points at more (这一节)
        leans = resolve(named, history).context is not None
        answer = self._answer(named, history if leans else [])
        answer.question = question.raw
        return answer

    def _answer_in_section(
        self, question: Question, history: list[str], pointed: PointedSection
    ) -> Answer | None:
        """The question with the id of the section the last answer cited in place of its pointing words."""
        earlier = self._answer(self.parse(history[-1]), history[:-1])
        cited = section_at(earlier.citations[0].section, pointed.depth) if earlier.citations else None
        if cited is None:
            return None
        answer = self._answer(self.parse(question.text.replace(pointed.words, cited), question.script), [])
        answer.question = question.raw
        return answer

    def _with_llm(self, answer: Answer, ranked: Ranked, query: str) -> Answer:
        """The optional LLM mode (bot/llm.py) rephrases answered questions only; refusals stay extractive."""
        if self.llm is None or not answer.answered:
            return answer
        return self.llm.answer(answer, ranked, query)

    def rank(
        self, query: str, history: Sequence[str] = (), asking: str | None = None, same_message: int = 0
    ) -> Ranked:
        if self.retriever is None:
            return Ranked(tasks=[], sections=[])
        return self.retriever.ranked(query, history, asking, same_message)

    def _intent(self, question: Question, leans_on: str | None, ranked: Ranked) -> Intent:
        """What kind of answer the asking clause wants; the story around it does not count."""
        english = question.english
        q = question.raw if english else question.ask
        intent = detect_intent(q, english, names_department=bool(ranked.departments))
        outlined = asks_outline_en(q) if english else asks_outline(q, self.part_kinds)
        if outlined and not (ranked.section_ref or ranked.departments):
            return Intent("outline", wants_list=True)
        if intent.kind == "outline" and ranked.section_ref not in (None, "0"):
            return Intent("section", wants_list=True)  # 第四部分下面有几个行动: the named part's shape
        if ranked.section_ref not in (None, "0") and not english and asks_contents(q):
            return Intent("section", wants_list=True)  # 第三部分下面安排了哪些行动: the named part's shape
        if ranked.section_ref == "0" and intent.kind != "date":  # 序言/方案开头提出了哪些目标: its opening
            return Intent("section", wants_list=True)
        if ranked.section_ref and not english and asks_only_about_section(q, self._title(ranked.section_ref)):
            return Intent("section", wants_list=True)
        if ranked.section_ref and english and _EN_NAMED_SECTION.search(q) and intent.kind in ("what", "list"):
            return Intent("section", wants_list=True)  # What does item 3.2.3 say? / … in Part 5?
        if ranked.departments and intent.kind not in ("figure", "date", "dept_all"):
            return remit(q, english)  # units and nothing else named: what they do
        if leans_on and intent.kind not in INHERITABLE and (english or not asks_on_its_own(q)):
            earlier = detect_intent(
                self.parse(leans_on).ask, english, names_department=bool(ranked.departments)
            )
            if earlier.kind in INHERITABLE:  # its kind, not its unit: 那一张床呢？ after 多少套？
                return Intent(earlier.kind, wants_list=earlier.wants_list)
        return intent

    def _screen(self, question: Question, history: Sequence[str] = ()) -> Screening | None:
        """Instructions, invented figures and other services are looked for in everything the asker
        typed; scope (other places and years, contact details, a value the plan never names) only in
        what is asked: a place or year in the story around it is background."""
        whole = screen(question.text, self.plan_text, raw=question.raw, history=history)
        if whole is not None and (whole.reason in REQUEST_REASONS or whole.detail in OWN_AFFAIRS):
            return whole  # what is asked for, or whose affairs they are, is told anywhere
        return screen(question.scope_text, self.plan_text, raw=question.raw)

    def _stated(self, question: Question, ranked: Ranked, thing: str) -> Stated:
        """Do the best units speak of the particular `thing` the question asks (材料, 费率), and of
        its topic (the asking clause's other nouns: 创园贷; the district's own name is no topic)?"""
        topic = question.topic
        pool = self.settings.thing_pool
        units = [t.text.hans for t, _ in ranked.tasks[:pool]] + [m.text.hans for m, _ in ranked.measures[:1]]
        texts = [normalise(text) for text in units]
        # the plan's own subject (营商环境 in a business-environment plan) is said everywhere: it shows
        # no unit speaks of 世界银行营商环境评价
        specific = [w for w in topic if not self._common(w)] or topic
        share = (
            max((sum(w in text for w in specific) / len(specific) for text in texts), default=0.0)
            if topic
            else 0.0
        )
        on_topic = [text for text in texts if not topic or any(w in text for w in topic)]
        # the thing where the question's topic is: 减材料 in a jobs task is no answer to 创园贷要哪些材料
        said = any(named_in(thing, text, self.settings.abbreviation_stretch) for text in on_topic)
        # 分哪几个阶段: a list of the topic's members (预孵-初创-骨干-领军) answers, not the word 阶段;
        # a procedural kind (哪些材料) is still no plan's subject
        listed = bool(question.asks_members and topic and not is_procedural(thing)) and any(
            lists_members(normalise(statement(t, "hans")), topic) for t, _ in ranked.tasks[:pool]
        )
        return Stated(topic=share >= self.settings.min_topic_share, thing=said or listed)

    def _common(self, word: str) -> bool:
        """Is `word` said in so many of the plan's units that it names the plan's subject, not a topic?"""
        if word not in self._word_spread:
            units = self._unit_texts
            self._word_spread[word] = sum(word in text for text in units) / max(len(units), 1)
        return self._word_spread[word] >= self.settings.common_word_share

    @cached_property
    def _unit_texts(self) -> list[str]:
        return [normalise(u.text.hans) for u in (*self.plan.tasks(), *self.plan.measures())]

    def _unnamed(self, question: Question, ranked: Ranked) -> str | None:
        """What a question about a benefit wants it for, when the plan names it nowhere."""
        if ranked.section_ref or ranked.departments:
            return None
        bridge = getattr(self.index, "bridge", None)
        if question.english:
            return unnamed_beneficiary_en(question.raw, bridge.terms, bridge.stop) if bridge else None
        if bridge is not None and not question.background:  # 闵行GDP增长了多少: all it asks of is GDP
            foreign = unknown_acronym(question.raw, self.plan_text, bridge, self.plan.place_names())
            if foreign:
                return foreign
        quoted = [normalise(t.text.hans) for t, _ in ranked.tasks[: self.settings.thing_pool]]
        return unnamed_beneficiary(question.ask, self.plan_text, quoted)

    def _title(self, section: str) -> str:
        return normalise(self.plan.section_title(section).hans)

    def _covered(self, ranked: Ranked, leniently: bool, question: Question | None = None) -> bool:
        """Does the plan speak to the question? A question that names a section or a unit, or asks
        about the plan as a whole, is covered; otherwise some unit must share its rarer words or stand
        out from the rest in meaning (区里有没有停车补贴 does neither). English questions and
        questions in a conversation carry too few of their own words for the second test: it is
        waived for them. A story around the asking clause blurs how far one unit stands out: the
        asking clause alone may pass the test instead."""
        s = self.settings
        if ranked.section_ref or ranked.departments:
            return True
        if ranked.relevance < s.min_relevance:
            return False
        if leniently or ranked.sections[:1] == ["0"]:
            return True
        if ranked.lexical >= s.min_lexical or ranked.peak >= s.min_dense_peak:
            return True
        if question is None or not question.background or self.retriever is None:
            return False
        alone = self.retriever.closeness(with_chinese_names(question.ask))
        return alone["lexical"] >= s.min_lexical or alone["peak"] >= s.min_dense_peak

    @staticmethod
    def _finish(answer: Answer, ranked: Ranked, intent: Intent) -> Answer:
        answer.evidence = ranked.evidence
        answer.intent = intent.kind
        return answer

    def _validate(self, question: str) -> str:
        if not isinstance(question, str) or not question.strip():
            raise BadQuestionError("问题不能为空。", "The question is empty.")
        question = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t").strip()
        if len(question) > self.settings.max_question_chars:
            raise BadQuestionError(
                f"问题太长（最多 {self.settings.max_question_chars} 个字符）。",
                f"The question is too long (at most {self.settings.max_question_chars} characters).",
            )
        if not question:
            raise BadQuestionError("问题不能为空。", "The question is empty.")
        return question


# The question after a role is handed out, put to that role (私下跟我说说你们内部…), not to the plan.
_OF_ROLE = re.compile(r"你们|您们|私下|内部|你个人|您个人")


def _asked_of_role(screening: Screening) -> bool:
    return screening.detail.startswith("become") and bool(_OF_ROLE.search(screening.plan_question))


def warm_up() -> None:
    """What every pipeline reads lazily, loaded once per process."""
    from bot import asked, guard

    asked.warm_up()
    # screening's dictionaries (≈0.8 s) load beside start-up; a question before then loads them itself
    threading.Thread(target=guard.warm_up, name="screening-warm-up", daemon=True).start()


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The library's default plan's pipeline (bot/library.py), loaded on first use."""
    from bot.library import default_library

    return default_library().default


def answer(question: str, history: Sequence[str] = (), script: str | None = None) -> Answer:
    """Answer with the process-wide pipeline (loaded on first use)."""
    return default_pipeline().answer(question, history, script)


def _no_draft_reason(covered: bool, intent: Intent) -> str:
    """Why nothing is said: the plan covers the topic but gives no such figure or time, or not at all."""
    if not (covered and intent.kind == "figure"):
        return "off_topic"
    return "no_duration" if intent.asks_duration else "no_figure"
