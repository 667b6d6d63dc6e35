"""A question whether a benefit exists is about whom or what it is for (bot/asked.py
`unnamed_beneficiary`): the plan's general 资金补贴 answers no question about a subsidy for something
the plan never names, and a follow-up part about that subsidy's amount is not answered either."""

import pytest

from bot.asked import unnamed_beneficiary
from planqa.script import normalise

GENERAL_SUBSIDY = "持续强化政策兑现,有序推进行政给付、资金补贴、税收优惠等惠企政策和服务直达快享、免申即享"
LOAN = "设立200亿元专项贷款,对符合条件的企业给予利率优惠和贷款利息补贴"


@pytest.fixture(scope="module")
def plan_words(plan) -> str:
    return normalise("".join(m.text.hans + m.title.hans for m in plan.measures()) + plan.preamble.hans)


@pytest.mark.parametrize(
    ("question", "unnamed"),
    [
        ("企业员工有停车补贴吗", "停车"),
        ("企业招用退役军人有补贴吗", "退役军人"),
        ("疫情期间的国企房租减免现在还有吗", None),  # one of 疫情 国企 房租, whichever is met first
    ],
)
def test_a_benefit_for_something_the_plan_never_names_is_found(plan_words, question, unnamed):
    found = unnamed_beneficiary(question, plan_words, [GENERAL_SUBSIDY])
    assert found is not None and found not in plan_words
    if unnamed:
        assert found == unnamed


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("区里有没有贴息贷款", LOAN),  # 贴息贷款 is the plan's 贷款利息补贴
        ("专项贷款有没有利息补贴", LOAN),  # what it is for is in the plan
        ("专项贷款的贴息能贴多少个点", LOAN),  # words after the benefit say what is asked, not for what
        ("人才公寓一共有多少套", GENERAL_SUBSIDY),  # no benefit asked about
    ],
)
def test_a_benefit_the_plan_speaks_of_is_left_to_the_answer(plan_words, question, quoted):
    assert unnamed_beneficiary(question, plan_words, [quoted]) is None


@pytest.fixture(scope="module")
def pipeline(service_pipeline):
    return service_pipeline


@pytest.mark.parametrize(
    "question", ["闵行企业员工有停车补贴吗？一个月多少？", "企业招用退役军人有补贴吗？能领多少？"]
)
def test_no_part_of_a_question_about_an_absent_benefit_is_answered(pipeline, question):
    answer = pipeline.answer(question)
    assert not answer.answered
    assert answer.citations == []


@pytest.mark.parametrize(
    "question",
    [
        "嗯那个创园贷，我们这种小微企业，最多能贷多少？",
        "专项贷款每家企业能申请多少？",
    ],
)
def test_what_one_asker_may_get_is_no_programmes_total(pipeline, question):
    answer = pipeline.answer(question)
    assert not any("亿" in f or "億" in f for f in answer.figures)


@pytest.mark.parametrize(("question", "figure"), [("创园贷担保贷款总规模多少？", "90-100億元")])
def test_a_programmes_total_asked_is_still_given(pipeline, question, figure):
    assert figure in pipeline.answer(question, script="hant").figures


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("人才公寓的rent是多少？", "rent"),
        ("人才公寓的number是多少？", None),
        ("闵行区去年GDP是多少？", "gdp"),
    ],
)
def test_an_english_noun_can_be_the_thing_asked(question, thing):
    from bot.asked import asked_for

    assert asked_for(normalise(question)) == thing


def test_an_english_word_is_no_proof_the_plan_lacks_the_thing_but_an_acronym_is(pipeline):
    quota = pipeline.answer("人才驿站的capacity是多少？")
    assert quota.answered and not quota.figures  # said plainly, the talent stations quoted, no count
    assert not pipeline.answer("人才公寓的rent是多少？").answered  # a price, in any language: no plan's
    assert not pipeline.answer("闵行区去年GDP是多少？").answered
    assert not pipeline.answer("閔行區2024年GDP增長了多少？").answered  # the district named in traditional


@pytest.mark.parametrize(
    ("question", "unnamed"),
    [
        ("Is there a subsidy for hiring interns in Minhang?", "interns"),
        ("Is there a parking subsidy for employees?", "parking"),
        ("Is there an interest subsidy for the special loan?", None),
        ("Are there rewards for talent apartments?", None),
        ("How big is the special loan?", None),  # no benefit asked about
    ],
)
def test_an_english_benefit_for_something_the_plan_never_names(pipeline, question, unnamed):
    from bot.asked import unnamed_beneficiary_en

    assert unnamed_beneficiary_en(question, pipeline.index.bridge.terms) == unnamed
    assert pipeline.answer(question).answered is (unnamed is None)
