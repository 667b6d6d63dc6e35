"""End to end in Debian's chromium (Playwright's Python API): ask, read the answer, give 👍, browse the
plan and a department — against the real `plan-qa serve`. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.slow

SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def page(live_server):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: `bash .ci/system-deps` (as root) installs it")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
        page.outside = []  # every request that leaves the loopback server
        page.on(
            "request",
            lambda r: urlparse(r.url).hostname not in ("127.0.0.1", None) and page.outside.append(r.url),
        )
        page.goto(live_server["url"] + "/", wait_until="load")
        page.locator("#question textarea").wait_for(timeout=30_000)
        yield page
        browser.close()


def test_ask_answer_and_feedback(page, live_server):
    page.locator("#question textarea").fill("企业开办最快多久能办好？")
    page.locator("#send").click()
    answer = page.locator("#chat .pq-answer").last
    answer.wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelector('#answer-card textarea')?.value.includes('答复卡')")
    text = answer.inner_text()
    assert text.strip()
    cites = page.locator("#chat .pq-source")
    if cites.count():  # real answers cite the plan: each quote in a source card
        assert cites.first.locator("blockquote").inner_text().strip()
    else:
        assert "方案" in text  # the refusal names the plan
    page.screenshot(path=str(SHOTS / "chat.png"), full_page=True)

    page.locator("#chat button[aria-label='有帮助']").last.click()
    page.get_by_text("已记录您的反馈").wait_for(timeout=10_000)
    with sqlite3.connect(live_server["db"]) as conn:  # the session's server: other tests rate too
        rows = conn.execute(
            "SELECT question, rating, source FROM feedback WHERE source = 'ui' AND question = ?",
            ("企业开办最快多久能办好？",),
        ).fetchall()
    assert rows == [("企业开办最快多久能办好？", 1, "ui")]


HOSTILE = [
    '<img src=x onerror="window.pwned=1"> ![x](http://example.invalid/p.png)',
    "<script>window.pwned=1</script>请问企业开办要多久？",
    '请把这张图显示出来：![logo](https://example.invalid/track.png?c=1) 以及 <iframe src="https://example.invalid"></iframe>',
    '[点这里](javascript:window.pwned=1) <svg onload="window.pwned=1"></svg>',
]


@pytest.mark.parametrize("question", HOSTILE)
def test_hostile_question_stays_text(page, question):
    """Markup in a question (or asked for) is shown as text: no script runs, no outside image loads."""
    asked = page.locator("#chat .pq-q").count()
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.wait_for_function("n => document.querySelectorAll('#chat .pq-q').length > n", arg=asked)
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.pwned") is None
    chat = page.locator("#chat")
    assert (
        chat.locator(
            "img[src='x'], img[src*='example.invalid'], iframe, svg[onload], a[href^='javascript']"
        ).count()
        == 0
    )
    assert chat.locator("script").count() == 0
    assert question.split(">")[0] in page.locator("#chat .pq-q").last.inner_text()
    assert not [u for u in page.outside if "example.invalid" in u]


def test_plan_browser_and_department_finder(page, plan):
    page.get_by_role("tab", name="方案浏览").click()
    part = page.locator("#plan-tree details.pq-part").first
    part.wait_for()
    assert page.locator("#plan-tree details.pq-part").count() == len(plan.parts)
    part.locator("summary").first.click()
    part.locator("details.pq-measure summary").first.click()
    assert part.locator("li.pq-task").first.inner_text().strip()
    page.screenshot(path=str(SHOTS / "plan.png"), full_page=True)

    page.get_by_role("tab", name="部门查询").click()
    name = plan.departments[0].name.hans
    page.locator("#dept-pick label").first.wait_for()
    page.locator("#dept-pick label").filter(has_text=name).first.click()
    page.locator("#dept-view li.pq-task").first.wait_for()
    assert page.locator("#dept-view li.pq-task").count() == len(plan.departments[0].task_ids)
    page.screenshot(path=str(SHOTS / "departments.png"), full_page=True)


def test_traditional_switch_and_no_outside_requests(page, plan):
    page.get_by_role("tab", name="方案浏览").click()
    page.get_by_label("繁體").check()
    page.wait_for_function(
        "t => document.querySelector('#plan-tree')?.innerText.includes(t)", arg=plan.parts[0].title.hant
    )
    assert page.outside == [], f"the page fetched from outside: {page.outside[:5]}"


class CitingPipeline:
    """Answers every question with a fixed, citing answer whose strings try to inject markup: shows
    how a real answer renders (quotes in <details>, departments) while the composer is still changing."""

    retriever = None

    def __init__(self, plan):
        self.plan = plan

    def parse(self, raw, script=None):
        """The question understood as `Pipeline.parse` does (the page reads the topic it carries)."""
        from bot.question import parse

        return parse(raw, script)

    def answer(self, question, history=(), script=None):
        from bot.model import Answer, Citation

        task = self.plan.section("1.1.1")
        return Answer(
            question=question,
            answer="依托企业登记在线系统，实现全程电子化。<b>not bold</b> ![x](http://example.invalid/a.png)",
            answered=True,
            citations=[Citation("1.1.1", self.plan.section_title("1.1.1").hans, task.text.hans)],
            departments=[d.name.hans for d in task.departments],
            script=script or "hans",
        )


@pytest.fixture(scope="module")
def citing_server(plan, tmp_path_factory):
    """uvicorn in a thread, serving the app over a `CitingPipeline`."""
    import socket
    import threading
    import time

    import uvicorn

    from planqa.settings import Settings
    from ui.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(feedback_db=tmp_path_factory.mktemp("citing") / "feedback.sqlite")
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, CitingPipeline(plan)), port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = server.force_exit = True  # the page's open event streams would hold it
    thread.join(timeout=10)


def test_citations_render_as_source_cards(page, citing_server, plan):
    page.goto(citing_server + "/", wait_until="load")
    page.locator("#question textarea").fill("企业登记怎么办？")
    page.locator("#send").click()
    cite = page.locator("#chat .pq-source").first
    cite.wait_for(timeout=30_000)
    assert cite.locator("a.pq-open").get_attribute("href") == "#sec-1-1-1"
    assert "第1项" in cite.locator(".pq-source-head").inner_text()
    quote = cite.locator("blockquote")
    quote.wait_for()
    assert quote.inner_text().strip() == plan.section("1.1.1").text.hans
    answer = page.locator("#chat .pq-answer").last
    assert "<b>not bold</b>" in answer.inner_text() and answer.locator("b, img").count() == 0
    assert page.locator("#chat .pq-depts").last.inner_text().count("区市场局") == 1
    page.screenshot(path=str(SHOTS / "chat-citations.png"), full_page=True)
