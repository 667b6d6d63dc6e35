"""Structure lookups: what a question names outright — a section, a department, a figure.

Staff cite the plan by position in many notations (第三部分第二条, 三、（二）, 3.2, 保障措施) and ask
about units by their short names (人社局 for 區人社局). None of that is semantic: it is parsed here,
exactly, from the plan's own titles and directory, and then overrides or boosts the fused ranking.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import jieba

from ingest import Department, Plan
from planqa.script import normalise

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUM = r"[0-9]{1,2}|[一二两三四五六七八九十]{1,3}"
_ORD = rf"(?:第\s*)?({_NUM}|最后一|末)"
# A part: 第三部分, 第三大块, part 3 (normalised: lower case, no spaces).
_PART_HEAD = rf"(?:第({_NUM})(?:部分|部份|大部分|章|大项|大块|板块|块)|part({_NUM})|(最后一|末)个?(?:部分|部份|大部分|章|大项|大块|板块|块))"
_PART_ITEM = re.compile(
    rf"{_PART_HEAD}(?:的|中的|里的|里|中)?(?:排在?|排名)?{_ORD}"
    rf"(?:条|项|点|个行动|个措施|个action|action|小项|个(?![\u3400-\u9fff])|个(?=是|叫|讲|说)|(?:的那?|那)个?(?:行动|措施))"
)  # 第四部分第三个，那个行动叫啥: a count word alone, the item left unsaid; 里排第二的那个行动: ranked
_PART = re.compile(_PART_HEAD)
_BRACKET = re.compile(rf"(?<![0-9a-z])({_NUM})[、.,]?\(({_NUM})\)")
_DOTTED = re.compile(
    r"(?<![0-9.])([1-9])\.([0-9]{1,2})(?:\.([0-9]{1,2}))?(?![0-9]|\.[0-9]|%|亿|万|元|倍|个|家|年|平方|公里|米)"
)
# A part named in English words (part one, the second part): as its number (part 2).
EN_CARDINALS = {w: n for n, w in enumerate(["one", "two", "three", "four", "five", "six"], start=1)}
EN_ORDINALS = {w: n for n, w in enumerate(["first", "second", "third", "fourth", "fifth", "sixth"], start=1)}
_EN_PART_WORD = re.compile(
    rf"\bpart\s+({'|'.join(EN_CARDINALS)})\b|\b({'|'.join(EN_ORDINALS)})\s+part\b", re.I
)


def _normalised(text: str) -> str:
    """`text` normalised as the lookups read it, a part named in English words by its number."""
    numbered = _EN_PART_WORD.sub(
        lambda m: f"part {EN_CARDINALS.get((m.group(1) or '').lower()) or EN_ORDINALS[m.group(2).lower()]}",
        text,
    )
    return normalise(numbered)


# A part named by its heading's numeral, as the question's first words: 三、的标题是啥
_HEADING = re.compile(rf"({_NUM})、(?![(（]|{_NUM}、)")
# An item of a section named by its position alone: 第4条, 第三个行动, 最后一项.
_ITEM = re.compile(rf"第\s*({_NUM}|最后一)\s*(?:个|大)?(?:行动|措施|条|项|款|点|任务|个action)")
_PREAMBLE = ("总体要求", "方案开头", "开头部分", "前言", "引言", "序言", "开篇", "指导思想", "preamble")
# The notice (issue date, addressees) stands only in the preamble unit.
_NOTICE = re.compile(r"印发|发文|下发|哪些单位|\b(issued|issue date|notice|circular)\b")
_NUMERIC = re.compile(
    r"多少|(?<!哪)几(?!乎)|多大|多长|多久|多高|多快|规模|比例|百分之|[0-9]+%|数量|目标值|金额|几成"
)

# Kinds of unit the plan names several of, which a question may name as a kind: "海关负责什么".
FAMILIES = ("海关",)
# Official names that do not spell the plan's short form out (see `_spelling_span` for those that do);
# applied only to units in the plan.
LONG_FORMS = {
    "人民法院": "区法院",
    "人民检察院": "区检察院",
    "公安局": "区公安分局",
}
# A unit's official name spells its short form out: 应急管理局 for 应急局, 房屋管理局 for 房管局.
_LONG_ENDINGS = {"局": ("局",), "委": ("委员会", "委"), "办": ("办公室", "办"), "中心": ("中心",)}
_ANY_ENDING = re.compile("|".join(e for endings in _LONG_ENDINGS.values() for e in endings))
_LONG_SPAN = 12  # the longest official name, in characters, read as a spelled-out short form
_MIN_ALIAS = 3  # two-character names (各镇, 街道) are too common in questions to mean the unit ...
_UNIT_ENDINGS = "委局办院"  # ... unless they end as a body's name does (经委, 科委, 法院)


def part_kinds(plan: Plan) -> dict[str, list[str]]:
    """Kinds of part the plan has several of, named as their titles name them (实施…提升工程 → 工程):
    "四大工程" asks for these parts, "这些工程里第二个" for the second of them."""
    kinds: dict[str, list[str]] = {}
    for part in plan.parts:
        head = re.split(r"[,，]", normalise(part.title.hans))[0]
        kinds.setdefault(head[-2:], []).append(part.id)
    return {kind: ids for kind, ids in kinds.items() if len(ids) > 1}


def _spelling_span(q: str, start: int, body: str, endings: tuple[str, ...]) -> tuple[int, int] | None:
    """The span from `start` to the nearest ending when the characters of `body` occur in it in order
    and it is longer than the short form itself; None otherwise."""
    window = q[start : start + _LONG_SPAN]
    cut = min((i for i in (window.find(e) for e in endings) if i > 0), default=-1)
    if cut < 0:
        return None
    ending = next(e for e in endings if window.startswith(e, cut))
    chars = iter(window[:cut])
    if not all(c in chars for c in body) or cut == len(body):
        return None
    if re.search(r"[^\u3400-\u9fff]", window[:cut]):
        return None
    return start, start + cut + len(ending)


def cn_number(text: str) -> int | None:
    """1..99 from Arabic digits or Chinese numerals (三, 十二, 二十); None when it is not a number."""
    if text.isdigit():
        return int(text)
    if text in ("最后一", "末"):
        return -1
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_DIGITS.get(tens, 0) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
        return value or None
    if len(text) == 1 and text in _DIGITS:
        return _DIGITS[text]
    return None


MIN_TITLE_TAIL = 6  # characters: a shorter end of a part's title (化营商环境) is a common phrase


def _all_text(plan: Plan) -> str:
    """Every title and sentence of the plan, normalised: where a phrase of a title is written again."""
    titles = [p.title.hans for p in plan.parts] + [m.title.hans for m in plan.measures()]
    return normalise(
        "\n".join([plan.title.hans, plan.preamble.hans, *titles, *(m.text.hans for m in plan.measures())])
    )


@dataclass(frozen=True)
class DeptMatch:
    department: Department
    alias: str  # the words of the question that named it (normalised)


class Lookup:
    """The plan's section ids, titles and department directory, indexed for exact matching."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.parts = {p.id: [m.id for m in p.measures] for p in plan.parts}
        self.measures = {m.id for m in plan.measures()}
        self.tasks = {t.id for t in plan.tasks()}
        self.titles: list[tuple[str, str]] = []  # (normalised phrase, section id), longest first
        written = _all_text(plan)
        for part in plan.parts:
            for clause in re.split(r"[,，]", normalise(part.title.hans)):
                core = re.sub(r"^(实施|打造)", "", clause)
                if len(core) >= 4:
                    self.titles.append((core, part.id))
                # the end of a clause, written nowhere else in the plan, names the part as well
                # (法治化营商环境 of 打造高水平法治化营商环境)
                tails = (core[i:] for i in range(1, len(core) - MIN_TITLE_TAIL + 1))
                self.titles += [(tail, part.id) for tail in tails if written.count(tail) == 1]
        for measure in plan.measures():
            title = normalise(measure.title.hans)
            self.titles.append((title, measure.id))
            core = re.sub(r"行动$", "", title)
            if len(core) >= 4 and core != title:
                self.titles.append((core, measure.id))
        self.titles.sort(key=lambda x: -len(x[0]))
        self.kinds = part_kinds(plan)
        words = "|".join(map(re.escape, self.kinds)) or "(?!)"
        self._kind_item = re.compile(  # 这些工程里第二个, 第二大工程, 第二个工程
            rf"(?:{words})(?:里面|当中|之中|里|中)?[,，]?的?第({_NUM})个|第({_NUM})(?:个|大)?(?:{words})"
        )
        self.aliases: list[tuple[str, Department]] = []
        for dept in plan.departments:
            for alias in self.department_aliases(dept):
                self.aliases.append((alias, dept))
        for long, short in LONG_FORMS.items():
            dept = plan.department(short)
            if dept is not None:
                self.aliases.append((long, dept))
        for kind in FAMILIES:  # 海关 names every customs office of the plan at once
            members = [d for d in plan.departments if normalise(d.name.hans).endswith(kind)]
            if len(members) > 1:
                self.aliases += [(kind, d) for d in members if normalise(d.name.hans) != kind]
        self.aliases.sort(key=lambda x: -len(x[0]))

    @staticmethod
    def department_aliases(dept: Department) -> set[str]:
        """The unit's name in both scripts and its short form without the 区/区委 prefix (人社局)."""
        names = {normalise(dept.name.hans), normalise(dept.name.hant)}
        for name in list(names):
            short = re.sub(r"^(区委|区)", "", name)
            if short != name:
                names.add(short)
            if short.endswith("分局"):
                names.add(short[:-2] + "局")
        return {n for n in names if len(n) >= _MIN_ALIAS or (len(n) == 2 and n[-1] in _UNIT_ENDINGS)}

    # --- sections
    def section_ref(self, question: str) -> str | None:
        """The section a question names by position or title, or None."""
        q = _normalised(question)
        if m := _PART_ITEM.search(q):
            return self._measure(self._part(m), cn_number(m.group(4)))
        if m := _BRACKET.search(q):
            return self._measure(cn_number(m.group(1)), cn_number(m.group(2)))
        for m in _DOTTED.finditer(q):
            ref = f"{m.group(1)}.{m.group(2)}" + (f".{m.group(3)}" if m.group(3) else "")
            if ref in self.measures or ref in self.tasks:
                return ref
        if m := self._kind_item.search(q):
            for kind, ids in self.kinds.items():
                n = cn_number(m.group(1) or m.group(2))
                if kind in m.group(0) and n is not None and 0 < n <= len(ids):
                    return ids[n - 1]
        if m := _PART.search(q) or _HEADING.match(q):
            part = str(self._part(m)) if m.re is _PART else str(cn_number(m.group(1)))
            if part in self.parts:
                return part
        if any(p in q for p in _PREAMBLE):
            return "0"
        return None

    def section_ref_in(self, question: str, context: str = "", earlier: Sequence[str] = ()) -> str | None:
        """The section a question names, else the one its `context` (the question with the turn it
        leans on) names. An item named relative to a section (第4条, 它的第三个行动) is one under the
        section named with it (第一部分第六个行动里的第4条, 便捷税费缴纳流程行动的第4条), else under the
        one the `earlier` turns (latest first) name."""
        ref, item = self._resolved(question)
        if ref is None and context and context != question:
            ref, later_item = self._resolved(context)
            item = item or later_item
        if ref or item is None:
            return ref
        base = next(filter(None, map(self._ref_of, reversed(earlier))), None)
        return self._item(base, item) if base else None

    def _resolved(self, text: str) -> tuple[str | None, int | None]:
        """(the section `text` names, items under it taken into account; else the item it names
        without saying under what)."""
        q = _normalised(text)
        own = self._ref_of(q)
        found = _ITEM.search(_PART.sub("", _PART_ITEM.sub("", q)))
        item = cn_number(found.group(1)) if found else None
        if item is None or (own and own in self.tasks):
            return own, None
        return (self._item(own, item), None) if own else (None, item)

    def _item(self, base: str, n: int) -> str | None:
        """The `n`th measure of a part or task of a measure (-1: the last)."""
        ids = self.parts.get(base) or sorted(
            (t for t in self.tasks if t.rsplit(".", 1)[0] == base), key=lambda t: int(t.rsplit(".", 1)[1])
        )
        return ids[n - 1] if 0 < n <= len(ids) else (ids[-1] if n == -1 and ids else base)

    def _ref_of(self, text: str) -> str | None:
        return (self.section_ref(text) or self._titled(text)) if text else None

    def _titled(self, question: str) -> str | None:
        return next((t for t in self.title_refs(question) if t != "0"), None)

    def names_missing_section(self, question: str) -> bool:
        """True when the question names a section by position that the plan does not have
        (第二部分第七条 in a part of six measures, 六、（一） in a plan of five parts)."""
        q = normalise(question)
        if self.section_ref(question) is not None:
            return False
        return bool(_PART_ITEM.search(q) or _BRACKET.search(q) or _PART.search(q))

    def _part(self, m: re.Match) -> int | None:
        """The part a match of `_PART_HEAD` names: by number, or the last one (最后一部分)."""
        n = cn_number(m.group(1) or m.group(2) or m.group(3))
        return len(self.parts) if n == -1 else n

    def _measure(self, part: int | None, item: int | None) -> str | None:
        ids = self.parts.get(str(part))
        if not ids or item is None:
            return None
        if item == -1:
            return ids[-1]
        ref = f"{part}.{item}"
        return ref if ref in self.measures else None

    def title_refs(self, question: str) -> list[str]:
        """Sections whose title (or its core, without 行动) the question quotes, longest match first;
        the preamble when the question is about the notice (印发, 发文, issued)."""
        q = normalise(question)
        found: list[str] = ["0"] if _NOTICE.search(question.lower()) or _NOTICE.search(q) else []
        for phrase, section in self.titles:
            if phrase in q and section not in found:
                found.append(section)
                q = q.replace(phrase, "|")
        return found

    # --- departments
    def departments(self, question: str) -> list[DeptMatch]:
        """Units the question names, in the order named; the longest name wins where two overlap.
        A name the plan does not use but that spells a unit's short form out (区应急管理局) names it too."""
        q = normalise(question)
        spans: list[tuple[int, int, str, Department]] = []
        for alias, dept in self.aliases:
            start = q.find(alias)
            while start >= 0:
                end = start + len(alias)
                overlaps = any(s < end and start < e and (s, e) != (start, end) for s, e, _, _ in spans)
                if not overlaps and not (len(alias) == 2 and _inside_words(q, start, end)):
                    spans.append((start, end, alias, dept))
                start = q.find(alias, end)
        for start, end, dept in self._spelled_out(q):
            if not any(s < end and start < e for s, e, _, _ in spans):
                spans.append((start, end, q[start:end], dept))
        out: list[DeptMatch] = []
        for _, _, alias, dept in sorted(spans, key=lambda s: s[0]):
            if all(d.department.name != dept.name for d in out):
                out.append(DeptMatch(dept, alias))
        return out

    def _spelled_out(self, q: str) -> list[tuple[int, int, Department]]:
        """Spans of `q` that spell a unit's short form out in order, from its first character to its
        ending (人力资源和社会保障局 → 人社局, 科学技术委员会 → 科委); a span two units fit is left out."""
        found: dict[tuple[int, int], list[Department]] = {}
        if not _ANY_ENDING.search(q):  # most questions name no body at all
            return []
        for dept in self.plan.departments:
            short = re.sub(r"^(区委|区)", "", normalise(dept.name.hans))
            ending = next((e for e in _LONG_ENDINGS if short.endswith(e) and len(short) > len(e)), None)
            if ending is None:
                continue
            body = short[: -len(ending)]
            shortest: dict[int, int] = {}  # end → latest start: 住房保障和房屋管理局 reads 房屋管理局
            for start in (m.start() for m in re.finditer(re.escape(body[0]), q)):
                span = _spelling_span(q, start, body, _LONG_ENDINGS[ending])
                if span is not None:
                    shortest[span[1]] = span[0]
            for end, start in shortest.items():
                found.setdefault((start, end), []).append(dept)
        return [(s, e, depts[0]) for (s, e), depts in found.items() if len(depts) == 1]

    def department_sections(self, dept: Department) -> list[str]:
        """Measures with a task the unit leads or joins, in document order."""
        return list(dict.fromkeys(t.rsplit(".", 1)[0] for t in dept.task_ids))

    # --- figures
    @staticmethod
    def asks_number(question: str) -> bool:
        """Does the question ask for a figure (多少, 几个, 多大, 规模 …)?"""
        return bool(_NUMERIC.search(normalise(question)))


def _inside_words(text: str, start: int, end: int) -> bool:
    """Does text[start:end] begin or end inside a word of `text`? A two-character short name (府办,
    经委) is then a piece of other words: 政府办事 is 政府 + 办事 and names no 区府办."""
    bounds, at = {0}, 0
    for word in jieba.lcut(text):
        at += len(word)
        bounds.add(at)
    return start not in bounds or end not in bounds
