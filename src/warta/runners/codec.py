"""Records as JSON and back, losslessly: how a result crosses a Parquet partition.

A worker writes each :class:`~warta.records.AnnotatedArticle` or :class:`~warta.records.Failure` as one JSON
value, and ``warta load`` turns it back into the equal record. The codec follows the records' own type hints
(frozen dataclasses whose fields are strings, numbers, booleans, other records, ``X | None`` and
``tuple[X, ...]``), so a field added to a record needs no change here. JSON rather than pickle: a partition is a
file a user may keep for months and load with a newer warta, and loading it must not run code.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from warta import records
from warta.errors import ReadError
from warta.records import AnnotatedArticle, Failure

#: The record kinds a partition holds, by the name written in its ``kind`` column.
KINDS: dict[str, type] = {"article": AnnotatedArticle, "failure": Failure}


def record_kind(record: AnnotatedArticle | Failure) -> str:
    """``article`` or ``failure``."""
    return "failure" if isinstance(record, Failure) else "article"


def dumps_record(record: AnnotatedArticle | Failure) -> str:
    """One record as compact JSON (field names kept, so the file explains itself)."""
    return json.dumps(_encode(record), ensure_ascii=False, separators=(",", ":"))


def loads_record(kind: str, text: str) -> AnnotatedArticle | Failure:
    """The record :func:`dumps_record` wrote; a value that does not fit the record type is a ReadError."""
    cls = KINDS.get(kind)
    if cls is None:
        raise ReadError(f"unknown record kind {kind!r} in a partition; expected one of {', '.join(KINDS)}")
    try:
        return _decode(cls, json.loads(text))
    except (TypeError, ValueError, KeyError) as exc:
        raise ReadError(f"a stored {kind} record cannot be read back ({exc}); was it written by warta?") from exc


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    return value


Decoder = Callable[[Any], Any]


def _decode(cls: type, value: Any) -> Any:
    return _decoder(cls)(value)


@cache
def _decoder(hint: Any) -> Decoder:
    """A function turning the JSON value of a ``hint``-typed field back into the field's value, built once per
    type (an article has thousands of tokens: reading the type hints for each would cost more than the data)."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        inner = _decoder(options[0]) if len(options) == 1 else _same
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda value: tuple(item(v) for v in value)
        items = [_decoder(arg) for arg in args]
        return lambda value: tuple(decode(v) for decode, v in zip(items, value, strict=True))
    return _same


def _record_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls, vars(records))
    fields: dict[str, Decoder] = {}

    def decode(value: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"{cls.__name__} must be an object, got {type(value).__name__}")
        if not fields:
            fields.update({name: _decoder(hint) for name, hint in hints.items()})
        # A field a newer warta added is dropped rather than refused: the record is still worth loading.
        return cls(**{name: fields[name](item) for name, item in value.items() if name in fields})

    return decode


def _same(value: Any) -> Any:
    return value
