"""The `plan-qa` console command: a thin shell over the pipeline's public calls."""

import ui.commands.evaluate  # noqa: F401  (registers plan-qa eval)
from planqa.settings import get_settings
from planqa.threads import limit_embed_threads
from ui.cli_app import app
from ui.commands import ask, plan  # noqa: F401  (registers their commands)
from ui.commands import bench as _bench  # noqa: F401  (registers plan-qa bench)
from ui.commands import scope as _scope  # noqa: F401  (registers plan-qa fit-scope)
from ui.commands import search as _search  # noqa: F401  (registers plan-qa index and search)
from ui.commands import serve as _serve  # noqa: F401  (registers plan-qa serve)

__all__ = ["app"]

limit_embed_threads(get_settings())  # before any command loads the embedding model

if __name__ == "__main__":
    app()
