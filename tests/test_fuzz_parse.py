"""Hypothesis over ingest and normalisation: arbitrary text never crashes the repair or the parser
(it is a plan, or a clear NotAPlanError), and `normalise` — the matching form every stage compares
in — is idempotent, so normalising twice can never change what matches."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest import plan_from_text
from ingest.repair import repair_text
from planqa.errors import NotAPlanError
from planqa.script import detect_script, half_width, normalise, to_hans, to_hant
from planqa.settings import get_settings

FUZZ = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
# Han, CJK punctuation, full-width forms, the GBK-damage symptoms repair looks for, Latin, controls
ALPHABET = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x3000, max_codepoint=0x303F),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
    st.characters(min_codepoint=0xE000, max_codepoint=0xE0FF),  # private use
    st.characters(min_codepoint=0x3100, max_codepoint=0x312F),  # bopomofo
    st.characters(min_codepoint=0x2500, max_codepoint=0x257F),  # box drawing
    st.sampled_from("?？（）()、，。：；0123456789一二三四五六七八九十\n\t \r\x00\ufeff\u200b"),
    st.characters(),
)
TEXT = st.text(ALPHABET, max_size=400)


@FUZZ
@given(TEXT)
@example("")
@example("\n\n\n")
@example("一、\n（一）\n1.")
def test_repair_and_parse_never_crash(text):
    repaired, repairs = repair_text(text)
    assert isinstance(repaired, str) and isinstance(repairs, list)
    try:
        plan = plan_from_text(text)
    except NotAPlanError as exc:
        assert exc.zh and exc.en
    else:
        assert plan.parts is not None


@pytest.fixture(scope="module")
def source() -> str:
    return get_settings().source.read_text(encoding="utf-8")


@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.integers(min_value=0, max_value=10**6), TEXT)
def test_the_real_plan_with_junk_inserted_still_parses_or_says_why(source, at, junk):
    position = at % (len(source) + 1)
    try:
        plan = plan_from_text(source[:position] + junk + source[position:])
    except NotAPlanError as exc:
        assert exc.zh and exc.en
    else:
        assert plan.parts


@FUZZ
@given(st.text(ALPHABET, max_size=200))
@example("İstanbul ＡＢＣ　臺灣")
@example("ﬁ ß Σ ς")
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@FUZZ
@given(st.text(ALPHABET, max_size=200))
def test_script_helpers_never_raise(text):
    assert (
        isinstance(half_width(text), str)
        and isinstance(to_hans(text), str)
        and isinstance(to_hant(text), str)
    )
    assert detect_script(text) in ("hans", "hant", "en")
