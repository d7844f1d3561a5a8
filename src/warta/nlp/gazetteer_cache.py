"""The built gazetteer kept on disk between runs, so a one-page ``warta extract`` does not rebuild it.

Building the gazetteer from its data files (parsing about 1 MB of YAML, walking pycountry, filling the tries)
took 0.48 s of a 1.9 s one-page ``warta extract`` (docs/benchmarks.md, "Start-up: one page"); unpickling the
result takes about a tenth of that. The pickle sits beside the files it is made from, in their folder's
``__pycache__`` (as Python keeps a module's bytecode beside its source), under a name that carries a key:
the SHA-256 of the name and bytes of every file the gazetteer is made from (the data files, pycountry's
country list and its Indonesian catalogue, the source of the modules that build and define the gazetteer),
of the Python version and of this module's format number. A changed data file, an edited builder or another
pycountry gives another key, so a stale pickle is never read; it is deleted when the new one is written.

A pickle that cannot be read (truncated, from another Python, not a gazetteer) is ignored and rebuilt; a folder
that cannot be written (a read-only install) only means the gazetteer is built in every process, as before.
The pickle is read only from the data folder warta itself reads its dictionaries from: whoever can write
there can change the dictionaries (or, for the shipped ones, warta's code) anyway.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from warta.nlp import gazetteer as gazetteer_module
from warta.nlp.gazetteer import Gazetteer

log = logging.getLogger(__name__)

#: Folder (inside the data folder) that holds the pickle.
CACHE_FOLDER = "__pycache__"
_PREFIX = "gazetteer-"
_SUFFIX = ".pickle"
# Raised by this number when the pickle's layout changes in a way the module sources would not show.
_FORMAT = 1


def cache_key(sources: Iterable[Path]) -> str:
    """The key of the gazetteer made from the files ``sources`` (24 hex digits); the module defining
    :class:`~warta.nlp.gazetteer.Gazetteer` and this one count as sources too.

    A source that does not exist counts as empty (pycountry without its Indonesian catalogue builds with
    English names alone). Raises OSError when a source exists but cannot be read.
    """
    digest = hashlib.sha256(f"{_FORMAT}\n{sys.version_info[:2]}\n".encode())
    for path in (*sources, Path(gazetteer_module.__file__), Path(__file__)):
        content = path.read_bytes() if path.exists() else b"(none)"
        digest.update(path.name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()[:24]


def cache_path(data_dir: Path, key: str) -> Path:
    """Where the gazetteer of ``key`` built from ``data_dir`` is kept."""
    return data_dir / CACHE_FOLDER / f"{_PREFIX}{key}{_SUFFIX}"


def cached_gazetteer(data_dir: Path, sources: Iterable[Path], build: Callable[[Path], Gazetteer]) -> Gazetteer:
    """The gazetteer of ``data_dir``, made from the files ``sources``: unpickled when a pickle with their current
    key is there, else ``build(data_dir)``, pickled for the next process (best effort)."""
    path = cache_path(data_dir, cache_key(sources))
    gazetteer = read_cached(path)
    if gazetteer is not None:
        return gazetteer
    gazetteer = build(data_dir)
    write_cached(path, gazetteer)
    return gazetteer


def read_cached(path: Path) -> Gazetteer | None:
    """The gazetteer pickled at ``path``, or None when there is none or it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        gazetteer = pickle.loads(data)  # noqa: S301 - written by write_cached into warta's own data folder
    except Exception as exc:  # noqa: BLE001 - any unreadable pickle is rebuilt: truncated, old classes, ...
        log.info("ignoring the unreadable gazetteer cache %s (%s): rebuilding it", path, exc)
        return None
    if not isinstance(gazetteer, Gazetteer):
        log.info("ignoring %s: it does not hold a gazetteer; rebuilding it", path)
        return None
    return gazetteer


def write_cached(path: Path, gazetteer: Gazetteer) -> None:
    """Pickle ``gazetteer`` to ``path`` (atomically: a reader sees the whole file or none) and delete the
    pickles of other keys beside it. Failing to write is logged, not raised: the cache only saves time."""
    try:
        path.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(gazetteer, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for stale in path.parent.glob(f"{_PREFIX}*{_SUFFIX}"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("gazetteer not cached at %s: %s", path, exc)
