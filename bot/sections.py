"""Builders for navigation: a named section's overview, the measures on a topic, the plan's shape."""

from __future__ import annotations

import re
from collections import Counter

from bot.drafts import Ask, Draft, both, units_of
from bot.evidence import best_clauses, holds, per_plan, statement
from bot.markers import numeral, section_label
from bot.overview import preamble
from bot.ranking import plan_names
from index.lookup import part_kinds
from ingest import Measure, Part, Plan, Task
from planqa.script import normalise, to_hant

COMMON_TITLE_WORD = 5  # measure titles sharing a word: it is the plan's genre (服务), not a topic
# Title words too common to name a topic: every measure is an "action" for the "business environment".
_GENERIC_TITLE_WORDS = frozenset(["行动", "营商", "商环", "环境", "方案", "措施", "打造", "特色", "建设"])


def section(ask: Ask) -> Draft | None:
    plan, ranked = ask.plan, ask.ranked
    if not ranked.section_ref and _named_by_task(ask):  # 综合监管一件事包括哪些: the task naming it
        return _task(ask, ranked.tasks[0][0])
    if not ranked.section_ref and ask.intent.wants_list:  # "跟监管有关的几项行动": measures on a topic
        measures = _titled_measures(ask)
        if len(measures) > 1:
            return _measure_list(ask, measures)
    ref = ranked.section_ref or (ranked.sections[0] if ranked.sections else None)
    node = plan.section(ref) if ref and ref != "0" else None
    if ref == "0":
        return preamble(ask)
    if isinstance(node, Part):
        return _part(plan, node)
    if isinstance(node, Measure):
        # 云上开店包括哪些内容: a thing inside a measure, not the measure, unless the title is echoed
        return _measure(ask, node) if ranked.section_ref or _echoes_title(_title_topic(ask), node) else None
    if isinstance(node, Task):
        return _task(ask, node)
    return None


# 哪一块 asks which one (有没有哪一块旧厂区要转型, 方案哪一块讲金融), not how the plan is cut
_COUNTING = (
    r"(?<!第)(?<!最后)(?:几|哪几|哪些|多少|各|每|(?<!哪)一|[二两三四五六七八九十\d])(?:个大|个|大|项)?"
)
_SHAPE_WORDS = r"部分|大块|板块|块(?!钱)|大项(?!目)|篇章"


def asks_outline(asking: str, kinds: dict[str, list[str]]) -> bool:
    """Does the asking clause ask for the plan's shape (分成几块, 讲了哪几大工程, 四大工程是哪些)?"""
    words = "|".join([*map(re.escape, kinds), _SHAPE_WORDS])
    return bool(re.search(rf"{_COUNTING}(?:{words})|分(?:成|为)(?:几|哪几)", asking) or _FRAME.search(asking))


# the document's frame asked for as a whole (这文件大框架是啥, 方案的整体结构), not a topic's (监管框架)
_FRAME = re.compile(
    r"(?:方案|文件|这份|整体|整个|总体)[^，,。？?]{0,3}(?:框架|结构|大纲|提纲|目录|脉络)(?:是|怎|如何|呢|[?？])"
)


# The plan's shape asked in English: its parts counted or named as a whole (the four major projects,
# how many parts, the sections of the plan), not one section on a topic (which section covers loans).
_EN_OUTLINE = re.compile(
    r"\b(?:major|main|big|key|\d+|two|three|four|five|six|seven)\s+['\"‘“]?(?:parts|sections|projects|programmes|programs"
    r"|pillars|components|chapters|initiatives)\b|\bhow many (?:parts|sections|chapters)\b(?! (?:on|about|for|cover))"
    r"|\b(?:parts|sections|chapters) (?:of|in) the plan\b|\b(?:structure|outline) of the plan\b"
    r"|\bplan'?s? (?:structure|outline)\b|\bhow is (?:the|this|its) (?:\w+ ){0,3}(?:plan|document) (?:structured|organi[sz]ed|laid out)\b"
    r"|\bwhat are its (?:parts|sections|chapters)\b",
    re.I,
)


_EN_NUMBERS = ["two", "three", "four", "five", "six", "seven"]
_EN_COUNT = re.compile(
    rf"({'|'.join(_EN_NUMBERS)})(?=major|main|big|key|parts|projects|sections|pillars)", re.I
)


_EN_KIND = re.compile(
    r"\b(?:major|main|big|key)\s+(?:projects|programmes|programs|pillars|initiatives)\b", re.I
)


def asks_outline_en(question: str) -> bool:
    """Does an English question ask for the plan's shape (What are the four major projects?)?"""
    return bool(_EN_OUTLINE.search(question))


