"""One builder per intent: each turns the ranked evidence into a `Draft` — the direct answer first,
then the plan's own sentences to quote, then the departments. Nothing here invents text: the lead is
a figure, a department list or a yes taken from the quoted sentences themselves."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.asked import GENERAL, named_in, noun_phrase, only_general, plan_terms, topic_nouns
from bot.evidence import Ranked, best_clauses, overlap, plan_text, statement
from bot.glossary import english_name
from bot.guard import reads_as_instruction
from bot.intent import Intent
from bot.markers import section_label
from bot.question import Question
from index.lookup import Lookup
from ingest import Department, DepartmentRef, Measure, Plan, Target, Task
from planqa.script import normalise, to_hans, to_hant
from planqa.settings import Settings

ISSUED = re.compile(r"印发|发布|出台|发文|签发|下发|(?<![开出])发的|发出来|issued|published")
ABOUT_THE_PLAN = re.compile(r"方案|通知|文件|印发|发布|出台|issued|plan")


_CHINESE = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


@dataclass
class Draft:
    lead: dict[str, str]  # the direct answer per script: "hans", "hant", "en"
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (section id, verbatim hant text)
    departments: list[DepartmentRef] = field(default_factory=list)  # of the task that answers
    figures: list[str] = field(default_factory=list)
    # each quoted task's own units (a list quotes tasks of different units), and for an overview
    # every task of the section with its units
    quote_units: dict[str, tuple[DepartmentRef, ...]] = field(default_factory=dict)
    task_units: list[tuple[str, tuple[DepartmentRef, ...]]] = field(default_factory=list)
    answered: bool = True
    is_list: bool = False
    stated: bool = True  # False: the plan covers the topic but not the thing asked (a figure, a date)


@dataclass(frozen=True)
class Ask:
    """What every builder works from: the plan, the question as searched, its intent, the ranking,
    and the settings that say how much to quote."""

    plan: Plan
    question: str
    intent: Intent
    ranked: Ranked
    settings: Settings
    parsed: Question | None = None
    standalone: bool = True  # not a follow-up: its own words are all there is to go on

    def with_intent(self, intent: Intent) -> Ask:
        return Ask(self.plan, self.question, intent, self.ranked, self.settings, self.parsed, self.standalone)

    @property
    def english(self) -> bool:
        """Asked in English (its Chinese, if any, is only the plan's names read from pinyin: 大零号湾)."""
        return self.parsed.english if self.parsed is not None else not _CHINESE.search(self.question)

    @property
    def asking(self) -> str:
        """The asking clause (normalised): what the thing asked about is read from."""
        return self.parsed.ask if self.parsed is not None else normalise(self.question)

    @property
    def echo(self) -> str:
        """What the plan's sentences are matched against: the question, or for an English question
        (which shares no characters with the plan) the plan's terms its words translate to; a
        Chinese question with English words in it (talent apartment有多少套) gets both."""
        if not self.ranked.chinese_terms:
            return self.question
        if _CHINESE.search(self.question):
            return f"{_LATIN_WORD.sub(' ', self.question)} {self.ranked.chinese_terms}"
        return self.ranked.chinese_terms


def both(text_hant: str, en: str) -> dict[str, str]:
    return {"hant": text_hant, "hans": to_hans(text_hant), "en": en}


# --- figures and dates ---------------------------------------------------------------------------


def figure(ask: Ask) -> Draft | None:
    """The best-matching numeric target among the top tasks and measure leads."""
    plan = ask.plan
    best = _best_target(ask)
    if best is None:
        return None
    target, section = best
    shown = display(target)
    counted = _COUNTED_LAST.search(ask.asking)  # 一业一证扩到多少个行业？ → 12個行業
    noun = (
        _counted_after(target)[: len(counted.group(1))]
        if counted and _counts(target, counted.group(1))
        else ""
    )
    node = plan.section(section)
    quote = statement(node, "hant") if isinstance(node, Task) else _measure_quote(node, target)
    lead = both(f"{shown}{to_hant(noun)}。", f"According to the plan: {shown}.")
    draft = Draft(lead, [(section, quote)], figures=[shown])
    if isinstance(node, Task):
        draft.departments = sorted(node.departments, key=lambda r: not r.lead)
    return draft


def display(target: Target) -> str:
    """The figure as a reader wants it: qualifier included (不少于5000張, 90%以上), an ordinal as one
    (第五屆)."""
    before = target.qualifier.removesuffix(target.text[len(target.value) + len(target.unit) :])
    if before not in ("不少于", "不少於", "超過", "超过", "至少", "超"):
        before = "第" if f"第{target.text}" in target.phrase.hant else ""
    return to_hant(before) + target.text


def _measure_quote(node, target: Target) -> str:
    return target.phrase.hant if isinstance(node, Measure) else node.text.hant


DEADLINE_UNITS = ("月底前", "年")  # the units a date or deadline is given in
NAMED_TOPIC = 3  # characters: a topic word this long beside a figure names what the figure counts
_YEAR_VALUE = re.compile(r"\d{4}")


def _best_target(ask: Ask) -> tuple[Target, str] | None:
    plan, question, intent, ranked = ask.plan, ask.echo, ask.intent, ask.ranked
    topic = _topic(ask)
    found: list[tuple[int, Target, str]] = []
    for rank, (task, _) in enumerate(ranked.tasks[: ask.settings.figure_task_pool]):
        if not reads_as_instruction(task.text.hans):
            found += [(rank, t, task.id) for t in task.targets]
    for rank, sid in enumerate(ranked.sections[: ask.settings.figure_section_pool]):
        found += [(rank + 1, t, sid) for t in getattr(plan.section(sid), "targets", ())]
    # 那业态呢？ after 多少个行业: the asking clause's own noun, where a figure counts it, is counted
    counted = next((w for w in topic if any(_counts(t, w) for _, t, _ in found)), "")
    # 多少个行业: the noun a count asks for; the asking clause keeps the English words the echo drops (多少GP)
    asked_noun = counted or _counted(ask.asking)
    scoring_noun = asked_noun or _counted(ask.echo)
    asked_words = _asked_words(ask, topic)
    scored = [
        (_target_score(ask, t, rank, topic, scoring_noun, asked_words), t, sid) for rank, t, sid in found
    ]
    if intent.units:  # a question that names its unit is answered in that unit or not at all
        scored = [x for x in scored if to_hans(x[1].unit) in intent.units]
    scored = [x for x in scored if to_hans(x[1].unit) not in intent.not_units]
    if intent.units == DEADLINE_UNITS:  # a date: 2024年 or 三月底前, not the 三年 of 三年行动计划
        scored = [x for x in scored if to_hans(x[1].unit) != "年" or _YEAR_VALUE.fullmatch(x[1].value)]
    if asks_for_one(ask):  # what one firm gets is a sum of money, and no programme's total
        scored = [x for x in scored if to_hans(x[1].unit) in _MONEY and not _programme_total(x[1])]
    if ask.english and intent.asks_duration and ranked.tasks:  # How long does AEO certification take?:
        scored = [x for x in scored if x[2] == ranked.tasks[0][0].id]  # only the best task's time limit
    # 要拉多少GP: a figure that counts the noun asked (80个GP基金团队) is the answer, whatever the story names
    if asked_noun:
        scored = [x for x in scored if _counts(x[1], asked_noun)] or scored
    thing = ask.parsed.thing if ask.parsed is not None else None
    # the thing asked and the topic's nouns the plan uses, or abbreviates beside one of the figures (保租房
    # → 租房 → 保障性租赁住房9200套): the asker's own words (盘子, a typo, a tagger's slip such as 项能)
    # can stand near no figure of the plan
    stretch = ask.settings.abbreviation_stretch
    whole = plan_text(plan)

    def beside_a_figure(word: str) -> bool:  # looked for only when the plan does not say the word
        return any(named_in(word, _near(plan, sid, t), stretch) for _, t, sid in scored)

    about = ([thing] if thing else []) + [
        w for w in topic if w != thing and (w in whole or beside_a_figure(w))
    ]
    if about:  # 开业奖励 is not the special loan's 200亿元, 知识产权示范区 not 12项知识产权服务事项
        share = ask.settings.figure_topic_share
        # a figure that counts the very noun asked (多少家科技企业 → 超1000家科技企业) needs no more
        counting = asked_noun if asked_noun and asked_noun not in GENERAL else ""
        scored = [
            x
            for x in scored
            if (counting and _counts(x[1], counting))
            or _named_near(about, _near(plan, x[2], x[1]), stretch) >= share
        ]
    if not scored:
        return None
    _, target, section = max(scored, key=lambda x: x[0])
    chinese = not ask.english  # an English question shares no characters
    context = plan.section(section).text.hans  # the sentence (or measure) the figure stands in
    spelled = _spelled_out(ask, about, context)  # 保租房 echoes 保障性租赁住房
    echoed = max(
        overlap(spelled(question), context), overlap(spelled(ask.asking), context)
    )  # a long story echoes little
    # a name of three characters or more beside the figure (人才公寓) says what it is about however
    # long the story around the question; else the question must echo the figure's sentence
    naming = [w for w in about if w not in GENERAL]  # 企业 beside 高质量发展 names nothing more
    named = bool(naming) and all(len(w) >= NAMED_TOPIC for w in naming)
    # or the asking clause names something beside the figure and the story names it in the plan's own
    # words (在友东路那一带…这个片区多大: 片区 and 友东路 both stand by 1平方公里)
    named = named or (bool(about) and _story_names(ask, _near(plan, section, target)))
    # or the thing asked stands beside a figure in the very unit asked (多少套…公寓 → 人才公寓7700套)
    named = named or bool(thing and intent.units)
    # or, where the asking clause names nothing, the figure follows the very verb the count is asked
    # after (tech startup 拿 bank credit，目标支持多少家 → 支持超1000家)
    named = named or (not about and _after_verb(ask, target))
    # or the asker names the thing in words of their own only (蓝领床位房加多少张): the best task's one
    # figure in the very unit asked (不少于5000张)
    named = named or (not about and _sole_in_unit(ask, target, section))
    # a follow-up's topic is in the turn before (那它的审批要多久？): retrieval read it there, and the unit
    # it asks in picks the figure
    # or its whole asking clause is a name standing by the figure (那保租房呢？ → 保障性租赁住房9200套)
    carried = not ask.standalone and (bool(intent.units) or _names_figure(ask, _near(plan, section, target)))
    if chinese and echoed < ask.settings.min_figure_overlap and not named and not carried:
        return None  # a figure about something else ("企业开办要几天" is not the credit-repair deadline)
    return target, section


# Units too common to tell one figure from another (个, 项, 家): a count in them may be of anything.
_COMMON_UNITS = frozenset(["个", "项", "家", "名", "人", "条", "次", "年", "月", "日", "天"])


def _sole_in_unit(ask: Ask, target: Target, section: str) -> bool:
    """Is `target` in the best-ranked task, and that task's only figure in the distinctive unit asked?"""
    units = set(ask.intent.units)
    tasks = ask.ranked.tasks
    if not units or units & _COMMON_UNITS or not tasks or tasks[0][0].id != section:
        return False
    return sum(to_hans(t.unit) in units for t in tasks[0][0].targets) == 1 and to_hans(target.unit) in units


_ONLY_TOPIC = re.compile(r"^(那么|那|还有|再)|(的)?(呢|吗)$")  # 那保租房呢: the frame of a follow-up


def _names_figure(ask: Ask, near: str) -> bool:
    """Is a follow-up's asking clause, its frame aside, a name of three characters or more that
    stands by the figure (保租房 by 保障性租赁住房9200套)?"""
    own = _ONLY_TOPIC.sub("", ask.asking)
    return len(own) >= NAMED_TOPIC and named_in(own, near, ask.settings.abbreviation_stretch) is not None


def _story_names(ask: Ask, near: str) -> bool:
    """A name of the plan's own, three characters or more, that the question says anywhere and that
    stands in the figure's sentence (友东路 beside 1平方公里)."""
    whole = normalise(ask.question)
    names = plan_terms(whole, plan_text(ask.plan), NAMED_TOPIC)
    return any(name in near for name in names if not only_general(name))


_CLAUSE_END = re.compile(r"[，,；;。：:]")


def _after_verb(ask: Ask, target: Target) -> bool:
    """Does the figure stand in its clause after the verb the question asks its count after?"""
    verb = ask.parsed.counted_by if ask.parsed is not None else None
    phrase = target.phrase.hans
    at = phrase.find(to_hans(target.text))
    if not verb or at < 0:
        return False
    clause = _CLAUSE_END.split(phrase[:at])[-1]
    return verb in clause


def _spelled_out(ask: Ask, words: list[str], context: str):
    """A rewriter of question text that spells each abbreviated word out as `context` has it."""
    spans = {w: named_in(w, context, ask.settings.abbreviation_stretch) for w in words}

    def rewrite(text: str) -> str:
        for word, span in spans.items():
            text = text.replace(word, span) if span else text
        return text

    return rewrite


def _named_near(words: list[str], near: str, stretch: int) -> float:
    return sum(named_in(word, near, stretch) is not None for word in words) / len(words)


# An amount one asker may get (我们能贷多少, 每家企业能领多少, 单户上限多少), not the programme's size.
_PER_ASKER = re.compile(
    # 能从200亿专项贷款里分到多少: where it comes from may stand between
    r"(能|可以|可)(从[^，,。？?]{1,12}?(里|中|当中))?(贷|借|领|拿|申请|补|批|获得|得到|享受|分)(到|得|给我们|给我)?多少"
    r"|(每|单)(家|个|人|户|位|名|笔|个人|家企业)[^，,]{0,8}(多少|几)"
    r"|\bhow much\b[^?]{0,50}\b(each|every|per|a single|one)\b (startups?|compan(y|ies)|firms?|enterprises?"
    r"|business(es)?|applicants?|hires?|persons?|people|employees?)\b",
    re.I,
)


def asks_for_one(ask: Ask) -> bool:
    """Does the question ask what one asker may get (我们最多能贷多少, how much does each startup get)?"""
    asked = ask.question if ask.english else ask.asking  # English keeps its spaces in the question
    return bool(_PER_ASKER.search(asked))


def total_for_one(ask: Ask, target: Target) -> bool:
    """A programme's total (总规模90-100亿元) offered for what one asker may get (我们最多能贷多少)."""
    return asks_for_one(ask) and _programme_total(target)


_MONEY = ("亿元", "亿", "万元", "万", "元")


_AGGREGATE = re.compile(r"总规模|总额|总量|全年|累计|合计|规模")


def _programme_total(target: Target) -> bool:
    """A figure for a whole programme: a sum in 亿, or one its phrase calls a total (总规模, 全年)."""
    return to_hans(target.unit) in ("亿元", "亿") or bool(_AGGREGATE.search(target.phrase.hans))


def _near(plan: Plan, section: str, target: Target) -> str:
    """The sentence of the plan the figure stands in: where the thing it counts is named
    (提升“线上专业人工帮办”服务效能,实现“1分钟内首次响应)."""
    phrase = target.phrase.hans
    text = plan.section(section).text.hans
    at = text.find(phrase)
    if at < 0:
        return phrase
    start = max(text.rfind(end, 0, at) for end in "。；;") + 1
    stop = min((i for i in (text.find(end, at) for end in "。；;") if i >= 0), default=len(text))
    return text[start:stop]


_DISOWNED = re.compile(r"(?<!是)不是[^，,。？?！!]*[，,]")  # a clause setting a thing aside


def _topic(ask: Ask) -> list[str]:
    """The nouns naming what a figure question is about: the asking clause's, or its runs of the plan's
    own words (一张床是多少张), or where it has neither (人才公寓，今年要筹措多少套？) the whole
    question's, the plan's own names first. English questions have none."""
    if ask.english:
        return []
    own, words = ask.plan.place_names(), plan_text(ask.plan)
    whole = _DISOWNED.sub("", normalise(ask.question))  # 不是创投基金啊，是基金联盟: not the 创投基金
    return (
        topic_nouns(ask.asking, own)
        or plan_terms(ask.asking, words)
        or plan_terms(whole, words)  # the plan's names in the story, not the asker's 公司 and 员工
        or topic_nouns(whole, own)
    )


def _target_score(
    ask: Ask, target: Target, rank: int, topic: list[str], counted: str = "", asked_words: Sequence[str] = ()
) -> float:
    """Rank of its sentence, the unit asked for, how much of the question its phrase echoes — most of
    all the words right before the figure (区级“人才公寓”7700套, not “一张床”不少于5000张) — and
    whether the phrase names the asking clause's topic (专项贷款规模: 200亿元 "专项贷款", not the
    guarantee total 90-100亿元)."""
    question, intent = ask.echo, ask.intent
    unit_match = 1.0 if to_hans(target.unit) in intent.units else 0.0
    near = overlap(question, _lead_in(target))
    counts_it = 1.0 if counted and _counts(target, counted) else 0.0  # 多少个行业: 12个行业, not 39个业态
    named = _named_near(topic, target.phrase.hans, ask.settings.abbreviation_stretch) if topic else 0.0
    return (
        1.0 / (1 + rank)
        + unit_match
        + ask.settings.figure_topic_weight * named
        + 2.0 * overlap(question, target.phrase.hans)
        + 2.0 * near
        + 2.0 * counts_it
        + 2.0 * _heads(target, asked_words)
    )


def _asked_words(ask: Ask, topic: list[str]) -> list[str]:
    """The topic's nouns, and the plan's terms an English word in a Chinese question turns into (VC
    fund → 基金). A question all in English has too many candidate terms per word to tell a head by."""
    if ask.english:
        return []
    bridged = [t for t in ask.ranked.chinese_terms.split() if 2 <= len(t) <= MAX_BRIDGED]
    return [*topic, *bridged]


MAX_BRIDGED = 4  # characters: longer runs of the chinese terms are the question's own Chinese text


def _heads(target: Target, words: Sequence[str]) -> float:
    """-1 when a word asked only qualifies the thing the figure measures, whose head is not asked
    (250亿以上规模“大零号湾”基金联盟 for a fund: an alliance of funds), else 0. The thing measured is
    the noun phrase right after the figure, up to a verb (优质私募基金入驻 → 优质私募基金)."""
    measured = noun_phrase(_QUOTE_MARKS.sub("", re.split(r"[的(（，,、；;。]", _counted_after(target))[0]))
    if not measured or any(measured.endswith(w) for w in words):
        return 0.0
    return -1.0 if any(w in measured for w in words) else 0.0


_QUOTE_MARKS = re.compile(r"[“”\"「」『』‘’']")


_COUNTED = re.compile(
    r"(?:多少|几)(?:个|家|项|套|张|条|所|座|名|人|批|类|种|次)?([\u4e00-\u9fff]{2}|[a-z]{2,})"
)


# the same, when the counted noun ends the question (多少个行业？), so it can follow the figure whole
_COUNTED_LAST = re.compile(_COUNTED.pattern + r"[?？。!！]*$")


def _counted(question: str) -> str:
    """The noun a count question counts (多少个行业 → 行业), or ""."""
    found = _COUNTED.search(normalise(question))
    return found.group(1) if found else ""


def _counts(target: Target, noun: str) -> bool:
    """Is `noun` what the figure counts (12个行业 counts 行业; 80个GP基金团队 counts gp)?"""
    return _counted_after(target).lower().startswith(noun)


def _counted_after(target: Target) -> str:
    """The words right after the figure (12个行业 → 行业)."""
    phrase, figure = target.phrase.hans, to_hans(target.text)
    at = phrase.find(figure)
    return phrase[at + len(figure) :] if at >= 0 else ""


def _lead_in(target: Target) -> str:
    """The words between the previous list separator and the figure itself."""
    phrase, figure = target.phrase.hans, to_hans(target.text)
    head = phrase[: max(phrase.find(figure), 0)]
    return re.split(r"[、，,；;]", head)[-1]


def asks_issue_date(text: str, plan: Plan | None = None) -> bool:
    """Does a question ask when the plan itself was issued (这个方案啥时候发的)? Not when
    it names another document the plan speaks of (大零号湾专项规划哪天出台)."""
    flat = normalise(text)
    issued = bool(ISSUED.search(flat) and ABOUT_THE_PLAN.search(flat))
    return (
        issued and not _EN_OTHER_DOCUMENT.search(text) and (plan is None or not _other_document(flat, plan))
    )


_NAMES_DOCUMENT = re.compile(r"方案|文件|通知|这份|本文|plan|document")
# Words naming a document in general, which a question about the plan itself may use.
_DOCUMENT_WORDS = frozenset(("方案", "通知", "文件", "文", "政策"))


def _other_document(text: str, plan: Plan) -> bool:
    """The question names a thing that is neither the plan (its title's words) nor a document in
    general: 专项规划 in 大零号湾专项规划哪天出台."""
    title = normalise(plan.title.hans)
    named = topic_nouns(text, plan.place_names())
    return any(n not in title and n not in _DOCUMENT_WORDS and not ISSUED.search(n) for n in named)


# An English noun before "plan" that makes it another plan (the annual inspection plan), not this one
# (this action plan, the business environment plan).
_EN_OTHER_DOCUMENT = re.compile(
    r"\b(?!(?:this|the|that|action|whole|entire|your|its|our|environment|business|minhang|district|overall"
    r"|a|an)\b)[a-z-]{3,}\s+(plan|programme|program|scheme|document)\b",
    re.I,
)


def date(ask: Ask) -> Draft | None:
    """A deadline target if a task has one, else the plan's own issue date when asked about the plan."""
    plan, q = ask.plan, ask.asking
    # 大零号湾专项规划啊，几月份能发布: an asking clause that names no document asks about the topic before it
    other = (
        _other_document(q, plan)
        or bool(_EN_OTHER_DOCUMENT.search(ask.question))  # the annual inspection plan
        or (not _NAMES_DOCUMENT.search(q) and _other_document(normalise(ask.question), plan))
    )
    if not (ISSUED.search(q) and not other and plan.issued):
        deadline = ask.with_intent(Intent("figure", units=DEADLINE_UNITS))
        if _best_target(deadline):
            return figure(deadline)
        if not ABOUT_THE_PLAN.search(q) or other or not plan.issued:
            return None
    y, m, d = (int(x) for x in plan.issued.split("-"))
    written = f"{y}年{m}月{d}日"
    lead_en = f"The plan was issued on {y}-{m:02d}-{d:02d}."
    return Draft(both(f"方案於{written}印發。", lead_en), [("0", written)])


# --- departments -----------------------------------------------------------------------------------


def who(ask: Ask) -> Draft | None:
    ranked = ask.ranked
    if not ranked.tasks:
        return None
    task, score = ranked.tasks[0]
    tasks = [task]
    # "which departments join the work on X", X a whole measure (it matches better than any one task):
    # the units of its tasks, however close each task comes on its own
    whole = (
        bool(ranked.measures)
        and ranked.measures[0][0].id == task.measure_id
        and ranked.measures[0][1] > score
    )
    for other, other_score in ranked.tasks[1:3]:
        if (
            ask.intent.wants_list
            and other.measure_id == task.measure_id
            and (whole or other_score >= ask.settings.sibling_quote_ratio * score)
        ):
            tasks.append(other)
    refs = sorted(task.departments, key=lambda r: not r.lead)  # the task that answers names the units
    names = dept_phrase(refs)
    return Draft(
        both(f"由{names['hant']}負責。", f"Responsible: {names['en']}."),
        [(t.id, statement(t, "hant")) for t in tasks],
        departments=refs,
        quote_units=units_of(tasks),
    )


def units_of(tasks) -> dict[str, tuple[DepartmentRef, ...]]:
    """Each task's own units, lead first."""
    return {t.id: tuple(sorted(t.departments, key=lambda r: not r.lead)) for t in tasks}


def dept_phrase(refs: list[DepartmentRef]) -> dict[str, str]:
    leads = [r.name.hant for r in refs if r.lead]
    others = [r.name.hant for r in refs if not r.lead]
    if leads and others:
        hant = f"{'、'.join(leads)}牽頭，{'、'.join(others)}參與"
        en = f"{_english(leads)} (lead) with {_english(others)}"
    else:
        hant = "、".join(leads or others) + ("牽頭" if leads else "")
        en = _english(leads or others) + (" (lead)" if leads else "")
    return {"hant": hant.replace("牽頭負責", "牽頭"), "en": en}


def _english(names: list[str]) -> str:
    return ", ".join(english_name(n) for n in names)


def department_all(ask: Ask) -> Draft | None:
    """Everything the named units lead or join (海关: each customs office), grouped by measure, one
    quote per measure."""
    plan, question, depts = ask.plan, ask.echo, ask.ranked.departments
    if not depts:
        return None
    led_only = ask.intent.led_only and any(dept.leads for dept in depts)
    leads = [_led(plan, dept) if led_only else _remit(plan, dept) for dept in depts]
    by_measure: dict[str, list[Task]] = {}
    for dept in depts:
        for tid in dept.task_ids:
            task = plan.section(tid)
            if task not in by_measure.setdefault(task.measure_id, []):
                by_measure[task.measure_id].append(task)
    quoted = _remit_tasks(list(by_measure.values()), ask.settings.remit_max_quotes)
    if led_only:  # the tasks it leads first, then the others it has: 牵头 is often said of them all
        led = [plan.section(tid) for tid in dict.fromkeys(t for dept in depts for t in dept.leads)]
        rest = [t for t in quoted if t not in led]
        quoted = (led + rest)[: max(len(led), ask.settings.led_max_quotes)]
    texts = [statement(t, "hant") for t in quoted]
    limits = _shares([len(t) for t in texts], ask.settings.remit_quote_budget, ask.settings.list_quote_limit)
    topic = _without_units(question, depts)
    quotes = [(t.id, best_clauses(text, topic, n)) for t, text, n in zip(quoted, texts, limits, strict=True)]
    lead = both("".join(hant for hant, _ in leads), " ".join(en for _, en in leads))
    return Draft(lead, quotes, [_ref_of(dept, plan) for dept in depts], is_list=True)


def _shares(lengths: list[int], budget: int, floor: int) -> list[int]:
    """Each quote's share of a remit's `budget`, at least `floor`: what short tasks leave over goes to
    the long ones (a task's figure often stands at its end: …总规模90-100亿元的目标)."""
    shares = [0] * len(lengths)
    left, todo = budget, sorted(range(len(lengths)), key=lambda i: lengths[i])
    for n, i in enumerate(todo):
        shares[i] = max(floor, min(lengths[i], left // (len(todo) - n)))
        left -= min(lengths[i], shares[i])
    return shares


def _without_units(question: str, depts: list[Department]) -> str:
    """The question without the units' names: in a remit question (区金融办负责什么) the name says
    whose tasks to list, not which clause of each task to quote."""
    text = normalise(question)
    for dept in depts:
        for alias in sorted(Lookup.department_aliases(dept), key=len, reverse=True):
            text = text.replace(alias, " ")
    return text


def _remit_tasks(by_measure: list[list[Task]], most: int) -> list[Task]:
    """The tasks to quote for a unit's remit, in the plan's order: every task when they fit in `most`,
    else the first of each measure, then the measures' next ones in turn until `most` are chosen."""
    chosen: list[Task] = []
    for depth in range(max((len(ts) for ts in by_measure), default=0)):
        for tasks in by_measure:
            if depth < len(tasks) and (len(chosen) < most or depth == 0):
                chosen.append(tasks[depth])
    return sorted(chosen, key=lambda t: [int(n) for n in t.id.split(".")])


def _remit(plan: Plan, dept) -> tuple[str, str]:
    """One unit's count of tasks and measures, in traditional Chinese and in English: the tasks it
    leads, those it is the only unit of (負責), and those it joins (參與)."""
    by_measure: dict[str, int] = {}
    sole = 0
    for tid in dept.task_ids:
        task = plan.section(tid)
        by_measure[task.measure_id] = by_measure.get(task.measure_id, 0) + 1
        sole += len(task.departments) == 1 and tid not in dept.leads
    name, n, led = dept.name.hant, len(dept.task_ids), len(dept.leads)
    roles = [f"{label}{k}項" for label, k in (("牽頭", led), ("負責", sole), ("參與", n - led - sole)) if k]
    lines = [f"{section_label(plan, mid, 'hant')}（{k}項）" for mid, k in by_measure.items()]
    hant = (
        f"{name}承擔{n}項任務（{'、'.join(roles)}），涉及{len(by_measure)}項措施：" + "；".join(lines) + "。"
    )
    roles_en = [
        f"{k} {label}"
        for label, k in (("as lead", led), ("alone", sole), ("with others", n - led - sole))
        if k
    ]
    en = (
        f"{english_name(name)} has {_tasks(n)} ({', '.join(roles_en)}) "
        f"across {_count(len(by_measure), 'measure')}: "
        + "; ".join(f"measure {mid} ({_tasks(n)})" for mid, n in by_measure.items())
        + "."
    )
    return hant, en


def _led(plan: Plan, dept) -> tuple[str, str]:
    """The tasks one unit leads, counted by measure (区司法局牵头哪些工作: not the ones it joins)."""
    by_measure: dict[str, int] = {}
    for tid in dept.leads:
        mid = plan.section(tid).measure_id
        by_measure[mid] = by_measure.get(mid, 0) + 1
    name, n = dept.name.hant, len(dept.leads)
    if not n:
        return f"{name}不牽頭方案中的任務。", f"{english_name(name)} leads no task of the plan."
    lines = [f"{section_label(plan, mid, 'hant')}（{k}項）" for mid, k in by_measure.items()]
    others = len(dept.task_ids) - n
    hant = f"{name}牽頭{n}項任務，涉及{len(by_measure)}項措施：" + "；".join(lines) + "。"
    hant += f"另負責或參與{others}項任務。" if others else ""
    en = (
        f"{english_name(name)} leads {_tasks(n)} across {_count(len(by_measure), 'measure')}: "
        + "; ".join(f"measure {mid} ({_tasks(k)})" for mid, k in by_measure.items())
        + "."
        + (f" It also has {_tasks(others)} alone or with others." if others else "")
    )
    return hant, en


def _tasks(n: int) -> str:
    return _count(n, "task")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _ref_of(dept, plan: Plan) -> DepartmentRef:
    return DepartmentRef(dept.name, lead=bool(dept.leads))
