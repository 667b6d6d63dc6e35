"""A real `plan-qa serve` in a subprocess on a free loopback port, for the benchmark and the tests that
need the whole service (load, SIGKILL durability): start-up is timed to the first healthy response,
and the process's resident memory is sampled in the background for its peak."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

import httpx
import psutil


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """`with ServerProcess(env) as server:` — ready (healthy) inside the block, stopped after it.

    `env` holds PLANQA_* overrides (a feedback database, a raised rate limit). `startup_s` is the time
    from spawning the process to the first 200 from /api/health; `peak_rss_mb` the largest resident
    set seen so far (the server and any children)."""

    def __init__(
        self, env: dict[str, str], log_path: Path, timeout_s: float = 180.0, rss_every_s: float = 0.05
    ):
        self.env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", **env}
        self.log_path = Path(log_path)
        self.timeout_s = timeout_s
        self.rss_every_s = rss_every_s
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.startup_s: float | None = None
        self.peak_rss_mb = 0.0
        self.proc: subprocess.Popen | None = None
        self._stop = threading.Event()

    def start(self) -> ServerProcess:
        cmd = [sys.executable, "-m", "ui.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("a", encoding="utf-8")
        began = time.perf_counter()
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=self._log, stderr=subprocess.STDOUT)
        threading.Thread(target=self._sample_rss, daemon=True).start()
        while time.perf_counter() - began < self.timeout_s:
            if self.proc.poll() is not None:
                raise RuntimeError(f"plan-qa serve exited: {self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/api/health", timeout=2).status_code == 200:
                    self.startup_s = time.perf_counter() - began
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"plan-qa serve was not healthy within {self.timeout_s} s: {self.log_tail()}")

    def _sample_rss(self) -> None:
        try:
            proc = psutil.Process(self.proc.pid)  # type: ignore[union-attr]
            while not self._stop.is_set():
                family = [proc, *proc.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in family if p.is_running())
                self.peak_rss_mb = max(self.peak_rss_mb, rss / 2**20)
                self._stop.wait(self.rss_every_s)
        except psutil.Error:
            return  # the process is gone: the peak so far stands

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as when the machine loses power or the OOM killer strikes."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        self._stop.set()
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        if getattr(self, "_log", None):
            self._log.close()

    def log_tail(self, chars: int = 2000) -> str:
        return (
            self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
            if self.log_path.exists()
            else ""
        )

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
