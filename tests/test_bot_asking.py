"""What is asked decides the answer, not the story around it (the real plan and index).

A quantity, place or year in the background must not make a figure question or an other-district
decline; a figure is given only when it is about the thing asked; a topic the plan covers without
the figure asked is said plainly and quoted; a thing the plan never describes is declined."""

from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def pipeline(service_pipeline):
    return service_pipeline


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("我们公司做了七八年，三十几个员工，最近资金紧张，想问一下区里有没有贴息的贷款？", "1.4"),
        ("我们接了几百万的订单，跑了几家银行都没贷下来，方案里有什么金融支持？", "1.4"),
        ("我们是从苏州搬过来的企业，在闵行注册，想了解一下个体工商户集中登记地的政策", "1.1"),
        ("我们公司有100多人，2020年搬到莘庄，想知道劳动争议怎么化解？", "3.4"),
        ("嗯那个就是说，人才公寓啊，今年要筹措多少套？", "2.5"),
    ],
)
def test_background_numbers_places_and_years_do_not_decide_the_answer(pipeline, question, section):
    answer = pipeline.answer(question)
    assert answer.answered, answer.answer
    assert answer.citations[0].section.startswith(section)
    assert "没有给出这个具体数字" not in answer.answer


@pytest.mark.parametrize(
    ("question", "figure", "not_figure"),
    [
        ("公司2018年成立，现在想申请创园贷，担保贷款总规模有多大？", "90-100亿元", "200亿元"),
        ("专项贷款规模多大？", "200亿元", "90-100亿元"),
        ("嗯，一业一证那个改革，扩到多少个行业啊", "12个", "39个"),
        ("想问下talent apartment今年有多少套？", "7700套", "9200套"),
        ("保租房今年供应多少套？", "9200套", "7700套"),  # an abbreviation of 保障性租赁住房
        ("工人多住宿难，嗯，方案里那个一张床是多少张来着", "不少于5000张", "9200套"),
        ("企业高质量发展专项贷款 总规模", "200亿元", "90-100亿元"),  # 总规模 frames, names nothing
        (
            "政策性担保贷款今年全区一共打算做到多大规模？",
            "90-100亿元",
            "200亿元",
        ),  # 全区: the plan's own scope
        ("听说区里今年有个高质量发展贷款，总盘子有多大？", "200亿元", "90-100亿元"),  # 盘子 frames
        ("我们做五金的，想问问今年区里总共给高质量发展贷款多少额度？", "200亿元", "90-100亿元"),
        ("今年计划供应多少套保障性租赁住房？", "9200套", "7700套"),  # 计划供应: the tagger's, not the plan's
        ("闵行能落地虹桥国家升级版措施几条？", "20条", "12项"),  # 闵行能: no word 行能
        (
            "我们仓库在友东路附近，听说要整体转型，这个片区有多大？",
            "1平方公里",
            "9200套",
        ),  # named in the story
        ("tech startup 拿 bank credit，闵行今年目标支持多少家？", "超1000家", "20家"),  # 支持超1000家
        (
            "上海房租太贵，HR天天被问住。区里今年能拿出多少套专门给人才住的公寓？",
            "7700套",
            "9200套",
        ),  # 的公寓
        (
            "我在莘庄工业区开了个小厂，没什么能抵押的。听说区里有政府出面担保、专门给中小微企业的贷款，今年这个盘子总共打算放多少？",
            "90-100亿元",
            "200亿元",
        ),  # where the asker is (莘庄工业区) names no unit's work
    ],
)
def test_the_figure_is_about_the_thing_asked(pipeline, question, figure, not_figure):
    answer = pipeline.answer(question)
    assert answer.answer.startswith(figure), answer.answer
    assert not_figure not in answer.answer.split("\n")[0]


@pytest.mark.parametrize(
    "question",
    [
        "新办企业能领多少开业奖励？",  # the plan gives no such reward (its 200亿元 is a loan)
        "在闵行怎么办结婚登记？",
        "行政服务中心几点开门？",
        "专项贷款的利率是多少？",  # 利率优惠 is promised, no rate is given
        "创园贷的担保费率是多少？",  # a value the plan never names
        "北京有没有类似的贷款贴息政策？",
        "申请创园贷需要准备哪些材料？",  # materials to hand in: never a plan's subject
        "一业一证线上提交的步骤是什么？",  # steps of a covered reform: a detail no action plan gives
        "专项贷款的年利率是多少？能做到3%以下吗？",  # the second part asks more of the first
        "上海哪家银行贷款最好批？",  # the plan names no bank
        "营商环境效果评估请的第三方机构是哪家公司？",  # a firm's name: the plan names the task, not who
        "世界银行营商环境评价一共有几个一级指标？",  # 营商环境 is the plan's subject, no topic of it
        "留抵退税申请了以后多久能到账？",  # a processing time where the plan sets no time limit
        "一业一证办下来要多少天？",
        "How long does AEO certification take?",  # not the credit-repair deadline of another task
    ],
)
def test_a_thing_the_plan_does_not_state_is_declined(pipeline, question):
    answer = pipeline.answer(question)
    assert not answer.answered, answer.answer
    assert not answer.figures


