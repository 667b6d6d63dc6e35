"""Inline SVG charts, drawn in Python so the report opens anywhere with no network and no JavaScript."""

from __future__ import annotations

import math
from html import escape

COLOURS = ["#2f6db3", "#e08a2c", "#3a9a5b", "#b8475a"]


def _text(x: float, y: float, s: str, anchor: str = "middle", size: int = 11, extra: str = "") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"{extra}>{escape(s)}</text>'
    )


def bar_chart(
    title: str, groups: dict[str, dict[str, float | None]], series: list[tuple[str, str]], width: int = 680
) -> str:
    """Grouped bars of rates (0..1): one group per kind or part, one bar per (metric, label) in `series`."""
    height, top, bottom, left = 240, 34, 40, 36
    plot_h = height - top - bottom
    n = max(len(groups), 1)
    group_w = (width - left - 10) / n
    bar_w = max(min(group_w * 0.8 / max(len(series), 1), 28), 3)
    parts = [
        f'<svg width="{width}" height="{height}" role="img"',
        f' aria-label="{escape(title)}" class="chart">',
        _text(width / 2, 16, title, size=13),
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        y = top + plot_h * (1 - tick)
        parts.append(f'<line x1="{left}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(left - 4, y + 4, f"{tick:.2f}", anchor="end", size=9))
    for gi, (name, metrics) in enumerate(groups.items()):
        x0 = left + gi * group_w + (group_w - bar_w * len(series)) / 2
        for si, (metric, label) in enumerate(series):
            value = metrics.get(metric)
            x = x0 + si * bar_w
            if value is None:
                parts.append(_text(x + bar_w / 2, top + plot_h - 3, "–", size=9))
                continue
            h = plot_h * max(0.0, min(1.0, value))
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}"'
                f' fill="{COLOURS[si % len(COLOURS)]}"><title>{escape(f"{name} · {label}: {value:.3f}")}'
                "</title></rect>"
            )
        parts.append(_text(left + gi * group_w + group_w / 2, top + plot_h + 14, name, size=10))
    lx = left
    for si, (_, label) in enumerate(series):
        parts.append(f'<rect x="{lx}" y="{height - 14}" width="10" height="10" fill="{COLOURS[si]}"/>')
        parts.append(_text(lx + 14, height - 5, label, anchor="start", size=10))
        lx += 22 + 7 * len(label)
    parts.append("</svg>")
    return "".join(parts)


def histogram(title: str, values: list[float], unit: str = "ms", bins: int = 12, width: int = 680) -> str:
    """A histogram of `values` (e.g. latencies) in equal-width bins from 0 to the 99th percentile; the
    last bin also holds the few slower outliers, so one cold start does not squash the picture."""
    height, top, bottom, left = 220, 34, 36, 36
    plot_h = height - top - bottom
    parts = [
        f'<svg width="{width}" height="{height}" role="img"',
        f' aria-label="{escape(title)}" class="chart">',
        _text(width / 2, 16, title, size=13),
    ]
    if not values:
        parts.append(_text(width / 2, height / 2, "no data"))
        return "".join([*parts, "</svg>"])
    ordered = sorted(values)
    hi = ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)] or ordered[-1] or 1.0
    step = hi / bins
    counts = [0] * bins
    for v in values:
        counts[min(int(v / step), bins - 1)] += 1
    peak = max(counts)
    bin_w = (width - left - 10) / bins
    for tick in sorted({0, math.ceil(peak / 2), peak}):
        y = top + plot_h * (1 - tick / peak)
        parts.append(f'<line x1="{left}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(left - 4, y + 4, str(tick), anchor="end", size=9))
    for i, count in enumerate(counts):
        h = plot_h * count / peak
        x = left + i * bin_w
        lo_v, hi_v = i * step, (i + 1) * step
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{bin_w - 2:.1f}" height="{h:.1f}"'
            f' fill="{COLOURS[0]}"><title>{lo_v:.1f}–{hi_v:.1f} {unit}: {count}</title></rect>'
        )
        if i % 2 == 0:
            parts.append(_text(x + bin_w / 2, top + plot_h + 14, f"{lo_v:.3g}", size=9))
    over = sum(v > hi for v in values)
    note = f"; last bin includes {over} slower, up to {ordered[-1]:.1f}" if over else ""
    parts.append(_text(width / 2, height - 4, f"{unit} (bins of {step:.2g}{note})", size=10))
    parts.append("</svg>")
    return "".join(parts)
