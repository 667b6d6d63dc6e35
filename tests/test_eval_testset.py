"""Loading a test set: any file in the format runs, and a malformed line is named, in Chinese and English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.eval_fake import TESTSET

from eval.testset import TestSetError, load_testset

GOOD = {"id": "a", "question": "问题？", "sections": ["1.1"], "facts": [], "kind": "fact", "answerable": True}


def test_fixture_loads() -> None:
    cases = load_testset(TESTSET)
    assert [c.id for c in cases][:2] == ["f1", "f2"]
    followup = next(c for c in cases if c.kind == "followup")
    assert followup.history == ("工程建设审批有什么措施？",) and followup.part == "1"
    assert next(c for c in cases if not c.answerable).part == "-"


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("{not json", "JSON"),
        ("[1, 2]", "JSON object"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "question"}), "question"),
        (json.dumps({**GOOD, "answerable": "yes"}), "answerable"),
        (json.dumps({**GOOD, "sections": "1.1"}), "sections"),
        (json.dumps({**GOOD, "facts": [1]}), "facts"),
        (json.dumps({**GOOD, "history": [""]}), "history"),
        (json.dumps({**GOOD, "question": "  "}), "empty"),
        (json.dumps({**GOOD, "sections": []}), "gold sections"),
        (json.dumps({**GOOD, "id": True}), "id"),
        (json.dumps({**GOOD, "forbidden": "7700套"}), "forbidden"),
        (json.dumps({**GOOD, "yes_no": "maybe"}), "yes_no"),
        (json.dumps(GOOD), "repeats line 1"),
    ],
)
def test_malformed_line_is_named(tmp_path: Path, line: str, needle: str) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(TestSetError) as info:
        load_testset(path)
    assert "line 3" in info.value.en and needle in info.value.en
    assert "第 3 行" in info.value.zh


@pytest.mark.parametrize("content", [None, "", "\n\n"])
def test_missing_or_empty(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "set.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(TestSetError):
        load_testset(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_bytes("问题".encode("gbk"))
    with pytest.raises(TestSetError, match="UTF-8"):
        load_testset(path)


def test_the_optional_fields_are_read(tmp_path: Path) -> None:
    line = {**GOOD, "group": "g1", "style": "story", "forbidden": ["7700套"], "yes_no": "no"}
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False), encoding="utf-8")
    case = load_testset(path)[0]
    assert (case.group, case.style, case.forbidden, case.yes_no) == ("g1", "story", ("7700套",), "no")
