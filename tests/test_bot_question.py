"""The question as understood once (bot/question.py): asking clause vs background, filler, parts,
and the things named with where they stand."""

import pytest

from bot.question import parse

PLACES = ("苏州", "浦东", "北京")


@pytest.mark.parametrize(
    ("question", "asking_holds", "background_holds"),
    [
        ("我们公司做了七八年，三十几个员工，想问一下区里有没有贴息的贷款？", "贴息", "七八年"),
        ("我们接了几百万的订单，跑了几家银行都没贷下来，方案里有什么金融支持？", "金融支持", "几百万"),
        ("我们是从苏州搬过来的企业，想了解一下个体工商户集中登记地的政策", "集中登记地", "苏州"),
        ("公司2018年成立，现在想申请创园贷，担保贷款总规模有多大？", "总规模", "2018"),
        ("想在同一个地址里再放几条生产线，区里有没有说法？", "说法", "几条"),  # 几 is "a few"
        ("我们打算招几个人，区里有没有补贴？", "补贴", "几个人"),
        ("老板前几天说想去当体验官，方案里有这个吗？", "方案里有这个吗", "前几天"),  # a time told
        ("这几年我们一直在闵行，专项贷款规模多大？", "规模多大", "这几年"),
        ("从来没请过法务，担心哪天吃官司，区里有没有人帮企业查查法律风险？", "法律风险", "哪天"),  # some day
        ("手上没什么能抵押的，区里担保贷款今年总共放多少？", "总共放多少", "抵押"),  # not any
    ],
)
def test_the_asking_clause_is_told_from_the_story_around_it(question, asking_holds, background_holds):
    q = parse(question, places=PLACES)
    assert asking_holds in q.ask
    assert background_holds not in q.ask
    assert any(background_holds in c for c in q.background)


@pytest.mark.parametrize("filler", ["嗯", "呃", "那个就是说，", "嗯那个，"])
def test_filler_is_not_part_of_the_question(filler):
    plain = parse("人才公寓今年要筹措多少套？")
    spoken = parse(f"{filler}人才公寓今年要筹措多少套啊？")
    assert spoken.text == plain.text
    assert spoken.ask == plain.ask


@pytest.mark.parametrize(
    ("spoken", "plain"),
    [
        ("信用修复能不能，呃，压缩？", "信用修复能不能压缩？"),  # a hesitation inside a phrase
        ("信用修复，就是多久能批？", "信用修复,多久能批？"),  # "I mean" before the question word
    ],
)
def test_a_hesitation_does_not_cut_a_clause(spoken, plain):
    assert parse(spoken).text == parse(plain).text


def test_a_hesitation_after_a_whole_clause_keeps_the_break():
    assert parse("我们是做餐饮的，嗯，想问一下贷款").background


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("人才驿站计划新建几个？", "几个"),  # nothing else asks: the planned count is the question
        ("我们想再建几个，要多少钱？", "多少钱"),
    ],
)
def test_a_planned_count_asks_only_where_nothing_else_does(question, asked):
    assert asked in parse(question).ask


@pytest.mark.parametrize(
    ("spoken", "plain"),
    [
        ("人才……人才公寓今年要筹措多少套？", "人才公寓今年要筹措多少套？"),
        ("人才公寓今年要 要筹措多少套？", "人才公寓今年要筹措多少套？"),
        ("一张床，一间房各多少？", "一张床，一间房各多少？"),  # no word said again: nothing goes
    ],
)
def test_a_false_start_is_not_part_of_the_question(spoken, plain):
    assert parse(spoken).text == parse(plain).text


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "信用修复多久能批+执法检查计划啥时候公布 两个都想知道🙏",
            ("信用修复多久能批", "执法检查计划啥时候公布"),
        ),
        ("预约+全市通办是什么？", ()),  # the plan's own name joined by a plus: one question
    ],
)
def test_a_plus_between_two_questions_parts_them_and_emoji_ask_nothing(question, parts):
    q = parse(question)
    assert q.parts == parts and "🙏" not in q.text


