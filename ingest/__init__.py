"""Ingestion: repair the damaged source, recover parts → measures → tasks, departments and targets.

Public surface: `build_plan(path) -> Plan`, `save_plan`, `load_plan`, and the data classes in `model`.
"""

from ingest.build import build_plan, load_plan, plan_from_text, save_plan
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
    "load_plan",
    "plan_from_text",
    "save_plan",
]
