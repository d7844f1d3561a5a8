"""The storage interface every backend implements, and :func:`open_store` to pick one.

A store keeps annotated articles with their sentences, entities, quotes and events, the failures of inputs
that could not be processed, and one row per run. Article ids come from the records and child ids are
content hashes (see :mod:`warta.store.codec`), so saving an article again is an upsert: identical output
changes nothing, different output replaces the article's children in the same transaction.

One process writes to a store at a time; runners send finished records to that writer rather than opening
the store on workers.

Every problem is a :class:`~warta.errors.StoreError`: ``W401`` the database was written by a newer warta,
``W402`` the database URL names an unsupported backend, ``W403`` the database failed (cannot be opened, a
statement failed; ``transient`` when another writer held the lock past the busy timeout), ``W400`` a
misuse such as an unknown run id or a closed store. Exceptions raised by warta's own code inside a save
(bugs) pass through unchanged after the transaction is rolled back.
"""

from __future__ import annotations

import abc
import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from warta.errors import StoreError
from warta.records import AnnotatedArticle, Failure
from warta.settings import Settings

if TYPE_CHECKING:
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
    )

log = logging.getLogger(__name__)

#: The tables :meth:`Store.counts` reports, in display order.
COUNTED_TABLES = ("articles", "sentences", "entities", "quotes", "events", "failures", "runs")


class Store(abc.ABC):
    """A place to keep annotated articles; use it as a context manager so it is always closed."""

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
        version replaces every child, so no stale entity or event survives re-processing.
        """

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

    # -- story clusters and the claims ledger (kept up to date by save_article; see warta.claims) ----------

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
    def rebuild_claims(self) -> dict[str, int]:
        """Recompute every story cluster and claim from the stored articles; return :meth:`ledger_counts`."""

    @abc.abstractmethod
    def ledger_counts(self) -> dict[str, int]:
        """Numbers of claims, stances, story clusters, contested claims and articles not in the ledger."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection; closing twice is harmless."""


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def open_store(target: Settings | Path | str) -> Store:
    """Open (creating and migrating if needed) the store named by settings, a path or a URL.

    - a :class:`Settings`: its ``db``
    - a :class:`~pathlib.Path` or a plain string: a SQLite file
    - ``sqlite:///relative.db`` or ``sqlite:////absolute/path.db`` (the SQLAlchemy convention)
    - ``postgresql://...``: not supported yet, a :class:`StoreError` says so
    """
    if isinstance(target, Settings):
        target = target.db
    text = str(target)
    match = _SCHEME.match(text)
    # A one-letter "scheme" is a Windows drive letter (C:), not a URL.
    scheme = match.group(1).lower() if match and len(match.group(1)) > 1 else None
    if scheme is None:
        path = Path(target)
    elif scheme in ("postgresql", "postgres"):
        raise StoreError(
            "PostgreSQL storage is not yet supported (planned: see the PostgreSQL backend issue); "
            "use a SQLite file path or a sqlite:/// URL for now",
            code="W402",
        )
    elif scheme == "sqlite" and isinstance(target, str) and text.lower().startswith("sqlite:///"):
        path = Path(text[len("sqlite:///") :])
    elif scheme == "sqlite":
        # Path("sqlite:////abs.db") collapses the slashes to "sqlite:/abs.db", which then reads the same as
        # the relative "sqlite:///abs.db": refuse to guess.
        raise StoreError(
            f"cannot tell which file {text!r} means (a sqlite URL needs three slashes and must be passed "
            "as a string); give the database as a plain file path instead",
            code="W402",
        )
    else:
        raise StoreError(
            f"unknown database URL scheme {scheme!r} in {text!r}; use a file path, sqlite:///file.db "
            "or (later) postgresql://",
            code="W402",
        )
    from warta.store.sqlite import SqliteStore

    return SqliteStore(path)