def test_a_space_beside_a_number_or_a_latin_word_is_type_spacing_not_a_pause():
    q = parse("闵行 2023 年 GDP 是多少？")
    assert "2023" in q.ask and "gdp" in q.ask  # the year stands in the asking clause


def test_chat_pauses_split_clauses_and_english_keeps_its_spaces():
    q = parse("请问 一业一证 是哪个部门牵头的呀~")
    assert "哪个部门牵头" in q.ask and "呀" not in q.text
    mixed = parse("想问下talent apartment今年有多少套？")
    assert "talent apartment" in mixed.search


def test_a_question_without_question_words_asks_with_its_last_clause():
    q = parse("我们是小微企业，想看看贷款贴息的政策")
    assert q.asking == ("想看看贷款贴息的政策",)


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("新办企业能领多少开业奖励？", "开业奖励"),
        ("注销一般多少天能办完？", None),  # 天 is the unit asked in: no thing 天能
        ("专项贷款单户能贷多少？", None),  # 能贷 is a modal and a verb, however the tagger reads it
        ("集中登记地几月份能用上？", None),  # 月份 is the kind of value asked, 能用 a modal and a verb
        ("这个评价体系一共有几个二级指标？", "二级指标"),  # a numeral may open the noun
        ("一业一证扩到几个行业几个业态？", "行业"),  # a second count is no part of the first noun
        ("开公司的注册资本要多少？", "注册资本"),  # a modal between the noun and 多少
    ],
)
def test_the_thing_asked_follows_the_count_and_its_measure_word(question, thing):
    assert parse(question).thing == thing


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("嗯那个就是说，人才公寓啊，今年要筹措多少套？", "人才公寓"),
        ("嗯，我想问下，能全部在网上办完的比例，要达到多少来着？", "网上办完的比例"),
    ],
)
def test_a_subject_set_out_before_a_count_that_names_nothing_is_asked(question, subject):
    assert subject in parse(question).ask


@pytest.mark.parametrize(
    "question",
    [
        "像我们这种十几个人的小公司，大概能拿到多少？",  # the asker's own
        "去年营收三千万，今年能贷多少？",  # a figure told
        "听说区里搞了个专项贷款，总盘子多大？",  # an event told
    ],
)
def test_a_story_before_a_count_stays_background(question):
    """The clause before a count is its subject only where it names a thing, not the asker's story."""
    q = parse(question)
    assert q.background and q.background[0] not in q.ask


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("tech startup 拿 bank credit，闵行今年目标支持多少家？", "支持"),
        ("人才公寓今年要筹措多少套？", "筹措"),  # the modal is skipped
        ("专项贷款规模是多少？", None),  # no verb: 是 is one character
        ("我们最多能贷到多少？", None),  # 贷到 is no verb of the plan's figures
        ("好吧其实我只想知道：今年到底供应多少套？", "供应"),  # a verb the tagger calls vn
        ("社区里那种服务站今年要建几个？", "建"),  # a verb of one character says what is done
        ("区里有几个？", None),  # unless it is light
    ],
)
def test_the_verb_a_count_is_asked_after(question, verb):
    assert parse(question).counted_by == verb


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("专项贷款由谁负责？规模多大？", 2),
        ("我们是一家外贸企业。人才驿站新建几个？由哪个部门负责？", 2),
        ("专项贷款由谁负责？", 0),
        ("我们公司在莘庄。专项贷款由谁负责？", 0),
        # a question mark asks where no question word does (了几 is usually the asker's "a few")
        ("今年新增、优化了几个“高效办成一件事”？“智慧好办”项目又有几个？", 2),
        ("我们跑了几家银行？都说没有额度。专项贷款有多少？", 0),  # what the asker did is told
        ("信用修复时限多久？执法检查计划几月前公布？", 2),  # 几月 asks a month; 几个月前 is "a while ago"
        ("我们几个月前问过。专项贷款有多少？", 0),
    ],
)
def test_a_question_asking_several_things_has_its_parts(question, parts):
    q = parse(question)
    assert len(q.parts) == parts
    if parts:
        assert "外贸企业" not in q.parts[-1]


