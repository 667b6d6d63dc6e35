"""Schemathesis against the app's own OpenAPI schema: generated requests (valid and invalid) for every
operation, in process over ASGI. Bounded and derandomized, so a CI run is repeatable and quick.

Checked: no 5xx (`not_a_server_error`) and every documented response matches its schema
(`response_schema_conformance`). The rate limit is off (the fuzzer is one client sending hundreds of
requests a minute) and an admin token is configured (otherwise the admin route answers 503 by design).
The counts are recorded for `plan-qa bench` (eval/bench/robust.py) by the last test of this module.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from planqa.settings import Settings
from ui.api import create_app

# cases per operation: a quick 30 in `make test`; `plan-qa bench` asks for bench_fuzz_examples
MAX_EXAMPLES = int(os.environ.get("PLANQA_FUZZ_EXAMPLES", "30"))
TALLY = {"cases": 0, "failures": 0}
_DB = tempfile.TemporaryDirectory(prefix="planqa-fuzz-")  # removed when the test process exits
# The app is made at import (schemathesis reads its schema at collection); the real pipeline is put
# in place by the fixture below before the first request, so collection stays cheap.
APP = create_app(
    Settings(
        rate_limit_per_minute=0,
        feedback_per_minute=0,
        admin_token="fuzz-only-token-never-guessed",
        feedback_db=Path(_DB.name) / "feedback.sqlite",
    ),
    pipeline=None,
    with_ui=False,
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(autouse=True, scope="module")
def _loaded(service_pipeline):
    APP.state.service.pipeline = service_pipeline


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors_and_responses_match_the_schema(case):
    TALLY["cases"] += 1
    try:
        case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
    except BaseException:
        TALLY["failures"] += 1
        raise


def test_fuzz_tally(record_property):
    """Runs after the fuzzing above (file order): records how many cases ran and failed."""
    record_property("cases", TALLY["cases"])
    record_property("failures", TALLY["failures"])
    assert TALLY["cases"] > 0
