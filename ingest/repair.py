"""Repair of text that was decoded from GBK one byte off, by algorithm, with a confidence per span.

0. Look for the mojibake signature first: characters that a misaligned decoding scatters and Chinese
   prose never uses (private-use code points, bopomofo, box drawing, kana, Cyrillic, radicals). A text
   without them is clean and passes through byte for byte, however many ℃ ① Ⅱ ★ § № → it holds.
1. Find damaged windows: clusters of symptom characters (private-use, bopomofo, box drawing, kana, pinyin
   letters and other GBK symbol-row characters that never occur in Chinese prose, ``?``/``!`` inside
   Chinese text), extended to the ASCII character where the misaligned decoding fell back into step.
   A cluster counts only when it holds a signature character or a lost byte (``?`` glued to Chinese):
   symbols that ordinary prose also uses (℃ → ≥) never make a window on their own.
2. Turn the window back into the GBK bytes it was decoded from. Some characters are ambiguous (``?`` is a
   lost byte, a folded ``？`` or itself), so every reading is tried.
3. Decode those bytes again with a Viterbi search over alignments: a pair of bytes is a character, a
   lost byte pairs with its known neighbour to any character of the document's vocabulary, and a byte
   may be dropped at a cost. The document's own character bigram model scores each path; the
   forward (sum over all paths) gives the posterior of the winner, reported as its confidence.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ingest.gbk import UNKNOWN, char_byte_options, char_bytes, decode_pair
from ingest.lm import CharBigramLM
from ingest.model import Repair
from planqa.script import half_width, to_hans

# CJK punctuation that lives in GBK's symbol rows and is ordinary in Chinese prose.
PROSE_PUNCTUATION = set("，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·．　％＋－／＜＝＞")
MAX_GAP = 10  # symptom characters closer than this belong to one misaligned run
MAX_RUN_TAIL = 40  # how far a run may go on after its last symptom before falling back into step
PLAUSIBLE_RUN = 3  # pairs after a run's end: the first and two in three must occur in the document
BEAM = 64  # lattice states kept per step
SYMPTOM_COST = 30.0  # a decoding that produces a symptom character again is all but ruled out
WORD_BONUS = 3.0  # a guessed character that completes a dictionary word with its left neighbour
TRUSTED_CONFIDENCE = 0.9  # repairs this sure teach the next pass
UNKNOWN_DROP_SHARE = 0.5  # dropping a byte already lost costs a fifth of dropping a byte that arrived
# Code points a misaligned decoding scatters and prose never uses: private use (GBK's user-defined
# areas), kana, Cyrillic, bopomofo, box drawing, CJK and Kangxi radicals.
SIGNATURE_RANGES = (
    (0xE000, 0xF8FF), (0x3040, 0x30FF), (0x0400, 0x04FF), (0x3100, 0x312F), (0x2500, 0x257F),
    (0x2E80, 0x2FDF),
)  # fmt: skip


def is_symptom(ch: str, prev: str = "", nxt: str = "") -> bool:
    """Does this character betray a misaligned decoding?"""
    code = ord(ch)
    if 0xE000 <= code <= 0xF8FF:
        return True
    if ch in "?!":
        return any(_is_han(c) or c in PROSE_PUNCTUATION or is_symptom_core(c) for c in (prev, nxt))
    return is_symptom_core(ch)


def is_symptom_core(ch: str) -> bool:
    if not ch:
        return False
    code = ord(ch)
    if 0xE000 <= code <= 0xF8FF:
        return True
    if 0x2E80 <= code <= 0x2FDF:  # CJK and Kangxi radicals: dictionary entries, never prose
        return True
    if ch in PROSE_PUNCTUATION or code < 0x80:
        return False
    raw = char_bytes(ch)
    # GBK rows A1–A9 hold symbols, kana, Greek, Cyrillic, pinyin, bopomofo and box drawing.
    return raw is not None and len(raw) == 2 and 0xA1 <= raw[0] <= 0xA9


def is_signature(ch: str) -> bool:
    """A character only a misaligned decoding produces: never written in Chinese prose on purpose.

    The symbol rows of GBK also hold ℃ ① Ⅱ ★ § № → ≥, which plans do use; those are symptoms
    inside a damaged run but no evidence of damage by themselves."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in SIGNATURE_RANGES)


def has_mojibake(text: str) -> bool:
    """Does the text show the signature of a one-byte-off GBK decoding anywhere?"""
    return any(is_signature(ch) for ch in text)


