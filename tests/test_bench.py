"""`plan-qa bench`: its parts on their own (section attribution of the baseline's chunks, the Done-when
checks, the JUnit reader) and the whole command in --quick mode against real servers."""

from __future__ import annotations

import json

import pytest

from eval.bench import targets
from eval.bench.baseline import _section_at, plan_segments
from eval.bench.robust import parse_junit
from eval.bench.stats import ratio, summary


def test_a_chunk_belongs_to_the_section_it_overlaps_most():
    starts, ids = [0, 10, 30], ["0", "1.1.1", "1.1.2"]
    assert _section_at(starts, ids, 0, 5) == "0"
    assert _section_at(starts, ids, 8, 10) == "1.1.1"  # 2 chars of "0", 8 of 1.1.1
    assert _section_at(starts, ids, 25, 20) == "1.1.2"  # 5 of 1.1.1, 15 of 1.1.2
    assert _section_at(starts, ids, 40, 5) == "1.1.2"


def test_plan_segments_cover_every_task_in_order(plan):
    segments = plan_segments(plan)
    ids = [s for s, _ in segments]
    assert ids[0] == "0" and [t.id for t in plan.tasks()] == [i for i in ids if i.count(".") == 2]
    assert all(text.strip() for _, text in segments)


def test_summary_and_ratio():
    s = summary([float(v) for v in range(1, 101)])
    assert (s["n"], s["p50_ms"], s["p95_ms"], s["max_ms"]) == (100, 50.0, 95.0, 100.0)
    assert summary([])["p50_ms"] is None
    assert ratio(2.0, 4.0) == 0.5 and ratio(1.0, 0) is None and ratio(None, 1.0) is None


def test_checks_say_not_measured_rather_than_passed():
    results = {
        "http": {
            "levels": [{"concurrency": 1, "p50_ms": 12.0, "rps": 80.0}, {"concurrency": 8, "rps": 40.0}]
        },
        "server": {"startup_s": 3.0, "peak_rss_mb": 700.0},
        "load": {"errors": 0},
    }
    got = {c["name"]: c["ok"] for c in targets.check(results)}
    assert got["ask_p50_c1"] is True and got["rps_c8"] is False and got["startup"] is True
    assert got["rss"] is False and got["load_errors"] is True
    assert got["fuzz_5xx"] is None and got["feedback_lost"] is None and got["quality"] is None


def test_junit_outcomes_and_properties(tmp_path):
    xml = tmp_path / "j.xml"
    xml.write_text(
        '<testsuites><testsuite><testcase classname="tests.test_x" name="test_a" time="0.5">'
        '<properties><property name="lost_rows" value="0"/></properties></testcase>'
        '<testcase classname="tests.test_x" name="test_b" time="0.1"><failure message="boom"/></testcase>'
        '<testcase classname="tests.test_x" name="test_c" time="0"><skipped/></testcase>'
        "</testsuite></testsuites>",
        encoding="utf-8",
    )
    got = parse_junit(xml)
    assert (got["passed"], got["failed"], got["skipped"]) == (1, 1, 1)
    assert got["properties"] == {"test_a.lost_rows": "0"}
    results = {"robustness": got}
    assert next(c for c in targets.check(results) if c["name"] == "feedback_lost")["ok"] is True


@pytest.mark.slow
def test_quick_bench_writes_its_report(tmp_path):
    from typer.testing import CliRunner

    from ui.cli import app

    out = tmp_path / "bench"
    result = CliRunner().invoke(app, ["bench", "--quick", "--no-robustness", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    assert [lv["concurrency"] for lv in data["http"]["levels"]] == [1, 8, 32]
    assert all(lv["errors"] == 0 for lv in [*data["http"]["levels"], data["load"]])
    assert data["server"]["startup_s"] > 0 and data["server"]["peak_rss_mb"] > 0
    assert set(data["stages"]) == {"normalise", "embed", "search", "fuse", "compose", "total"}
    assert data["quality"]["ours"]["n"] == data["quality"]["baseline"]["n"] > 0
    assert (out / "bench.svg").read_text(encoding="utf-8").startswith("<svg")
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "Done when" in report and "baseline" in report
    assert "report:" in result.output
