"""The whole pipeline over a real index built from scratch in a temporary build folder: the path
`plan-qa ask`, `plan-qa eval` and `/api/ask` share (bot.ranking.load_ranker → Pipeline)."""

from __future__ import annotations

import pytest

from bot.pipeline import Pipeline
from bot.ranking import load_ranker
from planqa.errors import BadQuestionError
from planqa.settings import Settings


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory) -> Pipeline:
    settings = Settings(build_dir=tmp_path_factory.mktemp("build"))
    ranker = load_ranker(settings)  # nothing built yet: builds the plan, then the index
    assert (settings.build_dir / "plan.json").exists()
    return Pipeline(ranker.plan, settings, ranker)


def test_the_ranking_is_the_retrievers(pipeline):
    q = "公司缺钱，区里有没有贴息贷款？"
    retrieval = pipeline.retriever.retriever.retrieve(q)
    ranked = pipeline.rank(q)
    first = ranked.evidence[0].section  # the best unit of the best-ranked section
    assert first == retrieval.sections[0] or first.startswith(retrieval.sections[0] + ".")
    assert len({e.section for e in ranked.evidence}) == len(ranked.evidence)
    assert all(isinstance(t.id, str) and t.id.count(".") == 2 for t, _ in ranked.tasks)
    assert ranked.relevance == pytest.approx(retrieval.relevance)


@pytest.mark.parametrize(
    ("question", "section", "fact"),
    [
        ("公司缺钱，区里有没有贴息贷款？", "1.4", "贷款"),
        ("保障性租赁住房今年供应多少套？", "2.5", "9200套"),
        ("零工市场由哪个部门负责？", "1.3", "区人社局"),
        ("第三部分第二条讲什么？", "3.2", "分类监管信用驱动行动"),
        # English: the figure is picked by the plan's terms the question's words translate to
        ("What is the target for talent apartments?", "2.5", "7700套"),
        ("How many hostel beds will be added?", "2.5", "5000張"),
        ("How many talent stations will be built?", "2.5", "14個"),
    ],
)
def test_answers_cite_the_right_section(pipeline, question, section, fact):
    answer = pipeline.answer(question)
    assert answer.answered and answer.citations[0].section.startswith(section)
    assert fact in answer.answer


@pytest.mark.parametrize(
    ("history", "question", "section", "fact"),
    [
        (["创园贷是什么？", "规模有多大？"], "哪个部门负责？", "1.4", "区金融办"),  # 规模有多大 leans too
        (["人才公寓今年供应多少套？"], "那一张床呢？", "2.5", "5000张"),  # its own topic, not 套
    ],
)
def test_a_conversation_keeps_its_topic(pipeline, history, question, section, fact):
    answer = pipeline.answer(question, history=history)
    assert answer.answered and answer.citations[0].section.startswith(section)
    assert fact in answer.answer


def test_a_follow_up_leans_on_the_history(pipeline):
    answer = pipeline.answer("那这个由哪个部门负责？", history=["保障性租赁住房今年供应多少套？"])
    assert answer.answered and answer.intent == "who"
    assert answer.citations[0].section.startswith("2.5")


@pytest.mark.parametrize(
    "question",
    [
        "闵行区区长是谁？",
        "明天会下雨吗？",
        "帮我写一首诗",
        # topics the plan never takes up: no unit shares their words or stands out in meaning
        "区里有没有发放育儿补贴？",
        "闵行有没有免费的健身房？",
        "老旧小区加装电梯有补贴吗？",
    ],
)
def test_what_the_plan_does_not_cover_is_declined(pipeline, question):
    answer = pipeline.answer(question)
    assert not answer.answered and not answer.citations


@pytest.mark.parametrize("question", ["", "   ", "x" * 5000])
def test_bad_questions_raise_a_domain_error(pipeline, question):
    with pytest.raises(BadQuestionError):
        pipeline.answer(question)
