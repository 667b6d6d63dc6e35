"""`/api/feedback` (durable 👍/👎) and `/api/health` (what is loaded, from which inputs)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from ui.deps import service
from ui.schemas import ErrorOut, FeedbackOut, FeedbackRequest
from ui.service import Service

router = APIRouter(prefix="/api", tags=["service"], responses={c: {"model": ErrorOut} for c in (422, 507)})


@router.post("/feedback", response_model=FeedbackOut, status_code=201)
def feedback(body: FeedbackRequest, svc: Service = Depends(service)) -> dict:
    """Store a rating of an answer; the row is committed before this returns."""
    row = svc.feedback.add(body.question, body.answer, body.score(), body.comment, source="api")
    return {"id": row, "stored": True}


@router.get("/health")
def health(svc: Service = Depends(service)) -> JSONResponse:
    """Readiness and provenance: version, plan sha256, embedder, the index manifest when there is one
    (without library versions)."""
    index = getattr(svc.retriever, "index", None)
    manifest: Any = getattr(index, "manifest", None)
    body = {
        "status": "ok" if svc.ready else "starting",
        "version": _version(),
        "plan_sha256": svc.plan_sha256(),
        "source_sha256": svc.pipeline.plan.source_sha256 if svc.ready else None,
        "embedder": svc.settings.embedder,
        "retriever": type(svc.retriever).__name__ if svc.retriever is not None else None,
        "retriever_error": svc.load_error,
        "index": _public(manifest),
        "startup_s": svc.started_s,
        "plans": [p.id for p in svc.library.plans] if svc.ready else [],  # the default plan's is the rest
    }
    return JSONResponse(body, status_code=200 if svc.ready else 503)


def _public(manifest: Any) -> Any:
    """The index manifest without its library versions: provenance (hashes, embedder, build time) is
    public, what software serves it is not an unauthenticated caller's business."""
    if not isinstance(manifest, dict):
        return manifest
    return {k: v for k, v in manifest.items() if k != "versions"}


def _version() -> str:
    try:
        return version("plan-qa")
    except PackageNotFoundError:
        return "unknown"