@pytest.mark.parametrize(
    ("history", "question", "figure"),
    [
        (["市场监管部门的信用修复归谁管？"], "那它的审批要多久？", "7个工作日以内"),
        (["友东路片区是怎么回事？"], "这个片区面积多大？", "1平方公里"),
        (["营商环境十大优秀案例征评是谁办的？"], "这是第几届？", "第五届"),
        (["今年区级人才公寓筹措多少套？"], "那保租房呢？", "9200套"),  # the name asked stands by it
    ],
)
def test_a_follow_up_figure_is_read_from_the_topic_of_the_turn_before(pipeline, history, question, figure):
    answer = pipeline.answer(question, history)
    assert answer.answer.startswith(figure), answer.answer


def test_a_count_of_a_things_kinds_is_not_a_count_of_the_thing(pipeline):
    answer = pipeline.answer("人才驿站分几类？")  # the plan builds 14 of them; it names no kinds
    assert "14个" not in answer.answer.split("\n")[0] and not answer.figures, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "专项贷款单户上限多少？",
        "高质量发展专项贷款单家企业能批几亿？",
        "每户企业最多贷多少？",
        "我们在大零号湾做AI，听说有个人才引进专项资金，每人能补多少？",  # a story's name is no topic
    ],
)
def test_what_one_asker_may_get_is_no_programme_total(pipeline, question):
    answer = pipeline.answer(question)
    assert not answer.figures and "200亿元" not in answer.answer.split("\n")[0], answer.answer


@pytest.mark.parametrize(
    ("question", "lead", "section"),
    [
        ("企业首席质量官要培育多少名？", "方案没有给出这个具体数字", "2.3"),
        ("质量基础设施服务项目要建多少个？", "方案没有给出这个具体数字", "2.3"),
    ],
)
def test_a_covered_topic_without_the_thing_asked_is_said_plainly_then_quoted(
    pipeline, question, lead, section
):
    answer = pipeline.answer(question)
    assert answer.answered
    assert answer.answer.startswith(lead), answer.answer
    assert answer.citations[0].section.startswith(section) and not answer.figures


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("全程网办率目标是不是没定具体数字？", "90%以上"),  # the figure answers: it is set
        ("人才公寓今年有没有定具体套数？", "7700套"),
        ("集中登记地有没有定具体数量？", "方案没有给出这个具体数字"),  # none: said plainly
    ],
)
def test_asked_whether_a_figure_is_set_the_figure_or_its_absence_leads(pipeline, question, lead):
    answer = pipeline.answer(question)
    assert answer.answer.startswith(lead), answer.answer


@pytest.mark.parametrize(
    ("question", "listed", "section"),
    [
        ("科创企业发现培育体系分哪几个阶段？", "预孵-初创-骨干-领军", "4.2.4"),
        ("大零号湾未来产业先导区主要推哪几个方向？", "量子科技", "4.2.2"),
        ("新建的人才驿站具体建在哪几个街镇？", None, "2.5"),  # the plan lists no streets
        ("科创企业发现培育体系分几个阶段？", "预孵-初创-骨干-领军", "4.2.4"),  # a division, by count
    ],
)
def test_which_ones_is_answered_by_the_plans_list_of_the_topic(pipeline, question, listed, section):
    """The asker's name for a kind (阶段, 方向) need not be the plan's: its list of the topic answers;
    a list of something else (一张床、一间房、一套房 beside 人才驿站) does not."""
    answer = pipeline.answer(question)
    assert answer.citations[0].section.startswith(section), answer.answer
    assert ("没有提到" in answer.answer.split("\n")[0]) == (listed is None), answer.answer
    assert listed is None or listed in answer.citations[0].quote


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("机关事业单位收到确权请求后能不能不回复？", False),  # the plan: 及时确认
        ("轻微违法能不能免罚？", True),  # the plan: 免罚免强
        ("企业注销能不能走一网通办？", True),
        ("轻微违法是不是一定要罚款？", False),  # the plan exempts: no yes to "must"
    ],
)
def test_a_yes_matches_the_polarity_of_question_and_quote(pipeline, question, yes):
    answer = pipeline.answer(question)
    assert answer.answered
    assert answer.answer.startswith("可以") == yes, answer.answer


