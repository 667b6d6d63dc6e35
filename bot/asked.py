"""What a value question asks for: "区长" in 闵行区现任区长是谁？, "税率" in 企业所得税的税率是多少？.

When the thing asked for is a word the plan never uses, no sentence of the plan can answer it, however
close retrieval comes to the rest of the question (the district, the tax, the loan). Only questions
that ask for a value (是多少, 是谁, 在哪里, 怎么算, 帮我查…) are judged this way: an open question may
use words of its own and still be about the plan."""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Sequence
from functools import lru_cache

import jieba
from jieba import posseg

from index.text import STOPWORDS
from planqa.script import normalise, to_hans

jieba.setLogLevel(logging.WARNING)

_VALUE_TAIL = re.compile(
    r"(要|需要|得)?(是)?(多少钱?|多少个?|几个|几家|是谁|谁|哪家公司|哪家|哪个公司|怎么算分?|怎么计算|如何计算|在哪里?|在哪儿)"
    r"(个百分点)?[?？。!！]*$"
)
_LOOK_UP = re.compile(r"^(帮我|请|麻烦)?(查一下|查查|查询|查|告诉我|说说)")
# Words that frame the thing asked for without naming it: time, quantity and "standard"-like heads.
_FRAME_WORDS = (
    "今年 现在 目前 现任 当前 最新 今天 具体 一下 一共 总共 大概 大约 一个月 每月 每年 每个月 "
    "要求 标准 情况 数字 数额 金额 目标 规模 数量 水平 名单 名称 名字 内容 总额 总量 总数 数目 个数 "
    "额度 比例 比重 数值 幅度 期限 时限 次数 百分点 面积 人数 家数 户数 项数 时长 时间 范围 速度 长度 距离 体量 盘子 多长时间 "
    "月份 年份 日子 日期 时间点 时候 版本 工作日 小时 分钟 天数 部分"
)
_FRAME = frozenset(_FRAME_WORDS.split())
_LATIN_TAIL = re.compile(r"(?<![A-Za-z])([A-Za-z]{3,})\s*$")
# English words framing a value without naming it (人才公寓的number是多少)
_EN_FRAME_WORDS = "number amount figure total size scale count target quantity value level"
_EN_FRAME = frozenset(_EN_FRAME_WORDS.split())

_HAN = re.compile(r"[\u4e00-\u9fff]")
_FRAME_TAGS = frozenset(["t", "m", "q", "uj", "ul"])  # time, numeral, measure word, particles
# Single characters that make a noun of the word before them (管理 + 人, 手续 + 费); a verb (开) does not.
_NOUN_SUFFIX = frozenset("人者员长费率价额量数方商师")


def frames_value(phrase: str) -> bool:
    """Does `phrase` end in a word framing a value (全年规模, 专项贷款总额, 创投基金的数量)?"""
    words = posseg.lcut(phrase)
    return bool(words) and words[-1].word in _FRAME and len(phrase) > len(words[-1].word)


def asked_for(question: str) -> str | None:
    """The noun naming what a value question asks for (normalised simplified input), else None.

    A question ending in a verb ("人才驿站要建多少个？", "专栏开在哪里？") asks about an action, whose
    words the plan may phrase differently: only a noun is judged."""
    tail = _VALUE_TAIL.search(question)
    if tail:
        head = question[: tail.start()]
    elif _LOOK_UP.search(question):
        head = question.rstrip("?？。!！")
    else:
        return None
    latin = _LATIN_TAIL.search(head)  # 人才公寓的rent是多少: an English noun names the thing asked
    if latin and latin.group(1).lower() not in _EN_FRAME:
        return latin.group(1).lower()
    words = [(w.word, w.flag) for w in posseg.lcut(head.rsplit("的", 1)[-1]) if _HAN.search(w.word)]
    words = [(word, "v" if _modal_verb(word) else flag) for word, flag in words]
    framed = False
    while words and (words[-1][0] in _FRAME or words[-1][1] in _FRAME_TAGS):
        words.pop()
        framed = True
    role = bool(tail) and "谁" in tail.group(0) and words and words[-1][1] == "b"  # 主任是谁: jieba's b
    if not words or not (_nounish(words[-1][1]) or role):
        return None
    last = words[-1][0]
    if len(last) > 1:
        return last
    if not framed and last in _NOUN_SUFFIX and len(words) > 1 and len(words[-2][0]) > 1:
        return words[-2][0] + last  # "管理" + "人": jieba splits the noun asked for
    return None


