"""The plan's own words, recognised when the asker mistypes them.

People type Chinese through a pinyin input method, so their slips are homophones: 检察码 for the plan's
检查码, 敏小通 for 闵小通, 信用修夫 for 信用修复, 方按 for 方案, 区发该委 for 区发改委. Such a word is not
in the plan, so neither retriever finds it, yet it sounds exactly like a string the plan does use. A
`Speller` knows how every stretch of the plan (and every unit name) is read in toneless pinyin; a
stretch of the question that is not in the plan but reads like exactly one stretch of it, differing in
few characters, is that stretch. Short units also go by abbreviations people make up by keeping some
of their characters (规资局 for 区规划资源局): a word ending in a unit's kind (局, 委, 办) whose characters
all appear, in order, in exactly one unit name is that unit.

Nothing here is a list of typos: the vocabulary is the plan's text, read when the pipeline loads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from index.text import STOPWORDS
from planqa.settings import get_settings

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SYLLABLE_RUN = re.compile(r"\b[A-Z][a-z]{0,5}(?:[ -][A-Z][a-z]{0,5})+\b")
_UNIT_KIND = re.compile(r"(局|委|办|中心)$")
# Grammar words, numerals and negations at a stretch's edge are typed on purpose (一有违规就…, 不用)
_MEANT_AT_EDGE = STOPWORDS | set("一二三四五六七八九十几不没")


@dataclass(frozen=True)
class Correction:
    """A stretch of the question (`typed`) read as the plan's `meant`."""

    typed: str
    meant: str


def _readings(text: str) -> list[str]:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(text)


def _is_word(text: str) -> bool:
    """A word of the general dictionary (检察, 公式): typed on purpose, not a slip."""
    import jieba

    jieba.dt.check_initialized()
    return bool(jieba.dt.FREQ.get(text))


def _word_spans(run: str, longest: int) -> list[tuple[int, int]]:
    """The stretches of `run` made of whole words (jieba's reading), two to `longest` characters: a
    slip stands for the plan's words, not for 试点示 cut out of 试点示范."""
    import jieba

    ends = [0]
    for word in jieba.lcut(run, HMM=False):
        ends.append(ends[-1] + len(word))
    return [
        (a, b)
        for i, a in enumerate(ends)
        for b in ends[i + 1 :]
        if 2 <= b - a <= longest and (b - a > 2 or _is_word(run[a:b]))
    ]


