"""Parquet partitions of a run's results: what workers write when they cannot write to the store themselves.

One file per work unit, one row per result, in reading order. Columns: ``kind`` (``article`` or ``failure``),
``source`` (the input, ``file.warc.gz#<uri>``), ``article_id`` (null for a failure), ``record`` (the whole
record as JSON, :mod:`warta.runners.codec`). The first three make a folder of partitions easy to look into with
pandas or DuckDB; ``warta load`` reads ``record`` back into the equal record and stores it.

A partition is written under a temporary name and renamed when complete, so a worker that dies leaves no half
file behind under the final name, and a retried unit overwrites its own file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from warta.errors import ReadError, UsageError
from warta.records import AnnotatedArticle, Failure
from warta.runners.codec import dumps_record, loads_record, record_kind

log = logging.getLogger(__name__)

SUFFIX = ".parquet"
COLUMNS = ("kind", "source", "article_id", "record")
#: Rows buffered before a row group is written: bounds a worker's memory on a unit of thousands of pages.
ROW_GROUP = 64


def _arrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise UsageError(
            "Parquet needs pyarrow: pip install 'warta[dask]' (it is part of the test extra)", code="W104"
        ) from exc
    return pyarrow


def schema() -> Any:
    """The Arrow schema of a partition."""
    pa = _arrow()
    return pa.schema([(name, pa.string()) for name in COLUMNS])


class PartitionWriter:
    """Writes one partition row group by row group, into a file or (``path`` None) into memory; use it as a
    context manager.

    The file appears under ``path`` only when the writer is closed without an exception; in memory, the
    partition's bytes are in :attr:`data` once it is closed.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._tmp = path.with_name(path.name + ".tmp") if path is not None else None
        self._buffer: Any = None
        self._rows: list[dict[str, str | None]] = []
        self._writer: Any = None
        self.count = 0
        self.data = b""

    def __enter__(self) -> PartitionWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self._abandon()

    def add(self, result: AnnotatedArticle | Failure) -> None:
        """Buffer one result; a full buffer becomes a row group."""
        self._rows.append(
            {
                "kind": record_kind(result),
                "source": result.source if isinstance(result, Failure) else result.article.source,
                "article_id": None if isinstance(result, Failure) else result.article.id,
                "record": dumps_record(result),
            }
        )
        self.count += 1
        if len(self._rows) >= ROW_GROUP:
            self._flush()

    def close(self) -> None:
        """Write what is buffered and move the file to its final name."""
        self._flush(force=True)
        self._writer.close()
        if self._tmp is not None and self.path is not None:
            self._tmp.replace(self.path)
        else:
            self.data = self._buffer.getvalue().to_pybytes()

    def _flush(self, *, force: bool = False) -> None:
        pa = _arrow()
        if self._writer is None:
            if self._tmp is not None:
                self._tmp.parent.mkdir(parents=True, exist_ok=True)
                sink: Any = str(self._tmp)
            else:
                sink = self._buffer = pa.BufferOutputStream()
            self._writer = pa.parquet.ParquetWriter(sink, schema(), compression="zstd")
        if self._rows or (force and self.count == 0):
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=schema()))
            self._rows = []

    def _abandon(self) -> None:
        if self._writer is not None:
            self._writer.close()
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)


def partition_files(paths: Iterable[Path]) -> list[Path]:
    """The partition files named by ``paths``: files as given, folders as their ``*.parquet`` files in name
    order (the order a run wrote them in). A path that is neither is a ReadError."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.name.endswith(SUFFIX) and p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise ReadError(f"{path}: no such partition file or folder; check the path")
    return found


def read_partition(source: Path | bytes) -> Iterator[AnnotatedArticle | Failure]:
    """The results in one partition (a file, or the bytes of one), in the order they were written."""
    pa = _arrow()
    name = "a partition sent by a worker" if isinstance(source, bytes) else str(source)
    try:
        parquet = pa.parquet.ParquetFile(pa.BufferReader(source) if isinstance(source, bytes) else str(source))
    except (OSError, pa.ArrowException) as exc:
        raise ReadError(f"{name}: not a readable Parquet file ({exc})") from exc
    missing = [column for column in ("kind", "record") if column not in parquet.schema_arrow.names]
    if missing:
        raise ReadError(f"{name}: not a warta partition (no {', '.join(missing)} column)")
    for batch in parquet.iter_batches(columns=["kind", "record"], batch_size=ROW_GROUP):
        for kind, text in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
            yield loads_record(kind, text)
