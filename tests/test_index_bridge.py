"""The English → Chinese bridge: built from CC-CEDICT against the plan's BM25 vocabulary, looked up
per question with each candidate term weighted by how sure its translation is."""

from __future__ import annotations

import numpy as np
import pytest

from index.bm25 import BM25
from index.bridge import Bridge, build_bridge

VOCABULARY = [
    "贷款",
    "担保",
    "人工智能",
    "知识产权",
    "保护",
    "公寓",
    "创园",
    "虹桥",
    "免罚",
    "劳动",
    "中心",
    "高效",
    "公正",  # glossed "just": a function word of everyday English, no topic
    "自身",  # glossed "own"
]


@pytest.fixture(scope="module")
def bridge() -> Bridge:
    return Bridge(build_bridge(VOCABULARY))


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("Is there a loan?", "贷款"),
        ("Are loans guaranteed?", "担保"),  # plural and inflection undone
        ("What about generative AI?", "人工智能"),  # an abbreviation in the gloss, "(AI)"
        ("intellectual property protection", "知识产权"),
        ("exempted from penalties", "免罚"),  # a term the dictionary lacks, glossed by its characters
        ("a labour complaint", "劳动"),  # British spelling, American gloss
        ("the service centre", "中心"),
        ("handled efficiently", "高效"),  # an adverb: its adjective is glossed
    ],
)
def test_english_words_reach_the_plans_terms(bridge, question, term):
    assert term in bridge.terms(question)


def test_only_the_vocabulary_and_only_english(bridge):
    tables = build_bridge(VOCABULARY)
    assert {t for table in tables.values() for terms in table.values() for t in terms} <= set(VOCABULARY)
    assert bridge.terms("公司缺钱，区里有没有贴息贷款？") == {}
    assert bridge.terms("What is the plan of the district?") == {}  # words of asking and of the plan itself
    assert bridge.terms("Do some firms just get paid on their own?") == {}  # function words


def test_a_word_with_several_candidates_shares_its_weight():
    bridge = Bridge({"gloss": {"loan": ["贷款"], "flat": ["公寓", "套房"]}})
    assert bridge.terms("a flat loan") == {"公寓": 0.5, "套房": 0.5, "贷款": 1.0}


def test_the_plans_names_spelt_in_pinyin(bridge):
    assert bridge.terms("What is the Chuangyuan loan?") == {"创园": 1.0, "贷款": 1.0}
    assert bridge.with_names("What is planned for Hongqiao?") == "What is planned for 虹桥?"
    assert bridge.with_names("Where is the bank?") == "Where is the bank?"  # English stays English


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("What is the Chuang Yuan loan?", "What is the 创园 loan?"),  # a syllable a word
        ("Is Hong Qiao in it?", "Is 虹桥 in it?"),
        ("Chuang, Yuan and more", "Chuang, Yuan and more"),  # words apart are no one name
    ],
)
def test_a_name_spelt_a_syllable_a_word(bridge, question, named):
    assert bridge.with_names(question) == named
    assert ("创园" in bridge.terms(question)) == ("创园" in named)


def test_a_single_letter_translates_to_nothing():
    bridge = Bridge({"gloss": {"s": ["人民政府"], "plan": ["规划"]}})
    assert bridge.terms("Minhang's") == {}


def test_bm25_counts_weighted_terms_at_their_weight():
    bm25 = BM25.fit([["贷款", "担保"], ["公寓"], ["保护"]])
    whole = bm25.scores(["贷款"])
    assert np.allclose(bm25.scores([], {"贷款": 0.5}), whole / 2)
    assert np.allclose(bm25.scores(["贷款"], {"贷款": 0.5}), whole)  # the question's own word keeps 1
    assert bm25.scores([], {"不在词表": 1.0}).sum() == 0


@pytest.mark.parametrize(
    ("district_en", "kept"), [("", True), ("Fengxian District", False), ("Minhang District", True)]
)
def test_the_plans_own_place_is_no_topic(district_en, kept):
    """The plan's own district, read from the plan (`Plan.district_en`), is a word of asking like
    "district" itself: it names every unit of the plan alike, so it reaches none of them."""
    from index.bridge import place_words

    places = place_words(district_en)
    bridge = Bridge(build_bridge(["奉贤", "贷款"], places), places)
    assert ("奉贤" in bridge.terms("Fengxian loans")) is kept and "贷款" in bridge.terms("Fengxian loans")


@pytest.mark.parametrize(
    ("question", "sure"),
    [
        ("advance rulings", {"事先", "裁定"}),  # the plan says 事先裁定: both words are sure of it
        ("rulings made in advance", set()),  # too far apart to be one phrase
        ("advance loan rulings", set()),  # a word between: two phrases
        ("advance loans", set()),  # candidates the plan never says together
    ],
)
def test_words_the_plan_says_together_are_sure(question, sure):
    tables = {
        "gloss": {"advance": ["事先", "提前"], "ruling": ["裁定", "裁决"], "loan": ["贷款"]},
        "pairs": {"事先": ["裁定"], "裁定": ["事先"]},
    }
    terms = Bridge(tables).terms(question)
    assert {t for t, weight in terms.items() if weight == 1.0} - {"贷款"} == sure


def test_pairs_are_built_from_the_units_tokens():
    tables = build_bridge(["贷款", "担保", "公寓"], docs=[["担保", "的", "贷款"], ["公寓"]])
    assert tables["pairs"] == {"担保": ["贷款"], "贷款": ["担保"]}
