"""The question, understood once: `parse` turns what the asker typed into a frozen `Question` that
every later stage reads (screening, follow-ups, retrieval, intent, drafting).

People do not ask in one clean clause. They tell a story first (我们公司做了七八年，从苏州搬过来…),
talk (嗯那个就是说…啊), chat (请问 一业一证 是哪个部门牵头的呀~), or ask two things at once
(…谁负责？规模多大？). What the answer must be about is the *asking clause*: the clause that carries a
question word. The rest is background: it helps retrieval find the topic, but a number, a place or a
year in it is not what is asked. So the question is cut into sentences and clauses, filler is taken
out, each clause is judged asking or background, and the things named (units, sections, figures,
years, places) are marked with where they stand.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from bot.asked import (
    asked_topic,
    counting_verb,
    ends_in_noun,
    frames_value,
    is_procedural,
    thing_asked,
    topic_nouns,
)
from bot.spelling import Correction, Speller
from planqa.script import Script, detect_script, normalise

MentionKind = Literal["unit", "site", "section", "figure", "year", "place"]

_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]+")  # 🙏, 😤: a tone, not a word
# Sounds and phrases of speech that carry no content (嗯, 呃, 那个就是说, 啊 at a clause's end).
_FILLER = re.compile(
    r"[嗯呃唔]+|(?:^|(?<=[,，。!！?？]))(?:那个|这个)(?=就是|[,，])|就是说|(?<=[,，])就是(?=[多几哪什啥怎])|然后呢|然后就是|也就是说"
    r"|[啊呀哈啦嘛呗哦噢哇]+(?=[,，。!！?？~～]|$)|[~～]+|\.{3,}|…+"
    r"|" + _EMOJI.pattern
)
_DIVIDED = re.compile(r"分(?:成|为)?哪?几")  # 分几档, 分成几个阶段: the parts of a division
_SENTENCE = re.compile(r"([^?？。!！;；\n]+)([?？。!！;；\n]*)")
_CLAUSE_END = re.compile(r"[,，]+")
# Whitespace beside a Chinese word is a pause in chat style (请问 一业一证 是哪个部门): a clause break.
# A space beside a number or a Latin word is type spacing (闵行 2023 年 GDP), no break.
_PAUSE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?![A-Za-z0-9])|(?<![A-Za-z0-9])\s+(?=[\u3400-\u9fff])")

# A 几 that asks how many. Not the asker's "a few" (做了几年, 十几个人, 好几家), nor a time told
# (前几天, 这几年, 几年前; 提前几天 still asks).
_HOW_MANY = r"(?<![了过十百千万两好一二三四五六七八九这那])(?<!(?<!提)前)几(?![乎百千万十]|[天年]前|个月前)"
# Words that ask: a clause holding one of these is an asking clause. 几个月前 is "a few months ago", 几月前
# asks a month (几月前公布).
_ASKING = re.compile(
    rf"吗|呢$|(?<![什怎那这多])么$|什么|啥|哪|谁|多少|{_HOW_MANY}|怎么|怎样|如何|是否|能否|可否"
    r"|([\u4e00-\u9fff])[不没]\1|可不可以|多大|多长|多久|多高|多快|多远|有无|为何|为什么|何时|何处"
    r"|介绍|说说|讲讲|列出|列举|解释|概括"
)
# Words that announce a question without asking it (请问, 想了解一下): what follows is the asking.
_LEAD_IN = re.compile(
    r"^.*?(请问|想问一下|想问下|想问问|想问|问一下|问下|问问|想知道|想了解|了解一下|咨询一下|咨询|求问|打听一下|请教)(一下)?"
)
_LATIN = re.compile(r"[A-Za-z]{2,}")
_YES_NO = re.compile(r"吗|是否|([\u4e00-\u9fff])[不没]\1|可不可以")
# A place the asker comes from or a year something of theirs happened in says who asks, not what.
_ORIGIN_BEFORE = re.compile(r"(从|来自|自|原来在|原先在|之前在|以前在|老家)$")
# A unit that is also a place (莘庄工业区, 新虹街道) named in the background where the asker is
# (我在莘庄工业区开了个厂) is a site: it says who asks, not which unit's work is asked about.
_SITE_BEFORE = re.compile(r"(在|位于|落户|落户在|入驻|搬到|搬进|扎根|坐落在)$")
_INTENDS = re.compile(r"想|要|打算|准备|计划|考虑")  # 想在漕河泾综保区落个项目: the place is the topic
_EVENT_AFTER = re.compile(
    r"^(年)?(的时候|时|就)?(成立|注册|创办|创立|开业|搬|迁|落户|入驻|设立|开始|起步|毕业|来)"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|(?!\d))")
_SECTION_ID = re.compile(r"(?<![\d.])[1-5]\.\d{1,2}(?:\.\d{1,2})?(?![\d%亿万元])")
_FIGURE = re.compile(
    r"\d+(?:\.\d+)?(?:%|亿|万|多)?|[一二两三四五六七八九十百千万]{2,}(?=[个家套张项年人名位元])"
)


@dataclass(frozen=True)
class Mention:
    """A thing the question names, and whether it stands in an asking clause."""

    kind: MentionKind
    text: str
    asked: bool


@dataclass(frozen=True)
class Question:
    """One question as asked and as understood. `text` is the canonical form (simplified,
    half-width, no whitespace, filler removed); `asking` the clauses that ask, `background` the rest;
    `parts` the sub-questions of a question that asks several things (empty otherwise)."""

    raw: str
    text: str
    script: Script
    clauses: tuple[str, ...]
    asking: tuple[str, ...]
    background: tuple[str, ...]
    parts: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    thing: str | None = None  # the particular thing the asking clause wants stated (开业奖励, 材料)
    counted_by: str | None = None  # the verb a count is asked after (支持 in 目标支持多少家)
    spelled: tuple[Correction, ...] = ()  # the plan's words the asker mistyped (检察码 → 检查码)
    said_with: int = 0  # how many clauses before the first asking clause its own sentence holds
    # the plan's simplified text and its own district's names: which nouns name a topic (`topic`)
    plan_words: str = field(default="", repr=False, compare=False)
    plan_names: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def topic(self) -> tuple[str, ...]:
        """What the asking clause is about, in nouns the plan uses (`asked_topic`); worked out only
        for the questions whose answer depends on it."""
        if not self.plan_words:
            return ()
        topic = asked_topic(
            self.ask,
            self.text,
            self.plan_words,
            self.plan_names,
            self.thing or "",
            self.lead_up,
            self.said_with,
        )
        return tuple(topic)

    @property
    def asks_members(self) -> bool:
        """Does the asking clause ask which ones (分哪几个阶段, 主要推哪几个方向) or into how many a thing
        is divided (分几档)? Then the thing asked is the asker's name for a kind, and the plan answers
        with the members it lists."""
        which = self.thing and re.search(rf"哪(?:几|些)[个种类项大条]?{re.escape(self.thing)}", self.ask)
        return bool(which) or self.asks_division

    @property
    def asks_division(self) -> bool:
        """Does it ask into how many parts a thing is divided (分几档, 分成几个阶段)? The plan lists
        the parts; a count it gives (新建人才驿站14个) is no number of kinds."""
        return bool(_DIVIDED.search(self.ask))

    @property
    def english(self) -> bool:
        return self.script == "en"

    @property
    def search(self) -> str:
        """What retrieval reads: the whole question, background included (it names the topic), without
        filler; a question with English words keeps its spaces, which the English lookups need."""
        if _LATIN.search(self.raw):
            spaced = _without_filler(self.raw.strip())
            for c in self.spelled:
                spaced = spaced.replace(c.typed, c.meant)
            return spaced
        return self._without_sites(self.text)

    def _without_sites(self, text: str) -> str:
        for site in self.named("site"):
            text = text.replace(site, "")
        return text

    @property
    def scope_text(self) -> str:
        """The asking clause(s) without the places and years that only say who is asking
        (从苏州搬来的企业…, 2018年成立的公司…): what the other-place / other-year screens read."""
        text = self.ask
        asked = {m.text for m in self.mentions if m.asked}  # 浦东那边… 浦东新区的…覆盖几个行业: asked too
        for m in self.mentions:
            if m.kind in ("place", "year") and not m.asked and m.text not in asked:
                text = text.replace(m.text, "")
        return text

    @property
    def lead_up(self) -> tuple[str, ...]:
        """The clauses said before the first asking clause, nearest first."""
        if not self.asking or self.asking[0] not in self.clauses:
            return ()
        return tuple(reversed(self.clauses[: self.clauses.index(self.asking[0])]))

    @property
    def ask(self) -> str:
        """The asking clause(s), joined: what intent, scope and the value-noun check read."""
        return "，".join(self.asking) if self.asking else self.text

    def named(self, kind: MentionKind, asked: bool | None = None) -> list[str]:
        """The things of one kind the question names (only those asked, or only background)."""
        return [m.text for m in self.mentions if m.kind == kind and (asked is None or m.asked == asked)]


def canonical(raw: str) -> str:
    """The canonical text of a question: chat pauses become clause breaks, filler goes, and a plus
    between two questions (信用修复多久能批+检查计划啥时候公布) is a break too."""
    text = _without_filler(normalise(_PAUSE.sub("，", raw.strip()))).strip("，,") or normalise(raw)
    text = _LISTED_ASKS.sub(r"\1，", text)
    return _JOINED.sub(lambda m: m.group(1) + "," if _both_ask(m) else m.group(0), text)


# 专项贷款多少、担保贷款规模多少、创投基金多少: a list of questions, each item asking on its own
_LISTED_ASKS = re.compile(r"(多少|多大|多久|几个|什么|哪些|谁)、")


# A plus joining two clauses; the plan's own names join words with it too (预约+全市通办), so it breaks
# only between two clauses that each ask.
_JOINED = re.compile(r"([^,，。?？!！;；+]+)\s*[+＋]\s*(?=([^,，。?？!！;；+]+))")


def _both_ask(m: re.Match) -> bool:
    return bool(_ASKING.search(m.group(1)) and _ASKING.search(m.group(2)))


# A false start in speech: a word broken off and said again (闵……闵闵工作室, 主要 主要推): the first try goes.
_FALSE_START = re.compile(r"([\u4e00-\u9fff]{1,4})(?:…+|\.{3,}|[,，\s]+)(?=\1)")


# A hesitation inside a phrase (能不能，呃，修复; 给，嗯，个体户): the pauses around the sound join what
# they cut, when what comes before cannot end a clause (an A-not-A question, a preposition).
_HESITATION = re.compile(r"((?:(.)不\2|可不可以|[把给跟向从]))[,，]\s*[嗯呃唔额]+\s*[,，]")


def _without_filler(text: str) -> str:
    text = _HESITATION.sub(r"\1", _FALSE_START.sub("", text))
    for _ in range(2):  # 嗯那个: 那个 is filler once 嗯 is gone
        text = _FILLER.sub("", text)
    return text


KEYWORD_CHARS = 6  # clauses no longer than this, none asking, are keywords typed into a search box


def parse(
    raw: str,
    script: Script | None = None,
    units: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    speller: Speller | None = None,
    plan_words: str = "",
    plan_names: Collection[str] = (),
) -> Question:
    """Understand `raw` once. `units` are the unit names the plan knows (normalised, longest first);
    `places` the place names to mark (the screening decides which of them are other places);
    `speller` reads the plan's words the asker mistyped as the plan writes them; `plan_words` (the
    plan's simplified text) and `plan_names` (its own district) tell which nouns name a topic."""
    question = _understood(raw, script, units, places, speller)
    return replace(question, plan_words=plan_words, plan_names=tuple(plan_names))


