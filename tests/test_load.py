"""Load: the real `plan-qa serve` takes 5,000 /api/ask requests over 32 concurrent loopback connections
without a single error (speed is measured by `plan-qa bench`, not asserted here); and the embedder,
shared by the server's worker threads, gives every thread exactly the vectors a serial run gives."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from eval.bench.http_load import drive
from eval.bench.server import ServerProcess
from eval.suite import DEFAULT_TESTSET
from planqa.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def questions() -> list[str]:
    rows = [
        json.loads(line) for line in DEFAULT_TESTSET.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return list(dict.fromkeys(r["question"] for r in rows))


def test_five_thousand_requests_at_32_connections_without_an_error(tmp_path, questions, record_property):
    settings = Settings()
    env = {
        "PLANQA_FEEDBACK_DB": str(tmp_path / "feedback.sqlite"),
        "PLANQA_RATE_LIMIT_PER_MINUTE": str(
            10**9
        ),  # one client sends everything; the limiter stays in the path
    }
    with ServerProcess(env, tmp_path / "server.log") as server:
        result = drive(
            server.url,
            questions,
            settings.bench_load_requests,
            settings.bench_load_concurrency,
            settings.bench_request_timeout_s,
        )
    record_property("load_requests", result["requests"])
    record_property("load_errors", result["errors"])
    assert result["requests"] == 5000 and result["concurrency"] == 32
    assert result["errors"] == 0, result["error_kinds"]


THREADS = 16


def test_the_embedder_is_safe_to_share_between_threads(service_pipeline, questions):
    embedder = service_pipeline.index.embedder
    texts = questions[:64]
    serial = [embedder.embed_queries([t])[0] for t in texts]
    batch = embedder.embed_passages(texts)

    def work(offset: int) -> list[tuple[int, str, np.ndarray]]:
        out = []
        for i in range(len(texts)):
            j = (i + offset) % len(texts)  # every thread in a different order
            out.append((j, "q", embedder.embed_queries([texts[j]])[0]))
        out.append((-1, "p", embedder.embed_passages(texts)))
        return out

    with ThreadPoolExecutor(THREADS) as pool:
        results = [r for rs in pool.map(work, range(THREADS)) for r in rs]
    assert len(results) == THREADS * (len(texts) + 1)
    for j, kind, vector in results:
        if kind == "q":
            np.testing.assert_array_equal(vector, serial[j])
        else:
            np.testing.assert_array_equal(vector, batch)
