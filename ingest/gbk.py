"""The GBK byte view of text, which the repair needs to undo a one-byte-off decoding.

The damage in the source came from decoding GBK bytes with a decoder that maps GBK's user-defined areas
to private-use code points (U+E000…) and folds full-width ASCII forms to half-width. To undo it we need
both directions: a character back to the bytes it was decoded from (`char_byte_options`), and a byte
pair to the character a correct decoder gives (`decode_pair`).
"""

from __future__ import annotations

import itertools
from functools import lru_cache

UNKNOWN = -1  # a byte that was replaced by "?" and is lost

LEADS = range(0x81, 0xFF)
TRAILS = [t for t in range(0x40, 0xFF) if t != 0x7F]
_TRAIL_INDEX = {t: i for i, t in enumerate(TRAILS)}


def _is_pua(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


def decode_pair(lead: int, trail: int) -> str | None:
    """The character a correct GBK decoder gives for two bytes, or None when they are no GBK character."""
    return _decode_table().get((lead, trail))


@lru_cache(maxsize=1)
def _decode_table() -> dict[tuple[int, int], str]:
    table: dict[tuple[int, int], str] = {}
    for lead in LEADS:
        for trail in TRAILS:
            raw = bytes((lead, trail))
            try:
                table[(lead, trail)] = raw.decode("gbk")
            except UnicodeDecodeError:
                try:
                    table[(lead, trail)] = raw.decode("gb18030")
                except UnicodeDecodeError:
                    continue
    return table


@lru_cache(maxsize=1)
def _pua_to_bytes() -> dict[str, bytes]:
    """Private-use code point → GBK bytes. Python's gb18030 follows the 2005 edition, which moved a few
    user-defined codes to real characters; the damaging decoder still mapped them into the private-use
    area. PUA code points run in byte order, so such a hole is filled from its neighbours' positions."""
    known: dict[int, int] = {}
    for (lead, trail), ch in _decode_table().items():
        if _is_pua(ch):
            known[ord(ch)] = (lead - 0x81) * len(TRAILS) + _TRAIL_INDEX[trail]
    table = {chr(p): _index_to_bytes(i) for p, i in known.items()}
    points = sorted(known)
    for lo, hi in itertools.pairwise(points):
        if hi - lo > 1 and known[hi] - known[lo] == hi - lo:
            for p in range(lo + 1, hi):
                table[chr(p)] = _index_to_bytes(known[lo] + p - lo)
    return table


def _index_to_bytes(index: int) -> bytes:
    lead, trail = divmod(index, len(TRAILS))
    return bytes((0x81 + lead, TRAILS[trail]))


def char_bytes(ch: str) -> bytes | None:
    """The GBK bytes a character was decoded from (None when it has none)."""
    if ord(ch) < 0x80:
        return ch.encode("ascii")
    if _is_pua(ch):
        return _pua_to_bytes().get(ch)
    for codec in ("gbk", "gb18030"):
        try:
            raw = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(raw) <= 2:
            return raw
    return None


def char_byte_options(ch: str) -> list[tuple[int, ...]]:
    """Every byte sequence a damaged character may stand for.

    A printable ASCII character may be itself or the half-width fold of a full-width form (``!`` ← ``！``,
    ``U`` ← ``Ｕ``);
    ``?`` may also be the replacement of one lost byte.
    """
    options: list[tuple[int, ...]] = []
    own = char_bytes(ch)
    if own is not None:
        options.append(tuple(own))
    if 0x21 <= ord(ch) <= 0x7E:
        options.append(tuple(chr(ord(ch) + 0xFEE0).encode("gbk")))
    if ch == "?":
        options.append((UNKNOWN,))
    return options


def is_two_byte(ch: str) -> bool:
    raw = char_bytes(ch)
    return raw is not None and len(raw) == 2
