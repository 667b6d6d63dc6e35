"""The runner and the report on the fixture test set with a stand-in pipeline."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fixtures.eval_fake import GOOD, TESTSET, FakePipeline, _ans

from eval.suite import evaluate, write
from eval.testset import load_testset
from planqa.script import to_hant


def test_runs_through_answer_with_history() -> None:
    fake = FakePipeline()
    ev = evaluate(fake, load_testset(TESTSET), TESTSET)
    assert ("那牵头部门是谁？", ["工程建设审批有什么措施？"]) in fake.calls
    assert len(fake.calls) == 8
    assert ev.summary["overall"]["pass_rate"] == 1.0, [r.failures for r in ev.scores if r.failures]
    assert set(ev.summary["per_kind"]) >= {"fact", "dept-all", "english"}
    assert set(ev.summary["per_part"]) == {"0", "1", "-"}


def test_files_and_self_contained_report(tmp_path: Path) -> None:
    table = dict(GOOD)
    evil = '<script>alert("x")</script><img src="https://example.com/a.png">'
    table["这个行动方案是哪天印发的？"] = _ans(evil, ["2.1"])
    ev = evaluate(FakePipeline(table), load_testset(TESTSET), TESTSET)
    paths = write(ev, tmp_path)
    assert [p.name for p in paths] == ["results.jsonl", "summary.json", "report.html"]
    lines = [json.loads(x) for x in (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 8
    first = lines[0]
    for key in (
        "id",
        "question",
        "answer",
        "answered",
        "citations",
        "latency_ms",
        "kind",
        "sections",
        "facts_found",
        "facts_missing",
        "evidence",
        "script",
        "failures",
        "passed",
    ):
        assert key in first
    assert first["passed"] is False and first["citations"] == ["2.1"]
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["overall"]["n_failed"] == 1 and summary["gate"]
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert html.count("<svg") == 3
    assert "hit@1: first cited 2.1" in html


def test_both_scripts(tmp_path: Path) -> None:
    fake = FakePipeline()
    ev = evaluate(fake, load_testset(TESTSET), TESTSET, both_scripts=True)
    converted = [r for r in ev.results if r.variant == "converted"]
    assert len(converted) == 7  # every question but the English one
    assert (to_hant("那牵头部门是谁？"), [to_hant("工程建设审批有什么措施？")]) in fake.calls
    assert ev.summary["overall"]["n"] == 8  # headline numbers stay on the questions as written
    gap = ev.summary["scripts"]["gap_points"]
    assert gap["hit@1"] == 0.0 and gap["script_match"] != 0.0  # the fake answers in one script only
    write(ev, tmp_path)
    assert "Simplified vs traditional" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_pipeline_error_is_a_failed_question() -> None:
    class Broken(FakePipeline):
        def answer(self, question, history=(), script=None):
            if "天气" in question:
                raise RuntimeError("boom")
            return super().answer(question, history, script)

    ev = evaluate(Broken(), load_testset(TESTSET), TESTSET)
    broken = next(s for r, s in zip(ev.results, ev.scores, strict=True) if "天气" in r.question)
    assert broken.failures[0] == "error: RuntimeError: boom"