def _understood(
    raw: str,
    script: Script | None,
    units: tuple[str, ...],
    places: tuple[str, ...],
    speller: Speller | None,
) -> Question:
    script = script or detect_script(raw)
    text = canonical(raw)
    spelled = (speller.corrections(text) + speller.names_in_pinyin(raw)) if speller else ()
    for c in spelled:
        text = text.replace(normalise(c.typed), c.meant)
    if script == "en":
        return Question(
            raw,
            text,
            script,
            (text,),
            (text,),
            (),
            parts=_english_parts(raw),
            mentions=_mentions([(text, True)], units, places),
            spelled=spelled,
        )
    ended = [
        (piece, m.group(2) if last else "？", g)
        for g, m in enumerate(_SENTENCE.finditer(text))
        if m.group(1).strip("，,")
        for piece, last in _distributed(m.group(1)) or _split_asks(m.group(1))
    ]
    # Where some sentence ends in a question mark, a sentence ending in 。 or ！ tells, not asks
    # (…有几位新加坡籍律师想来上海执业。签证这些便利是哪个部门负责？).
    # (a piece cut from a sentence ends in a question mark of its own making: only the sentences' count)
    marked = any(_ends_asking(m.group(2)) for m in _SENTENCE.finditer(text) if m.group(1).strip("，,"))
    judged: list[tuple[str, bool, int]] = []  # (clause, asks, sentence number)
    for n, (sentence, end, _) in enumerate(ended):
        tells = marked and end and not _ends_asking(end)
        clauses = [(c, asks and not tells) for c, asks in _judge(sentence)]
        judged.extend((c, asks, n) for c, asks in _marked_asking(clauses, end))
    keywords: tuple[str, ...] = ()
    if not any(asks for _, asks, _ in judged) and judged:
        if all(len(c) <= KEYWORD_CHARS for c, _, _ in judged):  # 四大工程 名称: keywords ask together
            judged = [(c, True, n) for c, _, n in judged]
            keywords = tuple(c for c, _, _ in judged)
        last = judged[-1]
        judged[-1] = (last[0], True, last[2])  # no question word: the last clause is what is asked
    clauses = tuple(c for c, _, _ in judged)
    asking = tuple(c for c, asks, _ in judged if asks)
    background = tuple(c for c, asks, _ in judged if not asks)
    return Question(
        raw=raw,
        text=text,
        script=script,
        clauses=clauses,
        asking=asking,
        background=background,
        parts=_parts([g for _, _, g in ended], judged),
        mentions=_mentions([(c, a) for c, a, _ in judged], units, places),
        thing=next((t for t in map(thing_asked, reversed(asking)) if t), None)
        # a keyword search names its detail as a keyword (集中登记地 办理流程 所需材料)
        or next((k for k in reversed(keywords) if len(keywords) > 1 and is_procedural(k)), None)
        if not any(_YES_NO.search(c) for c in asking)
        else None,  # a yes/no (是不是只在少数几个行业) asks no particular value
        counted_by=next((v for v in map(counting_verb, reversed(asking)) if v), None),
        spelled=spelled,
        said_with=_said_with(judged),
    )


