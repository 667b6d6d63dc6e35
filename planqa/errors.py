"""Domain errors. They carry a message in Chinese and English; the CLI and the API turn them into
exit codes and HTTP statuses at the edge, so no stage ever formats a user-facing error itself."""


class PlanQAError(Exception):
    """Base class: `zh` and `en` are shown to the user, never a traceback."""

    status = 400

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en

    def to_dict(self) -> dict[str, str]:
        return {"error": type(self).__name__, "message_zh": self.zh, "message_en": self.en}


class NotAPlanError(PlanQAError):
    """The input file is not an action plan of the expected shape."""

    status = 422


class IndexStateError(PlanQAError):
    """The persisted index is missing, corrupt or built from other inputs."""

    status = 503


class NotFoundError(PlanQAError):
    """An unknown section id or department name."""

    status = 404


class BadQuestionError(PlanQAError):
    """An empty, over-long or otherwise unusable question."""

    status = 422


class UnauthorizedError(PlanQAError):
    """An admin operation without a token."""

    status = 401


class ForbiddenError(PlanQAError):
    """An admin operation with a wrong token."""

    status = 403


class ConflictError(PlanQAError):
    """The operation is already running (one rebuild at a time)."""

    status = 409


class DisabledError(PlanQAError):
    """The operation is switched off in this deployment (no admin token configured)."""

    status = 503


class BadFeedbackError(PlanQAError):
    """A rating whose comment is over-long or whose text carries NUL bytes."""

    status = 422


class StorageFullError(PlanQAError):
    """The feedback store has used its whole budget (`feedback_max_mb`)."""

    status = 507
