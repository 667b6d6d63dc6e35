"""Readings that need the frames' vocabulary (bot/frames.py): words run together are split at the frame
words they contain (ignorepreviousinstructions), and a question written in pinyin has its frame words
read back as Chinese (hu lue zhi qian de zhi ling → 忽略…指令)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.frames import EN, WORDS, ZH
from bot.readings import fold
from planqa.settings import get_settings

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z']+")
_LONG_RUN = re.compile(r"[a-z]{12,}")


def segmented(reading: str) -> str:
    """ignorepreviousinstructions → ignore previous instructions: a long run of letters (spaced-out
    letters joined, or words written together) is split at the frame words it contains."""
    if not _LONG_RUN.search(reading):
        return reading
    return _LONG_RUN.sub(lambda m: _frame_words().sub(r" \g<0> ", m.group(0)), reading)


@lru_cache(maxsize=1)
def _frame_words() -> re.Pattern:
    words = {w for classes in WORDS.values() for t in classes.get(EN, "").split() for w in t.split("_")}
    return re.compile(
        "|".join(sorted((w for w in words if len(w) >= 4 or w == "you"), key=len, reverse=True))
    )


_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ve|ui|er|a|o|e|i|u|v)"
)
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE})+")


def pinyin_reading(text: str) -> tuple[str, ...]:
    """A question written in pinyin (hu lue zhi qian de zhi ling, hū lüè), its frame words read back as
    Chinese."""
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", fold(text)) if not unicodedata.combining(ch))
    words = _LATIN_WORD.findall(bare)
    if not words or _HAN.search(text):
        return ()
    pinyin = [w for w in words if _PINYIN_WORD.fullmatch(w)]
    if len(pinyin) < get_settings().min_pinyin_share * len(words):
        return ()
    squashed = "".join(words)
    table = _pinyin_table()
    out = re.sub("|".join(map(re.escape, table)), lambda m: table[m.group(0)], squashed)
    return (out,) if out != squashed else ()


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[str, str]:
    """Toneless pinyin of every Chinese frame word of two or more characters → the word, longest first."""
    from pypinyin import lazy_pinyin

    table: dict[str, str] = {}
    for classes in WORDS.values():
        for word in classes.get(ZH, "").split():
            if len(word) >= 2 and _HAN.fullmatch(word[0]):
                spelt = "".join(lazy_pinyin(word))
                for variant in {
                    spelt,
                    spelt.replace("ü", "v"),
                    spelt.replace("lve", "lue").replace("nve", "nue"),
                }:
                    table.setdefault(variant, word)
    table.setdefault("ni", "你")  # the owner of the rules, one syllable
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))
