"""What a value question asks for: "区长" in 闵行区现任区长是谁？, "税率" in 企业所得税的税率是多少？.

When the thing asked for is a word the plan never uses, no sentence of the plan can answer it, however
close retrieval comes to the rest of the question (the district, the tax, the loan). Only questions
that ask for a value (是多少, 是谁, 在哪里, 怎么算, 帮我查…) are judged this way: an open question may
use words of its own and still be about the plan."""

from __future__ import annotations

import logging
import re

import jieba
from jieba import posseg

jieba.setLogLevel(logging.WARNING)

_VALUE_TAIL = re.compile(
    r"(是)?(多少钱?|多少个?|几个|几家|是谁|谁|哪家公司|哪家|哪个公司|怎么算分?|怎么计算|如何计算|在哪里?|在哪儿)"
    r"(个百分点)?[?？。!！]*$"
)
_LOOK_UP = re.compile(r"^(帮我|请|麻烦)?(查一下|查查|查询|查|告诉我|说说)")
# Words that frame the thing asked for without naming it: time, quantity and "standard"-like heads.
_FRAME_WORDS = (
    "今年 现在 目前 现任 当前 最新 今天 具体 一下 一共 总共 大概 大约 一个月 每月 每年 每个月 "
    "要求 标准 情况 数字 数额 金额 目标 规模 数量 水平 名单 名称 名字 内容 总额 总量 总数 数目 个数 "
    "额度 比例 比重 数值 幅度 期限 时限 次数"
)
_FRAME = frozenset(_FRAME_WORDS.split())

_HAN = re.compile(r"[\u4e00-\u9fff]")
_FRAME_TAGS = frozenset(["t", "m", "q", "uj", "ul"])  # time, numeral, measure word, particles
# Single characters that make a noun of the word before them (管理 + 人, 手续 + 费); a verb (开) does not.
_NOUN_SUFFIX = frozenset("人者员长费率价额量数方商师")


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
    words = [(w.word, w.flag) for w in posseg.lcut(head.rsplit("的", 1)[-1]) if _HAN.search(w.word)]
    framed = False
    while words and (words[-1][0] in _FRAME or words[-1][1] in _FRAME_TAGS):
        words.pop()
        framed = True
    if not words or not _nounish(words[-1][1]):
        return None
    last = words[-1][0]
    if len(last) > 1:
        return last
    if not framed and last in _NOUN_SUFFIX and len(words) > 1 and len(words[-2][0]) > 1:
        return words[-2][0] + last  # "管理" + "人": jieba splits the noun asked for
    return None


def _nounish(tag: str) -> bool:
    return tag.startswith("n") or tag in ("vn", "l", "j")


def nouns(text: str) -> list[str]:
    """The nouns of two or more characters in `text` (normalised simplified input), in order."""
    return [w.word for w in posseg.lcut(text) if len(w.word) > 1 and _HAN.search(w.word) and _nounish(w.flag)]


def warm_up() -> None:
    """Load jieba's dictionary now (about a second) rather than in the first visitor's request."""
    asked_for("预热是多少")
