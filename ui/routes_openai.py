"""An OpenAI-compatible API under `/v1`, so chat clients and SDKs can talk to the plan.

The last user message is the question, earlier user messages its history; every message, of any role,
is held to the caps of `ui.limits.check_history`. Citations and departments travel inside the message
text (OpenAI's format has no place for them).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from planqa.errors import BadQuestionError
from ui.answer_text import chunks, full_text
from ui.deps import service
from ui.schemas import ChatRequest, ErrorOut
from ui.service import Service

MODEL = "plan-qa"
router = APIRouter(prefix="/v1", tags=["openai"], responses={422: {"model": ErrorOut}})


@router.get("/models")
def models() -> dict:
    return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "plan-qa"}]}


@router.post("/chat/completions")
def chat_completions(body: ChatRequest, svc: Service = Depends(service)):
    """Chat completions, streaming (`stream: true`, SSE chunks then `[DONE]`) or not."""
    messages = [{"role": m.role, "content": m.text()} for m in body.messages]
    users = [i for i, m in enumerate(messages) if m["role"] == "user"]
    if not users:
        raise BadQuestionError("对话中没有用户提问。", "The conversation has no user message.")
    svc.check_history(messages[: users[-1]] + messages[users[-1] + 1 :])  # every message is capped
    answer = svc.answer(messages[users[-1]]["content"], [messages[i]["content"] for i in users[:-1]])
    text = full_text(answer)
    cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
    if body.stream:
        return StreamingResponse(_stream(cid, created, text), media_type="text/event-stream")
    return {
        "id": cid,
        "object": "chat.completion",
        "created": created,
        "model": MODEL,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


def _stream(cid: str, created: int, text: str) -> Iterator[str]:
    def chunk(delta: dict, finish: str | None = None) -> str:
        data = {
            "id": cid,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for piece in chunks(text):
        yield chunk({"content": piece})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"
