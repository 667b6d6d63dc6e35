"""A small real server speaking the OpenAI chat-completions protocol on loopback, for the LLM tests.

It answers ``POST /v1/chat/completions`` (plain JSON, or Server-Sent Events when the request asks to
stream) and ``GET /v1/models``. What each request gets is decided by `FakeLLM.script`, a function of
the parsed request: a good answer, a 500, a malformed body, a reply slower than the client's
deadline, a stream that stalls or trickles. Stalls wait on an event that `stop` sets, so no test
leaves a handler sleeping.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    content: str = ""
    status: int = 200
    raw: bytes | None = None  # sent as the body (or the event stream) instead of a well-formed reply
    delay: float = 0.0  # seconds before the response starts
    stall_after: int | None = None  # streaming: chunks sent before the stream goes silent
    chunk_gap: float = 0.0  # streaming: seconds between chunks (a trickle)
    chunk_chars: int = 6


class FakeLLM:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.script: Callable[[dict[str, Any]], Reply] = lambda request: Reply("")
        self.released = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeLLM:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()

    def reset(self, script: Callable[[dict[str, Any]], Reply]) -> None:
        self.requests.clear()
        self.script = script


def system_and_user(request: dict[str, Any]) -> tuple[str, str]:
    """The system prompt and the user message of a chat request."""
    messages = request.get("messages", [])
    system = next((m["content"] for m in messages if m["role"] == "system"), "")
    user = next((m["content"] for m in messages if m["role"] == "user"), "")
    return system, user


def _handler(fake: FakeLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            if self.path.rstrip("/") != "/v1/models":
                self._json(404, {"error": {"message": "not found"}})
                return
            self._json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._json(404, {"error": {"message": "not found"}})
                return
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            fake.requests.append(request)
            reply = fake.script(request)
            if reply.delay and fake.released.wait(reply.delay):
                return
            if reply.status != 200:
                self._json(reply.status, {"error": {"message": "scripted failure", "type": "server_error"}})
            elif reply.raw is not None:
                kind = "text/event-stream" if request.get("stream") else "application/json"
                self._send(200, kind, reply.raw)
            elif request.get("stream"):
                self._stream(request, reply)
            else:
                self._json(200, _completion(request, reply.content))

        def _stream(self, request: dict[str, Any], reply: Reply) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            text, n = reply.content, reply.chunk_chars
            pieces = [text[i : i + n] for i in range(0, len(text), n)] or [""]
            try:
                for i, piece in enumerate(pieces):
                    if reply.stall_after is not None and i >= reply.stall_after:
                        fake.released.wait(30)
                        return
                    if reply.chunk_gap and fake.released.wait(reply.chunk_gap):
                        return
                    self._event(_chunk(request, {"role": "assistant", "content": piece}, None))
                self._event(_chunk(request, {}, "stop"))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def _event(self, payload: dict[str, Any]) -> None:
            self.wfile.write(b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n")
            self.wfile.flush()

        def _json(self, status: int, payload: dict[str, Any]) -> None:
            self._send(status, "application/json", json.dumps(payload, ensure_ascii=False).encode())

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    return Handler


def _completion(request: dict[str, Any], content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", "fake-model"),
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(request: dict[str, Any], delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": request.get("model", "fake-model"),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
