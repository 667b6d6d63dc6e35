"""Numeric targets: the figures a task commits to (90%以上, 90-100億元, 9200套, 7個工作日, 三月底前)."""

from __future__ import annotations

import re

from ingest.model import Target

_ARABIC = r"\d+(?:\.\d+)?(?:\s*[-~—–至到]\s*\d+(?:\.\d+)?)?"
_CHINESE = r"[一二三四五六七八九十百千兩两]+"
# Longest first, both scripts: a unit that is a prefix of another must come after it.
_UNITS = [
    "個工作日", "个工作日", "平方公里", "月底前", "萬元", "万元", "億元", "亿元", "分鐘", "分钟",
    "%", "％", "億", "亿", "萬", "万", "套", "張", "张", "個", "个", "家", "項", "项", "條", "条",
    "年", "屆", "届", "大", "名", "場", "场", "倍", "天", "版",
]  # fmt: skip
_AFTER = r"(?:以上|以內|以内|左右|內|内)?"
_BEFORE = r"(?:不少于|不少於|不低于|不低於|超過|超过|至少|超|達到|达到)?"
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS)
_TARGET = re.compile(
    rf"(?P<before>{_BEFORE})(?P<value>{_ARABIC}|{_CHINESE})(?P<unit>{_UNIT_RE})(?P<after>{_AFTER})"
)
_CLAUSE_END = re.compile(r"[,，;；。:：]")
# Chinese numerals only count with units that make them a quantity; "一企" or "一站式" are names.
_CHINESE_UNITS = {"月底前", "年", "大", "屆", "届", "個", "个", "項", "项", "條", "条", "家", "倍", "天"}
_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_number(text: str) -> float | None:
    """一 → 1, 十二 → 12, 二十 → 20 (enough for the numerals a plan uses)."""
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return float(_CN_DIGITS[text]) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return float((_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0))


def find_targets(sentence: str) -> list[tuple[str, float | None, str, str, str, str]]:
    """(value, number, unit, qualifier, phrase, text as written) for every figure in a sentence."""
    found = []
    for m in _TARGET.finditer(sentence):
        value, unit = m["value"], m["unit"]
        chinese = not value[0].isdigit()
        if chinese and unit not in _CHINESE_UNITS:
            continue
        if not chinese and unit == "年" and len(value) == 4:  # a year, not a quantity
            continue
        if unit == "大" and not chinese:
            continue
        number = chinese_number(value) if chinese else _plain_number(value)
        qualifier = (m["before"] or "") + (m["after"] or "")
        written = value + unit + (m["after"] or "")
        found.append((value, number, unit, qualifier, _clause(sentence, m.start(), m.end()), written))
    return found


def _plain_number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _clause(sentence: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    right = _CLAUSE_END.search(sentence, end)
    return sentence[left : right.start() if right else len(sentence)].strip()


def targets_for(sentence: str, convert) -> tuple[Target, ...]:
    return tuple(
        Target(value=v, number=n, unit=u, qualifier=q, phrase=convert(p), text=t)
        for v, n, u, q, p, t in find_targets(sentence)
    )
