"""Finding 4, slow clients: idle or half-sent requests were never timed out, so a client could hold
connections (and, with half a body, a worker) for ever. Now headers must arrive complete within the
header limit and a body must not pause past the body limit, while an idle keep-alive connection
between requests stays open for reuse."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlparse

from live import SLOW_S


def connect(url: str) -> socket.socket:
    parsed = urlparse(url)
    sock = socket.create_connection((parsed.hostname, parsed.port), timeout=SLOW_S * 5)
    return sock


def closed_after(sock: socket.socket) -> float:
    """Seconds until the server closes the connection (reads until EOF, bounded by the timeout)."""
    began = time.perf_counter()
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    sock.close()
    return time.perf_counter() - began


def test_a_connection_that_sends_nothing_is_closed(target):
    took = closed_after(connect(target.url))
    assert SLOW_S * 0.8 < took < SLOW_S * 3


def test_half_sent_headers_are_cut_off(target):
    sock = connect(target.url)
    sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    assert closed_after(sock) < SLOW_S * 3


def test_a_half_sent_body_is_answered_408(target):
    sock = connect(target.url)
    sock.sendall(
        b'POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"qu'
    )
    began = time.perf_counter()
    reply = b""
    while chunk := sock.recv(65536):
        reply += chunk
        if b"\r\n\r\n" in reply and b"}" in reply.split(b"\r\n\r\n", 1)[1]:
            break
    sock.close()
    assert reply.startswith(b"HTTP/1.1 408") and b"message_zh" in reply
    assert time.perf_counter() - began < SLOW_S * 3


def read_response(sock) -> bytes:
    """One whole response (head and Content-Length body): a recv may return less, or more is left."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head


def test_an_idle_keep_alive_connection_stays_usable(target):
    sock = connect(target.url)
    request = b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
    sock.sendall(request)
    assert read_response(sock).startswith(b"HTTP/1.1 200")
    time.sleep(SLOW_S + 1)
    sock.sendall(request)
    assert read_response(sock).startswith(b"HTTP/1.1 200")
    sock.close()
