"""What every route and the chat UI share: the loaded pipeline, the plan and the feedback store.

The FastAPI app and the Gradio blocks are built before anything heavy is loaded (the process must
answer health checks quickly and `import ui.api` must stay cheap); `Service.start` runs once in the
app's lifespan and fills the slots. Routes read them through `service.pipeline` / `service.plan`.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from planqa.errors import BadQuestionError, ConflictError, IndexStateError
from planqa.settings import Settings
from ui.feedback import FeedbackLimits, FeedbackStore
from ui.limits import check_history

log = logging.getLogger("planqa.service")


class Service:
    def __init__(self, settings: Settings, pipeline: Any = None):
        self.settings = settings
        self.pipeline = pipeline
        self.feedback = FeedbackStore(
            settings.feedback_db, settings.feedback_busy_timeout_ms, FeedbackLimits.from_settings(settings)
        )
        self.load_error: str | None = None
        self.started_s: float | None = None
        self._rebuilding = threading.Lock()

    # --- start-up
    def start(self) -> None:
        """Build what is missing, then load the pipeline (once per process)."""
        if self.pipeline is not None:
            return
        began = time.perf_counter()
        self.pipeline = load_pipeline(self.settings, self)
        self.started_s = round(time.perf_counter() - began, 3)
        log.info("pipeline ready in %.2fs", self.started_s)

    @property
    def ready(self) -> bool:
        return self.pipeline is not None

    @property
    def plan(self):
        if self.pipeline is None:
            raise IndexStateError(
                "服务正在启动，请稍后再试。", "The service is still starting; try again shortly."
            )
        return self.pipeline.plan

    @property
    def retriever(self) -> Any:
        return getattr(self.pipeline, "retriever", None)

    # --- questions
    def check_question(self, question: Any) -> str:
        """Reject empty and over-long questions at the edge, with the same messages as the pipeline
        (control characters dropped first, as the pipeline does, so a lone NUL is an empty question)."""
        limit = self.settings.max_question_chars
        if isinstance(question, str):
            question = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t").strip()
        if not isinstance(question, str) or not question:
            raise BadQuestionError("问题不能为空。", "The question is empty.")
        if len(question) > limit:
            raise BadQuestionError(
                f"问题太长（最多 {limit} 个字符）。",
                f"The question is too long (at most {limit} characters).",
            )
        return question

    def check_history(self, history: Any) -> list[Any]:
        """A conversation over the caps of `ui.limits.check_history` is refused, not silently cut."""
        items = list(history or ())
        check_history(items, self.settings)
        return items

    def answer(self, question: Any, history: Iterable[Any] = (), script: str | None = None):
        question = self.check_question(question)
        history = self.check_history(history)
        if self.pipeline is None:
            self.plan  # noqa: B018  (raises the "still starting" error)
        return self.pipeline.answer(question, history_questions(history), script)

    # --- admin
    def rebuild(self) -> dict[str, Any]:
        """Rebuild the index and switch to it once it verifies; until then (and if it fails) the
        current pipeline keeps answering. One rebuild at a time."""
        if not self._rebuilding.acquire(blocking=False):
            raise ConflictError("索引正在重建中。", "The index is already being rebuilt.")
        try:
            began = time.perf_counter()
            old = self.pipeline
            try:
                new = rebuilt_pipeline(self.settings, old)
            except Exception as exc:
                log.exception("index rebuild failed; still serving the old index")
                raise IndexStateError(
                    "索引重建失败，服务仍在使用原索引。",
                    f"The index rebuild failed ({type(exc).__name__}); still serving the old index.",
                ) from exc
            self.pipeline = new  # one assignment: a request sees the old pipeline or the new one
            if getattr(old, "llm", None) is not None:
                old.llm.close()
            self.load_error = None
            manifest = new.index.manifest
            return {
                "rebuilt": True,
                "seconds": round(time.perf_counter() - began, 3),
                "units": manifest["units"],
                "built_at": manifest["built_at"],
            }
        finally:
            self._rebuilding.release()

    def plan_sha256(self) -> str | None:
        path = Path(self.settings.build_dir) / "plan.json"
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def history_questions(history: Iterable[Any]) -> list[str]:
    """Earlier questions, oldest first, from plain strings or chat messages ({role, content})."""
    out: list[str] = []
    for item in history or ():
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and item.get("role") == "user" and isinstance(item.get("content"), str):
            out.append(item["content"])
        elif getattr(item, "role", None) == "user" and isinstance(getattr(item, "content", None), str):
            out.append(item.content)
    return [q for q in out if q.strip()]


def rebuilt_pipeline(settings: Settings, current: Any = None) -> Any:
    """A new pipeline over a freshly built index (`index.build`: temporary folder, load-back
    verification, rename swap), reusing the current embedder so no model is loaded twice."""
    import index
    from bot.pipeline import Pipeline
    from bot.ranking import PlanRanker
    from bot.retrieve import Retriever
    from ingest import load_plan

    plan = load_plan(settings.build_dir)
    embedder = getattr(getattr(current, "index", None), "embedder", None)
    built = index.build(plan, index.index_dir(settings), settings, embedder)
    return Pipeline(plan, settings, PlanRanker(plan, Retriever(plan, built, settings), settings))


def load_pipeline(settings: Settings, service: Service | None = None) -> Any:
    """The full pipeline (plan + index); without a usable index, the pipeline over the plan alone,
    which declines what it cannot answer, so that the service still starts and says why in /api/health.

    With a built plan nothing is rebuilt here (`Pipeline.load` loads the index once, building it
    only when missing), so a restart is ready in seconds."""
    from bot.pipeline import Pipeline
    from ingest import load_plan, plan_is_current
    from planqa.threads import limit_embed_threads
    from ui.commands.plan import build_all

    limit_embed_threads(settings)
    if not plan_is_current(settings.build_dir, settings.source):  # a fresh clone: build like `plan-qa build`
        log.info("no current plan in %s: building it first", settings.build_dir)
        build_all(settings)
    try:
        return Pipeline.load(settings)
    except Exception as exc:  # an index still being written, or a missing module: serve the plan anyway
        log.warning("retrieval unavailable, serving without it: %s", exc)
        if service is not None:
            service.load_error = f"{type(exc).__name__}: {exc}"
        return Pipeline(load_plan(settings.build_dir), settings, None)
