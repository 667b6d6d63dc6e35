"""Judge one answer against its test case: which citations are right, which facts appear, which checks fail.

Kept apart from the aggregation (`eval.metrics`) so that a hand-made `Result` can be judged in a unit test
without a pipeline, and so that the report's failure list and the headline numbers agree by construction.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from planqa.script import detect_script, normalise, to_hans, to_hant

_FIRST_LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?:\s|$)")


@dataclass
class Result:
    """What one question produced: the raw answer plus the case it answers (one line of results.jsonl)."""

    id: str
    question: str
    answer: str
    answered: bool
    citations: list[str]
    evidence: list[str]
    latency_ms: float
    kind: str = "-"
    answerable: bool = True
    sections: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    script: str = "hans"  # what the pipeline says it answered in
    variant: str = "original"  # or "converted" (--both-scripts)
    asked_in: str = ""  # the script the question was asked in; detected when not given
    departments: list[str] = field(default_factory=list)
    error: str = ""  # the pipeline raised: recorded as a failed question rather than ending the run
    group: str = ""  # questions asking the same thing in other words share a group
    style: str = ""
    forbidden: list[str] = field(
        default_factory=list
    )  # must not be in the lead: a figure about another thing
    yes_no: str | None = None  # what the plan says to a yes/no question as asked: yes, no or unstated
    plan: str | None = None  # the plan the question was asked of (the test set's `plan`), if any
    plans: list[str] = field(default_factory=list)  # the plan(s) the answer came from
    citation_plans: list[str] = field(default_factory=list)  # the plan of each citation

    @property
    def part(self) -> str:
        return self.sections[0].split(".", 1)[0] if self.sections else "-"

    @property
    def question_script(self) -> str:
        return self.asked_in or detect_script(self.question)

    @property
    def key(self) -> str:
        """Identity across runs: the id, plus the variant for questions asked in the other script."""
        return self.id if self.variant == "original" else f"{self.id}@{self.variant}"


def is_right(cited: str, gold: str) -> bool:
    """A cited section is right for a gold one when it is that section or lies inside it."""
    return cited == gold or cited.startswith(gold + ".")


def right_for_any(cited: str, golds: list[str]) -> bool:
    return any(is_right(cited, g) for g in golds)


def _distinct(ids: list[str]) -> list[str]:
    """Cited ids in order without repeats: two quotes from one section are one citation for ranking."""
    return list(dict.fromkeys(ids))


def leads_in_english(text: str) -> bool:
    """An English lead sentence: two Latin words before the first Han character ("The plan says: 「…」"),
    or a first sentence with a Latin word and no Han at all ("Yes."). A Chinese answer that merely starts
    with a Latin term or code ("APEC商旅卡…", "1+5+14+N…") is not English."""
    han = _HAN.search(text)
    before = text[: han.start()] if han else text
    if len(_LATIN_WORD.findall(before)) >= 2:
        return True
    first_sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    return not _HAN.search(first_sentence) and bool(_LATIN_WORD.search(first_sentence))


def answer_script(text: str) -> str:
    """The script of an answer: "en" when it leads in English, "neutral" when its Han characters read
    the same in both scripts, "none" when it has no letters, else what `detect_script` says."""
    if not _FIRST_LETTER.search(text):
        return "none"
    if leads_in_english(text):
        return "en"
    if not _HAN.search(text):
        return "none"  # Latin fragments without an English sentence: neither script
    han = "".join(_HAN.findall(text))
    if to_hans(han) == han and to_hant(han) == han:
        return "neutral"
    return detect_script(text)


def script_matches(question: str, answer: str) -> bool:
    """Does the answer speak the question's script? English questions expect an English lead sentence."""
    return script_fits(detect_script(question), answer)


def script_fits(want: str, answer: str) -> bool:
    got = answer_script(answer)
    if got == "neutral":
        return want in ("hans", "hant")
    return got == want


_YES = re.compile(r"^(?:可以|是的|有的|yes\b|[是能会有](?=[\W_]|$))", re.I)


def lead_of(answer: str) -> str:
    """The answer's own first line: the direct answer, before any quote of the plan."""
    return answer.strip().split("\n", 1)[0]


def says_yes(answer: str) -> bool:
    """Does the lead open with a "yes" (可以, 是的, Yes …)?"""
    return bool(_YES.match(normalise(lead_of(answer))))


def _judge_lead(r: Result, s: Scores) -> None:
    """A lead that states a figure about another thing, or a "yes" the plan does not give, fails even
    when the citation is right: a confident wrong lead is worse than none."""
    if not r.answered or not (r.forbidden or r.yes_no):
        return
    lead = normalise(lead_of(r.answer))
    wrong = [f for f in r.forbidden if states(lead, f)]
    wrong_yes = r.yes_no in ("no", "unstated") and says_yes(r.answer)
    s.wrong_lead = bool(wrong) or wrong_yes
    if wrong:
        s.failures.append(f"lead states {'; '.join(wrong)}, about another thing")
    if wrong_yes:
        s.failures.append(f"lead says yes, the plan's answer is {r.yes_no}")


