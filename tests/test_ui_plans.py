"""The page with several plans: names read from the plans (never written into ui/), the picker's choice
going with each question, source cards, the answer card, the plan browser and the department finder
per plan; and with one plan the page exactly as before (no picker, no plan names on the cards)."""

from __future__ import annotations

import html
import re

import pytest

from bot.model import Answer, Citation
from ui.answer_text import card
from ui.gradio_render import answer_html, plan_html
from ui.plan_names import (
    ALL_PLANS,
    PlanName,
    card_title,
    catalog_plans,
    collection_name,
    described_en,
    header,
    library_plans,
    page_title,
)


def name(plan_id: str, district: str, year: int, kind: str = "营商环境行动方案") -> PlanName:
    short = f"{district}{year}年{kind}"
    return PlanName(plan_id, short, short, short, district, district, year)


@pytest.mark.parametrize(
    ("plans", "collection"),
    [
        ([name("a", "闵行区", 2024)], "闵行区营商环境行动方案"),
        ([name("a", "闵行区", 2024), name("b", "闵行区", 2025)], "闵行区营商环境行动方案"),
        ([name("a", "闵行区", 2024), name("b", "奉贤区", 2025)], "营商环境行动方案"),
        ([name("a", "闵行区", 2024), name("b", "奉贤区", 2025, "优化营商环境实施方案")], ""),
        ([], ""),
    ],
)
def test_the_plans_common_name(plans, collection):
    assert collection_name(plans) == collection
    assert header(plans).startswith(f"### {collection + ' · ' if collection else ''}智能问答\n")
    assert ("已收录" in header(plans)) is (len(plans) > 1)  # the routing is explained only with a choice
    assert page_title(plans).endswith("问答")


def test_one_plans_names_come_from_the_plan(plan):
    ours = PlanName.of_plan("x", plan)
    assert ours.short_title == plan.short_title.hans and ours.district == plan.district.hans
    assert str(plan.year) not in ours.yearless and ours.yearless.startswith(plan.district.hans)
    assert ours.place in plan.place_names() and ours.place in page_title([ours])
    assert (
        card_title([ours], several=False) == f"{ours.yearless} · 答复卡"
    )  # one plan: as the page always said
    assert card_title([ours], several=True) == f"{plan.short_title.hans} · 答复卡"  # several: with its year
    assert plan.district_en in described_en([ours]) and str(plan.year) in described_en([ours])


def test_names_are_read_from_the_build_folder_without_loading(service_pipeline):
    """What the page is built with before the library loads equals what the loaded plan says."""
    from planqa.settings import get_settings

    on_disk = catalog_plans(get_settings())
    assert on_disk == [PlanName.of_plan(service_pipeline.plan_id, service_pipeline.plan)]


def two_plan_answer(plan) -> Answer:
    """An answer quoting two plans, as a comparison does: task 1.1.1 of one, 1.1.2 of the other."""
    quoted = {"p-2024": "1.1.1", "p-2025": "1.1.2"}
    cite = [
        Citation(
            t, plan.section_title(t).hans, plan.section(t).text.hans, plan=pid, plan_title=f"{pid}的方案"
        )
        for pid, t in quoted.items()
    ]
    marker = plan.section_title("1.1").hans
    text = "\n".join(f"《{c.plan_title}》\n“{c.quote}”【{marker}】" for c in cite)
    return Answer("问题", text, True, cite, ["区市场局"], plans=list(quoted))


def test_with_several_plans_each_source_names_its_plan_and_opens_it(plan):
    answer = two_plan_answer(plan)
    several = answer_html(answer, plan, {"p-2024": plan, "p-2025": plan})
    named = re.findall(r'class="pq-plan-name">《([^》]+)》', html.unescape(several))
    assert named == ["p-2024的方案", "p-2025的方案"]
    opened = [html.unescape(o) for o in re.findall(r'class="pq-open" href="#([^"]+)"', several)]
    assert {o.split("@")[1] for o in opened} == {"p-2024", "p-2025"}  # each link opens its own plan

    one = answer_html(answer, plan)  # one plan loaded: no plan names, links as they always were
    assert "pq-plan-name" not in one and "&#64;" not in one


def test_answer_card_names_the_plan_it_answers_from(plan):
    plans = {"p-2024": plan, "p-2025": plan}
    answer = two_plan_answer(plan)
    answer.plans = ["p-2025"]
    lines = card(answer, plan, None, plans).splitlines()
    assert lines[0] == f"{plan.short_title.hans} · 答复卡"
    sources = next(line for line in lines if line.startswith("方案出处："))
    assert "《p-2024的方案》" in sources and "《p-2025的方案》" in sources
    assert card(answer, plan).splitlines()[0] == card_title([PlanName.of_plan("", plan)], False)


def test_plan_tree_carries_its_plan_only_with_several(plan):
    assert 'data-plan="p&#45;2025"' in plan_html(plan, "hans", "p-2025")
    assert "data-plan" not in plan_html(plan, "hans")


# --- the page's callbacks against real libraries (one plan: the session's; two: tests/conftest.py)


@pytest.fixture(scope="module")
def two_plan_service(two_plan_settings, tmp_path_factory):
    from ui.service import Service

    settings = two_plan_settings.model_copy(
        update={"feedback_db": tmp_path_factory.mktemp("fb") / "feedback.sqlite"}
    )
    service = Service(settings)
    service.start()
    return service


