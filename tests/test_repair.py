"""The repair undoes damage it has never seen: the tests inflict the source's kind of damage on clean
text and check that the same code restores it."""

from __future__ import annotations

import random
import re

import pytest
from damage import damage
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.gbk import char_byte_options, char_bytes, decode_pair
from ingest.repair import find_windows, has_mojibake, repair_text

HEADING = re.compile(r"^\s*\((.)\)")


def widen_heading(line: str) -> str:
    """Headings as they stood before the damage: full-width brackets, no indentation."""
    return HEADING.sub(lambda m: f"（{m.group(1)}）", line).strip()


@pytest.fixture(scope="module")
def clean_lines(plan_text: str) -> list[str]:
    return [ln.strip() for ln in plan_text.split("\n")]


def test_every_heading_damaged_at_once_is_restored(clean_lines):
    damaged = [damage(widen_heading(ln), 0) if HEADING.match(ln) else ln for ln in clean_lines]
    assert sum(d != c for d, c in zip(damaged, clean_lines, strict=True)) == 24
    repaired, log = repair_text("\n".join(damaged))
    restored = [ln.strip() for ln in repaired.split("\n")]
    wrong = [(r, c) for r, c in zip(restored, clean_lines, strict=True) if r != c]
    assert wrong == []
    assert len(log) >= 24


@pytest.mark.parametrize("seed", [7, 11, 23])
def test_damage_inside_paragraphs_is_mostly_restored(clean_lines, seed):
    """A lost byte is a guess from the document's statistics: most guesses, not all, must be right."""
    rng = random.Random(seed)
    paragraphs = [i for i, ln in enumerate(clean_lines) if len(ln) > 200]
    damaged, spots = list(clean_lines), []
    for i in paragraphs:
        line = clean_lines[i]
        han = [j for j, ch in enumerate(line) if "\u4e00" <= ch <= "\u9fff" and 20 < j < len(line) - 20]
        at = rng.choice(han)
        damaged[i] = damage(line, at)
        spots.append(i)
    repaired = repair_text("\n".join(damaged))[0].split("\n")
    right = sum(repaired[i].strip() == clean_lines[i] for i in spots)
    assert right / len(spots) >= 0.7, f"{right}/{len(spots)} paragraphs restored"


def test_repair_log_records_spans_with_confidence(clean_lines):
    source = "  " + damage("（二）深化工程建設審批行動。總結復制經驗", 0)
    _, log = repair_text("\n".join([source, *clean_lines]))
    assert len(log) == 1 and log[0].line == 1
    assert log[0].before == source[log[0].start : log[0].end]
    assert log[0].after.startswith("(二)深化工程建設")
    assert 0.0 <= log[0].confidence <= 1.0


def test_clean_text_is_left_alone(clean_lines):
    text = "\n".join(clean_lines)
    assert repair_text(text) == (text, [])
    assert all(find_windows(ln) == [] for ln in clean_lines)


@pytest.mark.parametrize("ch", ["\ue848", "\ue46a", "\ue7c9", "ㄒ", "┩", "保", "（"])
def test_byte_view_round_trips(ch):
    raw = char_bytes(ch)
    assert raw is not None and len(raw) == 2
    if ch < "\ue000" or ch > "\uf8ff":
        assert decode_pair(raw[0], raw[1]) == ch


def test_question_mark_may_be_a_lost_byte_or_a_folded_full_width_mark():
    assert set(char_byte_options("?")) == {(0x3F,), (0xA3, 0xBF), (-1,)}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_repair_never_raises_and_is_idempotent(text):
    once, _ = repair_text(text)
    assert repair_text(once)[0] == once or find_windows(once)


SYMBOL_TEXT = """（一）節能降溫行動。室外溫度≥25℃時啟動①號預案,②號預案備用,第Ⅱ階段評為★★★。
依據§3.2與№12文件,流程為申報→B→C,辦結率≥90%,溫差±2℃,面積≤5㎡。"""


def _variants(text: str) -> dict[str, str]:
    from planqa.script import to_hans

    return {
        "traditional": text,
        "simplified": to_hans(text),
        "full-width": text.replace(",", "，").replace("(", "（").replace(")", "）"),
        "symbols": SYMBOL_TEXT,
        "symbols-simplified": to_hans(SYMBOL_TEXT),
    }


@pytest.mark.parametrize(
    "variant", ["traditional", "simplified", "full-width", "symbols", "symbols-simplified"]
)
def test_a_clean_source_passes_through_byte_for_byte(plan_text, variant):
    text = _variants(plan_text)[variant]
    assert repair_text(text) == (text, [])


@pytest.mark.parametrize("symbol", list("℃①②ⅡⅢ★§№→≥"))
def test_prose_symbols_are_no_signature_of_damage(symbol):
    assert not has_mojibake(f"溫度{symbol}25")
    assert find_windows(f"溫度{symbol}25時") == []


def test_symbols_beside_real_damage_survive(clean_lines):
    damaged = damage("（二）深化工程建設審批行動。總結復制經驗", 0)
    repaired, log = repair_text("\n".join([damaged, SYMBOL_TEXT, *clean_lines]))
    assert "\n".join(repaired.split("\n")[1:3]) == SYMBOL_TEXT
    assert repaired.split("\n")[0].startswith("(二)深化工程建設審批行動")
    assert all(r.line == 1 for r in log)
