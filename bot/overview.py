"""Builders for questions answered by quoting: the plan's opening, yes/no, and explanations."""

from __future__ import annotations

import re

from bot.asked import lists_members, named_in, nouns
from bot.drafts import Ask, Draft, both, display, total_for_one, units_of
from bot.evidence import best_clauses, holds, overlap, plan_text, quoted_terms, statement
from index.text import STOPWORDS
from ingest import Measure, Task
from planqa.script import normalise, to_hans

_ASPECTS = re.compile(r"[和与及]|以及|分别|各(自|定|有|是)|还有|\band\b")
_EXEMPTION = re.compile(r"免|不再|無需|无需|不予|禁止|不得")
_CLAUSE = re.compile(r"[，,；;。？?！!]")
_YES_WORDS = [
    (re.compile(r"有没有|有无|有.{0,10}吗"), "有。", "Yes."),
    (re.compile(r"能不能|能否|可不可以|可以.{0,12}吗|能.{0,12}吗|行不行|行吗"), "可以。", "Yes."),
    (re.compile(r"会不会|会.{0,12}吗"), "會。", "Yes."),
]

# The words that frame a yes/no, and only those: what stands between them is asked about
# (有便利店吗 asks whether 便利店 is named, not whether anything is).
_YES_FRAME = re.compile(r"有没有|有无|能不能|能否|可不可以|行不行|会不会|可以|能|行|会|有|吗|么|嘛|呢")


def plan_opening(ask: Ask) -> Draft | None:
    """The notice or the preamble, when retrieval ranks the plan's opening above every measure and
    task ("通知发给哪些单位？", "总体目标是什么？")."""
    ranked = ask.ranked
    best = max([s for _, s in ranked.tasks[:1]] + [s for _, s in ranked.measures[:1]], default=float("-inf"))
    if ranked.sections[:1] == ["0"] and ranked.preamble >= best:
        return preamble(ask)
    return None


def preamble(ask: Ask) -> Draft:
    """The opening of the plan: the notice (to whom, issued when) or the preamble (the overall goals),
    whichever the question speaks to; both are short enough to quote nearly whole."""
    question, limit = ask.echo, ask.settings.preamble_quote_limit
    notice, goals = ask.plan.notice.hant, ask.plan.preamble.hant
    addressed = re.sub(r"《[^》]*》", "", notice)  # the plan's own title is in both
    if notice and overlap(question, addressed) > overlap(question, goals):
        quote = best_clauses(notice, question, limit)
        return Draft(both("方案印發通知寫道：", "The notice issuing the plan reads:"), [("0", quote)])
    quote = best_clauses(goals, question, limit)
    return Draft(both("方案的總體要求是：", "The plan's overall goals:"), [("0", quote)])


def yes_no(ask: Ask) -> Draft | None:
    """Say yes only where the plan's sentence speaks to the question with the same polarity: a
    question about doing something over a sentence that commits to it (能不能走一网通办), or one
    about *not* doing something (可以不跑现场吗, 能不能免罚) over a sentence that exempts from it.
    When they disagree (收到确权请求后能不能不回复？ over 及时确认) the quote speaks for itself."""
    draft = explain(ask)
    if draft is None:
        return None
    draft.stated = False  # until a yes is said: the quote alone leaves the asked yes or no open
    q = ask.asking
    quoted = "".join(text for _, text in draft.quotes)
    if overlap(ask.question, quoted) < ask.settings.yes_min_overlap:
        return draft  # the quote is near the question, not on it
    if negated(q) != bool(_EXEMPTION.search(quoted)):
        return draft  # one side says not, the other does not: no yes
    for pattern, hant, en in _YES_WORDS:
        clause = next((c for c in _CLAUSE.split(q) if pattern.search(c)), None)
        if clause is not None and _says_all(_YES_FRAME.sub(" ", clause), quoted, ask.plan.place_names()):
            draft.lead = both(f"{hant}方案提出：", f"{en} The plan provides:")
            draft.stated = True
            break
    return draft


# "A不A" and 有没有 ask; they are no negation. What is left may negate (不回复, 不用交, 免罚, 不再).
_ASKING_FRAME = re.compile(r"可不可以|([\u4e00-\u9fff])[不没]\1|有无")
_NEGATION = re.compile(
    r"不(?!断|少于|少|同|仅|只|但|足|良|论|管|久|错|利|超过|低于|高于|得不)|没有?|免|无需|无须|别|甭|不再"
)


