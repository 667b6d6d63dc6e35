"""The HTML report evaluators read: one self-contained file (inline CSS and SVG, no scripts, no URLs).

Every piece of text that came from the pipeline or the test set goes through `html.escape`: an answer
may contain anything, and the report must still render it as text.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from string import Template
from typing import Any

from eval.charts import bar_chart, histogram
from eval.metrics import DEFINITIONS, HEADLINE, RATES
from eval.thresholds import gate, split_of

TEMPLATE = Path(__file__).with_name("report.html")
SERIES = [
    ("hit@1", "hit@1"),
    ("fact_recall", "fact recall"),
    ("refusal_unanswerable", "refusal (unanswerable)"),
    ("pass_rate", "pass rate"),
]
GROUP_COLUMNS = [
    "n",
    "hit@1",
    "hit@3",
    "citation_precision",
    "fact_recall",
    "refusal_unanswerable",
    "false_refusal",
    "script_match",
    "pass_rate",
]


def fmt(metric: str, value: Any) -> str:
    if value is None:
        return "—"
    if metric in RATES:
        return f"{100 * value:.1f}%"
    if metric.startswith("latency"):
        return f"{value:.1f}" if value >= 10 else f"{value:.2f}"
    return f"{value:.0f}" if isinstance(value, float) else str(value)


def _table(head: list[str], rows: list[list[str]]) -> str:
    """Cells are already-escaped HTML; the head is escaped here."""
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _td(text: Any, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{escape(str(text))}</td>"


def summary_table(overall: dict[str, Any], split: str | None = None) -> str:
    rows_by_metric = {row.metric: row for row in gate(overall, split)}
    rows = []
    for metric, (label, _) in HEADLINE.items():
        row = rows_by_metric.get(metric)
        needs = f"{row.op} {fmt(metric, row.threshold)}" if row else ""
        if row and row.target is not None:
            needs += f" (target {fmt(metric, row.target)})"
        status = (
            {True: ("ok", "ok"), False: ("FAIL", "fail"), None: ("n/a", "na")}[row.ok] if row else ("", "")
        )
        rows.append([_td(label), _td(fmt(metric, overall.get(metric)), "num"), _td(needs), _td(*status)])
    return _table(["metric", "value", "threshold", "status"], rows)


def group_table(title: str, groups: dict[str, dict[str, Any]], titles: dict[str, str]) -> str:
    rows = [
        [_td(f"{name} {titles.get(name, '')}".strip())]
        + [_td(fmt(c, m.get(c)), "num") for c in GROUP_COLUMNS]
        for name, m in groups.items()
    ]
    return _table([title, *GROUP_COLUMNS], rows)


def failures_table(lines: list[dict[str, Any]]) -> str:
    failing = [x for x in lines if not x.get("passed")]
    if not failing:
        return "<p>None: every question passed every check.</p>"
    rows = [
        [
            _td(
                x["id"]
                + ("" if x.get("variant", "original") == "original" else f" ({x.get('question_script')})")
            ),
            _td(x.get("kind", "")),
            _td(x.get("question", "")),
            _td(x.get("answer", ""), "answer"),
            _td(", ".join(x.get("citations", []))),
            _td(", ".join(x.get("sections", []))),
            '<td class="why">' + "<br>".join(escape(f) for f in x.get("failures", [])) + "</td>",
        ]
        for x in failing
    ]
    return _table(["id", "kind", "question", "answer given", "cited", "gold", "what failed"], rows)


def scripts_section(scripts: dict[str, Any] | None) -> str:
    if not scripts:
        return ""
    rows = []
    for metric in RATES:
        gap = scripts["gap_points"].get(metric)
        cls = "na" if gap is None else ("ok" if abs(gap) <= scripts["goal_points"] else "fail")
        gap_text = "—" if gap is None else f"{gap:+.1f}"
        rows.append(
            [
                _td(HEADLINE[metric][0]),
                _td(fmt(metric, scripts["hans"].get(metric)), "num"),
                _td(fmt(metric, scripts["hant"].get(metric)), "num"),
                _td(gap_text, f"num {cls}"),
            ]
        )
    head = ["metric", "simplified", "traditional", "gap (points, traditional − simplified)"]
    return (
        "<h2>Simplified vs traditional (--both-scripts)</h2><p>Each Chinese question asked in both scripts;"
        f" goal: |gap| ≤ {scripts['goal_points']:.0f} points.</p>" + _table(head, rows)
    )


def compare_section(cmp: dict[str, Any] | None) -> str:
    if not cmp:
        return ""
    rows = []
    for metric, d in cmp["deltas"].items():
        delta = d["delta"]
        better = HEADLINE[metric][1]
        cls = "" if not delta else ("better" if (delta > 0) == better else "worse")
        shown = "—" if delta is None else (f"{100 * delta:+.1f} pts" if metric in RATES else f"{delta:+.4g}")
        rows.append(
            [
                _td(HEADLINE[metric][0]),
                _td(fmt(metric, d["old"]), "num"),
                _td(fmt(metric, d["new"]), "num"),
                _td(shown, f"num {cls}"),
            ]
        )
    html = [
        f"<h2>Compared with the run of {escape(str(cmp.get('old_run', '')))}</h2>",
        f"<p>{cmp['added']} questions added, {cmp['removed']} removed since then.</p>",
        _table(["metric", "before", "now", "change"], rows),
    ]
    for title, items in (
        ("Passed before, fail now", cmp["to_fail"]),
        ("Failed before, pass now", cmp["to_pass"]),
    ):
        html.append(f"<h3>{title} ({len(items)})</h3>")
        if items:
            html.append(
                _table(
                    ["id", "question", "answer before", "answer now", "failures before → now"],
                    [
                        [
                            _td(c["key"]),
                            _td(c["question"]),
                            _td(c["old_answer"], "answer"),
                            _td(c["new_answer"], "answer"),
                            _td(
                                ("; ".join(c["old_failures"]) or "passed")
                                + " → "
                                + ("; ".join(c["new_failures"]) or "passed")
                            ),
                        ]
                        for c in items
                    ],
                )
            )
    return "".join(html)


def render(summary: dict[str, Any], lines: list[dict[str, Any]], cmp: dict[str, Any] | None = None) -> str:
    """The whole report as one HTML string."""
    titles = summary.get("part_titles", {})
    latencies = [x["latency_ms"] for x in lines if x.get("variant", "original") == "original"]
    charts = [
        bar_chart("per kind", summary["per_kind"], SERIES),
        bar_chart("per part", summary["per_part"], SERIES),
        histogram("latency of Pipeline.answer", latencies),
    ]
    meta = (
        f"test set {summary.get('testset', '')} · {summary['overall']['n']} questions · run "
        f"{summary.get('created', '')} · pipeline loaded in {summary.get('load_s', 0):.1f} s"
    )
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        created=escape(summary.get("created", "")),
        meta=escape(meta),
        summary_table=summary_table(summary["overall"], split_of(summary.get("testset", ""))),
        charts="".join(charts),
        kind_table=group_table("kind", summary["per_kind"], {}),
        part_table=group_table("part", summary["per_part"], titles),
        style_table=group_table("style", summary.get("per_style", {}), {}),
        scripts=scripts_section(summary.get("scripts")),
        compare=compare_section(cmp),
        n_failed=sum(not x.get("passed") for x in lines),
        failures=failures_table(lines),
        definitions=_table(["term", "definition"], [[_td(k), _td(v)] for k, v in DEFINITIONS.items()]),
    )


def write_report(out: Path, summary: dict[str, Any], lines: list[dict[str, Any]], cmp: dict | None) -> Path:
    path = out / "report.html"
    path.write_text(render(summary, lines, cmp), encoding="utf-8")
    return path
