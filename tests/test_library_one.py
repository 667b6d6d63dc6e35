"""The library with one plan (what ships): answers exactly as the plan's pipeline, citations name the
plan, the plan is listed and chosen by id, an unknown id is a two-language 404; plan ids and the
catalogue; the test set's optional `plan` field."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.library import Library, UnknownPlanError
from eval.testset import TestSetError, parse_case
from ingest.catalog import Catalog, plan_slug
from ingest.model import Text

QUESTIONS = ["人才公寓有多少套？", "區人社局負責什麼？", "第三部分第二条讲什么？", "浦东新区有什么补贴？"]


@pytest.fixture(scope="module")
def library(service_pipeline):
    return Library.single(service_pipeline)


@pytest.mark.parametrize("question", QUESTIONS)
def test_one_plan_answers_as_its_pipeline(library, service_pipeline, question):
    via_library = library.answer(question)
    direct = service_pipeline.answer(question)
    assert via_library.answer == direct.answer and via_library.citations == direct.citations
    assert via_library.plans == [service_pipeline.plan_id]
    title = service_pipeline.plan.short_title
    for c in via_library.citations:
        assert c.plan == service_pipeline.plan_id and c.plan_title in (title.hans, title.hant)


def test_plans_and_the_default(library, service_pipeline):
    (info,) = library.plans
    assert info.id == library.default_id == service_pipeline.plan_id == plan_slug(service_pipeline.plan)
    assert (
        info.short_title == service_pipeline.plan.short_title.hans and info.year == service_pipeline.plan.year
    )
    assert library.pipeline(info.id) is library.default is service_pipeline


def test_an_unknown_plan_is_named_in_both_languages(library):
    with pytest.raises(UnknownPlanError) as err:
        library.answer("人才公寓有多少套？", plan="nowhere-1999")
    assert "nowhere-1999" in err.value.zh and "nowhere-1999" in err.value.en and err.value.status == 404


def test_plan_ids_are_read_from_the_plan_and_kept(plan, tmp_path):
    assert plan_slug(plan) == "minhang-2024"
    assert plan_slug(replace(plan, district_en="", year=None)) == "plan"
    catalog = Catalog(tmp_path)
    first = catalog.assign(tmp_path / "a.txt", plan)
    same_place = catalog.assign(tmp_path / "b.txt", replace(plan, district=Text("閔行區", "闵行区")))
    assert (first, same_place) == ("minhang-2024", "minhang-2024-2")  # a collision gets a suffix
    again = Catalog(tmp_path)  # read back from library.json: ids survive a rebuild
    assert (
        again.id_of(tmp_path / "a.txt") == "minhang-2024"
        and again.id_of(tmp_path / "b.txt") == "minhang-2024-2"
    )
    assert again.assign(tmp_path / "b.txt", replace(plan, year=2030)) == "minhang-2024-2"


def test_api_lists_plans_and_chooses_by_id(api_client, service_pipeline):
    plans = api_client.get("/api/plans").json()
    assert [p["id"] for p in plans] == [service_pipeline.plan_id] and plans[0]["default"] is True
    assert api_client.get("/api/health").json()["plans"] == [service_pipeline.plan_id]
    assert plans[0]["tasks"] == len(service_pipeline.plan.tasks())
    body = api_client.post("/api/ask", json={"question": "人才公寓有多少套？", "plan": plans[0]["id"]}).json()
    assert body["plans"] == [plans[0]["id"]] and body["citations"][0]["plan"] == plans[0]["id"]
    assert body["citations"][0]["plan_title"] == plans[0]["short_title"]
    found = api_client.get("/api/search", params={"q": "人才公寓", "plan": plans[0]["id"]}).json()
    assert found["plan"] == plans[0]["id"] and found["hits"]


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("post", "/api/ask", {"json": {"question": "人才公寓有多少套？", "plan": "nowhere-1999"}}),
        ("post", "/api/ask/stream", {"json": {"question": "人才公寓有多少套？", "plan": "nowhere-1999"}}),
        ("get", "/api/search", {"params": {"q": "人才公寓", "plan": "nowhere-1999"}}),
        ("get", "/api/sections", {"params": {"plan": "nowhere-1999"}}),
        ("get", "/api/departments", {"params": {"plan": "nowhere-1999"}}),
    ],
)
def test_api_unknown_plan_is_a_404_in_both_languages(api_client, method, path, payload):
    r = getattr(api_client, method)(path, **payload)
    assert r.status_code == 404, r.text
    body = r.json()
    assert body["error"] == "UnknownPlanError" and "nowhere-1999" in body["message_zh"] + body["message_en"]


@pytest.mark.parametrize(("plan", "ok"), [(None, True), ("minhang-2024", True), ("", False), (3, False)])
def test_testset_plan_field(tmp_path, plan, ok):
    line = {"id": "1", "question": "q", "sections": ["1.1"], "facts": [], "kind": "k", "answerable": True}
    if plan is not None:
        line["plan"] = plan
    if ok:
        assert parse_case(json.dumps(line), tmp_path, 1).plan == plan
    else:
        with pytest.raises(TestSetError):
            parse_case(json.dumps(line), tmp_path, 1)


@pytest.fixture
def empty_library(tmp_path, monkeypatch):
    from planqa.settings import get_settings

    monkeypatch.setenv("PLANQA_SOURCE_DIR", str(tmp_path / "source"))
    monkeypatch.setenv("PLANQA_BUILD_DIR", str(tmp_path / "build"))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_add_a_plan_in_one_command(empty_library, plan):
    from typer.testing import CliRunner

    from tests.fixtures.layouts import relocated
    from ui.cli import app

    file = empty_library / "奉贤方案.txt"
    file.write_text(relocated(plan, "奉賢", 1), encoding="utf-8")
    runner = CliRunner()
    added = runner.invoke(app, ["add", str(file)])
    assert added.exit_code == 0, added.output
    assert added.stdout.strip().splitlines()[-1] == "fengxian-2025"
    assert (empty_library / "source" / "奉贤方案.txt").read_bytes() == file.read_bytes()
    assert runner.invoke(app, ["add", str(file)]).stdout.strip().splitlines()[-1] == "fengxian-2025"
    listed = json.loads(runner.invoke(app, ["plans", "--json"]).stdout)
    assert [(p["id"], p["year"], p["built"]) for p in listed] == [("fengxian-2025", 2025, True)]
    assert listed[0]["district"] == "奉贤区" and listed[0]["tasks"] == len(plan.tasks())
    unknown = runner.invoke(app, ["outline", "--plan", "nowhere-1999"])
    assert unknown.exit_code == 2 and "nowhere-1999" in unknown.output


def test_adding_what_is_no_plan_is_refused_before_copying(empty_library):
    from typer.testing import CliRunner

    from ui.cli import app

    file = empty_library / "bad.txt"
    file.write_bytes(b"\xff\xfe not text")
    result = CliRunner().invoke(app, ["add", str(file)])
    assert result.exit_code == 2 and "UTF-8" in result.output
    assert not (empty_library / "source" / "bad.txt").exists()
