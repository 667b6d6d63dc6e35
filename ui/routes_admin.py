"""`/api/admin/*`: operations that change what the service serves, behind `PLANQA_ADMIN_TOKEN`.

Without a configured token the routes are off (503); the token is sent as `Authorization: Bearer …`
and compared in constant time (`hmac.compare_digest`), so response timing does not reveal how much
of a guess was right.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends, Header
from starlette.concurrency import run_in_threadpool

from planqa.errors import DisabledError, ForbiddenError, UnauthorizedError
from ui.deps import service
from ui.schemas import ErrorOut, RebuildOut
from ui.service import Service

router = APIRouter(
    prefix="/api/admin",
    tags=["admin"],
    responses={code: {"model": ErrorOut} for code in (401, 403, 409, 503)},
)


def require_admin(
    authorization: str | None = Header(None, description="`Bearer <PLANQA_ADMIN_TOKEN>`"),
    svc: Service = Depends(service),
) -> None:
    token = svc.settings.admin_token
    if not token:
        raise DisabledError(
            "管理操作未启用（未配置 PLANQA_ADMIN_TOKEN）。",
            "Admin operations are disabled (PLANQA_ADMIN_TOKEN is not set).",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise UnauthorizedError(
            "需要管理令牌（Authorization: Bearer <令牌>）。",
            "An admin token is required (Authorization: Bearer <token>).",
        )
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise ForbiddenError("管理令牌不正确。", "The admin token is wrong.")


@router.post("/rebuild", response_model=RebuildOut, dependencies=[Depends(require_admin)])
async def rebuild(svc: Service = Depends(service)) -> dict:
    """Rebuild the index from the built plan (temporary folder, verify, atomic switch). Questions keep
    being answered from the old index until the new one has verified; then the service switches."""
    return await run_in_threadpool(svc.rebuild)
