"""Load and validate a test set (JSON lines), so that any file in the format runs and a bad line is named.

One question per line: ``{"id", "question", "sections", "facts", "kind", "answerable", "history"?}``, and
optionally ``"group"`` (questions that ask the same thing in other words share one: phrasing stability),
``"style"`` (how it is asked: story, speech, chat, …), ``"forbidden"`` (strings a right answer must not
lead with: a figure about a different thing) and ``"yes_no"`` ("yes", "no" or "unstated": what the plan
says to a yes/no question as asked, so that a wrong "yes" fails), and ``"plan"`` (the id of the plan of the
library the question is asked of: `plan-qa plans`; none: the plan the question names, else the best).
A malformed line stops the run with a two-language error naming the file and line, never a traceback:
an evaluation that silently skipped a question would report a better score than it earned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from planqa.errors import PlanQAError


class TestSetError(PlanQAError):
    """The test set is missing or one of its lines does not have the expected shape."""

    __test__ = False  # not a pytest test class despite the name
    status = 422


@dataclass(frozen=True)
class Case:
    """One question of the test set; `sections` are gold section ids, `facts` must appear in the answer."""

    __test__ = False

    id: str
    question: str
    sections: tuple[str, ...]
    facts: tuple[str, ...]
    kind: str
    answerable: bool
    history: tuple[str, ...] = field(default=())
    group: str = ""
    style: str = ""
    forbidden: tuple[str, ...] = field(default=())
    yes_no: str | None = None
    plan: str | None = None  # the library's plan the question is asked of (None: routed)

    @property
    def part(self) -> str:
        """The part a question belongs to: the first component of its first gold section ("-" if none)."""
        return self.sections[0].split(".", 1)[0] if self.sections else "-"


_REQUIRED: dict[str, type | tuple[type, ...]] = {
    "id": (str, int),
    "question": str,
    "sections": list,
    "facts": list,
    "kind": str,
    "answerable": bool,
}


YES_NO = (None, "yes", "no", "unstated")


def _bad(path: Path, line: int, zh: str, en: str) -> TestSetError:
    return TestSetError(f"{path} 第 {line} 行：{zh}", f"{path} line {line}: {en}")


def parse_case(raw: str, path: Path, line: int) -> Case:
    """One line → a `Case`, or a `TestSetError` that says what is wrong with it."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _bad(path, line, f"不是有效的 JSON（{exc.msg}）", f"not valid JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise _bad(path, line, "应为 JSON 对象", "expected a JSON object")
    for key, typ in _REQUIRED.items():
        if key not in obj:
            raise _bad(path, line, f"缺少字段 “{key}”", f"missing field '{key}'")
        if not isinstance(obj[key], typ) or (typ is not bool and isinstance(obj[key], bool)):
            raise _bad(path, line, f"字段 “{key}” 类型错误", f"field '{key}' has the wrong type")
    history = obj.get("history") or []
    for key, value in (("sections", obj["sections"]), ("facts", obj["facts"]), ("history", history)):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise _bad(
                path, line, f"字段 “{key}” 应为非空字符串列表", f"field '{key}' must be a list of strings"
            )
    forbidden = obj.get("forbidden") or []
    if not isinstance(forbidden, list) or not all(isinstance(v, str) and v.strip() for v in forbidden):
        raise _bad(
            path, line, "字段 “forbidden” 应为字符串列表", "field 'forbidden' must be a list of strings"
        )
    if obj.get("yes_no") not in YES_NO:
        raise _bad(
            path,
            line,
            "字段 “yes_no” 应为 yes、no、unstated 或 null",
            "field 'yes_no' must be yes, no, unstated or null",
        )
    if obj.get("plan") is not None and not (isinstance(obj["plan"], str) and obj["plan"].strip()):
        raise _bad(path, line, "字段 “plan” 应为方案编号", "field 'plan' must be a plan id")
    if not obj["question"].strip():
        raise _bad(path, line, "问题为空", "the question is empty")
    if obj["answerable"] and not obj["sections"]:
        raise _bad(path, line, "可回答的问题须给出章节", "an answerable question needs gold sections")
    return Case(
        id=str(obj["id"]),
        question=obj["question"],
        sections=tuple(s.strip() for s in obj["sections"]),
        facts=tuple(obj["facts"]),
        kind=obj["kind"] or "-",
        answerable=obj["answerable"],
        history=tuple(history),
        group=str(obj.get("group") or ""),
        style=str(obj.get("style") or ""),
        forbidden=tuple(forbidden),
        yes_no=obj.get("yes_no"),
        plan=obj.get("plan"),
    )


def load_testset(path: Path) -> list[Case]:
    """All cases of a JSON-lines file (blank lines skipped); ids must be unique so runs can be compared."""
    if not path.is_file():
        raise TestSetError(f"找不到测试集 {path}", f"test set not found: {path}")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise TestSetError(f"{path} 不是 UTF-8 文本", f"{path} is not UTF-8 text") from None
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        case = parse_case(raw, path, number)
        if case.id in seen:
            raise _bad(
                path,
                number,
                f"id “{case.id}” 与第 {seen[case.id]} 行重复",
                f"id '{case.id}' repeats line {seen[case.id]}",
            )
        seen[case.id] = number
        cases.append(case)
    if not cases:
        raise TestSetError(f"测试集 {path} 为空", f"test set {path} is empty")
    return cases