@pytest.mark.parametrize(
    ("asking", "negated"),
    [("能不能不回复", True), ("可以不跑现场吗", True), ("是不是不用交", True), ("能不能免罚", True),
     ("有没有贴息贷款", False), ("会不会直接罚款", False), ("可不可以网上办", False),
     ("能不能不少于五千张", False)],
)  # fmt: skip
def test_negation_in_the_asking_clause(asking, negated):
    from bot.overview import negated as is_negated

    assert is_negated(asking) == negated


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("区财政局在这份方案里要干哪些活？", "区财政局"),
        ("跟区司法局有关的任务有哪些？", "区司法局"),
        ("方案给区税务局派了什么工作？", "区税务局"),
        ("区经委牵头或参与的任务有哪些？", "区经委"),
        ("区行政服务中心要干哪些活？", "区行政服务中心"),
        ("方案给区人力资源社会保障局派了哪些任务？", "区人社局"),
        ("人社局牵头的有哪些呀 列一下", "区人社局"),
        ("嗯，经委啊，就是区经济委员会，那个方案里他们管哪些事，能不能都列一下", "区经委"),
        ("区科委", "区科委"),
        ("嗯，司法局，区里那个司法局，方案里都让它干嘛？", "区司法局"),  # the unit, then 它
        ("金融办在这个营商环境方案里承担哪些任务？", "区金融办"),  # the plan's own title is no topic
        ("区应急管理局负责什么", "区应急局"),  # the official name spells the short form out
        ("区tax bureau在方案里主要做哪些事？", "区税务局"),  # a unit named in English inside Chinese
        ("我是新来的，想整体了解一下今年区市场局在营商环境上要干的所有活", "区市场局"),  # 所有 lists too
    ],
)
def test_a_units_remit_in_any_wording_is_the_complete_list(pipeline, question, unit):
    answer = pipeline.answer(question)
    dept = pipeline.plan.department(unit)
    measures = {tid.rsplit(".", 1)[0] for tid in dept.task_ids}
    cited = {c.section.rsplit(".", 1)[0] for c in answer.citations}
    assert answer.intent == "dept_all", answer.answer
    assert measures <= cited


@pytest.mark.parametrize(
    "question", ["区人社局负责零工市场吗？", "减税降费的政策那么多，税务局能不能主动推给我们？"]
)
def test_a_unit_named_with_a_topic_is_no_remit_question(pipeline, question):
    assert pipeline.answer(question).intent != "dept_all"


@pytest.mark.parametrize(
    "question", ["区司法局牵头的是哪几项工作？", "司法局 牵头", "Which tasks does the Justice Bureau lead?"]
)
def test_a_remit_asked_of_the_lead_role_puts_the_led_tasks_first(pipeline, question):
    answer = pipeline.answer(question)
    dept = pipeline.plan.department("区司法局")
    led = len(dept.leads)
    assert led and len(dept.task_ids) > led
    assert {c.section for c in answer.citations[:led]} == set(dept.leads)
    assert f"牵头{led}项任务" in answer.answer or f"leads {led} tasks" in answer.answer


def test_the_lead_line_names_the_units_of_the_task_that_answers(pipeline):
    answer = pipeline.answer("2024年企业高质量发展专项贷款由哪个部门负责？")
    lead = answer.answer.splitlines()[0]
    assert "区金融办" in lead and "区财政局" not in lead


def test_each_quote_carries_its_own_units(pipeline):
    answer = pipeline.answer("有哪些金融支持政策？")
    quoted = [line for line in answer.answer.splitlines() if line.startswith("“")]
    assert len(quoted) > 1
    for line, citation in zip(quoted, answer.citations, strict=True):
        task = pipeline.plan.section(citation.section)
        assert all(d.name.hans in line for d in task.departments)


def test_a_section_overview_lists_each_tasks_units(pipeline):
    answer = pipeline.answer("第二部分第三条讲什么")
    units_line = answer.answer.splitlines()[-1]
    for task in pipeline.plan.section("2.3").tasks:
        assert task.id in units_line
    assert "区市场局（牵头）" in units_line


def test_a_sole_unit_is_responsible_not_a_participant(pipeline):
    answer = pipeline.answer("区税务局在方案里负责哪些任务？")
    assert "负责6项" in answer.answer and "牵头0项" not in answer.answer and "参与" not in answer.answer


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("方案分成几块？", ["1", "2", "3", "4", "5"]),
        ("方案的各部分是什么", ["1", "2", "3", "4", "5"]),
        ("方案讲了哪几大工程？", ["1", "2", "3", "4"]),  # the parts whose titles name a 工程
        ("四大工程是哪些？", ["1", "2", "3", "4"]),
        ("方案里说聚力“四大工程”，分别是哪四个工程？", ["1", "2", "3", "4"]),  # 哪四个: which four
        ("方案一共分几个大工程？", ["0", "1", "2", "3", "4"]),  # counted: the preamble's 四大工程 first
        ("How many major programmes does the plan have?", ["0", "1", "2", "3", "4"]),
        ("第二部分叫什么？", ["2"]),
        ("嗯那个第二部分，就是说第二大块，讲的是什么工程来着", ["2"]),
        ("Part 3 第2个action是什么？", ["3.2"]),
        ("第三部分第二个行动是啥呀", ["3.2"]),
        ("最后保障措施那块有几条哈", ["5"]),
        ("3.2.3是什么？", ["3.2.3"]),
        ("市场准入那块包括哪些内容", ["1.1"]),  # the measure's title echoed: its overview
        ("云上开店项目包括哪些内容？", ["1.1.4"]),  # a thing inside the measure: its task
        ("论文在看老工业区改造。闵行有没有哪一块旧厂区要整片转型的？面积多大？", ["1.2.4"]),  # which plot
    ],
)
def test_structure_questions_in_other_wordings_are_answered_from_the_outline(pipeline, question, cited):
    answer = pipeline.answer(question)
    assert answer.answered, answer.answer
    got = [c.section for c in answer.citations]
    assert got[: len(cited)] == cited if len(cited) > 1 else got[0] == cited[0]


def test_part_kinds_are_read_from_the_plans_titles(pipeline):
    from bot.sections import part_kinds

    assert part_kinds(pipeline.plan) == {"工程": ["1", "2", "3", "4"]}


