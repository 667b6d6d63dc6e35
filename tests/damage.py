"""Inflict the source's kind of damage on clean text, so the repair can be tested on text we know.

The damage: at some byte of the GBK encoding a lead byte is lost (it shows as "?"), the rest of the run
is decoded one byte off by a decoder that maps GBK's user-defined areas to private-use code points and
prints "?" for bytes it cannot pair; full-width ASCII forms are then folded to half-width.
"""

from __future__ import annotations

from ingest.gbk import decode_pair
from planqa.script import half_width


def sloppy_decode(data: bytes) -> str:
    out, i = [], 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        ch = decode_pair(b, data[i + 1]) if i + 1 < len(data) else None
        if ch is None:
            out.append("?")
            i += 1
        else:
            out.append(ch)
            i += 2
    return half_width("".join(out))


def damage(text: str, at: int) -> str:
    """Lose the lead byte of the character at index `at` and decode the rest one byte off."""
    head, tail = text[:at], text[at:]
    data = tail.encode("gbk")
    return head + "?" + sloppy_decode(data[1:])
