"""Ingest the genre: our plan rewritten into every layout other plans use parses back to its own
structure (tests/fixtures/layouts.py), and repair leaves every such clean text alone."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ingest import plan_from_text
from ingest.repair import repair_text

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from layouts import LAYOUTS, render


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