# A lead saying the plan states no such thing: 方案没有给出这个具体数字, 方案没有提到「租金」, The plan gives no …
_DENIES = re.compile(
    r"^(?:方案)?(?:没有|沒有|未)(?:给出|給出|提到|写|寫|规定|規定)|^the plan (?:gives no|does not (?:state|give|mention)|says nothing)",
    re.I,
)


def denies(answer: str) -> bool:
    """Does the lead say the plan does not state what was asked?"""
    return bool(_DENIES.match(lead_of(answer).strip()))


def _judge_denial(r: Result, s: Scores) -> None:
    """An answer whose lead says the plan gives no such figure or date, then quotes every fact the
    question expects, denies what the plan states. Partial questions (the plan does not state the detail
    asked) and yes/no questions are not judged."""
    if not r.answerable or not r.answered or r.kind == "partial" or r.yes_no or not r.facts:
        return
    s.denied_stated = denies(r.answer) and not s.facts_missing
    if s.denied_stated:
        s.failures.append("says the plan does not state what its quote states")


@dataclass
class Scores:
    """Per-question measures; None where a measure does not apply to the question."""

    hit1: bool | None = None
    hit3: bool | None = None
    retrieval_hit1: bool | None = None
    retrieval_hit3: bool | None = None
    cited_right: int = 0
    cited_total: int = 0
    facts_found: list[str] = field(default_factory=list)
    facts_missing: list[str] = field(default_factory=list)
    refused_ok: bool | None = None  # unanswerable questions: did it refuse?
    false_refusal: bool | None = None  # answerable questions: did it refuse?
    script_match: bool = False
    dept_found: int = 0
    dept_total: int = 0
    wrong_lead: bool | None = None  # questions with forbidden strings or a yes/no: did the lead go wrong?
    denied_stated: bool | None = None  # the plan states it: did the answer say it does not?
    length: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}


def states(text: str, string: str) -> bool:
    """Does normalised `text` state `string`? A figure is a whole number: 16个 does not state 6个."""
    wanted = normalise(string)
    edge = r"(?<![\d.])" if wanted[:1].isdigit() else ""
    return bool(re.search(edge + re.escape(wanted), text))


def score(r: Result) -> Scores:
    """Judge one result. A question fails when any check that applies to it fails; the reasons say which."""
    s = Scores(length=len(r.answer), script_match=script_fits(r.question_script, r.answer))
    answer_norm = normalise(r.answer)
    for fact in r.facts:
        (s.facts_found if states(answer_norm, fact) else s.facts_missing).append(fact)
    if r.error:
        s.failures.append(f"error: {r.error}")
    if not r.answerable:
        s.refused_ok = not r.answered
        if r.answered:
            s.failures.append("answered an unanswerable question")
    else:
        s.false_refusal = not r.answered
        if not r.answered:
            s.failures.append("refused an answerable question")
    if r.answerable and r.sections:
        cited = _distinct(r.citations)
        evidence = _distinct(r.evidence)
        s.hit1 = bool(cited) and right_for_any(cited[0], r.sections)
        s.hit3 = any(right_for_any(c, r.sections) for c in cited[:3])
        s.retrieval_hit1 = bool(evidence) and right_for_any(evidence[0], r.sections)
        s.retrieval_hit3 = any(right_for_any(e, r.sections) for e in evidence[:3])
        wrong = [c for c in cited if not right_for_any(c, r.sections)]
        s.cited_total, s.cited_right = len(cited), len(cited) - len(wrong)
        if r.answered and not s.hit1:
            first = cited[0] if cited else "nothing"
            s.failures.append(f"hit@1: first cited {first}, gold {', '.join(r.sections)}")
        if wrong:
            s.failures.append(f"wrong citations: {', '.join(wrong)}")
        if r.kind == "dept-all":
            missing = [g for g in r.sections if not any(is_right(c, g) for c in cited)]
            s.dept_total, s.dept_found = len(r.sections), len(r.sections) - len(missing)
            if missing:
                s.failures.append(f"dept-all: not cited {', '.join(missing)}")
    if s.facts_missing:
        s.failures.append(f"missing facts: {'; '.join(s.facts_missing)}")
    _judge_lead(r, s)
    _judge_denial(r, s)
    if not s.script_match:
        s.failures.append(f"script: asked {r.question_script}, answered {answer_script(r.answer)}")
    return s
