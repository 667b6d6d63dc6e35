"""Things people ask next to the plan's topics that an action plan never states: the materials to hand
in, opening hours, who qualifies, prices and rates, personal matters of residents, how to get somewhere.

The plan says *that* a service improves (减材料、省时间, 对符合条件的企业…), never *what* to bring, *when*
a counter opens or *who* qualifies. Such a question is declined with the nearest sections even when its
topic words (营业执照, 人才公寓) are in the plan. Only the asking clause is judged: a place or a
document named in the story around it (我们在地铁站旁边开了家店，…) does not decide.
"""

from __future__ import annotations

import re

# (what the refusal names, how it is asked in Chinese (normalised simplified), in English)
PERSONAL = "个人事务"  # a private person's own affairs, told anywhere in the question
PROGRESS = "办理进度"  # where the asker's own application stands, told anywhere too
# whether the asker, as told in the question, may have a thing: no plan decides one case
OWN_CASE = "个案资格"
OWN_AFFAIRS = (PERSONAL, PROGRESS, OWN_CASE)
_HOW = r"(怎么|如何|怎样|去哪|在哪|哪里|找谁|办理|流程|手续|能不能|可以|需要|要)"
# Verbs of going through a procedure oneself: how to do them is the procedure's, never the plan's.
_PROCEDURE_VERBS = (
    "申请|报名|加入|入会|操作|计算|算|参加|预约|填|办理|绑定|补缴|补办|延续|续期|续办|查询|注册|开通|申报|申领|缴纳|领取|开具|提交"
    "|下载|安装|登录|找回|查"
)
_ASKED = (  # the asker's own affairs first: 办结婚登记要去哪办 is a personal matter
    (
        PERSONAL,
        rf"(结婚|离婚|婚姻登记|户口|身份证|护照|驾照|驾驶证|社保卡|医保卡|公积金|个税|个人所得税|养老金|退休金|上学|入学|出生证)"
        rf".{{0,8}}{_HOW}|(办|补办|换|领|提取|缴|交|退|迁)(结婚|户口|身份证|护照|驾照|社保卡|医保卡|公积金|个税)"
        # the asker as a private person (我个人的社保…), not an enterprise; 我个人觉得 only gives a view
        r"|(我|本人)个人的?(?!觉得|认为|想|感觉|看法|意见|理解|建议|观点)"
        # the asker's own (我的个税, not 我们的): a private person's matter whatever is asked of it
        r"|(?<!们)我的?(个人所得税|个税|社保|医保|公积金|养老金|退休金|户口|护照|驾照|身份证)",
        r"\b(marriage|divorce|hukou|household registration|passport|driving licen[cs]e|driver'?s licen[cs]e"
        r"|id card|personal income tax|pension|school enrol?ment|provident fund|housing fund)\b"
        r"|\bmy (own )?personal\b|\bfor me personally\b",
    ),
    (
        PROGRESS,
        r"(我|我们|我司|我家)(公司)?的?.{0,12}(申请|补贴|执照|许可证?|贷款|材料|备案).{0,8}"
        r"((批|通过|下来|办好|办完|到账)了[，,\s]?(吗|么|没有?|对吧|吧|是吧)|到哪一?步|进度|审核到|什么时候能?批"
        r"|(什么时候|啥时候|何时|多久)(能|可以|会)?到账)",
        r"\b(status|progress) of (my|our)\b|\b(has|have|was|were) (my|our) \w+( \w+)? (been )?(approved|granted|processed)",
    ),
    (
        "代办事务",  # the assistant asked to go through a procedure for the asker: it can only quote the plan
        r"(你|您)[^，,。？?]{0,6}(帮|替|代)(我|我们|我司)[^，,。？?]{0,3}"
        r"(走|办|申请|提交|递交|预约|报名|起诉|复议|投诉|申诉|盖章|催|交|缴)",
        r"\b(can|could|would|will) you (please )?(file|submit|apply|lodge|book|register)\b.{0,30}\bfor (me|us)\b",
    ),
    (
        "个案审批结果",  # whether the asker's own case will be approved (你帮我看看能不能批): no plan decides one
        r"(帮|给|替)(我|我们)(看看|看一下|查查|查一下|判断一下?|评估一下?)?[^，,。？?]{0,6}(能不能|能否|会不会|可不可以)(批|通过|获批)"
        r"|(我|我们|我司)[^，,。？?]{0,16}(能不能|能否|会不会|能|会)(批|获批|通过审批|通过审核|通过)(得)?(下来)?(吗|么|[?？]|$)"
        r"|能批吗|批得下来吗",
        r"\b(will|would|could) (my|our) (application|request|case) (be|get) (approved|accepted|granted)\b"
        r"|\b(my|our)\b.{0,40}\b(will|would|could) (be|get) (approved|accepted|granted)\b"
        r"|\b(will|would|could|can) (my|our) [^?]{0,60}\b(be|get) (approved|accepted|granted)\b",  # our firm's …
    ),
    (
        "申请材料",
        r"(提交|准备|带|携带|提供|交)(哪些|什么|啥|哪几样|些什么)?(材料|资料|证件)"
        r"|(提交|准备|带|携带|提供|交)(哪些|什么|啥|哪几样|些什么)(证明|文件)"  # 重复提供证明: the plan's topic
        r"|(需要|要|得)(哪些|什么|啥|哪几样|些什么)(材料|资料|证件|证明)"
        r"|(材料|资料|证件)(有哪些|是什么|要哪些|清单)|(申请表|申请书|表格|表单|模板|范本).{0,6}(下载|填写|怎么填|怎么写|在哪|哪里)"
        r"|有没有(模板|范本)"
        r"|(交|填|提交)(什么|哪些|啥|哪几张)(表|表格)"
        r"|(带|携带)上?(身份证|营业执照|执照|公章|户口本|护照|证件|原件|复印件)",  # 要带身份证吗
        r"\b(what|which) (documents|papers|paperwork|forms|materials) (do|should|must|are)\b|\bapplication forms?\b"
        r"|\bdocuments? (do i|are|will i)\b",
    ),
    (
        "办理流程",  # how many steps a procedure has: the plan sets goals, not procedures
        r"(流程|步骤|手续|环节)(一共|总共|共|是)?(分|有|要|需要)?(几|多少|哪几)(步|个步骤|道|个环节)|(分|要|需要)(几|多少)步"
        # how a procedure is done: the plan says a service improves, not how to go through it; a
        # barrier told first (没地址咋登记) asks what the plan offers instead, not the procedure
        rf"|(^|\s)[^\s没无]*?(怎么|如何|怎样|咋)({_PROCEDURE_VERBS})|第一步"
        rf"|(去|到|在)哪(里|儿|个地方)?({_PROCEDURE_VERBS}|办|交|缴|考)"
        r"|(哪个|哪一个|什么)(菜单|栏目|模块|入口|按钮|页面)"  # where in a system a thing is done
        r"|(哪|哪几|哪些)(家|个)?(银行|网点)",  # where to go: the plan names no bank
        r"\bhow many steps\b|\bwhat are the steps\b|\bstep[- ]by[- ]step\b"
        r"|\bwhich (banks?|bank branch(es)?)\b",  # where to go: the plan names no bank
    ),
    (
        "收费",  # what a service costs the asker
        r"(收|交|缴|付|花)(多少)?(钱|费用)|(要|需要|得)(交|付|花)(钱|费)|收费(标准|多少|吗|不)|收不收费|(费用|收费)(是)?多少"
        r"|费(要|得|会)?(收|交|缴|付)多少"  # 担保费要收多少
        r"|(交|缴|付)多少(?![个家项套张条份])"  # 保证金交多少
        r"|(有没有|有无|要不要|需不需要|收不收|交不交)(入会|会员|报名|服务|手续|管理|申请|注册|开户)?费(?!用化)"
        r"|(不用|不需要|无需|免)(交|缴|付)(任何)?(费用|钱)"
        # whether it is free (律师咨询是不是免费的, 是不是完全免收担保费): what it costs, asked as yes/no
        r"|(是不是|是否|能不能|可不可以)[^，,。？?]{0,4}免(费|收[^，,。？?]{0,4}费)|(免费|收费)的?(吗|么|嘛|不)",
        r"\bhow much (does|do|will|would) [^?]{0,50}\bcost\b|\bwhat (does|do|will) [^?]{0,50}\bcost\b"
        r"|\bis there a fee\b|\bwhat (is|are) the fees?\b|\bfees? (for|to)\b"
        r"|\b(what|how much)\b[^?]{0,40}\bfees?\b|\bfree of charge\b|\bis (it|this|that) free\b"
        r"|^(is|are)\b[^?]{0,60}\bfree\b\s*\??$|\b(what|how much) (do|does|will|would) \w+( \w+)? charge\b",
    ),
    (
        "办公时间",
        r"几点(?![零0一二两三四五六七八九])|(什么时候|啥时候|时间)(开门|关门|上班|下班)|(开门|关门|上班|下班)(时间|吗)|(上班|下班|办公|营业|开放)时间"
        r"|午休|中午休息|(周末|节假日|星期[六日天]|周[六日]).{0,6}(办|开|上班|能去|营业)",
        r"\b(office|opening|business|working) hours\b|\b(open|go|come|visit)\b.{0,40}\bon (an? )?"
        r"(weekends?|saturdays?|sundays?|holidays?)\b"
        r"|\bwhat time\b.{0,30}\b(open|close)",
    ),
    (
        "申请条件",
        r"(申请|享受|获得|拿到|办理|需要|要|满足|符合|具备|够).{0,8}(什么|哪些|啥|怎样的|哪些方面的)(条件|资格|门槛)"
        r"|(申请|认定|评定|评选|入选|申报|准入)的?(条件|资格|门槛|标准)"
        r"|(申请|认定|评定|申报|准入)[^，,。？?]{0,10}(有|是)?(什么|哪些|啥)(要求|条件|门槛|标准)"
        r"|考(什么|哪些|啥|哪个)(证|证书|资格)"
        # a threshold to qualify: 开票多少以内可以免增值税, 员工几个人以上才能申请
        r"|(多少|几)[^，,。？?]{0,3}(以内|以下|以上|之内)的?(才|就)?(可以|能|可|免|算|享受)"
        r"|(申请|享受|准入)?(条件|资格|门槛)(是什么|有哪些|是啥|怎么样)|(满足|符合)(什么|哪些|啥)"
        # whether the asker's own kind of firm qualifies (我们这种店符合条件吗)
        r"|(这种|这样的?|这类)(店|公司|企业|情况|规模|小公司|小企业|行业)?[^，,。？?]{0,6}(符合条件|够条件|有资格|够格|够资格)",
        # asked about (is my company eligible, eligible for, who qualifies), not said of someone
        # (what do eligible companies get)
        r"\beligibility\b|\b(am|are|is) (i|we|my|our)\b[^?]{0,30}\beligible\b|\beligible (for|to)\b"
        r"|\bqualif(y|ies|ications?)\b|\bwho can apply\b|\b(conditions|criteria|requirements) (for|to)\b",
    ),
    (
        "个人收入",  # what a worker earns: wages are no plan's to set
        r"(能|可以|一天|一个月|每月|每天|一年)(大概|大约|一般)?(赚|挣)(多少|几)"
        r"|(工资|薪水|薪资|日薪|时薪|月薪|年薪|工钱)(是|有|大概|一般|能)?(多少|几)",
        r"\bhow much (can|do|does|will) (i|we|a worker|workers|they) (earn|make|get paid)\b"
        r"|\b(average|minimum|typical|monthly|starting|hourly|daily) (wages?|salar(y|ies)|pay)\b"
        r"|\bhow much\b.{0,30}\b(wages?|salar(y|ies))\b"  # asked, not told (unpaid wages)
        r"|\b(wages?|salar(y|ies)|pay) (level|range|scale)s?\b",
    ),
    (
        "具体费率利率",  # a rate the asker would pay or get: the plan names rate cuts, never a rate
        r"(利率|费率|税率|征收率|汇率|(缴存|缴费|缴纳|扣缴|报销|返还|补贴|贴息|扣除|退税|退还|减免)的?比例)\s?"
        r"(是|有|能|大概|一般|现在){0,2}(多少|几个点|几|最低|最高|怎么算)",
        # asked (what is the interest rate), not told (does the loan give interest rate cuts?)
        r"\b(what|which|how (much|high|low))\b[^?]{0,50}\b(interest|tax|fee|guarantee|subsidy|exchange|lending)"
        r"(-| )(subsidy )?rates?\b"
        r"|\b(what|how much) (percentage|percent|share|proportion|part) of (my|our|the) (loan |loans )?"
        r"(interest|tax|fees?)\b",
    ),
    (
        "具体价格",  # what a room, a service or a membership costs: an action plan supplies, never prices
        r"(?P<named>月租金|租金|房租|月租|租价|价格|价钱|价位|售价|票价|运价|运费|会费|学费|房价|单价|物业费|网费|宽带费)"
        r"[^，,。？?\s]{0,4}(多少|几|贵不贵|多贵|便宜|怎么算|啥价|什么价)"
        r"|多少钱(一|每|1)(个月|月|晚|夜|天|平米?|平方米?|次|间|套|个柜|柜|小时|亩)"
        r"|(一|每|1)(个月|晚|夜|天|平米?|平方米?|次|间|套|个柜|柜|小时|亩)[^，,。？?\s]{0,3}(多少钱|几块|多少块)"
        r"|(^|\s)[^\s]{0,8}\s*(?P<searched>房价|地价|租金|房租|价格|运费)$"  # a search for a price (友东路 房价)
        r"|贵不贵|便不便宜|什么价位|啥价位",
        r"\b(monthly )?rents?\b|\bprices?\b|\bhow expensive\b|\bper (month|night|container)\b|\bfreight (rates?|costs?|charges?|fees?)\b"
        r"|\bshipping (cost|fee|rate)s?\b",
    ),
    (
        # a named firm's own facts (what it invested, when its plant opened, where it is from, what it
        # makes): the plan names firms only as examples (复制推广“某某速度”), never describes them
        "企业自身情况",
        r"(投资|投入)了?(多少|几)(钱|个亿|亿|万)?"
        r"|(公司|企业|集团|工厂|厂)[^，,。？?\s]{0,10}(哪一?年|什么时候|何时|啥时候)(投产|建成|成立|落户|开业|上市)"
        r"|(哪一?年|什么时候|何时|啥时候)(投产|成立|落户|上市)的"
        r"|(是|属于)?(哪个?国家?|哪国)的(公司|企业|集团|药企)"
        r"|(公司|企业|集团|药企|工厂|厂)是?(做|生产|研发|卖|造)(什么|啥)(药|产品|东西|生意|的)"
        r"|哪(家|个|些)(企业|公司)[^，,。？?]{0,8}最(多|大|好|强|高|少|差)"  # firms ranked: the plan ranks none
        r"|(已经|已)?投了(哪些|哪几家|几家|多少家)",  # a fund's portfolio
        r"\bhow much (did|has|have) \w+( \w+)? invest(ed)?\b|\bwhich country\b.{0,20}\b(from|company)\b"
        r"|\bwhat does \w+( \w+)? (make|produce|manufacture)\b",
    ),
    (
        "往年情况",  # what was done in a past year: the plan sets this year's targets, it reports nothing
        r"(去年|前年|往年|上一年|过去(一|两|三|几)年)[^，,。？?]{0,16}(多少|几)"
        # who won, who was picked (第五届…评上了哪些企业): results the plan does not report
        r"|(评上|选上|入选|获奖|获评|评为|中标)了?(哪些|哪几家|哪家|几家)",
        r"\blast year\b.{0,40}\bhow many\b|\bhow many\b.{0,60}\blast year\b"
        r"|\b(who|which (firms?|companies|enterprises|cases))\b (won|were (picked|selected|chosen))\b"
        r"|\bwho (were|was|are) the (winners|awardees)\b",
    ),
    (
        "负责人姓名",  # who holds an office (主任叫什么名字): the plan names units, never the people in them
        r"(主任|局长|处长|科长|书记|负责人|领导|一把手)[^，,。？?]{0,2}(叫什么|姓什么|叫啥|姓啥|的?名字|的?姓名|是不是姓|是否姓)"
        r"|(成员|委员|专家|评委|人员)(都|分别)?(是谁|有谁|有哪些人|名单)",
        r"\b(name of the|who is the) (director|head|chief|secretary)\b",
    ),
    (
        "规避监管的办法",  # how to get round a rule or a check: no plan's to tell
        r"(怎么|如何|怎样|咋)(才能|样才能|能)?(绕过|绕开|规避|逃避|躲避|躲过|逃过|钻空子)"
        r"|(绕过|绕开|规避|逃避|躲避|躲过)[^，,。？?]{0,6}(检查|监管|处罚|税|审批|信用修复)",
        r"\b(how (can|do) (i|we) )(avoid|evade|dodge|get around|bypass)\b.{0,30}\b(inspection|tax|penalt|fine|check)",
    ),
    (
        "对方案的看法或预测",  # the bot's own view or a forecast: the plan states commitments, not opinions
        r"你(个人)?(觉得|认为|怎么看|看好|预计|估计)|你的(看法|意见|观点|评价)|(靠谱|管用)(吗|不)"
        r"|(房价|地价|租金|房租|价格|股价|工资|薪资)[^，,。？?]{0,6}(会|会不会|能不能)(涨|跌|上涨|下跌|降)",  # a forecast
        r"\bdo you (think|believe|reckon)\b|\bin your (opinion|view)\b|\byour (opinion|view|thoughts)\b"
        r"|\bwill (it|this|the plan) (really )?(work|succeed)\b"
        r"|\bwill\b[^?.!]{0,60}\bnext (year|month|week)\b|\bnext (year|month|week)\b[^?.!]{0,40}\bwill\b",
    ),
    (
        "使用故障",  # an app or system that fails the asker: the plan builds services, it is no help desk
        r"(闪退|打不开|登不上|登不进|登录不了|无法登录|报错|崩溃|白屏|卡死|加载不出|没反应|密码忘|忘(记|了)密码|找回密码)",
        r"\b(crash(es|ed|ing)?|won'?t (open|load)|can'?t (log ?in|sign in)|error message)\b",
    ),
    (
        "交通",
        r"(地铁|公交|打车|班车|停车场).{0,6}(怎么|如何|能到|可以到|去|到哪|几号线|几路|哪站|哪一站|路线|在哪)"
        r"|坐几路|几号线|(怎么|如何)(去|到|走)(.{0,12})(中心|大厅|局|站|那里|那儿)",
        r"\b(bus|subway|metro|taxi|shuttle)\b.{0,20}\b(to|goes|get|route|line|stop)\b|\bparking\b"
        r"|\bhow (do|can) i get to\b|\bdirections to\b",
    ),
)
_COMPILED = tuple((noun, re.compile(zh), re.compile(en, re.I)) for noun, zh, en in _ASKED)
_ABOUT_THE_PLAN = re.compile(
    r"方案(里|中|上)?(有没有|是否|有)?(说|讲|提到|提及|写|规定)"
    r"|\b(the plan|it) (say|says|said|mention|mentions|state|states)\b|\bmentioned\b|\baccording to the plan\b",
    re.I,
)
_CLAUSE = re.compile(r"[。！!；;，,\n]+")
_ASKS = re.compile(
    r"[?？]|吗|呢|什么|多少|几|哪|谁|怎么|如何|是否|有没有|能不能|可不可以|啥|咋|\b(what|which|who|how|when|where|can|do|does|is|are)\b",
    re.I,
)