def negated(asking: str) -> bool:
    """Does the asking clause ask about *not* doing something (能不能不回复, 可以不跑现场吗)?"""
    return bool(_NEGATION.search(_ASKING_FRAME.sub("", asking)))


def _says_all(asked: str, quoted: str, places: tuple[str, ...] = ()) -> bool:
    """Every noun of the asking clause is in the quote: 融资担保费率能降吗 over a sentence about
    guaranteed loans for small firms is no yes, for it never speaks of a fee rate. (Verbs and
    colloquial words may differ: 能不能走一网通办 is answered by 深化企业注销“一网通办”.)"""
    text = normalise(quoted)
    return all(word in text for word in nouns(asked) if word not in STOPWORDS and word not in places)


def figure_from_quote(ask: Ask) -> Draft | None:
    """What the sentence quoted for the question's topic says of the figure asked. Where it holds the
    one figure in the unit asked, that figure: a long story around the asking clause (…想申请信用修复，
    审批多久能办下来？) echoes too little of the sentence for the figure step, yet the quote says
    7个工作日以内. Otherwise the plan covers the topic but states no figure for it: say so plainly, then
    quote what it does say (人才驿站建在哪 → no place, but it builds 14 of them)."""
    draft = explain(ask)
    if draft is None:
        return None
    shown = _quoted_figure(ask, draft)
    if shown is None and _lists_the_parts(ask, draft):  # 分几档: the list is the answer
        return draft
    if shown is None and _holds_a_figure_asked(ask, draft) and _speaks_of_topic(ask, draft, first=True):
        return draft  # a figure of the kind asked stands in the quote: read there, never denied
    if shown is None and ask.intent.asks_duration:  # how long a procedure takes: a detail of how a
        return None  # service is run, not covered where the plan sets no time limit for it
    if shown is None:
        return _not_stated(ask, draft, "方案沒有給出這個具體數字，", "The plan gives no figure for this; ")
    draft.lead = both(f"{shown}。方案提出：", f"According to the plan: {shown}.")
    draft.figures = [shown]
    return draft


def _lists_the_parts(ask: Ask, draft: Draft) -> bool:
    """A division asked (分几档) whose first quote lists the topic's members (预孵-初创-骨干-领军)."""
    parsed = ask.parsed
    if parsed is None or not parsed.asks_members or not parsed.topic or not draft.quotes:
        return False
    return lists_members(normalise(draft.quotes[0][1]), parsed.topic)


def _quoted_figure(ask: Ask, draft: Draft) -> str | None:
    """The one figure in the unit asked of the first quote's task, when that quote names the whole
    topic (企业开办要几天 is not answered by the credit-repair deadline)."""
    units = ask.intent.units
    if not units or ask.parsed is None or not draft.quotes:
        return None
    words = plan_text(ask.plan)
    topic = [w for w in ask.parsed.topic if w in words]  # the asker's own words stand in no quote
    quoted = normalise(draft.quotes[0][1])
    if not topic or not all(named_in(w, quoted, ask.settings.abbreviation_stretch) for w in topic):
        return None
    fitting = [t for t in _first_quote_targets(ask, draft) if not total_for_one(ask, t)]
    return display(fitting[0]) if len(fitting) == 1 else None


def _holds_a_figure_asked(ask: Ask, draft: Draft) -> bool:
    """Does the first quote's task hold a figure in the unit asked (any, where none is asked), none of
    them a programme's total offered for what one asker gets? The figure step could not tell it is the
    one asked (帮多少家 beside 支持超1000家), so the quote speaks for itself: saying the plan gives no
    figure over a quote that holds it would deny what the plan states."""
    if ask.parsed is None or not draft.quotes:  # what it is about is not known: no figure read
        return False
    fitting = _first_quote_targets(ask, draft)
    return bool(fitting) and not any(total_for_one(ask, t) for t in fitting)


def _first_quote_targets(ask: Ask, draft: Draft) -> list:
    """The figures of the first quote's task or measure lead (年度全程网办率达到90%以上) in the unit
    asked (all of them, where none is asked)."""
    node = ask.plan.section(draft.quotes[0][0])
    targets = node.targets if isinstance(node, (Task, Measure)) else ()
    units = ask.intent.units
    return [t for t in targets if not units or to_hans(t.unit) in units]


