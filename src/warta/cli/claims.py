"""``warta claims``: the claims ledger on the command line (a thin shell over the store's claim queries).

::

    warta claims [--actor X] [--country ISO3] [--type AID] [--contested] [--format table|json]
    warta claims show ID            # the evidence trail: every stance with outlet, source, status, sentence
    warta claims clusters           # story clusters: the outlets that ran the same story
    warta claims rebuild            # recompute clusters and claims (a database from before the ledger)
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from warta.cli.common import ConfigOpt, DbOpt, with_store
from warta.errors import UsageError

if TYPE_CHECKING:  # the store and its export load only when a claims command runs, not for every command
    from warta.store.rows import ClaimRow, ClaimTrail, ClusterRow

log = logging.getLogger(__name__)

app = typer.Typer(
    help="List claims (events merged across articles) with who asserts, reports and denies each one; "
    "`warta claims show ID` prints one claim's evidence trail.",
    invoke_without_command=True,
    add_completion=False,
)

_out = Console(soft_wrap=False)
_err = Console(stderr=True)

FormatOpt = Annotated[str, typer.Option("--format", help="table or json")]
_FORMATS = ("table", "json")


@app.callback()
def claims(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(help="actor text, name (substring) or country code")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 or IGO code of any actor")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type")] = None,
    contested: Annotated[bool, typer.Option("--contested", help="only claims that an actor denies")] = False,
    limit: Annotated[int | None, typer.Option(help="at most this many claims")] = None,
    fmt: FormatOpt = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List claims with their counts of articles, outlets, stories and asserting, reporting and denying
    sources."""
    if ctx.invoked_subcommand is not None:
        return
    from warta.store.queries import ClaimQuery  # deferred: see the imports

    def show(found: tuple[list[ClaimRow], int]) -> None:
        rows, missing = found
        if missing:
            _err.print(
                f"{missing} stored articles are not in the claims ledger (saved before it existed); "
                "run `warta claims rebuild` to add them",
                highlight=False,
            )
        _print_claims(rows, fmt)

    with_store(
        lambda store, q: (store.select_claims(q), store.ledger_counts()["unclustered"]), show, db=db,
        config=config, formats=_FORMATS, fmt=fmt,
        query=lambda: ClaimQuery(actor=actor, country=country, type=type_, contested=contested, limit=limit),
    )  # fmt: skip