_MODALS = frozenset("能可会要想该")
# Verbs of one character that say nothing of what is counted (有几个), and complements a tagger takes
# for verbs (贷到多少: 到)
_LIGHT_VERBS = frozenset("有是拿给做搞弄干算到完好成上下出起来去")


@lru_cache(maxsize=1024)
def _modal_verb(word: str) -> bool:
    """A modal and a verb the tagger took for a noun (能贷 in 单户能贷多少): no thing is named."""
    return len(word) == 2 and word[0] in _MODALS and posseg.lcut(word[1])[0].flag in ("v", "p")


def _nounish(tag: str) -> bool:
    return tag.startswith("n") or tag in ("vn", "l", "j")


def nouns(text: str) -> list[str]:
    """The nouns of two or more characters in `text` (normalised simplified input), in order."""
    return [w.word for w in posseg.lcut(text) if len(w.word) > 1 and _HAN.search(w.word) and _nounish(w.flag)]


def warm_up() -> None:
    """Load jieba's dictionary now (about a second) rather than in the first visitor's request."""
    asked_for("预热是多少")


# Words that name the plan's content in general (措施, 政策, 支持): "有哪些便利措施" asks about 便利,
# "有什么金融支持" about 金融. A thing asked that is only such a word names nothing in particular.
_GENERAL_WORDS = (
    "企业 措施 政策 举措 任务 工作 内容 支持 服务 方面 行动 安排 部门 单位 事情 事项 东西 计划 方案 规定 "
    "优惠 好处 帮助 扶持 便利 新政 亮点 重点 变化 情况 信息 作用 意义 "
    # and words that frame a question without naming a thing: 什么样子, 什么时候, 什么意思, 哪些地方
    "样子 时候 意思 地方 渠道 途径 方法 方式 办法 路子 模式 机制 手段 形式 程度 目的 原因 区别 关系 "
    "效果 结果 进展 进度 问题 领域 环节 类型 种类 制度 做法 "
    # the plan's own scope (全区一共打算做到多大规模): every measure is the district's, done by its government
    "全区 本区 区里 实惠 政府 官方 事儿"
)
GENERAL = frozenset(_GENERAL_WORDS.split())
# Kinds of practical detail a "X是什么" may ask for (申请条件是什么): the detail, not the topic X.
_DETAIL_WORDS = "条件 材料 流程 步骤 手续 程序 资格 门槛 费用 收费 标准 时间 地点 期限"
_DETAIL = frozenset(_DETAIL_WORDS.split())
# Where the thing asked stands: after a count (多少开业奖励, 几个行业), after 哪些 / 什么 (哪些材料),
# after how-to verbs (怎么办结婚登记).
_COUNT_HEAD = re.compile(
    r"(?:多少|(?<!第)几)(?:个工作日|个月|月份|个|家|项|套|张|条|所|名|位|种|类|批|笔|次|天|年|月|周|小时|分钟)?"
)  # the measure word is the unit, not the thing: 多少天能办完 asks no 天能; 第几部分 asks a place
_WHICH_HEAD = re.compile(r"(?:哪些|哪几种|哪几类|哪种|哪类|哪家|什么样的|什么)")
_MODIFIER_TAGS = frozenset(["m", "b"])  # a numeral or distinguishing word opening a noun: 一级指标
_HOW_HEAD = re.compile(r"(?:怎么|怎样|如何)(?:办理|申领|申请|开具|缴纳|办|弄|领|开|交|拿)")
_WHAT_TAIL = re.compile(r"(?:是什么|是啥|有哪些|有什么要求|是怎样的|是怎么样的)[?？。!！]*$")


# Kinds of detail an action plan sets goals above and never spells out: steps, fees, rates, forms,
# materials, conditions. Asked of a topic the plan covers, they are still not in it. A rate the plan never
# names (征收率) is one the asker would pay or get: the plan states only rates it sets as targets (网办率).
# Nor does it name the firms that will do its work: which company (哪家公司) is a name it never gives.
_PROCEDURAL = re.compile(
    r"步骤|流程|手续|费用|收费|率$|材料|表格|申请表|条件|资格|门槛|网址|网站|公司$|律所$"
)


