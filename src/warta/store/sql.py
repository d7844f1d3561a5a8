"""The store written once in portable SQL; a backend only supplies the connection and its dialect quirks.

:class:`SqlStore` implements every :class:`~warta.store.base.Store` method with ``?``-parameter SQL that
runs unchanged on SQLite and PostgreSQL (``INSERT ... ON CONFLICT``, ``EXISTS``, ``CASE``, ``||``, ``LIMIT``).
A backend subclass provides :meth:`_query`, :meth:`_query_many`, :meth:`_transaction` and ``driver_errors``;
see :class:`warta.store.sqlite.SqliteStore`.
"""

from __future__ import annotations

import abc
import json
import logging
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from warta.claims import clusters, evidence, ledger
from warta.errors import StoreError, UsageError
from warta.query import (
    ClaimQuery,
    ClaimRow,
    ClaimTrail,
    ClusterRow,
    EntityQuery,
    EntityRow,
    EventQuery,
    EventRow,
    QuoteQuery,
    QuoteRow,
    StanceRow,
)
from warta.records import Actor, AnnotatedArticle, Failure, Place
from warta.store import codec, selects
from warta.store.base import COUNTED_TABLES, Store

log = logging.getLogger(__name__)

#: Event ids per ``IN (...)`` when loading actors: well under every driver's parameter limit.
_CHUNK = 500


