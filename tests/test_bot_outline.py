"""The plan's opening and its shape asked for in other wordings: a question that names the preamble
(序言, 方案开头) is answered from it whatever it asks, and English asks for the plan's parts too."""

import pytest

from bot.sections import asks_outline_en


@pytest.fixture(scope="module")
def pipeline(service_pipeline):
    return service_pipeline


@pytest.mark.parametrize(
    "question",
    ["方案开头说要瞄准几个最？", "序言提出了哪些目标", "总体要求里说要把闵行打造成什么样的城区？"],
)
def test_a_question_naming_the_opening_is_answered_from_it(pipeline, question):
    answer = pipeline.answer(question)
    assert answer.answered
    assert [c.section for c in answer.citations][:1] == ["0"]


@pytest.mark.parametrize(
    ("question", "outline"),
    [
        ("What are the four major projects of the plan?", True),
        ("The plan talks about four big 'projects'. What are they called?", True),  # the kind in quotes
        ("How many parts does the plan have?", True),
        ("Describe the structure of the plan.", True),
        ("How many projects are there for party building?", False),  # a topic's projects, not the plan's
        ("Which section covers guaranteed loans?", False),
        ("How many sections cover talent?", False),
    ],
)
def test_english_asks_for_the_plans_shape(question, outline):
    assert asks_outline_en(question) is outline


@pytest.mark.parametrize(
    "question",
    [
        "What are the four major projects of the plan?",
        "How many major programmes is the plan organised around?",
    ],
)
def test_the_kind_of_part_counted_in_english_is_the_one_listed(pipeline, question):
    answer = pipeline.answer(question)
    assert answer.intent == "outline"
    # counted, the preamble that names them by their count comes first (聚力四大工程建设)
    assert [c.section for c in answer.citations if c.section != "0"] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("keywords", ["诉求直通车", "食品企业 一址两用", "专利转化运用专项行动 试点示范单位"])
def test_a_keyword_search_quotes_the_task_that_holds_its_keywords(pipeline, keywords):
    """A counter keyword names a thing of the plan exactly: 诉求直通车 is 问题诉求直通车, not another
    task's 直通车, and the sibling task next to it is not part of the answer."""
    from planqa.script import normalise

    answer = pipeline.answer(keywords)
    assert len(answer.citations) == 1
    task = pipeline.plan.section(answer.citations[0].section)
    assert all(word in normalise(task.text.hans) for word in keywords.split())


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("第三部分下面具体安排了哪些行动？", "3"),
        ("讲法治化营商环境的那一部分，部署了哪几项措施？", "3"),
        ("助企服务增值工程那块有几项行动，分别是啥", "2"),
    ],
)
def test_what_a_named_part_holds_is_its_outline_whatever_the_verb(pipeline, question, part):
    answer = pipeline.answer(question)
    assert answer.intent == "section", answer.answer
    measures = [c.section for c in answer.citations]
    assert measures and all(m.split(".")[0] == part for m in measures)
    assert len(set(measures)) >= 4, answer.answer  # the part's measures, not one task
