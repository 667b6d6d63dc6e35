"""`plan-qa eval` end to end with a stand-in pipeline: outputs, --compare, and clear input errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.eval_fake import GOOD, TESTSET, FakePipeline, _ans
from typer.testing import CliRunner

from bot.library import Library
from ui.cli import app


@pytest.fixture
def use_fake(monkeypatch: pytest.MonkeyPatch):
    def install(table=None) -> FakePipeline:
        fake = FakePipeline(table)
        library = Library.single(fake)
        monkeypatch.setattr(Library, "load", classmethod(lambda cls, settings=None, progress=None: library))
        return fake

    return install


def run(*args: str):
    return CliRunner().invoke(app, ["eval", *map(str, args)])


def test_eval_and_compare(tmp_path: Path, use_fake) -> None:
    use_fake()
    first = run("--testset", TESTSET, "--out", tmp_path / "a", "--both-scripts")
    assert first.exit_code == 0, first.output
    assert "8/8 questions pass" in first.output
    assert len((tmp_path / "a" / "results.jsonl").read_text(encoding="utf-8").splitlines()) == 15
    worse = dict(GOOD)
    worse["这个行动方案是哪天印发的？"] = _ans("不知道。", [], answered=False)
    use_fake(worse)
    second = run("--testset", TESTSET, "--out", tmp_path / "b", "--compare", tmp_path / "a")
    assert second.exit_code == 0, second.output
    assert "1 pass → fail, 0 fail → pass" in second.output
    use_fake()
    back = run("--testset", TESTSET, "--out", tmp_path / "c", "--compare", tmp_path / "b")
    assert "0 pass → fail, 1 fail → pass" in back.output
    html = (tmp_path / "b" / "report.html").read_text(encoding="utf-8")
    assert "Passed before, fail now (1)" in html and "不知道。" in html
    summary = json.loads((tmp_path / "b" / "summary.json").read_text(encoding="utf-8"))
    assert summary["compared_with"] == str(tmp_path / "a")


def test_malformed_testset_is_a_clear_error(tmp_path: Path, use_fake) -> None:
    use_fake()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(TESTSET.read_text(encoding="utf-8") + '{"id": "z", "question": 5}\n', encoding="utf-8")
    result = run("--testset", bad, "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "第 9 行" in result.output and "line 9" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "o").exists()


def test_compare_with_a_folder_that_is_not_a_run(tmp_path: Path, use_fake) -> None:
    use_fake()
    result = run("--testset", TESTSET, "--out", tmp_path / "o", "--compare", tmp_path)
    assert result.exit_code == 2 and "is not an evaluation run" in result.output