def date_not_stated(ask: Ask) -> Draft | None:
    """The plan covers the topic but gives no date for it: said plainly, then what it does say."""
    return _not_stated(ask, explain(ask), "方案沒有給出具體日期，", "The plan gives no date for this; ")


def _speaks_of_topic(ask: Ask, draft: Draft, first: bool = False) -> bool:
    """Do the quotes speak of what the asking clause is about — one of its topic nouns, or enough of
    its words (保租房 … 供应 still echoes 供应保障性租赁住房)? 办护照要多久: no quote speaks of 护照,
    so there is nothing to say instead and the question is declined. With `first`, the first quote
    alone must speak of it (食品经营许可要几个工作日 is not answered by the credit-repair deadline quoted
    first). A follow-up's topic is in the turn before: it is not judged here."""
    if ask.parsed is None or not ask.standalone:
        return True
    topic = ask.parsed.topic
    quotes = draft.quotes[:1] if first else draft.quotes  # the quote holding the figure, where asked
    quoted = normalise("".join(text for _, text in quotes))
    echoed = overlap(ask.asking, quoted) >= ask.settings.min_figure_overlap
    stretch = ask.settings.abbreviation_stretch  # 个体户 is spoken of as 个体工商户
    return not topic or echoed or any(named_in(w, quoted, stretch) for w in topic)


def _not_stated(ask: Ask, draft: Draft | None, hant: str, en: str) -> Draft | None:
    """`draft` said to state no such thing, only where its quotes speak of the question's topic."""
    if draft is None or not _speaks_of_topic(ask, draft):
        return None
    draft.lead = both(hant + draft.lead["hant"], en + draft.lead["en"][:1].lower() + draft.lead["en"][1:])
    draft.stated = False
    return draft


def explain(ask: Ask) -> Draft | None:
    """Quote the best unit: a task, a measure's lead, or the preamble; quote runners-up that are nearly
    as good (lists, questions across measures), more briefly."""
    quoted = quoted_terms(ask.question)
    ranked = ask.ranked
    terms = quoted or _keywords(ask) or ([ranked.named] if ranked.named else [])
    holders = [t for t, _ in ranked.tasks if holds(t, terms)] if terms else []
    if holders and ask.intent.wants_list:  # "哪些地方提到了“大零号湾”": every measure that says it
        return _task_answer(ask, _one_per_measure(holders)[: ask.settings.max_mentions])
    opening = plan_opening(ask)
    if opening is not None:
        return opening
    best_task = ranked.tasks[0][1] if ranked.tasks else float("-inf")
    best_measure = ranked.measures[0] if ranked.measures else None
    names_asked = _ASKS_NAME.search(ask.asking)  # a thing's name is in a task, never in a measure's aim
    if best_measure and best_measure[1] >= best_task and best_measure[0].lead.hant and not names_asked:
        # a task holding the very name asked says what it brings (莫德纳速度是什么): it leads, the measure's
        # lead that names it too follows
        lead = normalise(best_measure[0].lead.hans)
        if holders and all(t in lead for t in terms):  # the lead too, where it echoes the question more
            echoes = overlap(ask.echo, lead) > overlap(ask.echo, normalise(holders[0].text.hans))
            return _task_answer(ask, [holders[0]], lead_of=best_measure[0] if echoes else None)
        return _lead_answer(ask, best_measure[0])
    if not ranked.tasks:
        return None
    if holders and (not quoted or not holds(ranked.tasks[0][0], terms)):  # keywords: the task holding them
        return _task_answer(ask, [holders[0]])
    return _task_answer(ask, _close_tasks(ask))


_ASKS_NAME = re.compile(
    r"叫什么|叫啥|什么名字|啥名字|名字是|名称|\bwhat is it called\b|\bname of\b|\bcalled\?", re.I
)

# Words that ask: a question holding none is a counter keyword search (诉求直通车, 食品企业 一址两用).
_ASKS = re.compile(r"吗|呢|什么|啥|哪|谁|多少|几|怎|如何|是否|能否|可否|有没有|是不是|[?？]")


