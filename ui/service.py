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

from planqa.errors import BadQuestionError, ConflictError, IndexStateError, PlanQAError
from planqa.settings import Settings
from ui.feedback import FeedbackLimits, FeedbackStore
from ui.limits import check_history

log = logging.getLogger("planqa.service")


class Service:
    def __init__(self, settings: Settings, pipeline: Any = None):
        self.settings = settings
        self.library: Any = None  # bot.library.Library, filled by `start` (or from `pipeline`)
        if pipeline is not None:
            self.pipeline = pipeline
        self.feedback = FeedbackStore(
            settings.feedback_db, settings.feedback_busy_timeout_ms, FeedbackLimits.from_settings(settings)
        )
        self.load_error: str | None = None
        self.started_s: float | None = None
        self._rebuilding = threading.Lock()

    # --- start-up
    def start(self) -> None:
        """Build what is missing, then load every plan's pipeline (once per process)."""
        if self.library is not None:
            return
        began = time.perf_counter()
        self.library = load_library(self.settings, self)
        self.started_s = round(time.perf_counter() - began, 3)
        log.info("%d plan(s) ready in %.2fs", len(self.library.plans), self.started_s)

    @property
    def ready(self) -> bool:
        return self.library is not None

    @property
    def pipeline(self) -> Any:
        """The default plan's pipeline (the chat UI and single-plan routes read it)."""
        return self.library.default if self.library is not None else None

    @pipeline.setter
    def pipeline(self, pipeline: Any) -> None:
        from bot.library import Library

        if self.library is None:
            self.library = Library.single(pipeline, self.settings)
        else:
            self.library.replace(self.library.default_id, pipeline)

    def pipeline_for(self, plan: str | None) -> Any:
        """The pipeline of `plan` (404 for an unknown id), or the default plan's."""
        if self.library is None:
            self.plan  # noqa: B018  (raises the "still starting" error)
        return self.library.pipeline(plan)

    def search_target(self, query: str, plan: str | None = None) -> tuple[str, Any]:
        """(plan id, pipeline) a search for `query` goes to: `plan`, else the one it would be asked of."""
        if self.library is None:
            self.plan  # noqa: B018  (raises the "still starting" error)
        plan_id = self.library.pick(query, plan)
        return plan_id, self.library.pipeline(plan_id)

    def plans(self) -> list[dict[str, Any]]:
        """The library's plans for GET /api/plans (the default one marked)."""
        if self.library is None:
            self.plan  # noqa: B018  (raises the "still starting" error)
        return [{**i.to_dict(), "default": i.id == self.library.default_id} for i in self.library.plans]

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

    def answer(
        self, question: Any, history: Iterable[Any] = (), script: str | None = None, plan: str | None = None
    ):
        question = self.check_question(question)
        history = self.check_history(history)
        if self.library is None:
            self.plan  # noqa: B018  (raises the "still starting" error)
        return self.library.answer(question, history_questions(history), script, plan)

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
        """The default plan's plan.json as built (its own settings name its folder)."""
        folder = getattr(getattr(self.pipeline, "settings", None), "build_dir", None)
        path = Path(folder or self.settings.build_dir) / "plan.json"
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
    verification, rename swap), reusing the current embedder so no model is loaded twice. The
    current pipeline's own settings name its plan's folder."""
    import index
    from bot.pipeline import Pipeline
    from bot.ranking import PlanRanker
    from bot.retrieve import Retriever
    from ingest import load_plan

    settings = getattr(current, "settings", None) or settings
    plan = load_plan(settings.build_dir)
    embedder = getattr(getattr(current, "index", None), "embedder", None)
    built = index.build(plan, index.index_dir(settings), settings, embedder)
    new = Pipeline(plan, settings, PlanRanker(plan, Retriever(plan, built, settings), settings))
    new.plan_id, new.places = getattr(current, "plan_id", new.plan_id), getattr(current, "places", new.places)
    return new


def load_library(settings: Settings, service: Service | None = None) -> Any:
    """Every plan of the source folder (building what is missing); a plan whose index cannot load is
    served over its plan alone, declining what it cannot answer, so that the service still starts
    and says why in /api/health. A restart with everything built is ready in seconds."""
    from bot.library import Library
    from planqa.threads import limit_embed_threads

    limit_embed_threads(settings)
    try:
        return Library.load(settings, progress=lambda line: log.info("%s", line))
    except Exception as exc:  # an index still being written, or a missing module: serve the plans anyway
        if isinstance(exc, PlanQAError) and not isinstance(exc, IndexStateError):
            raise
        log.warning("retrieval unavailable, serving without it: %s", exc)
        if service is not None:
            service.load_error = f"{type(exc).__name__}: {exc}"
        return _plans_only(settings)


def _plans_only(settings: Settings) -> Any:
    from bot.library import Library, PlanInfo
    from bot.pipeline import Pipeline
    from ingest import load_plan
    from ingest.catalog import ingest_sources

    loaded = []
    for entry in ingest_sources(settings.source_dir, settings.build_dir, settings.repair_drop_penalty):
        pipe = Pipeline(load_plan(entry.folder), settings.for_plan(entry.source, entry.folder), None)
        pipe.plan_id = entry.id
        loaded.append((PlanInfo.of(entry.id, pipe.plan, entry.source.name), pipe))
    return Library(loaded, settings)


def load_pipeline(settings: Settings, service: Service | None = None) -> Any:
    """The default plan's pipeline, as `plan-qa serve` loads it (tests share it)."""
    return load_library(settings, service).default
