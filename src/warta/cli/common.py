"""What every ``warta`` command shares: its settings, the one place warta errors become exit codes, the
options several command groups take, and the body of a command over the store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from warta.cli import render
from warta.errors import UsageError, WartaError
from warta.settings import Settings, load_settings

if TYPE_CHECKING:
    from warta.store.base import Store

T = TypeVar("T")

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql://user@host/dbname URL (default: settings, warta.db)"),
]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="settings file (TOML)")]
LimitOpt = Annotated[int | None, typer.Option(help="at most this many rows")]


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


def check_format(fmt: str, choices: Sequence[str]) -> None:
    """Refuse a ``--format`` outside ``choices`` ("--format must be table or json, got 'xml'")."""
    if fmt in choices:
        return
    allowed = " or ".join(choices) if len(choices) == 2 else "one of " + ", ".join(choices)
    raise UsageError(f"--format must be {allowed}, got {fmt!r}", code="W102")


def check_table_or_json(fmt: str) -> None:
    """Refuse a ``--format`` other than table or json."""
    check_format(fmt, ("table", "json"))


def with_store(
    fetch: Callable[[Store, Any], T],
    show: Callable[[T], None],
    *,
    db: str | None,
    config: Path | None,
    query: Callable[[], Any] | None = None,
    formats: Sequence[str] | None = None,
    fmt: str = "table",
) -> None:
    """The body of a command over the store: check ``fmt`` against ``formats`` (when the command's
    renderer does not) and build the ``query`` from the options, both before the store is opened; then
    ``fetch(store, query)`` from the store of the command's settings, close it, and ``show`` what came back.
    Warta errors become exit codes (:func:`guard`)."""
    from warta.store import open_store

    def body() -> int:
        if formats is not None:
            check_format(fmt, formats)
        q = query() if query is not None else None
        with open_store(command_settings(config, db=db)) as store:
            found = fetch(store, q)
        show(found)
        return 0

    guard(body)