@pytest.mark.parametrize(
    ("question", "history", "section"),
    [
        ("这个方案啥时候发的？", [], "0"),
        ("它是哪天发的？", ["这个营商环境行动方案叫什么名字？"], "0"),
        ("What does item 3.2.3 say?", [], "3.2.3"),
        ("What does part three cover?", [], "3"),
        ("What are the safeguard measures in Part 5?", [], "5"),
        ("第二部分的標題是什麼？", [], "2"),
        ("方案第三部分叫什么？", [], "3"),
        ("第二部份标题是啥 助企那个", [], "2"),  # 部份, and words of the title only say which part
        ("方案最后一块讲的是啥？", [], "5"),
        ("前面说的这些工程里，第二个叫什么？", ["四大工程是哪些？", "第五部分叫什么？"], "2"),
        # an item named relative to a section: under the one the question or the conversation names
        ("第二部分第五个行动里的第3条说了什么", [], "2.5.3"),
        ("人才服务创优行动的第2条是什么？", [], "2.5.2"),
        ("第2条呢？", ["人才服务创优行动一共几条？"], "2.5.2"),
        ("那它的第四个行动呢？", ["第三部分叫什么？"], "3.4"),
        ("那第五部分呢？", ["方案第三部分叫什么？"], "5"),  # its own section, not the earlier one
        ("它下面分几个行动？", ["方案第二部分是什么工程？"], "2"),  # the part's shape, not the plan's
        ("二、的标题是什么", [], "2"),  # the heading's numeral
        ("第三部分包括哪几个行动？", [], "3"),
        ("“良法善治保障工程”包含哪些行动？", [], "3"),
    ],
)
def test_other_wordings_of_plan_and_section_questions(pipeline, question, history, section):
    answer = pipeline.answer(question, history)
    assert answer.answered and answer.citations[0].section == section, answer.answer


def test_a_count_word_in_a_yes_no_clause_asks_no_figure(pipeline):
    answer = pipeline.answer("一业一证是不是只在少数几个行业试点、不会再扩大？")
    assert answer.answered and answer.intent != "figure"
    assert answer.citations[0].section == "2.1.1"


def test_a_figure_question_on_a_topic_the_plan_never_speaks_of_is_declined(pipeline):
    assert not pipeline.answer("办护照要多久？").answered
    assert pipeline.answer("保租房今年供应多少套啊 哈").answered  # an abbreviation still echoes the plan


@pytest.mark.parametrize(
    "question",
    [
        "List the tasks assigned to the District Market Supervision Administration.",
        "What does the District Administration for Market Regulation do?",
    ],
)
def test_a_units_remit_in_english_under_any_of_its_english_names(pipeline, question):
    answer = pipeline.answer(question)
    dept = pipeline.plan.department("区市场局")
    measures = {tid.rsplit(".", 1)[0] for tid in dept.task_ids}
    assert answer.intent == "dept_all"
    assert measures <= {c.section.rsplit(".", 1)[0] for c in answer.citations}


def test_each_part_of_a_two_part_question_is_answered_and_cited(pipeline):
    answer = pipeline.answer("一业一证要扩到几个行业，谁牵头？")
    first, second = answer.answer.split("\n\n")
    assert first.startswith("12个") and "区审改办" in second
    assert answer.citations[0].section == "2.1.1"


@pytest.mark.parametrize(
    "question", ["人才公寓今年要筹措多少套？", "专项贷款规模多大？", "一业一证要扩展到多少个行业？"]
)
def test_naming_the_plans_own_district_asks_the_same_figure(pipeline, question):
    """The plan's own district (read from the plan) names the plan, not the thing asked: 闵行区人才公寓
    asks about 人才公寓 and gets the same figure."""
    plain = pipeline.answer(question)
    for place in pipeline.plan.place_names():
        named = pipeline.answer(place + question)
        assert named.answered and plain.answered
        assert named.figures and named.figures == plain.figures, (place, named.answer)


def test_two_asks_of_one_kind_joined_by_a_further_question_are_both_answered(pipeline):
    answer = pipeline.answer("方案里那个一张床是多少张来着，还有保租房是多少套")
    assert "5000张" in answer.answer and "9200套" in answer.answer


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("閔行區今年設立的企業高質量發展專項貸款有多少億？對企業有什麼優惠？", "1.4"),
        ("社区就业服务站今年建多少个？要形成什么样的网络？", "1.3"),
    ],
)
def test_a_later_part_in_words_of_its_own_stays_with_the_matter_of_the_first(pipeline, question, measure):
    """One message asks about one matter: its second part (对企业有什么优惠) is not sent to another
    measure by its generic words."""
    answer = pipeline.answer(question)
    assert answer.citations and {c.section.rsplit(".", 1)[0] for c in answer.citations} == {measure}


def test_parts_answered_by_the_same_quote_say_it_once(pipeline):
    answer = pipeline.answer("研发中心能不能同时搞生产？听说有个什么一址两用？")
    assert answer.answer.count("一址两用") == 1, answer.answer


