"""The storage interface every backend implements.

A store keeps annotated articles with their sentences, entities, quotes and events, the failures of inputs
that could not be processed, and one row per run. Article ids come from the records and child ids are
content hashes (see :mod:`warta.store.codec`), so saving an article again is an upsert: identical output
changes nothing, different output replaces the article's children in the same transaction.

A SQLite file takes one writer at a time (runners send finished records to that writer); a PostgreSQL
database takes several at once, so workers may write to it directly (see :mod:`warta.store.postgres`).

Every problem is a :class:`~warta.errors.StoreError`: ``W401`` the database was written by a newer warta,
``W402`` the database URL names an unsupported backend (or one whose driver is not installed), ``W403`` the
database failed (cannot be opened, a statement failed; ``transient`` when another writer held the lock past
the busy timeout, or the server connection was lost), ``W400`` a
misuse such as an unknown run id or a closed store. Exceptions raised by warta's own code inside a save
(bugs) pass through unchanged after the transaction is rolled back.
"""

from __future__ import annotations

import abc
import logging
from collections.abc import Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any

from warta.records import AnnotatedArticle, Failure
from warta.store.queries import ClaimQuery, EntityQuery, EventQuery, QuoteQuery
from warta.store.rows import ClaimRow, ClaimTrail, ClusterRow, EntityRow, EventRow, QuoteRow

log = logging.getLogger(__name__)

#: The tables :meth:`Store.counts` reports, in display order.
COUNTED_TABLES = ("articles", "sentences", "entities", "quotes", "events", "failures", "runs")


class Store(abc.ABC):
    """A place to keep annotated articles; use it as a context manager so it is always closed."""

    #: Where the rows are kept, for messages: a file path, or a database URL without its password.
    where: str

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @abc.abstractmethod
    def begin_run(self, *, command: str, inputs: Sequence[str], settings: Mapping[str, str]) -> str:
        """Record the start of a run (the command, its inputs and effective settings); return its id."""

    @abc.abstractmethod
    def finish_run(self, run_id: str, *, processed: int, failed: int) -> None:
        """Record the end of a run and its totals; an unknown ``run_id`` is a :class:`StoreError`."""

    @abc.abstractmethod
    def load_run(self, run_id: str) -> dict[str, Any] | None:
        """A run as a plain dict (id, command, inputs, settings, started, finished, processed, failed), or
        None if there is no such run."""

    @abc.abstractmethod
    def save_article(self, doc: AnnotatedArticle, *, run_id: str | None = None) -> str:
        """Save ``doc`` and all its children in one transaction; return the article id.

        Saving an identical article again changes nothing (not even its timestamps); saving a different
        version replaces every child, so no stale entity or event survives re-processing. The claims ledger
        is :mod:`warta.claims`'s: ``warta.claims.save_article`` saves and updates it in one transaction.
        """

    @abc.abstractmethod
    def write_article(self, doc: AnnotatedArticle, *, run_id: str | None = None) -> bool:
        """:meth:`save_article`, returning whether anything was written (False: the same article was
        already stored)."""

    @abc.abstractmethod
    def save_failure(self, failure: Failure, *, run_id: str | None = None) -> None:
        """Record a failure; the same input failing again at the same stage updates the row and counts
        one more attempt."""

    @abc.abstractmethod
    def load_article(self, article_id: str) -> AnnotatedArticle | None:
        """The stored article, equal to the one saved; None means only "no article with that id"."""

    @abc.abstractmethod
    def iter_articles(self) -> Iterator[AnnotatedArticle]:
        """Every stored article, ordered by id."""

    @abc.abstractmethod
    def select_events(self, q: EventQuery) -> list[EventRow]:
        """Events matching ``q`` with their article's metadata, ordered by date (undated last)."""

    @abc.abstractmethod
    def select_quotes(self, q: QuoteQuery) -> list[QuoteRow]:
        """Quotes matching ``q`` with their article's metadata."""

    @abc.abstractmethod
    def select_entities(self, q: EntityQuery) -> list[EntityRow]:
        """Entity mentions matching ``q`` with their article's metadata."""

    @abc.abstractmethod
    def select_failures(self, *, run_id: str | None = None) -> list[Failure]:
        """Stored failures, all of them or those last seen in ``run_id``."""

    @abc.abstractmethod
    def failure_attempts(self, failure: Failure) -> int:
        """How many times ``failure``'s input has failed at its stage (0 if never recorded)."""

    @abc.abstractmethod
    def counts(self) -> dict[str, int]:
        """Row counts of articles, sentences, entities, quotes, events, failures and runs."""

    # -- story clusters and the claims ledger (computed by warta.claims, which writes them through the
    # -- backend's ledger methods: see warta.claims.updates.LedgerStore) -------------------------------------

    @abc.abstractmethod
    def select_claims(self, q: ClaimQuery) -> list[ClaimRow]:
        """Claims matching ``q`` with their counts, dated ones first in date order."""

    @abc.abstractmethod
    def load_claim(self, claim_id: str) -> ClaimTrail | None:
        """A claim with its evidence trail (every stance and its sentence), by id or unique id prefix; None
        if there is no such claim."""

    @abc.abstractmethod
    def select_clusters(self, *, min_size: int = 1) -> list[ClusterRow]:
        """Articles with their story cluster, for clusters of at least ``min_size`` articles."""

    @abc.abstractmethod
    def ledger_counts(self) -> dict[str, int]:
        """Numbers of claims, stances, story clusters, contested claims and articles not in the ledger."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection; closing twice is harmless."""
