"""The reverse-proxy setup of docs/deploy.md, run as written (ports and time limits shortened) in
Debian's nginx in front of a live server: the page and the API work through it, a spoofed
X-Forwarded-For still does not raise the quota, and slow clients are cut off by the proxy."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from live import SLOW_S, free_port, serve

DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
QUOTA = 20


def nginx_conf(upstream: str, port: int) -> str:
    """The documented configuration, pointed at the test's server and port, time limits shortened."""
    conf = re.search(r"```nginx\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{port};")
    conf = conf.replace("http://127.0.0.1:7860", upstream)
    conf = re.sub(r"(client_(header|body)_timeout) 10s;", rf"\1 {SLOW_S}s;", conf)
    return conf.replace("events {}", "events {}\npid nginx.pid;\nmaster_process off;\ndaemon off;")


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is absent: `bash .ci/system-deps` (as root) installs nginx-light")
    folder = tmp_path_factory.mktemp("proxy")
    with serve(folder, rate_limit_per_minute=QUOTA, forwarded_allow_ips="127.0.0.1") as server:
        port = free_port()
        (folder / "logs").mkdir()
        (folder / "nginx.conf").write_text(nginx_conf(server.url, port))
        proc = subprocess.Popen(
            [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "logs" / "error.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(50):
                try:
                    httpx.get(url + "/api/health", timeout=2)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def test_the_page_and_the_api_work_through_the_proxy(proxy):
    page = httpx.get(proxy + "/", timeout=30)
    assert page.status_code == 200 and "<html" in page.text
    assert page.headers["x-frame-options"] == "DENY"
    assert "nginx/" not in page.headers.get("server", "")  # no versions (server_tokens off)
    r = httpx.post(proxy + "/api/ask", json={"question": "企业开办最快多久能办好？"}, timeout=30)
    assert r.status_code == 200 and r.json()["answer"]


def test_a_spoofed_header_through_the_proxy_does_not_raise_the_quota(proxy):
    with httpx.Client(base_url=proxy, timeout=10) as http:
        codes = [
            http.get("/v1/models", headers={"x-forwarded-for": f"203.0.113.{i}"}).status_code
            for i in range(QUOTA + 5)
        ]
    assert codes.count(200) <= QUOTA + 2 and codes[-3:] == [429] * 3  # +2: tokens refilled meanwhile


def test_the_proxy_cuts_off_half_sent_headers(proxy):
    port = int(proxy.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=SLOW_S * 5)
    sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    began = time.perf_counter()
    while sock.recv(65536):
        pass
    sock.close()
    assert time.perf_counter() - began < SLOW_S * 3
