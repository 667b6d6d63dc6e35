"""The question-answering pipeline: retrieve from the index, compose a grounded, cited answer.

Public surface: `answer(question, history) -> Answer`, `Pipeline` (load once, answer many), and the
data classes `Answer`, `Citation`, `Evidence`.
"""

from bot.model import Answer, Citation, Evidence
from bot.pipeline import Pipeline, answer, default_pipeline

__all__ = ["Answer", "Citation", "Evidence", "Pipeline", "answer", "default_pipeline"]
