"""Ingestion: structure, departments, targets and the error path, on the real plan and on variants."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import build_plan, current_plan, load_plan, plan_from_text, plan_is_current, save_plan
from ingest.repair import is_symptom
from planqa.errors import NotAPlanError
from planqa.script import to_hans

# Titles and task counts verified by reading the plan.
PARTS = {
    "1": "實施對標世行提升工程,打造高標準國際化營商環境",
    "2": "實施助企服務增值工程,打造高質量市場化營商環境",
    "3": "實施良法善治保障工程,打造高水平法治化營商環境",
    "4": "實施區域標桿塑造工程,打造高能級品牌化營商環境",
    "5": "保障措施",
}
MEASURES = {
    "1.1": ("完善市場準入機制行動", 5), "1.2": ("深化工程建設審批行動", 6),
    "1.3": ("加強勞動就業保障行動", 5), "1.4": ("優化普惠金融服務行動", 5),
    "1.5": ("促進跨境貿易通達行動", 5), "1.6": ("便捷稅費繳納流程行動", 6),
    "2.1": ("政務服務升級行動", 5), "2.2": ("政策服務保障行動", 5),
    "2.3": ("產業服務增效行動", 5), "2.4": ("園區服務提質行動", 5),
    "2.5": ("人才服務創優行動", 4), "2.6": ("涉外服務護航行動", 4),
    "3.1": ("綜合監管數字賦能行動", 4), "3.2": ("分類監管信用驅動行動", 5),
    "3.3": ("合規監管綜合執法行動", 7), "3.4": ("商業糾紛高效化解行動", 5),
    "3.5": ("市場競爭公平透明行動", 6), "4.1": ("打造國際貿易特色營商環境標桿行動", 10),
    "4.2": ("打造科創特色營商環境高地行動", 9), "4.3": ("打造區域特色營商名片行動", 2),
    "5.1": ("推動方案細化責任落實到位", 3), "5.2": ("構建多元參與共商共建格局", 5),
    "5.3": ("建立健全改革成效評估機制", 4), "5.4": ("營造良好輿論宣傳引導氛圍", 2),
}  # fmt: skip


def all_text(plan) -> list[str]:
    data = plan.to_dict()
    data.pop("repairs")
    out: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list | tuple):
            for v in node:
                walk(v)
        elif isinstance(node, str):
            out.append(node)

    walk(data)
    return out


def test_parts_and_measures_have_their_true_titles(plan):
    assert {p.id: p.title.hant for p in plan.parts} == PARTS
    assert {m.id: (m.title.hant, len(m.tasks)) for m in plan.measures()} == MEASURES
    assert plan.title.hant == "閔行區著力激發高質量發展內生動力持續打造一流營商環境行動方案"
    assert plan.issued == "2024-03-05"
    assert plan.preamble.hant.startswith("為貫徹落實黨中央")


def test_no_damage_symptom_is_left(plan):
    for text in all_text(plan):
        for i, ch in enumerate(text):
            prev, nxt = text[i - 1] if i else "", text[i + 1] if i + 1 < len(text) else ""
            assert not is_symptom(ch, prev, nxt), f"symptom {ch!r} in …{text[max(0, i - 10) : i + 10]}…"


def test_task_count_and_every_task_has_departments(plan):
    tasks = plan.tasks()
    assert len(tasks) == 122
    assert all(t.departments for t in tasks)
    assert all(t.text.hant.endswith(")。") or t.text.hant.endswith(")") for t in tasks)


@pytest.mark.parametrize(
    ("task_id", "expected"),
    [
        ("1.1.1", [("區市場局", False), ("區行政服務中心", False)]),
        ("1.2.1", [("區經委", True)]),
        ("2.2.2", [("區發改委", True), ("區大數據中心", True)]),
        ("3.3.5", [("區司法局", True), ("區市場局", False)]),
        ("4.3.1", [("區發改委", True), ("區市場局", False), ("區經委", False), ("區法院", False),
                   ("區司法局", False), ("區金融辦", False)]),
        ("4.3.2", [("各鎮", False), ("街道", False), ("莘莊工業區", False)]),
        ("5.1.1", [("區發改委", False), ("各鎮", False), ("街道", False), ("莘莊工業區", False)]),
    ],
)  # fmt: skip
def test_department_parse(plan, task_id, expected):
    task = plan.section(task_id)
    assert [(d.name.hant, d.lead) for d in task.departments] == expected


def test_department_directory(plan):
    assert len(plan.departments) == 45
    finance = plan.department("区金融办")  # simplified lookup works too
    assert finance is not None and finance.name.hant == "區金融辦"
    assert finance.task_ids == ("1.4.1", "1.4.2", "1.4.3", "4.1.6", "4.2.9", "4.3.1")
    assert finance.leads == ()
    justice = plan.department("區司法局")
    assert {"3.3.4", "3.3.5"} <= set(justice.leads)


@pytest.mark.parametrize(
    ("section", "figure", "unit"),
    [
        ("1.4.1", "90-100億元", "億元"),
        ("1.4.2", "200億元", "億元"),
        ("2.5.4", "9200套", "套"),
        ("3.2.3", "7個工作日以內", "個工作日"),
        ("3.1.2", "三月底前", "月底前"),
        ("2.1", "90%以上", "%"),
    ],
)
def test_numeric_targets(plan, section, figure, unit):
    node = plan.section(section)
    targets = {t.text: t for t in node.targets}
    assert figure in targets
    assert targets[figure].unit == unit
    assert figure in targets[figure].phrase.hant or targets[figure].value in targets[figure].phrase.hant


def test_both_scripts_everywhere(plan):
    m = plan.section("1.4")
    assert m.title.hans == "优化普惠金融服务行动"
    assert m.tasks[0].departments[0].name.hans == "区金融办"
    assert m.tasks[0].targets[0].phrase.hans == to_hans(m.tasks[0].targets[0].phrase.hant)


def test_build_is_byte_identical(tmp_path, plan):
    save_plan(plan, tmp_path / "a")
    save_plan(build_plan(Path(plan_source())), tmp_path / "b")
    for name in ("plan.json", "repairs.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert load_plan(tmp_path / "a") == plan


def plan_source() -> Path:
    from planqa.settings import get_settings

    return get_settings().source


def structure(plan) -> list[tuple[str, str, int]]:
    return [(m.id, m.title.hans, len(m.tasks)) for m in plan.measures()]


def test_clean_copy_parses_identically_without_repairs(plan, plan_text):
    clean = plan_from_text(plan_text)
    assert clean.repairs == ()
    assert structure(clean) == structure(plan)


def test_simplified_copy(plan, plan_text):
    simple = plan_from_text(to_hans(plan_text))
    assert structure(simple) == structure(plan)
    assert simple.section("1.4").title.hant == "優化普惠金融服務行動"  # derived back to traditional
    assert len(simple.departments) == len(plan.departments)


def test_full_width_punctuation_copy(plan, plan_text):
    wide = plan_text.replace(",", "，").replace("(", "（").replace(")", "）")
    assert structure(plan_from_text(wide)) == structure(plan)


SMALL_PLAN = """關于印發《示範區優化營商環境工作方案》的通知

