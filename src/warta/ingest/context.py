"""What every reader in the ingest stage shares: settings, the fetcher, defaults, and how a failure looks."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace

from warta.errors import InputError
from warta.ingest.http import Fetcher
from warta.records import Failure, Page
from warta.settings import Settings

log = logging.getLogger(__name__)

STAGE = "ingest"


@dataclass(frozen=True, slots=True)
class IngestContext:
    """One ingest run: its settings, its (shared, robots-caching) fetcher and the caller's defaults."""

    settings: Settings
    fetcher: Fetcher
    published: str | None = None
    language: str | None = None

    def complete(self, page: Page) -> Page:
        """Fill ``published`` and ``language`` from the run's defaults where the record gave none."""
        if (page.published or not self.published) and (page.language or not self.language):
            return page
        return replace(page, published=page.published or self.published, language=page.language or self.language)


def failure_from(exc: InputError, *, source: str, url: str | None = None, record_id: str | None = None) -> Failure:
    """The Failure row for an input (or one record of it) that could not be read."""
    return Failure(
        source=source,
        stage=STAGE,
        code=exc.code,
        reason=exc.message,
        url=url,
        transient=exc.transient,
        record_id=record_id,
    )


def guarded(pages: Iterator[Page | Failure], *, source: str, url: str | None = None) -> Iterator[Page | Failure]:
    """Drain one input's reader (a generator), turning what it raises into a Failure so the next input still
    gets read.

    An :class:`InputError` is the input's fault. Anything else is a bug, but one bad input must not stop a batch
    of thousands: it is logged with its traceback and recorded as a terminal failure with code W999 (as the
    pipeline does for the later stages).
    """
    try:
        yield from pages
    except InputError as exc:
        yield failure_from(exc, source=source, url=url)
    except Exception as exc:  # noqa: BLE001 - see the docstring
        log.exception("ingest crashed on %s", source)
        yield Failure(source=source, stage=STAGE, code="W999", reason=f"internal error: {exc!r}", url=url)
