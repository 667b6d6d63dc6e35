"""The evaluation's metrics on small hand-made results, where the right number is known by hand."""

from __future__ import annotations

import pytest

from eval.judge import Result, answer_script, is_right, score, script_matches
from eval.metrics import HEADLINE, breakdown, percentile, summarise
from eval.thresholds import THRESHOLDS, gate, split_of


def res(**kw) -> Result:
    base = dict(
        id="x",
        question="问题是什么？",
        answer="回答。",
        answered=True,
        citations=[],
        evidence=[],
        latency_ms=1.0,
        sections=["1.1"],
        facts=[],
    )
    return Result(**{**base, **kw})


@pytest.mark.parametrize(
    ("cited", "gold", "right"),
    [
        ("1.1", "1.1", True),
        ("1.1.3", "1.1", True),
        ("1.1.3", "1", True),
        ("1.10", "1.1", False),
        ("1.1", "1.1.3", False),
        ("2.1", "1.1", False),
        ("0", "0", True),
        ("1", "1.1", False),
    ],
)
def test_is_right(cited: str, gold: str, right: bool) -> None:
    assert is_right(cited, gold) is right


@pytest.mark.parametrize(
    ("citations", "evidence", "hit1", "hit3", "rhit1", "precision"),
    [
        (["1.1.2", "2.1"], ["1.1"], True, True, True, (1, 2)),
        (["2.1", "3.1", "1.1"], ["2.1", "1.1"], False, True, False, (1, 3)),
        (["2.1", "2.1", "2.2", "1.1"], [], False, True, False, (1, 3)),  # repeats count once
        (["2.1", "2.2", "2.3", "1.1"], ["1.1.1"], False, False, True, (1, 4)),
        ([], [], False, False, False, (0, 0)),
    ],
)
def test_citation_scores(citations, evidence, hit1, hit3, rhit1, precision) -> None:
    s = score(res(citations=citations, evidence=evidence))
    assert (s.hit1, s.hit3, s.retrieval_hit1) == (hit1, hit3, rhit1)
    assert (s.cited_right, s.cited_total) == precision


@pytest.mark.parametrize(
    ("answer", "facts", "found"),
    [
        ("于2024年3月5日印发", ["2024年3月5日"], 1),
        ("於2024年3月5日印發", ["2024年3月5日"], 1),  # traditional answer, simplified fact
        ("比例达到 90 %", ["90%"], 1),  # whitespace
        ("比例达到９０％", ["90%"], 1),  # full-width
        ("营商环境", ["营商环境", "一网通办"], 1),
        ("", ["营商环境"], 0),
        ("推动落地16个场景", ["6个"], 0),  # a figure is a whole number: 16个 is no 6个
        ("新增、优化6个事项", ["6个"], 1),
    ],
)
def test_fact_matching_is_normalised(answer: str, facts: list[str], found: int) -> None:
    s = score(res(answer=answer, facts=facts))
    assert len(s.facts_found) == found
    assert len(s.facts_missing) == len(facts) - found


@pytest.mark.parametrize(
    ("question", "answer", "match"),
    [
        ("营商环境怎么样？", "营商环境持续优化。", True),
        ("營商環境怎麼樣？", "营商环境持续优化。", False),
        ("營商環境怎麼樣？", "營商環境持續優化。", True),
        ("营商环境怎么样？", "營商環境持續優化。", False),
        ("營商環境怎麼樣？", "方案提出五大工程。", True),  # script-neutral characters fit either
        ("What is the goal?", "The goal is 近悦远来.", True),
        ("What is the goal?", "目标是近悦远来。", False),
        ("营商环境怎么样？", "", False),
    ],
)
def test_script_match(question: str, answer: str, match: bool) -> None:
    assert script_matches(question, answer) is match


@pytest.mark.parametrize(
    ("answer", "script"),
    [
        ("“Measure 1.5” says 跨境", "en"),
        ("The plan says: 近悦远来的营商环境标杆城区。", "en"),
        ("Yes. 方案第1.5項提出……", "en"),
        ("No, the plan does not cover this.", "en"),
        ("APEC商旅卡可以在闵行办理。", "hans"),  # a Latin term does not make an English answer
        ("1+5+14+N。詳見方案。", "hant"),
        ("1.5 促進跨境貿易", "hant"),
        ("方案提出五大工程", "neutral"),
        ("   ", "none"),
        ("1+5+14+N", "none"),
    ],
)
def test_answer_script(answer: str, script: str) -> None:
    assert answer_script(answer) == script


