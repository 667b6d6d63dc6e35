"""Ingest the genre: our plan rewritten into every layout other plans use parses back to its own
structure (tests/fixtures/layouts.py), and repair leaves every such clean text alone."""

from __future__ import annotations

import json
import re

import pytest
from fixtures.layouts import LAYOUTS, render

from ingest import plan_from_text
from ingest.repair import repair_text
from planqa.script import half_width, to_hans


@pytest.fixture(scope="module")
def rendered(plan) -> dict[str, str]:
    return {name: render(plan, name) for name in LAYOUTS}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_repair_leaves_every_clean_layout_byte_for_byte(rendered, name):
    assert repair_text(rendered[name]) == (rendered[name], [])


def test_the_clean_layout_is_the_plan_itself(plan, rendered):
    clean = plan_from_text(rendered["clean"])
    assert [(m.id, m.title.hant, len(m.tasks)) for m in clean.measures()] == [
        (m.id, m.title.hant, len(m.tasks)) for m in plan.measures()
    ]
    assert [d.name.hant for d in clean.departments] == [d.name.hant for d in plan.departments]


def _layout_plan(plan, name):
    return plan_from_text(render(plan, name))


@pytest.fixture(scope="module")
def parsed(plan) -> dict:
    return {name: _layout_plan(plan, name) for name in LAYOUTS}


def _tree(p) -> list[tuple[str, str]]:
    return [(x.id, half_width(x.title.hans)) for x in p.parts] + [(m.id, m.title.hans) for m in p.measures()]


def _local(text: str, name: str) -> str:
    """A text of the original as the layout's district and year would write it."""
    layout = LAYOUTS[name]
    if layout.district_year:
        old, new, shift = layout.district_year
        text = re.sub(
            r"20\d\d", lambda m: str(int(m.group()) + shift), text.replace(to_hans(old), to_hans(new))
        )
    return text


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_every_layout_keeps_parts_and_measures(plan, parsed, name):
    assert _tree(parsed[name]) == [(i, _local(t, name)) for i, t in _tree(plan)]
    assert parsed[name].title.hans == _local(plan.title.hans, name)


def _opening(text: str) -> str:
    """The first words of a task, whatever its punctuation and list: enough to tell tasks apart."""
    unnumbered = re.sub(r"[(（]\d{1,2}[)）]", "", to_hans(text))
    return re.sub(r"[^\u4e00-\u9fff\d]", "", unnumbered)[:12]


@pytest.mark.parametrize("name", [n for n, lay in LAYOUTS.items() if lay.keeps_tasks])
def test_layouts_that_keep_task_boundaries_keep_every_task(plan, parsed, name):
    got = [(t.id, _opening(t.text.hans)) for t in parsed[name].tasks()]
    assert got == [(t.id, _local(_opening(t.text.hans), name)) for t in plan.tasks()]


@pytest.mark.parametrize("name", [n for n, lay in LAYOUTS.items() if lay.departments != "none"])
def test_every_task_keeps_its_units_by_canonical_name(plan, parsed, name):
    extra = {to_hans(u) for u in LAYOUTS[name].extra_units}
    for mine, theirs in zip(parsed[name].tasks(), plan.tasks(), strict=True):
        got = {(d.name.hans, d.lead) for d in mine.departments if d.name.hans not in extra}
        assert got == {(d.name.hans, d.lead) for d in theirs.departments}, mine.id
    names = {d.name.hans for d in parsed[name].departments}
    assert names == {d.name.hans for d in plan.departments} | extra


@pytest.mark.parametrize("name", [n for n, lay in LAYOUTS.items() if lay.departments == "none"])
def test_a_plan_without_unit_lists_still_has_tasks(plan, parsed, name):
    mine = parsed[name]
    assert mine.departments == ()
    assert all(m.tasks for m in mine.measures())
    assert len(mine.tasks()) >= 0.9 * len(plan.tasks())


def test_front_matter_is_its_own_part_and_answers_the_overall_goals(plan, parsed):
    mine = parsed["front_matter"]
    assert mine.front is not None and mine.front.id == "0"
    assert mine.front.title.hans == "总体要求"
    assert [(m.id, m.title.hans) for m in mine.front.measures] == [("0.1", "指导思想")]
    assert plan.preamble.hans in mine.preamble.hans
    assert mine.section("0.1").lead.hans == plan.preamble.hans


def test_metadata_line_and_closing_signature(plan, parsed):
    mine = parsed["metadata_header"]
    assert mine.title == plan.title and mine.issued == plan.issued
    assert mine.doc_number == "閔府發〔2024〕3號"
    assert mine.notice.hant.startswith("印發日期:2024-03-05")
    assert mine.issuer.hans == "闵行区人民政府"
    assert mine.closing.hans == "闵行区人民政府\n2024年3月5日"
    assert mine.section("5.4").text == plan.section("5.4").text


@pytest.mark.parametrize(
    ("name", "district", "english", "year", "short"),
    [
        ("clean", "闵行区", "Minhang District", 2024, "闵行区2024年营商环境行动方案"),
        ("simplified", "闵行区", "Minhang District", 2024, "闵行区2024年营商环境行动方案"),
        ("other_district_year", "奉贤区", "Fengxian District", 2025, "奉贤区2025年营商环境行动方案"),
    ],
)
def test_district_year_and_short_title_are_read_from_the_plan(parsed, name, district, english, year, short):
    mine = parsed[name]
    assert (mine.district.hans, mine.district_en, mine.year) == (district, english, year)
    assert mine.short_title.hans == short
    assert mine.issuer.hans == f"{district}人民政府"  # the notice goes to 区政府各委、办、局


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_outline_json_of_every_layout(plan, parsed, rendered, name, tmp_path):
    """`plan-qa ingest --source` then `plan-qa outline --json`, as a user would run them."""
    from typer.testing import CliRunner

    from ui.cli import app

    source = tmp_path / f"{name}.txt"
    source.write_text(rendered[name], encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "--source", str(source), "--out", str(tmp_path)]).exit_code == 0
    result = runner.invoke(app, ["outline", "--json", "--build", str(tmp_path)])
    rows = json.loads(result.stdout)
    kinds = [r["kind"] for r in rows]
    assert (kinds.count("part"), kinds.count("measure")) == (len(plan.parts), len(plan.measures()))
    assert kinds.count("task") == len(parsed[name].tasks())
    if LAYOUTS[name].keeps_tasks:
        assert kinds.count("task") == len(plan.tasks())
    units = {u for r in rows if r["kind"] == "task" for u in r["departments"]}
    assert units == {d.name.hant for d in parsed[name].departments}
    assert ("front" in kinds) == LAYOUTS[name].front_matter
