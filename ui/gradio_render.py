"""HTML for the chat UI: answers with expandable citations, the plan tree, a department's tasks.

Every string that comes from a question, an answer or the plan goes through `safe`, which escapes
HTML and also turns ASCII punctuation into numeric character references: the chat renders Markdown,
and a character reference is literal text to a Markdown parser, so `![x](http://…)`, `<img …>`,
`$$…$$` or `1. ` in a question or a quote can never become an image, a tag, maths or a list.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

from bot.markers import section_label
from bot.model import Answer
from ingest import Plan
from planqa.script import to_script
from ui import answer_parts
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


def section_anchor(section: str) -> str:
    """The id of a section's element in the plan browser (a link to it opens the browser there)."""
    return "sec-" + section.replace(".", "-")


def _open_link(text: str, section: str, plan_id: str = "") -> str:
    """A link that opens the plan browser on `section`; with several plans loaded the link names its
    plan after an @ (#sec-2-5-4@minhang-2025: the chat's sanitiser keeps an href, not data-*)."""
    target = section_anchor(section) + (f"@{plan_id}" if plan_id else "")
    return f'<a class="pq-open" href="#{safe(target)}">{safe(text)}</a>'


def _lead_html(plan: Plan, line: str, plan_id: str = "") -> str:
    """A lead line with every 【section】 it names made a link into the plan browser."""
    return "".join(
        _open_link(piece, sid, plan_id) if sid else safe(piece)
        for piece, sid in answer_parts.marked_sections(plan, line)
    )


def source_html(src: answer_parts.Source, script: str, own_units: bool = True, several: bool = False) -> str:
    """One quote as a source card: the plan's numbering, the quote, its units (when they are not
    just the answer's own department line again), a link to the section. With several plans
    loaded, the card names the plan the quote is from and its link opens that plan."""
    depts = "、".join(safe(d) for d in src.departments) if own_units else ""
    citation = src.citation
    named = several and citation.plan_title
    plan_name = f'<span class="pq-plan-name">《{safe(citation.plan_title)}》</span> ' if named else ""
    return (
        f'<div class="pq-source"><div class="pq-source-head"><span class="pq-n">[{src.number}]</span> '
        f"{plan_name}{safe(src.label)}</div><blockquote>{safe(citation.quote)}</blockquote>"
        f'<div class="pq-source-foot">{depts and label("本条负责：", script) + depts} '
        f"{_open_link(label('在方案中查看 ›', script), citation.section, citation.plan if several else '')}"
        "</div></div>"
    )


def answer_html(answer: Answer, plan: Plan, plans: Mapping[str, Plan] | None = None) -> str:
    """The finished answer: the lead, each quote once as a numbered source card, one department line.
    `plans` (id → plan) is given when several plans are loaded: each card then names its plan, and
    the lead's 【section】 links open the plan each part of the answer is from."""
    script = "hant" if answer.script == "en" else answer.script
    parts = answer_parts.split(answer, plan, plans)
    lead = "<br>".join(_lead_lines(parts.lead, answer, plan, plans))
    out = [f'<div class="pq-answer pq-final">{lead}</div>']
    answer_units = set(answer.departments)
    out.extend(
        source_html(src, script, {d.split("（")[0] for d in src.departments} != answer_units, bool(plans))
        for src in parts.sources
    )
    if parts.departments:
        out.append(f'<p class="pq-depts">{safe(parts.departments)}</p>')
    return "".join(out)


def _lead_lines(lines: list[str], answer: Answer, plan: Plan, plans: Mapping[str, Plan] | None) -> list[str]:
    """The lead's lines as HTML; with several plans, a line 《short title》 (a library names the plan
    each part of an answer is from) switches the plan the following 【section】 links open."""
    if not plans:
        return [_lead_html(plan, line) for line in lines]
    titles = {t: pid for pid, p in plans.items() for t in (p.short_title.hans, p.short_title.hant)}
    current = next((pid for pid in answer.plans if pid in plans), "")
    out = []
    for line in lines:
        named = re.fullmatch(r"《(.+)》", line.strip())
        current = titles.get(named.group(1), current) if named else current
        out.append(_lead_html(plans.get(current, plan), line, current))
    return out


