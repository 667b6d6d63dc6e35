"""Drive `/api/ask` over real loopback HTTP: `n` requests through `concurrency` connections (asyncio +
httpx, one client, a connection pool of exactly `concurrency`). Any non-2xx status or transport error
counts as an error; latency is measured per request, throughput over the whole run."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from typing import Any

import httpx

from eval.bench.stats import summary


async def _drive(
    url: str, questions: list[str], n: int, concurrency: int, timeout_s: float
) -> dict[str, Any]:
    cycle = itertools.cycle(questions)
    jobs: asyncio.Queue[str] = asyncio.Queue()
    for _ in range(n):
        jobs.put_nowait(next(cycle))
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=url, timeout=timeout_s, limits=limits) as client:

        async def worker() -> None:
            while not jobs.empty():
                question = jobs.get_nowait()
                began = time.perf_counter()
                try:
                    r = await client.post("/api/ask", json={"question": question})
                    if r.status_code >= 300:
                        errors[f"http_{r.status_code}"] += 1
                    elif not r.json().get("answer"):
                        errors["empty_answer"] += 1
                except (httpx.HTTPError, ValueError) as exc:
                    errors[type(exc).__name__] += 1
                latencies.append((time.perf_counter() - began) * 1000)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - began
    return {
        "concurrency": concurrency,
        "requests": n,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "seconds": round(seconds, 3),
        "rps": round(n / seconds, 2) if seconds else None,
        **summary(latencies),
    }


def drive(
    url: str, questions: list[str], n: int, concurrency: int, timeout_s: float = 30.0
) -> dict[str, Any]:
    """Run the requests and return {concurrency, requests, errors, error_kinds, seconds, rps, p50_ms, …}."""
    if not questions:
        raise ValueError("no questions to ask")
    return asyncio.run(_drive(url, questions, n, concurrency, timeout_s))