def final(steps: list) -> tuple:
    history, _textbox, answer_card, _status, state, saved = steps[-1]
    return history[-1]["content"], answer_card, state, saved


def test_a_picked_plan_answers_and_is_named(two_plan_service):
    from ui.gradio_chat import Chat

    chat, other = Chat(two_plan_service), two_plan_service.library.plans[1]
    page, answer_card, state, saved = final(
        list(chat.respond("人才公寓要筹措多少套？", [], "自动", {}, other.id))
    )
    named = re.findall(r'class="pq-plan-name">《([^》]+)》', page)
    assert named == [other.short_title] * page.count("pq-source-head") and named
    assert answer_card.splitlines()[0] == f"{other.short_title} · 答复卡"
    assert state["plan"] == other.id and saved["state"]["plan"] == other.id  # kept with the conversation


def test_all_plans_routes_and_names_the_plan(two_plan_service):
    from ui.gradio_chat import Chat

    chat = Chat(two_plan_service)
    for info in two_plan_service.library.plans:
        asked = f"{info.district}{info.year}年的方案里，人才公寓要筹措多少套？"
        page, answer_card, _, _ = final(list(chat.respond(asked, [], "自动", {}, ALL_PLANS)))
        assert page.startswith(f'<div class="pq-answer pq-final">《{info.short_title}》'), asked
        assert answer_card.splitlines()[0] == f"{info.short_title} · 答复卡"


def test_browser_and_finder_show_the_plan_asked_for(two_plan_service):
    from ui.gradio_plan import PlanPanels

    panels = PlanPanels(two_plan_service)
    assert panels.several
    for info in two_plan_service.library.plans:
        tree = html.unescape(panels.plan_tree("自动", info.id))
        assert f'data-plan="{info.id}"' in tree and info.title in tree
        hits = html.unescape(panels.search("自动", "人才公寓", info.id))
        assert f"@{info.id}" in hits  # a hit opens its own plan's section
        _, units = panels.find_units("自动", "区房管局", None, info.id)
        assert f"@{info.id}" in html.unescape(units)
    assert panels.follow(ALL_PLANS) == (panels.follow(None))  # 全部方案 leaves the tabs as they are
    picked = two_plan_service.library.plans[1].id
    assert [u["value"] for u in panels.follow(picked)] == [picked, picked]


def test_with_one_plan_there_is_no_picker(api_settings, service_pipeline):
    from ui.gradio_app import build_blocks
    from ui.gradio_picker import PlanPicker
    from ui.service import Service

    service = Service(api_settings, service_pipeline)
    assert not PlanPicker(service).several
    blocks = build_blocks(service)
    hidden = {b.elem_id: b.visible for b in blocks.blocks.values() if getattr(b, "elem_id", None)}
    assert hidden["plan-pick"] is False and hidden["browse-plan"] is False and hidden["dept-plan"] is False


def test_picker_offers_every_plan_in_the_pages_script(two_plan_service):
    from ui.gradio_picker import PlanPicker

    picker, infos = PlanPicker(two_plan_service), two_plan_service.library.plans
    assert picker.several and picker.chosen(ALL_PLANS) is None and picker.chosen(infos[1].id) == infos[1].id
    assert picker.known("no-such-plan") == ALL_PLANS and picker.known(infos[1].id) == infos[1].id
    hant = picker.relabel("繁體")["choices"]
    assert [value for _, value in hant] == [ALL_PLANS, *(i.id for i in infos)]
    plans = {i.id: two_plan_service.library.pipeline(i.id).plan for i in infos}
    assert [shown for shown, _ in hant[1:]] == [plans[i.id].short_title.hant for i in infos]
    head, update = picker.refresh()
    assert f"已收录{len(infos)}个方案" in head and update["visible"] is True


def test_api_description_and_cli_help_name_the_loaded_plans(api_client, plan):
    from typer.testing import CliRunner

    from ui.cli import app

    described = api_client.get("/openapi.json").json()["info"]["description"]
    assert f"{plan.district_en} {plan.year}" in described and plan.title.hant in described
    helped = CliRunner().invoke(app, ["--help"], terminal_width=400).output
    assert f"{plan.district_en} {plan.year}" in helped


def test_a_comparisons_plain_text_names_each_sources_plan(plan):
    from ui.answer_text import full_text

    compared = full_text(two_plan_answer(plan))
    assert "[1] 《p-2024的方案》1.1.1" in compared and "[2] 《p-2025的方案》1.1.2" in compared
    one = two_plan_answer(plan)
    one.citations = one.citations[:1]
    assert "[1] 1.1.1" in full_text(one)  # sources of one plan: as they always were


def test_a_page_built_before_its_plans_names_them_on_load(two_plan_service, tmp_path):
    """A fresh machine: the page is built before anything is (the library builds in the app's
    lifespan), so it knows only how many plan files there are; on load it names them."""
    from ui.gradio_picker import PlanPicker
    from ui.service import Service

    fresh = Service(two_plan_service.settings.model_copy(update={"build_dir": tmp_path / "build"}))
    picker = PlanPicker(fresh)
    assert picker.plans == [] and picker.several and picker.title == "行动方案问答"
    fresh.library = two_plan_service.library  # what the lifespan loads
    head, update = picker.refresh()
    titles = [i.short_title for i in two_plan_service.library.plans]
    assert [label for label, _ in update["choices"][1:]] == titles
    named = collection_name(library_plans(two_plan_service.library))
    assert named and head.splitlines()[0] == f"### {named} · 智能问答"
