"""A service-hall clerk's day in Debian's chromium, against the real `plan-qa serve`: a new visitor
starts clean, copies are plain text, the asker's script is kept, sources open the plan, the page
reads in Chinese, on a desktop and on a phone. One server (the session's) and one browser for the
module; each test gets a fresh browser context, so the browser-side conversation starts empty."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planqa.script import to_hans

pytestmark = pytest.mark.slow

DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    open_page(page, live_server["url"])
    yield page
    context.close()


def open_page(page, url: str) -> None:
    page.goto(url + "/", wait_until="load")
    page.locator("#question textarea").wait_for(timeout=30_000)
    loaded(page)


def loaded(page) -> None:
    """The page's load events have run (the kept conversation is back)."""
    page.locator("body[data-restored='1']").wait_for(state="attached", timeout=30_000)


def ask(page, question: str):
    """Type a question, send it, and wait for the finished answer; returns that answer's locator."""
    done = page.locator("#chat .pq-final").count()
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.wait_for_function("n => document.querySelectorAll('#chat .pq-final').length > n", arg=done)
    return page.locator("#chat .pq-final").last


def card_text(page) -> str:
    return page.locator("#answer-card textarea").input_value()


def test_new_visitor_starts_clean_and_a_reload_keeps_the_conversation(page, live_server):
    ask(page, "人才公寓今年要筹措多少套？")
    assert "人才公寓" in card_text(page)

    page.reload(wait_until="load")
    page.locator("#chat .pq-q").first.wait_for(timeout=30_000)
    assert "人才公寓" in page.locator("#chat .pq-q").first.inner_text()
    page.wait_for_function(
        "() => document.querySelector('#answer-card textarea')?.value.includes('人才公寓')"
    )

    page.locator("#new-visitor").click()
    page.wait_for_function("() => !document.querySelector('#chat .pq-q')")
    page.wait_for_function("() => document.querySelector('#answer-card textarea')?.value === ''")
    answer = ask(page, "那由哪个部门负责？")  # the earlier visitor's topic must not carry over
    assert "人才公寓" not in answer.inner_text() and "7700" not in answer.inner_text()
    assert "人才公寓" not in card_text(page)

    page.locator("#new-visitor").click()
    page.wait_for_function("() => !document.querySelector('#chat .pq-q')")
    page.wait_for_timeout(300)  # the browser-side copy is cleared with the chat
    page.reload(wait_until="load")
    loaded(page)
    assert page.locator("#chat .pq-q").count() == 0