def utc_now() -> str:
    """The current UTC time as ISO 8601 with milliseconds, the format of every timestamp column."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


class SqlStore(Store):
    """A :class:`Store` on a SQL database reached through :meth:`_query` (rows as mappings by column)."""

    #: The driver's exception classes, translated to :class:`StoreError` at the public methods.
    driver_errors: tuple[type[Exception], ...] = ()

    def __init__(self, *, where: str, clock: Callable[[], str] | None = None) -> None:
        self.where = where
        self._now = clock or utc_now

    # -- what a backend provides ---------------------------------------------------------------------------

    @abc.abstractmethod
    def _query(self, sql: str, params: Sequence[Any] = (), /) -> list[Any]:
        """Run one statement and return all its rows (mappings by column name; empty for DDL and DML)."""

    @abc.abstractmethod
    def _query_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement once per parameter row."""

    @abc.abstractmethod
    def _transaction(self, *, write: bool = True) -> AbstractContextManager[None]:
        """Commit on normal exit, roll back on any exception. A write transaction takes the write lock at
        once, so two writers queue instead of failing halfway; a read one gives a consistent snapshot."""

    def _is_transient(self, exc: Exception) -> bool:
        """Whether a driver error may go away on retry (a lock held too long by another writer)."""
        return False

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except self.driver_errors as exc:
            raise StoreError(
                f"cannot {action} in {self.where}: {exc}", code="W403", transient=self._is_transient(exc)
            ) from exc

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
        one keeps ``first_seen`` and has every child replaced. The article's story cluster and the claims its
        events belong to are brought up to date in the same transaction (see :meth:`_refresh_ledger`).
        """
        article_id = doc.article.id
        # Encode before taking the write lock: a value that cannot be stored fails here, holding nothing.
        digest = codec.content_hash(doc)
        sentences = codec.sentence_rows(doc)
        entities = codec.entity_rows(doc)
        quotes = codec.quote_rows(doc)
        events, actors = codec.event_rows(doc)
        with self._errors(f"save article {article_id}"), self._transaction():
            self._check_run(run_id)
            # An input that failed before (a 503, a timeout) and has now been processed is no longer a
            # failure: its rows go, so `warta failures` lists only what still needs attention.
            self._query("DELETE FROM failures WHERE source = ?", (doc.article.source,))
            found = self._query("SELECT content_hash, first_seen FROM articles WHERE id = ?", (article_id,))
            if found and found[0]["content_hash"] == digest:
                log.debug("article %s unchanged; not rewritten", article_id)
                return article_id
            now = self._now()
            first_seen = found[0]["first_seen"] if found else now
            self._delete_children(article_id)
            self._upsert_article(
                codec.article_row(doc, content_hash=digest, run_id=run_id, first_seen=first_seen, updated=now)
            )
            self._insert_rows("sentences", codec.SENTENCE_COLUMNS, sentences)
            self._insert_rows("entities", codec.ENTITY_COLUMNS, entities)
            self._insert_rows("quotes", codec.QUOTE_COLUMNS, quotes)
            self._insert_rows("events", codec.EVENT_COLUMNS, events)
            self._insert_rows("event_actors", codec.ACTOR_COLUMNS, actors)
            self._refresh_ledger(doc, [row[0] for row in events])
        log.debug("article %s %s", article_id, "replaced" if found else "saved")
        return article_id

    def _delete_children(self, article_id: str) -> None:
        self._query(
            "DELETE FROM event_actors WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)",
            (article_id,),
        )
        for table in ("events", "quotes", "entities", "sentences"):
            self._query(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    def _upsert_article(self, row: tuple) -> None:
        columns = codec.ARTICLE_COLUMNS
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("id", "first_seen"))
        self._query(f"{_insert_sql('articles', columns)} ON CONFLICT (id) DO UPDATE SET {updates}", row)

    def _insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
        if rows:
            self._query_many(_insert_sql(table, columns), rows)

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
        for start in range(0, len(event_ids), _CHUNK):
            for row in self._query(*selects.actors_sql(list(event_ids[start : start + _CHUNK]))):
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
        return [
            EventRow(
                id=row["id"],
                article_id=row["article_id"],
                type=row["type"],
                mode=row["mode"],
                status=row["status"],
                date=row["date"],
                location=row["location"],
                trigger=row["trigger"],
                sentence=row["sentence"],
                start=row["start_char"],
                end=row["end_char"],
                attributed_to=row["attributed_to"],
                quantity=codec.quantity_from_json(row["quantity"]),
                place=codec.place_from_json(row["place"]),
                source=actors.get(row["id"], ((), ()))[0],
                target=actors.get(row["id"], ((), ()))[1],
                **{name: row[name] for name in selects.ARTICLE_FIELDS},
            )
            for row in found
        ]

    def select_quotes(self, q: QuoteQuery) -> list[QuoteRow]:
        """Quotes matching ``q`` with their article's metadata."""
        with self._errors("select quotes"):
            found = self._query(*selects.quotes_sql(q))
        return [
            QuoteRow(
                id=row["id"],
                article_id=row["article_id"],
                speaker=row["speaker"],
                speaker_country=row["speaker_country"],
                text=row["text"],
                direct=bool(row["direct"]),
                cue=row["cue"],
                via=row["via"],
                start=row["start_char"],
                end=row["end_char"],
                speaker_actor=codec.actor_from_json(row["speaker_actor"]),
                speaker_affiliation=row["speaker_affiliation"],
                **{name: row[name] for name in selects.ARTICLE_FIELDS},
            )
            for row in found
        ]

    def select_entities(self, q: EntityQuery) -> list[EntityRow]:
        """Entity mentions matching ``q`` with their article's metadata."""
        with self._errors("select entities"):
            found = self._query(*selects.entities_sql(q))
        return [
            EntityRow(
                id=row["id"],
                article_id=row["article_id"],
                text=row["text"],
                type=row["type"],
                country=row["country"],
                name=row["name"],
                kind=row["kind"],
                sector=row["sector"],
                role=row["role"],
                start=row["start_char"],
                end=row["end_char"],
                **{name: row[name] for name in selects.ARTICLE_FIELDS},
            )
            for row in found
        ]

    # -- failures ---------------------------------------------------------------------------------------

    def save_failure(self, failure: Failure, *, run_id: str | None = None) -> None:
        """Record a failure; the same input failing again at the same stage updates the row (latest code,
        reason and run) and counts one more attempt."""
        now = self._now()
        f = failure
        row = (
            codec.failure_id(f.source, f.stage), f.source, f.url, f.stage, f.code, f.reason, f.transient,
            f.record_id, run_id, now, now, 1,
        )  # fmt: skip
        with self._errors(f"record a failure of {f.source}"), self._transaction():
            self._check_run(run_id)
            self._query(
                "INSERT INTO failures (id, source, url, stage, code, reason, transient, record_id, run_id,"
                " first_seen, last_seen, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
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
        return [
            Failure(
                source=row["source"],
                stage=row["stage"],
                code=row["code"],
                reason=row["reason"],
                url=row["url"],
                transient=bool(row["transient"]),
                record_id=row["record_id"],
            )
            for row in found
        ]

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

    # -- claims ledger ----------------------------------------------------------------------------------
    # Story clusters and claims are derived from the articles and kept up to date inside save_article's
    # transaction, so an article and its place in the ledger are written together or not at all.

    def _refresh_ledger(self, doc: AnnotatedArticle, event_ids: Sequence[str]) -> None:
        """Bring clusters and claims up to date with the just-written ``doc`` (in the caller's transaction):
        its cluster, its evidence rows, and every claim bucket its old or new events belong to."""
        article_id = doc.article.id
        found = self._query("SELECT DISTINCT bucket FROM claim_evidence WHERE article_id = ?", (article_id,))
        touched = {row["bucket"] for row in found}
        self._cluster_article(article_id, doc.article.text)
        touched |= self._save_evidence(doc, event_ids)
        for bucket in sorted(touched):
            self._rebuild_bucket(bucket)

    def _cluster_article(self, article_id: str, text: str) -> None:
        fp = clusters.fingerprint(text)
        self._query("DELETE FROM article_bands WHERE article_id = ?", (article_id,))
        candidates: list[clusters.Candidate] = []
        if fp.band_keys:
            marks = ", ".join("?" for _ in fp.band_keys)
            # Distinct article ids first: deduplicating rows that carry whole signatures is slow.
            found = self._query(
                "SELECT c.article_id, c.cluster_id, c.signature FROM article_clusters c WHERE c.article_id IN"
                f" (SELECT b.article_id FROM article_bands b WHERE b.band_key IN ({marks}))"
                " AND c.method = ? AND c.article_id <> ?",
                (*fp.band_keys, clusters.METHOD, article_id),
            )
            candidates = [
                clusters.Candidate(row["article_id"], row["cluster_id"], codec.json_tuple(row["signature"]))
                for row in found
            ]
        taken = self._query(
            "SELECT article_id FROM article_clusters WHERE cluster_id = ? AND article_id <> ? LIMIT 1",
            (article_id, article_id),
        )
        assignment = clusters.assign_cluster(article_id, fp, candidates, name_taken=bool(taken))
        row = codec.cluster_row(article_id, assignment, method=clusters.METHOD, signature=fp.signature)
        updates = ", ".join(f"{c} = excluded.{c}" for c in codec.CLUSTER_COLUMNS[1:])
        insert = _insert_sql("article_clusters", codec.CLUSTER_COLUMNS)
        self._query(f"{insert} ON CONFLICT (article_id) DO UPDATE SET {updates}", row)
        self._insert_rows("article_bands", ("article_id", "band_key"), [(article_id, k) for k in fp.band_keys])

    def _save_evidence(self, doc: AnnotatedArticle, event_ids: Sequence[str]) -> set[str]:
        """Replace the article's evidence and denial rows; return the buckets of its events."""
        article_id = doc.article.id
        self._query("DELETE FROM claim_evidence WHERE article_id = ?", (article_id,))
        self._query("DELETE FROM event_denials WHERE article_id = ?", (article_id,))
        items, denials = evidence.article_evidence(doc, event_ids)
        self._insert_rows("claim_evidence", codec.EVIDENCE_COLUMNS, [codec.evidence_row(i) for i in items])
        self._insert_rows("event_denials", codec.DENIAL_COLUMNS, [codec.denial_row(d) for d in denials])
        return {item.bucket for item in items}

    def _rebuild_bucket(self, bucket: str) -> None:
        """Re-merge every stored event of ``bucket`` into claims and rewrite the claims that changed."""
        rows = self._query(
            "SELECT ce.*, e.idx, e.type, e.mode, e.date, a.published, a.first_seen, a.outlet, a.url,"
            " ac.cluster_id FROM claim_evidence ce JOIN events e ON e.id = ce.event_id"
            " JOIN articles a ON a.id = ce.article_id"
            " LEFT JOIN article_clusters ac ON ac.article_id = ce.article_id"
            " WHERE ce.bucket = ?",
            (bucket,),
        )
        items = [_ledger_item(row, bucket) for row in rows]
        denial_rows = self._query(
            "SELECT d.*, a.published, a.first_seen FROM event_denials d"
            " JOIN claim_evidence ce ON ce.event_id = d.event_id JOIN articles a ON a.id = d.article_id"
            " WHERE ce.bucket = ?",
            (bucket,),
        )
        denials = [_denial_item(row) for row in denial_rows]
        merged = ledger.merge_bucket(items, denials)
        # Rewrite only the claims whose content changed: one new article usually changes one or two claims
        # of a bucket that may hold thousands.
        found = self._query("SELECT id, digest FROM claims WHERE bucket = ?", (bucket,))
        stored = {row["id"]: row["digest"] for row in found}
        current = {c.id: c.digest for c in merged}
        stale = [(claim_id,) for claim_id, digest in stored.items() if current.get(claim_id) != digest]
        fresh = [c for c in merged if stored.get(c.id) != c.digest]
        if stale:
            self._query_many("DELETE FROM claim_stances WHERE claim_id = ?", stale)
            self._query_many("DELETE FROM claims WHERE id = ?", stale)
        self._insert_rows("claims", codec.CLAIM_COLUMNS, [codec.claim_row(c) for c in fresh])
        stances = [codec.stance_row(s) for c in fresh for s in c.stances]
        self._insert_rows("claim_stances", codec.STANCE_COLUMNS, stances)
        # Evidence rows rewritten by this save have no claim yet, even when their claim did not change.
        assigned = {row["event_id"]: row["claim_id"] for row in rows}
        links = [(c.id, event_id) for c in merged for event_id in c.event_ids if assigned.get(event_id) != c.id]
        if links:
            self._query_many("UPDATE claim_evidence SET claim_id = ? WHERE event_id = ?", links)

    def rebuild_claims(self) -> dict[str, int]:
        """Recompute every story cluster and claim from the stored articles, in the order they were first
        stored, in one transaction; return :meth:`ledger_counts`.

        Needed once for a database that holds articles saved before the ledger existed; on a current
        database it changes nothing.
        """
        with self._errors("rebuild the claims ledger"), self._transaction():
            for table in ("claim_stances", "claims", "event_denials", "claim_evidence", "article_bands",
                          "article_clusters"):  # fmt: skip
                self._query(f"DELETE FROM {table}")
            buckets: set[str] = set()
            for row in self._query("SELECT id FROM articles ORDER BY first_seen, id"):
                doc = self._load(row["id"])
                if doc is None:
                    continue
                self._cluster_article(doc.article.id, doc.article.text)
                buckets |= self._save_evidence(doc, codec.event_ids(doc.article.id, doc.events))
            for bucket in sorted(buckets):
                self._rebuild_bucket(bucket)
        log.info("claims ledger rebuilt in %s", self.where)
        return self.ledger_counts()

    def ledger_counts(self) -> dict[str, int]:
        """Claims, stances, story clusters, contested claims, and articles not yet in the ledger."""
        sql = {
            "claims": "SELECT COUNT(*) AS n FROM claims",
            "stances": "SELECT COUNT(*) AS n FROM claim_stances",
            "clusters": "SELECT COUNT(DISTINCT cluster_id) AS n FROM article_clusters",
            "contested": "SELECT COUNT(*) AS n FROM claims WHERE denying > 0",
            "unclustered": "SELECT COUNT(*) AS n FROM articles"
            " WHERE id NOT IN (SELECT article_id FROM article_clusters)",
        }
        with self._errors("count the claims ledger"), self._transaction(write=False):
            return {name: int(self._query(statement)[0]["n"]) for name, statement in sql.items()}

    def select_claims(self, q: ClaimQuery) -> list[ClaimRow]:
        """Claims matching ``q``, dated ones first in date order."""
        with self._errors("select claims"), self._transaction(write=False):
            return self._with_places([_claim_from_row(row) for row in self._query(*selects.claims_sql(q))])

    def _with_places(self, claims: list[ClaimRow]) -> list[ClaimRow]:
        """Each claim with where it happened: the place its events name most often (the first named on a
        tie), so that a claim reported from "Pyongyang" by two articles and "Korea Utara" by one is placed in
        Pyongyang."""
        places: dict[str, list[Place]] = {}
        ids = [c.id for c in claims]
        for start in range(0, len(ids), _CHUNK):
            for row in self._query(*selects.claim_places_sql(ids[start : start + _CHUNK])):
                place = codec.place_from_json(row["place"])
                if place is not None:
                    places.setdefault(row["claim_id"], []).append(place)
        return [replace(c, place=_most_named(places[c.id])) if c.id in places else c for c in claims]

    def load_claim(self, claim_id: str) -> ClaimTrail | None:
        """A claim and its evidence trail by id or by a unique id prefix; None if there is no such claim.
        A prefix that fits several claims is a :class:`~warta.errors.UsageError`."""
        with self._errors(f"load claim {claim_id}"), self._transaction(write=False):
            found = self._query(*selects.claims_sql(ClaimQuery(), claim_id=claim_id))
            if not found and claim_id:
                ids = [row["id"] for row in self._query(*selects.claim_ids_with_prefix_sql(claim_id))]
                if len(ids) > 1:
                    raise UsageError(f"claim id prefix {claim_id!r} fits several claims; give more of the id")
                if ids:
                    found = self._query(*selects.claims_sql(ClaimQuery(), claim_id=ids[0]))
            if not found:
                return None
            claim = self._with_places([_claim_from_row(found[0])])[0]
            stances = tuple(_stance_from_row(row) for row in self._query(*selects.stances_sql(claim.id)))
            denies = tuple(row["claim_id"] for row in self._query(*selects.denied_claims_sql(claim.id)))
            denied_by = tuple(row["claim_id"] for row in self._query(*selects.denying_claims_sql(claim.id)))
        return ClaimTrail(claim=claim, stances=stances, denies=denies, denied_by=denied_by)

    def select_clusters(self, *, min_size: int = 1) -> list[ClusterRow]:
        """Articles with their story cluster, for clusters of at least ``min_size`` articles."""
        with self._errors("select story clusters"):
            found = self._query(*selects.clusters_sql(min_size=min_size))
        return [
            ClusterRow(
                cluster_id=row["cluster_id"],
                article_id=row["article_id"],
                outlet=row["outlet"],
                title=row["title"],
                url=row["url"],
                published=row["published"],
                similarity=row["similarity"],
                joined=row["joined"],
            )  # fmt: skip
            for row in found
        ]


def _most_named(places: list[Place]) -> Place:
    """The place named most often, the first named on a tie (``places`` in the order stored)."""
    counts = Counter((p.name, p.country) for p in places)
    return max(places, key=lambda p: counts[(p.name, p.country)])


def _ledger_item(r: Any, bucket: str) -> ledger.LedgerItem:
    """A ``claim_evidence`` row joined with its event and article, as the merge sees it."""
    return ledger.LedgerItem(
        event_id=r["event_id"], article_id=r["article_id"], idx=r["idx"], bucket=bucket, type=r["type"],
        mode=r["mode"], date=r["date"], published=r["published"], seen=r["published"] or r["first_seen"],
        outlet=evidence.outlet_name(r["outlet"], r["url"]), cluster_id=r["cluster_id"] or r["article_id"],
        kind=r["kind"], holder=r["holder"], holder_country=r["holder_country"], via=r["via"],
        source=codec.json_tuple(r["source"]), target=codec.json_tuple(r["target"]),
        source_names=codec.json_tuple(r["source_names"]), target_names=codec.json_tuple(r["target_names"]),
        sentence_start=r["sentence_start"], sentence_end=r["sentence_end"],
    )  # fmt: skip


def _denial_item(r: Any) -> ledger.DenialItem:
    """An ``event_denials`` row joined with its article, as the merge sees it."""
    return ledger.DenialItem(
        reject_id=r["reject_id"], event_id=r["event_id"], position=r["position"], article_id=r["article_id"],
        holder=r["holder"], holder_country=r["holder_country"], rule=r["rule"], sentence_start=r["sentence_start"],
        sentence_end=r["sentence_end"], seen=r["published"] or r["first_seen"], kind=r["kind"],
    )  # fmt: skip


def _claim_from_row(row: Any) -> ClaimRow:
    return ClaimRow(
        id=row["id"], type=row["type"], mode=row["mode"], symmetric=bool(row["is_symmetric"]),
        source=codec.json_tuple(row["source"]), target=codec.json_tuple(row["target"]),
        source_names=codec.json_tuple(row["source_names"]), target_names=codec.json_tuple(row["target_names"]),
        date=row["date"], first_seen=row["first_seen"], mentions=row["mentions"], articles=row["articles"],
        outlets=row["outlets"], clusters=row["clusters"], asserting=row["asserting"], reporting=row["reporting"],
        denying=row["denying"], future=row["future"], hypothetical=row["hypothetical"],
        first_article=row["first_article"], first_url=row["first_url"],
    )  # fmt: skip


def _stance_from_row(row: Any) -> StanceRow:
    return StanceRow(
        id=row["id"], claim_id=row["claim_id"], idx=row["idx"], kind=row["kind"], holder=row["holder"],
        holder_country=row["holder_country"], via=row["via"], rule=row["rule"], event_id=row["event_id"],
        event_type=row["event_type"], status=row["status"], trigger=row["trigger"], sentence=row["sentence"],
        sentence_start=row["sentence_start"], sentence_end=row["sentence_end"], article_id=row["article_id"],
        outlet=row["outlet"], url=row["url"], title=row["title"], published=row["published"],
        cluster_id=row["cluster_id"],
    )  # fmt: skip
