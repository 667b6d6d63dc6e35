"""Script handling: traditional ↔ simplified (OpenCC) and the normalisation every comparison uses.

The plan is in traditional characters, most users write simplified. Everything that is matched —
BM25 tokens, numeric facts in the evaluation, section references — is compared in one canonical form:
simplified, half-width, without whitespace.
"""

import re
import unicodedata
from functools import lru_cache
from typing import Literal

import opencc

Script = Literal["hant", "hans", "en"]

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=8192)  # the plan's sentences are converted again for every answer that quotes them
def to_hans(text: str) -> str:
    """Traditional (or mixed) → simplified."""
    return _converter("t2s").convert(text)


@lru_cache(maxsize=8192)
def to_hant(text: str) -> str:
    """Simplified (or mixed) → traditional."""
    return _converter("s2t").convert(text)


def to_script(text: str, script: Script) -> str:
    """Chinese text in the asker's script; English questions get the plan's traditional quotes."""
    return to_hans(text) if script == "hans" else text


def half_width(text: str) -> str:
    """Full-width ASCII forms and the ideographic space → half-width; CJK punctuation stays."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif code == 0x3000:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=8192)  # the same plan sentences are compared with every question
def normalise(text: str) -> str:
    """Canonical matching form: NFC, simplified, half-width, lower-case, no whitespace."""
    text = unicodedata.normalize("NFC", text)
    return _SPACE.sub("", half_width(to_hans(text))).lower()


def detect_script(text: str) -> Script:
    """Which script a question is written in: English when it has no Han characters but Latin words;
    traditional when converting to simplified changes it more than converting to traditional does."""
    han = _HAN.findall(text)
    if not han:
        return "en" if _LATIN_WORD.search(text) else "hans"
    han_text = "".join(han)
    simp_changes = sum(a != b for a, b in zip(han_text, to_hans(han_text), strict=False))
    trad_changes = sum(a != b for a, b in zip(han_text, to_hant(han_text), strict=False))
    return "hant" if simp_changes > trad_changes else "hans"
