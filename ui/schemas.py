"""Request and response models of the HTTP API; they are what /docs (OpenAPI) shows to integrators."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Message(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = ""

    def text(self) -> str:
        """The message text; OpenAI's content-part lists are flattened to their text parts."""
        if isinstance(self.content, list):
            return "".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class AskRequest(BaseModel):
    question: str = Field(..., description="The question, in simplified or traditional Chinese (or English).")
    history: list[str | Message] = Field(
        default_factory=list, description="Earlier questions (strings) or chat messages, oldest first."
    )
    script: Literal["hans", "hant"] | None = Field(
        None, description="Answer script; default: the question's."
    )
    plan: str | None = Field(
        None,
        max_length=100,
        description="A plan's id (GET /api/plans); default: the plan the question names, else the best.",
    )

    def history_dicts(self) -> list[Any]:
        return [h if isinstance(h, str) else {"role": h.role, "content": h.text()} for h in self.history]


class CitationOut(BaseModel):
    section: str
    title: str
    quote: str
    plan: str = Field("", description="The id of the plan quoted (GET /api/plans).")
    plan_title: str = Field("", description="That plan's short title.")


class EvidenceOut(BaseModel):
    section: str
    kind: str
    title: str
    text: str
    score: float


class AnswerOut(BaseModel):
    question: str
    answer: str
    answered: bool
    citations: list[CitationOut] = []
    departments: list[str] = []
    figures: list[str] = []
    evidence: list[EvidenceOut] = []
    script: str = "hans"
    mode: str = "extractive"
    intent: str = ""
    timings_ms: dict[str, float] = {}
    plans: list[str] = Field([], description="The ids of the plan(s) the answer was composed from.")
    stated: bool = Field(
        True,
        description="False when the plan covers the topic but does not state the particular thing asked "
        "(a figure, a date): the answer says so, then quotes what the plan does say.",
    )


class FeedbackRequest(BaseModel):
    question: str = Field(..., min_length=1, max_length=5000)
    answer: str = Field(..., max_length=20000)
    rating: Literal["up", "down", 1, -1] = Field(..., description='"up" / "down", or +1 / -1.')
    comment: str | None = Field(
        None, description="Optional; at most PLANQA_FEEDBACK_COMMENT_CHARS characters (default 2000)."
    )

    @field_validator("rating", mode="before")
    @classmethod
    def _no_bools(cls, v: Any) -> Any:
        if isinstance(v, bool):
            raise ValueError("rating must be 'up', 'down', 1 or -1")
        return v

    def score(self) -> int:
        return 1 if self.rating in ("up", 1) else -1


class FeedbackOut(BaseModel):
    id: int
    stored: bool = True


class SearchHit(BaseModel):
    section: str
    kind: str
    title: str
    text: str
    score: float


class SearchOut(BaseModel):
    query: str
    method: str = Field(..., description='"retriever" (the index) or "bigram" (fallback without an index)')
    hits: list[SearchHit]
    plan: str = Field("", description="The id of the plan searched.")


class PlanOut(BaseModel):
    id: str
    title: str
    short_title: str
    district: str
    district_en: str
    year: int | None
    issuer: str
    doc_number: str
    issued: str
    source: str = Field(..., description="The plan's source file name.")
    tasks: int
    default: bool


class ChatRequest(BaseModel):
    """The OpenAI chat-completions request; sampling parameters are accepted and ignored."""

    model_config = ConfigDict(extra="allow")
    model: str = "plan-qa"
    messages: list[Message] = Field(..., min_length=1)
    stream: bool = False


class ErrorOut(BaseModel):
    error: str
    message_zh: str
    message_en: str


class RebuildOut(BaseModel):
    rebuilt: bool
    seconds: float
    units: int
    built_at: str
