"""A real `plan-qa serve` on a free loopback port, with its own settings (environment) and feedback
database, and its resident memory sampled while it runs: each security replay attacks a live server,
as the red team did, never an in-process app."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

STARTUP_S = 180
SLOW_S = 3  # the header and body time limits of the target (10 s by default), so replays stay short


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Server:
    def __init__(self, proc: subprocess.Popen, url: str, db: Path, log: Path):
        self.proc, self.url, self.db, self.log = proc, url, db, log
        self.peak_rss_mb = 0.0
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            try:
                self.peak_rss_mb = max(self.peak_rss_mb, rss_mb(self.proc.pid))
            except (FileNotFoundError, ProcessLookupError):
                return

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def serve(folder: Path, **env: str) -> Iterator[Server]:
    """Start `plan-qa serve` with PLANQA_* overrides from `env`; stop it (SIGTERM, then SIGKILL) after."""
    port = free_port()
    db, log_path = folder / "feedback.sqlite", folder / "serve.log"
    environ = {**os.environ, "PLANQA_FEEDBACK_DB": str(db), "GRADIO_ANALYTICS_ENABLED": "False"}
    environ.update({f"PLANQA_{k.upper()}": str(v) for k, v in env.items()})
    log = open(log_path, "w")  # noqa: SIM115  (closed below)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=environ, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = Server(proc, f"http://127.0.0.1:{port}", db, log_path)
    try:
        _wait_ready(server)
        server._sampler.start()
        yield server
    finally:
        server._stop.set()
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _wait_ready(server: Server) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < STARTUP_S:
        if server.proc.poll() is not None:
            raise RuntimeError(f"plan-qa serve exited: {server.log_text()[-2000:]}")
        try:
            if httpx.get(f"{server.url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"plan-qa serve did not become ready in {STARTUP_S} s")


def from_address(url: str, address: str, timeout: float = 30) -> httpx.Client:
    """A client whose connections come from another loopback address (127.0.0.0/8 is all local):
    a separate client as far as per-address limits go, so replays do not spend each other's quotas."""
    return httpx.Client(base_url=url, timeout=timeout, transport=httpx.HTTPTransport(local_address=address))


def event_id(url: str, api_name: str) -> int:
    """The index of a chat UI event in Gradio's config (what `/gradio_api/queue/join` names)."""
    config = httpx.get(f"{url}/config", timeout=10).json()
    return next(d["id"] for d in config["dependencies"] if d.get("api_name") == api_name)
