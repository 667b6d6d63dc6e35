"""The robustness half of the report: the checks live in the test suite (where CI runs them too), so
the bench runs those test files in a pytest subprocess and reads the JUnit XML it writes — outcome of
every test plus the numbers the tests record with `record_property` (cases tried, 5xx seen,
acknowledged and recovered feedback rows). The load run itself is the bench's own (see `run.py`)."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from planqa.settings import ROOT

TEST_FILES = (
    "tests/test_api_fuzz.py",  # schemathesis over the OpenAPI schema
    "tests/test_api_robust.py",  # bad inputs, rate limit, admin token
    "tests/test_safety.py",  # direct and indirect injection
    "tests/test_fuzz_parse.py",  # hypothesis over ingest and normalise
    "tests/test_durability.py",  # SIGKILL during feedback, damaged and interrupted index builds
    "tests/test_llm.py",  # LLM endpoint faults and the canary
    "tests/security",  # the red team's attacks replayed against a live server (`attack_*` figures)
)


def run_suite(out: Path, files: tuple[str, ...] = TEST_FILES, fuzz_examples: int = 30) -> dict[str, Any]:
    """Run the files (slow tests included), return {passed, failed, skipped, tests: [...], properties};
    schemathesis tries `fuzz_examples` cases per API operation."""
    xml = out / "robustness-junit.xml"
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "junit_family=legacy",
        f"--junitxml={xml}",
        *files,
    ]
    env = {**os.environ, "PLANQA_FUZZ_EXAMPLES": str(fuzz_examples)}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    (out / "robustness-pytest.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if not xml.exists():
        return {
            "error": f"pytest wrote no report (exit {proc.returncode})",
            "passed": 0,
            "failed": 1,
            "tests": [],
        }
    return parse_junit(xml)


def parse_junit(xml: Path) -> dict[str, Any]:
    tests, properties = [], {}
    root = ET.parse(xml).getroot()
    for suite in root.iter("testsuite"):  # record_testsuite_property: figures of a whole suite
        for prop in suite.findall("properties/property"):
            properties[f"suite.{prop.get('name')}"] = prop.get("value")
    for case in root.iter("testcase"):
        outcome = "passed"
        for tag in ("failure", "error", "skipped"):
            if case.find(tag) is not None:
                outcome = {"failure": "failed", "error": "failed", "skipped": "skipped"}[tag]
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        props = {
            p.get("name"): p.get("value")
            for p in case.iter("property")
            if not p.get("name", "").startswith("hypothesis")
        }
        properties.update({f"{case.get('name')}.{k}": v for k, v in props.items()})
        tests.append({"test": name, "outcome": outcome, "seconds": float(case.get("time") or 0)})
    count = {k: sum(t["outcome"] == k for t in tests) for k in ("passed", "failed", "skipped")}
    return {**count, "tests": tests, "properties": properties}