def is_procedural(thing: str) -> bool:
    """Is the thing asked a procedural detail (线上提交的步骤, 收多少费用, 年利率) or a firm's name?"""
    return bool(_PROCEDURAL.search(thing))


def thing_asked(asking: str) -> str | None:
    """The particular thing an asking clause wants stated (normalised simplified input): 开业奖励 in
    新办企业能领多少开业奖励, 材料 in 需要准备哪些材料, 结婚登记 in 怎么办结婚登记, 利率 in
    专项贷款的利率是多少; None when it asks about a topic in general (有哪些便利措施 → 便利 still
    counts) or names no noun. A plan sentence can only answer the question if it speaks of this thing."""
    for head in (_COUNT_HEAD, _WHICH_HEAD, _HOW_HEAD):
        for found in head.finditer(asking):
            thing = _head_noun(asking[found.end() :])
            if thing:
                return thing
    value = asked_for(asking)
    if value is None and (tail := _WHAT_TAIL.search(asking)):
        words = [w.word for w in posseg.lcut(asking[: tail.start()]) if _HAN.search(w.word)]
        value = words[-1] if words and len(words) > 1 and words[-1] in _DETAIL else None
    return value if value and value not in GENERAL and value not in _FRAME else None


def _head_noun(text: str) -> str | None:
    """The noun a question word heads: the noun run after it, or, when a clause describes the thing
    first (多少套专门给人才住的公寓), the noun after that clause's 的 — 公寓, not 专门."""
    span = _CLAUSE_END.split(text[:16], 1)[0]
    described, of, head = span.partition("的")
    words = posseg.lcut(described)
    first = next((i for i, w in enumerate(words) if not _nounish(w.flag)), None)
    # 多少家科技企业拿到银行的信用额度: a noun run the verb after it acts on is the thing counted
    acted_on = first is not None and first > 0 and words[first].flag.startswith("v")
    if of and first is not None and not acted_on:
        return _noun_run(head) or _noun_run(text)
    return _noun_run(text)


def _noun_run(text: str) -> str | None:
    """The nouns at the start of `text`, joined (开业 奖励 → 开业奖励), without a general word at
    their end (便利措施 → 便利)."""
    run: list[tuple[str, str]] = []  # (word, tag)
    for w in posseg.lcut(text[:12]):
        modifier = not run and w.flag in _MODIFIER_TAGS and not _ASKING_WORDS.search(w.word)  # 一级指标
        if not modifier and (
            not _HAN.search(w.word)
            or not _nounish(w.flag)
            or _modal_verb(w.word)
            or (not run and w.word in _FRAME)
        ):
            break  # 什么时候印发: a frame word right after the question word asks a kind of value
        run.append((w.word, w.flag))
    while run and (run[-1][0] in GENERAL or run[-1][0] in _FRAME or not _nounish(run[-1][1])):
        run.pop()
    thing = "".join(word for word, _ in run)
    return thing if len(thing) > 1 else None


_COUNT_WORD = re.compile(r"多少|几")


def counting_verb(asking: str) -> str | None:
    """The verb a count is asked after (支持 in 目标支持多少家, 新增 in 要新增几个), modals skipped:
    a plan figure after the same verb (支持超1000家) counts what the clause asks, whatever the story
    around it says."""
    found = _COUNT_WORD.search(asking)
    if not found:
        return None
    words = [(w.word, w.flag) for w in posseg.lcut(asking[: found.start()]) if _HAN.search(w.word)]
    while words and (words[-1][0] in _MODALS or _modal_verb(words[-1][0])):
        words.pop()
    if not words:
        return None
    word, tag = words[-1]
    # 供应多少套: a vn is a verb here; one character (建几个) says what is done unless it is light (有几个)
    return word if tag.startswith("v") and (len(word) > 1 or word not in _LIGHT_VERBS) else None