@pytest.mark.parametrize(
    ("question", "plan_date"),
    [
        ("这个方案啥时候发的", True),
        ("营商环境行动方案什么时候印发的", True),
        ("方案是哪一年发布的", True),
        ("我们公司2018年成立的，这个方案啥时候发的", True),
        ("大零号湾专项规划具体哪天出台？", False),  # another document the plan speaks of
        ("嗯，那个大零号湾专项规划啊，大概几月份能发布出来？", False),
    ],
)
def test_the_plans_issue_date_only_for_the_plan_itself(pipeline, question, plan_date):
    answer = pipeline.answer(question)
    assert ("2024年3月5日" in answer.answer) == plan_date, answer.answer
    if not plan_date:
        assert answer.answered and answer.citations[0].section == "4.2.1", answer.answer


@pytest.mark.parametrize(
    ("question", "plan_date"),
    [
        ("When was this action plan issued?", True),
        ("By when is the annual law-enforcement inspection plan published?", False),  # another plan
    ],
)
def test_the_plans_issue_date_in_english_only_for_the_plan_itself(pipeline, question, plan_date):
    answer = pipeline.answer(question)
    assert ("2024-03-05" in answer.answer) == plan_date, answer.answer
    assert answer.answered


def test_a_family_members_own_affairs_are_declined_wherever_told(pipeline):
    answer = pipeline.answer("我老公的社保断缴了三个月，现在怎么补缴？")
    assert not answer.answered and not answer.citations, answer.answer


def test_the_plans_kind_of_part_counted_in_any_wording(pipeline):
    answer = pipeline.answer("这个方案一共分几个大工程？")
    assert answer.answered and "四大工程" in answer.answer.split("\n")[0], answer.answer


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("专项贷款每家企业最多能贷多少？", "1.4.2"),  # 专项贷款 is said by 1.4.2, not by 创园贷's 1.4.1
        ("我们公司年营收两千万左右，五十多个人，想申请那个专项贷款，我们这种规模能贷到多少？", "1.4.2"),
        ("惠企政策兑现方面方案有什么安排？", "2.2.5"),  # 惠企政策 + 政策兑现: the task saying both
    ],
)
def test_the_plans_own_name_for_a_thing_picks_the_task_that_says_it(pipeline, question, section):
    answer = pipeline.answer(question)
    assert answer.answered and answer.citations[0].section == section, answer.answer


def test_a_unit_guessed_by_its_official_name_does_not_choose_the_task(pipeline):
    """由区发展和改革委员会负责吗: the 和 of the unit's name is no second thing asked about."""
    answer = pipeline.answer("营商环境体验官工作机制由区发展和改革委员会负责吗？")
    assert answer.citations[0].section == "5.2.3", answer.answer


def test_a_unit_named_as_a_guess_does_not_choose_the_task(pipeline):
    """是不是由区市场局负责？ asks who is in charge of the topic: the answer names the task's own unit."""
    answer = pipeline.answer("危险化学品储存设施试点是不是由区市场局负责？")
    assert answer.citations[0].section == "3.3.7" and "区应急局" in answer.answer.split("\n")[0], (
        answer.answer
    )


def test_a_place_guessed_for_a_named_thing_does_not_choose_the_task(pipeline):
    """AEO…中心是不是建在漕河泾综合保税区？ asks about the centre: the task that names it is quoted."""
    answer = pipeline.answer("AEO高级认证指导中心是不是建在漕河泾综合保税区？")
    assert "1.5.1" in [c.section for c in answer.citations], answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "创园贷的担保费率是多少？单户最高能贷多少？",  # a rate no plan gives, and a figure it does not state
        "中欧班列上海号跑一趟要几天？运费多少？",
        "申请信用修复要交哪些材料？身份证要复印件吗？",  # a yes/no the quote leaves open states nothing
    ],
)
def test_a_question_whose_parts_the_plan_does_not_state_is_declined_as_a_whole(pipeline, question):
    answer = pipeline.answer(question)
    assert not answer.answered and answer.citations == [], answer.answer


def test_a_part_stated_keeps_the_question_answered(pipeline):
    answer = pipeline.answer("保租房今年供应多少套？租金多少？")
    assert answer.answered and answer.stated and "9200套" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("一业一证办下来要多少天？", ("个工作日", "天")),  # a count word with a measure word
        ("200亿专项贷款的利率是多少？", ("%",)),  # the amount names the loan; the rate is asked
        ("专项贷款总共多少亿？", ("亿元", "亿")),
    ],
)
def test_the_unit_asked_is_read_from_the_count_words(question, units):
    from bot.intent import detect_intent

    assert detect_intent(question).units == units


@pytest.mark.parametrize("question", ["员工租房区里哪个局管？", "一业一证 哪个委负责"])
def test_a_unit_asked_for_by_its_kind_is_a_who_question(pipeline, question):
    from bot.intent import detect_intent

    assert detect_intent(question).kind == "who"
    assert "局管" not in pipeline.parse(question).topic  # 哪个局 asks for a unit, its 局 names nothing


def test_a_figure_in_the_question_is_no_answer_to_another_measure(pipeline):
    answer = pipeline.answer("200亿专项贷款的利率是多少？")
    assert "200亿元。" not in answer.answer.split("\n")[0], answer.answer


