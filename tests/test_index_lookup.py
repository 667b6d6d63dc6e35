"""Structure lookups: section references in every common notation, departments by name or short form,
questions that ask for a figure."""

from __future__ import annotations

import pytest

from index.lookup import Lookup, cn_number


@pytest.fixture(scope="module")
def lookup(plan) -> Lookup:
    return Lookup(plan)


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("第三部分第二条讲什么？", "3.2"),
        ("第五部分第二个，那个叫啥？", "5.2"),  # the count word alone
        ("第二部分第一个是什么", "2.1"),
        ("第三部分第二條講什麼？", "3.2"),
        ("第3部分第2条", "3.2"),
        ("第三部分的第二项", "3.2"),
        ("三、（二）是什么内容？", "3.2"),
        ("三、(二)", "3.2"),
        ("三(二)", "3.2"),
        ("三（二）那一条", "3.2"),
        ("3.2讲的是什么？", "3.2"),
        ("３．２", "3.2"),
        ("第二部分第六条的内容是什么？", "2.6"),
        ("四、（一）讲了哪些事？", "4.1"),
        ("第五部分最后一条讲什么？", "5.4"),
        ("1.4.2 是什么任务？", "1.4.2"),
        ("第3部分", "3"),
        ("第二部分讲什么？", "2"),
        ("第二部份講什麼？", "2"),  # 部份, the common variant of 部分
        ("方案开头的总体要求部分讲了些什么？", "0"),
        ("方案最后一部分讲的是什么？", "5"),
        ("What five 'best' targets does the preamble set?", "0"),
        ("最后一个部分的第二条是什么", "5.2"),
        ("How many measures are there in part one?", "1"),  # a part named in English words
        ("What is the second part of the plan about?", "2"),
        ("方案第三部分里排第二的那个行动叫什么", "3.2"),  # ranked second
    ],
)
def test_section_references(lookup, question, section):
    assert lookup.section_ref(question) == section


@pytest.mark.parametrize(
    ("question", "task"),
    [
        ("第三部分第四條第四款講的是什麼？", "3.4.4"),
        ("第二部分第一条第三项是什么", "2.1.3"),
    ],  # 款 or 项: a task
)
def test_items_under_a_named_measure(lookup, question, task):
    assert lookup.section_ref_in(question, question, []) == task


@pytest.mark.parametrize(
    "question",
    [
        "利率下降3.2%有没有",
        "专项贷款200亿元",
        "第九部分第一条",
        "第一部分第十二条",
        "7.1讲什么",
        "公司缺钱怎么办",
        "Which one part of the plan covers loans?",  # "one part" is no part's number
    ],
)
def test_no_section_where_none_is_named(lookup, question):
    assert lookup.section_ref(question) is None


@pytest.mark.parametrize("question", ["营商环境有哪些举措？", "闵行的营商环境怎么样"])
def test_a_phrase_every_part_title_shares_names_no_part(lookup, question):
    assert lookup.title_refs(question) == []


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("保障措施有哪些？", "5"),
        ("保障措施", "5"),
        ("讲政务服务升级的是第几部分第几条？", "2.1"),
        ("優化普惠金融服務行動", "1.4"),
        ("对标世行提升工程包括什么", "1"),
        ("法治化营商环境那一块讲了什么", "3"),  # the end of a part's title, written nowhere else
        ("市场化营商环境", "2"),
    ],
)
def test_titles(lookup, question, section):
    assert lookup.title_refs(question)[0] == section


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("区人社局负责什么？", "区人社局"),
        ("人社局负责什么？", "区人社局"),
        ("區人社局負責什麼？", "区人社局"),
        ("区金融办在这个方案里承担哪些任务？", "区金融办"),
        ("金融办管什么", "区金融办"),
        ("区委宣传部在方案里负责什么？", "区委宣传部"),
        ("宣传部负责什么", "区委宣传部"),
        ("南虹桥集团在方案中承担了哪些工作？", "南虹桥集团"),
        ("人力资源和社会保障局有什么任务", "区人社局"),
        ("公安分局参与什么", "区公安分局"),
        # official names that spell the plan's short form out
        ("区应急管理局负责什么", "区应急局"),
        ("住房保障和房屋管理局在方案里负责哪些事？", "区房管局"),
        ("科学技术委员会管啥", "区科委"),
        ("審批制度改革辦公室做什麼", "区审改办"),
        ("大数据管理中心有哪些任务", "区大数据中心"),
        ("方案里给法院派了哪些活？", "区法院"),  # a two-character name ending as a body's does
    ],
)
def test_departments(lookup, question, name):
    found = lookup.departments(question)
    assert [m.department.name.hans for m in found] == [name]


def test_two_departments_in_order(lookup):
    found = lookup.departments("金融办和区财政局分别负责什么")
    assert [m.department.name.hans for m in found] == ["区金融办", "区财政局"]


def test_a_kind_of_unit_names_every_unit_of_that_kind(lookup):
    found = lookup.departments("海关在方案里负责什么？")
    assert [m.department.name.hans for m in found] == ["莘庄海关", "龙吴海关", "车站海关"]
    assert [m.department.name.hans for m in lookup.departments("龙吴海关负责什么")] == ["龙吴海关"]


@pytest.mark.parametrize(
    "question",
    [
        "我们街道的小店怎么办执照",
        "社区服务中心几点开门",
        "市场上哪个办公室管这个",
        "想当那种给政府办事挑毛病的角色",  # 政府 + 办事: no 府办
    ],
)
def test_generic_words_are_not_departments(lookup, question):
    assert lookup.departments(question) == []


def test_department_sections_are_its_measures(plan, lookup):
    dept = plan.department("區金融辦")
    sections = lookup.department_sections(dept)
    assert sections[0] == "1.4"
    assert set(sections) == {t.rsplit(".", 1)[0] for t in dept.task_ids}


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("今年要建成多少个社区就业服务站？", True),
        ("人才驿站新建几个？", True),
        ("担保贷款的总规模多大？", True),
        ("区里有哪几个部门负责？", False),
        ("创园贷是什么？", False),
    ],
)
def test_asks_number(question, asks):
    assert Lookup.asks_number(question) is asks


@pytest.mark.parametrize(("text", "value"), [("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("7", 7)])
def test_cn_number(text, value):
    assert cn_number(text) == value
