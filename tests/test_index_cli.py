"""`plan-qa index`, `plan-qa search` and the index step of `plan-qa build`, through the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ingest import save_plan
from ingest.catalog import Catalog
from planqa.settings import get_settings
from ui.cli import app


@pytest.fixture
def build_dir(plan, tmp_path, monkeypatch):
    """A library whose one plan is ingested but not indexed; yields the plan's build folder."""
    plan_id = Catalog(tmp_path).assign(get_settings().source, plan)
    save_plan(plan, tmp_path / plan_id)
    monkeypatch.setenv("PLANQA_BUILD_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path / plan_id
    get_settings.cache_clear()


def test_index_then_search(build_dir):
    runner = CliRunner()
    first = runner.invoke(app, ["index"])
    assert first.exit_code == 0, first.output
    assert (build_dir / "index" / "manifest.json").exists()
    again = runner.invoke(app, ["index"])
    assert again.exit_code == 0 and "already built" in again.output  # no rebuild on every start
    found = runner.invoke(app, ["search", "公司缺钱，区里有没有贴息贷款？", "--json", "-k", "3"])
    assert found.exit_code == 0, found.output
    payload = json.loads(found.stdout[found.stdout.index("{") :])
    assert payload["sections"][0] == "1.4" and len(payload["hits"]) == 3
    assert "贴息贷款" in payload["dense_query"] and "有没有" not in payload["dense_query"]
    english = runner.invoke(app, ["search", "Are there subsidized loans?"])
    assert english.exit_code == 0 and "贷款×1" in english.output
    table = runner.invoke(app, ["search", "第三部分第二条"])
    assert table.exit_code == 0 and "3.2" in table.output


def test_search_without_index_is_a_two_language_error(build_dir):
    result = CliRunner().invoke(app, ["search", "创园贷"])
    assert result.exit_code == 2
    assert "错误" in result.output and "plan-qa index" in result.output


def test_build_step_builds_a_missing_index(build_dir):
    from ui.commands.plan import BUILD_STEPS
    from ui.commands.search import _build_step

    assert _build_step in BUILD_STEPS
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    assert (build_dir / "index" / "manifest.json").exists()