def test_copy_gives_plain_text_and_an_empty_question_shows_no_error(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    for _ in range(3):  # each Enter on an empty box
        page.locator("#question textarea").fill("   ")
        page.locator("#question textarea").press("Enter")
    page.get_by_text("请先输入问题").first.wait_for()
    page.wait_for_timeout(500)
    assert page.locator(".toast-body, .toast-wrap .error, .error, [data-testid='toast-body']").count() == 0
    assert page.locator("#chat .pq-q").count() == 0

    answer = ask(page, "人才公寓今年要筹措多少套？")
    assert page.locator("#chat button[aria-label*='opy'], #chat button[title*='opy']").count() == 0
    page.locator("#copy-card").click()
    page.get_by_text("已复制").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "人才公寓" in copied and answer.inner_text().splitlines()[0].strip() in copied
    assert "<" not in copied and "&#" not in copied


ENGLISH_WORD = "/[A-Za-z]{3,}/"
ENGLISH_CHROME_JS = (
    """() => { const out = []; const english = """
    + ENGLISH_WORD
    + """;
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (el.closest('script, style, .pq-final, .pq-q, .pq-depts, .pq-source') || !english.test(n.textContent)) continue;
    if (el.offsetParent || el.closest('.sr-only')) out.push(n.textContent.trim());
  }
  for (const el of document.querySelectorAll('[aria-label], [title]')) {
    if (el.closest('.pq-final, .pq-q, .pq-depts, .pq-source')) continue;
    const v = el.getAttribute('aria-label') || el.getAttribute('title');
    if (english.test(v.replace(/(提问|答复|提問|答覆)：.*/s, ''))) out.push(v);
  }
  return out; }"""
)


def test_answers_keep_the_askers_script_and_the_page_speaks_chinese(browser, live_server, plan):
    context = browser.new_context(viewport=DESKTOP, locale="en-US")  # an English browser at the counter
    page = context.new_page()
    open_page(page, live_server["url"])
    assert page.evaluate(ENGLISH_CHROME_JS) == []
    assert not page.locator("footer").is_visible()

    assert page.locator("#script-switch input:checked").input_value() == "自动"
    traditional = ask(page, "區人社局負責什麼？").inner_text()
    assert "區人社局" in traditional and "区人社局" not in traditional
    english = ask(page, "Which department handles tax services?").inner_text()
    assert english.lstrip()[0].isascii() and "Tax" in english
    page.wait_for_timeout(300)
    assert page.evaluate(ENGLISH_CHROME_JS) == []

    page.get_by_label("繁體").check()
    page.get_by_role("tab", name="方案瀏覽").wait_for()
    for element, words in (("#send", "發送"), ("#new-visitor", "新訪客"), ("#copy-card", "複製答覆卡")):
        assert page.locator(element).inner_text().strip() == words
    page.get_by_role("button", name="有幫助").first.wait_for()
    page.get_by_label("简体").check()
    page.get_by_role("tab", name="方案浏览").click()
    task, figure = next((t, x.text) for t in plan.tasks() for x in t.targets if to_hans(x.text) != x.text)
    page.locator("#plan-tree .pq-fig").first.wait_for(state="attached")
    figures = page.locator("#plan-tree .pq-fig").all_text_contents()
    assert to_hans(figure) in figures and figure not in figures, task.id
    context.close()


DOTTED_ID = r"\b\d\.\d{1,2}\.\d{1,2}\b"


def test_sources_are_cards_that_open_the_plan_browser(page):
    answer = ask(page, "人才公寓今年要筹措多少套？")
    message = answer.locator("xpath=..")
    source = message.locator(".pq-source").first
    head, quote = source.locator(".pq-source-head").inner_text(), source.locator("blockquote").inner_text()
    assert head.startswith("[1]") and "、（" in head  # the plan's own numbering
    assert message.inner_text().count(quote) == 1  # the quote once, in its card
    assert not re.search(DOTTED_ID, message.inner_text())  # one numbering: no 2.5.4 beside it
    assert message.locator(".pq-depts").count() == 1
    assert sum(line.startswith(("负责部门", "本条负责")) for line in message.inner_text().splitlines()) == 1

    link = source.locator("a.pq-open")
    anchor = link.get_attribute("href").lstrip("#")
    link.click()
    opened = page.locator(f"#plan-tree #{anchor}")
    opened.wait_for(state="visible")
    assert "pq-here" in opened.get_attribute("class")
    assert page.get_by_role("tab", name="方案浏览").get_attribute("aria-selected") == "true"
    assert quote.replace("\n", "")[:20] in opened.inner_text().replace("\n", "")
    assert not re.search(DOTTED_ID, page.locator("#plan-tree").inner_text())


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
SMALL_TARGETS_JS = """() => [...document.querySelectorAll(
    'button, [role="tab"], #script-switch label, a.pq-open')]
  .filter((e) => e.offsetParent && getComputedStyle(e).visibility !== 'hidden')
  .map((e) => { const r = e.getBoundingClientRect();
    return [e.innerText.trim().slice(0, 12) || e.getAttribute('aria-label'), r.width, r.height]; })
  .filter(([, w, h]) => w > 0 && (w < 40 || h < 40))"""


def in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def test_layout_examples_follow_ups_counter_on_a_phone(browser, live_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_page(page, live_server["url"])
    assert in_view(page, "#question textarea") and in_view(page, "#send")  # the first screen

    example = page.locator("#chat button.example").last  # examples sit in the empty chat, sent on click
    asked = example.inner_text().strip()
    example.click()
    page.locator("#chat .pq-final").first.wait_for()
    assert page.locator("#chat .pq-q").first.inner_text().strip() == asked

    follow_up = page.locator("#chat button.option").first  # built from the answer's own sections
    follow_up.wait_for()
    options = page.locator("#chat button.option").all_inner_texts()
    answer = page.locator("#chat .pq-final").first.locator("xpath=..").inner_text()
    assert options and all(
        any(w in answer for w in re.split(r"具体|由|负责", o) if len(w) >= 3) for o in options
    )
    picked = follow_up.inner_text().strip()
    follow_up.click()
    page.wait_for_function("() => document.querySelectorAll('#chat .pq-final').length > 1")
    page.wait_for_timeout(500)
    assert page.locator("#chat .pq-q").last.inner_text().strip() == picked
    first_line = page.locator("#chat .pq-final").last
    chat_box, top = page.locator("#chat").bounding_box(), first_line.bounding_box()["y"]
    assert chat_box["y"] <= top <= chat_box["y"] + chat_box["height"] - 40  # its first line is shown
    assert in_view(page, "#send")

    assert page.evaluate(SMALL_TARGETS_JS) == []
    labels = page.evaluate(
        "() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))"
    )
    assert not [v for v in labels if "<" in v or "&#" in v]

    box = page.locator("#question textarea")
    box.fill("企业开办要多久")
    page.locator("#q-count").get_by_text("7 / 500").wait_for()
    box.fill("请问" * 260)
    page.locator("#q-count").get_by_text("超出 20 字").wait_for()
    asked = page.locator("#chat .pq-q").count()
    page.locator("#send").click()
    page.get_by_text("问题太长").wait_for()
    assert page.locator("#chat .pq-q").count() == asked and len(box.input_value()) == 520
    context.close()


def unit_choices(page) -> list[str]:
    return [t.strip() for t in page.locator("#dept-pick label").all_inner_texts()]


@pytest.mark.parametrize("asked", ["人力资源社会保障局", "區人社局", "人社"])
def test_department_finder_finds_any_name_and_clears_on_no_match(page, plan, asked):
    from ui.plan_view import sorted_departments

    page.get_by_role("tab", name="部门查询").click()
    page.locator("#dept-pick label").first.wait_for()
    assert unit_choices(page) == [d.name.hans for d in sorted_departments(plan)]
    assert unit_choices(page)[0].startswith("区") and unit_choices(page)[-1][0] != "区"

    page.locator("#dept-query textarea, #dept-query input").first.fill(asked)
    page.wait_for_function("() => document.querySelectorAll('#dept-pick label').length === 1")
    unit = plan.department("區人社局")
    assert unit_choices(page) == [unit.name.hans]
    page.locator("#dept-view li.pq-task").first.wait_for()
    assert page.locator("#dept-view li.pq-task").count() == len(unit.task_ids)

    page.locator("#dept-query textarea, #dept-query input").first.fill("不存在的委员会")
    page.get_by_text("没有找到").wait_for()
    assert page.locator("#dept-pick label").count() == 0
    assert page.locator("#dept-view li.pq-task").count() == 0


def test_plan_search_uses_the_served_index_and_says_when_nothing_matches(page, live_server):
    import httpx

    body = httpx.get(live_server["url"] + "/api/search", params={"q": "优化纳税服务", "k": 5}).json()
    assert body["method"] == "retriever"

    page.get_by_role("tab", name="方案浏览").click()
    query = page.locator("#plan-query textarea, #plan-query input").first
    query.fill("纳税服务")
    page.locator("#plan-find").click()
    page.locator("#plan-hits li").first.wait_for()
    assert page.locator("#plan-hits .pq-nomatch").count() == 0
    assert "税" in page.locator("#plan-hits li").first.inner_text()

    query.fill("停车补贴")
    page.locator("#plan-find").click()
    page.locator("#plan-hits .pq-nomatch").wait_for()
    assert "没有与“停车补贴”相近的内容" in page.locator("#plan-hits").inner_text()


def feedback_rows(db) -> list[tuple]:
    import sqlite3

    if not Path(db).exists():
        return []
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT question, rating, comment FROM feedback WHERE source = 'ui' ORDER BY id"
        ).fetchall()


def thumb(page, message: int, name: str):
    """The 有帮助/没帮助 thumb under the `message`-th answer."""
    return (
        page.locator("#chat .pq-final")
        .nth(message)
        .locator("xpath=ancestor::*[.//button[@aria-label]][1]")
        .locator(f"button[aria-label='{name}'], button[aria-label='已评：{name}']")
        .first
    )


def test_feedback_rates_its_own_message_and_the_card_reads_as_no_official_reply(page, live_server):
    assert page.locator("#chat button[aria-label='有帮助']").count() == 0  # nothing to rate yet
    first, follow_up = "人才公寓今年要筹措多少套？", "那由哪个部门负责？"
    ask(page, first)
    ask(page, follow_up)
    before = [r for r in feedback_rows(live_server["db"]) if r[0] == first]

    thumb(page, 0, "有帮助").click()  # the earlier answer, not the latest
    page.get_by_text("已记录您的反馈").wait_for()
    assert [r for r in feedback_rows(live_server["db"]) if r[0] == first] == [*before, (first, 1, None)]
    thumb(page, 0, "有帮助").click()  # taken back
    page.get_by_text("已撤回").wait_for()
    assert [r for r in feedback_rows(live_server["db"]) if r[0] == first] == before
    thumb(page, 0, "没帮助").click()
    page.locator("#fb-comment textarea").wait_for()
    page.locator("#fb-comment textarea").fill("想知道申请条件")
    page.locator("#fb-send").click()
    page.get_by_text("意见已记录").wait_for()
    assert [r for r in feedback_rows(live_server["db"]) if r[0] == first] == [
        *before,
        (first, -1, "想知道申请条件"),
    ]

    card = card_text(page)
    assert card.splitlines()[0] == "闵行区营商环境行动方案 · 答复卡"
    assert follow_up in card and "人才公寓" in card.splitlines()[1]  # the question with its topic
    assert card.splitlines()[-1] == "本卡摘自《行动方案》原文，仅供参考，不构成审批意见或承诺。"
    assert sum(line.startswith("负责部门") for line in card.splitlines()) == 1
    assert not re.search(DOTTED_ID, card)

    page.evaluate("""() => { const open = window.open;
      window.open = (...a) => { const w = open.apply(window, a); w.print = () => {}; return w; }; }""")
    with page.context.expect_page() as printed:
        page.locator("#print-card").click()
    assert printed.value.title() == "闵行区营商环境行动方案 · 答复卡"
    printed.value.close()


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_ui_shots_pictures_every_screen_a_clerk_uses(browser, live_server, tmp_path, screen):
    """What `make ui-shots` runs (there against a server of its own)."""
    from PIL import Image

    from ui.screenshots import QUESTION, SCREENS, shoot

    shots = shoot(browser, live_server["url"], screen, tmp_path, QUESTION)
    assert [p.name for p in shots] == [
        f"{screen}-{n}.png" for n in ("first", "answer", "plan", "departments", "hant")
    ]
    size = SCREENS[screen]["viewport"]
    for path in shots:
        with Image.open(path) as image:
            assert image.size == (size["width"], size["height"])