def _said_with(judged: list[tuple[str, bool, int]]) -> int:
    """How many clauses before the first asking one stand in its own sentence."""
    first = next((i for i, (_, asks, _) in enumerate(judged) if asks), None)
    if first is None:
        return 0
    return sum(1 for _, _, n in judged[:first] if n == judged[first][2])


# An English question asking two things: two question sentences, or ", and what/who/how …".
_EN_PART_BREAK = re.compile(
    r"(?<=\?)\s+(?=\S)|,\s+and\s+(?=(?:(?:by|from|in|for|to|at|on|with|of|until|since)\s+)?"
    r"(?:what|who|which|how|when|where|is|are|does|do|can|will)\b)",
    re.I,
)
# "How many A and how many B …": the asking words said again start a second ask, comma or not.
_EN_HOW_MANY = re.compile(r"\bhow\s+(?:many|much)\b", re.I)
_EN_ASKS = re.compile(
    r"\b(what|who|which|how|when|where|why|whether)\b"
    r"|^(is|are|was|were|does|do|did|can|could|will|would|should|may|tell|list|give|show|explain|describe)\b",
    re.I,
)
_EN_RESPECTIVELY = re.compile(
    r"(?P<head>.*?\b(?:is|are|was|were|will|do|does|did|can)\s+)(?P<a>[^,?]+?)\s+and\s+(?P<b>(?:the|its|their|a|an)\s[^,?]+?),?\s+"
    r"(?:respectively|each)\b(?P<tail>[^?]*\??)$",
    re.I,
)
# things announced by their number, then listed after a colon (three numbers: A, B, and C)
_EN_LISTED = re.compile(
    r"(?P<ask>[^:]*\b(?:two|three|four|five|several|following|numbers|figures|things|details|questions)\b[^:]*):"
    r"\s*(?P<items>[^:]+)$",
    re.I,
)
_EN_ITEM_BREAK = re.compile(r",\s*(?:and\s+)?|;\s*(?:and\s+)?|\s+and\s+(?=the\b)", re.I)
_EN_ASKED_AGAIN = re.compile(r"\s+and\s+(?=how\s+(?:many|much)\b)", re.I)
# A later part that leans on the first (…, and which bureau is responsible? Who are they?) stays with it.
_EN_LEANS = re.compile(
    r"\b(they|it|its|them|this(?! (?:year|month|week))|that|these|those|responsible|in charge)\b", re.I
)


