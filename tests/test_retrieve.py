"""Retrieval on the real plan with the default (offline) embedder: smoke checks of quality that
would fail if fusion, lookups or unit texts regressed, and the LangChain face."""

from __future__ import annotations

import pytest

import index
from bot.langchain_retriever import PlanRetriever
from bot.retrieve import Retriever
from planqa.settings import Settings


@pytest.fixture(scope="session")
def retriever(plan, tmp_path_factory) -> Retriever:
    settings = Settings(build_dir=tmp_path_factory.mktemp("build"))
    built = index.build(plan, index.index_dir(settings), settings)
    return Retriever(plan, built, settings)


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("公司缺钱，区里有没有贴息贷款？", "1.4"),
        ("公司缺錢，區裡有沒有貼息貸款？", "1.4"),
        ("创园贷是什么？", "1.4"),
        ("今年要建成多少个社区就业服务站？", "1.3"),
        ("出口检验检疫证书可以云签发吗？", "1.5"),
        ("信用修复审批要多长时间？", "3.2"),
        ("第三部分第二条讲什么？", "3.2"),
        ("保障措施有哪些？", "5"),
        ("这个方案是哪天印发的？", "0"),
        ("How large is the 2024 special loan for the high-quality development of enterprises?", "1.4"),
        # English found through the CC-CEDICT bridge (index/bridge.py); the embedder alone misses these
        ("Can young graduates rent a cheap bed or apartment?", "2.5"),
        ("Does the plan help companies resolve payment arrears?", "3.2"),
        ("Will customs certificates be signed in the cloud?", "1.5"),
        ("Are there subsidized loans for small companies?", "1.4"),
    ],
)
def test_first_section(retriever, question, section):
    assert retriever.retrieve(question, 5).sections[0] == section


def test_named_section_comes_first_with_its_units(retriever):
    result = retriever.retrieve("三、（二）是什么内容？", 5)
    assert result.section_ref == "3.2" and result.sections[0] == "3.2"
    assert result.hits[0].unit.id == "3.2"
    assert all(h.unit.section == "3.2" for h in result.hits[:5])


@pytest.mark.parametrize(
    ("question", "section"),
    [("讲政务服务升级的是第几部分第几条？", "2.1"), ("保障措施有哪些？", "5"), ("第二部分讲什么？", "2")],
)
def test_titles_and_parts_are_section_references(retriever, question, section):
    result = retriever.retrieve(question, 3)
    assert result.section_ref == section and result.hits[0].unit.id == section


def test_follow_up_question_vectors_are_cached(retriever):
    retriever.retrieve("创园贷是什么？", 3)
    before = retriever.index._embed_query.cache_info().hits
    retriever.retrieve("今年规模目标是多少？", 3, history=["创园贷是什么？"])
    assert retriever.index._embed_query.cache_info().hits > before


def test_department_remit_lists_its_measures(plan, retriever):
    result = retriever.retrieve("区人社局负责什么", 10)
    assert result.department_question
    assert [d.name.hans for d in result.departments] == ["区人社局"]
    named = {t.rsplit(".", 1)[0] for t in plan.department("区人社局").task_ids}
    assert set(result.sections[: len(named)]) == named
    assert all(any(d.name.hans == "区人社局" for d in h.unit.departments) for h in result.hits[:5])


def test_department_with_a_topic_keeps_the_topic(retriever):
    result = retriever.retrieve("人社局在劳动争议调解上做什么？", 5)
    assert not result.department_question
    assert result.sections[0] == "3.4"


def test_figure_questions_prefer_units_with_targets(retriever):
    result = retriever.retrieve("担保贷款总规模是多少？", 5)
    assert result.asks_number
    assert result.hits[0].unit.targets


def test_follow_up_borrows_the_topic_of_the_earlier_question(retriever):
    alone = retriever.retrieve("那这个由哪个部门负责？", 5)
    followed = retriever.retrieve("那这个由哪个部门负责？", 5, history=["创园贷的担保贷款规模是多少？"])
    assert followed.sections[0] == "1.4"
    assert alone.sections != followed.sections


def test_an_earlier_part_of_the_same_message_lends_more_than_an_earlier_turn(retriever):
    """…总额多少？对企业有什么优惠？: the second part asks about the same loan, in words of its own."""
    history = ["闵行区企业高质量发展专项贷款总额多少？"]
    turn = retriever.retrieve("对企业有什么优惠？", 5, history=history)
    part = retriever.retrieve("对企业有什么优惠？", 5, history=history, same_message=1)
    loan = {r.unit.id: r.score for r in part.hits}["1.4.2"]
    assert part.hits[0].unit.id == "1.4.2"
    assert loan - part.hits[1].score > turn.hits[0].score - turn.hits[1].score  # a clearer lead


def test_hits_carry_ranks_and_scores(retriever):
    result = retriever.retrieve("减税降费", 8)
    assert len(result.hits) == 8
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert set(result.hits[0].ranks) == {"dense", "bm25"}
    assert result.sections[0] == result.hits[0].unit.section
    assert 0 < result.relevance <= 1


def test_langchain_retriever_returns_documents(retriever):
    docs = PlanRetriever(retriever=retriever, k=4).invoke("公司缺钱，区里有没有贴息贷款？")
    assert len(docs) == 4
    meta = docs[0].metadata
    assert {"section", "kind", "title", "departments", "score"} <= set(meta)
    assert meta["section"].startswith("1.4")
    hant = PlanRetriever(retriever=retriever, k=1, script="hant").invoke("创园贷")
    assert "創園貸" in hant[0].page_content
