"""The ``warta`` command line: a thin shell over :mod:`warta.jobs`, :mod:`warta.store` and :mod:`warta.export`.

Exit codes: 0 all inputs processed, 3 some inputs failed (and were recorded), 2 usage error, 1 any other
warta error (printed as ``Code: message``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from warta.cli import render
from warta.cli.claims import app as claims_app
from warta.cli.common import ConfigOpt, DbOpt, LimitOpt, check_format, command_settings, guard, with_store
from warta.cli.models import app as models_app
from warta.errors import UsageError

app = typer.Typer(
    name="warta",
    help="News pages in; evidence-linked PLOVER events, quotes and entities out (Indonesian and English).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.add_typer(claims_app, name="claims")
app.add_typer(models_app, name="models")

F = TypeVar("F", bound=Callable[..., Any])

PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="publication date (YYYY-MM-DD) for pages that carry none")
]
#: What an input may be. A URL list is a ``.urls`` file, or a ``.txt`` file whose lines are each one word and
#: include an http(s) address (warta.ingest.urllist); a line of words makes a ``.txt`` file an article.
INPUTS_HELP = (
    "files, folders, URLs, feeds, WARC files, URL lists (a .urls file, or a .txt file of addresses, one a line; "
    "# comments), or - for stdin"
)
LangOpt = Annotated[
    str | None, typer.Option("--lang", help="force the language (id or en) instead of detecting it")
]
FormatOpt = Annotated[str, typer.Option("--format", help="table, json or csv")]


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help=INPUTS_HELP)],
    fmt: Annotated[
        str, typer.Option("--format", help="json (one array) or jsonl (one line per article)")
    ] = "json",
    out: Annotated[
        Path | None, typer.Option("--out", help="write one <input stem or id>.json per article here")
    ] = None,
    published: PublishedOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Process inputs and print warta/1 JSON (nothing is stored)."""
    from warta.jobs import extract_to

    def body() -> int:
        check_format(fmt, ("json", "jsonl"))
        settings = command_settings(config)
        summary = extract_to(inputs, settings, fmt=fmt, out=out, published=published, language=lang,
                             stream=sys.stdout, stdin=sys.stdin.buffer)  # fmt: skip
        render.summary(summary, command="extract")
        return summary.exit_code

    guard(body)


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help=INPUTS_HELP)],
    db: DbOpt = None,
    published: PublishedOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="run on a Dask cluster: local, local:N (workers) or tcp://host:port"),
    ] = None,
    parts: Annotated[
        Path | None,
        typer.Option("--parts", help="with --dask: write Parquet partitions here (for warta load), store nothing"),
    ] = None,
) -> None:
    """Ingest, process and store inputs; print a summary."""
    from warta.jobs import run_dask, run_into_store
    from warta.store import open_store
    from warta.store.dialect import redact_url

    def body() -> int:
        settings = command_settings(config, db=db)
        if dask is not None:
            with render.progress() as advance:
                summary = run_dask(inputs, settings, cluster=dask, parts=parts, published=published,
                                   language=lang, on_progress=lambda: advance(None))  # fmt: skip
            render.summary(summary, command="run", db=None if parts else redact_url(str(settings.db)))
            return summary.exit_code
        if parts is not None:
            raise UsageError("--parts needs --dask (the partitions are what Dask workers write)", code="W102")
        with open_store(settings) as store, render.progress() as advance:
            summary = run_into_store(inputs, settings, store, published=published, language=lang,
                                     stdin=sys.stdin.buffer, on_result=advance)  # fmt: skip
        render.summary(summary, command="run", db=store.where)  # a URL without its password
        return summary.exit_code

    guard(body)


