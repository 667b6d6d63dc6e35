"""`/api/ask`, `/api/ask/stream` and `/api/search`: thin wrappers over the pipeline and retriever."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from ui.answer_text import chunks
from ui.deps import service
from ui.schemas import AnswerOut, AskRequest, ErrorOut, SearchOut
from ui.search import search
from ui.service import Service

ERRORS = {code: {"model": ErrorOut} for code in (404, 422, 500, 503)}
router = APIRouter(prefix="/api", tags=["questions"], responses=ERRORS)


@router.post("/ask", response_model=AnswerOut)
def ask(body: AskRequest, svc: Service = Depends(service)) -> dict:
    """Answer a question from the plan, with citations (section, title, verbatim quote) and departments."""
    return svc.answer(body.question, body.history_dicts(), body.script, body.plan).to_dict()


@router.post(
    "/ask/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "`chunk` events, then `done`"}},
)
def ask_stream(body: AskRequest, svc: Service = Depends(service)) -> StreamingResponse:
    """Server-Sent Events: `chunk` events carry the answer text piece by piece, the final `done` event
    the whole answer with citations and departments. Bad questions fail before the stream starts."""
    answer = svc.answer(body.question, body.history_dicts(), body.script, body.plan)

    def events() -> Iterator[str]:
        for piece in chunks(answer.answer):
            yield sse("chunk", {"text": piece})
        yield sse("done", answer.to_dict())

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


@router.get("/search", response_model=SearchOut)
def search_plan(
    q: str = Query(..., min_length=1, max_length=500, description="What to look for."),
    k: int = Query(8, ge=1, le=50, description="How many hits."),
    script: str = Query("hans", pattern="^(hans|hant)$"),
    plan: str | None = Query(
        None, max_length=100, description="A plan's id; default: the one the query would be asked of."
    ),
    svc: Service = Depends(service),
) -> dict:
    """Rank a plan's sections and tasks for a query (the index's retriever; a bigram fallback without it)."""
    query = svc.check_question(q)
    plan_id, pipeline = svc.search_target(query, plan)
    method, hits = search(pipeline.plan, getattr(pipeline, "retriever", None), query, k, script)
    return {"query": query, "method": method, "hits": hits, "plan": plan_id}


def sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
