"""`build_plan`: source file → repaired, parsed `Plan`; and its JSON form in the build folder."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ingest.departments import build_directory
from ingest.model import Department, DepartmentRef, Measure, Part, Plan, Repair, Target, Task, Text
from ingest.parse import parse_plan_text
from ingest.repair import repair_text
from planqa.errors import NotAPlanError

PLAN_FILE = "plan.json"
REPAIRS_FILE = "repairs.json"


def read_source(path: Path) -> tuple[str, str]:
    """The document's text and the SHA-256 of its bytes; a clear error for unreadable input."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise NotAPlanError(
            f"无法读取文件 {path}：{exc.strerror}", f"Cannot read {path}: {exc.strerror}"
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotAPlanError(
            f"文件 {path} 不是 UTF-8 文本。", f"{path} is not UTF-8 text (byte {exc.start})."
        ) from exc
    return text, hashlib.sha256(raw).hexdigest()


def build_plan(path: Path | str, drop_cost: float = 25.0) -> Plan:
    """Repair and parse a plan document into the `Plan` every later stage works on."""
    text, digest = read_source(Path(path))
    return plan_from_text(text, digest, drop_cost)


def plan_from_text(text: str, digest: str = "", drop_cost: float = 25.0) -> Plan:
    repaired, repairs = repair_text(text, drop_cost=drop_cost)
    title, issued, notice, preamble, parts = parse_plan_text(repaired)
    tasks = [t for p in parts for m in p.measures for t in m.tasks]
    return Plan(
        title=title,
        issued=issued,
        notice=notice,
        preamble=preamble,
        parts=parts,
        departments=build_directory(tasks),
        repairs=tuple(repairs),
        source_sha256=digest,
    )


# --- persistence -------------------------------------------------------------------------------


def dumps(data: Any) -> str:
    """Deterministic JSON: rebuilding from the same input gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_plan(plan: Plan, build_dir: Path) -> list[Path]:
    data = plan.to_dict()
    repairs = data.pop("repairs")
    write_atomic(build_dir / PLAN_FILE, dumps(data))
    write_atomic(build_dir / REPAIRS_FILE, dumps(repairs))
    return [build_dir / PLAN_FILE, build_dir / REPAIRS_FILE]


def load_plan(build_dir: Path) -> Plan:
    path = Path(build_dir) / PLAN_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        repairs_path = Path(build_dir) / REPAIRS_FILE
        repairs = json.loads(repairs_path.read_text(encoding="utf-8")) if repairs_path.exists() else []
        return plan_from_dict(data, repairs)
    except FileNotFoundError as exc:
        raise NotAPlanError(
            f"找不到 {path}，请先运行 plan-qa ingest。", f"{path} is missing: run `plan-qa ingest` first."
        ) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise NotAPlanError(
            f"{path} 已损坏，请重新运行 plan-qa ingest。",
            f"{path} is corrupt ({exc}); run `plan-qa ingest` again.",
        ) from exc


def plan_from_dict(data: dict[str, Any], repairs: list[dict[str, Any]] | None = None) -> Plan:
    def text(d: dict[str, str]) -> Text:
        return Text(**d)

    def target(d: dict[str, Any]) -> Target:
        return Target(**{**d, "phrase": text(d["phrase"])})

    def task(d: dict[str, Any]) -> Task:
        return Task(
            id=d["id"],
            text=text(d["text"]),
            departments=tuple(DepartmentRef(text(r["name"]), r["lead"]) for r in d["departments"]),
            targets=tuple(target(t) for t in d["targets"]),
        )

    def measure(d: dict[str, Any]) -> Measure:
        return Measure(
            id=d["id"],
            title=text(d["title"]),
            lead=text(d["lead"]),
            text=text(d["text"]),
            tasks=tuple(task(t) for t in d["tasks"]),
            targets=tuple(target(t) for t in d["targets"]),
        )

    return Plan(
        title=text(data["title"]),
        issued=data["issued"],
        notice=text(data["notice"]),
        preamble=text(data["preamble"]),
        parts=tuple(
            Part(p["id"], text(p["title"]), tuple(measure(m) for m in p["measures"])) for p in data["parts"]
        ),
        departments=tuple(
            Department(text(d["name"]), tuple(d["leads"]), tuple(d["joins"])) for d in data["departments"]
        ),
        repairs=tuple(Repair(**r) for r in (repairs or [])),
        source_sha256=data.get("source_sha256", ""),
    )
