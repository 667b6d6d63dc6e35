"""The plan picker and the page's names for what it answers from.

With several plans loaded the page offers 全部方案 (the library routes each question: to the plan it
names, else the closest, and the answer names the plan) or one plan (answers from that plan only).
With one plan the picker is never shown and the page is as it always was. The choice travels with
each chat question and is kept with the conversation (a reload restores it, 新访客 goes back to
全部方案); the plan browser and the department finder follow it when one plan is picked.

The header and the tab's title name the plans; the blocks are built before the library loads, so
they are read from the build folder (`ui.plan_names`) and refreshed from the library on page load.
"""

from __future__ import annotations

import gradio as gr

from ui.gradio_labels import Labels, display_script
from ui.plan_names import (
    ALL_PLANS,
    header,
    page_title,
    picker_choices,
    served_plans,
    serves_several,
)
from ui.service import Service

PICKER_LABEL = "方案"


class PlanPicker:
    def __init__(self, service: Service):
        self.service = service
        self.plans = served_plans(service)  # from the build folder: nothing is loaded yet
        self.several = serves_several(service)

    @property
    def title(self) -> str:
        return page_title(self.plans)

    def header(self) -> str:
        """The header's Markdown (simplified): the loaded plans' names once they are loaded."""
        return header(served_plans(self.service), serves_several(self.service))

    def render(self, labels: Labels) -> gr.Dropdown:
        self.dropdown = gr.Dropdown(
            picker_choices(self.plans), value=ALL_PLANS, label=PICKER_LABEL, show_label=False,
            interactive=True, visible=self.several, container=False, scale=0, min_width=250,
            elem_id="plan-pick",
        )  # fmt: skip
        return labels.add(self.dropdown, label=PICKER_LABEL)

    @staticmethod
    def chosen(value: str | None) -> str | None:
        """The plan id to ask (None: 全部方案, the library routes)."""
        return None if not value or value == ALL_PLANS else str(value)

    def refresh(self) -> tuple:
        """On page load: the header and the picker from the loaded library."""
        plans = served_plans(self.service)
        if len(plans) < 2:
            return self.header(), gr.skip()
        return self.header(), gr.update(choices=picker_choices(plans), visible=True)

    def relabel(self, choice: str | None):
        """The plans' names in the page's script (the values, plan ids, stay)."""
        return gr.update(choices=picker_choices(served_plans(self.service), display_script(choice)))

    def known(self, value: str | None) -> str:
        """A kept choice that is still a loaded plan (else 全部方案)."""
        ids = {p.id for p in served_plans(self.service)}
        return value if value in ids else ALL_PLANS
