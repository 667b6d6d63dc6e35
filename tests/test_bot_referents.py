"""Questions that point at an earlier answer's unit (bot/referents.py), and a unit's remit quoted
task by task (bot/drafts.py)."""

import pytest

from bot.referents import pointed_unit

HISTORY = ["行政处罚信用修复是哪个部门负责？", "检查码试点是谁负责的？", "人才公寓有多少套？"]


@pytest.mark.parametrize(
    ("question", "turn"),
    [
        ("第一个问的那个部门一共有哪些任务？", 0),
        ("第二个问的那个单位还负责什么？", 1),
        ("最开始问的那个部门还干什么", 0),
        ("这个部门还负责哪些事？", 2),  # the last turn, unless counted
        ("第九个问的那个部门负责什么", 2),  # no ninth turn: the last
        ("回到第一个单位，它在这方面做什么？", 0),
    ],
)
def test_the_turn_pointed_at_is_the_one_counted_or_the_last(question, turn):
    pointed = pointed_unit(question, HISTORY)
    assert pointed is not None and pointed.turn == turn
    assert pointed.words in question


@pytest.mark.parametrize("question", ["区市场局负责什么？", "部门之间怎么协同？", "这个政策谁负责？"])
def test_no_unit_pointed_at(question):
    assert pointed_unit(question, HISTORY) is None


def test_nothing_to_point_at_without_a_conversation():
    assert pointed_unit("这个部门还负责什么？", []) is None


@pytest.fixture(scope="module")
def pipeline(service_pipeline):
    return service_pipeline


@pytest.mark.parametrize(
    ("question", "history", "unit"),
    [
        ("第一个问的那个部门，方案里一共有哪些任务？", HISTORY[:2], "区市场局"),
        ("这个部门还负责什么？", HISTORY[1:2], "区司法局"),
        ("那这个谁负责？这个部门还负责哪些事？", ["零工市场要往哪些地区延伸？"], "区人社局"),
        # a follow-up naming only another unit asks the earlier question of it
        ("那区司法局呢？", ["区法院在方案里负责什么？"], "区司法局"),
        ("人社局呢", ["区经委在方案里负责什么？"], "区人社局"),
        # the unit is all the question takes from the conversation: its whole remit, not the section's
        (
            "那这个部门在整个方案里一共负责哪些任务？",
            ["1.6讲的是什么？", "这一节的任务都是哪个部门负责？"],
            "区税务局",
        ),
    ],
)
def test_the_unit_of_the_earlier_answer_is_the_one_asked_about(pipeline, question, history, unit):
    answer = pipeline.answer(question, history)
    assert answer.answered and answer.question == question
    dept = pipeline.plan.department(unit)
    cited = {c.section.rsplit(".", 1)[0] for c in answer.citations}
    measures = {t.rsplit(".", 1)[0] for t in dept.task_ids}
    assert measures <= cited  # its whole remit, every measure quoted


@pytest.mark.parametrize("unit", ["区税务局", "区人社局", "区经委"])
def test_a_remit_quotes_every_task_that_fits_and_every_measure(pipeline, unit):
    answer = pipeline.answer(f"{unit}负责什么？")
    dept = pipeline.plan.department(unit)
    cited = [c.section for c in answer.citations]
    measures = {t.rsplit(".", 1)[0] for t in dept.task_ids}
    assert measures <= {c.rsplit(".", 1)[0] for c in cited}
    most = max(pipeline.settings.remit_max_quotes, len(measures))
    assert len(cited) == min(len(dept.task_ids), most) == len(set(cited))
    assert cited == sorted(cited, key=lambda s: [int(n) for n in s.split(".")])  # the plan's order


@pytest.mark.parametrize(
    ("question", "history", "section"),
    [
        ("这条措施下面第三个任务是什么？", ["第三部分讲什么？", "那它第二条措施呢？"], "3.2.3"),
        ("这部分第二条讲什么？", ["第四部分讲什么？"], "4.2"),
    ],
)
def test_an_item_counted_in_the_section_the_last_answer_was_about(pipeline, question, history, section):
    answer = pipeline.answer(question, history)
    assert answer.citations and answer.citations[0].section == section, answer.answer
