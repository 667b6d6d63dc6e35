"""The answer-quality test set (eval/testset.jsonl) is well formed and agrees with the plan.

Every gold section exists, every fact of an answerable question is found verbatim (normalised) in one of
its gold sections, the kinds of question and the plan's sections are all covered, and the gold list of a
"what does unit X do" question is exactly the measures whose tasks name that unit.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from ingest import Plan, build_plan
from ingest.model import Measure, Part, id_key
from planqa.script import detect_script, normalise, to_hans
from planqa.settings import get_settings

TESTSET = Path(__file__).resolve().parent.parent / "eval" / "testset.jsonl"

REQUIRED_KEYS = {
    "id": str,
    "question": str,
    "sections": list,
    "facts": list,
    "kind": str,
    "answerable": bool,
    "history": list,
}
MIN_QUESTIONS = 200
MIN_UNANSWERABLE = 30
MIN_PER_SECTION = 4
MIN_PER_KIND = {
    "fact": 30,
    "what-is": 15,
    "dept": 25,
    "dept-all": 10,
    "section": 15,
    "yes/no": 12,
    "colloquial": 25,
    "traditional": 15,
    "multi": 10,
    "followup": 12,
    "english": 10,
}
UNANSWERABLE_KINDS = {"out-of-scope", "injection"}
KINDS = set(MIN_PER_KIND) | UNANSWERABLE_KINDS
SECTION_ID = re.compile(r"^(0|[1-9]\d*(\.[1-9]\d*)?)$")  # preamble, part or measure — never a task
HAN = re.compile(r"[\u3400-\u9fff]")


def _load_lines() -> list[tuple[int, str]]:
    lines = TESTSET.read_text(encoding="utf-8").splitlines()
    return [(n, line) for n, line in enumerate(lines, 1) if line.strip()]


def _load_rows() -> list[dict]:
    rows = []
    for _, line in _load_lines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return rows


ROWS = _load_rows()
ANSWERABLE = [r for r in ROWS if r.get("answerable") is True]


def _ids(rows: list[dict]) -> list[str]:
    return [str(r.get("id")) for r in rows]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(get_settings().source)


@pytest.fixture(scope="module")
def section_texts(plan: Plan) -> dict[str, str]:
    """Normalised text of every gold-able section: "0", each part, each measure."""
    texts = {"0": normalise(plan.title.hant + plan.notice.hant + plan.preamble.hant)}
    for part in plan.parts:
        texts[part.id] = normalise(
            part.title.hant + "".join(m.title.hant + m.text.hant for m in part.measures)
        )
        for measure in part.measures:
            texts[measure.id] = normalise(measure.title.hant + measure.text.hant)
    return texts


# --- the file ------------------------------------------------------------------------------------


def test_file_exists() -> None:
    assert TESTSET.is_file(), f"missing {TESTSET}"


@pytest.mark.parametrize(("lineno", "line"), _load_lines(), ids=lambda v: str(v)[:12])
def test_line_parses_with_required_keys(lineno: int, line: str) -> None:
    row = json.loads(line)
    assert isinstance(row, dict), f"line {lineno} is not an object"
    for key, typ in REQUIRED_KEYS.items():
        assert key in row, f"line {lineno}: missing {key!r}"
        assert isinstance(row[key], typ), f"line {lineno}: {key!r} should be {typ.__name__}"
    assert re.fullmatch(r"q\d{3,}", row["id"]), row["id"]
    assert row["question"].strip(), f"line {lineno}: empty question"
    assert row["kind"] in KINDS, f"line {lineno}: unknown kind {row['kind']!r}"
    assert all(isinstance(x, str) and x.strip() for x in row["sections"] + row["facts"] + row["history"])


def test_ids_unique() -> None:
    counts = Counter(_ids(ROWS))
    assert not [i for i, c in counts.items() if c > 1]


def test_questions_unique() -> None:
    counts = Counter((normalise(r["question"]), tuple(r["history"])) for r in ROWS)
    assert not [q for q, c in counts.items() if c > 1]


def test_size() -> None:
    assert len(ROWS) >= MIN_QUESTIONS


@pytest.mark.parametrize(("kind", "minimum"), sorted(MIN_PER_KIND.items()))
def test_kind_coverage(kind: str, minimum: int) -> None:
    count = sum(r["kind"] == kind for r in ROWS)
    assert count >= minimum, f"{kind}: {count} < {minimum}"


def test_unanswerable_count() -> None:
    assert sum(r["answerable"] is False for r in ROWS) >= MIN_UNANSWERABLE


def test_every_measure_and_preamble_covered(plan: Plan) -> None:
    counts = Counter(s for r in ANSWERABLE for s in r["sections"])
    wanted = ["0"] + [m.id for m in plan.measures()]
    thin = {s: counts[s] for s in wanted if counts[s] < MIN_PER_SECTION}
    assert not thin, f"sections with fewer than {MIN_PER_SECTION} answerable questions: {thin}"


# --- each question -------------------------------------------------------------------------------


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_answerable_flag_matches_kind(row: dict) -> None:
    if row["answerable"]:
        assert row["kind"] not in UNANSWERABLE_KINDS
        assert row["sections"], "an answerable question needs gold sections"
        assert row["facts"], "an answerable question needs facts"
    else:
        assert row["kind"] in UNANSWERABLE_KINDS
        assert row["sections"] == [] and row["facts"] == []


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_gold_sections_exist(row: dict, plan: Plan) -> None:
    assert len(set(row["sections"])) == len(row["sections"]), "duplicate gold section"
    for sid in row["sections"]:
        assert SECTION_ID.match(sid), f"{sid!r} is not a preamble, part or measure id"
        node = plan.section(sid) if sid != "0" else plan
        assert node is not None, f"no section {sid!r} in the plan"
        assert sid == "0" or isinstance(node, Part | Measure)


@pytest.mark.parametrize("row", ANSWERABLE, ids=_ids(ANSWERABLE))
def test_facts_occur_in_gold_sections(row: dict, section_texts: dict[str, str]) -> None:
    assert 1 <= len(row["facts"]) <= 3
    for fact in row["facts"]:
        assert to_hans(fact) == fact, f"fact {fact!r} is not in simplified script"
        needle = normalise(fact)
        assert needle, f"empty fact in {row['id']}"
        found = [s for s in row["sections"] if needle in section_texts.get(s, "")]
        assert found, f"{row['id']}: fact {fact!r} not in any of {row['sections']}"


def _units_by_measure(plan: Plan) -> dict[str, set[str]]:
    units: dict[str, set[str]] = {}
    for measure in plan.measures():
        for task in measure.tasks:
            for ref in task.departments:
                units.setdefault(ref.name.hans, set()).add(measure.id)
    return units


DEPT_ALL = [r for r in ROWS if r.get("kind") == "dept-all"]


@pytest.mark.parametrize("row", DEPT_ALL, ids=_ids(DEPT_ALL))
def test_dept_all_gold_is_every_measure_of_the_unit(row: dict, plan: Plan) -> None:
    units = _units_by_measure(plan)
    unit = row["facts"][0]
    assert unit in units, f"{unit!r} is not a responsible unit in the plan"
    assert unit in to_hans(row["question"]), "the question should name the unit"
    assert sorted(row["sections"], key=id_key) == sorted(units[unit], key=id_key)


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_history_only_for_followups(row: dict) -> None:
    if row["kind"] == "followup":
        assert row["history"], "a follow-up needs the earlier questions"
    else:
        assert row["history"] == []


TRADITIONAL = [r for r in ROWS if r.get("kind") == "traditional"]
ENGLISH = [r for r in ROWS if r.get("kind") == "english"]


@pytest.mark.parametrize("row", TRADITIONAL, ids=_ids(TRADITIONAL))
def test_traditional_questions_are_traditional(row: dict) -> None:
    assert detect_script(row["question"]) == "hant"


@pytest.mark.parametrize("row", ENGLISH, ids=_ids(ENGLISH))
def test_english_questions_are_english(row: dict) -> None:
    assert not HAN.search(row["question"])
    assert detect_script(row["question"]) == "en"
