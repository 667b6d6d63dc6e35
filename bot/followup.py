"""Follow-up questions resolve against the conversation: 那这个由哪个部门负责？ · 第四条呢？ · 要建多少个？

A question that leans on an earlier one (a pronoun, an elliptical 呢, a bare section number, or almost no
content of its own) is searched together with the earlier question; what it asks for (a figure, a
department) comes from itself when it says, else from the earlier question."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.question import Question
from index.lookup import cn_number
from planqa.script import normalise

_ANAPHORA = re.compile(
    r"^(那|那么|那这|这|这个|那个|这些|那些|它|其|该|此|上述|上面|刚才|还有|另外|再)|这个|那个|这项|该项|呢[?？]?$"
)
_EN_ANAPHORA = re.compile(r"\b(it|this|that|these|those|they|them)\b|^(and|what about|how about)\b", re.I)
_BARE_MEASURE = re.compile(r"^第?([一二三四五六七八九十\d]+)(条|项|个措施)")
_PART_REF = re.compile(r"第([一二三四五六七八九十\d]+)部分|^([一二三四五])、")
# Words of asking, and words that frame a figure without naming its topic (规模有多大？ leans on the
# question before it as much as 由谁负责？ does).
_QUESTION_WORDS = re.compile(
    r"多少|几个|几|哪个|哪些|什么|怎么|如何|是否|能不能|吗|呢|谁|部门|负责|牵头|[?？,，。!！]"
    r"|有?多(大|长|久|高|快)|规模|数量|目标|总额|金额|比例|时间|期限|时限|要求|标准"
    r"|第[一二三四五六七八九十\d]+个|叫|名字|名称"  # 第二个叫什么: an item of the answer before, by its place
)
MIN_OWN_CONTENT = 4  # characters of content a question needs to stand alone


@dataclass(frozen=True)
class Resolved:
    query: str  # what to search with
    leans_on: str | None  # the earlier question it leans on, if any
    own_topic: bool = True  # it names its topic itself (那一张床呢？), so its answer is chosen by its words
    context: tuple[str, ...] | None = None  # the turns that count, when it goes back to an earlier one


def resolve(question: Question, history: list[str]) -> Resolved:
    """What to search with for `question` in a conversation whose earlier questions are `history`.
    The pointing words are looked for in the asking clause (…这些由谁负责？ after a story still
    leans, 我们公司那个项目… in the background does not)."""
    search = question.search
    if not history:
        return Resolved(search, None)
    previous = history[-1]
    q = question.ask
    back = _turn_back_to(question.text, history)
    if back is not None:  # 回到第一个，那个贷款给企业什么优惠: the topic of the turn gone back to
        earlier = history[back]
        return Resolved(
            f"{earlier} {search}", earlier, _has_own_topic(question.text), tuple(history[: back + 1])
        )
    bare = _BARE_MEASURE.match(q)
    if bare:
        part = _last_part_ref(history)
        if part:
            return Resolved(f"{part}{search}", previous)
    if _leans(question.raw, q, question.text):
        return Resolved(f"{_root(history)} {search}", previous, _has_own_topic(question.text))
    return Resolved(search, None)


# Going back to an earlier turn: 回到第一个, 最开始问的, 那前一个呢 (the one before the last); 后一个
# (the latter of the two asked about) is the last.
_BACK_TO = re.compile(
    r"回到(?:第([一二三四五六七八九十\d]+)个|最开始|一开始|最早)|(?:最开始|一开始|最早)(?:问|说)的"
    r"|第([一二三四五六七八九十\d]+)个问(?:题|的)|(?:前|上)一个(?:问题)?(?:呢|吧|[,，])"
    r"|^(?:那|那么)?(?:后一个|后面那个|后面一个)"
)


def _turn_back_to(text: str, history: list[str]) -> int | None:
    """The index of the earlier turn the question goes back to, if it says so."""
    found = _BACK_TO.search(text)
    if found is None:
        return None
    n = found.group(1) or found.group(2)
    if n:
        counted = cn_number(n)
        return counted - 1 if counted and 0 < counted <= len(history) else None
    if "后" in found.group(0):
        return len(history) - 1
    if "前" in found.group(0) or "上" in found.group(0):
        return len(history) - 2 if len(history) >= 2 else None
    return 0


def _leans(raw: str, asking: str, whole: str | None = None) -> bool:
    """Points back (in its asking clause), or has too little content of its own (in all it says)."""
    if _ANAPHORA.search(asking) or _EN_ANAPHORA.search(raw):
        return True
    return len(_QUESTION_WORDS.sub("", whole or asking)) < MIN_OWN_CONTENT


def _has_own_topic(q: str) -> bool:
    """Content enough to stand for the topic once pointing words are set aside (那一张床呢 → 一张床)."""
    return len(_QUESTION_WORDS.sub("", _ANAPHORA.sub("", q))) >= MIN_OWN_CONTENT - 1


def _root(history: list[str]) -> str:
    """The last question that stands on its own (earlier follow-ups lean on it too)."""
    for earlier in reversed(history):
        if not _leans(earlier, normalise(earlier)):
            return earlier
    return history[-1]


def _last_part_ref(history: list[str]) -> str | None:
    for earlier in reversed(history):
        m = _PART_REF.search(normalise(earlier))
        if m:
            return f"第{m.group(1) or m.group(2)}部分"
    return None
