"""`plan-qa bench`: the benchmark and robustness report of issue 7, one concept per module.

run.py       the order of one run and what goes where
stages.py    index build time, per-stage latency in process
server.py    a real `plan-qa serve` subprocess: start-up time, peak RSS (also used by tests)
http_load.py /api/ask latency and throughput at a given concurrency over loopback HTTP
baseline.py  the side-by-side baseline (LangChain splitter + FAISS + the same embedder)
quality.py   both through the same test set and judge, with ratios
robust.py    the robustness tests, run by pytest, read back from JUnit XML
targets.py   the Done-when checks;  report.py  bench.json, bench.svg, report.md
"""
