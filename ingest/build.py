"""`build_plan`: source file → repaired, parsed `Plan`; and its JSON form in the build folder."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ingest.departments import build_directory
from ingest.header import district_of, issuer_from, short_title, year_of
from ingest.model import Department, DepartmentRef, Measure, Part, Plan, Repair, Target, Task, Text
from ingest.names import english_place
from ingest.parse import ParsedText, parse_plan_text
from ingest.repair import repair_text
from planqa.errors import NotAPlanError
from planqa.script import to_hant

EMPTY = {"hant": "", "hans": ""}
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
    parsed = parse_plan_text(repaired)
    tasks = [t for p in parsed.parts for m in p.measures for t in m.tasks]
    about = describe(parsed)
    return Plan(
        title=parsed.title,
        issued=parsed.issued,
        notice=parsed.notice,
        preamble=parsed.preamble,
        parts=parsed.parts,
        departments=build_directory(tasks),
        repairs=tuple(repairs),
        source_sha256=digest,
        front=parsed.front,
        closing=parsed.closing,
        **about,
    )


def describe(parsed: ParsedText) -> dict[str, Any]:
    """District, year, issuer, document number and short title, as the plan's text gives them."""
    title = parsed.title.in_script(parsed.script)
    district = district_of(title)
    year = year_of(title, parsed.issued, parsed.preamble.hans)
    notice = parsed.notice.in_script(parsed.script)
    issuer = issuer_from(parsed.meta, notice.split("\n") if notice else [], district)
    short = short_title(district, year, title)
    return {
        "district": parsed.convert(district),
        "district_en": english_place(district),
        "year": year,
        "issuer": parsed.convert(issuer),
        "doc_number": parsed.meta.doc_number,
        "short_title": Text(hant=to_hant(short), hans=short),
    }


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


# Bumped whenever ingest reads more of a plan (2: front matter, closing and the plan's own metadata;
# 3: versions as figures, 3.0版), so that a build made by older code is rebuilt instead of silently
# lacking what the bot now reads.
PLAN_FORMAT = 3


def plan_json(plan: Plan) -> str:
    """plan.json's text: the plan without its repair log (kept apart), stamped with the ingest format."""
    data = {"format": PLAN_FORMAT, **plan.to_dict()}
    data.pop("repairs")
    return dumps(data)


def save_plan(plan: Plan, build_dir: Path) -> list[Path]:
    write_atomic(build_dir / PLAN_FILE, plan_json(plan))
    write_atomic(build_dir / REPAIRS_FILE, dumps(plan.to_dict()["repairs"]))
    return [build_dir / PLAN_FILE, build_dir / REPAIRS_FILE]


def plan_is_current(build_dir: Path, source: Path) -> bool:
    """Is the built plan there, made by this ingest format, from this source file?"""
    try:
        data = json.loads((Path(build_dir) / PLAN_FILE).read_text(encoding="utf-8"))
        digest = hashlib.sha256(Path(source).read_bytes()).hexdigest()
    except (OSError, ValueError):
        return False
    return data.get("format") == PLAN_FORMAT and data.get("source_sha256") == digest


def current_plan(source: Path, build_dir: Path, drop_cost: float = 25.0) -> Plan:
    """The built plan, ingested first when the build is missing, older than this code, or of another source."""
    if not plan_is_current(build_dir, source):
        save_plan(build_plan(source, drop_cost=drop_cost), Path(build_dir))
    return load_plan(build_dir)


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

    def part(d: dict[str, Any]) -> Part:
        return Part(d["id"], text(d["title"]), tuple(measure(m) for m in d["measures"]))

    return Plan(
        title=text(data["title"]),
        issued=data["issued"],
        notice=text(data["notice"]),
        preamble=text(data["preamble"]),
        parts=tuple(part(p) for p in data["parts"]),
        departments=tuple(
            Department(text(d["name"]), tuple(d["leads"]), tuple(d["joins"])) for d in data["departments"]
        ),
        repairs=tuple(Repair(**r) for r in (repairs or [])),
        source_sha256=data.get("source_sha256", ""),
        front=part(data["front"]) if data.get("front") else None,
        closing=text(data.get("closing") or EMPTY),
        district=text(data.get("district") or EMPTY),
        district_en=data.get("district_en", ""),
        year=data.get("year"),
        issuer=text(data.get("issuer") or EMPTY),
        doc_number=data.get("doc_number", ""),
        short_title=text(data.get("short_title") or EMPTY),
    )
