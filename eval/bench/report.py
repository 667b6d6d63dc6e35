"""Write one bench run: `bench.json` (everything measured), `bench.svg` (the chart) and `report.md`
(the short human summary with the Done-when checks). Charts are plain SVG, no plotting library."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from eval.charts import COLOURS, _text, bar_chart


def hbars(
    title: str, rows: list[tuple[str, list[float | None]]], labels: list[str], unit: str, width: int = 680
) -> str:
    """Horizontal bars: one row per name, one bar per series (labels), scaled to the largest value."""
    bar_h, top, left = 12, 30, 150
    height = top + len(rows) * (bar_h * len(labels) + 8) + 24
    peak = max((v for _, vals in rows for v in vals if v), default=1.0)
    parts = [f'<svg width="{width}" height="{height}" role="img" aria-label="{escape(title)}" class="chart">',
             _text(width / 2, 16, title, size=13)]  # fmt: skip
    y = top
    for name, values in rows:
        parts.append(_text(left - 6, y + bar_h * len(labels) / 2 + 4, name, anchor="end", size=10))
        for si, value in enumerate(values):
            w = 0 if not value else (width - left - 90) * value / peak
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" fill="{COLOURS[si % 4]}"/>'
            )
            shown = "–" if value is None else f"{value:.3g} {unit}"
            parts.append(_text(left + w + 4, y + bar_h - 3, f"{labels[si]}: {shown}", anchor="start", size=9))
            y += bar_h
        y += 8
    parts.append("</svg>")
    return "".join(parts)


def chart(r: dict[str, Any]) -> str:
    levels = r.get("http", {}).get("levels", [])
    pieces = [
        hbars(
            "/api/ask over loopback HTTP",
            [(f"concurrency {lv['concurrency']}", [lv["p50_ms"], lv["p95_ms"]]) for lv in levels],
            ["p50", "p95"],
            "ms",
        ),
        hbars(
            "throughput", [(f"concurrency {lv['concurrency']}", [lv["rps"]]) for lv in levels], ["req/s"], ""
        ),
    ]
    stages = r.get("stages", {})
    if stages:
        pieces.append(
            hbars(
                "per stage, in process",
                [(k, [v["p50_ms"], v["p95_ms"]]) for k, v in stages.items()],
                ["p50", "p95"],
                "ms",
            )
        )
    q = r.get("quality", {})
    if q:
        rates = ("hit@1", "hit@3", "fact_recall", "refusal_unanswerable", "pass_rate")
        groups = {k: {"ours": q["ours"].get(k), "baseline": q["baseline"].get(k)} for k in rates}
        pieces.append(
            bar_chart(
                "answer quality: ours vs baseline", groups, [("ours", "plan-qa"), ("baseline", "baseline")]
            )
        )
        pieces.append(hbars("in-process latency: ours vs baseline",
                            [(k, [q["ours"][k], q["baseline"][k]]) for k in ("latency_p50_ms", "latency_p95_ms")],
                            ["plan-qa", "baseline"], "ms"))  # fmt: skip
    height = 0
    body = []
    for svg in pieces:
        h = int(svg.split('height="', 1)[1].split('"', 1)[0])
        body.append(f'<g transform="translate(0,{height})">{svg}</g>')
        height += h + 10
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="700" height="{height}" font-family="sans-serif">{"".join(body)}</svg>'


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3g}"
    return "—" if v is None else str(v)


def markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [f"# plan-qa bench — {r['created']}", "",
             f"Machine: {m['nproc']} CPU(s), {m['cpu']}, {m['mem_gb']} GB RAM, Python {m['python']}; "
             f"embedder `{r['embedder']}`; mode {'quick' if r['quick'] else 'full'}.", "",
             "## Done when", "", "| check | target | measured | ok |", "| --- | --- | --- | --- |"]  # fmt: skip
    for c in r["checks"]:
        ok = {True: "yes", False: "**NO**", None: "not measured"}[c["ok"]]
        lines.append(f"| {c['name']} | {c['target']} | {_fmt(c['value'])} | {ok} |")
    lines += ["", "## /api/ask over loopback HTTP (a real `plan-qa serve`)", "",
              f"Each level: a fresh server, {r['http'].get('distinct_questions')} distinct test-set questions, each new to "
              "it (no cached question vectors); the load run repeats them on the last server.", "",
              f"Start-up to healthy (median of fresh servers {r['http'].get('startup_s')}): {_fmt(r['server'].get('startup_s'))} s; peak RSS {_fmt(r['server'].get('peak_rss_mb'))} MB; "
              f"index build {_fmt(r.get('index_build_s'))} s.", "",
              "| concurrency | requests | errors | req/s | p50 ms | p95 ms |", "| --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for lv in [
        *r["http"]["levels"],
        {**r.get("load", {}), "concurrency": f"load {r.get('load', {}).get('concurrency')}"},
    ]:
        if lv.get("requests"):
            lines.append(f"| {lv['concurrency']} | {lv['requests']} | {lv['errors']} | {_fmt(lv['rps'])} | "
                         f"{_fmt(lv['p50_ms'])} | {_fmt(lv['p95_ms'])} |")  # fmt: skip
    lines += ["", "## Per stage, in process (ms)", "", "| stage | p50 | p95 |", "| --- | --- | --- |"]
    lines += [f"| {k} | {_fmt(v['p50_ms'])} | {_fmt(v['p95_ms'])} |" for k, v in r.get("stages", {}).items()]
    q = r.get("quality")
    if q:
        lines += ["", f"## Side by side with the baseline ({r['baseline_desc']})", "",
                  "| metric | plan-qa | baseline | ratio |", "| --- | --- | --- | --- |"]  # fmt: skip
        lines += [
            f"| {k} | {_fmt(q['ours'][k])} | {_fmt(q['baseline'][k])} | {_fmt(q['ratio'][k])} |"
            for k in q["ratio"]
        ]
        if blocks := q.get("latency_blocks_ms"):
            lines += ["", "Latency in blocks ours, baseline, baseline, ours, every question new to each block "
                      f"(p50 ms): plan-qa {blocks['ours']}, baseline {blocks['baseline']}; the table "
                      "gives the mean of each pair."]  # fmt: skip
    rob = r.get("robustness")
    if rob:
        lines += ["", "## Robustness suite", "", f"{rob.get('passed')} passed, {rob.get('failed')} failed, "
                  f"{rob.get('skipped')} skipped ({', '.join(rob.get('files', []))}).", ""]  # fmt: skip
        props = rob.get("properties", {})
        lines += [f"- {k}: {v}" for k, v in sorted(props.items()) if ".attack_" not in k]
        lines += ["", "## Attacks replayed (tests/security)", "", "| figure | value |", "| --- | --- |"]
        lines += [f"| {k} | {v} |" for k, v in sorted(props.items()) if ".attack_" in k]
        lines += [f"- FAILED {t['test']}" for t in rob.get("tests", []) if t["outcome"] == "failed"]
    else:
        lines += ["", "Robustness suite: not run (--quick)."]
    return "\n".join(lines) + "\n"


def write(out: Path, results: dict[str, Any]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "bench.json", out / "bench.svg", out / "report.md"]
    paths[0].write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    paths[1].write_text(chart(results), encoding="utf-8")
    paths[2].write_text(markdown(results), encoding="utf-8")
    return paths
