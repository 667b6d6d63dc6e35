"""Repair of text that was decoded from GBK one byte off, by algorithm, with a confidence per span.

1. Find damaged windows: clusters of symptom characters (private-use, bopomofo, box drawing, kana, pinyin
   letters and other GBK symbol-row characters that never occur in Chinese prose, ``?``/``!`` inside
   Chinese text), extended to the ASCII character where the misaligned decoding fell back into step.
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
from functools import lru_cache
from collections import defaultdict
from dataclasses import dataclass

from ingest.gbk import UNKNOWN, char_byte_options, char_bytes, decode_pair
from ingest.lm import CharBigramLM
from ingest.model import Repair
from planqa.script import half_width, to_hans

# CJK punctuation that lives in GBK's symbol rows and is ordinary in Chinese prose.
PROSE_PUNCTUATION = set("，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·．　％＋－／＜＝＞")
MAX_GAP = 10  # symptom characters closer than this belong to one misaligned run
MAX_RUN_TAIL = 40  # how far a run may go on after its last symptom before falling back into step
MAX_READINGS = 256  # cap on the combinations of ambiguous characters tried per window
SYMPTOM_COST = 30.0
WORD_BONUS = 3.0  # a guessed character that completes a dictionary word with its left neighbour
TRUSTED_CONFIDENCE = 0.9  # repairs this sure teach the next pass
UNKNOWN_DROP_SHARE = 0.2  # dropping a byte already lost costs a fifth of dropping a byte that arrived  # a decoding that produces a symptom character again is all but ruled out


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
    if ch in PROSE_PUNCTUATION or code < 0x80:
        return False
    raw = char_bytes(ch)
    # GBK rows A1–A9 hold symbols, kana, Greek, Cyrillic, pinyin, bopomofo and box drawing.
    return raw is not None and len(raw) == 2 and 0xA1 <= raw[0] <= 0xA9


def _is_han(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def find_windows(line: str) -> list[tuple[int, int]]:
    """Half-open [start, end) spans of a line that a misaligned decoding produced."""
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
    return [(start, _run_end(line, last)) for start, last in windows]


def _run_end(line: str, last: int) -> int:
    """A misaligned run falls back into step at the first single-byte (ASCII) character after it."""
    for j in range(last + 1, min(len(line), last + 1 + MAX_RUN_TAIL)):
        if ord(line[j]) < 0x80:
            return j + 1
    return last + 1


@dataclass(frozen=True)
class Decoding:
    text: str
    cost: float
    confidence: float


class Repairer:
    """Repairs lines against a language model of the document's undamaged text."""

    def __init__(self, lm: CharBigramLM, drop_cost: float = 12.0, half_width: bool = True):
        self.lm = lm
        self.drop_cost = drop_cost
        self.half_width = half_width
        self._by_lead: dict[int, list[str]] = defaultdict(list)
        self._by_trail: dict[int, list[str]] = defaultdict(list)
        # The ideographic space indents paragraphs in GBK documents; the fold below makes it a plain space.
        for ch in sorted(lm.vocabulary | {"\u3000"}):
            raw = char_bytes(ch)
            if raw is not None and len(raw) == 2 and not is_symptom_core(ch):
                self._by_lead[raw[0]].append(ch)
                self._by_trail[raw[1]].append(ch)

    # --- public
    def repair_line(self, line: str, line_no: int = 0) -> tuple[str, list[Repair]]:
        repairs: list[Repair] = []
        out, pos = [], 0
        for start, end in find_windows(line):
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
        """The most likely original of a damaged window, over every reading of its ambiguous characters."""
        options = [char_byte_options(ch) or [()] for ch in window]
        results: list[tuple[float, float, str]] = []  # (best cost, forward cost, text)
        for reading in itertools.islice(itertools.product(*options), MAX_READINGS):
            data = [b for seq in reading for b in seq]
            results.append(self._viterbi(data, prev, nxt))
        best_cost, _, text = min(results)
        total = -_logsumexp([-fwd for _, fwd, _ in results])
        confidence = math.exp(total - best_cost) if math.isfinite(total) else 0.0
        return Decoding(self._fold(text), best_cost, min(1.0, confidence))

    # --- decoding
    def _candidates(self, a: int, b: int) -> list[str]:
        if a == UNKNOWN and b == UNKNOWN:
            return []
        if a == UNKNOWN:
            return self._by_trail.get(b, [])
        if b == UNKNOWN:
            return self._by_lead.get(a, [])
        ch = decode_pair(a, b)
        return [ch] if ch else []

    def _emit_cost(self, prev: str, ch: str) -> float:
        cost = self.lm.cost(self._fold(prev), self._fold(ch))
        return cost + SYMPTOM_COST if is_symptom_core(ch) else cost

    def _viterbi(self, data: list[int], prev: str, nxt: str) -> tuple[float, float, str]:
        """Best path (cost, text) and the forward cost over all paths through the byte lattice."""
        n = len(data)
        # state: position → {last char: (best cost, forward cost, text)}
        states: list[dict[str, tuple[float, float, str]]] = [dict() for _ in range(n + 1)]
        states[0][prev] = (0.0, 0.0, "")
        for i in range(n):
            for last, (best, fwd, text) in list(states[i].items()):
                for step, ch, cost in self._steps(data, i, last):
                    self._relax(states[i + step], ch if ch else last, best + cost, fwd + cost, text + ch)
        finals = [(b + self.lm.cost(last, nxt), f + self.lm.cost(last, nxt), t) for last, (b, f, t) in states[n].items()]
        if not finals:
            return (math.inf, math.inf, "")
        best = min(finals)
        forward = -_logsumexp([-f for _, f, _ in finals])
        return best[0], forward, best[2]

    def _steps(self, data: list[int], i: int, last: str):
        a = data[i]
        drop = self.drop_cost * (UNKNOWN_DROP_SHARE if a == UNKNOWN else 1.0)
        yield 1, "", drop
        if 0 <= a < 0x80:
            yield 1, chr(a), self._emit_cost(last, chr(a))
        if i + 1 < len(data):
            guessed = UNKNOWN in (a, data[i + 1])
            for ch in self._candidates(a, data[i + 1]):
                cost = self._emit_cost(last, ch)
                if guessed and is_word(last + ch):
                    cost -= WORD_BONUS
                yield 2, ch, cost

    @staticmethod
    def _relax(slot: dict[str, tuple[float, float, str]], key: str, best: float, fwd: float, text: str) -> None:
        old = slot.get(key)
        if old is None:
            slot[key] = (best, fwd, text)
            return
        merged_fwd = -_logsumexp([-old[1], -fwd])
        slot[key] = (best, merged_fwd, text) if best < old[0] else (old[0], merged_fwd, old[2])

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
        for start, end in find_windows(line):
            pieces.append(line[pos:start])
            pos = end
        pieces.append(line[pos:])
    return [p for p in pieces if p.strip()]


def uses_half_width(lines: list[str]) -> bool:
    text = "".join(lines)
    return text.count(",") + text.count("(") > text.count("，") + text.count("（")


def repair_text(text: str, drop_cost: float = 12.0, passes: int = 2) -> tuple[str, list[Repair]]:
    """Repair a whole document; returns the repaired text and the log of every repaired span.

    The first pass learns only from undamaged text, where the damaged headings' own patterns ("行動。")
    never occur; later passes also learn from the spans repaired with high confidence.
    """
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
