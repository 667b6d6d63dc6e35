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
    你 你们 他们 它 谁 里 中 对 把 被 给 让 为 从 到 上 下 方案 行动方案 闵行 闵行区 区里 具体 主要 哪方面 关于 讲
    讲了 说 说了 写 写了 内容 提到 一些 还有 以及 并 其 之 所 该"""
STOPWORDS = frozenset(_STOPWORDS.split())
# "A不A" asks yes or no (会不会, 能不能, 有没有, 可不可以); cut apart, its "不会" would read as a denial.
_YES_NO = re.compile(r"可不可以|([\u3400-\u9fff])[不没]\1")
_MEMO = 2048  # texts whose tokens a tokenizer remembers
_CJK = re.compile(r"[\u3400-\u9fff]")


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
def tokenizer(words: tuple[str, ...]) -> Tokenizer:
    """One tokenizer per vocabulary and process: initialising jieba takes half a second."""
    return Tokenizer(words)


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


class Tokenizer:
    """A private jieba tokenizer (the global one is shared with other stages) with the plan's words."""

    def __init__(self, words: Iterable[str] = ()):
        jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines would clutter the CLI
        self._jieba = _private_jieba()
        self._lock = threading.Lock()
        self.words = sorted({normalise(w) for w in words if len(normalise(w)) >= 2})
        for word in self.words:
            self._jieba.add_word(word, freq=200_000)
        # one question is tokenised by several stages (BM25, follow-up detection, the dense query)
        self._tokens = functools.lru_cache(maxsize=_MEMO)(self._tokens_uncached)
        self._content = functools.lru_cache(maxsize=_MEMO)(self._content_uncached)

    def tokens(self, text: str) -> list[str]:
        """Search-mode tokens of the canonical text, without punctuation and asking words."""
        return list(self._tokens(text))

    def _tokens_uncached(self, text: str) -> tuple[str, ...]:
        clean = _PUNCT.sub(" ", normalise(text))
        with self._lock:  # jieba's lazy state is not guarded for concurrent first use
            raw = self._jieba.lcut_for_search(clean)
        return tuple(t for t in raw if _KEEP.search(t) and t not in STOPWORDS)

    def content(self, text: str) -> str:
        """The question's content words in their order, without asking words and punctuation: what
        the dense embedder reads. The embedder's time grows with every token (about 0.5 ms each on
        two cores), and words such as 请问, 有没有, 方案, 闵行 tell no unit of this plan from another.
        Text without Chinese (an English question) is left whole; its small words carry its grammar."""
        return self._content(text)

    def _content_uncached(self, text: str) -> str:
        if not _CJK.search(text):
            return text.strip()
        clean = _YES_NO.sub(" ", normalise(text))
        with self._lock:
            words = self._jieba.lcut(clean)
        kept = "".join(w for w in words if _KEEP.search(w) and w not in STOPWORDS)
        return kept or text.strip()
