"""The chat UI's HTML is inert: nothing from a question, an answer or the plan becomes markup, and the
chat callbacks (streaming, answer card, feedback) work without a browser."""

from __future__ import annotations

import re
import sqlite3

import pytest

from bot.model import Answer, Citation
from ui.answer_text import card, chunks, full_text
from ui.gradio_render import answer_html, department_html, plan_html, question_html, safe

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "![track](http://example.invalid/pixel.png)",
    "[click](javascript:alert(1))",
    "$$\\frac{1}{2}$$ and `code` and **bold**",
    "1. list\n# heading\n<script>alert(1)</script>",
    "&lt;b&gt; entity",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_leaves_no_markup(text):
    out = safe(text)
    assert not re.search(r"[<>\[\]()!*`$#&]", out.replace("<br>", "").replace("&#", "").replace(";", ""))


def fake_answer(text: str, script: str = "hans") -> Answer:
    return Answer(
        question=text,
        answer=f"答复：{text}",
        answered=True,
        citations=[Citation(section="1.1", title=text, quote=text)],
        departments=[text, "区市场局"],
        script=script,
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_answer_and_question_html_escape_everything(text, plan):
    html = answer_html(fake_answer(text), plan) + question_html(text)
    assert "<img" not in html and "<script" not in html and "](" not in html and "$$" not in html
    assert html.count('class="pq-source"') == 1 and "区市场局" in html


def test_traditional_labels_follow_the_script(plan):
    assert "負責部門" in answer_html(fake_answer("問題", "hant"), plan)
    assert "负责部门" in answer_html(fake_answer("问题", "hans"), plan)


def test_chunks_rebuild_the_text():
    text = "企业开办全程网办，一般 1 个工作日内办结；涉及许可的，另行办理。\n第二行"
    assert "".join(chunks(text)) == text
    assert len(list(chunks(text))) > 2


def test_full_text_and_card_carry_sources():
    answer = fake_answer("企业开办")
    assert "[1] 1.1 企业开办：「企业开办」" in full_text(answer)
    assert "负责部门：企业开办、区市场局" in card(answer) and "方案出处：1.1" in card(answer)
    assert card(answer).endswith("本卡摘自《行动方案》原文，仅供参考，不构成审批意见或承诺。")


def test_plan_and_department_html(plan):
    from ui import plan_view

    html = plan_html(plan, "hans")
    assert html.count('class="pq-part"') == len(plan.parts)
    assert html.count('class="pq-task"') == len(plan.tasks())
    dept = plan.departments[0]
    view = department_html(plan, plan_view.department(plan, dept), "hant")
    assert view.count('class="pq-task"') == len(dept.task_ids)


def test_chat_streams_then_feedback_is_toggle_safe(api_settings, service_pipeline):
    from types import SimpleNamespace

    from ui.gradio_chat import Chat
    from ui.gradio_feedback import Feedback
    from ui.service import Service

    chat = Chat(Service(api_settings, service_pipeline))
    chat.feedback = Feedback(chat.service)  # what `render` makes, without a page
    steps = list(chat.respond("企业开办最快多久能办好？", [], "繁體", {}))
    history, textbox, answer_card, _status, state, saved = steps[-1]
    assert len(steps) >= 2 and textbox == ""
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert state["questions"] == ["企业开办最快多久能办好？"] and saved["state"] == state
    assert "答覆卡" in answer_card  # the card is in the script asked for

    def rate(liked):
        nonlocal state
        _, state, _, _ = chat.feedback.rate(state, saved, SimpleNamespace(index=1, liked=liked))

    def rows():
        with sqlite3.connect(api_settings.feedback_db) as conn:
            return conn.execute("SELECT question, rating, comment, source FROM feedback").fetchall()

    rate(True)
    rate(False)  # switched: the same row
    chat.feedback.add_comment(state, " 不够具体 ")
    assert rows() == [("企业开办最快多久能办好？", -1, "不够具体", "ui")]
    rate("")  # taken back
    assert rows() == []


def test_rating_a_message_that_is_no_answer_stores_nothing(api_settings, service_pipeline):
    from types import SimpleNamespace

    from ui.gradio_feedback import Feedback
    from ui.service import Service

    status, *_ = Feedback(Service(api_settings, service_pipeline)).rate(
        {}, {}, SimpleNamespace(index=0, liked=True)
    )
    assert status == "" and not api_settings.feedback_db.exists()


@pytest.mark.parametrize(("query", "close"), [("优化纳税服务", True), ("区里有没有停车补贴", False)])
def test_search_uses_the_served_ranker_and_says_when_nothing_is_close(service_pipeline, query, close):
    from ui.search import search_plan

    result = search_plan(service_pipeline.plan, service_pipeline.retriever, query, 5)
    assert result.method == "retriever" and result.hits
    assert result.close is close


@pytest.mark.parametrize("asked", ["人力资源和社会保障局", "人社局", "區人社局", "区人社局负责什么"])
def test_department_finder_matches_every_name(plan, asked):
    from ui.plan_view import matching_departments

    assert [d.name.hans for d in matching_departments(plan, asked)] == ["区人社局"]
