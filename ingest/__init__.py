"""Ingestion: repair the damaged source, recover parts → measures → tasks, departments and targets.

Public surface: `build_plan(path) -> Plan`, `save_plan`, `load_plan`, `current_plan` (load, rebuilding a
stale build), and the data classes in `model`.
"""

from ingest.build import build_plan, current_plan, load_plan, plan_from_text, plan_is_current, save_plan
from ingest.model import Department, DepartmentRef, Measure, Part, Plan, Repair, Target, Task, Text

__all__ = [
    "Department",
    "DepartmentRef",
    "Measure",
    "Part",
    "Plan",
    "Repair",
    "Target",
    "Task",
    "Text",
    "build_plan",
    "current_plan",
    "load_plan",
    "plan_from_text",
    "plan_is_current",
    "save_plan",
]