@app.command()
def load(
    parts: Annotated[list[Path], typer.Argument(help="Parquet partition files or folders (warta run --parts)")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Store the Parquet partitions of a Dask run and rebuild the claims ledger."""
    from warta.runners.loading import load_partitions
    from warta.store import open_store

    def body() -> int:
        settings = command_settings(config, db=db)
        with open_store(settings) as store, render.progress() as advance:
            summary = load_partitions(parts, store, on_result=advance)
        render.summary(summary, command="load", db=store.where)
        return summary.exit_code

    guard(body)


@app.command()
def demo(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Process the sample articles bundled with warta, store them and show what was found."""
    from warta.jobs import demo_inputs, run_into_store
    from warta.store import open_store
    from warta.store.queries import EventQuery, QuoteQuery

    def body() -> int:
        settings = command_settings(config, db=db or Path("warta-demo.db"))
        inputs = demo_inputs()
        with open_store(settings) as store:
            render.note(f"processing {len(inputs)} bundled sample articles into {store.where}")
            summary = run_into_store(inputs, settings, store, command="demo")
            render.events(store.select_events(EventQuery()), fmt="table")
            render.quotes(store.select_quotes(QuoteQuery()), fmt="table")
        render.summary(summary, command="demo", db=store.where)
        render.note(f"browse the results: warta serve --db {store.where}  (then open http://127.0.0.1:8000/)")
        return summary.exit_code

    guard(body)


@app.command()
def events(
    actor: Annotated[str | None, typer.Option(help="actor text or name (substring)")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 or IGO code on either side")] = None,
    source: Annotated[str | None, typer.Option(help="source country")] = None,
    target: Annotated[str | None, typer.Option(help="target country")] = None,
    place: Annotated[str | None, typer.Option(help="country where the event happened (ISO3)")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type")] = None,
    status: Annotated[str | None, typer.Option(help="asserted, reported, denied, future, hypothetical")] = None,
    since: Annotated[str | None, typer.Option(help="events dated on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, typer.Option(help="events dated on or before")] = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List stored events."""
    from warta.store.queries import EventQuery

    with_store(
        lambda store, q: store.select_events(q), partial(render.events, fmt=fmt), db=db, config=config,
        query=lambda: EventQuery(actor=actor, country=country, source_country=source, target_country=target,
                                 place_country=place, type=type_, status=status, date_from=since,
                                 date_to=until, limit=limit),
    )  # fmt: skip


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option(help="speaker (substring)")] = None,
    country: Annotated[str | None, typer.Option(help="speaker's country")] = None,
    text: Annotated[str | None, typer.Option(help="words in the quote")] = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List stored quotes."""
    from warta.store.queries import QuoteQuery

    with_store(
        lambda store, q: store.select_quotes(q), partial(render.quotes, fmt=fmt), db=db, config=config,
        query=lambda: QuoteQuery(speaker=speaker, country=country, text=text, limit=limit),
    )  # fmt: skip


@app.command()
def entities(
    text: Annotated[str | None, typer.Option(help="mention or name (substring)")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PER, ORG or LOC")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 or IGO code")] = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List stored entity mentions."""
    from warta.store.queries import EntityQuery

    with_store(
        lambda store, q: store.select_entities(q), partial(render.entities, fmt=fmt), db=db, config=config,
        query=lambda: EntityQuery(text=text, type=type_, country=country, limit=limit),
    )  # fmt: skip


@app.command()
def failures(fmt: FormatOpt = "table", db: DbOpt = None, config: ConfigOpt = None) -> None:
    """List inputs that could not be processed, with stage and reason."""
    with_store(lambda store, _: store.select_failures(), partial(render.failures, fmt=fmt), db=db, config=config)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="plover-jsonl, csv, gdelt-csv or parquet")] = "plover-jsonl",
    out: Annotated[
        Path | None, typer.Option("--out", help="output file (default: stdout); for parquet a folder (required)")
    ] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export stored events as PLOVER JSON lines or CSV, claims as GDELT-style CSV, or every table as Parquet."""
    from warta.export import export_csv, export_gdelt_csv, export_plover_jsonl
    from warta.store import open_store

    def body() -> int:
        writers = {"plover-jsonl": export_plover_jsonl, "csv": export_csv, "gdelt-csv": export_gdelt_csv}
        check_format(fmt, (*writers, "parquet"))
        if fmt == "parquet" and out is None:
            raise UsageError("--format parquet writes one file per table: give a folder with --out", code="W102")
        with open_store(command_settings(config, db=db)) as store:
            if fmt == "parquet":
                from warta.export.parquet import export_parquet

                counts = export_parquet(store, out)
                render.note(f"wrote {', '.join(f'{n} {table}' for table, n in counts.items())} to {out}")
            elif out is None:
                writers[fmt](store, sys.stdout)
            else:
                with out.open("w", encoding="utf-8", newline="") as handle:
                    count = writers[fmt](store, handle)
                render.note(f"wrote {count} {'claims' if fmt == 'gdelt-csv' else 'events'} to {out}")
        return 0

    guard(body)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="address to listen on (other machines: 0.0.0.0)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    config: ConfigOpt = None,
) -> None:
    """Serve the web app and the REST API (/api/v1) over a store; ingest needs the api_token setting."""
    from warta.api import serve as serve_app

    def body() -> int:
        settings = command_settings(config, db=db)
        render.note(f"warta serve: http://{host}:{port}/ over {settings.db} (Ctrl-C stops)")
        serve_app(settings, host=host, port=port)
        return 0

    guard(body)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="gold JSONL (corpus/GUIDE.md format) or one .gold.json file")],
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    folds: Annotated[
        Path | None,
        typer.Option(
            help="folds file (id<TAB>fold, e.g. corpus/folds.tsv): cross-validate the learned event coder on "
            "GOLD, each fold coded by a model trained on the others (a few minutes)"
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Run warta on each gold record's text (with its publication date) and score it against the gold."""
    from warta.evaluation.event_folds import evaluate_folds
    from warta.evaluation.scoring import evaluate_gold_file

    def body() -> int:
        settings = command_settings(config)
        if folds is not None:
            report = evaluate_folds(gold, folds, settings)
        else:
            report = evaluate_gold_file(gold, settings)
        if fmt == "json":
            print(json.dumps(report, ensure_ascii=False, indent=2))
        elif folds is not None:
            render.fold_evaluation(report)
        else:
            render.evaluation(report)
        return 0

    guard(body)


def main() -> None:  # pragma: no cover - console entry point
    app()