def near_plan(question: str, spaced: str = "") -> str | None:
    """The kind of thing asked that the plan never states ("办公时间"), or None.

    `question` is normalised simplified text; `spaced` the same question with its spaces (English).
    A question about what the plan itself says (方案里有没有提到…, does the plan mention …) is left to
    retrieval: the plan may state it in its own words."""
    zh = _asking_clause(question)
    en = _asking_clause(spaced or question)
    if _ABOUT_THE_PLAN.search(zh) or _ABOUT_THE_PLAN.search(en):
        return None
    for noun, zh_pattern, en_pattern in _COMPILED:
        found = zh_pattern.search(zh)
        named = found and (found.groupdict().get("named") or found.groupdict().get("searched"))
        if named:
            return named  # the asker's own word (租金) says best what the plan does not state
        if found or en_pattern.search(en):
            return noun
    # whose affairs they are may be told before the asking (我老公的社保断缴了…，怎么补缴？)
    if _PERSONAL_ASKER.search(question):
        return PERSONAL
    if _asks_own_case(question, zh) or _MAY_HAVE_EN.search(en):
        return OWN_CASE
    return None


# whether the asker (told anywhere: 我本科学历…，能申请人才公寓吗) may have a thing; what one may have
# (能享受哪些保障) is a question of the plan's
_ASKER = re.compile(r"我|咱")
_MAY_HAVE = re.compile(
    # 拿这笔欠款去银行贷款 uses a thing (拿…去/来), it does not obtain one
    r"(能不能|能否|可不可以|可否|有没有资格|够不够格?)(申请|享受|拿到|领到|领取|获得|申领|入住|住进|拿(?![^，,。？?]{0,12}[来去]))"
    r"|(能|可以)(申请|享受|拿到|领到|领取|获得|申领|入住|住进)[^，,。？?]{0,14}(吗|么|不)"
)
_ASKS_WHAT = re.compile(r"哪些|什么|多少|几|哪")
_MAY_HAVE_EN = re.compile(
    r"\b(can|could|may) (i|we|my (company|firm|son|daughter|staff|employees?)|our (company|firm|staff|employees?))"
    r" (apply for|claim|qualify for|move into)\b"
    # whether the asker's own application will succeed (will my startup definitely get money … if I apply)
    r"|\b(will|would) (i|we|my \w+|our \w+) (definitely |surely |certainly )?(get|receive|be given|be granted)\b"
    r"[^?]{0,60}\bif (i|we) apply\b",
    re.I,
)