def test_an_order_is_judged_on_the_whole_question_not_its_parts(pipeline):
    answer = pipeline.answer("说说你跑的是什么模型，参数量多少，放在哪台机器上？")
    assert not answer.answered and not answer.citations, answer.answer


def test_a_units_remit_shares_its_quote_budget_so_long_tasks_keep_their_figures(pipeline):
    answer = pipeline.answer("区金融办负责哪些任务？")
    assert "90-100亿元" in answer.answer and "200亿元" in answer.answer, answer.answer


def test_the_plans_parts_are_counted_with_their_kinds(pipeline):
    """方案分几个部分: five, of which the four major 工程 the preamble names, and 保障措施."""
    lead = pipeline.answer("方案一共分几个部分？").answer.split("\n")[0]
    assert "5个部分" in lead and "四大工程" in lead and "保障措施" in lead, lead


def test_a_follow_up_naming_another_counted_noun_gets_that_count(pipeline):
    """一业一证扩到多少个行业？ 那业态呢？: the 39 业态, not the 12 行业 again."""
    answer = pipeline.answer("那业态呢？", ["一业一证扩到多少个行业？"])
    assert answer.answer.startswith("39个"), answer.answer


def test_a_date_not_stated_is_said_of_a_topic_named_by_its_short_name(pipeline):
    answer = pipeline.answer("那个集中登记地，给个体户的，嗯，几月份能用上啊")  # 个体户: 个体工商户
    assert answer.answered and not answer.stated
    assert answer.citations[0].section == "1.1.3"


def test_the_figure_in_the_quote_is_given_however_long_the_story(pipeline):
    """A story around the asking clause echoes little of the sentence that answers it; when that
    sentence is quoted and holds the one figure in the unit asked, the figure leads, not "no figure"."""
    answer = pipeline.answer(
        "去年我们店被市场监管罚了一次款，处罚公示挂在网上，现在谈合作对方一查就看到了，"
        "很影响生意。想申请信用修复，审批多久能办下来？"
    )
    assert answer.answer.startswith("7个工作日以内"), answer.answer
    assert answer.citations[0].section == "3.2.3"


def test_a_figure_must_stand_near_the_topic_as_well_as_the_thing_asked(pipeline):
    """孵化器…给多少补贴: the special loan's 200亿元 stands near 补贴, not near 孵化器."""
    answer = pipeline.answer("孵化器认定以后，区里给多少补贴？")
    assert "200亿" not in answer.answer.split("\n")[0], answer.answer


def test_an_asking_clause_naming_only_the_thing_takes_its_topic_from_the_clause_before(pipeline):
    answer = pipeline.answer("就是那个科创企业培育体系，呃，分哪几个阶段来着")
    assert answer.answered and answer.citations[0].section == "4.2.4", answer.answer


@pytest.mark.parametrize(
    "question",
    ["人才引进三年行动计划什么时候出台？", "When will the talent attraction plan be released?"],
)
def test_a_date_is_never_a_duration(pipeline, question):
    """三年行动计划 says how long, not when: no 三年 as a date."""
    assert "三年" not in pipeline.answer(question).answer.split("\n")[0]


def test_an_english_what_is_the_question_takes_its_unit_from_its_noun_phrase(pipeline):
    answer = pipeline.answer(
        "What is the target for the annual online processing rate of government services?"
    )
    assert "90%" in answer.answer.split("\n")[0], answer.answer


def test_a_share_asked_in_english_is_a_percentage_or_no_figure(pipeline):
    answer = pipeline.answer("What is the target share of government services handled fully online in 2024?")
    assert answer.figures == ["90%以上"] or not answer.figures, answer.answer
    assert all("%" in f for f in answer.figures)


def test_a_short_name_the_plan_quotes_finds_its_task(pipeline):
    answer = pipeline.answer("创园贷是不是只给科技企业？")  # 科技企业 is in another task's words
    assert answer.citations[0].section == "1.4.1", answer.answer


def test_measures_on_a_topic_counted_are_listed_not_the_plans_shape(pipeline):
    answer = pipeline.answer("跟监管有关的几项行动有哪些")
    assert [c.section for c in answer.citations][:3] == ["3.1", "3.2", "3.3"], answer.answer


def test_a_word_most_measure_titles_share_names_no_measure(pipeline):
    """服务 stands in six titles: 云上·开店包括哪些服务 asks about the task, not those measures."""
    answer = pipeline.answer("云上开店具体包括哪些服务？")
    assert answer.citations[0].section == "1.1.4", answer.answer