def _marked_asking(clauses: list[tuple[str, bool]], end: str) -> list[tuple[str, bool]]:
    """A 几 after 了 is mostly the asker's "a few" (做了几年); before a question mark it asks
    (今年新增了几个“一件事”？), unless the asker tells what they did themselves (我们跑了几家银行？)."""
    if not clauses or not _ends_asking(end) or any(asks for _, asks in clauses):
        return clauses
    last = clauses[-1][0]
    asks = _DONE_HOW_MANY.search(last) and not _ASKER_TELLS.match(last)
    return [*clauses[:-1], (last, True)] if asks else clauses


_DONE_HOW_MANY = re.compile(r"[了过]几")


_ASKER_TELLS = re.compile(r"(我|我们|我司|咱们|咱|本公司|我公司|我家)")


def _ends_asking(end: str) -> bool:
    return "?" in end or "？" in end


def _as_question(item: str) -> str:
    """A listed item as a question: itself if it asks (how long does …), else what it names."""
    return item.rstrip("?") + "?" if _EN_OPENS_ASKING.match(item) else f"What is {item}?"


_EN_OPENS_ASKING = re.compile(
    r"(what|who|which|how|when|where|why|whether|is|are|was|were|does|do|did|can|could|will|would|should)\b",
    re.I,
)