class Speller:
    """Reads a question's mistyped plan words as the plan writes them."""

    def __init__(self, plan_text: str, unit_names: Mapping[str, str] | None = None):
        """`unit_names`: every name a unit goes by → its official short name (区规划资源局)."""
        self.longest = get_settings().spelling_max_len
        self.plan_text = plan_text
        self.units = {name: unit for name, unit in (unit_names or {}).items() if len(name) >= 3}
        self.by_ends: dict[tuple[int, str, str], list[tuple[str, str]]] = {}  # (length, first, last)
        for name, unit in self.units.items():
            if len(name) >= MIN_ONE_OFF and _UNIT_KIND.search(name):
                self.by_ends.setdefault((len(name), name[0], name[-1]), []).append((name, unit))
        self.by_sound: dict[tuple[str, ...], set[str]] = {}
        for run in _HAN_RUN.findall("\n".join([plan_text, *self.units])):
            sounds = _readings(run)
            if len(sounds) == len(run):
                for start, end in _word_spans(run, self.longest):
                    self.by_sound.setdefault(tuple(sounds[start:end]), set()).add(run[start:end])

    def corrections(self, text: str) -> tuple[Correction, ...]:
        """The stretches of `text` (normalised simplified) that are slips for the plan's words."""
        found: list[Correction] = []
        for run in _HAN_RUN.findall(text):
            found += self._in_run(run)
        return tuple(found)

    def names_in_pinyin(self, raw: str) -> tuple[Correction, ...]:
        """The plan's names an English question spells in pinyin, a capitalised word a syllable
        (What is Min Xiao Tong? → 闵小通; the Da Ling Hao Wan plan → 大零号湾)."""
        found = []
        for run in _SYLLABLE_RUN.finditer(raw):
            words = re.split(r"[ -]", run.group(0))
            taken = [False] * len(words)
            for size in range(min(self.longest, len(words)), 1, -1):
                for start in range(len(words) - size + 1):
                    sounds = tuple(w.lower() for w in words[start : start + size])
                    names = self.by_sound.get(sounds, set())
                    if len(names) == 1 and not any(taken[start : start + size]):
                        typed = run.group(0)[len(" ".join(words[:start])) + bool(start) :]
                        typed = typed[: len(" ".join(words[start : start + size]))]
                        found.append(Correction(typed, next(iter(names))))
                        taken[start : start + size] = [True] * size
        return tuple(found)

    def correct(self, text: str) -> str:
        for c in self.corrections(text):
            text = text.replace(c.typed, c.meant)
        return text

    def _in_run(self, run: str) -> list[Correction]:
        sounds = _readings(run)
        if len(sounds) != len(run):
            return []
        taken = [False] * len(run)
        inside = _inside_words(run)  # a slip never cuts a word in two (这个方按: not 个方 → 各方)
        found: list[Correction] = []
        for size in range(min(self.longest, len(run)), 1, -1):  # the longest stretch first
            for start in range(len(run) - size + 1):
                if any(taken[start : start + size]) or start in inside or start + size in inside:
                    continue
                meant = self._meant(run[start : start + size], tuple(sounds[start : start + size]))
                if meant:
                    found.append(Correction(run[start : start + size], meant))
                    taken[start : start + size] = [True] * size
        return (
            found
            + self._abbreviations(run, taken)
            + self._one_off_units(run, taken)
            + self._shortened(run, taken)
        )

    def _meant(self, typed: str, sounds: tuple[str, ...]) -> str | None:
        if typed in self.plan_text or (len(typed) == 2 and _is_word(typed)):
            return None
        candidates = self.by_sound.get(sounds, set()) - {typed}
        if len(candidates) != 1:
            return None
        meant = next(iter(candidates))
        differ = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        kept = len(typed) - len(differ)  # a slip keeps most of the word: 人才公寓 is no slip for 任才供语
        if kept < 1 or len(differ) > (1 if len(typed) <= 3 else 2):
            return None
        # a grammar word at the stretch's edge was meant (试点是谁负责: 是, not the plan's 示)
        edges = {typed[i] for i in differ if i in (0, len(typed) - 1)}
        return None if edges & _MEANT_AT_EDGE else meant

    def _abbreviations(self, run: str, taken: list[bool]) -> list[Correction]:
        """A made-up short name (规资局): its characters in order in exactly one unit name, its first
        character the unit's first after 区, its last the unit's kind."""
        found = []
        for end in range(3, len(run) + 1):
            for size in (3, 4):
                start = end - size
                typed = run[max(start, 0) : end]
                if start < 0 or any(taken[start:end]) or not _UNIT_KIND.search(typed):
                    continue
                if any(typed in u for u in self.units) or typed in self.plan_text:
                    continue
                hits = {unit for name, unit in self.units.items() if _abbreviates(typed, name)}
                if len(hits) == 1:
                    found.append(Correction(typed, hits.pop()))
                    taken[start:end] = [True] * size
        return found

    def _one_off_units(self, run: str, taken: list[bool]) -> list[Correction]:
        """A unit's name with one character mistyped by its look rather than its sound (区锐务局 for
        区税务局): as long as the name, the same first character and kind (局), one character between
        them different, and like exactly one unit so. Names of three characters keep too little to tell."""
        found = []
        for size in sorted({size for size, _, _ in self.by_ends}, reverse=True):
            for start in range(len(run) - size + 1):
                typed = run[start : start + size]
                names = self.by_ends.get((size, typed[0], typed[-1]), ())
                if not names or any(taken[start : start + size]) or typed in self.units:
                    continue
                hits = {unit for name, unit in names if _one_off(typed, name)}
                if len(hits) == 1 and typed not in self.plan_text:
                    found.append(Correction(typed, hits.pop()))
                    taken[start : start + size] = [True] * size
        return found

    def _shortened(self, run: str, taken: list[bool]) -> list[Correction]:
        """A word of the question the plan writes out in full (清欠 → 清理拖欠): not in the plan nor
        common in the dictionary, its characters in order in exactly one short stretch of the plan."""
        import jieba

        found, at = [], 0
        for word in jieba.lcut(run):
            start, at = at, at + len(word)
            common = jieba.dt.FREQ.get(word, 0) >= get_settings().word_pair_frequency
            if not 2 <= len(word) <= 3 or any(taken[start:at]) or word in self.plan_text or common:
                continue
            if {word[0], word[-1]} & _MEANT_AT_EDGE:  # 来分, 零来: a grammar word or numeral at its edge
                continue
            spans = set(_spelled_out(word, self.plan_text, get_settings().shortened_stretch))
            if len(spans) == 1:
                found.append(Correction(word, spans.pop()))
                taken[start:at] = [True] * len(word)
        return found


