"""Browse routes for service-hall staff: the section tree, one section, departments and their tasks."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from ui import plan_view
from ui.deps import service
from ui.schemas import ErrorOut
from ui.service import Service

router = APIRouter(
    prefix="/api", tags=["plan"], responses={404: {"model": ErrorOut}, 503: {"model": ErrorOut}}
)


@router.get("/sections")
def sections(svc: Service = Depends(service)) -> dict:
    """The plan's tree: preamble "0", parts "1".."5", their measures and task ids."""
    return plan_view.tree(svc.plan)


@router.get("/sections/{section_id}")
def section(section_id: str, svc: Service = Depends(service)) -> dict:
    """One part, measure or task in full (both scripts), with its tasks, departments and targets."""
    return plan_view.section(svc.plan, section_id)


@router.get("/departments")
def departments(svc: Service = Depends(service)) -> list[dict]:
    """Every responsible unit the plan names, with how many tasks it leads and joins."""
    return plan_view.departments(svc.plan)


@router.get("/departments/{name}")
def department(name: str, svc: Service = Depends(service)) -> dict:
    """A unit (traditional or simplified name) and every task it leads or joins."""
    plan = svc.plan
    return plan_view.department(plan, plan_view.find_department(plan, name))
