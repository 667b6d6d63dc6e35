"""Browse routes for service-hall staff: the section tree, one section, departments and their tasks."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from ui import plan_view
from ui.deps import service
from ui.schemas import ErrorOut, PlanOut
from ui.service import Service

router = APIRouter(
    prefix="/api", tags=["plan"], responses={404: {"model": ErrorOut}, 503: {"model": ErrorOut}}
)


PLAN = Query(None, max_length=100, description="A plan's id (GET /api/plans); default: the default plan.")


@router.get("/plans", response_model=list[PlanOut])
def plans(svc: Service = Depends(service)) -> list[dict]:
    """The library's plans, in their stable order: id, titles, district, year, issuer, 文号, tasks."""
    return svc.plans()


@router.get("/sections")
def sections(plan: str | None = PLAN, svc: Service = Depends(service)) -> dict:
    """A plan's tree: preamble "0", parts "1".."5", their measures and task ids."""
    return plan_view.tree(svc.pipeline_for(plan).plan)


@router.get("/sections/{section_id}")
def section(section_id: str, plan: str | None = PLAN, svc: Service = Depends(service)) -> dict:
    """One part, measure or task in full (both scripts), with its tasks, departments and targets."""
    return plan_view.section(svc.pipeline_for(plan).plan, section_id)


@router.get("/departments")
def departments(plan: str | None = PLAN, svc: Service = Depends(service)) -> list[dict]:
    """Every responsible unit a plan names, with how many tasks it leads and joins."""
    return plan_view.departments(svc.pipeline_for(plan).plan)


@router.get("/departments/{name}")
def department(name: str, plan: str | None = PLAN, svc: Service = Depends(service)) -> dict:
    """A unit (traditional or simplified name) and every task it leads or joins."""
    chosen = svc.pipeline_for(plan).plan
    return plan_view.department(chosen, plan_view.find_department(chosen, name))
