"""warta's one exception tree.

::

    WartaError                      base of everything warta raises on purpose
    ├── UsageError                  bad arguments or settings (CLI exit code 2)
    │   ├── SettingsError           a settings file or environment value that cannot be used
    │   ├── NotFoundError           no stored record with that id (HTTP 404 in the REST API)
    │   └── AuthError               a write to the REST API without the configured bearer token (HTTP 401/403)
    ├── InputError                  one input record cannot be processed (becomes a Failure row)
    │   ├── ReadError               file missing, unreadable, binary, oversized, malformed JSONL line
    │   ├── FetchError              HTTP problems; ``transient`` for timeouts and 5xx, terminal for 4xx
    │   │   └── RobotsDisallowed    robots.txt forbids the URL
    │   ├── ExtractError            no article text could be extracted (empty page, non-article page)
    │   ├── LanguageError           the language is not one warta supports (a recorded skip)
    │   └── BudgetError             an article ran past its time budget (``article_seconds``)
    ├── ModelError                  a shipped model or data file is missing or broken
    └── StoreError                  the database cannot be opened, migrated or written

Every error has a stable ``code`` (``W`` + three digits) so scripts and the failures table can group them, and
a message that says what happened and what to do.
"""

from __future__ import annotations


class WartaError(Exception):
    """Base class: ``code`` is stable across versions, ``transient`` says whether a retry may succeed."""

    code = "W000"
    transient = False

    def __init__(self, message: str, *, code: str | None = None, transient: bool | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        if transient is not None:
            self.transient = transient

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class UsageError(WartaError):
    code = "W100"


class SettingsError(UsageError):
    code = "W101"


class NotFoundError(UsageError):
    code = "W105"


class AuthError(UsageError):
    code = "W106"


class InputError(WartaError):
    code = "W200"


class ReadError(InputError):
    code = "W210"


class FetchError(InputError):
    code = "W220"


class RobotsDisallowed(FetchError):
    code = "W221"


class ExtractError(InputError):
    code = "W230"


class LanguageError(InputError):
    code = "W240"


class BudgetError(InputError):
    code = "W250"


class ModelError(WartaError):
    code = "W300"


class StoreError(WartaError):
    code = "W400"
