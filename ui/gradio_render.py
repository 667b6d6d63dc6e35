"""HTML for the chat UI: answers with expandable citations, the plan tree, a department's tasks.

Every string that comes from a question, an answer or the plan goes through `safe`, which escapes
HTML and also turns ASCII punctuation into numeric character references: the chat renders Markdown,
and a character reference is literal text to a Markdown parser, so `![x](http://…)`, `<img …>`,
`$$…$$` or `1. ` in a question or a quote can never become an image, a tag, maths or a list.
"""

from __future__ import annotations

import string
from typing import Any

from bot.model import Answer
from ingest import Plan
from planqa.script import to_script
from ui.answer_text import label

_PUNCT = set(string.punctuation)


def safe(text: str) -> str:
    """Text → inert HTML: every ASCII punctuation mark as `&#NN;`, newlines as `<br>`."""
    out = "".join(f"&#{ord(ch)};" if ch in _PUNCT else ch for ch in text)
    return out.replace("\r", "").replace("\n", "<br>")


def question_html(question: str) -> str:
    return f'<div class="pq-q">{safe(question)}</div>'


def partial_html(text: str) -> str:
    """The answer while it streams in."""
    return f'<div class="pq-answer">{safe(text)}</div>'


def answer_html(answer: Answer) -> str:
    """The finished answer: text, citations as <details> with the quoted plan, departments."""
    s = answer.script
    parts = [f'<div class="pq-answer pq-final">{safe(answer.answer)}</div>']
    for n, c in enumerate(answer.citations, 1):
        parts.append(
            f'<details class="pq-cite"><summary>{label("出处", s)} {n}：{safe(c.section)} {safe(c.title)}</summary>'
            f"<blockquote>{safe(c.quote)}</blockquote></details>"
        )
    if answer.departments:
        names = "、".join(safe(d) for d in answer.departments)
        parts.append(f'<p class="pq-depts"><b>{label("责任部门", s)}</b>：{names}</p>')
    if answer.figures:
        parts.append(
            f'<p class="pq-figs"><b>{label("相关指标", s)}</b>：{"、".join(safe(f) for f in answer.figures)}</p>'
        )
    return "".join(parts)


def _depts(task: dict[str, Any], script: str) -> str:
    names = [
        f"<b>{safe(d[script])}</b>（{label('牵头', script)}）" if d["lead"] else safe(d[script])
        for d in task["departments"]
    ]
    return "、".join(names)


def _figures(targets: list[dict[str, Any]], script: str) -> str:
    """A task's figures, in the page's script (the plan writes them in traditional)."""
    return "".join(f'<span class="pq-fig">{safe(to_script(t["text"], script))}</span>' for t in targets)


def task_html(task: dict[str, Any], script: str, role: str | None = None) -> str:
    """One task line (from `plan_view.task`): id, text, departments, figures."""
    badge = (
        f'<span class="pq-role">{label("牵头" if role == "lead" else "参与", script)}</span> ' if role else ""
    )
    return (
        f'<li class="pq-task">{badge}<code>{safe(task["id"])}</code> {safe(task["text"][script])}'
        f'<div class="pq-meta">{_depts(task, script)} {_figures(task["targets"], script)}</div></li>'
    )


def plan_html(plan: Plan, script: str) -> str:
    """Parts → measures → tasks as nested <details>, for the plan browser."""
    from ui import plan_view

    out = [f'<h3 class="pq-title">{safe(plan.title.in_script(script))}</h3>']
    for part in plan.parts:
        count = sum(len(m.tasks) for m in part.measures)
        out.append(
            f'<details class="pq-part"><summary>{safe(part.id)} {safe(part.title.in_script(script))}'
            f" <small>（{count} {label('项任务', script)}）</small></summary>"
        )
        for m in part.measures:
            out.append(
                f'<details class="pq-measure"><summary>{safe(m.id)} {safe(m.title.in_script(script))}'
                f" <small>（{len(m.tasks)}）</small></summary>"
            )
            if m.lead.hant:
                out.append(f'<p class="pq-lead">{safe(m.lead.in_script(script))}</p>')
            tasks = "".join(task_html(plan_view.task(plan, t), script) for t in m.tasks)
            out.append(f"<ol>{tasks}</ol></details>")
        out.append("</details>")
    return "".join(out)


def department_html(dept: dict[str, Any], script: str) -> str:
    """Every task a unit leads or joins (from `plan_view.department`)."""
    head = (
        f"<h3>{safe(dept[script])}</h3><p>{label('牵头', script)} {len(dept['leads'])} · "
        f"{label('参与', script)} {len(dept['joins'])}</p>"
    )
    rows, current = [], None
    for t in dept["tasks"]:
        if t["measure"] != current:
            rows.append(
                ("</ul>" if current else "")
                + f"<h4><code>{safe(t['measure'])}</code> {safe(t['title'][script])}</h4><ul>"
            )
            current = t["measure"]
        rows.append(task_html(t, script, t["role"]))
    rows.append("</ul>" if current else "")
    return head + "".join(rows)


def hits_html(hits: list[dict[str, Any]]) -> str:
    if not hits:
        return "<p>—</p>"
    return "<ol>" + "".join(
        f'<li><code>{safe(h["section"])}</code> <b>{safe(h["title"])}</b><br>{safe(h["text"])}</li>' for h in hits
    ) + "</ol>"  # fmt: skip