@pytest.mark.parametrize(
    ("history", "question", "section"),
    [
        (["专项贷款是干嘛的？", "那创园贷呢？"], "回到第一个，它给企业什么优惠？", "1.4.2"),
        (["人才驿站新建几个？", "社区就业服务站呢？"], "回到最开始问的，谁负责？", "2.5.4"),
        (["人才驿站新建几个？", "社区就业服务站呢？"], "那前一个呢，谁负责？", "2.5.4"),
        (["闵闵工作室是干嘛的", "税收事先裁定呢？"], "后一个是哪个单位", "1.6.6"),  # the latter: the last
    ],
)
def test_a_follow_up_going_back_to_an_earlier_turn_takes_its_topic(pipeline, history, question, section):
    answer = pipeline.answer(question, history)
    assert answer.citations[0].section == section, answer.answer


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("我们仓库装了温湿度传感器和摄像头。监管部门能不能靠看这些远程数据，少派人上门？", "3.1.3"),
        ("我们是食品生产企业，信用一直是A级，市场监管还会经常上门检查吗？", "3.2.2"),
    ],
)
def test_who_acts_is_no_name_of_the_thing_asked(pipeline, question, section):
    """监管部门 and 市场监管 name the regulator, not a thing of the plan: the task that says them is
    no better an answer than the one retrieval ranks first."""
    answer = pipeline.answer(question)
    assert answer.citations[0].section == section, answer.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("信用修复审批要几天？", "7个工作日"),
        ("嗯那个线上帮办，人工的，它承诺几分钟回复？", "1分钟"),
        ("How long does credit repair approval take?", "7個工作日"),
    ],
)
def test_a_time_limit_the_plan_sets_is_given(pipeline, question, figure):
    answer = pipeline.answer(question)
    assert answer.answered and figure in answer.answer, answer.answer


def test_a_lead_time_asked_is_a_time_asked(pipeline):
    """提前几天 asks how many days (前几天 alone is a time told): a time limit the plan never sets."""
    answer = pipeline.answer("区行政服务中心办事需要提前几天预约？")
    assert not answer.answered and "时间" in answer.answer.splitlines()[0], answer.answer


def test_a_place_asked_about_is_asked_though_the_story_names_it_too(pipeline):
    question = "我们在浦东和闵行都有门店，浦东那边说覆盖了好几十个行业。浦东新区的一业一证覆盖几个行业？"
    answer = pipeline.answer(question)
    assert not answer.answered and "浦东" in answer.answer, answer.answer


def test_what_one_gets_is_a_sum_of_money_not_a_count_of_years(pipeline):
    """能拿多少 asks money: the 三年 of 三年行动计划 beside the fund is no answer."""
    answer = pipeline.answer("他这种情况能不能拿到大零号湾人才引进专项资金，能拿多少？")
    assert "三年" not in answer.answer.splitlines()[0], answer.answer


def test_an_english_question_about_the_plans_structure_gets_its_outline(pipeline):
    answer = pipeline.answer("How is the action plan structured, and what are its parts called?")
    assert answer.answer.startswith("The plan has 5 parts"), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "检查码扫出来会显示什么内容？企业自己怎么查？",
        "创园贷批次担保的担保费率是多少？要不要反担保？",
    ],
)
def test_a_detail_the_plan_never_states_beside_a_quote_near_it_is_declined(pipeline, question):
    """One part the plan does not answer, the other answered only by a quote near it: declined as a
    whole, the decline said first, the related quote after it."""
    answer = pipeline.answer(question)
    assert not answer.answered and not answer.citations
    assert answer.answer.startswith("方案没有"), answer.answer


def test_a_part_stating_a_value_keeps_a_multi_part_question_answered(pipeline):
    answer = pipeline.answer("信用修复审批多久？需要交哪些材料？")
    assert answer.answered and answer.answer.startswith("7个工作日"), answer.answer


def test_a_story_before_the_asking_clause_does_not_hide_the_topic_it_asks_about(pipeline):
    """The story blurs how far one unit stands out; the asking clause alone shows the plan covers it,
    and the count after it is answered once, with its figure."""
    answer = pipeline.answer(
        "我家附近好几个邻居失业在家，想打零工。社区里会不会有那种帮人找工作的站点？打算建几个？"
    )
    assert answer.answered, answer.answer
    assert answer.answer.startswith("40个"), answer.answer
    assert answer.answer.count("建成40个社区就业服务站") == 1


def test_a_figure_counting_the_very_noun_asked_answers_beside_the_askers_own_words(pipeline):
    answer = pipeline.answer("我们是做芯片设计的小公司，区里今年要帮多少家科技企业拿到银行的信用额度？")
    assert answer.answer.startswith("超1000家"), answer.answer


def test_a_sentence_told_before_the_question_is_no_topic_of_it(pipeline):
    """…影响接单。 is the story: the asking clause names nothing, so retrieval's best task answers,
    rather than a decline for want of 接单 in its quote."""
    answer = pipeline.answer("我们前年被罚过一次，公示一直挂在网上，影响接单。申请撤下来审批要多久？")
    assert answer.answered, answer.answer
    assert "7个工作日" in answer.answer


@pytest.mark.parametrize(
    ("question", "figure", "not_figure"),
    [
        ("大零号湾那支专门投早期的基金设多大？", "50亿元", "250亿以上"),  # a fund, not an alliance of funds
        ("大零号湾那个 venture fund 规模多少？", "50亿元", "250亿以上"),
        ("大零号湾基金联盟规模多大？", "250亿以上", "50亿元"),
    ],
)
def test_a_figure_whose_thing_only_holds_the_word_asked_is_about_something_else(
    pipeline, question, figure, not_figure
):
    lead = pipeline.answer(question).answer.splitlines()[0]
    assert lead.startswith(figure) and not_figure not in lead, lead


