"""The plan picker in Debian's chromium against a real `plan-qa serve` over a library of two plans
(tests/conftest.py `two_plan_settings`): the picker offers 全部方案 and each plan by its short title,
a picked plan answers and is named on its sources and the answer card, the plan browser and the
department finder follow it, a source link opens its own plan, 全部方案 routes a question to the plan
it names, a reload keeps the choice and 新访客 goes back to 全部方案. With one plan (the session's
server) there is no picker at all."""

from __future__ import annotations

import html

import httpx
import pytest

from tests.test_ui_clerk import ask
from ui.plan_names import ALL_PLANS_LABEL

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_plan_server(two_plan_settings, tmp_path_factory):
    from eval.bench.server import ServerProcess

    folder = tmp_path_factory.mktemp("two-plan-server")
    env = {
        "PLANQA_SOURCE_DIR": str(two_plan_settings.source_dir),
        "PLANQA_BUILD_DIR": str(two_plan_settings.build_dir),
        "PLANQA_FEEDBACK_DB": str(folder / "feedback.sqlite"),
    }
    with ServerProcess(env, folder / "serve.log") as server:
        plans = httpx.get(f"{server.url}/api/plans", timeout=10).json()
        yield server.url, plans


@pytest.fixture
def page(browser, two_plan_server):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    open_page(page, two_plan_server[0])
    yield page
    context.close()


def open_page(page, url: str) -> None:
    page.goto(url + "/", wait_until="load")
    page.locator("body[data-restored='1']").wait_for(state="attached", timeout=30_000)


def pick(page, title: str) -> None:
    """Choose a plan in the picker (opening its list unless it is open)."""
    if not page.get_by_role("option").count():
        page.locator("#plan-pick input").click()
    page.get_by_role("option", name=title, exact=True).click()
    page.wait_for_function("t => document.querySelector('#plan-pick input')?.value === t", arg=title)


def picker_value(page) -> str:
    return page.locator("#plan-pick input").input_value()


def test_a_picked_plan_answers_names_itself_and_the_browser_follows(page, two_plan_server):
    url, plans = two_plan_server
    other = next(p for p in plans if not p["default"])
    page.locator("#plan-pick input").click()
    offered = [o.get_attribute("aria-label") for o in page.get_by_role("option").all()]
    assert offered == [ALL_PLANS_LABEL, *(p["short_title"] for p in plans)]
    assert picker_value(page) == ALL_PLANS_LABEL
    pick(page, other["short_title"])
    ask(page, "人才公寓要筹措多少套？")  # names no plan: the picked one answers
    heads = page.locator("#chat .pq-source-head").all_inner_texts()
    assert heads and all(f"《{other['short_title']}》" in h for h in heads)
    card = page.locator("#answer-card textarea").input_value()
    assert card.splitlines()[0] == f"{other['short_title']} · 答复卡"

    page.get_by_role("tab", name="方案浏览").click()  # the browser shows the picked plan
    page.locator(f"#plan-tree [data-plan='{other['id']}']").wait_for(timeout=20_000)
    assert page.locator("#browse-plan input").input_value() == other["short_title"]
    assert page.locator("#plan-tree .pq-title").inner_text() == other["title"]
    page.get_by_role("tab", name="部门查询").click()
    assert page.locator("#dept-plan input").input_value() == other["short_title"]

    page.get_by_role("tab", name="政策问答").click()
    href = html.unescape(page.locator("#chat .pq-source a.pq-open").first.get_attribute("href"))
    assert href.endswith(f"@{other['id']}")
    page.locator("#chat .pq-source a.pq-open").first.click()  # opens the section in its own plan
    page.locator(f"#plan-tree [data-plan='{other['id']}'] .pq-here").wait_for(timeout=20_000)

    open_page(page, url)  # a reload keeps the choice with the conversation
    page.wait_for_function(
        "t => document.querySelector('#plan-pick input')?.value === t", arg=other["short_title"]
    )
    page.locator("#new-visitor").click()  # a new visitor starts from 全部方案
    page.wait_for_function(
        "t => document.querySelector('#plan-pick input')?.value === t", arg=ALL_PLANS_LABEL
    )


def test_all_plans_answers_from_the_plan_a_question_names(page, two_plan_server):
    _, plans = two_plan_server
    default = next(p["id"] for p in plans if p["default"])
    for plan in sorted(plans, key=lambda p: p["id"] == default):  # the plan that is not the default first
        answer = ask(page, f"{plan['district']}{plan['year']}年的方案里，人才公寓要筹措多少套？")
        assert answer.inner_text().splitlines()[0] == f"《{plan['short_title']}》"
        heads = page.locator("#chat .pq-final").last.locator("xpath=..").locator(".pq-source-head")
        assert all(f"《{plan['short_title']}》" in h for h in heads.all_inner_texts())
    page.get_by_role("tab", name="方案浏览").click()  # 全部方案: the browser offers every plan
    page.locator("#browse-plan input").click()
    offered = [o.get_attribute("aria-label") for o in page.get_by_role("option").all()]
    assert offered == [p["short_title"] for p in plans]


def test_one_plan_has_no_picker(browser, live_server):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    open_page(page, live_server["url"])
    for hidden in ("#plan-pick", "#browse-plan", "#dept-plan"):
        assert not page.locator(hidden).is_visible()
    assert "已收录" not in page.locator("#header").inner_text()
    context.close()
