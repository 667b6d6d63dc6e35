"""The plan's own words read through the asker's slips (bot/spelling.py): homophones typed through a
pinyin input method and made-up short names of units, never a word the asker meant."""

import re

import pytest

from bot.spelling import Speller
from planqa.script import normalise

UNITS = {  # every name a unit goes by → its official short name
    "区规划资源局": "区规划资源局",
    "规划和自然资源局": "区规划资源局",
    "区市场局": "区市场局",
    "市场监督管理局": "区市场局",
    "区发改委": "区发改委",
    "发展和改革委员会": "区发改委",
    "区经委": "区经委",
    "经济委员会": "区经委",
    "区建管委": "区建管委",
    "建设和管理委员会": "区建管委",
}


@pytest.fixture(scope="module")
def speller(plan) -> Speller:
    text = normalise(
        "\n".join([plan.title.hans, plan.preamble.hans])
        + "".join(m.text.hans + m.title.hans for m in plan.measures())
    )
    return Speller(text, UNITS)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("检察码是啥", "检查码"),
        ("敏小通是什么", "闵小通"),
        ("信用修夫要多久", "信用修复"),
        ("这个方按是哪天发的", "方案"),
        ("区发该委负责什么", "区发改委"),
        ("一业一正扩到多少个行业", "一业一证"),
        ("方案里清欠是哪个部门牵头", "清理拖欠"),  # a short name the plan writes out in full
        ("园区里危化品怎么存放", "危险化学品"),
    ],
)
def test_a_homophone_slip_is_read_as_the_plans_word(speller, typed, meant):
    corrected = speller.correct(typed)
    assert meant in corrected
    assert len(corrected) - len(typed) == len(meant) - len(speller.corrections(typed)[0].typed)


@pytest.mark.parametrize(
    "question",
    [
        "检查码试点是谁负责的？",  # 是 meant, not the plan's 示 (试点示范)
        "营商环境体验官是区发改委负责的吗？",  # 是区, not 市区
        "党建引领营商环境有几大项目",  # 有几, not 有机
        "能用非现场监管解决的，还会上门检查吗？",  # 检查吗, not 检查码
        "公式是什么",  # a word of its own, not the plan's 公示
        "企业一有违规就直接罚款吗",  # 一有…就, not the plan's 以有
        "方案正文是按几大工程来分的？",  # 来分 is no short name of the plan's 来产业细分
        "平台要升级到几点零来着",  # nor 零来 of 零号湾)未来
    ],
)
def test_words_the_asker_meant_are_left_alone(speller, question):
    assert speller.corrections(normalise(question)) == ()


def test_the_plans_own_sentences_need_no_correction(speller, plan):
    sentences = [
        s for m in plan.measures() for s in re.split(r"[。；,，]", normalise(m.text.hans)) if len(s) > 3
    ]
    assert len(sentences) > 100
    assert [s for s in sentences if speller.corrections(s)] == []


@pytest.mark.parametrize(
    ("typed", "unit"),
    [("规资局有哪些任务", "区规划资源局"), ("市管局负责什么", "区市场局"), ("建委干啥", None)],
)
def test_a_made_up_short_name_is_the_one_unit_it_abbreviates(speller, typed, unit):
    corrected = speller.correct(typed)
    if unit is None:  # two characters are too few to tell a unit by
        assert corrected == typed
    else:
        assert corrected.startswith(unit)


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("区市物局负责哪些", "区市场局"),  # a character mistyped by its look
        ("区规划资原局管什么", "区规划资源局"),
        ("除了市场局还有谁", None),  # a word before a short name is no slip of its 区
    ],
)
def test_a_unit_name_with_one_character_mistyped_is_that_unit(speller, typed, unit):
    corrected = speller.correct(typed)
    assert (unit in corrected) if unit else corrected == typed


def test_an_abbreviation_two_units_share_is_left_alone():
    speller = Speller("", {"区市场管理局": "区市场管理局", "区市政管理局": "区市政管理局"})
    assert speller.corrections("市管局在哪") == ()
    assert speller.correct("市场管局在哪").startswith("区市场管理局")


def test_the_parsed_question_carries_the_correction_to_every_stage(speller):
    from bot.question import parse

    q = parse("敏小通的function是什么？", speller=speller)
    assert "闵小通" in q.search and "闵小通" in q.ask
    assert parse("检察码谁负责", speller=speller).text.startswith("检查码")


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("What is 'Min Xiao Tong'?", "闵小通"),
        ("Who is responsible for the Da Ling Hao Wan special plan?", "大零号湾"),
        ("How do I apply for the Chuang-Yuan-Dai loan?", "创园贷"),
    ],
)
def test_an_english_question_spelling_a_plan_name_in_pinyin_reaches_it(speller, question, name):
    from bot.question import parse

    assert name in parse(question, speller=speller).search


@pytest.mark.parametrize("question", ["What Is An Apple", "Can He Go To Shanghai Now?"])
def test_english_words_that_happen_to_be_syllables_stay_english(speller, question):
    assert speller.names_in_pinyin(question) == ()


@pytest.mark.parametrize(
    ("question", "counts"),
    [
        ("How many GP fund teams will the financial harbour gather?", True),
        ("How many private equity funds should settle there?", True),
        ("How much is the special loan?", False),
        ("How many billion yuan is the special loan?", False),  # names its unit
    ],
)
def test_an_english_count_is_never_a_sum_of_money(question, counts):
    from bot.intent import detect_intent

    intent = detect_intent(question, english=True)
    assert intent.kind == "figure"
    assert ("亿元" in intent.not_units) is counts


def test_an_english_count_over_a_name_read_from_pinyin_is_a_count(service_pipeline):
    answer = service_pipeline.answer(
        "How many GP fund teams does the Da Ling Hao Wan financial harbor aim to gather?"
    )
    assert answer.figures and not any("億" in f or "亿" in f for f in answer.figures)