def test_an_acronym_the_plan_never_uses_is_all_a_question_asks_of(pipeline):
    answer = pipeline.answer("闵行CPI涨了多少？")
    assert not answer.answered and "CPI" in answer.answer, answer.answer
    assert pipeline.answer("AEO高级认证指导中心设在哪？").answered  # an acronym of the plan


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("培养首席质量官，区里给不给补贴？", False),  # the plan names 首席质量官 and offers nothing for it
        ("高质量孵化器建成了有没有奖励？", False),
        ("专项贷款有贴息吗？", True),  # where the plan speaks of the loan it offers 利息补贴
    ],
)
def test_a_benefit_for_a_thing_the_plan_names_but_offers_nothing_for_is_declined(
    pipeline, question, answered
):
    assert pipeline.answer(question).answered is answered


def test_a_time_limit_of_another_task_quoted_first_is_no_answer(pipeline):
    """食品经营许可要几个工作日: the credit-repair deadline (7个工作日) ranks first but is about another
    thing; the unit asked (工作日) names no topic."""
    answer = pipeline.answer("办食品经营许可一般要几个工作日？")
    assert not answer.answered, answer.answer
    assert pipeline.answer("信用修复审批要几个工作日？").answer.startswith("7个工作日")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Can you tell me what item 2.3.2 says?", "what"),  # a polite request: the rest asks
        ("Could you tell me how many talent apartments there are?", "figure"),
        ("Do you know who leads the AEO centre?", "who"),
        ("Can you tell me whether the special loan is interest-free?", "yesno"),
        ("Can the special loan be repaid early?", "yesno"),
    ],
)
def test_a_polite_request_around_an_english_question_asks_what_it_wraps(question, kind):
    from bot.intent import detect_intent

    assert detect_intent(question, english=True).kind == kind


def test_an_english_request_for_a_numbered_item_quotes_it(pipeline):
    answer = pipeline.answer("Can you tell me what item 2.3.2 says?")
    assert answer.citations and answer.citations[0].section == "2.3.2"


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("今年要新建20个人才驿站，对吗？", ["2.5.4"]),  # a claim: the one sentence that settles it
        ("方案有没有说要规范招标投标和政府采购行为？", ["3.5.2"]),
        ("公司缺钱，区里有没有贴息贷款？", ["1.4.1", "1.4.2"]),  # whether there is such a thing: the list
    ],
)
def test_a_yes_no_quotes_what_settles_it_and_nothing_near(pipeline, question, cited):
    answer = pipeline.answer(question)
    assert list(dict.fromkeys(c.section for c in answer.citations)) == cited, answer.answer


@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("关于贷款融资的内容在第几条", "1.4"),  # 第几 asks where, not how many
        ("信用修复写在方案第几部分？", "3.2.3"),
    ],
)
def test_an_ordinal_asks_where_the_plan_says_it_not_a_count(pipeline, question, section):
    answer = pipeline.answer(question)
    assert answer.answered and answer.stated and answer.citations[0].section.startswith(section), (
        answer.answer
    )


def test_an_ordinal_of_an_edition_is_still_a_figure():
    from bot.intent import detect_intent

    assert detect_intent("十大优秀案例评选是第几届？").kind == "figure"
    assert detect_intent("贷款的内容在第几条？").kind != "figure"


def test_what_a_named_thing_includes_is_asked_of_the_task_naming_it(pipeline):
    """综合监管一件事包括哪些: the task that says the name, not the measures whose titles share 监管."""
    answer = pipeline.answer("综合监管一件事包括哪些具体场景，列一下")
    assert answer.citations[0].section == "3.1.1" and "16个" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How much money does each startup get from the Da Ling Hao Wan fund?",  # one asker's share
        "专项贷款每家企业最多能贷多少？",
    ],
)
def test_what_one_asker_gets_is_no_programme_total(pipeline, question):
    """What each firm gets is a sum of money: a fund's or a loan's total (50亿元, 200亿元), a count of
    something else (80个GP基金团队) or a time (15分钟) is no answer to it; the plan does not state it."""
    answer = pipeline.answer(question)
    lead = answer.answer.split("\n")[0]
    assert not re.search(r"\d", lead), answer.answer


@pytest.mark.parametrize(("question", "figure"), [("保租房多少套", "9200套"), ("人才公寓多少套", "7700套")])
def test_a_thing_named_by_its_abbreviation_picks_its_figure(pipeline, question, figure):
    """保租房 is the plan's 保障性租赁住房: the figure beside it (9200套), not the other 套 of its sentence."""
    answer = pipeline.answer(question)
    assert answer.answer.startswith(figure), answer.answer


def test_a_question_pointing_back_at_such_a_service_asks_whether_there_is_one(pipeline):
    """这笔税到底怎么算 describes the service 有这种服务吗 asks about: no procedure is asked."""
    question = "想在股权重组之前先让税务局给个准话，这笔税到底怎么算，闵行有这种服务吗？"
    answer = pipeline.answer(question)
    assert answer.answered and "1.6.6" in [c.section for c in answer.citations], answer.answer


def test_what_share_of_services_asks_a_percentage():
    from bot.intent import detect_intent

    intent = detect_intent("What share of government services should be handled fully online?", english=True)
    assert intent.kind == "figure" and "%" in intent.units
