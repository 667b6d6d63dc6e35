"""English names of the plan's departments, for answers to English questions.

The plan names its units only in Chinese; an English answer that leads with "區經委" is no answer to an
English reader. These are the names the district's bodies go by in English. A unit missing here (a
later plan may name new ones) keeps its Chinese name."""

from __future__ import annotations

import re

from index.bridge import american
from planqa.script import to_hans

DEPARTMENTS_EN: dict[str, str] = {
    "区市场局": "District Administration for Market Regulation",
    "区行政服务中心": "District Administrative Service Center",
    "区大数据中心": "District Big Data Center",
    "区经委": "District Economic Commission",
    "区规划资源局": "District Planning and Natural Resources Bureau",
    "区建管委": "District Construction and Management Commission",
    "区科委": "District Science and Technology Commission",
    "区房管局": "District Housing Administration Bureau",
    "区人社局": "District Human Resources and Social Security Bureau",
    "区金融办": "District Financial Services Office",
    "区财政局": "District Finance Bureau",
    "莘庄海关": "Xinzhuang Customs",
    "龙吴海关": "Longwu Customs",
    "车站海关": "Station Customs",
    "南虹桥集团": "South Hongqiao Group",
    "漕河泾综保区": "Caohejing Comprehensive Bonded Zone",
    "马桥镇": "Maqiao Town",
    "华漕镇": "Huacao Town",
    "新虹街道": "Xinhong Subdistrict",
    "区税务局": "District Tax Bureau",
    "区审改办": "District Office for Administrative Approval Reform",
    "区发改委": "District Development and Reform Commission",
    "区民政局": "District Civil Affairs Bureau",
    "区人才办": "District Talent Office",
    "区投促中心": "District Investment Promotion Center",
    "区司法局": "District Justice Bureau",
    "区检察院": "District People's Procuratorate",
    "区公安分局": "District Public Security Sub-bureau",
    "区工商联": "District Federation of Industry and Commerce",
    "区法院": "District People's Court",
    "区城管局": "District Urban Management Bureau",
    "区应急局": "District Emergency Management Bureau",
    "区委宣传部": "Publicity Department of the District Party Committee",
    "区委组织部": "Organization Department of the District Party Committee",
    "区府办": "District Government Office",
    "区人民建议征集办公室": "District Office for Collecting Public Suggestions",
    "区统计局": "District Statistics Bureau",
    "区考核办": "District Performance Assessment Office",
    "区总工会": "District Federation of Trade Unions",
    "区融媒体中心": "District Media Convergence Center",
    "南滨江公司": "Nanbinjiang Company",
    "试验区公司": "Pilot Zone Company",
    "各镇": "the towns",
    "街道": "the subdistricts",
    "莘庄工业区": "Xinzhuang Industrial Zone",
}


def english_name(name: str) -> str:
    """The English name of a department named in either Chinese script, else the name itself."""
    return DEPARTMENTS_EN.get(to_hans(name), name)


# Other English names the same bodies go by (national usage, short forms), besides the ones above.
OTHER_ENGLISH_NAMES: dict[str, str] = {
    "District Market Supervision Administration": "区市场局",
    "Market Supervision Administration": "区市场局",
    "Market Regulation Bureau": "区市场局",
    "Human Resources and Social Security Bureau": "区人社局",
    "Science and Technology Commission": "区科委",
    "Economic Commission": "区经委",
    "Tax Bureau": "区税务局",
    "Taxation Bureau": "区税务局",
    "Finance Bureau": "区财政局",
    "Justice Bureau": "区司法局",
    "Financial Services Office": "区金融办",
    "Financial Work Office": "区金融办",
    "Housing Administration Bureau": "区房管局",
    "Planning and Natural Resources Bureau": "区规划资源局",
    "Development and Reform Commission": "区发改委",
    "Public Security Bureau": "区公安分局",
}
_LATIN = re.compile("[A-Za-z]")
_LATIN_WORD = re.compile("[A-Za-z]+")


