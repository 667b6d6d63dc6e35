"""Tokens for BM25: jieba over the canonical form (simplified, half-width, lower-case), taught the
plan's own vocabulary.

jieba's general dictionary splits names the plan coins (创园贷, 区人社局, 一业一证) into pieces that
also occur elsewhere; adding every department name and every quoted name from the plan itself keeps
them whole, so an exact name scores as the rare term it is. Search mode also emits the pieces, so a
question that says only 人社局 or 创园 still matches.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable

import jieba

from planqa.script import normalise

_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,16})[”\"」』]")
_KEEP = re.compile(r"[\u3400-\u9fffa-z0-9]")
_PUNCT = re.compile(r"[^\u3400-\u9fffa-z0-9.%+\-]+")

# Words of asking, not of content: they would otherwise reward units that happen to contain them.
_STOPWORDS = """的 了 是 在 和 与 及 或 等 有 也 都 就 要 会 能 吗 呢 吧 啊 呀 么 嘛 哪 哪些 哪个 哪家 哪里 哪儿 哪天 哪年 哪月 什么 这份 那份 这项 那项 这条 那条 这件
    怎么 怎样 如何 多少 几 几个 是否 是不是 能不能 可不可以 有没有 会不会 请问 一下 这个 那个 这些 那些 这 那 我 我们
    你 你们 他们 它 谁 里 中 对 把 被 给 让 为 从 到 上 下 方案 行动方案 区里 具体 主要 哪方面 关于 讲
    讲了 说 说了 写 写了 内容 提到 一些 还有 以及 并 其 之 所 该"""
STOPWORDS = frozenset(_STOPWORDS.split())
# Words that ask who, or speak of the asker, rather than of a topic: BM25 keeps them (a unit's
# "(区经委牵头)" answers 谁牵头), the dense query drops them (every task has departments).
_WHO_WORDS = "部门 单位 由 负责 牵头 今年 想 做 搞 帮 来 去 用 个"
_ASKING_WHO = frozenset(_WHO_WORDS.split())
# "A不A" asks yes or no (会不会, 能不能, 有没有, 可不可以); cut apart, its "不会" would read as a denial.
_YES_NO = re.compile(r"可不可以|([\u3400-\u9fff])[不没]\1")
_MEMO = 2048  # texts whose tokens a tokenizer remembers
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def quoted_names(texts: Iterable[str]) -> set[str]:
    """Names the plan sets in quotation marks (“创园贷”, “一业一证”), normalised."""
    names: set[str] = set()
    for text in texts:
        for match in _QUOTED.finditer(normalise(text)):
            name = _PUNCT.sub("", match.group(1))
            if 2 <= len(name) <= 12:
                names.add(name)
    return names


@functools.lru_cache(maxsize=4)
def tokenizer(words: tuple[str, ...], places: tuple[str, ...] = ()) -> Tokenizer:
    """One tokenizer per vocabulary and process: initialising jieba takes half a second."""
    return Tokenizer(words, places)


def _search_pieces(word: str, freq: dict[str, int]) -> list[str]:
    """jieba's search mode for one word of its precise cut: the word's two- and three-character
    pieces that are words themselves, then the word (营商环境 → 营商, 环境, 营商环境)."""
    grams = [word[i : i + n] for n in (2, 3) if len(word) > n for i in range(len(word) - n + 1)]
    return [g for g in grams if freq.get(g)] + [word]


def _private_jieba() -> jieba.Tokenizer:
    """A jieba tokenizer of its own, started from a copy of the shared default dictionary: loading
    the dictionary takes about 0.6 s, copying it a few hundredths, and the process needs both (the
    part-of-speech tagger in bot/asked.py uses the shared one)."""
    shared = jieba.dt
    shared.check_initialized()
    own = jieba.Tokenizer()
    with own.lock:
        own.FREQ, own.total = dict(shared.FREQ), shared.total
        own.initialized = True
    return own


_LATIN_SPACE = re.compile(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])")


class Tokenizer:
    """A private jieba tokenizer (the global one is shared with other stages) with the plan's words."""

    def __init__(self, words: Iterable[str] = (), places: Iterable[str] = ()):
        jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines would clutter the CLI
        self._jieba = _private_jieba()
        self._lock = threading.Lock()
        self.words = sorted({normalise(w) for w in words if len(normalise(w)) >= 2})
        # the plan's own district (Plan.place_names) is asked about in every question, like 方案
        self.stopwords = STOPWORDS | {normalise(p) for p in places}
        for word in self.words:
            self._jieba.add_word(word, freq=200_000)
        # One question is tokenised by several stages (BM25, follow-up detection, the dense query);
        # jieba's cut is the slowest step of an answer besides the embedder, so each text is cut once.
        self._words = functools.lru_cache(maxsize=_MEMO)(self._words_uncached)
        self._tokens = functools.lru_cache(maxsize=_MEMO)(self._tokens_uncached)
        self._content = functools.lru_cache(maxsize=_MEMO)(self._content_uncached)

    def forget(self) -> None:
        """Drop the remembered cuts (the plan's own texts are cut again on their next use)."""
        for memo in (self._words, self._tokens, self._content):
            memo.cache_clear()

    def tokens(self, text: str) -> list[str]:
        """Search-mode tokens of the canonical text, without punctuation and asking words."""
        return list(self._tokens(text))

    def content(self, text: str) -> str:
        """The question's content words in their order, without asking words and punctuation: what
        the dense embedder reads. The embedder's time grows with every token (about 0.5 ms each on
        two cores), and words such as 请问, 有没有, 方案 or the plan's district tell no unit from another.
        English (more Latin letters than Chinese characters, as in "What does the 区财政局 do?") is left
        whole; its small words carry its grammar."""
        return self._content(text)

    def _words_uncached(self, canonical: str) -> tuple[str, ...]:
        """jieba's precise cut of canonical text, with yes/no frames and punctuation taken out."""
        clean = _PUNCT.sub(" ", _YES_NO.sub(" ", canonical))
        with self._lock:  # jieba's lazy state is not guarded for concurrent first use
            return tuple(self._jieba.cut(clean))

    def _tokens_uncached(self, text: str) -> tuple[str, ...]:
        freq = self._jieba.FREQ
        text = _LATIN_SPACE.sub(",", text)  # English words stay words (APEC, AI), not one glued run
        pieces = [p for word in self._words(normalise(text)) for p in _search_pieces(word, freq)]
        return tuple(t for t in pieces if _KEEP.search(t) and t not in self.stopwords)

    def _content_uncached(self, text: str) -> str:
        if len(_LATIN.findall(text)) >= len(_CJK.findall(text)):  # English, maybe with a name in Chinese
            return text.strip()
        words = self._words(normalise(text))
        kept = "".join(
            w for w in words if _KEEP.search(w) and w not in self.stopwords and w not in _ASKING_WHO
        )
        return kept or text.strip()
