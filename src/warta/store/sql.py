"""The store written once in portable SQL; a backend only supplies the connection and its dialect quirks.

:class:`SqlStore` implements every :class:`~warta.store.base.Store` method with ``?``-parameter SQL that
runs on SQLite and PostgreSQL (``INSERT ... ON CONFLICT``, ``EXISTS``, ``CASE``, ``||``, ``LIMIT``; the
little that differs is translated by :mod:`warta.store.dialect`). A backend subclass provides :meth:`_query`,
:meth:`_query_many`, :meth:`_transaction`, ``driver_errors`` and, where writers run concurrently, :meth:`_lock`
(see :class:`warta.store.sql_base.SqlBase`, :class:`warta.store.sqlite.SqliteStore` and
:class:`warta.store.postgres.PostgresStore`).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from warta.errors import StoreError
from warta.records import Actor, AnnotatedArticle, Failure
from warta.store import codec, selects
from warta.store.base import COUNTED_TABLES, Store
from warta.store.ledger_sql import SqlLedger
from warta.store.queries import EntityQuery, EventQuery, QuoteQuery
from warta.store.rows import EntityRow, EventRow, QuoteRow
from warta.store.sql_base import insert_sql

log = logging.getLogger(__name__)


class SqlStore(SqlLedger, Store):
    """A :class:`Store` on a SQL database reached through :meth:`_query` (rows as mappings by column).

    It also keeps the claims ledger's tables (:class:`~warta.store.ledger_sql.SqlLedger`): the store
    interface through which :mod:`warta.claims` reads and writes them.
    """

    def _check_run(self, run_id: str | None) -> None:
        if run_id is not None and not self._query("SELECT id FROM runs WHERE id = ?", (run_id,)):
            raise StoreError(f"unknown run id {run_id!r} in {self.where}; start a run with begin_run() first")

    # -- runs -------------------------------------------------------------------------------------------

    def begin_run(self, *, command: str, inputs: Sequence[str], settings: Mapping[str, str]) -> str:
        """Record the start of a run (the command, its inputs and effective settings); return its id."""
        run_id = uuid.uuid4().hex
        row = (run_id, command, codec.dumps(list(inputs)), codec.dumps(dict(settings)), self._now())
        with self._errors("record a run"), self._transaction():
            self._query("INSERT INTO runs (id, command, inputs, settings, started) VALUES (?, ?, ?, ?, ?)", row)
        return run_id

    def finish_run(self, run_id: str, *, processed: int, failed: int) -> None:
        """Record the end of a run and its totals; an unknown ``run_id`` is a :class:`StoreError`."""
        with self._errors(f"finish run {run_id}"), self._transaction():
            self._check_run(run_id)
            self._query(
                "UPDATE runs SET finished = ?, processed = ?, failed = ? WHERE id = ?",
                (self._now(), processed, failed, run_id),
            )

    # -- articles ---------------------------------------------------------------------------------------

    def save_article(self, doc: AnnotatedArticle, *, run_id: str | None = None) -> str:
        """Save ``doc`` and all its children in one transaction; return the article id.

        An identical article (same content hash) is left untouched, timestamps and run included; a changed
        one keeps ``first_seen`` and has every child replaced. The claims ledger is not touched: save through
        :func:`warta.claims.save_article` to keep it up to date in the same transaction.
        """
        self.write_article(doc, run_id=run_id)
        return doc.article.id

    def write_article(self, doc: AnnotatedArticle, *, run_id: str | None = None) -> bool:
        """:meth:`save_article`, saying whether anything was written (False: the same article was stored)."""
        article_id = doc.article.id
        # Encode before taking the write lock: a value that cannot be stored fails here, holding nothing.
        digest = codec.content_hash(doc)
        sentences = codec.sentence_rows(doc)
        entities = codec.entity_rows(doc)
        quotes = codec.quote_rows(doc)
        events, actors = codec.event_rows(doc)
        with self._errors(f"save article {article_id}"), self._transaction():
            # Two workers saving the same article take turns; the second finds the first's rows.
            self._lock(f"article {article_id}")
            self._check_run(run_id)
            # An input that failed before (a 503, a timeout) and has now been processed is no longer a
            # failure: its rows go, so `warta failures` lists only what still needs attention.
            self._query("DELETE FROM failures WHERE source = ?", (doc.article.source,))
            found = self._query("SELECT content_hash, first_seen FROM articles WHERE id = ?", (article_id,))
            if found and found[0]["content_hash"] == digest:
                log.debug("article %s unchanged; not rewritten", article_id)
                return False
            now = self._now()
            first_seen = found[0]["first_seen"] if found else now
            if found:  # a new article has no children yet (they cascade away with their article)
                self._delete_children(article_id)
            self._upsert_article(
                codec.article_row(doc, content_hash=digest, run_id=run_id, first_seen=first_seen, updated=now)
            )
            self._insert_rows("sentences", codec.SENTENCE_COLUMNS, sentences)
            self._insert_rows("entities", codec.ENTITY_COLUMNS, entities)
            self._insert_rows("quotes", codec.QUOTE_COLUMNS, quotes)
            self._insert_rows("events", codec.EVENT_COLUMNS, events)
            self._insert_rows("event_actors", codec.ACTOR_COLUMNS, actors)
        log.debug("article %s %s", article_id, "replaced" if found else "saved")
        return True

    def _delete_children(self, article_id: str) -> None:
        self._query(
            "DELETE FROM event_actors WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)",
            (article_id,),
        )
        for table in ("events", "quotes", "entities", "sentences"):
            self._query(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    def _upsert_article(self, row: tuple) -> None:
        self._upsert("articles", codec.ARTICLE_COLUMNS, row, key="id", keep=("first_seen",))

    def load_article(self, article_id: str) -> AnnotatedArticle | None:
        """The stored article, equal to the one saved; None means only "no article with that id"."""
        with self._errors(f"load article {article_id}"), self._transaction(write=False):
            return self._load(article_id)

    def _load(self, article_id: str) -> AnnotatedArticle | None:
        found = self._query("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not found:
            return None

        def children(table: str) -> list[Any]:
            return self._query(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY idx", (article_id,))

        event_rows = children("events")
        actors = self._actors([row["id"] for row in event_rows])
        return AnnotatedArticle(
            article=codec.article_from_row(found[0]),
            sentences=tuple(codec.sentence_from_row(row) for row in children("sentences")),
            entities=tuple(codec.entity_from_row(row) for row in children("entities")),
            quotes=tuple(codec.quote_from_row(row) for row in children("quotes")),
            events=tuple(codec.event_from_row(row, *actors.get(row["id"], ((), ()))) for row in event_rows),
        )

    def _actors(self, event_ids: Sequence[str]) -> dict[str, tuple[tuple[Actor, ...], tuple[Actor, ...]]]:
        """Source and target actors of each event id, in their saved order."""
        sides: dict[str, dict[str, list[Actor]]] = {}
        for row in self._chunked(selects.actors_sql, event_ids):
            group = sides.setdefault(row["event_id"], {"source": [], "target": []})
            group[row["side"]].append(codec.actor_from_row(row))
        return {eid: (tuple(g["source"]), tuple(g["target"])) for eid, g in sides.items()}

    def iter_articles(self) -> Iterator[AnnotatedArticle]:
        """Every stored article, ordered by id (each read in its own snapshot)."""
        with self._errors("list articles"):
            ids = [row["id"] for row in self._query("SELECT id FROM articles ORDER BY id")]
        for article_id in ids:
            doc = self.load_article(article_id)
            if doc is not None:  # removed since the listing
                yield doc

    # -- queries ----------------------------------------------------------------------------------------

    def select_events(self, q: EventQuery) -> list[EventRow]:
        """Events matching ``q`` with their article's metadata, ordered by date (undated last)."""
        with self._errors("select events"), self._transaction(write=False):
            found = self._query(*selects.events_sql(q))
            actors = self._actors([row["id"] for row in found])
        none: tuple[tuple[Actor, ...], tuple[Actor, ...]] = ((), ())
        return [codec.selected_event(row, *actors.get(row["id"], none)) for row in found]

    def select_quotes(self, q: QuoteQuery) -> list[QuoteRow]:
        """Quotes matching ``q`` with their article's metadata."""
        with self._errors("select quotes"):
            found = self._query(*selects.quotes_sql(q))
        return [codec.selected_quote(row) for row in found]

    def select_entities(self, q: EntityQuery) -> list[EntityRow]:
        """Entity mentions matching ``q`` with their article's metadata."""
        with self._errors("select entities"):
            found = self._query(*selects.entities_sql(q))
        return [codec.selected_entity(row) for row in found]

    # -- failures ---------------------------------------------------------------------------------------

    def save_failure(self, failure: Failure, *, run_id: str | None = None) -> None:
        """Record a failure; the same input failing again at the same stage updates the row (latest code,
        reason and run) and counts one more attempt."""
        row = codec.failure_row(failure, run_id=run_id, now=self._now())
        with self._errors(f"record a failure of {failure.source}"), self._transaction():
            self._check_run(run_id)
            self._query(
                f"{insert_sql('failures', codec.FAILURE_COLUMNS)}"
                " ON CONFLICT (id) DO UPDATE SET url = excluded.url, code = excluded.code,"
                " reason = excluded.reason, transient = excluded.transient, record_id = excluded.record_id,"
                " run_id = COALESCE(excluded.run_id, failures.run_id), last_seen = excluded.last_seen,"
                " attempts = failures.attempts + 1",
                row,
            )

    def select_failures(self, *, run_id: str | None = None) -> list[Failure]:
        """Stored failures, all of them or those last seen in ``run_id``, oldest first."""
        sql = "SELECT * FROM failures"
        params: tuple[Any, ...] = ()
        if run_id is not None:
            sql += " WHERE run_id = ?"
            params = (run_id,)
        with self._errors("select failures"):
            found = self._query(sql + " ORDER BY first_seen, source, stage", params)
        return [codec.failure_from_row(row) for row in found]

    def failure_attempts(self, failure: Failure) -> int:
        """How many times ``failure``'s input has failed at its stage (0 if never recorded)."""
        with self._errors("count failure attempts"):
            found = self._query(
                "SELECT attempts FROM failures WHERE id = ?", (codec.failure_id(failure.source, failure.stage),)
            )
        return int(found[0]["attempts"]) if found else 0

    # -- housekeeping -----------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts of articles, sentences, entities, quotes, events, failures and runs."""
        with self._errors("count rows"), self._transaction(write=False):
            return {
                table: int(self._query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]) for table in COUNTED_TABLES
            }

    def load_run(self, run_id: str) -> dict[str, Any] | None:
        """The stored row of a run (inputs and settings decoded), or None if there is no such run."""
        with self._errors(f"load run {run_id}"):
            found = self._query("SELECT * FROM runs WHERE id = ?", (run_id,))
        if not found:
            return None
        run = dict(found[0])
        run["inputs"] = json.loads(run["inputs"])
        run["settings"] = json.loads(run["settings"])
        return run
