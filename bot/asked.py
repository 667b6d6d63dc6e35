"""What a value question asks for: "区长" in 闵行区现任区长是谁？, "税率" in 企业所得税的税率是多少？.

When the thing asked for is a word the plan never uses, no sentence of the plan can answer it, however
close retrieval comes to the rest of the question (the district, the tax, the loan). Only questions
that ask for a value (是多少, 是谁, 在哪里, 怎么算, 帮我查…) are judged this way: an open question may
use words of its own and still be about the plan."""

from __future__ import annotations

import logging
import re

import jieba

jieba.setLogLevel(logging.WARNING)

_VALUE_TAIL = re.compile(
    r"(是)?(多少钱?|多少个?|几个|几家|是谁|谁|哪家公司|哪家|哪个公司|怎么算分?|怎么计算|如何计算|在哪里?|在哪儿)"
    r"(个百分点)?[?？。!！]*$"
)
_LOOK_UP = re.compile(r"^(帮我|请|麻烦)?(查一下|查查|查询|查|告诉我|说说)")
# Words that frame the thing asked for without naming it: time, quantity and "standard"-like heads.
_FRAME = frozenset(
    [
        "今年",
        "现在",
        "目前",
        "现任",
        "当前",
        "最新",
        "今天",
        "具体",
        "一下",
        "一共",
        "总共",
        "大概",
        "大约",
        "一个月",
        "每月",
        "每年",
        "每个月",
        "要求",
        "标准",
        "情况",
        "数字",
        "数额",
        "金额",
        "目标",
        "规模",
        "数量",
        "水平",
        "名单",
        "名称",
        "名字",
        "内容",
    ]
)

# Single characters that make a noun of the word before them (管理 + 人, 手续 + 费); a verb (开) does not.
_NOUN_SUFFIX = frozenset("人者员长费率价额量数方商师")


def asked_for(question: str) -> str | None:
    """The word naming what a value question asks for (normalised simplified input), else None."""
    tail = _VALUE_TAIL.search(question)
    if tail:
        head = question[: tail.start()]
    elif _LOOK_UP.search(question):
        head = question.rstrip("?？。!！")
    else:
        return None
    head = head.rsplit("的", 1)[-1]
    words = [w for w in jieba.lcut(head) if re.search(r"[\u4e00-\u9fff]", w)]
    framed = bool(words) and words[-1] in _FRAME
    words = [w for w in words if w not in _FRAME]
    if not framed and len(words) >= 2 and words[-1] in _NOUN_SUFFIX and len(words[-2]) >= 2:
        return words[-2] + words[-1]  # "管理" + "人": jieba splits the noun asked for
    words = [w for w in words if len(w) >= 2]
    return words[-1] if words else None
