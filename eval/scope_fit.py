"""Fit the scope model (bot/scope.py) on the labelled question sets: `plan-qa fit-scope`.

The model learns, from the dev splits and the test set, which questions the plan cannot answer
(out-of-scope questions, pure injections, gibberish) and which it can (wrapped injections included),
by the vector retrieval gives each question. Only questions asked on their own are used: the pipeline
judges only those. The unseen splits are never read here; they measure the model like the rest of the
bot."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

from bot.scope import ScopeModel
from eval.testset import load_testset
from eval.thresholds import SPLITS

EVAL_DIR = Path(__file__).resolve().parent
TRAINING_SETS = ("testset", *(s for s in SPLITS if s.startswith("dev")))
_NEWTON_STEPS = 30


def training_cases(eval_dir: Path = EVAL_DIR) -> list[tuple[str, bool]]:
    """(question, unanswerable) for every question asked without a conversation in the training sets."""
    cases = []
    for name in TRAINING_SETS:
        for case in load_testset(eval_dir / f"{name}.jsonl"):
            if not case.history:
                cases.append((case.question, not case.answerable))
    return cases


def fit(vectors: np.ndarray, labels: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method: class-balanced log-loss plus l2/2·|w|² (bias free).
    Deterministic, and small enough (a few thousand questions, a few hundred dimensions) to solve exactly."""
    x = np.hstack([vectors.astype(np.float64), np.ones((len(vectors), 1))])
    y = labels.astype(np.float64)
    share = y.mean()
    if share in (0.0, 1.0):
        raise ValueError("the training questions need both answerable and unanswerable ones")
    weight = np.where(y == 1, 0.5 / share, 0.5 / (1 - share))
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    beta = np.zeros(x.shape[1])
    for _ in range(_NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        gradient = x.T @ (weight * (p - y)) + penalty * beta
        hessian = (x * (weight * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def fit_scope(
    pipeline, l2: float, eval_dir: Path = EVAL_DIR, progress: Callable[[int], None] | None = None
) -> ScopeModel:
    """The scope model fitted on `eval_dir`'s training sets, with `pipeline`'s question vectors."""
    cases = training_cases(eval_dir)
    vectors = []
    for question, _ in cases:
        vectors.append(pipeline.question_vector(question))
        if progress:
            progress(1)
    labels = np.array([unanswerable for _, unanswerable in cases])
    weights, bias = fit(np.vstack(vectors), labels, l2)
    meta = {
        "fitted": date.today().isoformat(),
        "sets": list(TRAINING_SETS),
        "questions": len(cases),
        "unanswerable": int(labels.sum()),
        "l2": l2,
    }
    return ScopeModel(weights, bias, pipeline.index.manifest["embedder"], meta)


def write_model(model: ScopeModel, path: Path) -> Path:
    path.write_text(json.dumps(model.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    return path
