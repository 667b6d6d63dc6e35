"""What kind of answer a question wants: a figure, a date, a department, everything a department does,
a section overview, a yes/no, a list, or an explanation. Works on the normalised simplified question,
so traditional questions need no rules of their own; English questions have their own cue words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

IntentKind = Literal[
    "figure", "date", "who", "dept_all", "section", "outline", "yesno", "list", "what", "absent"
]  # absent: about a thing the plan never names (declined)

# Units a figure question asks in ("多少套", "几个工作日"), mapped to the units of the plan's targets (simplified).
# A count word with a measure word asks in that measure (几天, 多少天 → 天 or 个工作日).
_MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    "套": ("套",),
    "张": ("张",),
    "家": ("家",),
    "个": ("个", "个工作日"),
    "项": ("项", "个"),
    "条": ("条",),
    "届": ("届",),
    "年": ("年",),
    "天": ("个工作日", "天"),
    "个月": ("个月",),  # 几个月免租期: a duration, not a count of 个
    "个工作日": ("个工作日",),
    "分钟": ("分钟",),
    "点钟": ("点钟",),  # a time of day: the plan sets none
}
UNIT_CUES: dict[str, tuple[str, ...]] = {
    **{f"{count}{word}": units for word, units in _MEASURE_WORDS.items() for count in ("几", "多少")},
    "亿": ("亿元", "亿"),
    "万": ("万元", "万"),
    "%": ("%",),
    "百分": ("%",),
    "钱": ("亿元", "万元", "元"),
    # what one gets or borrows is a sum of money (每人能补多少 is no 三年 of 三年行动计划)
    **{f"{verb}{to}多少": ("亿元", "万元", "元") for verb in "补贷借领拿" for to in ("", "到")},
    "比例": ("%",),
    "率": ("%",),
    "平方公里": ("平方公里",),
    "面积": ("平方公里",),
    "工作日": ("个工作日",),
    "家数": ("家",),  # 授信家数多少: a count of 家
    "户数": ("户", "家"),
    "项数": ("项", "个"),
    "多久": ("个工作日", "分钟", "月底前", "天"),
    "多长时间": ("个工作日", "分钟", "月底前", "天"),
    "分钟": ("分钟",),
    "几点零": ("版",),  # a version: 3.0版
    "什么版本": ("版",),
    "哪个版本": ("版",),
    "几点": ("点钟",),
}
EN_UNIT_CUES: dict[str, tuple[str, ...]] = {
    "billion": ("亿元", "亿"),
    "yuan": ("亿元", "亿"),
    "percent": ("%",),
    "%": ("%",),
    "rate": ("%",),
    "share of": ("%",),  # what share of services: a percentage
    "percentage": ("%",),
    "proportion": ("%",),
    "days": ("个工作日", "天"),
    "how long": ("个工作日", "分钟", "月底前", "天"),
    "minute": ("分钟",),
    "square": ("平方公里",),
    "flats": ("套",),
    "apartments": ("套",),
    "units": ("套",),
    "beds": ("张",),
    "companies": ("家",),
    "enterprises": ("家",),
    "stations": ("个",),
}

DURATIONS = frozenset({"个工作日", "天", "分钟", "小时", "个月", "月底前"})  # lengths of time

# Units no count is given in (how many GP fund teams: 80个, 20家, never 50亿元 or 90%).
NOT_COUNTS = ("亿元", "亿", "万元", "万", "元", "%")
# 几 asks here after 了 too (今年新增了几个?): the asking clause is already told from the story
# (bot/question.py), which is where 做了几年 is read as the asker's "a few".
_FIGURE = re.compile(
    r"多少|(?<![哪这那])(?<!(?<!提)前)(?<!第(?=几[条项部节章款块]))几(?![天年个月]前)[个家套张项条天年届]?|多大|多长|多久|多高|规模|数量|目标值|比例|百分之"
)
_DATE = re.compile(
    r"哪天|哪一天|什么时候|啥时候|何时|几月|几号|哪个月|哪一?月|日期|哪一?年|截止|期限|时间节点"
)
_WHO = re.compile(
    r"哪个部门|哪些部门|哪几个部门|哪家单位|哪个单位|哪些单位|谁|牵头|负责|主管|归.{0,3}管|找哪|联系哪|配合"
    r"|哪(个|几个|一个)(局|委|办|机构)"  # 哪个局管: a unit by its kind
)
_DEPT_ALL = re.compile(
    r"(负责|承担|参与|牵头|要做|干|做|管)(了)?(哪些|什么|啥|些什么)(事|工作|任务|措施|事情|事儿)?|(有|的)哪些(任务|工作|职责)"
)
_SECTION = re.compile(
    r"讲(了)?(什么|啥|些什么)|主要内容|是什么内容|包括哪些|有哪些措施|有哪几|概述|讲的是|内容是"
)
# Asked whether the plan sets a figure (有没有具体目标, 是不是没定具体数字, 定了具体套数吗), the figure says
# yes and "the plan gives none" says no.
_FIGURE_SET = re.compile(
    r"具体的?(数字|数目|数值|数额|目标值?|指标|比例|金额|额度|数量|规模|[套家项个张]数)"
    r"|(定|给|写|提)[了出]?(个|多少)?(数字|数目|数值|指标)"
)


def _asks_if_figure_set(q: str) -> bool:
    return bool(_FIGURE_SET.search(q) and _YESNO.search(q))


_YESNO = re.compile(
    r"能不能|能否|可不可以|可以.{0,12}吗|是不是|是否|有没有|会不会|行不行|吗[?？]?$|(?<![什怎那这多])么[?？]?$"
)
# "几项行动都讲了什么": a count word, but the content is what is asked for.
_CONTENT = re.compile(r"(讲|写|说)(了)?(些)?(什么|啥)|分别|都(有|是)(什么|哪些)")
# A follow-up that asks something of its own ("那总体目标是什么？") keeps its own intent.
_OWN_ASK = re.compile(r"什么|啥|哪|谁|多少|几|吗|怎么|如何|是否|能不能|有没有|会不会")
# The plan's own shape: "方案一共有几部分？", "总共多少项措施？"
_SHAPE = re.compile(
    r"(?<!第)(几|多少)(个|项|条|大)?(部分|项?措施|项?行动|项?任务)|分(为|成)(几|哪几)(个)?部分"
)
_EN_SHAPE = re.compile(r"\bhow many (parts|sections|measures|tasks)\b", re.I)
# What a named section holds, asked in any verb (下面具体安排了哪些行动, 部署了哪几项措施): its outline.
_CHILDREN = re.compile(r"(哪些|哪几|什么|几)(个|项|条|大)?(具体)?(措施|行动|任务|举措)")


def asks_contents(q: str) -> bool:
    """Does the (normalised) question ask which measures or tasks a section it names holds?"""
    return bool(_CHILDREN.search(q))


_LIST = re.compile(r"哪些|哪几|有什么|都有|分别|列出|列举")
_EN_FIGURE = re.compile(
    r"\bhow (many|much|large|big|long|high)\b|\bwhat(?:'s| is| was) the (target|size|number|amount|rate|scale)\b"
    r"|\bwhat (share|percentage|proportion|fraction|portion) of\b",
    re.I,
)
_EN_ASKED = re.compile(r"\b(how (many|much|long|large|big)|what is the \w+)(\s+[\w-]+){0,4}", re.I)
_EN_DEPT_ALL = re.compile(
    r"\bwhat (does|do|will) .+ (do|handle|lead|take part in)\b|\bwhat (is|are) .+ responsible for\b"
    r"|\b(tasks|work|remit|duties) of\b",
    re.I,
)
_EN_DATE = re.compile(r"\bwhen\b|\bwhat date\b|\bdeadline\b", re.I)
# "which (district) departments": a word or two may stand between which and the unit; plural asks them all
_EN_WHO = re.compile(
    r"\bwho\b|\bwhich (?:[a-z-]+ ){0,2}?(?:department(s?)|office(s?)|unit(s?)|bureau(s?)|agenc(?:y|(ies))"
    r"|bod(?:y|(ies)))\b|\bresponsible\b|\bin charge\b",
    re.I,
)
_EN_YESNO = re.compile(r"^(can|will|is|are|does|do|should|may)\b", re.I)
# "Can you tell me what item 2.3.2 says?": a polite request around the question, which asks the rest;
# "… tell me whether/if …" is a yes/no.
_EN_POLITE = re.compile(
    r"^\s*(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|show|give|explain(?:\s+to)?|let)"
    r"\s+(?:me|us)(?:\s+know)?|do\s+you\s+know|i(?:'d|\s+would)\s+like\s+to\s+know|i\s+(?:want|wonder)(?:\s+to\s+know)?)"
    r"\s*,?\s*",
    re.I,
)
_EN_WHETHER = re.compile(r"^(?:if|whether)\b", re.I)
_EN_SECTION = re.compile(r"\bwhat (does|is) (part|section|measure)\b|\babout\b.*\b(part|section)\b", re.I)


@dataclass(frozen=True)
class Intent:
    kind: IntentKind
    units: tuple[str, ...] = ()  # plan units a figure question names (亿元, 套 …)
    wants_list: bool = False
    not_units: tuple[str, ...] = ()  # units the figure asked cannot be in (a count is no sum of money)
    led_only: bool = False  # a remit asked of the tasks a unit leads (牵头), not all it joins

    @property
    def asks_duration(self) -> bool:
        """How long something takes (审批多久, 几天到账). That is a detail of how a service is run:
        where the plan sets no time limit for the thing asked, it does not cover the question."""
        return bool(self.units) and set(self.units) <= DURATIONS


# A remit question about the lead role alone (区司法局牵头哪些工作, Which tasks does it lead?), not
# one that names both roles (牵头或参与, lead or take part in).
_LEADS = re.compile(r"牵头")
_EN_LEADS = re.compile(r"\blead(s)?\b|\bled by\b|牵头", re.I)
_BOTH_ROLES = re.compile(r"参与|配合|协同|\btake part\b|\bparticipat|\bjoin|\binvolved\b|\bsupport", re.I)


def remit(question: str, english: bool = False) -> Intent:
    """A question what a named unit does: all its tasks, or those it leads where only that is asked."""
    lead = (_EN_LEADS if english else _LEADS).search(question)
    return Intent("dept_all", wants_list=True, led_only=bool(lead) and not _BOTH_ROLES.search(question))


def detect_intent(question: str, english: bool = False, names_department: bool = False) -> Intent:
    """The intent of a normalised (simplified, half-width) question, or an English one."""
    return _english(question, names_department) if english else _chinese(question, names_department)


def _chinese(q: str, names_department: bool) -> Intent:
    wants_list = bool(_LIST.search(q))
    if names_department and _DEPT_ALL.search(q) and not _FIGURE.search(q):
        return remit(q)
    if _SHAPE.search(q) and not _CONTENT.search(q):
        return Intent("outline", wants_list=True)
    if _WHO.search(q):
        return Intent("who", wants_list=wants_list)
    if _DATE.search(q):
        return Intent("date")
    if (_FIGURE.search(_counting(q)) and not _CONTENT.search(q)) or _asks_if_figure_set(q):
        return Intent("figure", units=_units(q, UNIT_CUES), wants_list=wants_list)
    if _SECTION.search(q):
        return Intent("section", wants_list=True)
    if _YESNO.search(q):
        return Intent("yesno")
    if wants_list:
        return Intent("list", wants_list=True)
    return Intent("what")


def _english(q: str, names_department: bool = False) -> Intent:
    polite = _EN_POLITE.match(q)
    if polite and q[polite.end() :].strip():
        q = q[polite.end() :]
        if _EN_WHETHER.match(q):
            return Intent("yesno")
    if _EN_SHAPE.search(q):
        return Intent("outline", wants_list=True)
    if names_department and _EN_DEPT_ALL.search(q):
        return remit(q, english=True)
    who = _EN_WHO.search(q)
    if who:
        return Intent("who", wants_list=any(who.groups()))
    if _EN_DATE.search(q):
        return Intent("date")
    if _EN_FIGURE.search(q):
        asked = _EN_ASKED.search(q)  # "how many GP fund teams": the unit is the words after the cue
        units = _units((asked.group(0) if asked else q).lower(), EN_UNIT_CUES)
        if not units and asked and not asked.group(2):  # what is the target for the … rate: its noun phrase
            units = _units(q.lower(), EN_UNIT_CUES)
        counts = not units and asked and (asked.group(2) or "").lower() == "many"  # a count: no sum, no share
        return Intent("figure", units=units, not_units=NOT_COUNTS if counts else ())
    if _EN_SECTION.search(q):
        return Intent("section", wants_list=True)
    if _EN_YESNO.search(q):
        return Intent("yesno")
    return Intent("what")


def _counting(q: str) -> str:
    """The clauses that may ask for a count: in a yes/no clause a count word is indefinite
    (能少跑几趟吗, 是不是只在少数几个行业试点)."""
    return "，".join(c for c in re.split(r"[，,、]", q) if not _YES_NO_CLAUSE.search(c))


_YES_NO_CLAUSE = re.compile(r"吗[?？]?$|是否|是不是|([\u4e00-\u9fff])[不没]\1")


def asks_on_its_own(question: str) -> bool:
    """True when a (normalised) question carries its own question word, so a follow-up does not
    inherit the earlier question's intent."""
    return bool(_OWN_ASK.search(question))


