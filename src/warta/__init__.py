"""warta: news pages in, evidence-linked PLOVER events, quotes and claims out.

The public surface is the names in ``__all__``; everything else is reachable through its module
(``warta.ingest``, ``warta.store``, ...) but may change between versions. A typical use::

    import warta

    settings = warta.load_settings()
    pipeline = warta.build_pipeline(settings)
    result = pipeline.process(warta.Page(source="note", text=text, published="2024-06-19"))
    if isinstance(result, warta.AnnotatedArticle):
        document = warta.to_contract(result)  # the warta/1 JSON object

Names are imported on first use (PEP 562), so ``import warta`` stays cheap for a command that only queries
a database: building the pipeline pulls in trafilatura, lingua and the gazetteer (about 0.2 s).
"""

from __future__ import annotations

from importlib import import_module

# Not `from typing import TYPE_CHECKING`: importing typing would triple the cost of `import warta` (type
# checkers treat any constant of this name as true).
TYPE_CHECKING = False

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "AnnotatedArticle",
    "Article",
    "Caption",
    "Entity",
    "Event",
    "Failure",
    "Page",
    "Pipeline",
    "Quote",
    "Settings",
    "WartaError",
    "__version__",
    "build_pipeline",
    "load_settings",
    "open_store",
    "to_contract",
    "validate_output",
]

#: Where each public name lives.
_HOMES: dict[str, str] = {
    "Actor": "warta.records",
    "AnnotatedArticle": "warta.records",
    "Article": "warta.records",
    "Caption": "warta.records",
    "Entity": "warta.records",
    "Event": "warta.records",
    "Failure": "warta.records",
    "Page": "warta.records",
    "Quote": "warta.records",
    "Pipeline": "warta.pipeline",
    "Settings": "warta.settings",
    "load_settings": "warta.settings",
    "WartaError": "warta.errors",
    "build_pipeline": "warta.build",
    "open_store": "warta.store",
    "to_contract": "warta.output",
    "validate_output": "warta.output",
}

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time the names load in __getattr__
    from typing import Any

    from warta.build import build_pipeline
    from warta.errors import WartaError
    from warta.output import to_contract, validate_output
    from warta.pipeline import Pipeline
    from warta.records import Actor, AnnotatedArticle, Article, Caption, Entity, Event, Failure, Page, Quote
    from warta.settings import Settings, load_settings
    from warta.store import open_store


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'warta' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
