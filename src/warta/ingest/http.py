"""Polite HTTP fetching: robots.txt, a per-host delay, retries with backoff, and a size limit.

Every failure is a :class:`~warta.errors.FetchError` whose ``transient`` flag says whether a later retry may
succeed (timeouts, refused connections, 5xx, 429) or not (4xx, a non-HTML answer, robots.txt says no).
The client, the clock and the sleep are injectable so tests run against a local server without waiting.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from warta.errors import FetchError, RobotsDisallowed
from warta.ingest.decode import charset_from_content_type, decode_bytes
from warta.settings import Settings

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
    }
)

#: First retry waits this long, then twice as long each time (capped), unless the server says Retry-After.
BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0
# A server asking for more than this is treated as asking for this much: a batch must not stall for hours.
MAX_RETRY_AFTER_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class FetchedDocument:
    """A successful response: the final URL (after redirects), its media type and charset, and the body."""

    url: str
    media_type: str
    charset: str | None
    body: bytes

    @property
    def text(self) -> str:
        """The body decoded (header charset, then the page's own declaration, then detection)."""
        return decode_bytes(self.body, declared=self.charset, name=self.url)


class Fetcher:
    """Fetches URLs for the ingest stage, one shared instance per run (it caches robots.txt per host).

    ``client`` defaults to a new :class:`httpx.Client` that this fetcher closes; an injected client is left
    open. ``clock`` and ``sleep`` default to :func:`time.monotonic` and :func:`time.sleep`.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._client = client
        self._owns_client = client is None
        self._clock = clock
        self._sleep = sleep
        self._robots: dict[str, RobotFileParser | FetchError | None] = {}
        self._last_request: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client if this fetcher created it."""
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        # Created on first use: a run over local files never opens a connection pool (nor imports httpx).
        if self._client is None:
            import httpx  # deferred: a run over local files never needs it

            self._client = httpx.Client(follow_redirects=True)
        return self._client

    def fetch(self, url: str, *, allow_feed: bool = False) -> FetchedDocument:
        """GET ``url`` and return the body if it is HTML (or, with ``allow_feed``, an RSS/Atom feed).

        Raises :class:`RobotsDisallowed` when robots.txt forbids the URL and :class:`FetchError` for anything
        else that goes wrong, after ``settings.http_retries`` retries of transient problems.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url}: not an http(s) URL; give a full address such as https://example.com/a")
        if self.settings.respect_robots and not self._robots_allow(url):
            raise RobotsDisallowed(f"{url}: robots.txt of {parts.netloc} disallows fetching it; skipped")
        accepted = HTML_TYPES | FEED_TYPES if allow_feed else HTML_TYPES
        return self._get_with_retries(url, accepted=accepted)

    def _get_with_retries(self, url: str, *, accepted: frozenset[str] | None) -> FetchedDocument:
        attempts = 1 + max(0, self.settings.http_retries)
        for attempt in range(attempts):
            try:
                return self._get_once(url, accepted=accepted)
            except _Retryable as retry:
                if attempt + 1 == attempts:
                    raise retry.error from None
                wait = retry.wait if retry.wait is not None else _backoff(attempt)
                log.info("%s; retrying in %.1fs (%d/%d)", retry.error.message, wait, attempt + 1, attempts - 1)
                self._sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _get_once(self, url: str, *, accepted: frozenset[str] | None) -> FetchedDocument:
        import httpx  # deferred: a run over local files never needs it

        self._wait_for_host(url)
        limit = self.settings.max_input_bytes
        headers = {"User-Agent": self.settings.user_agent}
        try:
            with self.client.stream(
                "GET", url, headers=headers, timeout=self.settings.http_timeout, follow_redirects=True
            ) as response:
                status = response.status_code
                if status == 429 or status >= 500:
                    error = FetchError(f"{url}: server answered {status}; retry later", transient=True)
                    raise _Retryable(error, _retry_after(response.headers.get("Retry-After")))
                if status >= 400:
                    raise FetchError(f"{url}: server answered {status} {response.reason_phrase}".rstrip())
                content_type = response.headers.get("Content-Type", "")
                media_type = content_type.split(";", 1)[0].strip().lower()
                # No Content-Type at all: let the body speak (binary bodies are refused when decoded).
                if accepted is not None and media_type and media_type not in accepted:
                    raise FetchError(f"{url}: content type {media_type!r} is not a news page (HTML)")
                declared_length = response.headers.get("Content-Length", "")
                if declared_length.isdigit() and int(declared_length) > limit:
                    raise FetchError(f"{url}: body of {declared_length} bytes exceeds max_input_bytes={limit}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > limit:
                        raise FetchError(f"{url}: body exceeds max_input_bytes={limit}; raise the limit")
                return FetchedDocument(
                    url=str(response.url),
                    media_type=media_type,
                    charset=charset_from_content_type(content_type),
                    body=bytes(body),
                )
        except httpx.TimeoutException as exc:
            error = FetchError(
                f"{url}: timed out after {self.settings.http_timeout}s ({type(exc).__name__}); retry later",
                transient=True,
            )
            raise _Retryable(error, None) from exc
        except httpx.TransportError as exc:
            if isinstance(exc, httpx.UnsupportedProtocol):
                raise FetchError(f"{url}: unsupported protocol ({exc})") from exc
            reason = f"{url}: connection failed ({type(exc).__name__}: {exc}); retry later"
            error = FetchError(reason, transient=True)
            raise _Retryable(error, None) from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            # Too many redirects, a body that fails to decompress, a malformed URL: retrying will not help.
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc

    def _wait_for_host(self, url: str) -> None:
        """Sleep until ``settings.http_delay`` seconds have passed since the last request to this host."""
        host = _host_key(url)
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.settings.http_delay - self._clock()
            if wait > 0:
                log.debug("waiting %.2fs before the next request to %s", wait, host)
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _robots_allow(self, url: str) -> bool:
        host = _host_key(url)
        if host not in self._robots:
            self._robots[host] = self._load_robots(host)
        rules = self._robots[host]
        if isinstance(rules, FetchError):
            raise FetchError(rules.message, transient=rules.transient)
        return rules is None or rules.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, host: str) -> RobotFileParser | FetchError | None:
        """robots.txt rules for ``host`` (``scheme://netloc``): None when there are none (allow all), a
        FetchError when it could not be read (remembered, so a broken host is not asked again for every URL)."""
        robots_url = f"{host}/robots.txt"
        try:
            document = self._get_with_retries(robots_url, accepted=None)
        except FetchError as exc:
            if exc.transient:
                # RFC 9309 s2.3.1.4: an unreachable robots.txt means "assume everything is disallowed".
                return FetchError(f"robots.txt of {host} could not be fetched ({exc.message})", transient=True)
            # 404 and friends: no rules. 401/403 too, unlike urllib's reader: RFC 9309 s2.3.1.3 reads every
            # 4xx as "unavailable", i.e. no restrictions.
            log.debug("no robots.txt for %s (%s)", host, exc.message)
            return None
        rules = RobotFileParser(robots_url)
        rules.parse(document.body.decode("utf-8", errors="replace").splitlines())
        return rules


class _Retryable(Exception):
    """Internal: a transient failure with the wait the server asked for (None: use backoff)."""

    def __init__(self, error: FetchError, wait: float | None) -> None:
        super().__init__(error.message)
        self.error = error
        self.wait = wait


def _backoff(attempt: int) -> float:
    return min(MAX_BACKOFF_SECONDS, BACKOFF_SECONDS * 2**attempt)


def _retry_after(value: str | None) -> float | None:
    # Only the delta-seconds form: the HTTP-date form would need the wall clock, which tests must not depend on.
    if value is None or not value.strip().isdigit():
        return None
    return min(MAX_RETRY_AFTER_SECONDS, float(value.strip()))


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "", "", ""))
