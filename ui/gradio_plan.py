"""The staff's two tabs: the plan browser (the whole tree, and a topic search on the served index) and
the department finder (every unit, sorted, found by any name a clerk might type).

The finder's radio values are the plan's own (traditional) unit names, so switching 简/繁 changes
only what is shown; a search that matches nothing empties the list and the unit's tasks, and says so.

With several plans loaded each tab has a plan of its own to show (a dropdown, the default plan at
first): it follows the chat's plan picker when one plan is picked, and the two tabs follow each
other. A link to a section of another plan (a source card's 在方案中查看) switches the browser to
that plan first (`#open-plan`, written by `static/open_section.js`).
"""

from __future__ import annotations

import gradio as gr

from planqa.errors import NotFoundError
from ui import gradio_render as render
from ui import plan_view
from ui.answer_text import label
from ui.gradio_labels import Labels, display_script
from ui.gradio_render import safe
from ui.plan_names import (
    ALL_PLANS,
    PlanName,
    browse_choices,
    default_plan,
    library_plans,
    served_plans,
    serves_several,
)
from ui.search import search_plan
from ui.service import Service

SEARCH_HITS = 8
NEAREST_WHEN_NO_MATCH = 3
MAX_QUERY_CHARS = 200


class PlanPanels:
    def __init__(self, service: Service, plans: list[PlanName] | None = None, several: bool | None = None):
        """`plans`, `several`: the page's plans as the picker read them (else read here)."""
        self.service = service
        self.plans = served_plans(service) if plans is None else plans  # before the library loads
        self.several = serves_several(service) if several is None else several

    def _plan_dropdown(self, labels: Labels, elem_id: str) -> gr.Dropdown:
        text = "显示的方案"
        dropdown = gr.Dropdown(
            browse_choices(self.plans), value=default_plan(self.plans, self.service.settings),
            label=text, visible=self.several, interactive=True, elem_id=elem_id,
        )  # fmt: skip
        return labels.add(dropdown, label=text)

    def render_browser(self, labels: Labels) -> None:
        self.browse_plan = self._plan_dropdown(labels, "browse-plan")
        if self.several:  # a link's plan, set by static/open_section.js
            self.open_plan = gr.Textbox(visible="hidden", elem_id="open-plan")
        with gr.Row(equal_height=True):
            self.query = gr.Textbox(
                label="按主题查找", placeholder="如：纳税、招投标、知识产权", scale=4, elem_id="plan-query"
            )
            labels.add(self.query, label="按主题查找", placeholder="如：纳税、招投标、知识产权")
            self.find = labels.add(gr.Button("查找", scale=1, elem_id="plan-find"), value="查找")
        self.hits = gr.HTML(elem_id="plan-hits")
        self.tree = gr.HTML(elem_id="plan-tree")

    def render_finder(self, labels: Labels) -> None:
        self.dept_plan = self._plan_dropdown(labels, "dept-plan")
        hint = "输入部门全称或简称，简繁均可，如：人力资源社会保障局、区人社局"
        self.dept_query = gr.Textbox(label="查找部门", placeholder=hint, elem_id="dept-query")
        labels.add(self.dept_query, label="查找部门", placeholder=hint)
        self.dept = gr.Radio(choices=[], label="责任单位（区级部门在前，按拼音排序）", elem_id="dept-pick")
        labels.add(self.dept, label="责任单位（区级部门在前，按拼音排序）")
        self.dept_view = gr.HTML(elem_id="dept-view")

    def wire(self, demo: gr.Blocks, script: gr.Radio) -> None:
        hidden = {"api_visibility": "private"}
        finder = [script, self.dept_query, self.dept, self.dept_plan]
        browser = [script, self.browse_plan]
        for name, trigger in (("load", demo.load), ("script", script.change)):
            trigger(self.plan_tree, browser, [self.tree], api_name=f"{name}_plan_tree", **hidden).then(
                self.find_units, finder, [self.dept, self.dept_view], api_name=f"{name}_units", **hidden
            )
        if self.several:
            self._wire_plans(script, finder, hidden)
        gr.on(
            [self.dept_query.submit, self.dept_query.change],
            self.find_units,
            finder,
            [self.dept, self.dept_view],
            api_name="find_departments",
            **hidden,
        )
        self.dept.input(
            self.unit_tasks,
            [script, self.dept, self.dept_plan],
            [self.dept_view],
            api_name="department_tasks",
        )
        gr.on(
            [self.find.click, self.query.submit],
            self.search,
            [script, self.query, self.browse_plan],
            [self.hits],
            api_name="search",
        )

    def _wire_plans(self, script: gr.Radio, finder: list, hidden: dict) -> None:
        """Each tab redrawn for its plan; the two tabs' plans kept alike; a link's plan opened."""
        browser = [script, self.browse_plan]
        self.browse_plan.change(self.plan_tree, browser, [self.tree], **hidden).then(
            self.search, [script, self.query, self.browse_plan], [self.hits], **hidden
        )
        self.dept_plan.change(self.find_units, finder, [self.dept, self.dept_view], **hidden)
        self.browse_plan.input(lambda v: v, [self.browse_plan], [self.dept_plan], **hidden)
        self.dept_plan.input(lambda v: v, [self.dept_plan], [self.browse_plan], **hidden)
        self.open_plan.change(self.opened_plan, [self.open_plan], [self.browse_plan], **hidden)
        script.change(self.relabel, [script], [self.browse_plan, self.dept_plan], **hidden)

    def follow(self, picked: str | None) -> tuple:
        """The chat's picker chose a plan: both tabs show it (全部方案 leaves them as they are)."""
        if not picked or picked == ALL_PLANS:
            return gr.skip(), gr.skip()
        return gr.update(value=picked), gr.update(value=picked)

    def refresh(self) -> tuple:
        """On page load: the loaded library's plans (a plan built since the page was made is named)."""
        plans = library_plans(self.service.library)
        default = self.service.library.default_id
        updates = [gr.update(choices=browse_choices(plans), visible=len(plans) > 1) for _ in range(2)]
        if not self.plans:
            updates = [gr.update(choices=browse_choices(plans), visible=len(plans) > 1, value=default)] * 2
        return tuple(updates)

    def relabel(self, choice: str | None) -> tuple:
        plans = served_plans(self.service)
        return tuple(gr.update(choices=browse_choices(plans, display_script(choice))) for _ in range(2))

    @staticmethod
    def opened_plan(value: str | None):
        """`#open-plan` holds "plan-id|nonce" (the nonce makes a second click on it an input too)."""
        plan_id = (value or "").split("|", 1)[0].strip()
        return gr.update(value=plan_id) if plan_id else gr.skip()

    def _pipeline(self, plan_id: str | None):
        """The pipeline of the plan a tab shows (the default plan's for none or a plan since gone)."""
        try:
            return self.service.pipeline_for(plan_id or None)
        except NotFoundError:
            return self.service.pipeline_for(None)

    def _mark(self, plan_id: str | None) -> str:
        """The plan id the HTML carries: only when several plans are loaded (one plan: as before)."""
        library = self.service.library
        if library is None or len(library.plans) < 2:
            return ""
        return plan_id if plan_id in {i.id for i in library.plans} else library.default_id

    def plan_tree(self, choice: str, plan_id: str | None = None) -> str:
        plan = self._pipeline(plan_id).plan
        return render.plan_html(plan, display_script(choice), self._mark(plan_id))

    def find_units(self, choice: str, query: str | None, current: str | None, plan_id: str | None = None):
        """The units the query names, as radio choices; the unit's tasks when exactly one is left (or
        the chosen one still is); a plain message, and nothing else, when none is."""
        plan, script = self._pipeline(plan_id).plan, display_script(choice)
        units = plan_view.matching_departments(plan, query or "")
        choices = [(d.name.in_script(script), d.name.hant) for d in units]
        if not units:
            said = safe((query or "").strip())
            text = label(f"没有找到与“{said}”相符的部门，请换个说法（全称、简称均可）。", script)
            return gr.update(choices=[], value=None), f'<p class="pq-nomatch">{text}</p>'
        names = [d.name.hant for d in units]
        value = names[0] if len(names) == 1 else (current if current in names else None)
        return gr.update(choices=choices, value=value), self.unit_tasks(choice, value, plan_id)

    def unit_tasks(self, choice: str, name: str | None, plan_id: str | None = None) -> str:
        if not name:
            return ""
        plan = self._pipeline(plan_id).plan
        try:
            unit = plan_view.department(plan, plan_view.find_department(plan, name))
        except NotFoundError:  # a unit of the plan shown before the switch
            return ""
        return render.department_html(plan, unit, display_script(choice), self._mark(plan_id))

    def search(self, choice: str, query: str | None, plan_id: str | None = None) -> str:
        """Hits from the served index, or "no close match" with the nearest few, said as such."""
        query = (query or "").strip()[:MAX_QUERY_CHARS]
        if not query:
            return ""
        pipeline, script, mark = self._pipeline(plan_id), display_script(choice), self._mark(plan_id)
        plan = pipeline.plan
        result = search_plan(plan, getattr(pipeline, "retriever", None), query, SEARCH_HITS, script)
        if result.close and result.hits:
            return render.hits_html(plan, result.hits, script, mark)
        said = label(f"方案中没有与“{safe(query)}”相近的内容。", script)
        nearest = result.hits[:NEAREST_WHEN_NO_MATCH]
        more = (
            label("相关性较低，仅供参考：", script) + render.hits_html(plan, nearest, script, mark)
            if nearest
            else ""
        )
        return f'<div class="pq-nomatch"><p><b>{said}</b></p>{more}</div>'