@app.command()
def show(
    claim_id: Annotated[str, typer.Argument(help="claim id, or the start of one")],
    fmt: FormatOpt = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print a claim's evidence trail: every stance with its outlet, source, status and sentence."""

    def show(trail: ClaimTrail | None) -> None:
        if trail is None:
            raise UsageError(f"no claim with id {claim_id!r}; list them with `warta claims`", code="W103")
        if fmt == "json":
            from warta.export.plain import trail_to_dict  # deferred: see the imports

            print(json.dumps(trail_to_dict(trail), ensure_ascii=False, indent=2))
        else:
            _print_trail(trail)

    with_store(lambda store, _: store.load_claim(claim_id), show, db=db, config=config, formats=_FORMATS, fmt=fmt)


@app.command()
def clusters(
    min_size: Annotated[int, typer.Option(help="only clusters with at least this many articles")] = 2,
    fmt: FormatOpt = "table",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List story clusters: the same story as run by several outlets."""
    with_store(
        lambda store, _: store.select_clusters(min_size=min_size), lambda rows: _print_clusters(rows, fmt),
        db=db, config=config, formats=_FORMATS, fmt=fmt,
    )  # fmt: skip


@app.command()
def rebuild(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Recompute every story cluster and claim from the stored articles."""
    from warta.claims import rebuild_ledger

    def show(counts: dict[str, int]) -> None:
        _err.print(
            f"{counts['claims']} claims ({counts['contested']} contested), {counts['stances']} stances, "
            f"{counts['clusters']} story clusters",
            highlight=False,
        )

    with_store(lambda store, _: rebuild_ledger(store), show, db=db, config=config)


# -- rendering ---------------------------------------------------------------------------------------------


def _side(names: Sequence[str], keys: Sequence[str]) -> str:
    countries = ", ".join(k for k in keys if not k.startswith("~"))
    shown = "; ".join(names) or ", ".join(k.lstrip("~") for k in keys) or "-"
    return f"{shown} ({countries})" if countries else shown


def _dyad(row: ClaimRow) -> str:
    arrow = " <-> " if row.symmetric else " -> "
    target = _side(row.target_names, row.target) if row.target else "-"
    return _side(row.source_names, row.source) + arrow + target


def _print_claims(rows: Sequence[ClaimRow], fmt: str) -> None:
    if fmt == "json":
        from warta.export.plain import claim_to_dict  # deferred: see the imports

        print(json.dumps([claim_to_dict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"claims ({len(rows)})")
    for column in ("id", "claim", "date", "articles / outlets / stories", "asserted / reported / denied",
                   "future / hyp."):  # fmt: skip
        table.add_column(column, overflow="fold")
    for r in rows:
        claim = f"{r.type}{' ' + r.mode if r.mode else ''}: {_dyad(r)}"
        table.add_row(
            r.id[:12], claim, r.date or "", f"{r.articles} / {r.outlets} / {r.clusters}",
            f"{r.asserting} / {r.reporting} / {r.denying}", f"{r.future} / {r.hypothetical}",
        )  # fmt: skip
    _out.print(table)


def _holder(holder: str | None, country: str | None, kind: str, outlet: str | None) -> str:
    if holder is None:
        return "an unnamed source" if kind in ("reported", "denied") else f"the outlet ({outlet or 'unknown'})"
    return f"{holder} ({country})" if country else holder


def _print_trail(trail: ClaimTrail) -> None:
    """The claim, then one block per stance: who holds it how, where, and the sentence that says so."""
    c = trail.claim
    _out.print(f"[bold]claim {c.id}[/]: {c.type}{' ' + c.mode if c.mode else ''}  {_dyad(c)}", highlight=False)
    _out.print(
        f"date {c.date or 'unknown'}; first seen {c.first_seen}; {c.mentions} mentions in {c.articles} articles "
        f"from {c.outlets} outlets ({c.clusters} stories); asserted by {c.asserting}, reported by {c.reporting}, "
        f"denied by {c.denying}, future {c.future}, hypothetical {c.hypothetical}",
        highlight=False,
    )
    if c.place is not None:
        where = f"{c.place.name} ({c.place.country or '-'})"
        if c.place.lat is not None and c.place.lon is not None:
            where += f" at {c.place.lat:.4f}, {c.place.lon:.4f}"
        _out.print(f"place {where}", highlight=False)
    for label, ids in (("denies claim", trail.denies), ("denied by claim", trail.denied_by)):
        if ids:
            _out.print(f"{label}: {', '.join(ids)}", highlight=False)
    for n, s in enumerate(trail.stances, 1):
        if s.rule == "citation":
            how = f"{s.kind} (evidence cited in the article)"
        else:
            how = s.kind if s.rule is None else f"{s.kind} (by a {s.event_type} event; rule: {s.rule})"
        via = f" via {s.via}" if s.via else ""
        where = (
            f"{s.outlet or 'outlet unknown'}, article {s.title or s.article_id}, story {(s.cluster_id or '')[:12]}"
        )
        _out.print(
            f"\n{n}. [bold]{how}[/] by {_holder(s.holder, s.holder_country, s.kind, s.outlet)}{via}"
            f"  (event status: {s.status})",
            highlight=False,
        )
        _out.print(f"   {where}", highlight=False)
        _out.print(f"   [{s.sentence_start}:{s.sentence_end}] {s.sentence}", highlight=False, markup=False)


def _print_clusters(rows: Sequence[ClusterRow], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"story clusters ({len({r.cluster_id for r in rows})})")
    for column in ("cluster", "article", "outlet", "title", "published", "similarity"):
        table.add_column(column, overflow="fold")
    for r in rows:
        similarity = "first" if r.similarity is None else f"{r.similarity:.2f}"
        cells = (r.cluster_id[:12], r.article_id, r.outlet or "", r.title or "", r.published or "", similarity)
        table.add_row(*cells)
    _out.print(table)
