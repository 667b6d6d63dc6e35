"""`make ui-shots`: the page as a clerk sees it, in Debian's chromium against a real `plan-qa serve`,
on a desktop (1440×900) and a phone (390×844): the first screen, an answer with its source card, the
plan browser opened on that source's section, the department finder, and 繁體 mode.

    python -m ui.screenshots [--out eval/out/ui] [--question 人才公寓今年要筹措多少套？]

Writes `{desktop,phone}-{first,answer,plan,departments,hant}.png` and prints their paths.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
SCREENS = {
    "desktop": {"viewport": {"width": 1440, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
OUT = Path(__file__).resolve().parent.parent / "eval" / "out" / "ui"
QUESTION = "人才公寓今年要筹措多少套？"
TRADITIONAL_QUESTION = "區人社局負責什麼？"
UNIT_QUERY = "人力资源社会保障局"
START_TIMEOUT_S = 180


@contextmanager
def served() -> Iterator[str]:
    """`plan-qa serve` on a free loopback port, with a throw-away feedback database."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PLANQA_FEEDBACK_DB": str(Path(tmp) / "feedback.sqlite")}
        cmd = [sys.executable, "-m", "ui.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(url, proc)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=15)


def _wait_ready(url: str, proc: subprocess.Popen) -> None:
    import httpx

    began = time.perf_counter()
    while time.perf_counter() - began < START_TIMEOUT_S:
        if proc.poll() is not None:
            raise SystemExit("plan-qa serve exited before it was ready")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"plan-qa serve was not ready in {START_TIMEOUT_S} s")


def shoot(browser, url: str, screen: str, out: Path, question: str) -> list[Path]:
    """The five pictures of one screen size."""
    context = browser.new_context(**SCREENS[screen], locale="zh-CN")
    page = context.new_page()
    page.goto(url + "/", wait_until="load")
    page.locator("body[data-restored='1']").wait_for(state="attached", timeout=30_000)
    shots: list[Path] = []

    def snap(name: str) -> None:
        path = out / f"{screen}-{name}.png"
        page.wait_for_timeout(400)  # let the last repaint land
        page.screenshot(path=str(path))
        shots.append(path)

    snap("first")
    _ask(page, question)
    page.locator("#chat .pq-source").last.scroll_into_view_if_needed()
    snap("answer")
    page.locator("#chat .pq-source a.pq-open").first.click()
    page.locator("#plan-tree .pq-here").wait_for()
    snap("plan")
    page.get_by_role("tab", name="部门查询").click()
    page.locator("#dept-query textarea").fill(UNIT_QUERY)
    page.locator("#dept-view li.pq-task").first.wait_for()
    snap("departments")
    page.get_by_role("tab", name="政策问答").click()
    page.get_by_label("繁體").check()
    page.get_by_role("tab", name="政策問答").wait_for()
    _ask(page, TRADITIONAL_QUESTION)
    snap("hant")
    context.close()
    return shots


def _ask(page, question: str) -> None:
    done = page.locator("#chat .pq-final").count()
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.wait_for_function("n => document.querySelectorAll('#chat .pq-final').length > n", arg=done)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--question", default=QUESTION)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: `make system-deps` (as root) installs it", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with served() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for screen in SCREENS:
            for path in shoot(browser, url, screen, args.out, args.question):
                print(path)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