def test_a_forbidden_figure_is_matched_as_a_whole_number() -> None:
    right = score(res(answer="16个。\n“推动落地16个场景”", forbidden=["6个"]))
    wrong = score(res(answer="6个。\n“新增6个事项”", forbidden=["6个"]))
    assert right.wrong_lead is False and wrong.wrong_lead is True


def test_refusals_and_failures() -> None:
    refused = score(res(answered=False, answer="方案没有涉及。"))
    assert refused.false_refusal is True and refused.refused_ok is None
    assert "refused an answerable question" in refused.failures
    unanswerable = score(res(answerable=False, sections=[], answered=True, citations=["2.1"]))
    assert unanswerable.refused_ok is False and unanswerable.hit1 is None
    assert unanswerable.cited_total == 0  # precision is measured on answerable questions only
    ok = score(res(answerable=False, sections=[], answered=False))
    assert ok.passed and ok.refused_ok


def test_dept_all_recall() -> None:
    s = score(res(kind="dept-all", sections=["1.6.1", "1.6.2", "2.1"], citations=["1.6.1", "2.1.4"]))
    assert (s.dept_found, s.dept_total) == (2, 3)
    assert any("1.6.2" in f for f in s.failures)
    other = score(res(kind="dept", sections=["1.6.1", "1.6.2"], citations=["1.6.1"]))
    assert other.dept_total == 0


def test_summary_numbers() -> None:
    results = [
        res(id="a", citations=["1.1"], evidence=["1.1"], facts=["回答"], latency_ms=10, kind="fact"),
        res(
            id="b",
            citations=["2.1", "1.1"],
            evidence=["2.1"],
            facts=["回答", "缺"],
            latency_ms=20,
            kind="fact",
        ),
        res(id="c", answered=False, answer="不涉及。", latency_ms=30, kind="fact", sections=["3.1"]),
        res(
            id="d",
            answerable=False,
            sections=[],
            answered=False,
            answer="不涉及。",
            latency_ms=40,
            kind="oos",
        ),
        res(
            id="e",
            answerable=False,
            sections=[],
            answered=True,
            answer="回答很长的回答",
            latency_ms=100,
            kind="oos",
        ),
    ]
    m = summarise(results)
    assert m["n"] == 5 and m["n_answerable"] == 3
    assert m["hit@1"] == pytest.approx(1 / 3)
    assert m["hit@3"] == pytest.approx(2 / 3)
    assert m["retrieval_hit@1"] == pytest.approx(1 / 3)
    assert m["citation_precision"] == pytest.approx(2 / 3)
    assert m["fact_recall"] == pytest.approx(2 / 3)
    assert m["refusal_unanswerable"] == 0.5
    assert m["false_refusal"] == pytest.approx(1 / 3)
    assert m["dept_all_recall"] is None
    assert m["answer_len_median"] == 3  # answered: a, b ("回答。"), e (7 chars)
    assert (m["latency_p50_ms"], m["latency_p95_ms"]) == (30, 100)
    assert m["script_match"] == 1.0
    assert m["n_failed"] == 3
    groups = breakdown(results, [score(r) for r in results], lambda r: r.part)
    assert list(groups) == ["-", "1", "3"] and groups["-"]["n"] == 2


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [([], 50, None), ([5], 95, 5), ([1, 2, 3, 4], 50, 2), (list(range(1, 101)), 95, 95), ([3, 1, 2], 100, 3)],
)
def test_percentile(values, p, expected) -> None:
    assert percentile(values, p) == expected


def test_gate_reads_the_thresholds() -> None:
    assert set(THRESHOLDS) <= set(HEADLINE)
    rows = {r.metric: r for r in gate({"hit@1": 0.96, "false_refusal": 0.05, "answer_len_median": 120})}
    assert rows["hit@1"].ok is True
    assert rows["false_refusal"].ok is False
    assert rows["answer_len_median"].ok is True
    assert rows["dept_all_recall"].ok is None


