"""The regression gate's thresholds, in one place: the gate test, the CLI and the report all read them.

The answer is gated on its first citation (`hit@1`, the answers issue); retrieval on its first and
first three retrieved sections (`retrieval_hit@1`, `retrieval_hit@3`, the retrieval issue). `hit@3`
on citations is reported beside them but not gated. A metric that does not apply to the test set (None)
neither passes nor fails the gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# metric → (comparison, threshold)
THRESHOLDS: dict[str, tuple[str, float]] = {
    "hit@1": (">=", 0.95),
    "retrieval_hit@1": (">=", 0.95),
    "retrieval_hit@3": (">=", 0.99),
    "citation_precision": (">=", 0.90),
    "fact_recall": (">=", 0.95),
    "refusal_unanswerable": (">=", 0.95),
    "false_refusal": ("<=", 0.03),
    "script_match": (">=", 0.95),
    "answer_len_median": ("<=", 300),
    "dept_all_recall": (">=", 0.95),
}


@dataclass(frozen=True)
class GateRow:
    metric: str
    value: float | None
    op: str
    threshold: float

    @property
    def ok(self) -> bool | None:
        """True/False against the threshold; None when the metric did not apply."""
        if self.value is None:
            return None
        return self.value >= self.threshold if self.op == ">=" else self.value <= self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "value": self.value,
            "op": self.op,
            "threshold": self.threshold,
            "ok": self.ok,
        }


def gate(metrics: dict[str, Any]) -> list[GateRow]:
    """One row per gated metric, in the thresholds' order."""
    return [GateRow(m, metrics.get(m), op, t) for m, (op, t) in THRESHOLDS.items()]


def gate_table(rows: list[GateRow]) -> str:
    """A plain-text table of the gate, printed by the CLI and by the gate test when it fails."""
    lines = [f"{'metric':<22}{'value':>10}  {'needs':<10}status"]
    for row in rows:
        value = "—" if row.value is None else f"{row.value:.3f}"
        status = {True: "ok", False: "FAIL", None: "n/a"}[row.ok]
        lines.append(f"{row.metric:<22}{value:>10}  {row.op} {row.threshold:<7}{status}")
    return "\n".join(lines)
