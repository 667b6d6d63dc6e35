"""The LangChain face of the retriever: `PlanRetriever(retriever=…).invoke(question)` → Documents in
the asker's script, for chains that want the plan's units as context.

Kept apart from bot/retrieve.py so that serving, which never needs it, does not import LangChain
(about 0.4 s of start-up)."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from bot.retrieve import Retriever


class PlanRetriever(BaseRetriever):
    """LangChain face of `Retriever`: `invoke(question)` → Documents in the asker's script."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Retriever
    k: int = 8
    script: str = "hans"

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        result = self.retriever.retrieve(query, self.k)
        return [
            Document(
                page_content=hit.unit.text.in_script(self.script),
                metadata={
                    "section": hit.unit.id,
                    "measure": hit.unit.section,
                    "kind": hit.unit.kind,
                    "title": hit.unit.title.in_script(self.script),
                    "departments": [d.name.in_script(self.script) for d in hit.unit.departments],
                    "score": hit.score,
                },
            )
            for hit in result.hits
        ]