2025年1月8日

示範區優化營商環境工作方案

為進一步優化營商環境,制定本方案。

一、提升政務服務

（一）推進一網通辦行動。深化政務服務改革。實現80%事項全程網辦(區行政服務中心牽頭)。新增5個主題服務(區大數據中心、區行政服務中心)。

（二）優化審批行動。壓縮審批時限至3個工作日(區審改辦)。

二、強化要素保障

（一）融資支持行動。設立10億元專項資金,支持小微企業(區金融辦牽頭,區財政局)。

（二）用地保障行動。保障產業用地供應(區規劃資源局)。

（三）人才安居行動。籌集人才公寓500套(區房管局、各鎮、街道)。

三、保障措施

（一）加強組織領導。建立工作專班(區發改委)。
"""


def test_second_plan_of_the_same_genre():
    small = plan_from_text(SMALL_PLAN)
    assert [p.title.hant for p in small.parts] == ["提升政務服務", "強化要素保障", "保障措施"]
    assert [m.id for m in small.measures()] == ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1"]
    assert small.issued == "2025-01-08"
    assert small.title.hant == "示範區優化營商環境工作方案"
    assert small.section("1.1").lead.hant == "深化政務服務改革。"
    assert [t.text for t in small.section("2.1.1").targets] == ["10億元"]
    assert [(d.name.hant, d.lead) for d in small.section("2.1.1").departments] == [
        ("區金融辦", True),
        ("區財政局", False),
    ]
    assert small.department("區行政服務中心").task_ids == ("1.1.1", "1.1.2")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"Just an English note, not a plan.\n",
        "今天天氣很好,我們去公園散步。".encode(),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        "一些中文文字但没有任何结构。".encode("gbk"),
    ],
    ids=["empty", "english", "chinese-prose", "binary", "gbk-bytes"],
)
def test_not_a_plan_gets_a_clear_error(tmp_path, content):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(NotAPlanError) as err:
        build_plan(path)
    assert err.value.zh and err.value.en


def test_cli_reports_bad_input_without_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("hello", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "ui.cli", "ingest", "--source", str(bad), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "Error:" in run.stderr and "错误" in run.stderr


def test_cli_outline_json(tmp_path, plan):
    save_plan(plan, tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "ui.cli", "outline", "--json", "--build", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(run.stdout)
    assert [r["kind"] for r in rows].count("part") == 5
    assert {r["id"]: r["title"] for r in rows if r["kind"] == "measure"} == {
        k: v[0] for k, v in MEASURES.items()
    }


@pytest.mark.parametrize(
    "stale",
    [
        lambda data: {k: v for k, v in data.items() if k != "format"},  # made by older ingest code
        lambda data: {**data, "source_sha256": "0" * 64},  # made from another source
    ],
    ids=["older format", "other source"],
)
def test_a_stale_build_is_ingested_again(tmp_path, plan, stale):
    source = plan_source()
    save_plan(plan, tmp_path)
    assert plan_is_current(tmp_path, source)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(stale(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
    assert not plan_is_current(tmp_path, source)
    assert current_plan(source, tmp_path).district == plan.district
    assert plan_is_current(tmp_path, source)