def outline(ask: Ask) -> Draft:
    """The plan's shape: its parts, measures and tasks, with the parts' titles; asked for a kind of
    part (四大工程), the parts of that kind."""
    plan = ask.plan
    measures = _titled_measures(ask)
    if len(measures) > 1:  # 跟监管有关的几项行动: the measures on a topic, not the plan's shape
        return _measure_list(ask, measures)
    counted = _EN_COUNT.search(ask.asking)  # the four major projects: the kind of part there are four of
    n = _EN_NUMBERS.index(counted.group(1).lower()) + 2 if counted else None
    kinds = part_kinds(plan)
    # how many major programmes: a kind of part named in English, when the plan has one kind
    one_kind = len(kinds) == 1 and bool(_EN_KIND.search(ask.question))
    for kind, ids in kinds.items():
        if kind in ask.asking or one_kind or (n is not None and n == len(ids) < len(plan.parts)):
            parts = [p for p in plan.parts if p.id in ids]
            lead = (
                f"方案有{numeral(len(parts))}大{to_hant(kind)}："
                + "；".join(section_label(plan, p.id, "hant") for p in parts)
                + "。"
            )
            named = to_hant(f"{numeral(len(parts))}大{kind}")  # the plan's own word for them: 四大工程
            en = f"The plan has {len(parts)} major parts ({named}, parts {', '.join(p.id for p in parts)}):"
            quotes = [(p.id, p.title.hant) for p in parts]
            if _HOW_MANY.search(ask.asking) and not _WHICH.search(ask.asking):
                quotes = _counted_in_preamble(plan, f"{numeral(len(parts))}大{to_hant(kind)}") + quotes
            return Draft(both(lead, en), quotes, is_list=True)
    tasks = sum(len(m.tasks) for m in plan.measures())
    measures = len(list(plan.measures()))
    kinds_named = [f"{numeral(len(ids))}大{to_hant(kind)}" for kind, ids in kinds.items()]
    rest = [p.title.hant for p in plan.parts if not any(p.id in ids for ids in kinds.values())]
    shape = f"（{'、'.join(kinds_named + rest)}）" if kinds_named else ""  # 四大工程、保障措施
    lead = f"方案分為{len(plan.parts)}個部分{shape}，共{measures}項措施、{tasks}項任務："
    shape_en = f" ({'、'.join(kinds_named + rest)})" if kinds_named else ""
    en = f"The plan has {len(plan.parts)} parts{shape_en}, {measures} measures and {tasks} tasks:"
    return Draft(both(lead, en), [(p.id, p.title.hant) for p in plan.parts], is_list=True)


_HOW_MANY = re.compile(r"(?<!哪)几|多少|how ?many", re.I)  # how many there are, not which they are
_WHICH = re.compile(r"哪|分别|(?:what|which) ?(?:are|were)", re.I)


def _counted_in_preamble(plan: Plan, counted: str) -> list[tuple[str, str]]:
    """The preamble's clause that names the parts by their count (聚力四大工程建設): the plan's own
    word for its shape, quoted before the parts."""
    clauses = re.split(r"(?<=[,，;；。])", plan.preamble.hant)
    return [("0", c.strip(",，;；。")) for c in clauses if counted in c][:1]


def _named_by_task(ask: Ask) -> bool:
    """Does the best-ranked task say a name of the plan's that the question asks about?"""
    names = plan_names(ask.asking, ask.plan)
    return bool(names and ask.ranked.tasks and holds(ask.ranked.tasks[0][0], names))


def _titled_measures(ask: Ask) -> list[Measure]:
    """Top-ranked measures whose titles carry a topic word of the question."""
    found, topic = [], _title_topic(ask)
    for sid in ask.ranked.sections[: ask.settings.topic_pool]:
        node = ask.plan.section(sid)
        if isinstance(node, Measure) and _echoes_title(topic, node):
            found.append(node)
    return found[: ask.settings.max_mentions]


def _title_topic(ask: Ask) -> set[str]:
    """The question's words that could name a measure by its title (not the words titles share)."""
    common = _GENERIC_TITLE_WORDS | _common_title_words(ask.plan)
    return {b for b in _bigrams(normalise(ask.question)) if b not in common}


def _echoes_title(topic: set[str], measure: Measure) -> bool:
    return bool(topic & set(_bigrams(normalise(measure.title.hans))))


@per_plan
def _common_title_words(plan: Plan) -> frozenset[str]:
    """Title words many measures share (服务: 政务服务升级, 人才服务创优 …): they name no one measure."""
    counts = Counter(b for m in plan.measures() for b in set(_bigrams(normalise(m.title.hans))))
    return frozenset(b for b, n in counts.items() if n >= COMMON_TITLE_WORD)


def _measure_list(ask: Ask, measures: list[Measure]) -> Draft:
    labels = [section_label(ask.plan, m.id, "hant") for m in measures]
    lead = f"相關措施有{len(measures)}項：" + "；".join(labels) + "。"
    en = f"{len(measures)} measures of the plan deal with this: " + ", ".join(m.id for m in measures) + "."
    limit = ask.settings.quote_limit // 2
    quotes = [(m.id, best_clauses(m.lead.hant or m.title.hant, "", limit)) for m in measures]
    return Draft(both(lead, en), quotes, is_list=True)


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


def _part(plan: Plan, part: Part) -> Draft:
    label = section_label(plan, part.id, "hant")
    items = "；".join(f"（{numeral(i)}）{m.title.hant}" for i, m in enumerate(part.measures, 1))
    lead = f"{label}，共{len(part.measures)}項措施：{items}。"
    en = f"Part {part.id} has {len(part.measures)} measures: " + ", ".join(m.id for m in part.measures) + "."
    quotes = [(part.id, part.title.hant)] + [(m.id, m.title.hant) for m in part.measures]
    return Draft(both(lead, en), quotes, is_list=True)


def _task(ask: Ask, task: Task) -> Draft:
    """A task named by its id (3.2.3): the task itself, with its units."""
    label = section_label(ask.plan, task.id, "hant")
    n = task.id.rsplit(".", 1)[1]
    lead = both(f"{label}第{n}項任務：", f"Task {task.id}:")
    return Draft(lead, [(task.id, statement(task, "hant"))], departments=list(units_of([task])[task.id]))


def _measure(ask: Ask, measure: Measure) -> Draft:
    label = section_label(ask.plan, measure.id, "hant")
    lead = f"{label}共{len(measure.tasks)}項任務。"
    en = f"Measure {measure.id} has {len(measure.tasks)} tasks."
    summary = measure.lead.hant or statement(measure.tasks[0], "hant")
    quotes = [(measure.id, best_clauses(summary, ask.echo, ask.settings.quote_limit))]
    return Draft(both(lead, en), quotes, is_list=True, task_units=list(units_of(measure.tasks).items()))
