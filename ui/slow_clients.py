"""Time limits uvicorn lacks: a connection must deliver its request headers within `header_timeout_s`
(counted from the connection's opening, or from the first byte of a later request on it), and a
request body must keep arriving (`body_timeout_s` between parts, in `ui.limits.BodyLimit`). Without
them a client that opens connections and sends nothing, or half a request, holds them for ever.
Idle keep-alive connections between requests stay under uvicorn's own `timeout_keep_alive`.
A deployment behind a reverse proxy has the proxy enforce the same (docs/deploy.md)."""

from __future__ import annotations

import asyncio
import logging

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("planqa.limits")


class HeaderTimeoutH11(H11Protocol):
    header_timeout_s: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._served = False
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._header_timer is None and self.conn.their_state is h11.IDLE:
            self._arm()

    def on_response_complete(self) -> None:
        self._served = True
        self._disarm()
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._expire)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expire(self) -> None:
        """Close when headers are still incomplete: nothing ever sent, or part of a request."""
        self._header_timer = None
        partial = bool(self.conn.trailing_data[0])
        if self.conn.their_state is h11.IDLE and (partial or not self._served):
            log.warning("closed a connection from %s: no complete request headers in %.0f s",
                        (self.client or ("?",))[0], self.header_timeout_s)  # fmt: skip
            self.transport.close()


def protocol(header_timeout_s: float) -> type[H11Protocol]:
    """uvicorn's h11 protocol with this header timeout (uvicorn takes a class)."""
    return type("HeaderTimeoutH11", (HeaderTimeoutH11,), {"header_timeout_s": header_timeout_s})