@pytest.mark.parametrize(
    ("question", "kind", "text", "asked"),
    [
        ("我们从苏州搬来，有什么政策？", "place", "苏州", False),
        ("从苏州搬来的企业有什么政策？", "place", "苏州", False),
        ("北京有没有类似的政策？", "place", "北京", True),
        ("公司2018年成立，能申请吗？", "year", "2018", False),
        ("2018年成立的企业能申请吗？", "year", "2018", False),
        ("2025年的目标是什么？", "year", "2025", True),
        ("3.2.3是什么？", "section", "3.2.3", True),
        ("我们有100多人，有什么政策？", "figure", "100多", False),
    ],
)
def test_things_named_are_marked_asked_or_background(question, kind, text, asked):
    q = parse(question, places=PLACES)
    assert (text, asked) in [(m.text, m.asked) for m in q.mentions if m.kind == kind]
    assert (text in q.scope_text) == asked or kind in ("section", "figure")


def test_units_are_named_from_the_plan_directory():
    q = parse("区财政局和人社局分别干什么？", units=("区财政局", "人社局"))
    assert q.named("unit") == ["区财政局", "人社局"]


def test_a_unit_named_as_where_the_asker_is_is_a_site_not_searched():
    q = parse("我在莘庄工业区开了个小厂，区里的担保贷款今年放多少？", units=("莘庄工业区",))
    assert q.named("unit") == [] and q.named("site") == ["莘庄工业区"]
    assert "莘庄工业区" not in q.search
    asked = parse("莘庄工业区负责哪些任务？", units=("莘庄工业区",))
    assert asked.named("unit") == ["莘庄工业区"]
    planned = parse("我们想在漕河泾综保区落个项目，方案里支持吗？", units=("漕河泾综保区",))
    assert planned.named("unit") == ["漕河泾综保区"]  # where the asker means to go is the topic


def test_keywords_typed_into_a_search_box_ask_together():
    assert parse("四大工程 名称").asking == ("四大工程", "名称")
    assert parse("集中登记地 办理流程 所需材料").thing == "所需材料"  # a detail typed as a keyword
    told = parse("我们是一家做了十年的外贸企业 跨境贸易便利化")  # a clause that tells: the last one asks
    assert told.asking == ("跨境贸易便利化",)


