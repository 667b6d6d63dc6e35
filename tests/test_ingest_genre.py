"""Small hand-written plans of the genre, one per layout family of other districts' plans: header
metadata, levels, unit lists, front matter and closing are read as the plans' openings show them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import build_plan

PLANS = Path(__file__).parent / "fixtures" / "plans"

EXPECTED = {
    "xuhui_style.txt": {
        "head": ("徐汇区加快打造国际一流营商环境行动方案(2026年)", "2026-01-23", "徐汇区", 2026),
        "english": "Xuhui District",
        "issuer": "徐汇区人民政府办公室",
        "doc_number": "",
        "closing": "徐汇区人民政府办公室\n2026年1月23日",
        "measures": {"1.1": 2, "1.2": 1, "2.1": 1, "3.1": 1},
        "front": None,
        "units": {},
    },
    "hongqiao_style.txt": {
        "head": ("2025年虹桥国际中央商务区(闵行部分)建设行动方案", "2025-07-15", "虹桥国际中央商务区", 2025),
        "english": None,  # no dictionary reads the business district's name as one place
        "issuer": "闵行区人民政府办公室",
        "doc_number": "闵府办发〔2025〕18号",
        "closing": "",
        "measures": {"1.1": 3, "1.2": 1, "2.1": 1},
        "front": None,
        "units": {
            "1.1.1": [("区商务委", False), ("南虹桥集团", False)],
            "1.1.3": [("区投促中心", True), ("各镇", False), ("街道", False)],
            "2.1.1": [("区金融办", False), ("工商银行闵行支行", False)],
        },
    },
    "xianyang_style.txt": {
        "head": ("咸阳市2022年深化“放管服”改革优化营商环境工作要点", "", "咸阳市", 2022),
        "english": "Xianyang City",
        "issuer": "",
        "doc_number": "",
        "closing": "",
        "measures": {"1.1": 1, "1.2": 1, "2.1": 1},
        "front": "总体要求",
        "units": {
            "1.1.1": [("市审批局", True), ("各县市区", False)],
            "1.2.1": [("市市场监管局", True), ("市税务局", False), ("市公安局", False)],
            "2.1.1": [("市司法局", False), ("各市(区)人民政府", False)],
        },
    },
}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def case(request):
    return build_plan(PLANS / request.param), EXPECTED[request.param]


def test_header_metadata(case):
    plan, want = case
    assert (plan.title.hans, plan.issued, plan.district.hans, plan.year) == want["head"]
    assert (plan.issuer.hans, plan.doc_number, plan.closing.hans) == (
        want["issuer"],
        want["doc_number"],
        want["closing"],
    )
    assert plan.repairs == ()
    assert want["english"] is None or plan.district_en == want["english"]


def test_levels_and_tasks(case):
    plan, want = case
    assert {m.id: len(m.tasks) for m in plan.measures()} == want["measures"]
    assert (plan.front.title.hans if plan.front else None) == want["front"]
    assert all(not t.text.hans.startswith(("（1）", "(1)", "1.")) for t in plan.tasks())


def test_unit_lists(case):
    plan, want = case
    for task_id, units in want["units"].items():
        assert [(d.name.hans, d.lead) for d in plan.section(task_id).departments] == units


def test_no_measure_holds_the_signature_or_date(case):
    plan, _ = case
    closing = [line for line in plan.closing.hans.split("\n") if line]
    assert all(line not in m.text.hans for line in closing for m in plan.measures())


FRONTS_AND_CLOSING = """某区优化营商环境行动方案
一、指导思想
坚持以企业需求为导向。
二、主要目标
营商环境进入全市前列。
三、提升政务服务
（一）推进一网通办。实现80%事项全程网办（区行政服务中心）。
某区人民政府
二〇二五年三月十二日
（此件公开发布）
"""


def test_several_front_parts_make_one_and_the_closing_stays_out():
    from ingest import plan_from_text

    plan = plan_from_text(FRONTS_AND_CLOSING)
    assert plan.front.title.hans == "指导思想"
    assert [(m.id, m.title.hans) for m in plan.front.measures] == [("0.1", "主要目标")]
    assert plan.preamble.hans == "坚持以企业需求为导向。营商环境进入全市前列。"
    assert [(p.id, p.title.hans) for p in plan.parts] == [("1", "提升政务服务")]
    assert plan.issued == "2025-03-12" and plan.closing.hans.split("\n")[1:] == [
        "二〇二五年三月十二日",
        "（此件公开发布）",
    ]
    assert plan.issuer.hans == "某区人民政府"
    assert plan.section("1.1").tasks[-1].text.hans.endswith("（区行政服务中心）。")


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024年3月5日", "2024-03-05"),
        ("2024-03-05", "2024-03-05"),
        ("2024.3.5", "2024-03-05"),
        ("2024/03/05", "2024-03-05"),
        ("二〇二四年三月五日", "2024-03-05"),
        ("二〇二四年十二月二十一日", "2024-12-21"),
        ("2024年13月5日", ""),
    ],
)
def test_dates_in_any_common_form(written, iso):
    from ingest.header import parse_date

    assert parse_date(written) == iso