def _depts(task: dict[str, Any], script: str) -> str:
    names = [
        f"<b>{safe(d[script])}</b>（{label('牵头', script)}）" if d["lead"] else safe(d[script])
        for d in task["departments"]
    ]
    return "、".join(names)


def _figures(targets: list[dict[str, Any]], script: str) -> str:
    """A task's figures, in the page's script (the plan writes them in traditional)."""
    return "".join(f'<span class="pq-fig">{safe(to_script(t["text"], script))}</span>' for t in targets)


def task_html(
    task: dict[str, Any], script: str, role: str | None = None, name: str = "", plan_id: str = ""
) -> str:
    """One task line (from `plan_view.task`): its name where the list does not number it, the text,
    departments and figures; its id is the anchor the chat's sources open."""
    word = {"lead": "牵头", "sole": "负责", "join": "参与"}.get(role or "")
    badge = f'<span class="pq-role">{label(word, script)}</span> ' if word else ""
    head = f"{_open_link(name, task['id'], plan_id)} " if name else ""
    return (
        f'<li class="pq-task" id="{section_anchor(task["id"])}">{badge}{head}{safe(task["text"][script])}'
        f'<div class="pq-meta">{_depts(task, script)} {_figures(task["targets"], script)}</div></li>'
    )


def plan_html(plan: Plan, script: str, plan_id: str = "") -> str:
    """Parts → measures → tasks as nested <details>, numbered as the plan numbers them (二、 （五） 4.);
    with several plans loaded the tree is marked with its plan's id (`plan_id`), so a link to a
    section of another plan knows to switch the browser first."""
    from ui import plan_view

    out = [f'<div class="pq-plan" data-plan="{safe(plan_id)}">'] if plan_id else []
    out.append(f'<h3 class="pq-title">{safe(plan.title.in_script(script))}</h3>')
    for part in plan.parts:
        count = sum(len(m.tasks) for m in part.measures)
        out.append(
            f'<details class="pq-part" id="{section_anchor(part.id)}">'
            f"<summary>{safe(section_label(plan, part.id, script))}"
            f" <small>（{count} {label('项任务', script)}）</small></summary>"
        )
        for m in part.measures:
            number = section_label(plan, m.id, script).split("、", 1)[1]
            out.append(
                f'<details class="pq-measure" id="{section_anchor(m.id)}"><summary>{safe(number)}'
                f" <small>（{len(m.tasks)}）</small></summary>"
            )
            if m.lead.hant:
                out.append(f'<p class="pq-lead">{safe(m.lead.in_script(script))}</p>')
            tasks = "".join(task_html(plan_view.task(plan, t), script) for t in m.tasks)
            out.append(f"<ol>{tasks}</ol></details>")
        out.append("</details>")
    out.append("</div>" if plan_id else "")
    return "".join(out)


def department_html(plan: Plan, dept: dict[str, Any], script: str, plan_id: str = "") -> str:
    """Every task a unit leads or joins (from `plan_view.department`), under its measure."""
    head = (
        f"<h3>{safe(dept[script])}</h3><p>{label('牵头', script)} {len(dept['leads'])} · "
        f"{label('负责', script)} {len(dept['sole'])} · "
        f"{label('参与', script)} {len(dept['joins']) - len(dept['sole'])}</p>"
    )
    rows, current = [], None
    for t in dept["tasks"]:
        if t["measure"] != current:
            title = _open_link(section_label(plan, t["measure"], script), t["measure"], plan_id)
            rows.append(("</ul>" if current else "") + f"<h4>{title}</h4><ul>")
            current = t["measure"]
        name = label(f"第{t['id'].rsplit('.', 1)[1]}项", script)
        rows.append(task_html(t, script, t["role"], name, plan_id))
    rows.append("</ul>" if current else "")
    return head + "".join(rows)


def hits_html(plan: Plan, hits: list[dict[str, Any]], script: str, plan_id: str = "") -> str:
    """Search hits, best first, each named by the plan's numbering and opening its section."""
    return (
        '<ol class="pq-hits">'
        + "".join(
            f"<li>{_open_link(answer_parts.numbered_label(plan, h['section'], script), h['section'], plan_id)}"
            f"<br>{safe(h['text'])}</li>"
            for h in hits
        )
        + "</ol>"
    )