@pytest.mark.parametrize(
    ("answer", "forbidden", "yes_no", "wrong"),
    [
        ("方案提出的专项贷款规模为200亿元。\n“…90-100亿元…”", ["90-100亿元"], None, False),  # only in a quote
        ("90-100亿元。\n“…”", ["90-100亿元"], None, True),
        ("可以。\n“…及时确认债权债务关系”", [], "no", True),
        ("不可以：方案要求及时确认。\n“…”", [], "no", False),
        ("是的，方案提出……", [], "unstated", True),
        ("是的，方案提出……", [], "yes", False),
        ("方案没有给出具体数字。", [], "unstated", False),
    ],
)
def test_a_wrong_lead_fails_even_with_the_right_citation(answer, forbidden, yes_no, wrong) -> None:
    s = score(res(answer=answer, citations=["1.1.2"], forbidden=forbidden, yes_no=yes_no))
    assert s.wrong_lead is wrong
    assert s.passed is not wrong


@pytest.mark.parametrize(
    ("answer", "kind", "denied"),
    [
        ("方案没有给出这个具体数字，方案提出：\n“设立200亿元专项贷款”", "fact", True),
        ("The plan gives no figure for this; according to the plan: “设立200亿元专项贷款”", "english", True),
        ("200亿元。\n“设立200亿元专项贷款”", "fact", False),
        (
            "方案没有给出这个具体数字，方案提出：\n“设立专项贷款”",
            "fact",
            False,
        ),  # the fact is missing instead
        ("方案没有给出这个具体数字，方案提出：\n“设立200亿元专项贷款”", "partial", None),  # rightly said
    ],
)
def test_an_answer_that_denies_the_figure_it_quotes_fails(answer, kind, denied) -> None:
    s = score(res(answer=answer, kind=kind, facts=["200亿元"], citations=["1.1"]))
    assert s.denied_stated is denied
    assert ("says the plan does not state what its quote states" in s.failures) is bool(denied)


def test_a_refusal_has_no_lead_to_judge() -> None:
    assert score(res(answer="方案没有提到。", answered=False, yes_no="no")).wrong_lead is None


def test_phrasing_stability_counts_who_lands_with_the_group() -> None:
    grouped = [
        res(id="a", group="g1", citations=["1.4.2"]),
        res(id="b", group="g1", citations=["1.4"]),
        res(id="c", group="g1", citations=["2.1.1"]),  # lands elsewhere
        res(id="d", group="g2", citations=["3.2.1"], answered=False),  # refused: never stable
        res(id="e", group="g2", citations=["3.2.1"]),
        res(id="f", group="g3", citations=["5.1"]),  # alone in its group: not counted
        res(id="g", citations=["5.1"]),  # no group
    ]
    assert summarise(grouped)["phrasing_stability"] == pytest.approx(3 / 5)


def test_a_split_is_gated_at_its_recorded_floor(tmp_path, monkeypatch) -> None:
    from eval import thresholds

    monkeypatch.setattr(thresholds, "BASELINES", tmp_path / "baselines.json")
    thresholds.record_baseline("unseen", {"hit@1": 0.9, "false_refusal": 0.05, "wrong_lead": 0.0})
    rows = {r.metric: r for r in gate({"hit@1": 0.87, "false_refusal": 0.05}, "unseen")}
    assert rows["hit@1"].ok is False  # fell below what was recorded
    assert rows["hit@1"].target == 0.95
    assert rows["false_refusal"].ok is True  # no worse than recorded, though short of the target
    rows = {r.metric: r for r in gate({"hit@1": 0.97}, "unseen")}
    assert rows["hit@1"].ok is True
    assert rows["fact_recall"].threshold == 0.92  # nothing recorded: the target itself


@pytest.mark.parametrize(("path", "split"), [("eval/unseen.jsonl", "unseen"), ("eval/testset.jsonl", None)])
def test_split_of_names_only_the_splits(path: str, split: str | None) -> None:
    assert split_of(path) == split
