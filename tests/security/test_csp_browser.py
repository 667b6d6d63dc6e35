"""The chat page works under its Content-Security-Policy in Debian's chromium (no violation reported,
a question answered, the plan browser filled), and no other page can frame it."""

from __future__ import annotations


def test_the_chat_page_works_under_its_policy(browser, target):
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.on("pageerror", lambda e: console.append(str(e)))
    response = page.goto(target.url + "/", wait_until="load")
    assert "frame-ancestors" in response.headers["content-security-policy"]
    page.locator("#question textarea").wait_for(timeout=30_000)
    page.locator("#question textarea").fill("企业开办最快多久能办好？")
    page.locator("#send").click()
    page.locator("#chat .pq-answer").last.wait_for(timeout=30_000)
    page.locator("#print-card").click()  # a `js=` snippet: compiled at run time under the policy
    page.get_by_role("tab", name="方案浏览").click()
    page.locator("#plan-tree details").first.wait_for(timeout=30_000)
    page.close()
    violations = [m for m in console if "Content Security Policy" in m or "Refused to" in m]
    assert not violations, violations


def test_no_other_page_can_frame_the_ui(browser, target):
    page = browser.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.set_content(f'<iframe id="ui" src="{target.url}/" width="800" height="600"></iframe>')
    page.wait_for_timeout(2_000)
    framed = page.frames[1] if len(page.frames) > 1 else None
    assert framed is None or framed.locator("#question").count() == 0
    page.close()