# Words that ask, cut out before tagging: jieba would read 多大面积 as 多 + 大面积.
_ASKING_WORDS = re.compile(
    r"哪(个|几个|一个)?(局|委|办|部门|单位|机构)|多少|多大|多长时间|多长|多久|多高|多快|几|哪些|哪个|什么|是否|能否|有没有|是不是"
)  # 哪个局 asks for a unit: its 局 is no topic (局管)


@lru_cache(maxsize=1024)
def ends_in_noun(text: str) -> bool:
    """Does `text` end in a noun (…在网上办完的比例), not a verb or a particle (…被罚了)?"""
    words = [w for w in posseg.lcut(text) if _HAN.search(w.word)]
    return bool(words) and _nounish(words[-1].flag) and words[-1].flag != "vn"


@lru_cache(maxsize=1024)
def noun_phrase(text: str) -> str:
    """`text` up to its last noun (优质私募基金入驻 → 优质私募基金)."""
    tokens = [w for w in posseg.lcut(text) if w.word.strip()]
    while tokens and not (tokens[-1].flag.startswith("n") or tokens[-1].flag in ("j", "l")):
        tokens.pop()
    return "".join(w.word for w in tokens)


def topic_nouns(text: str, plan_names: Collection[str] = ()) -> list[str]:
    """The nouns of `text` that name a topic (专项 贷款 in 专项贷款规模多大), not a frame (规模),
    the plan's content in general (措施) or the plan itself (`plan_names`, its district: 闵行区人才公寓
    asks about 人才公寓, in the one plan that is 闵行区's)."""
    for name in plan_names:  # cut out before tagging: 闵行能落地 is no 闵 + 行能
        text = text.replace(name, "，")
    words = posseg.lcut(_ASKING_WORDS.sub("，", text))
    return [
        w.word
        for w in words
        if len(w.word) > 1
        and _HAN.search(w.word)
        and _nounish(w.flag)
        and w.flag != "vn"
        and w.word not in _FRAME
        and w.word not in GENERAL
        and w.word not in plan_names
    ]


def asked_topic(
    asking: str,
    whole: str,
    plan_text: str,
    plan_names: Collection[str] = (),
    thing: str = "",
    lead_up: Sequence[str] = (),
    said_with: int = 1,
) -> list[str]:
    """The topic nouns of the asking clause (without the thing asked and the plan's own names). An
    asking clause with no nouns, or only nouns the plan never uses (升级成, 能贷: the tagger's slips),
    leaves its topic to the clauses before it: 食品经营许可的线上场地核查，方案里升级成了什么项目.
    `lead_up` holds the clauses said just before the asking one, nearest first: one naming the
    plan's words is the topic of an asking clause that names only the thing asked (科创企业培育体系，
    呃，分哪几个阶段来着); `said_with` of them stand in the asking clause's own sentence. A sentence
    told before (…影响投标。申请撤下来审批要多久？) is the story, unless it names the plan's own words."""

    def topic_of(text: str) -> tuple[list[str], list[str]]:
        nouns = topic_nouns(text, plan_names)
        return nouns, [w for w in nouns if not (thing and thing in w) and w not in STOPWORDS]

    nouns, topic = topic_of(asking)
    if not any(w in plan_text for w in topic):  # 分哪几个阶段来着: the clause said just before names it
        # the clause said just before, and earlier ones only where they name something in the plan's
        # own words (那个高质量发展专项贷款, before 像我们这种十几个人的小公司): the story further back
        # (在七宝租了两层办公室) is not what is asked about
        near = lead_up[:1] if said_with else ()
        far = [c for c in lead_up[len(near) :] if _names_in_plan(c, plan_text)]
        said = sorted([*near, *far], key=lambda clause: not _names_in_plan(clause, plan_text))
        found = next((t for t in (topic_of(c)[1] for c in said) if any(w in plan_text for w in t)), None)
        if found:
            return found
        own = topic_of(near[0])[1] if near and not nouns else []
        if own:  # 政府保障、租金比较低的房子…，总共准备了多少套: the asker's own words for it
            return own
    if topic and not any(w in plan_text for w in topic):
        topic = topic_of(whole)[1]
    return topic


PLAN_NAME = 4  # characters: a run of the plan's own text this long names one of its things


def _names_in_plan(clause: str, plan_text: str) -> bool:
    return any(not only_general(run) for run in plan_terms(clause, plan_text, PLAN_NAME))


