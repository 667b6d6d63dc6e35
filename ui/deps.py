"""The one dependency every route takes: the process's `Service` (set on the app by `create_app`)."""

from __future__ import annotations

from fastapi import Request

from ui.service import Service


def service(request: Request) -> Service:
    return request.app.state.service
