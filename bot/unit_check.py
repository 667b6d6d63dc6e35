"""A yes/no whether a named unit does a thing (一业一证是区市场局负责的吗？, 莫德纳速度那条不是区规划资源局
牵头的吗？). The unit named is the asker's guess, not the topic: the thing is looked up on its own (一业一证
由谁负责？) and the answer says whether the guess holds, then who does it. Searched with the unit's name,
the question would find a task of that unit near the topic and seem to confirm the guess."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.model import Answer
from bot.question import Question
from planqa.script import to_hans

# 区市场局是不是负责…, 区人社局在管吧, 区市场局在搞吗: the unit's role guessed in any everyday verb
_ROLE = re.compile(
    r"(是不是|是否|不是|是|也|还|不)?在?(牵头|负责|主管|管理|管|主抓|抓|搞|弄|办|推进|推动|推|建设|建|做|落实|实施"
    r"|组织|开展|运营|承办|主办)"
)
# 闵闵工作室是区市场局的服务品牌？ 平安客厅是区法院的窗口吧 · 做兜底式保护的是区投促中心吧: the thing
# said to be the unit's own, or the unit said to be the one doing it
_OWNED = re.compile(r"(?:的[^，,。？?！!吗吧么]{0,12})?(?=(?:吗|吧|么|[,，]?(?:对|是)[吗吧])?[?？。!！]*$)")
# 吧: a guess put to be confirmed; a role said last with a question mark (检查码 区市场局负责？) is one too
_YES_NO = re.compile(r"(吗|吧|(?<![什怎那这多])么)[?？]*$|是不是|是否|[?？]+$")
_GUESS_BEFORE = re.compile(r"(是不是|不是|就是|是|由|归|并非|不)+$")  # 一业一证是 | 区市场局, 不归 | 区市场局
_WH = re.compile(r"什么|啥|哪|谁|多少|几")
# 不归区市场局管，对吧 · 不是区市场局负责的吧 · 区市场局不管吧: the guess is that the unit does NOT do it.
# 不是区规划资源局牵头的吗 asks back (isn't it …?): a guess that it does.
_NEGATED_BEFORE = re.compile(r"(?<!是)(?:不是|不归|不由|并非)$")
_ASKS_BACK = re.compile(r"吗[?？]*$")
MIN_TOPIC = 2  # characters: a thing to look up (一业一证), not a word of the turn (那)
_PARTICLES = re.compile(r"^(的|了)+|(的|吗|么|呢|吧|啊|呀|[?？,，。])+$")


@dataclass(frozen=True)
class UnitCheck:
    unit: str  # as the question names it (区市场局, 人社局)
    who_question: str  # the thing asked of on its own: 一业一证由谁负责？
    lead: bool  # the guess is that the unit leads (牵头)
    negated: bool = False  # the guess is that the unit does not do it (不归区市场局管吧)


def checked_unit(question: Question) -> UnitCheck | None:
    """The unit a Chinese yes/no guesses does the thing it asks about, and the thing asked alone."""
    units = question.named("unit")
    text = question.text
    if question.english or len(units) != 1 or not _YES_NO.search(text) or _WH.search(text):
        return None  # 区科委还管别的什么吗: asks what, guesses nothing
    unit = units[0]
    at = text.find(unit)
    if at < 0:
        return None
    before = _PARTICLES.sub("", _GUESS_BEFORE.sub("", text[:at]))
    role = _ROLE.match(text, at + len(unit))
    guessed = _GUESS_BEFORE.search(text[:at]) and before  # 闵闵工作室是 | 区市场局的服务品牌
    said = role or (_OWNED.match(text, at + len(unit)) if guessed else None)
    if said is None:
        return None
    topic = before or _PARTICLES.sub("", text[said.end() :])
    if len(topic) < MIN_TOPIC:
        return None
    lead = role is not None and role.group(2) == "牵头"
    said_not = bool(_NEGATED_BEFORE.search(text[:at])) or (
        role is not None and role.group(1) in ("不", "不是")
    )
    negated = said_not and not _ASKS_BACK.search(text)
    return UnitCheck(unit, f"{topic}由谁{'牵头' if lead else '负责'}？", lead, negated)


def with_verdict(answer: Answer, check: UnitCheck, question: str) -> Answer:
    """The who-answer led by whether the guess holds: 不是，由区经委牵头负责。 A unit that only joins a
    task it was guessed to lead is no yes; a guess that the unit does not do it holds when it does not
    (不归区市场局管吧？ 不对，由区市场局负责。)."""
    if not answer.answered or not answer.departments:
        return replace(answer, question=question)
    text = to_hans(answer.answer)
    named = [d for d in answer.departments if check.unit in to_hans(d) or to_hans(d) in check.unit]
    holds = bool(named) and (
        not check.lead or any(f"{to_hans(d)}牵头" in text or f"{to_hans(d)}（牵头）" in text for d in named)
    )
    if check.negated:  # only Chinese guesses are checked: 对 / 不对 in the answer's script
        holds = not holds
        yes, no = ("對，", "不對，") if answer.script == "hant" else ("对，", "不对，")
    else:
        yes, no = ("Yes. ", "No. ") if answer.script == "en" else ("是，", "不是，")
    return replace(answer, question=question, answer=(yes if holds else no) + answer.answer)
