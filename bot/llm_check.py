"""Checks an LLM answer must pass before it replaces the extractive one.

The LLM only rephrases; the plan stays the authority. So its answer is accepted only when everything
a reader could take as a fact is traceable to the passages it was given: every section it cites was
retrieved, every figure stands in a cited passage, nothing points elsewhere (links, images, markup),
and nothing of the system prompt (its canary above all) leaks out, however it is disguised. Each
check is deliberately strict: a false alarm costs fluency (the extractive answer is shown), a miss
costs trust.
"""

from __future__ import annotations

import base64
import codecs
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bot.markers import section_label
from ingest import Plan
from planqa.script import normalise

# 【一、（四）優化普惠金融服務行動】 · [1.4.2] · ［1.4］ (half-width after normalising)
_MARKER = re.compile(r"【([^】]{1,60})】|\[(\d+(?:\.\d+){0,2})\]")
_LABEL = re.compile(r"^([一二三四五六七八九十]+)、(?:\(([一二三四五六七八九十]+)\))?(.*)$")
_SECTION_ID = re.compile(r"^\d+(?:\.\d+){0,2}$")

_UNITS = "%个项亿万元套家年月日天周张条版分平批件届轮级时号倍所座名人户次场期类岁"
_ARABIC = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])(.?)")
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUMBER = re.compile(rf"(?<![第{_CN_DIGITS}十百千万亿])([{_CN_DIGITS}十百千万亿]+)([{_UNITS}])")
_CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_SCALES = {"十": 10, "百": 100, "千": 1000}

_MARKUP = re.compile(
    r"(?i)[a-z][a-z0-9+.-]*://|www\.|!\[|\]\(|<\s*/?\s*[a-z][^>]*>|&#?\w+;|javascript:|data:\w+/"
)
_ENCODED = re.compile(r"[A-Za-z0-9+/=_-]{24,}")
_LATIN_WORD = re.compile(r"[a-z]{3,}")
LEAK_WINDOW = 14  # characters of the normalised system prompt that may not reappear in an answer


@dataclass(frozen=True)
class Passage:
    """One retrieved unit the LLM may use: its section id, its marker and its verbatim text."""

    section: str
    marker: str
    text: str


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""
    cited: tuple[str, ...] = ()  # section ids the answer cites, in order


def check(
    plan: Plan,
    answer: str,
    passages: Sequence[Passage],
    *,
    system_prompt: str,
    canary: str,
    max_chars: int,
    latin_from_passages: bool = True,
) -> Verdict:
    """Accept `answer` only if it passes every check; the reason names the first that failed."""
    if not answer.strip():
        return Verdict(False, "empty")
    if leaks(answer, system_prompt, canary):
        return Verdict(False, "prompt_leak")
    if _MARKUP.search(unicodedata.normalize("NFKC", answer)):
        return Verdict(False, "markup")
    cited, unknown = cited_sections(plan, answer)
    if unknown:
        return Verdict(False, "unknown_marker")
    if not cited:
        return Verdict(False, "no_citation")
    retrieved = {p.section for p in passages}
    if any(not _covers(c, retrieved) for c in cited):
        return Verdict(False, "section_not_retrieved")
    body = _MARKER.sub(" ", answer)
    if len(body.strip()) > max_chars:
        return Verdict(False, "too_long")
    sources = normalise("\n".join(p.text for p in expand(cited, passages)))
    if _ENCODED.search(unicodedata.normalize("NFKC", body)):
        return Verdict(False, "encoded")
    if not numbers(body) <= numbers(sources, with_bare=True):
        return Verdict(False, "invented_number")
    if latin_from_passages and any(w not in sources for w in _LATIN_WORD.findall(normalise(body))):
        return Verdict(False, "foreign_term")
    return Verdict(True, cited=tuple(cited))


# --- citations -----------------------------------------------------------------------------------


def cited_sections(plan: Plan, answer: str) -> tuple[list[str], list[str]]:
    """The section ids an answer cites (in order, once each) and the markers it uses that name no
    section of the plan."""
    labels = _label_index(plan)
    cited: list[str] = []
    unknown: list[str] = []
    for m in _MARKER.finditer(normalise(answer)):
        sid = m.group(2) or _label_to_id(plan, m.group(1), labels)
        if sid is None or (sid != "0" and plan.section(sid) is None):
            unknown.append(m.group(0))
        elif sid not in cited:
            cited.append(sid)
    return cited, unknown