MIN_ONE_OFF = 4  # characters of a unit name that one mistyped character leaves recognisable


def _one_off(typed: str, name: str) -> bool:
    differ = [i for i, (a, b) in enumerate(zip(typed, name, strict=True)) if a != b]
    return len(differ) == 1 and 0 < differ[0] < len(name) - 1 and bool(_UNIT_KIND.search(name))


def _spelled_out(word: str, text: str, stretch: int) -> list[str]:
    """Every stretch of `text` from the word's first character to its last that holds its characters
    in order, longer than the word and at most `stretch` times as long, within one run of Chinese."""
    gap = "".join(f"[\\u4e00-\\u9fff]*?{re.escape(c)}" for c in word[1:])  # within one run of Chinese
    found = [
        m
        for m in re.finditer(re.escape(word[0]) + gap, text)
        if len(word) < len(m.group(0)) <= stretch * len(word)
    ]
    return [m.group(0) for m in found if _whole_words(text, m.start(), m.end())]


def _whole_words(text: str, start: int, end: int) -> bool:
    """Does text[start:end] begin and end on the plan's word boundaries (清理拖欠 in 开展清理拖欠企业账款,
    not 来产业细分 cut out of 未来产业细分)?"""
    begin, stop = start, end
    while begin > 0 and _HAN_RUN.match(text, begin - 1):
        begin -= 1
    while stop < len(text) and _HAN_RUN.match(text, stop):
        stop += 1
    bounds = _bounds(text[begin:stop])
    return start - begin in bounds and end - begin in bounds


@lru_cache(maxsize=4096)
def _bounds(run: str) -> frozenset[int]:
    import jieba

    ends, at = {0}, 0
    for word in jieba.lcut(run):
        at += len(word)
        ends.add(at)
    return frozenset(ends)


def _inside_words(run: str) -> set[int]:
    """The positions of `run` that fall inside one of its dictionary words (jieba's reading)."""
    import jieba

    inside: set[int] = set()
    at = 0
    for word in jieba.lcut(run, HMM=False):
        if len(word) > 1 and _is_word(word):
            inside.update(range(at + 1, at + len(word)))
        at += len(word)
    return inside


def _abbreviates(short: str, name: str) -> bool:
    """`short` keeps characters of `name` in order, from its first (after 区) to its last."""
    body = name[1:] if name.startswith("区") else name
    if short[0] != body[0] or short[-1] != body[-1] or len(short) >= len(body):
        return False
    at = 0
    for ch in short:
        at = body.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True
