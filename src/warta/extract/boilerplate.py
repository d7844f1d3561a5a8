"""The boilerplate phrase lists shipped in ``warta/data/boilerplate.yaml``, loaded once.

The lists are data, not code: a new share-button label or pagination word is added to the YAML file, and the
patterns in :mod:`warta.extract.cleanup` and :mod:`warta.extract.captions` pick it up.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from warta.data import parse_yaml
from warta.errors import ModelError

log = logging.getLogger(__name__)

DATA_FILE = "boilerplate.yaml"


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Every list of ``boilerplate.yaml``, lower-cased; see the file's comments for what each one means."""

    phrases: frozenset[str]
    words: frozenset[str]
    pagination_words: frozenset[str]
    pagination_moves: frozenset[str]
    lead_ins_loose: tuple[str, ...]
    lead_ins_with_colon: tuple[str, ...]
    credit_labels: tuple[str, ...]
    date_words: frozenset[str]
    month_words: frozenset[str]
    copyright_markers: tuple[str, ...]
    copyright_prefixes: tuple[str, ...]
    promo_prefixes: tuple[str, ...]
    caption_labels: tuple[str, ...]
    caption_generic_labels: frozenset[str]
    caption_sources: tuple[str, ...]
    caption_trailing_labels: tuple[str, ...]
    caption_positions: tuple[str, ...]
    byline_words: tuple[str, ...]
    author_joiners: tuple[str, ...]


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    values = data.get(key)
    if not isinstance(values, list) or not all(isinstance(v, str | int) for v in values):
        raise ModelError(
            f"{DATA_FILE}: {key!r} must be a list of strings; restore the file from the warta distribution",
            code="W301",
        )
    # Longest first, so that alternations built from a list try "baca juga" before "baca".
    return tuple(sorted({str(v).strip().lower() for v in values if str(v).strip()}, key=lambda v: (-len(v), v)))


@functools.cache
def load_boilerplate() -> Boilerplate:
    """Read and check ``warta/data/boilerplate.yaml`` (cached: it is read once per process).

    Raises :class:`~warta.errors.ModelError` when the file is missing or does not have the expected lists.
    """
    try:
        raw = resources.files("warta").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
        data = parse_yaml(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(
            f"cannot read the shipped data file {DATA_FILE}: {exc}; reinstall warta", code="W301"
        ) from exc
    if not isinstance(data, dict):
        raise ModelError(f"{DATA_FILE} must hold a mapping of lists; reinstall warta", code="W301")
    lead_ins = data.get("lead_ins") or {}
    captions = data.get("captions") or {}
    if not isinstance(lead_ins, dict) or not isinstance(captions, dict):
        raise ModelError(f"{DATA_FILE}: 'lead_ins' and 'captions' must be mappings; reinstall warta", code="W301")
    return Boilerplate(
        phrases=frozenset(_strings(data, "phrases")),
        words=frozenset(_strings(data, "words")),
        pagination_words=frozenset(_strings(data, "pagination_words")),
        pagination_moves=frozenset(_strings(data, "pagination_moves")),
        lead_ins_loose=_strings(lead_ins, "loose"),
        lead_ins_with_colon=_strings(lead_ins, "with_colon"),
        credit_labels=_strings(data, "credit_labels"),
        date_words=frozenset(_strings(data, "date_words")),
        month_words=frozenset(_strings(data, "month_words")),
        copyright_markers=_strings(data, "copyright_markers"),
        copyright_prefixes=_strings(data, "copyright_prefixes"),
        promo_prefixes=_strings(data, "promo_prefixes"),
        caption_labels=_strings(captions, "credit_labels"),
        caption_generic_labels=frozenset(_strings(captions, "generic_labels")),
        caption_sources=_strings(captions, "sources"),
        caption_trailing_labels=_strings(captions, "trailing_labels"),
        caption_positions=_strings(captions, "positions"),
        byline_words=_strings(data, "byline_words"),
        author_joiners=_strings(data, "author_joiners"),
    )


def alternation(phrases: tuple[str, ...]) -> str:
    """A regex alternation matching any of ``phrases`` literally, with flexible inner whitespace."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
