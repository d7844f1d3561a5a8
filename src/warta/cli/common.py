"""What every ``warta`` command shares: its settings, the one place warta errors become exit codes, and the
options several command groups take."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from warta.cli import render
from warta.errors import UsageError, WartaError
from warta.settings import Settings, load_settings

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql://user@host/dbname URL (default: settings, warta.db)"),
]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="settings file (TOML)")]


def command_settings(config: Path | None, **overrides: Any) -> Settings:
    """The settings of one command: defaults < ``config`` file < environment < the command's flags."""
    return load_settings(file=config, overrides=overrides)


def guard(func: Callable[[], int]) -> None:
    """Run a command body, translating warta errors once: ``Code: message`` on stderr and an exit code."""
    try:
        code = func()
    except UsageError as exc:
        render.error(exc)
        raise typer.Exit(2) from None
    except WartaError as exc:
        render.error(exc)
        raise typer.Exit(1) from None
    raise typer.Exit(code)


def check_table_or_json(fmt: str) -> None:
    """Refuse a ``--format`` other than table or json."""
    if fmt not in ("table", "json"):
        raise UsageError(f"--format must be table or json, got {fmt!r}", code="W102")