# Words that name a benefit an enterprise may receive: a question whether a benefit exists is about
# whom or what it is for (退役军人, 停车, 房租), and only a plan that names that can say yes.
_BENEFIT = re.compile(r"补贴|补助|奖补|奖励|减免|优惠|资助|津贴|返还|贴息|免费")


def unnamed_beneficiary(asking: str, plan_text: str, quoted: list[str]) -> str | None:
    """What a question about a benefit wants it for (停车 in 有停车补贴吗, 退役军人 in 招用退役军人有补贴吗),
    when the plan never names it and the best units do not speak of it: the plan's general 资金补贴
    is no answer to it. None when the question asks about no benefit, or the plan names what it is for.
    `asking` is normalised simplified text; `quoted` the texts of the units an answer would quote."""
    benefit = _BENEFIT.search(asking)
    if benefit is None:
        return None
    before = [
        w.word
        for w in posseg.lcut(_ASKING_WORDS.sub("，", asking[: benefit.start()]))
        if _HAN.search(w.word) and (_nounish(w.flag) or w.flag.startswith("v"))
    ]
    words = before[-1:] + topic_nouns(asking[: benefit.start()])  # what it is for is said before it
    named = []  # what it is for, in the plan's own words
    for word in dict.fromkeys(words):
        if len(word) < 2 or word in GENERAL or word in _FRAME:
            continue
        if word in plan_text:
            named.append(word)
        elif not any(_spoken_of(word, text) for text in quoted):
            return word
    # 培养首席质量官有没有补贴: the plan names the thing, but where it speaks of it offers no benefit
    speaking = [text for text in quoted if any(_spoken_of(word, text) for word in named)]
    if speaking and not any(_BENEFIT.search(text) for text in speaking):
        return benefit.group(0)
    return None


_YEARS = re.compile(r"(?:19|20)\d{2}年?")
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{2,6}(?![A-Za-z])")


def unknown_acronym(raw: str, plan_text: str, bridge, plan_names: Collection[str] = ()) -> str | None:
    """An English acronym the plan never uses and no dictionary turns into the plan's words (GDP in
    2024年闵行GDP增长了多少), in a one-clause question naming nothing else the plan has: that acronym is
    all it asks about. `raw` is the question as typed, its case kept (a lower-case run is as often a
    typed pinyin or a word the spelling step reads); `bridge` the index's English bridge."""
    found = _ACRONYM.findall(raw)
    unknown = [w for w in found if w.lower() not in plan_text and not bridge.terms(w)]
    if not unknown or len(unknown) < len(found) or re.search(r"[a-z]", raw):
        return None
    rest = normalise(to_hans(re.sub(r"[A-Za-z0-9]+", "，", _YEARS.sub("，", raw))))
    for name in plan_names:  # the district's own name is no topic
        rest = rest.replace(name, "，")
    if topic_nouns(rest, plan_names) or plan_terms(rest, plan_text):
        return None
    return unknown[0]


def named_in(word: str, text: str, stretch: int) -> str | None:
    """The span of `text` that names `word`, as written or as its abbreviation: from the word's first
    character to its last, holding all its characters in order, at most `stretch` times as long
    (保租房 → 保障性租赁住房, 租房 → 租赁住房); None when `text` does not name it."""
    if word in text:
        return word
    if len(word) < 2:
        return None
    span = rf"{re.escape(word[0])}{''.join(f'[^，,。；;]*?{re.escape(c)}' for c in word[1:])}"
    return next((m.group(0) for m in re.finditer(span, text) if len(m.group(0)) <= stretch * len(word)), None)


