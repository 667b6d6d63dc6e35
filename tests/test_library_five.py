"""A library of five plans (our plan, and our plan issued by three other districts and for another
year, tests/fixtures/library.py), built from scratch in a temporary folder: stable ids, routing by the
plan a question names, comparisons, declines, and the test set asked of each plan by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.library import Library
from eval.library_check import check_routing, plain_cases
from eval.suite import DEFAULT_TESTSET
from eval.testset import load_testset
from planqa.settings import get_settings
from tests.fixtures.library import library_settings

pytestmark = pytest.mark.slow
IDS = ["minhang-2024", "fengxian-2025", "jiading-2024", "songjiang-2026", "minhang-2025"]


@pytest.fixture(scope="module")
def five(tmp_path_factory, plan):
    settings = library_settings(get_settings(), tmp_path_factory.mktemp("library"), plan)
    return Library.load(settings), settings


def test_every_plan_is_built_on_its_own_with_a_stable_id(five):
    library, settings = five
    assert [p.id for p in library.plans] == IDS and library.default_id == "minhang-2024"
    for info in library.plans:
        folder = Path(settings.build_dir) / info.id
        assert (folder / "plan.json").exists() and (folder / "index" / "manifest.json").exists()
    catalog = json.loads((Path(settings.build_dir) / "library.json").read_text(encoding="utf-8"))
    assert sorted(catalog["plans"].values()) == sorted(IDS)
    again = Library.load(settings)  # built already: the same ids, nothing renumbered
    assert [p.id for p in again.plans] == IDS
    embedders = {id(library.pipeline(i).index.embedder) for i in IDS}
    assert len(embedders) == 1  # one model for every plan


@pytest.mark.parametrize(
    ("question", "plans"),
    [
        ("奉贤区2025年的方案里，人才公寓有多少套？", ["fengxian-2025"]),
        ("松江的人才公寓有多少套？", ["songjiang-2026"]),
        ("2026年的方案里人才公寓有多少套？", ["songjiang-2026"]),
        ("闵行区2024年和2025年的方案在人才公寓上有什么不同？", ["minhang-2024", "minhang-2025"]),
        ("2024年和2025年的方案在人才公寓上有什么不同？", ["minhang-2024", "minhang-2025"]),
        ("嘉定和奉贤的人才公寓各有多少套？", ["fengxian-2025", "jiading-2024"]),
        ("人才公寓有多少套？", ["minhang-2024"]),  # named by none: the closest, ties to the default
    ],
)
def test_a_question_goes_to_the_plans_it_names(five, question, plans):
    library, _ = five
    answer = library.answer(question)
    assert answer.answered and answer.plans == plans
    assert {c.plan for c in answer.citations} == set(plans)
    titles = [library.info(p).short_title for p in plans]
    assert all(f"《{t}》" in answer.answer for t in titles)  # the answer names its plan(s)


@pytest.mark.parametrize("question", ["浦东新区人才公寓有多少套？", "闵行区2026年人才公寓有多少套？"])
def test_a_plan_not_loaded_is_declined(five, question):
    answer = five[0].answer(question)
    assert not answer.answered and not answer.citations
    assert all(f"《{p.short_title}》" in answer.answer for p in five[0].plans)  # the plans there are


def test_a_follow_up_stays_with_the_plan_named_before(five):
    answer = five[0].answer("那由哪个部门负责？", ["松江区2026年的方案里人才公寓有多少套？"])
    assert answer.plans == ["songjiang-2026"] and answer.departments


def test_questions_naming_their_plan_are_answered_from_it(five):
    library, _ = five
    cases = plain_cases(load_testset(DEFAULT_TESTSET), library)
    routing = check_routing(library, cases)
    assert routing.asked >= 5 * 200
    assert routing.rate >= 0.97, routing.rate
    assert routing.crossed == []  # no citation or figure from another plan
