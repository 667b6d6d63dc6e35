"""The `plan-qa` console command: a thin shell over the pipeline's public calls."""

import ui.commands.evaluate  # noqa: F401  (registers plan-qa eval)
from ui.cli_app import app
from ui.commands import ask, plan  # noqa: F401  (registers their commands)

__all__ = ["app"]

if __name__ == "__main__":
    app()