def plan_terms(asking: str, text: str, shortest: int = 3) -> list[str]:
    """The longest runs of the asking clause, `shortest` characters or more, that the plan's `text`
    holds word for word ("一张床" in 方案里那个一张床是多少张来着), where the tagger finds no noun."""
    spans = []  # the longest run from each start; the longer of two overlapping runs is kept
    for i in range(len(asking) - shortest + 1):
        end = i + shortest
        if _HAN.fullmatch(asking[i]) and asking[i:end].isalnum() and asking[i:end] in text:
            # a run stops at punctuation: 基金联盟, is the name 基金联盟 wherever the plan has a comma
            while end < len(asking) and asking[end].isalnum() and asking[i : end + 1] in text:
                end += 1
            spans.append((i, end))
    kept: list[tuple[int, int]] = []
    for i, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):  # 申请人才公寓: 人才公寓, not 申请人
        if all(end <= a or i >= b for a, b in kept):
            kept.append((i, end))
    found = [asking[i:end] for i, end in sorted(kept)]
    runs = (_EDGE_PARTICLES.sub("", t) for t in found)  # 的目标 is 目标, a frame word
    return [t for t in runs if len(_unframed(t)) >= 2 and not _ASKING_WORDS.search(t)]


def only_general(run: str) -> bool:
    """The run is made of general and frame words only (工作机制, 总体要求): it names nothing."""
    return not _without_words(run, GENERAL | _FRAME)


def _unframed(run: str) -> str:
    """The run without its frame words: 总规模 frames a figure (规模) and names nothing."""
    return _without_words(run, _FRAME)


def _without_words(run: str, words: frozenset[str]) -> str:
    for word in sorted(words, key=len, reverse=True):
        run = run.replace(word, "")
    return run


# Function characters that may open or close a run of the plan's words without naming anything.
_EDGE_PARTICLES = re.compile(
    r"^[的了是在和与及把被将对从为就都也还要会]+|[的了是在和与及把被将对就都也还要会]+$"
)


def _spoken_of(word: str, text: str) -> bool:
    """Most of `word`'s characters stand in `text` (贴息贷款 in 贷款利息补贴)."""
    return sum(ch in text for ch in word) * 2 > len(word)


# The same in English: a subsidy for interns, a parking allowance.
_EN_BENEFIT = r"subsid(?:y|ies)|grants?|allowances?|rebates?|rewards?|bonus(?:es)?|incentives?|discounts?"
_EN_BENEFIT_FOR = re.compile(
    rf"\b(?:{_EN_BENEFIT})\s+(?:for|to)\s+([a-z][a-z\s'-]{{2,40}}?)(?=\s+(?:in|at|from|under|by|of)\b|[?.,!]|$)"
    rf"|\b([a-z]{{4,}})\s+(?:{_EN_BENEFIT})\b",
    re.I,
)
_EN_FUNCTION_WORDS = "the a an any some my our your their for to and or of is are there"
_EN_FUNCTION = frozenset(_EN_FUNCTION_WORDS.split())


def unnamed_beneficiary_en(question: str, terms_of, function_words: Collection[str] = ()) -> str | None:
    """What an English question about a benefit wants it for, when no word of it reaches a term of
    the plan (`terms_of`: English text → the plan's Chinese terms): a subsidy for hiring interns. The
    words that translate to nothing on purpose (`function_words`: every, just) name no purpose."""
    for found in _EN_BENEFIT_FOR.finditer(question):
        words = re.findall(r"[a-z]+", (found.group(1) or found.group(2)).lower())
        for word in words:
            if (
                len(word) > 3
                and word not in _EN_FUNCTION
                and word not in function_words
                and not terms_of(word)
            ):
                return word
    return None


# Three or more items in a row: 通用AI、量子科技、新型能源 or 预孵-初创-骨干-领军.
_LISTED = re.compile(r"[^、，,。；;]{1,15}(?:、[^、，,。；;]{1,15}){2,}|\w{1,6}(?:-\w{1,6}){2,}")
_SENTENCE_END = re.compile(r"[。；;]")
_CLAUSE_END = re.compile(r"[，,。；;]")


def lists_members(text: str, topic: tuple[str, ...]) -> bool:
    """Does `text` (a statement, without its units) list members of the topic: three or more items
    after every topic word in its sentence or in the same clause (“预孵-初创-骨干-领军”的科创企业发现
    培育体系, 先导区建设,推进通用AI、量子科技、新型能源)? A list the topic follows is about something else."""
    for sentence in _SENTENCE_END.split(text):
        for listed in _LISTED.finditer(sentence):
            clause_end = len(_CLAUSE_END.split(sentence[listed.end() :])[0])
            if all(w in sentence[: listed.end() + clause_end] for w in topic):
                return True
    return False