def test_a_sentence_that_tells_is_background_where_another_asks():
    q = parse("我们是一家外资律所，有几位外籍律师想来执业。签证这些便利是哪个部门负责？")
    assert q.asking == ("签证这些便利是哪个部门负责",)
    assert q.thing is None


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("一业一证要扩到几个行业，谁牵头？", ("一业一证要扩到几个行业", "谁牵头")),
        ("嗯，一业一证那个，扩到多少个行业啊，然后是哪个部门牵头的", ("一业一证那个，扩到多少个行业", "一业一证那个，然后是哪个部门牵头的")),
        ("人才公寓，今年要筹措多少套？", ()),
        ("一张床是多少张，还有保租房是多少套", ("一张床是多少张", "还有保租房是多少套")),
        ("一业一证要扩到几个行业，几个业态", ()),
        ("一个是人才公寓多少套，另一个就是，申请要啥条件？", ("一个是人才公寓多少套", "另一个就是，申请要啥条件")),
        ("人才驿站几个，社区就业服务站几个", ("人才驿站几个", "社区就业服务站几个")),  # asked anew of another
        ("人才公寓有多少套，一共多少", ()),  # the same asked again
        # 各 / 分别 spreads the question over the items listed before it
        ("人才驿站 社区就业服务站 各几个", ("人才驿站几个", "社区就业服务站几个")),
        ("保租房、人才公寓分别是多少套？", ("保租房是多少套", "人才公寓是多少套")),
        ("食品企业在开店审批和日常检查上分别有什么便利？", ()),  # items joined by 和 share words
        ("创园贷全年规模和专项贷款总额分别是多少？", ("创园贷全年规模是多少", "专项贷款总额是多少")),  # each its value
        ("各街镇分别有几个服务站？", ()),  # one plural, no list
        ("我们公司在马桥做了八年的精密零件，各方面都还行，分别要问几个事", ()),  # a story is no item
        ("人才驿站多少、社区就业服务站几个？", ("人才驿站多少", "社区就业服务站几个")),  # a listed question each
        (  # one sentence ending in 。 that asks two things: no other sentence asks, so it asks
            "想确认两件事：一是信用修复要审多久，二是执法检查计划什么时候公开。",
            ("想确认两件事:一是信用修复要审多久", "二是执法检查计划什么时候公开"),
        ),
        (  # a list set apart by 、 after what is told, its items longer than a keyword
            "麻烦核一下：企业高质量发展专项贷款总额、批次担保贷款的总规模，分别是多少？",
            ("麻烦核一下，企业高质量发展专项贷款总额是多少", "麻烦核一下，批次担保贷款的总规模是多少"),
        ),
    ],
)  # fmt: skip
def test_clauses_asking_different_kinds_of_thing_are_parts(question, parts):
    assert parse(question).parts == parts


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("How many talent apartments are there, and what are the eligibility requirements?", 2),
        ("Who leads the special loan? How big is the guarantee target?", 2),
        ("What is the credit repair time limit, and by when is the inspection plan published?", 2),
        ("Which two spaces will be built, and which bureau is responsible?", 0),  # leans on the first
        ("How many projects are mentioned and who is responsible?", 0),
        ("How many beds and how many flats will be supplied this year?", 2),  # the asking words again
        ("How much is the loan and how is it paid?", 0),  # one "how much": and joins one ask
        ("How many talent flats are being added? A few of our new hires keep asking.", 0),  # a sentence tells
        ("How big are the guaranteed-loan scheme and the special loan fund respectively?", 2),  # one for each
        ("What are the targets for talent flats and beds, respectively?", 0),  # beds share the targets
        (
            "Need three numbers for a memo: the special loan, the guarantee target, and the VC fund.",
            3,
        ),  # listed
    ],
)
def test_an_english_question_asking_two_things_has_its_parts(question, parts):
    assert len(parse(question).parts) == parts


@pytest.mark.parametrize(
    ("question", "topic_holds"),
    [
        # the clause naming the plan's own thing, not the nearer one about the asker
        ("就是说那个高质量发展专项贷款，像我们这种十几个人的小公司，大概能拿到多少额度？", "贷款"),
        ("科创企业培育体系，呃，分哪几个阶段来着", "科创"),
    ],
)
def test_an_asking_clause_naming_nothing_takes_its_topic_from_the_plans_words_before_it(
    service_pipeline, question, topic_holds
):
    assert topic_holds in service_pipeline.parse(question).topic


def test_the_story_further_back_is_not_the_topic_of_an_asking_clause_naming_nothing(service_pipeline):
    """The clause just before says what is asked about, in the asker's words; the office rented
    three clauses earlier is story."""
    q = "我们在七宝租了两层办公室，招了三十多个应届生。听说区里会拿出一批租金比较低的房子给上班族租，总共准备了多少套？"
    topic = service_pipeline.parse(q).topic
    assert "办公室" not in topic and "房子" in topic


@pytest.mark.parametrize(
    ("question", "place_asked"),
    [
        ("闵行和徐汇比，哪个区开公司的补贴更多？", True),  # a comparison set up in a clause of its own
        ("我们是从徐汇搬过来的，人才公寓有多少套？", False),  # where the asker comes from
    ],
)
def test_a_place_compared_with_is_asked(question, place_asked):
    assert ("徐汇" in parse(question).scope_text) is place_asked


@pytest.mark.parametrize(
    ("question", "said_with"),
    [
        ("处罚信息一直挂在网上，影响投标。申请撤下来审批要多久？", 0),  # the story is a sentence of its own
        ("科创企业培育体系，呃，分哪几个阶段来着？", 1),
        ("专项贷款规模多大？", 0),
    ],
)
def test_the_clauses_said_with_the_asking_one_in_its_sentence(question, said_with):
    assert parse(question).said_with == said_with
