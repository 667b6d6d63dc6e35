"""The ways one question can be read before it is judged: the text as written and, where its surface
hides something, the text with the disguise taken off.

Instructions are smuggled past word lists by changing the surface, not the meaning: full-width or
mathematical letters (ｉｇｎｏｒｅ), letters spaced apart (i g n o r e), Cyrillic or Greek lookalikes
(іgnоrе), digits for letters (1gn0r3), or an encoding (base64, hex, %XX, \\uXXXX). Each family is undone
here once, and every reading is then judged by the same meaning test (bot/injection.py). Decoding is
attempted only on a span that looks encoded, so an ordinary question costs one normalisation.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
import unicodedata
import urllib.parse
from functools import lru_cache

from planqa.script import to_hans
from planqa.settings import get_settings

# Cyrillic and Greek letters drawn like Latin ones (lower-case; NFKC and casefold come first).
_LOOKALIKES = str.maketrans(
    "аеорсхуіјѕԁһӏԛԝвкмнтғ"  # Cyrillic
    "αβεικνορτυχηωζ",  # Greek
    "aeopcxyijsdhlqwbkmhtfabeikvoptuxnwz",
)
# Digits and signs written for letters inside a word (1gn0r3 pr3v10u5, @pi k3y, $ecret).
_LEET = str.maketrans("013457@$!|+8", "oieastasiitb")
_LEET_L = str.maketrans("1|", "ll")  # 1 stands for l as often as for i (ru135 → rules)
_LEET_WORD = re.compile(r"[a-z0-9@$!|+]*[a-z][a-z0-9@$!|+]*")
_LETTER_RUN = re.compile(r"(?<![A-Za-z])(?:[A-Za-z][^A-Za-z0-9\u3400-\u9fff]{1,2}){3,}[A-Za-z](?![A-Za-z])")
_BASE64_SPAN = re.compile(r"[A-Za-z0-9+/]{12,}={0,2}")
_HEX_SPAN = re.compile(
    r"(?<![0-9A-Za-z])(?:0x)?([0-9a-fA-F]{12,}|(?:[0-9a-fA-F]{2}[ :]){5,}[0-9a-fA-F]{2})(?![0-9A-Za-z])"
)
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_UNICODE_ESCAPE = re.compile(r"(?:\\u[0-9a-fA-F]{4})+")
_BYTE_ESCAPE = re.compile(r"(?:\\x[0-9a-fA-F]{2}){4,}")
_ENTITY = re.compile(r"&#x?[0-9a-fA-F]+;|&[a-z]+;")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\U000e0000-\U000e007f]")
_SPACES = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_COMMON_EN = re.compile(r"\b(the|a|an|is|are|of|to|and|in|for|what|how|who|which|my|your|you|i)\b")
_HAN_GAP = re.compile(r"(?<=[\u3400-\u9fff])[\s\-_*.·/|~]+(?=[\u3400-\u9fff])")


def readings(raw: str) -> list[str]:
    """The question as written (normalised) and every reading that undoes a disguise, without repeats."""
    return list(_readings(raw))


@lru_cache(maxsize=4096)
def _readings(raw: str) -> tuple[str, ...]:
    plain = fold(raw)
    out = [plain, _mainland(raw), _despaced(plain), _han_joined(plain), *_unleet(plain), *_rot13(plain)]
    for payload in decoded_spans(raw):
        folded = fold(payload)
        out += [folded, *_unleet(folded)]
    return tuple(dict.fromkeys(r for r in out if r))


def fold(text: str) -> str:
    """One canonical surface: NFKC (full-width and mathematical letters), no invisible characters,
    lookalike letters as Latin, lower case, simplified Chinese, single spaces."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    text = to_hans(text.translate(_LOOKALIKES))
    return _SPACES.sub(" ", text).strip()


def _despaced(text: str) -> str:
    """i g n o r e → ignore: a run of single letters is one word (two spaces part words)."""

    def join(run: re.Match) -> str:
        return re.sub(r"[^A-Za-z]", "", run.group(0))

    groups = re.split(r" {2,}| / ", text) if "  " in text else [text]
    return " ".join(_LETTER_RUN.sub(join, g) for g in groups)


def _mainland(raw: str) -> str:
    """環境變數, 資料庫, 程式: traditional text also read with the mainland words (环境变量, 数据库, 程序),
    not only the simplified characters (环境变数)."""
    if not _HAN.search(raw) or to_hans(raw) == raw:
        return ""
    return fold(_taiwan_to_mainland().convert(unicodedata.normalize("NFKC", raw)))


@lru_cache(maxsize=1)
def _taiwan_to_mainland():
    import opencc

    return opencc.OpenCC("tw2sp")


def _han_joined(text: str) -> str:
    """忽 略 之 前 / 忽-略: Chinese characters pulled apart by spaces or signs, put back together."""
    return _HAN_GAP.sub("", text) if _HAN.search(text) else text


def _rot13(text: str) -> tuple[str, ...]:
    """vtaber cerivbhf → ignore previous: Latin-only text without a common English word is also read
    with every letter turned by 13."""
    if _HAN.search(text) or not re.search(r"[a-z]{4}", text) or _COMMON_EN.search(text):
        return ()
    return (codecs.decode(text, "rot13"),)


def _unleet(text: str) -> tuple[str, ...]:
    """Digits and signs inside a word read as the letters they stand for (1 as i, and as l); numbers
    stay numbers."""

    def letters(table: dict) -> str:
        def one(word: re.Match) -> str:
            w = word.group(0)
            mixed = re.search(r"[0-9@$!|+]", w) and re.search(r"[a-z]", w)
            return w.translate(table).translate(_LEET) if mixed else w

        return _LEET_WORD.sub(one, text)

    if not re.search(r"[0-9@$!|+]", text):
        return ()
    return letters({}), letters(_LEET_L)


def decoded_spans(raw: str) -> list[str]:
    """The readable text inside every span that looks encoded (base64, hex, %XX, \\uXXXX)."""
    limit = get_settings().max_decoded_chars
    found = []
    for span in _BASE64_SPAN.findall(raw):
        if re.search(r"[0-9+/=]|[a-z][A-Z]", span):  # a plain English word is not base64
            found.append(_from_base64(span))
    found += [_from_bytes(re.sub(r"[ :]", "", m)) for m in _HEX_SPAN.findall(raw)]
    found += [urllib.parse.unquote(m) for m in _PERCENT.findall(raw)]
    found += [_from_escapes(m) for m in _UNICODE_ESCAPE.findall(raw)]
    found += [_from_bytes(m.replace("\\x", "")) for m in _BYTE_ESCAPE.findall(raw)]
    if _ENTITY.search(raw):
        found.append(html.unescape(raw))
    if _PERCENT.search(raw):
        found.append(urllib.parse.unquote(raw))  # the payload with its unencoded words
    return [text[:limit] for text in found if text and _readable(text)]


def _from_base64(span: str) -> str:
    try:
        return base64.b64decode(span + "=" * (-len(span) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return ""


def _from_bytes(hex_digits: str) -> str:
    try:
        return bytes.fromhex(hex_digits).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ""


def _from_escapes(span: str) -> str:
    try:
        return codecs.decode(span, "unicode_escape")
    except UnicodeDecodeError:
        return ""


def _readable(text: str) -> bool:
    """Decoded bytes that are text, not noise: printable, mostly letters, Han or spaces."""
    if not text.isprintable():
        return False
    good = sum(ch.isalpha() or ch.isspace() for ch in text)
    return good >= get_settings().min_decoded_letter_share * len(text)