def _english_parts(raw: str) -> tuple[str, ...]:
    each = _EN_RESPECTIVELY.match(raw.strip())
    if each:  # How big are the A and the B respectively?: one question for each (B with its own article)
        return tuple(each.group("head") + each.group(x) + each.group("tail") for x in ("a", "b"))
    listed = _EN_LISTED.match(raw.strip())
    items = _EN_ITEM_BREAK.split(listed.group("items").rstrip(".?! ")) if listed else []
    if len(items) >= 2:  # Need three numbers for a memo: the size of A, the B target, and C: each asked
        return tuple(_as_question(item.strip()) for item in items)
    parts = [
        piece.strip()
        for p in _EN_PART_BREAK.split(raw.strip())
        if p
        for piece in (_EN_ASKED_AGAIN.split(p) if len(_EN_HOW_MANY.findall(p)) > 1 else [p])
        if piece.strip()
    ]
    # a sentence that tells (A few of our new hires keep asking.) is background, not a part
    asking = [p for p in parts if len(p.split()) >= 3 and (p.endswith("?") or _EN_ASKS.search(p))]
    if len(asking) < 2 or any(_EN_LEANS.search(p) for p in asking[1:]):
        return ()
    return tuple(asking)


def _judge(sentence: str) -> list[tuple[str, bool]]:
    """The clauses of one sentence, each marked asking or not. A lead-in (请问, 想了解一下) is cut off:
    what follows it asks; a clause that is only a lead-in makes the next clause the asking one."""
    out: list[tuple[str, bool]] = []
    few: list[bool] = []  # the clause asks only by an indefinite word (想再放几条生产线, 担心哪天…)
    pending = False  # a bare lead-in came before: the next clause asks
    for clause in (c for c in _CLAUSE_END.split(sentence) if c):
        lead = _LEAD_IN.match(clause)
        rest = clause[lead.end() :] if lead else clause
        if lead and not rest:
            pending = True
            continue
        asks = bool(lead) or pending or bool(_ASKING.search(rest) or _COMPARED.search(rest))
        out.append((rest if lead else clause, asks))
        few.append(asks and not (lead or pending) and _says_a_few(rest))
        pending = False
    if not all(few[i] for i, (_, asks) in enumerate(out) if asks):  # another clause asks
        out = [(clause, asks and not a_few) for (clause, asks), a_few in zip(out, few, strict=True)]
    if len(out) > 1 and _POINTS_BACK.search(out[-1][0]):
        # …这笔税到底怎么算，闵行有这种服务吗: the service is asked; the clauses before describe it
        out = [(clause, False) for clause, _ in out[:-1]] + [(out[-1][0], True)]
    return _with_subjects(out)


