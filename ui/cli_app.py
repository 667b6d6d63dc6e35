"""The Typer application and the one place where domain errors become CLI messages and exit codes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import typer

from planqa.errors import PlanQAError
from planqa.settings import get_settings
from ui.plan_names import catalog_plans, described_en

app = typer.Typer(
    name="plan-qa",
    help=f"Grounded Q&A over {described_en(catalog_plans(get_settings()))}.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def step(message: str) -> None:
    """Progress on long work, on stderr so that --json output stays clean."""
    typer.echo(f"· {message}", err=True)


def cli_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a PlanQAError into a two-language message and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PlanQAError as exc:
            typer.echo(f"错误：{exc.zh}\nError: {exc.en}", err=True)
            sys.exit(2)

    return wrapper