_STATED_AMOUNT = re.compile(r"[\d.零一二两三四五六七八九十百千]+[亿万]")


def _units(q: str, cues: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    found: list[str] = []
    q = re.sub("个百?分?点", "百分点", q)  # 多少个(百分)点 asks for a percentage, not a count
    q = _STATED_AMOUNT.sub("", q)  # 200亿专项贷款的利率: the amount names the loan, the rate is asked
    for cue in sorted(cues, key=len, reverse=True):  # 几个月 is no 几个, 几点零 no 几点
        if cue in q:
            found.extend(u for u in cues[cue] if u not in found)
            q = q.replace(cue, " ")
    return tuple(found)


# What is left of "第一部分第二条是关于什么的？" once the reference and the asking are taken away: nothing.
_REFERENCE_WORDS = re.compile(
    r"第|部分|部份|条|项|款|[一二三四五六七八九十\d.、()（）]|关于|讲|写|说|是|的|了|什么|啥|哪|些|几|事|主要|具体|内容"
    r"|措施|任务|举措|工作|行动|那|这|一|有|都|呢|吗|么|[?？,，。!！\s]"
    r"|块|最后|叫|名字|名称|标题|题目|多少|工程|来着|哈|呀|啊|action|part|[a-z\d]|方案|文件|个|里|中|本"
    r"|下面|下边|包含|包括|涵盖|分为|分成|列|[“”\"'「」『』]"  # what the section holds, its title quoted
)


def asks_only_about_section(question: str, title: str = "") -> bool:
    """True when a (normalised) question names a section (by number, or by its `title`) and asks
    nothing else of it."""
    rest = _REFERENCE_WORDS.sub("", question)
    if title:  # the title, or words of it (第二部分 助企那个), only say which section
        rest = re.sub("|".join(_title_pieces(rest, title)) or "(?!)", "", rest)
    return len(rest) < 2


def _title_pieces(text: str, title: str) -> list[str]:
    """The runs of two or more characters of `text` that the title holds, longest first."""
    pieces = {text[i:j] for i in range(len(text)) for j in range(i + 2, len(text) + 1) if text[i:j] in title}
    return sorted(map(re.escape, pieces), key=len, reverse=True)
