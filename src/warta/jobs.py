"""The library's top-level jobs: what ``warta extract``, ``warta run`` and ``warta demo`` do, minus the shell.

The CLI (and later the REST API and web UI) are thin wrappers over these functions.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from warta.build import build_pipeline
from warta.ingest import iter_pages
from warta.output import to_contract
from warta.records import AnnotatedArticle, Failure, Page
from warta.runners import LocalRunner
from warta.runners.summary import RunSummary
from warta.settings import PACKAGE_DIR, Settings

if TYPE_CHECKING:  # the store and the ledger load only for the jobs that store: extract_to does not
    from warta.store import Store

log = logging.getLogger(__name__)

__all__ = [
    "RunSummary", "demo_inputs", "extract_to", "output_name", "process_inputs", "run_dask", "run_into_store",
]  # fmt: skip

SAMPLES_DIR = PACKAGE_DIR / "samples"


def process_inputs(
    inputs: Sequence[str],
    settings: Settings,
    *,
    published: str | None = None,
    language: str | None = None,
    stdin: BinaryIO | None = None,
    on_page: Callable[[Page | Failure], None] | None = None,
) -> Iterator[tuple[Page | Failure, AnnotatedArticle | Failure]]:
    """Ingest and process ``inputs``; yields each input record with its result, in input order."""
    pipeline = build_pipeline(settings)
    runner = LocalRunner(pipeline)
    for item in iter_pages(inputs, settings, published=published, language=language, stdin=stdin):
        if on_page is not None:
            on_page(item)
        for result in runner.run([item]):
            yield item, result


def run_into_store(
    inputs: Sequence[str],
    settings: Settings,
    store: Store,
    *,
    published: str | None = None,
    language: str | None = None,
    command: str = "run",
    stdin: BinaryIO | None = None,
    on_result: Callable[[AnnotatedArticle | Failure], None] | None = None,
) -> RunSummary:
    """Process ``inputs`` and store every article and every failure.

    Each article is saved with its place in the claims ledger (story cluster, evidence, claims) in one
    transaction: :func:`warta.claims.save_article`.
    """
    from warta.claims import save_article  # deferred with the store: see the imports

    summary = RunSummary()
    run_id = store.begin_run(
        command=command,
        inputs=list(inputs),
        settings={"published": published or "", "language": language or ""},
    )
    for _, result in process_inputs(inputs, settings, published=published, language=language, stdin=stdin):
        if isinstance(result, Failure):
            store.save_failure(result, run_id=run_id)
        else:
            save_article(store, result, run_id=run_id)
        summary.add(result)
        if on_result is not None:
            on_result(result)
    store.finish_run(run_id, processed=summary.processed, failed=summary.failed)
    return summary


def run_dask(
    inputs: Sequence[str],
    settings: Settings,
    *,
    cluster: str,
    parts: Path | None = None,
    published: str | None = None,
    language: str | None = None,
    on_progress: Callable[[], None] | None = None,
) -> RunSummary:
    """``warta run --dask``: process ``inputs`` on a Dask cluster into the settings' store, or with ``parts``
    into Parquet partitions in that folder (see :mod:`warta.runners.dask`)."""
    from warta.runners.dask import run_on_dask
    from warta.store import open_store

    def run(store: Store | None) -> RunSummary:
        return run_on_dask(inputs, settings, cluster=cluster, store=store, parts=parts, published=published,
                           language=language, on_progress=on_progress)  # fmt: skip

    if parts is not None:
        return run(None)
    with open_store(settings) as store:
        return run(store)


def demo_inputs() -> list[str]:
    """The sample articles bundled with warta: one folder (a multi-page article) per sample."""
    return [str(path) for path in sorted(SAMPLES_DIR.iterdir()) if path.is_dir()]


def output_name(page: Page | Failure, result: AnnotatedArticle | Failure) -> str:
    """File stem for ``extract --out``: the record's id, else the input file's stem, else the article id."""
    record_id = page.record_id
    if record_id:
        return _safe(record_id)
    source = page.source
    if "://" not in source and source not in ("stdin", "-") and ":" not in Path(source).name:
        return _safe(Path(source).name.split(".")[0] or Path(source).stem)
    if isinstance(result, AnnotatedArticle):
        return _safe(result.article.id)
    return _safe(source)


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)[:120] or "article"


def extract_to(
    inputs: Sequence[str],
    settings: Settings,
    *,
    fmt: str,
    out: Path | None,
    stream: TextIO,
    published: str | None = None,
    language: str | None = None,
    stdin: BinaryIO | None = None,
) -> RunSummary:
    """Process ``inputs`` without storing them and write ``warta/1`` JSON.

    With ``out``, one ``<record id or input stem>.json`` file per article (a file is written whole or not at
    all); otherwise a JSON array (``fmt="json"``, streamed) or one line per article (``fmt="jsonl"``) on
    ``stream``. Failures are counted in the summary, not written as articles.
    """
    summary = RunSummary()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    first = True
    if out is None and fmt == "json":
        stream.write("[")
    for page, result in process_inputs(inputs, settings, published=published, language=language, stdin=stdin):
        summary.add(result)
        if isinstance(result, Failure):
            continue
        document = to_contract(result)
        if out is not None:
            _write_atomically(
                out / f"{output_name(page, result)}.json", json.dumps(document, ensure_ascii=False, indent=2)
            )
        elif fmt == "jsonl":
            stream.write(json.dumps(document, ensure_ascii=False) + "\n")
        else:
            stream.write(("\n" if first else ",\n") + json.dumps(document, ensure_ascii=False, indent=2))
        first = False
    if out is None and fmt == "json":
        stream.write("\n]\n" if not first else "]\n")
    stream.flush()
    return summary


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
