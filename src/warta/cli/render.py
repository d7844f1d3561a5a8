"""How the CLI shows things: rich tables and progress on stderr/stdout, JSON and CSV for scripts."""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from warta.errors import UsageError, WartaError

if TYPE_CHECKING:  # the store and its export load only for the commands that read the store
    from warta.store.rows import EntityRow, EventRow, QuoteRow

_out = Console(soft_wrap=False)
_err = Console(stderr=True)


def error(exc: WartaError) -> None:
    """``Code: message`` on stderr."""
    _err.print(f"[bold red]{exc.code}[/]: {exc.message}", highlight=False)


def note(message: str) -> None:
    _err.print(message, highlight=False)


@contextlib.contextmanager
def progress() -> Iterator[Callable[[Any], None]]:
    """A spinner with a count of processed inputs on stderr (silent when stderr is not a terminal)."""
    if not _err.is_terminal:
        yield lambda _result: None
        return
    with Progress(
        SpinnerColumn(), TextColumn("processing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=_err, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("inputs", total=None)
        yield lambda _result: bar.advance(task)


def summary(result: Any, *, command: str, db: Path | str | None = None) -> None:
    """The table at the end of a command (titled "warta <command>"): processed, failed, what was found, and
    each failure's reason."""
    table = Table(title=f"warta {command}", show_header=False)
    table.add_row("articles processed", str(result.processed))
    table.add_row("inputs failed", str(result.failed))
    table.add_row("entities / quotes / events", f"{result.entities} / {result.quotes} / {result.events}")
    if getattr(result, "retried", 0):
        table.add_row("pages retried (transient failures)", str(result.retried))
    if db is not None:
        table.add_row("database", str(db))
    _err.print(table)
    if result.failures:
        failed = Table(title="failures (recorded)")
        for column in ("input", "stage", "code", "reason"):
            failed.add_column(column, overflow="fold")
        for f in result.failures:
            failed.add_row(f.source, f.stage, f.code, f.reason)
        _err.print(failed)


def _actors(actors: Sequence[Any]) -> str:
    return "; ".join(f"{_actor_label(a)} ({a.country or '-'})" for a in actors)


def _actor_label(actor: Any) -> str:
    """The words of the text that name the actor, or its resolved name when the text only refers to it: "kedua
    menteri" (both ministers), "they", a bare office ("the minister") say nothing on their own."""
    if actor.text and actor.name:
        words = set(actor.name.lower().split())
        if not words & set(actor.text.lower().split()):
            return actor.name
    return actor.text or actor.name or "?"


_UNBROKEN = frozenset({"type", "status", "date", "direct", "country"})


def _emit(
    rows: Sequence[Any], fmt: str, columns: Sequence[str], cells: Callable[[Any], Sequence[str]], title: str
) -> None:
    if fmt == "json":
        from warta.export.plain import row_to_dict  # deferred: only the commands that read the store get here

        print(json.dumps([row_to_dict(r) for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(cells(row))
    elif fmt == "table":
        table = Table(title=f"{title} ({len(rows)})")
        for column in columns:
            # short codes and dates stay on one line ("2024-04-26", not "2024-04-2" over "6")
            table.add_column(column, overflow="fold", no_wrap=column in _UNBROKEN)
        for row in rows:
            table.add_row(*cells(row))
        _out.print(table)
    else:
        raise UsageError(f"--format must be table, json or csv, got {fmt!r}", code="W102")


def events(rows: Sequence[EventRow], *, fmt: str) -> None:
    # A narrow terminal cannot show the article title beside seven other columns without wrapping every
    # cell into a tall column of fragments; CSV and JSON always carry it.
    wide = fmt != "table" or _out.width >= 140
    columns = ("type", "mode", "source", "target", "status", "date", "trigger") + (("article",) if wide else ())
    _emit(
        rows, fmt, columns,
        lambda r: (r.type, r.mode or "", _actors(r.source), _actors(r.target), r.status, r.date or "", r.trigger,
                   r.title or r.article_id)[: len(columns)],
        "events",
    )  # fmt: skip


def quotes(rows: Sequence[QuoteRow], *, fmt: str) -> None:
    _emit(
        rows, fmt, ("speaker", "country", "quote", "direct", "via"),
        lambda r: (r.speaker or "?", r.speaker_country or "", r.text, "yes" if r.direct else "no", r.via or ""),
        "quotes",
    )  # fmt: skip


def entities(rows: Sequence[EntityRow], *, fmt: str) -> None:
    _emit(
        rows, fmt, ("text", "type", "country", "name", "article"),
        lambda r: (r.text, r.type, r.country or "", r.name or "", r.title or r.article_id),
        "entities",
    )  # fmt: skip


def failures(rows: Sequence[Any], *, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([{"source": f.source, "url": f.url, "stage": f.stage, "code": f.code, "reason": f.reason,
                           "transient": f.transient} for f in rows], ensure_ascii=False, indent=2))  # fmt: skip
        return
    _emit(rows, fmt, ("input", "stage", "code", "reason", "transient"),
          lambda f: (f.source, f.stage, f.code, f.reason, "yes" if f.transient else "no"), "failures")  # fmt: skip


def evaluation(report: dict[str, Any]) -> None:
    """Per-article and total scores of ``warta eval``."""
    table = Table(title=f"warta eval: {report['gold']}")
    for column in (
        "article",
        "lang",
        "entity F1",
        "quote F1",
        "event P",
        "event R",
        "event F1",
        "status acc",
        "date acc",
    ):
        table.add_column(column)
    for row in [*report["articles"], {"id": "TOTAL", "lang": "", **report["total"]}]:
        ev = row["events"]
        table.add_row(
            row["id"], row.get("lang", ""), f"{row['entities']['f1']:.2f}", f"{row['quotes']['f1']:.2f}",
            f"{ev['precision']:.2f}", f"{ev['recall']:.2f}", f"{ev['f1']:.2f}",
            f"{row['status_accuracy']:.2f}", f"{row['date_accuracy']:.2f}",
        )  # fmt: skip
    _out.print(table)


def fold_evaluation(report: dict[str, Any]) -> None:
    """Cross-validated event scores of ``warta eval --folds``, with the seen-vs-unseen gap."""
    table = Table(title=f"warta eval --folds: {report['gold']} (learned event coder)")
    for column in ("set", "event P", "event R", "event F1", "status acc", "date acc", "seen F1", "gap"):
        table.add_column(column)
    for lang, row in report["by_language"].items():
        ev = row["events"]
        table.add_row(
            f"{lang}, held-out folds", f"{ev['precision']:.3f}", f"{ev['recall']:.3f}", f"{ev['f1']:.3f}",
            f"{row['status_accuracy']:.3f}", f"{row['date_accuracy']:.3f}",
            f"{report['seen'][lang]['events']['f1']:.3f}", f"{report['gap'][lang]:.3f}",
        )  # fmt: skip
    for fold, ev in report["by_fold"].items():
        scores = (f"{ev['precision']:.3f}", f"{ev['recall']:.3f}", f"{ev['f1']:.3f}")
        table.add_row(f"fold {fold}", *scores, "", "", "", "")
    _out.print(table)
