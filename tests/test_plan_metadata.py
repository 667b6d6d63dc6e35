"""What the bot says about the plan itself comes from the plan: a plan of another district and year
(our plan rewritten, tests/fixtures/layouts.py) declines with its own district and year, and screens
the district it is not about."""

from __future__ import annotations

import pytest
from fixtures.layouts import render

from bot.compose import refuse
from bot.guard import Screening, screen
from ingest import plan_from_text
from planqa.script import normalise


@pytest.fixture(scope="module")
def fengxian(plan):
    return plan_from_text(render(plan, "other_district_year"))


def _plan_text(p) -> str:
    return normalise(
        "\n".join([p.title.hans, p.notice.hans, p.preamble.hans]) + "".join(m.text.hans for m in p.measures())
    )


@pytest.mark.parametrize(
    ("reason", "detail", "script", "says"),
    [
        ("other_year", "2023", "hans", ["2025年", "2023年"]),
        ("other_place", "浦东", "hant", ["奉賢區", "浦東"]),
        ("other_year", "2023", "en", ["Fengxian District", "2025"]),
    ],
)
def test_declines_name_the_plans_own_district_and_year(fengxian, reason, detail, script, says):
    text = refuse(fengxian, "问题", script, Screening(reason, detail), None).answer
    assert all(s in text for s in says)
    assert "闵行" not in text and "閔行" not in text and "Minhang" not in text and "2024" not in text


@pytest.mark.parametrize(
    ("question", "in_minhang", "in_fengxian"),
    [
        ("闵行区的人才公寓有多少套？", None, "other_place"),
        ("奉贤区的人才公寓有多少套？", "other_place", None),
        ("2024年的人才公寓有多少套？", None, "other_year"),
    ],
)
def test_the_plan_it_is_not_about_is_screened(plan, fengxian, question, in_minhang, in_fengxian):
    for p, want in ((plan, in_minhang), (fengxian, in_fengxian)):
        got = screen(normalise(question), _plan_text(p))
        assert (got.reason if got else None) == want, (p.district.hans, question)


def test_the_plans_own_district_is_a_stop_word_of_its_index(plan, fengxian):
    from index.text import Tokenizer

    question = "奉贤区和闵行区的人才公寓"
    assert plan.place_names() == ("闵行区", "闵行") and fengxian.place_names() == ("奉贤区", "奉贤")
    for own, other in ((plan, "奉贤"), (fengxian, "闵行")):
        tokens = Tokenizer(places=own.place_names()).tokens(question)
        assert not set(own.place_names()) & set(tokens)
        assert any(other in t for t in tokens)
