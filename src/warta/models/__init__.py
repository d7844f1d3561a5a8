"""The spaCy pipelines shipped with warta (``id_warta``, ``en_warta``), loaded lazily and once per process.

Each pipeline is a plain folder written by ``python -m warta.training.package``; loading needs no network.
Pass ``models`` (``Settings.models``) to use another folder of pipelines with the same names.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from warta.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

MODELS_DIR = Path(__file__).resolve().parent
PIPELINES = {"id": "id_warta", "en": "en_warta"}


def model_path(lang: str, models: Path | None = None) -> Path:
    """Folder of the pipeline for ``lang`` inside ``models`` (default: the shipped ones)."""
    if lang not in PIPELINES:
        raise ModelError(f"no pipeline for language {lang!r}; warta ships: {', '.join(sorted(PIPELINES))}")
    return (models or MODELS_DIR) / PIPELINES[lang]


@cache
def _load(path: Path) -> Language:
    import spacy  # deferred: importing spaCy costs about a second, and many commands never need it

    return spacy.load(path)


def load_pipeline(lang: str, models: Path | None = None) -> Language:
    """The spaCy pipeline for ``lang``, loaded on first use and cached for the process."""
    path = model_path(lang, models)
    if not (path / "meta.json").exists():
        raise ModelError(
            f"the {lang} pipeline is missing at {path}; train and package it with "
            f"`python -m warta.training.train` and `python -m warta.training.package {lang}`"
        )
    try:
        return _load(path.resolve())
    except (OSError, ValueError) as exc:
        raise ModelError(f"the {lang} pipeline at {path} cannot be loaded: {exc}") from exc
