"""One typed Settings object, layered: defaults < settings file (TOML) < environment (WARTA_*) < flags.

Stage code never reads the environment: the CLI (or a library user) builds a :class:`Settings` once and
passes it down explicitly.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from warta.errors import SettingsError

PACKAGE_DIR = Path(__file__).resolve().parent


def _repo_root() -> Path:
    """The source checkout holding this package (src/warta -> repo), or the working directory if installed."""
    candidate = PACKAGE_DIR.parent.parent
    return candidate if (candidate / "pyproject.toml").exists() else Path.cwd()


def default_shared_path() -> Path:
    """``../shared`` beside the repository: where the datasets and gold corpus live."""
    return _repo_root().parent / "shared"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable in warta, with its default and help text (``metadata["help"]``)."""

    db: Path | str = field(
        default=Path("warta.db"),
        metadata={"help": "SQLite database file, or a database URL (postgresql://user@host/dbname)"},
    )
    shared: Path = field(
        default_factory=default_shared_path,
        metadata={
            "help": "folder with datasets and gold corpus (WARTA_SHARED); default ../shared beside the repo"
        },
    )
    languages: tuple[str, ...] = field(
        default=("id", "en"), metadata={"help": "languages to process; others are recorded as skipped"}
    )
    max_input_bytes: int = field(
        default=10_000_000, metadata={"help": "inputs larger than this are refused as failures"}
    )
    min_article_chars: int = field(
        default=200,
        metadata={"help": "text extracted from an HTML page shorter than this is not an article (plain text "
                  "and JSONL text of any length is processed)"},
    )
    # The per-article budget. The two size limits keep every stage's work bounded (a 1 MB single line, a
    # "sentence" of 5,000 tokens); the time budget stops an article whose stages still take too long. Real
    # news stays below all three: of the 181 pages of the extraction benchmark the longest article has 53,372
    # characters and the longest sentence 102 tokens (docs/reliability.md, "Limits").
    max_article_chars: int = field(
        default=100_000,
        metadata={"help": "article text longer than this is cut (at a paragraph or word boundary) and the cut "
                  "recorded in the article's limits"},
    )
    max_sentence_tokens: int = field(
        default=250,
        metadata={"help": "a longer sentence is read as pieces of at most this many tokens, recorded in the "
                  "article's limits"},
    )
    article_seconds: float = field(
        default=120.0,
        metadata={"help": "an article still being processed after this many seconds is recorded as a failure "
                  "(W250) once its current stage ends; 0: no time budget"},
    )
    http_timeout: float = field(default=15.0, metadata={"help": "seconds per HTTP request"})
    http_retries: int = field(default=2, metadata={"help": "retries of a transient HTTP failure"})
    http_delay: float = field(
        default=1.0, metadata={"help": "minimum seconds between two requests to the same host"}
    )
    user_agent: str = field(
        default="warta/0.1 (+https://example.invalid/warta)", metadata={"help": "HTTP User-Agent"}
    )
    respect_robots: bool = field(default=True, metadata={"help": "obey robots.txt when fetching"})
    max_pages: int = field(default=10, metadata={"help": "pages followed for one multi-page article"})
    models: Path | None = field(
        default=None, metadata={"help": "folder of trained pipelines; default: the ones shipped with warta"}
    )
    learned_events: bool = field(
        default=True,
        metadata={
            "help": "decide events with the trained event model (warta/models/events) on top of the rules; "
            "false: the rule coder alone"
        },
    )
    ner: tuple[str, ...] = field(
        # English is left out: its NER (UNER EWT F1 about 64) only added wrong names on the dev articles,
        # where the dictionaries and rules already find the entities (docs/models.md)
        default=("id",),
        metadata={
            "help": "languages whose statistical NER (models folder) adds names below the dictionaries; "
            "empty: dictionaries and rules only"
        },
    )
    api_token: str | None = field(
        default=None,
        repr=False,  # a secret: never printed with the settings
        metadata={
            "help": "bearer token that `warta serve` requires for POST /api/v1/ingest (WARTA_API_TOKEN); "
            "no default: without one, ingest over the API is disabled and everything is read-only"
        },
    )

    def with_overrides(self, values: Mapping[str, Any]) -> Settings:
        """Return a copy with ``values`` (None entries ignored) converted to each field's type."""
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for name, raw in values.items():
            if raw is None:
                continue
            if name not in known:
                raise SettingsError(f"unknown setting {name!r}; known: {', '.join(sorted(known))}")
            changes[name] = _convert(name, raw, getattr(self, name))
        return replace(self, **changes)


def _convert(name: str, raw: Any, current: Any) -> Any:
    if isinstance(raw, str):
        if isinstance(current, bool):
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise SettingsError(f"setting {name}: expected true/false, got {raw!r}")
        if isinstance(current, int):
            try:
                return int(raw)
            except ValueError as exc:
                raise SettingsError(f"setting {name}: expected an integer, got {raw!r}") from exc
        if isinstance(current, float):
            try:
                return float(raw)
            except ValueError as exc:
                raise SettingsError(f"setting {name}: expected a number, got {raw!r}") from exc
        if isinstance(current, tuple):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if name == "db":
            return _db_target(raw)
        if isinstance(current, Path) or name in ("models", "shared"):
            return Path(raw)
        return raw
    if isinstance(current, tuple) and isinstance(raw, list):
        return tuple(raw)
    if name == "db":
        return _db_target(raw)
    if name in ("models", "shared"):
        return Path(raw)
    return raw


def _db_target(raw: Any) -> Path | str:
    # A URL stays text: as a Path, "postgresql://host/db" would lose a slash and name a file.
    text = str(raw)
    return text if "://" in text else Path(text)


def load_settings(
    *,
    file: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build settings from defaults, then a TOML file, then ``WARTA_*`` variables, then explicit overrides.

    ``env`` defaults to ``os.environ``; ``file`` defaults to ``$WARTA_CONFIG`` if set.
    """
    env = os.environ if env is None else env
    settings = Settings()
    file = file or (Path(env["WARTA_CONFIG"]) if env.get("WARTA_CONFIG") else None)
    if file is not None:
        try:
            data = tomllib.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {file}: {exc}") from exc
        settings = settings.with_overrides(data.get("warta", data))
    names = {f.name for f in fields(Settings)}
    from_env = {name: env[f"WARTA_{name.upper()}"] for name in names if f"WARTA_{name.upper()}" in env}
    settings = settings.with_overrides(from_env)
    return settings.with_overrides(overrides or {})
