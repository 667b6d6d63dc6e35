"""What stands around a plan's body: the notice or metadata line before it, the signature and date after it,
and what they tell (title, issuer, document number, date, district, year, short title).

Plans of the genre open either with a notice (关于印发《…》的通知 … 2024年3月5日) or with a metadata line
(印发日期：2024-03-05 文号：… 发布机构：…), and may close with the issuer's name and the date. Every
check runs on the simplified form, so either script reads the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.departments import looks_like_unit
from planqa.script import to_hans

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_NUMERIC_DATE = re.compile(r"(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?")
_CHINESE_DATE = re.compile(
    r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［][12]\d{3}[〕\]］]\s*\d{1,4}\s*号")
_META_KEY = re.compile(
    r"(印发日期|发布日期|成文日期|公布日期|发文日期|文号|发文字号|发布机构|发文机关|发文单位|索引号|主题分类|"
    r"发布机关|来源)\s*[:：]\s*"
)
_DATE_KEYS = ("印发日期", "发布日期", "成文日期", "公布日期", "发文日期")
_ISSUER_KEYS = ("发布机构", "发文机关", "发文单位", "发布机关")
_TITLE_IN_NOTICE = re.compile(r"《([^《》]{6,80})》")
# A place at the start of a title: 闵行区…, 上海市…, 广州开发区…, 2025年虹桥国际中央商务区…
_DISTRICT = re.compile(r"^(?:\d{4}年)?(.{1,9}?(?:自治区|新区|开发区|区|市|县|省))")
_TITLE_YEAR = re.compile(r"(20\d{2})年")
_KINDS = ("行动方案", "实施方案", "工作方案", "若干措施", "工作要点", "实施意见", "行动计划", "方案", "措施")
_SENTENCE_END = "。；;!！?？:：,，"
_CLOSING_NOTE = re.compile(r"^[(（][^()（）]{2,20}[)）]$")  # （此件公开发布）
MAX_SIGNATURE = 30


def parse_date(line: str) -> str:
    """The ISO date written in a line (2024年3月5日, 2024-03-05, 2024.3.5, 二〇二四年三月五日), or ""."""
    simple = to_hans(line)
    m = _NUMERIC_DATE.search(simple)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = _CHINESE_DATE.search(simple)
        if not m:
            return ""
        y = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
        mo, d = _small_number(m.group(2)), _small_number(m.group(3))
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""


def _small_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十一 → 21."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def is_date_line(line: str) -> bool:
    """A line that is a date and nothing else (the notice's or the signature's date)."""
    date = parse_date(line)
    rest = _NUMERIC_DATE.sub("", _CHINESE_DATE.sub("", to_hans(line))).strip()
    return bool(date) and not rest


@dataclass
class Metadata:
    """What the header and closing say about the plan, in the document's own script."""

    date: str = ""
    doc_number: str = ""
    issuer: str = ""
    title_in_notice: str = ""
    closing: list[str] = field(default_factory=list)


def is_metadata_line(line: str) -> bool:
    return bool(_META_KEY.search(to_hans(line)))


def read_metadata_line(line: str, meta: Metadata) -> None:
    """印发日期：2024-03-05 文号：… 发布机构：… → the fields of `meta` (values kept in the line's script)."""
    simple = to_hans(line)
    keys = list(_META_KEY.finditer(simple))
    for key, nxt in zip(keys, [*keys[1:], None], strict=True):
        value = line[key.end() : nxt.start() if nxt else len(line)].strip(" \u3000;；,，")
        name = key.group(1)
        if name in _DATE_KEYS and not meta.date:
            meta.date = parse_date(value)
        elif name in _ISSUER_KEYS and not meta.issuer:
            meta.issuer = value
        elif name in ("文号", "发文字号") and not meta.doc_number:
            meta.doc_number = value


def read_header_text(text: str, meta: Metadata) -> None:
    """A document number or the title quoted in the notice (关于印发《…》的通知), wherever they stand."""
    simple = to_hans(text)
    number = _DOC_NUMBER.search(simple)
    if number and not meta.doc_number:
        meta.doc_number = text[number.start() : number.end()]
    quoted = _TITLE_IN_NOTICE.search(text)
    if quoted and not meta.title_in_notice:
        meta.title_in_notice = quoted.group(1)


def split_closing(lines: list[str]) -> tuple[list[str], list[str]]:
    """The body and the closing block after it: the issuer's name, the date, a note like （此件公开发布）."""
    end = len(lines)
    while end > 0 and _is_closing_line(lines[end - 1]):
        end -= 1
    closing = lines[end:]
    if not any(is_date_line(c) or is_signature(c) for c in closing):
        return lines, []
    return lines[:end], closing


def is_signature(line: str) -> bool:
    """A short line that names a unit and says nothing else: an issuer's signature."""
    return len(line) <= MAX_SIGNATURE and line[-1] not in _SENTENCE_END and looks_like_unit(line)


def _is_closing_line(line: str) -> bool:
    return is_date_line(line) or is_signature(line) or bool(_CLOSING_NOTE.match(line))


def issuer_from(meta: Metadata, notice: list[str], district: str) -> str:
    """Who issued the plan: the metadata's issuer, the signature, or the level the notice is addressed from
    (a notice to 区政府各委、办、局 comes from the district government)."""
    if meta.issuer:
        return meta.issuer
    for line in [*meta.closing, *notice]:
        if is_signature(line) and not is_date_line(line):
            return line
    head = to_hans(notice[0]) if notice else ""
    level = re.search(r"([区市县省])政府各", head)
    if level and district and to_hans(district).endswith(level.group(1)):
        return district + "人民政府"
    return ""


def district_of(title: str) -> str:
    """The place a plan's title starts with (闵行区, 上海市, 广州开发区), in the title's script."""
    m = _DISTRICT.match(to_hans(title))
    return title[m.start(1) : m.end(1)] if m else ""


def year_of(title: str, issued: str, preamble: str) -> int | None:
    """The year the plan is for: named in its title, else the year it was issued, else its preamble's."""
    for text in (title, issued[:4] + "年" if issued else "", preamble):
        m = _TITLE_YEAR.search(to_hans(text))
        if m:
            return int(m.group(1))
    return None


def short_title(district: str, year: int | None, title: str) -> str:
    """闵行区2024年营商环境行动方案: place, year and kind of plan, in simplified script."""
    simple = to_hans(title)
    kind = next((k for k in _KINDS if k in simple), "")
    topic = "营商环境" if "营商环境" in simple else ""
    return f"{to_hans(district)}{f'{year}年' if year else ''}{topic}{kind}" or simple