def _asks_own_case(question: str, asking: str) -> bool:
    """The asker is told in the question, and the asking clause's "may have" has the asker or no one
    before it: 只有科技公司能申请吗 asks of the programme, not of the asker's case."""
    may = _MAY_HAVE.search(asking)
    if not (may and _ASKER.search(question)) or _ASKS_WHAT.search(asking):
        return False
    before = asking[: may.start()]
    return not before.strip() or bool(_OWN_SUBJECT.search(before))


_OWN_SUBJECT = re.compile(r"(我|我们|我司|咱们?|他|她|我家|这种情况|这样)(公司|企业|厂|店)?$")


_PERSONAL_ASKER = re.compile(
    r"(我|我的)(老公|老婆|丈夫|妻子|爱人|孩子|儿子|女儿|父母|爸爸|妈妈)[^，,。？?]{0,6}(社保|医保|公积金|户口|个税|养老金|退休)"
)


def _asking_clause(text: str) -> str:
    """The clauses that ask (contain a question word), else the last one: the background is left out.
    An asking clause that names nothing (要去哪里办) asks about the clause before it."""
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    asking = []
    for i, clause in enumerate(clauses):
        if _ASKS.search(clause):
            bare = len(_ASKS.sub("", clause).strip()) <= _BARE_ASKING
            asking += [clauses[i - 1], clause] if i and bare else [clause]
    return " ".join(dict.fromkeys(asking or clauses[-1:]))


_BARE_ASKING = 5  # characters left of an asking clause without its question words: it names nothing
