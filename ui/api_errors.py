"""Every error leaves the API as `{"error", "message_zh", "message_en"}` — never as a traceback.

Domain errors carry their own messages and status; request-shape errors (bad JSON, wrong types,
missing fields) are described from pydantic's error list; anything unexpected is logged here and
answered with a generic 500.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from planqa.errors import PlanQAError

log = logging.getLogger("planqa.api")

HTTP_MESSAGES = {
    400: (
        "请求体无法解析（须为 UTF-8 编码的 JSON）。",
        "The request body cannot be parsed (it must be UTF-8 JSON).",
    ),
    403: (
        "这个地址已关闭（本服务没有上传等功能）。",
        "This path is closed (the service has no uploads or the like).",
    ),
    404: ("没有这个地址。", "No such path."),
    405: ("这个地址不支持该请求方法。", "Method not allowed on this path."),
    408: ("请求发送超时。", "The request was not sent in time."),
    413: ("请求体太大。", "The request body is too large."),
    429: ("请求过于频繁，请稍后再试。", "Too many requests; please try again in a minute."),
}


def error_body(error: str, zh: str, en: str) -> dict[str, str]:
    return {"error": error, "message_zh": zh, "message_en": en}


def _describe(exc: RequestValidationError) -> tuple[str, str]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return "请求体不是有效的 JSON。", "The request body is not valid JSON."
    parts = []
    for e in errors[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    detail = "; ".join(parts)
    return f"请求格式不正确（{detail}）。", f"The request is malformed ({detail})."


def install(app: FastAPI) -> None:
    @app.exception_handler(PlanQAError)
    async def _domain(request: Request, exc: PlanQAError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        zh, en = _describe(exc)
        return JSONResponse(error_body("BadRequest", zh, en), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        zh, en = HTTP_MESSAGES.get(exc.status_code, ("请求无法处理。", "The request cannot be handled."))
        name = {413: "PayloadTooLarge"}.get(exc.status_code, "HTTPError")
        return JSONResponse(error_body(name, zh, en), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(
            error_body(
                "InternalError", "服务内部出错，请稍后再试。", "Internal error; please try again later."
            ),
            status_code=500,
        )