# A last clause asking whether there is "such a thing" (有这种服务吗, 有没有这类安排): what it points back
# to is described by the clauses before it, which ask nothing of their own.
_POINTS_BACK = re.compile(r"有(没有)?(这种|这类|这样的?|类似的?)[^，,。？?]{0,8}(吗|么|嘛)?$")


def _with_subjects(clauses: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """A clause that only names a thing (能全部在网上办完的比例) before an asking clause that asks a
    value and names nothing (要达到多少来着) is that clause's subject, set out first the way people
    talk: it asks too. A clause of the asker's own (像我们这种小公司), holding a figure (去年营收三千万)
    or telling an event (听说区里搞了个…) is a story told."""
    out = list(clauses)
    for i in range(1, len(out)):
        (before, asked), (clause, asks) = out[i - 1], out[i]
        if (
            asks
            and not asked
            and _ASKS_VALUE.search(clause)
            and _names_only(before)
            and not topic_nouns(clause)
        ):
            out[i - 1] = (before, True)
    return out


def _names_only(clause: str) -> bool:
    told = _ASKER.search(clause) or _FIGURE.search(clause) or "了" in clause  # 搞了个…: an event told
    return not told and len(clause) <= SUBJECT_CHARS and ends_in_noun(clause)


_ASKER = re.compile(r"我|咱|本公司|公司")
SUBJECT_CHARS = 12  # a subject set out first is a noun phrase, not a sentence of a story
_ASKS_VALUE = re.compile(rf"多少|{_HOW_MANY}|多大|多长|多久|多高|多快|多远")


# A comparison set up in a clause of its own (闵行和徐汇比，哪个区补贴多): what is compared is asked.
_COMPARED = re.compile(r"(和|跟|与|同)[^，,]{1,10}(相比|比较|对比|比)$|^(比起|相比|对比|较之)")


# 几 after the asker's own plan (想再放几条生产线, 打算招几个人) is "a few", not "how many", when another
# clause of the sentence asks (…，区里有没有说法？)
_PLANNED_FEW = re.compile(r"(?:想|打算|准备|计划|再)[^几，,]{0,8}几")


# A question word after a worry or a supposition (担心哪天吃官司, 万一哪里出错) is "some day",
# "somewhere": it asks nothing when another clause of the sentence asks.
_WORRIED = re.compile(
    r"(担心|担忧|害怕|生怕|怕|万一|要是|如果|假如|哪怕)[^，,]{0,4}(哪天|哪一天|哪里|哪儿|什么|谁)"
)


# A question word after 没/不 says "not any" (手上没什么能抵押的, 也没多少人): it asks nothing when
# another clause of the sentence asks. 有没有什么 still asks.
_NOT_ANY = re.compile(r"(?<!有)(?:没有?|不|并不)(?:什么|啥|多少|怎么)")


def _says_a_few(clause: str) -> bool:
    """Does the clause ask only by an indefinite word: a 几 that is the asker's "a few", a 哪天 that
    is "some day", a 什么 after 没 that is "not any"?"""
    for indefinite in (_WORRIED, _NOT_ANY):
        if indefinite.search(clause) and not _ASKING.search(indefinite.sub("", clause)):
            return True
    return bool(_PLANNED_FEW.search(clause)) and not _ASKING.search(clause.replace("几", ""))


# What a clause asks for, by its question word: two clauses of one sentence that ask different kinds
# of thing (一业一证要扩到几个行业，谁牵头) are two questions.
_ASK_KINDS = (
    ("who", re.compile(r"谁|哪个部门|哪些部门|哪家单位|哪个单位")),
    ("when", re.compile(r"什么时候|啥时候|哪天|何时")),
    (
        "figure",
        re.compile(rf"多少|{_HOW_MANY}|多大|多久|多长"),
    ),
    ("where", re.compile(r"在哪|哪里|哪儿")),
)


def _ask_kind(clause: str) -> str | None:
    return next((kind for kind, cue in _ASK_KINDS if cue.search(clause)), None)


OWN_TOPIC = 4  # characters before a clause's question word: it names a topic of its own


def _names_own_topic(clause: str, kind: str) -> bool:
    cue = dict(_ASK_KINDS)[kind].search(clause)
    return bool(cue) and len(_HAN_CHARS.findall(clause[: cue.start()])) >= OWN_TOPIC


_HAN_CHARS = re.compile(r"[\u4e00-\u9fff]")


# A clause that turns to a further question (…多少张，还有保租房是多少套): a new part even of one kind.
_FURTHER = re.compile(r"^(还有|另外|此外|以及|再问|顺便问|顺便|同时|另一个|第二个|其次|二是|再一个|再就是)")


def _split_asks(sentence: str) -> list[tuple[str, bool]]:
    """A sentence cut where a clause starts asking a different kind of thing than the one before it
    asked, or where it turns to a further question of its own (…多少套，另一个就是，申请要啥条件);
    each piece with whether it ends the sentence."""
    pieces: list[list[str]] = [[]]
    kind, asked = None, False
    for clause in (c for c in _CLAUSE_END.split(sentence) if c):
        new = _ask_kind(clause)
        # 一业一证几个行业，综合监管一件事几个场景: the same kind of thing, asked anew of another topic
        if new and kind and (new != kind or (asked and _names_own_topic(clause, new))):
            pieces.append([])
            asked = False
        elif _FURTHER.match(clause) and asked:
            pieces.append([])
            kind, asked = None, False  # the words after it ask; their kind starts no third piece
        kind = new or kind
        asked = asked or bool(_ASKING.search(clause))
        pieces[-1].append(clause)
    return [("，".join(p), i == len(pieces) - 1) for i, p in enumerate(pieces)]


# 各/分别 before the asking word spreads one question over the items listed before it (高效办成一件事，
# 智慧好办，各几个 · 一张床、人才公寓分别是多少): each item is asked on its own. Items joined by 和 may
# share words (食品企业在开店审批和日常检查上分别…): those are left whole.
_EACH = re.compile(r"[，,]?(?:各自|各|分别)(?=(?:是|有|为|要|能)?(?:多少|几|哪些|什么|啥|谁))")
_ITEM_BREAK = re.compile(r"[，,、]")
ITEM_CHARS = 12  # characters: a longer piece before 各 is a story, not an item of a list
LISTED_ITEM_CHARS = 20  # ... unless the items are set apart by 、, as a list is written
_TOLD_BREAK = re.compile(r"[，,：:]")
_LIST_JOINER = re.compile(r"^(还有|以及|及|和|另外)")


_AND = re.compile(r"(?:和|与|以及|及)")


def _valued_items(listed: str) -> list[str]:
    """Items joined by 和 that each end in the value asked of them (全年规模和总额), else the whole:
    食品企业在开店审批和日常检查上分别… shares its words and stays one item."""
    items = _AND.split(listed)
    return items if len(items) > 1 and all(frames_value(i) for i in items) else [listed]


def _distributed(sentence: str) -> list[tuple[str, bool]]:
    """The sentence as one question per listed item when it asks each of them the same (…各几个), else
    []; each piece with whether it ends the sentence."""
    each = _EACH.search(sentence)
    if each is None:
        return []
    before = sentence[: each.start()]
    *told, listed = _TOLD_BREAK.split(before)
    if "、" in listed:  # 麻烦核一下：专项贷款总额、担保贷款的总规模、还有创投基金的规模，分别是多少: the list
        items, longest = [_LIST_JOINER.sub("", i) for i in listed.split("、") if i], LISTED_ITEM_CHARS
    else:
        told, items, longest = [], [i for i in _ITEM_BREAK.split(before) if i], ITEM_CHARS
        if len(items) == 1:  # 创园贷全年规模和专项贷款总额分别是多少: each item names its own value
            items = _valued_items(before)
    tail = sentence[each.end() :]
    if len(items) < 2 or any(len(i) > longest or _ASKING.search(i) for i in items):
        return []
    lead = "".join(t + "，" for t in told if t)  # what is told before the list goes with its first item
    return [((lead if n == 0 else "") + item + tail, n == len(items) - 1) for n, item in enumerate(items)]


def _parts(groups: list[int], judged: list[tuple[str, bool, int]]) -> tuple[str, ...]:
    """The sub-questions: sentences (or pieces of one that ask different kinds of thing) that each
    hold an asking clause, when there are several. Background before the first belongs to it; a
    piece of a sentence keeps the background said earlier in that sentence."""
    asking_sentences = sorted({n for _, asks, n in judged if asks})
    if len(asking_sentences) < 2:
        return ()
    parts: list[str] = []
    carried: list[str] = []  # background before the first part; within one sentence, before each
    for n, group in enumerate(groups):
        clauses = [c for c, _, m in judged if m == n]
        if n not in asking_sentences:
            carried.extend(clauses)
            continue
        parts.append("，".join(carried + clauses))
        same = n + 1 < len(groups) and groups[n + 1] == group  # 一业一证那个，…几个行业，谁牵头
        carried = [c for c, asks, m in judged if m == n and not asks] if same else []
    return tuple(parts)


def _mentions(
    clauses: list[tuple[str, bool]], units: tuple[str, ...], places: tuple[str, ...]
) -> tuple[Mention, ...]:
    found: list[Mention] = []
    for clause, asked in clauses:
        rest = clause
        for unit in units:
            if unit in rest:
                before = rest[: rest.find(unit)]
                site = not asked and _SITE_BEFORE.search(before) and not _INTENDS.search(before[-6:])
                found.append(Mention("site" if site else "unit", unit, asked))
                rest = rest.replace(unit, "|")
        for place in (p for p in places if p in clause):
            at = clause.find(place)
            found.append(Mention("place", place, asked and not _ORIGIN_BEFORE.search(clause[:at])))
        for year in _YEAR.finditer(clause):
            event = _EVENT_AFTER.match(clause[year.end(1) :])
            found.append(Mention("year", year.group(1), asked and not event))
        found += [Mention("section", s, asked) for s in _SECTION_ID.findall(clause)]
        plain = _SECTION_ID.sub("", _YEAR.sub("", clause))
        found += [Mention("figure", f, asked) for f in _FIGURE.findall(plain)]
    return tuple(found)
