"""A yes/no guessing which unit does a thing: the thing is looked up without the guessed unit's name,
and the answer says whether the guess holds before who does it (bot/unit_check.py)."""

from __future__ import annotations

import pytest

from bot.question import parse
from bot.unit_check import checked_unit

UNITS = ("区规划资源局", "区市场局", "区经委", "区科委")


@pytest.mark.parametrize(
    ("question", "who_question", "lead"),
    [
        ("莫德纳速度那条不是区规划资源局牵头的吗？", "莫德纳速度那条由谁牵头？", True),
        ("一业一证是区市场局负责的吗？", "一业一证由谁负责？", False),
        ("区市场局是不是负责一业一证？", "一业一证由谁负责？", False),  # the unit first
        # a guess put to be confirmed (吧), the role in an everyday verb (在管, 在搞)
        ("一业一证是区市场局在管吧？", "一业一证由谁负责？", False),
        ("检查码试点是区市场局在搞吗？", "检查码试点由谁负责？", False),
        ("一业一证是区市场局牵头的吧？", "一业一证由谁牵头？", True),
        ("检查码试点 区市场局负责？", "检查码试点由谁负责？", False),  # the role said last, a question mark
        ("闵闵工作室是区市场局的服务品牌？", "闵闵工作室由谁负责？", False),  # the unit's own thing
        ("做兜底式权益保护的是区经委吧？", "做兜底式权益保护由谁负责？", False),  # the one doing it
        ("检查码试点是区市场局在推吧？", "检查码试点由谁负责？", False),  # another everyday verb
    ],
)
def test_the_thing_is_asked_of_on_its_own(question, who_question, lead):
    check = checked_unit(parse(question, units=UNITS))
    assert check is not None and (check.who_question, check.lead) == (who_question, lead)


@pytest.mark.parametrize(
    ("question", "negated"),
    [
        ("一业一证不归区市场局管吧？", True),
        ("一业一证不是区市场局负责的吧？", True),
        ("一业一证区市场局不管吧？", True),
        ("莫德纳速度那条不是区规划资源局牵头的吗？", False),  # asks back: isn't it …?
        ("一业一证是不是区市场局负责？", False),
    ],
)
def test_a_guess_that_the_unit_does_not_do_it(question, negated):
    check = checked_unit(parse(question, units=UNITS))
    assert check is not None and check.negated == negated
    assert "不" not in check.who_question  # the thing is asked of on its own, without the guess


@pytest.mark.parametrize(
    "question",
    [
        "那区科委还管别的什么吗？",
        "区市场局负责什么？",
        "一业一证由谁负责？",
        "区经委牵头吗？",
        "区市场局的任务多吗？",
    ],
)
def test_a_question_guessing_no_unit_for_a_thing_is_no_check(question):
    assert checked_unit(parse(question, units=UNITS)) is None


@pytest.mark.parametrize(
    ("question", "verdict", "unit"),
    [
        (
            "莫德纳速度那条不是区规划资源局牵头的吗？",
            "不是",
            "区经委",
        ),  # searched with the guess: 区规划资源局
        ("莫德纳速度是区经委牵头的吗？", "是", "区经委"),
        ("一业一证是区市场局负责的吗？", "不是", "区审改办"),
        ("區人社局負責零工市場嗎？", "是", "區人社局"),
        # the guess that the unit does NOT do it: wrong when it does
        ("个体户集中登记这件事不归区市场局管，对吧？", "不对", "区市场局"),
        ("一业一证不是区市场局负责的吧？", "对", "区审改办"),
    ],
)
def test_the_answer_says_whether_the_guess_holds_then_who(service_pipeline, question, verdict, unit):
    answer = service_pipeline.answer(question)
    lead = answer.answer.split("\n")[0]
    assert lead.startswith(verdict + "，") and unit in lead, answer.answer
