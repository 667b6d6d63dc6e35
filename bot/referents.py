"""A question that points at an earlier *answer*: 这个部门还负责哪些事？ after 那这个谁负责？,
第一个问的那个部门一共有哪些任务？ two turns later. What is pointed at is not in any question the
asker typed but in what the bot said: the unit that answered the earlier turn. The earlier turn is the
one the asker counts (第一个问的, 最开始问的) or else the last one; the pipeline answers it again
and puts its lead unit in place of the pointing words. An item counted in "this measure" (这条措施下面第三个
任务) is looked up the same way, in the section the last answer cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.markers import numeral
from index.lookup import cn_number

# Pointing words for a unit named in an earlier answer: 这个部门, 那个单位, 该部门, 第一个问的那个部门.
_POINTED_UNIT = re.compile(
    r"(?:(?:第[一二三四五六七八九十\d]+个?|最开始|一开始|最早|刚才|上面|前面|上一个)(?:问|提)的?)?"
    r"(?:这个|那个|这家|那家|该|此|上述|上面那个|刚才那个|这一|那一)(?:部门|单位|牵头单位|牵头部门|责任单位|机构)"
    r"|第[一二三四五六七八九十\d]+个(?:部门|单位|机构)"  # 回到第一个单位: the unit of the first turn
)
_COUNTED_TURN = re.compile(r"第([一二三四五六七八九十\d]+)个?(?:问|提|部门|单位|机构)")
_FIRST_TURN = re.compile(r"(?:最开始|一开始|最早)(?:问|提)")


@dataclass(frozen=True)
class PointedUnit:
    """The words that point (`words`) and the earlier turn they point into (an index of the history)."""

    words: str
    turn: int


def pointed_unit(asking: str, history: list[str]) -> PointedUnit | None:
    """Where the asking clause (normalised simplified text) points at the unit of an earlier answer."""
    found = _POINTED_UNIT.search(asking)
    if found is None or not history:
        return None
    turn = len(history) - 1
    counted = _COUNTED_TURN.search(found.group(0))
    if counted:
        n = cn_number(counted.group(1))
        turn = n - 1 if n and 0 < n <= len(history) else turn
    elif _FIRST_TURN.search(found.group(0)):
        turn = 0
    return PointedUnit(found.group(0), turn)


# Pointing words for a section an earlier answer was about (这条措施下面第三个任务, 这部分第二条), said with
# an item counted in it: the item is looked up in that section.
_POINTED_SECTION = re.compile(r"(?:这|那|该|此)(?:一)?(?:条|个|项)?(措施|行动|部分)")
_COUNTED_ITEM = re.compile(r"第[一二三四五六七八九十\d]+(?:个|项|条)")


@dataclass(frozen=True)
class PointedSection:
    """The words that point (`words`) and how many levels of a section id they stand for (1 a part,
    2 a measure)."""

    words: str
    depth: int


def pointed_section(asking: str, history: list[str]) -> PointedSection | None:
    """Where the asking clause points at the section of the last answer to count an item in it."""
    found = _POINTED_SECTION.search(asking)
    if found is None or not history or not _COUNTED_ITEM.search(asking, found.end()):
        return None
    return PointedSection(found.group(0), 1 if found.group(1) == "部分" else 2)


def section_at(section: str, depth: int) -> str | None:
    """How a question names `section` cut to `depth` levels ("3.2.1", 2 → "3.2"; "4.1", 1 → 第四部分);
    None when it is shallower."""
    parts = section.split(".")
    if len(parts) < depth or section == "0":
        return None
    return ".".join(parts[:depth]) if depth > 1 else f"第{numeral(int(parts[0]))}部分"
