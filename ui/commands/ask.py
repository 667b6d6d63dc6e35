"""`plan-qa ask`: one question through exactly the pipeline the API uses."""

from __future__ import annotations

import json

import typer

from ui.cli_app import app, cli_errors


@app.command()
@cli_errors
def ask(
    question: str = typer.Argument(
        ..., help="The question, in simplified or traditional Chinese or English."
    ),
    history: list[str] = typer.Option(None, "--history", "-H", help="An earlier question (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the Answer as JSON."),
    plan: str = typer.Option(
        None, "--plan", help="Ask this plan (`plan-qa plans`); default: the one named, else the best."
    ),
) -> None:
    """Answer a question from the library's plans, with citations and the responsible departments."""
    from bot.library import default_library

    answer = default_library().answer(question, history or [], plan=plan)
    if as_json:
        typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1))
        return
    typer.echo(answer.answer)