def _keywords(ask: Ask) -> list[str]:
    """The keywords of a keyword search, when each stands verbatim in one of the ranked tasks: like a
    quoted term, they name a thing of the plan exactly (诉求直通车 is 问题诉求直通车, not 直通车)."""
    text = normalise(ask.question)
    if _ASKS.search(text) or not ask.ranked.tasks:
        return []
    words = [w for w in re.split(r"[，,、\s]+", text) if len(w) >= 3]
    tasks = [normalise(t.text.hans) for t, _ in ask.ranked.tasks]
    return words if words and all(any(w in t for t in tasks) for w in words) else []


def _task_answer(ask: Ask, chosen: list, lead_of: Measure | None = None) -> Draft:
    limit = ask.settings.quote_limit
    quotes = [
        (t.id, best_clauses(statement(t, "hant"), ask.echo, limit if i == 0 else limit // 2))
        for i, t in enumerate(chosen)
    ]
    if lead_of is not None:  # the measure's lead after its task
        quotes.append((lead_of.id, best_clauses(lead_of.lead.hant, ask.echo, limit // 2)))
    return Draft(
        both("方案提出：", "According to the plan:"),
        quotes,
        departments=list(units_of(chosen[:1]).get(chosen[0].id, ())),
        is_list=len(chosen) > 1,
        quote_units=units_of(chosen),
    )


def _one_per_measure(tasks: list) -> list:
    seen: set[str] = set()
    return [t for t in tasks if not (t.measure_id in seen or seen.add(t.measure_id))]


def _close_tasks(ask: Ask) -> list:
    """The best task, and runners-up: nearly as good ones for a list or from the same measure (the rest
    of the answer); from another measure only one that covers part of the question the chosen ones
    leave out (a question across measures). A yes/no is settled by its measure's sentences: one from
    another measure, about something near, would read as part of the answer; a claim to confirm
    (今年新建20个人才驿站，对吗？) by one sentence, while whether there is such a thing (有没有贴息贷款)
    may be answered by two."""
    s = ask.settings
    top_task, top = ask.ranked.tasks[0]
    chosen = [top_task]
    yes_no = ask.intent.kind == "yesno"
    most = s.max_quotes
    if yes_no:
        most = s.yes_no_max_quotes if _WHETHER_ANY.search(normalise(ask.asking)) else 1
    for task, score in ask.ranked.tasks[1 : s.runner_up_pool]:
        if len(chosen) >= most:
            break
        if yes_no and task.measure_id != top_task.measure_id:
            continue  # a sentence about something near would read as part of the answer
        # a sibling task of the same measure is the rest of the answer only when nearly as good
        close = (ask.intent.wants_list and score >= s.list_quote_ratio * top) or (
            task.measure_id == top_task.measure_id and score >= s.sibling_quote_ratio * top
        )
        if close or (score >= s.related_quote_ratio * top and _adds_coverage(ask, chosen, task)):
            chosen.append(task)
    return chosen


# whether there is, or may be, such a thing at all: a yes/no the plan's list of it answers
_WHETHER_ANY = re.compile(r"有没有|有无|是否有|有什么|能不能|能否|可不可以|可否|会不会有")


def _adds_coverage(ask: Ask, chosen: list, task) -> bool:
    """Does `task`, from another measure, cover part of the question the chosen tasks leave out?
    A question that announces several aspects ("开店审批和日常检查", "分别", "各") needs less proof."""
    if any(t.measure_id == task.measure_id for t in chosen):
        return False
    covered = "".join(t.text.hans for t in chosen)
    gain = overlap(ask.question, covered + task.text.hans) - overlap(ask.question, covered)
    needed = ask.settings.min_coverage_gain
    return gain >= (needed / 2 if _ASPECTS.search(normalise(ask.question)) else needed)


def _lead_answer(ask: Ask, measure: Measure) -> Draft:
    """A measure's lead sentence answers questions about its aim; its best task adds the substance."""
    limit = ask.settings.quote_limit
    quotes = [(measure.id, best_clauses(measure.lead.hant, ask.echo, limit))]
    tasks = ask.ranked.top_tasks(1, within=measure.id)
    if tasks:
        quotes.append((tasks[0][0].id, best_clauses(statement(tasks[0][0], "hant"), ask.echo, limit // 2)))
    chosen = [t for t, _ in tasks]
    refs = list(units_of(chosen).get(chosen[0].id, ())) if chosen else []
    return Draft(
        both("方案提出：", "According to the plan:"), quotes, departments=refs, quote_units=units_of(chosen)
    )
