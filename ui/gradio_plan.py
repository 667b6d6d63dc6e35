"""The staff's two tabs: the plan browser (the whole tree, and a topic search on the served index) and
the department finder (every unit, sorted, found by any name a clerk might type).

The finder's radio values are the plan's own (traditional) unit names, so switching 简/繁 changes
only what is shown; a search that matches nothing empties the list and the unit's tasks, and says so.
"""

from __future__ import annotations

import gradio as gr

from ui import gradio_render as render
from ui import plan_view
from ui.answer_text import label
from ui.gradio_labels import Labels, display_script
from ui.gradio_render import safe
from ui.search import search_plan
from ui.service import Service

SEARCH_HITS = 8
NEAREST_WHEN_NO_MATCH = 3
MAX_QUERY_CHARS = 200


class PlanPanels:
    def __init__(self, service: Service):
        self.service = service

    def render_browser(self, labels: Labels) -> None:
        with gr.Row(equal_height=True):
            self.query = gr.Textbox(
                label="按主题查找", placeholder="如：纳税、招投标、知识产权", scale=4, elem_id="plan-query"
            )
            labels.add(self.query, label="按主题查找", placeholder="如：纳税、招投标、知识产权")
            self.find = labels.add(gr.Button("查找", scale=1, elem_id="plan-find"), value="查找")
        self.hits = gr.HTML(elem_id="plan-hits")
        self.tree = gr.HTML(elem_id="plan-tree")

    def render_finder(self, labels: Labels) -> None:
        hint = "输入部门全称或简称，简繁均可，如：人力资源社会保障局、区人社局"
        self.dept_query = gr.Textbox(label="查找部门", placeholder=hint, elem_id="dept-query")
        labels.add(self.dept_query, label="查找部门", placeholder=hint)
        self.dept = gr.Radio(choices=[], label="责任单位（区级部门在前，按拼音排序）", elem_id="dept-pick")
        labels.add(self.dept, label="责任单位（区级部门在前，按拼音排序）")
        self.dept_view = gr.HTML(elem_id="dept-view")

    def wire(self, demo: gr.Blocks, script: gr.Radio) -> None:
        hidden = {"api_visibility": "private"}
        finder = [script, self.dept_query, self.dept]
        for name, trigger in (("load", demo.load), ("script", script.change)):
            trigger(self.plan_tree, [script], [self.tree], api_name=f"{name}_plan_tree", **hidden).then(
                self.find_units, finder, [self.dept, self.dept_view], api_name=f"{name}_units", **hidden
            )
        gr.on(
            [self.dept_query.submit, self.dept_query.change],
            self.find_units,
            finder,
            [self.dept, self.dept_view],
            api_name="find_departments",
            **hidden,
        )
        self.dept.input(self.unit_tasks, [script, self.dept], [self.dept_view], api_name="department_tasks")
        gr.on(
            [self.find.click, self.query.submit],
            self.search,
            [script, self.query],
            [self.hits],
            api_name="search",
        )

    def plan_tree(self, choice: str) -> str:
        return render.plan_html(self.service.plan, display_script(choice))

    def find_units(self, choice: str, query: str | None, current: str | None):
        """The units the query names, as radio choices; the unit's tasks when exactly one is left (or
        the chosen one still is); a plain message, and nothing else, when none is."""
        plan, script = self.service.plan, display_script(choice)
        units = plan_view.matching_departments(plan, query or "")
        choices = [(d.name.in_script(script), d.name.hant) for d in units]
        if not units:
            said = safe((query or "").strip())
            text = label(f"没有找到与“{said}”相符的部门，请换个说法（全称、简称均可）。", script)
            return gr.update(choices=[], value=None), f'<p class="pq-nomatch">{text}</p>'
        names = [d.name.hant for d in units]
        value = names[0] if len(names) == 1 else (current if current in names else None)
        return gr.update(choices=choices, value=value), self.unit_tasks(choice, value)

    def unit_tasks(self, choice: str, name: str | None) -> str:
        if not name:
            return ""
        plan = self.service.plan
        unit = plan_view.department(plan, plan_view.find_department(plan, name))
        return render.department_html(plan, unit, display_script(choice))

    def search(self, choice: str, query: str | None) -> str:
        """Hits from the served index, or "no close match" with the nearest few, said as such."""
        query = (query or "").strip()[:MAX_QUERY_CHARS]
        if not query:
            return ""
        script, plan = display_script(choice), self.service.plan
        result = search_plan(plan, self.service.retriever, query, SEARCH_HITS, script)
        if result.close and result.hits:
            return render.hits_html(plan, result.hits, script)
        said = label(f"方案中没有与“{safe(query)}”相近的内容。", script)
        nearest = result.hits[:NEAREST_WHEN_NO_MATCH]
        more = (
            label("相关性较低，仅供参考：", script) + render.hits_html(plan, nearest, script)
            if nearest
            else ""
        )
        return f'<div class="pq-nomatch"><p><b>{said}</b></p>{more}</div>'