def _label_index(plan: Plan) -> dict[str, str]:
    ids = ["0"] + [p.id for p in plan.parts] + [m.id for m in plan.measures()]
    return {normalise(section_label(plan, sid, s)): sid for sid in ids for s in ("hant", "hans")}


def _label_to_id(plan: Plan, label: str, labels: dict[str, str]) -> str | None:
    """A full label, a bare id inside 【】, or the numbering with (part of) the right title."""
    if label in labels:
        return labels[label]
    if _SECTION_ID.match(label):
        return label
    m = _LABEL.match(label)
    if not m:
        return None
    part, measure, title = m.groups()
    sid = str(cn_value(part)) + (f".{cn_value(measure)}" if measure else "")
    node = plan.section(sid)
    real = normalise(node.title.hant) if node is not None else ""
    return sid if node is not None and (not title or title in real or real in title) else None


def _covers(cited: str, retrieved: set[str]) -> bool:
    """A cited task must be retrieved itself; a cited measure or part must hold a retrieved unit."""
    return cited in retrieved or any(r.startswith(cited + ".") for r in retrieved)


def expand(cited: Sequence[str], passages: Sequence[Passage]) -> list[Passage]:
    """The passages a list of cited sections stands for, in citation order."""
    out: list[Passage] = []
    for c in cited:
        out.extend(p for p in passages if (p.section == c or p.section.startswith(c + ".")) and p not in out)
    return out


# --- figures -------------------------------------------------------------------------------------


def numbers(text: str, with_bare: bool = False) -> set[tuple[str, str]]:
    """Figures as (value, unit character): 90-100亿元 → (90, ""), (100, 亿); 三个 → (3, 个).

    Chinese numerals count only where a unit follows (一流 and 统一 are words, 三个 is a figure);
    ordinals (第三) are references, not figures. `with_bare` adds every value without its unit, so
    that a figure quoted without a unit still matches its source."""
    text = normalise(_MARKER.sub(" ", text))
    found: set[tuple[str, str]] = set()
    for m in _ARABIC.finditer(text):
        found.add((_canonical(m.group(1)), m.group(2) if m.group(2) in _UNITS else ""))
    for m in _CN_NUMBER.finditer(text):
        value = cn_value(m.group(1))
        if value is not None:
            found.add((str(value), m.group(2)))
    if with_bare:
        found |= {(v, "") for v, _ in found}
    return found


def _canonical(value: str) -> str:
    return str(float(value)).removesuffix(".0") if "." in value else str(int(value))


def cn_value(text: str) -> int | None:
    """Chinese numerals up to the 亿: 三 → 3, 十五 → 15, 两万 → 20000; None when not a number."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_VALUES:
            digit = _CN_VALUES[ch]
        elif ch in _CN_SCALES:
            section += (1 if digit is None else digit) * _CN_SCALES[ch]
            digit = None
        elif ch in "万亿":
            total = (total + section + (digit or 0)) * (10_000 if ch == "万" else 100_000_000)
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


# --- the system prompt ---------------------------------------------------------------------------


def leaks(answer: str, system_prompt: str, canary: str) -> bool:
    """Whether the answer gives away the canary or a run of the system prompt, also when spaced out,
    hidden with zero-width characters, reversed, ROT13-ed or Base64-encoded."""
    flat = _flat(answer)
    secret = _flat(canary)
    variants = {secret, secret[::-1], codecs.encode(secret, "rot13")}
    if secret and any(v in flat for v in variants):
        return True
    for blob in _ENCODED.findall(unicodedata.normalize("NFKC", answer)):
        if _decodes_to_secret(blob, secret, system_prompt):
            return True
    prompt = normalise(system_prompt.replace(canary, " "))
    text = normalise(_strip_invisible(answer))
    windows = {prompt[i : i + LEAK_WINDOW] for i in range(max(0, len(prompt) - LEAK_WINDOW + 1))}
    return any(w in text or w in text[::-1] for w in windows)


def _flat(text: str) -> str:
    """Letters and digits only, lower-case, compatibility forms folded: c a-n_a·r y → canary."""
    text = unicodedata.normalize("NFKC", _strip_invisible(text)).lower()
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


def _strip_invisible(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _decodes_to_secret(blob: str, secret: str, system_prompt: str) -> bool:
    try:
        decoded = base64.b64decode(blob + "=" * (-len(blob) % 4), altchars=b"-_" if "-" in blob else None)
        plain = decoded.decode("utf-8", errors="ignore")
    except ValueError:
        return False
    return bool(secret and secret in _flat(plain)) or (len(plain) >= 8 and plain in system_prompt)