def _is_han(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def find_windows(line: str, lm: CharBigramLM | None = None) -> list[tuple[int, int]]:
    """Half-open [start, end) spans of a line that a misaligned decoding produced.

    Without a model a run ends at the first ASCII character after its last symptom. A folded full-width
    form looks just like that, so with a model the run ends only where the text after it reads like the
    document again."""
    hits = [
        i
        for i, ch in enumerate(line)
        if is_symptom(ch, line[i - 1] if i else "", line[i + 1] if i + 1 < len(line) else "")
    ]
    windows: list[list[int]] = []
    for i in hits:
        if windows and i - windows[-1][1] <= MAX_GAP:
            windows[-1][1] = i
        else:
            windows.append([i, i])
    return [
        (start, _run_end(line, last, lm)) for start, last in windows if _is_damage(line[start : last + 1])
    ]


def _is_damage(cluster: str) -> bool:
    """A cluster of symptoms is damage when it holds a signature character or a lost byte."""
    return any(is_signature(ch) or ch in "?!" for ch in cluster)


def suspect_spans(line: str) -> list[tuple[int, int]]:
    """The widest spans a misaligned run may cover: kept out of the model the repair is judged by."""
    return [(start, min(len(line), end + MAX_RUN_TAIL)) for start, end in find_windows(line)]


def _run_end(line: str, last: int, lm: CharBigramLM | None) -> int:
    """A misaligned run falls back into step at a single-byte (ASCII) character after it."""
    ends = [j + 1 for j in range(last + 1, min(len(line), last + 1 + MAX_RUN_TAIL)) if ord(line[j]) < 0x80]
    if not ends:
        return last + 1
    if lm is not None:
        for end in ends:
            pairs = list(itertools.pairwise(line[end : end + PLAUSIBLE_RUN + 1]))
            seen = [lm.bigrams[p] > 0 for p in pairs]
            if not pairs or (seen[0] and sum(seen) * 3 >= len(seen) * 2):
                return end
    return ends[0]


@dataclass(frozen=True)
class _Path:
    """The best path into a lattice state (its cost and text) and the forward cost of all paths."""

    best: float
    forward: float
    text: str

    def plus(self, cost: float, text: str) -> _Path:
        return _Path(self.best + cost, self.forward + cost, self.text + text)


def _relax(slot: dict, key, path: _Path) -> None:
    old = slot.get(key)
    if old is None:
        slot[key] = path
        return
    forward = -_logsumexp([-old.forward, -path.forward])
    winner = path if path.best < old.best else old
    slot[key] = _Path(winner.best, forward, winner.text)


def _prune(states: dict) -> dict:
    if len(states) <= BEAM:
        return states
    return dict(sorted(states.items(), key=lambda kv: kv[1].best)[:BEAM])


@dataclass(frozen=True)
class Decoding:
    text: str
    cost: float
    confidence: float


class Repairer:
    """Repairs lines against a language model of the document's undamaged text."""

    def __init__(self, lm: CharBigramLM, drop_cost: float = 25.0, half_width: bool = True):
        self.lm = lm
        self.drop_cost = drop_cost
        self.half_width = half_width
        self._by_lead: dict[int, list[str]] = defaultdict(list)
        self._by_trail: dict[int, list[str]] = defaultdict(list)
        for ch in sorted(_candidate_chars(lm.vocabulary)):
            raw = char_bytes(ch)
            if raw is not None and len(raw) == 2 and not is_symptom_core(ch):
                self._by_lead[raw[0]].append(ch)
                self._by_trail[raw[1]].append(ch)
        self._all = [ch for ch in sorted(lm.vocabulary) if _is_han(ch)]

    # --- public
    def repair_line(self, line: str, line_no: int = 0) -> tuple[str, list[Repair]]:
        repairs: list[Repair] = []
        out, pos = [], 0
        for start, end in find_windows(line, self.lm):
            prev = line[start - 1] if start else "\n"
            nxt = line[end] if end < len(line) else "\n"
            best = self.decode_window(line[start:end], prev, nxt)
            out.append(line[pos:start])
            out.append(best.text)
            repairs.append(Repair(line_no, start, end, line[start:end], best.text, round(best.confidence, 4)))
            pos = end
        out.append(line[pos:])
        return "".join(out), repairs

    def decode_window(self, window: str, prev: str, nxt: str) -> Decoding:
        """The most likely original of a damaged window, over every reading of its ambiguous characters.

        A lattice search: each character contributes one of its byte readings, bytes pair up across
        character boundaries, and a beam of states (pending byte, last character) carries the best
        path and the forward cost to each state. The confidence is the posterior of the winning final
        state: readings that spell the same text (``,`` or a folded ``，``) count together."""
        states: dict[tuple[int | None, str], _Path] = {(None, prev): _Path(0.0, 0.0, "")}
        for ch in window:
            merged: dict[tuple[int | None, str], _Path] = {}
            for reading in char_byte_options(ch) or [()]:
                current = states
                for byte in reading:
                    current = self._feed(current, byte)
                for key, path in current.items():
                    _relax(merged, key, path)
            states = _prune(merged)
        finals: dict[str, _Path] = {}
        for (pending, last), path in states.items():
            cost = (self._drop(pending) if pending is not None else 0.0) + self.lm.cost(self._fold(last), nxt)
            _relax(finals, last, path.plus(cost, ""))
        if not finals:
            return Decoding(window, math.inf, 0.0)
        best = min(finals.values(), key=lambda p: p.best)
        total = -_logsumexp([-p.forward for p in finals.values()])
        return Decoding(self._fold(best.text), best.best, min(1.0, math.exp(total - best.forward)))

    def _feed(self, states: dict, byte: int) -> dict:
        """Advance every state by one byte: pair it with a pending byte, emit it, hold it, or drop it."""
        out: dict[tuple[int | None, str], _Path] = {}
        for (pending, last), path in states.items():
            if pending is None:
                self._fresh(out, last, path, byte)
                continue
            guessed = UNKNOWN in (pending, byte)
            whole = self._drop(UNKNOWN) if pending == byte == UNKNOWN else 0.0  # a character lost whole
            for ch in map(self._fold, self._candidates(pending, byte)):
                cost = self._emit_cost(last, ch) + whole
                if guessed and is_word(last + ch):
                    cost -= WORD_BONUS
                _relax(out, (None, ch), path.plus(cost, ch))
            self._fresh(out, last, path.plus(self._drop(pending), ""), byte)
        return _prune(out)

    def _fresh(self, out: dict, last: str, path: _Path, byte: int) -> None:
        """A byte with nothing pending: an ASCII character, the first byte of a pair, or dropped."""
        _relax(out, (None, last), path.plus(self._drop(byte), ""))
        if 0 <= byte < 0x80:
            _relax(out, (None, chr(byte)), path.plus(self._emit_cost(last, chr(byte)), chr(byte)))
        elif byte == UNKNOWN or byte >= 0x81:
            _relax(out, (byte, last), path)

    def _drop(self, byte: int) -> float:
        return self.drop_cost * (UNKNOWN_DROP_SHARE if byte == UNKNOWN else 1.0)

    # --- decoding
    def _candidates(self, a: int, b: int) -> list[str]:
        if a == UNKNOWN and b == UNKNOWN:  # both bytes lost: any character of the document
            return self._all
        if a == UNKNOWN:
            return self._by_trail.get(b, [])
        if b == UNKNOWN:
            return self._by_lead.get(a, [])
        ch = decode_pair(a, b)
        return [ch] if ch else []

    def _emit_cost(self, prev: str, ch: str) -> float:
        cost = self.lm.cost(self._fold(prev), self._fold(ch))
        return cost + SYMPTOM_COST if is_symptom_core(ch) else cost

    def _fold(self, text: str) -> str:
        """Follow the document's convention: it folds full-width ASCII forms to half-width."""
        if not self.half_width:
            return text
        return half_width(text)


@lru_cache(maxsize=65536)
def is_word(pair: str) -> bool:
    """Is this two-character string a word of general Chinese (jieba's dictionary)?

    A lost byte leaves dozens of candidates; where the plan's own statistics cannot tell "到位" from
    "到委", the language at large can.
    """
    return _jieba_frequencies().get(to_hans(pair), 0) > 0


@lru_cache(maxsize=1)
def _jieba_frequencies() -> dict[str, int]:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ


def _candidate_chars(vocabulary: set[str]) -> set[str]:
    """What a lost byte may have been part of: the document's characters, plus the full-width forms its
    half-width folding hides, plus the ideographic space that indents paragraphs in GBK documents."""
    wide = {chr(ord(c) + 0xFEE0) for c in vocabulary if 0x21 <= ord(c) <= 0x7E}
    return vocabulary | wide | {"\u3000"}


def _logsumexp(values: list[float]) -> float:
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return -math.inf
    top = max(finite)
    return top + math.log(sum(math.exp(v - top) for v in finite))


def clean_text_for_lm(lines: list[str]) -> list[str]:
    """The undamaged pieces of every line: the material the document model learns from."""
    pieces: list[str] = []
    for line in lines:
        pos = 0
        for start, end in suspect_spans(line):
            pieces.append(line[pos:start])
            pos = end
        pieces.append(line[pos:])
    return [p for p in pieces if p.strip()]


def uses_half_width(lines: list[str]) -> bool:
    text = "".join(lines)
    return text.count(",") + text.count("(") > text.count("，") + text.count("（")


def repair_text(text: str, drop_cost: float = 25.0, passes: int = 2) -> tuple[str, list[Repair]]:
    """Repair a whole document; returns the repaired text and the log of every repaired span.

    The first pass learns only from undamaged text, where the damaged headings' own patterns ("行動。")
    never occur; later passes also learn from the spans repaired with high confidence.
    """
    if not has_mojibake(text):
        return text, []
    lines = text.split("\n")
    training = clean_text_for_lm(lines)
    half = uses_half_width(lines)
    for _ in range(passes):
        repairer = Repairer(CharBigramLM(training), drop_cost=drop_cost, half_width=half)
        out_lines, log = [], []
        for n, line in enumerate(lines):
            fixed, repairs = repairer.repair_line(line, n + 1)
            out_lines.append(fixed)
            log.extend(repairs)
        training = clean_text_for_lm(lines) + [r.after for r in log if r.confidence >= TRUSTED_CONFIDENCE]
    return "\n".join(out_lines), log
