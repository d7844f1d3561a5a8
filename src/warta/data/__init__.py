"""warta's data files (dictionaries, lexicons, cue lists), each with a header naming its source.

Code reads them only through :func:`load_yaml` / :func:`data_path`, so a user can point warta at a folder of
their own (``Settings.data``) later without touching the stages.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from warta.errors import ModelError


def data_path(name: str) -> Path:
    """Path of a data file shipped with warta."""
    return Path(str(resources.files("warta.data").joinpath(name)))


@cache
def load_yaml(name: str) -> Any:
    """Parse a shipped YAML data file once per process."""
    path = data_path(name)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(f"cannot read data file {path}: {exc}; reinstall warta", code="W301") from exc
