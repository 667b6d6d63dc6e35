"""Shared fixtures: the real plan, built once per test session from the shipped source."""

from __future__ import annotations

import pytest

from ingest import Plan, build_plan
from planqa.settings import get_settings


@pytest.fixture(scope="session")
def plan() -> Plan:
    return build_plan(get_settings().source)


@pytest.fixture(scope="session")
def plan_text(plan: Plan) -> str:
    """The repaired text of the plan, as ingest saw it after repair."""
    from ingest.repair import repair_text

    text = get_settings().source.read_text(encoding="utf-8")
    return repair_text(text)[0]