def _loose(english: str) -> re.Pattern | None:
    """A name of three or more words matched by its first and last words with one or two words of
    any kind between (District Financial Services Office → Financial Affairs Office)."""
    words = english.lower().removeprefix("district ").split()
    if len(words) < 3:
        return None
    first, last = map(re.escape, (words[0], words[-1]))
    return re.compile(rf"(?:district\s+|区\s*)?\b{first}(?:\s+[a-z]+){{1,2}}\s+{last}\b", re.I)


_BY_ENGLISH = sorted(
    [(en.lower(), zh) for zh, en in DEPARTMENTS_EN.items() if not en.startswith("the ")]
    + [(en.lower(), zh) for en, zh in OTHER_ENGLISH_NAMES.items()],
    key=lambda x: -len(x[0]),
)


def with_chinese_names(question: str) -> str:
    """A question with the departments it names in English named in Chinese, as the plan and its
    lookups name them ("What does the District Finance Bureau do?" → "What does the 区财政局 do?",
    区tax bureau负责什么 → 区税务局负责什么)."""
    if not _LATIN.search(question):
        return question
    question = _LATIN_WORD.sub(lambda m: american(m.group(0)), question)  # Service Centre: as named
    for english, chinese in _BY_ENGLISH:  # longest first: a replaced name is not matched again
        question = re.sub(rf"(?:district\s+|区\s*)?{re.escape(english)}", chinese, question, flags=re.I)
    for (
        pattern,
        chinese,
    ) in _LOOSE:  # Financial Affairs Office: the first and last words, a word or two between
        question = pattern.sub(chinese, question)
    return _HEADED.sub(_by_head, question)


# A body named in the asker's own words by its kind and a word of its name: the district court, the
# media centre, the Party's organisation department (a kind that ends one name only needs no other word).
_GENERIC_NAME_LIST = "district minhang local the"
_GENERIC_NAME_WORDS = frozenset(_GENERIC_NAME_LIST.split())
_HEADED = re.compile(
    r"((?:[A-Za-z'’-]+\s+){0,3})(court|center|department|bureau|office|commission|procuratorate)s?\b", re.I
)


_BEFORE_NAME_LIST = (  # words that may stand right before a name, not part of another thing's name
    "a an the does do did is are was were what which who how about of for in on at by to with and or from our "
    "my your its their this that"
)
_BEFORE_NAME = frozenset(_BEFORE_NAME_LIST.split())


def _word(token: str) -> str:
    return token.lower().removesuffix("'s").removesuffix("’s")


_NAME_WORDS = {zh: {_word(w) for w in en.split()} for zh, en in DEPARTMENTS_EN.items()}  # read once


def _by_head(found: re.Match) -> str:
    """The words before a kind of body that name one unit of that kind, replaced by its Chinese name;
    the words before them (What does the…) kept."""
    head = found.group(2).lower()
    tokens = found.group(1).split()
    kind = {zh: words for zh, words in _NAME_WORDS.items() if head in words}
    for start in range(len(tokens) + 1):  # the longest run of name words before the head
        words = [_word(t) for t in tokens[start:]]
        if all(w in _GENERIC_NAME_WORDS or any(w in k for k in kind.values()) for w in words):
            break
    if start and _word(tokens[start - 1]) not in _BEFORE_NAME:
        return found.group(0)  # an enterprise service centre: a thing of the asker's, no unit
    named = {w for w in words if w not in _GENERIC_NAME_WORDS}
    fits = [zh for zh, k in kind.items() if named <= k]
    if len(fits) == 1 and (named or len(kind) == 1):
        return " ".join([*tokens[:start], fits[0]])
    return found.group(0)


_LOOSE = [(p, zh) for en, zh in _BY_ENGLISH if (p := _loose(en)) is not None]
