"""Run the pipeline on a Dask cluster: ``warta run INPUT... --dask local[:N] | tcp://scheduler:8786``.

The driver cuts the inputs into work units (:mod:`warta.runners.plan`) and submits one task per unit. A
worker reads its unit's records itself (workers of a remote cluster must see the same files), builds the
pipeline once per worker thread from the settings it was sent (a pipeline pickles, but it would travel with
every task, models and all, where the settings are a few hundred bytes), and processes each page:

- a page whose result is a *transient* failure (an ``OSError`` in a stage, a timeout) is processed again, up to
  ``retries`` more times, a little later each time; a terminal failure is a failure row at once;
- a task that dies with its worker is resubmitted by Dask (``TASK_RETRIES`` times); a unit that still fails is one
  failure row (code ``W998``) and the run goes on;
- every record done is reported to the driver (a Dask event), which advances the progress bar.

Where results go: a store that takes concurrent writers (PostgreSQL) is written by the workers directly, with
the claims ledger updated article by article; a SQLite file takes one writer, so workers write Parquet
partitions and the driver stores them as they arrive and rebuilds the ledger at the end
(:mod:`warta.runners.loading`); the partitions travel back through Dask, so a remote cluster needs no
folder shared with the driver. With ``parts`` the partitions are kept there for ``warta load`` and nothing is
stored. Stages know nothing of any of this.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from warta.build import build_pipeline
from warta.claims import save_article
from warta.errors import UsageError
from warta.ingest.inputs import iter_share
from warta.pipeline import Pipeline
from warta.records import AnnotatedArticle, Failure, Page
from warta.runners.loading import finish_load, ledger_store, store_partition, store_result
from warta.runners.partitions import PartitionWriter
from warta.runners.plan import PART_BYTES, WorkUnit, plan_units
from warta.runners.summary import RunSummary
from warta.settings import Settings
from warta.store import SqliteStore, Store, open_store

log = logging.getLogger(__name__)

PROGRESS_TOPIC = "warta-progress"
#: A stage's transient failure is retried this many times, waiting ``RETRY_DELAY`` seconds times the attempt.
RETRIES = 2
RETRY_DELAY = 0.5
#: Dask resubmits a task whose worker died this many times before the unit is recorded as failed.
TASK_RETRIES = 2

PipelineFactory = Callable[[Settings], Pipeline]


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """``local`` with a number of worker processes, or the address of a running scheduler."""

    workers: int | None = None
    address: str | None = None


def parse_cluster(spec: str) -> ClusterSpec:
    """``local`` (one worker per core, at most 4), ``local:N`` or ``tcp://host:port``."""
    text = spec.strip()
    if text == "local":
        import os

        return ClusterSpec(workers=max(1, min(4, os.cpu_count() or 1)))
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise UsageError(f"--dask local:N needs a number of workers >= 1, got {spec!r}", code="W102")
        return ClusterSpec(workers=int(count))
    if text.startswith(("tcp://", "tls://", "ucx://")):
        return ClusterSpec(address=text)
    raise UsageError(f"--dask must be local, local:N or tcp://host:port, got {spec!r}", code="W102")


@contextlib.contextmanager
def connect(spec: ClusterSpec) -> Iterator[Any]:
    """A Dask client on a new local cluster (worker processes of one thread each) or a running scheduler."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise UsageError("--dask needs Dask: pip install 'warta[dask]'", code="W104") from exc
    if spec.address is not None:
        with Client(spec.address) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=spec.workers, threads_per_worker=1, processes=True, dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):  # fmt: skip
        yield client


@dataclass(frozen=True, slots=True)
class WorkerJob:
    """Everything a worker needs to process a unit: sent with every task, small and picklable."""

    settings: Settings
    published: str | None = None
    language: str | None = None
    factory: PipelineFactory = build_pipeline
    retries: int = RETRIES
    retry_delay: float = RETRY_DELAY
    parts_dir: str | None = None  # write Parquet partitions here ...
    run_tag: str = ""
    store_target: str | None = None  # ... or save into this store (one taking concurrent writers)
    run_id: str | None = None


@dataclass(slots=True)
class UnitResult:
    """What a worker sends back for one unit: its counts and, when it wrote one, its partition file."""

    index: int
    summary: RunSummary = field(default_factory=RunSummary)
    partition: str | None = None
    data: bytes | None = None  # the partition itself, when the driver stores it
    lost: Failure | None = None  # the unit's task failed on every try: nothing of it was written


def partition_name(job: WorkerJob, unit: WorkUnit) -> Path:
    assert job.parts_dir is not None
    return Path(job.parts_dir) / f"{job.run_tag}-{unit.index:06d}.parquet"


def process_unit(unit: WorkUnit, job: WorkerJob) -> UnitResult:
    """A worker's task: read ``unit``'s records, process them and write the results (see the module doc)."""
    pipeline = _worker_pipeline(job.factory, job.settings)
    result = UnitResult(index=unit.index)
    mine = iter_share(unit.input, job.settings, keep=unit.keeps, published=job.published, language=job.language)
    if job.store_target is None:
        path = partition_name(job, unit) if job.parts_dir is not None else None
        with PartitionWriter(path) as writer:
            for item in mine:
                done = _process(pipeline, item, job, result)
                writer.add(done)
        result.partition, result.data = (str(path), None) if path is not None else (None, writer.data)
    else:
        store = _worker_store(job.store_target)
        for item in mine:
            done = _process(pipeline, item, job, result)
            if isinstance(done, Failure):
                store.save_failure(done, run_id=job.run_id)
            else:
                save_article(ledger_store(store), done, run_id=job.run_id)
    return result


def _process(
    pipeline: Pipeline, item: Page | Failure, job: WorkerJob, result: UnitResult
) -> AnnotatedArticle | Failure:
    done = item if isinstance(item, Failure) else process_with_retries(pipeline, item, job, result)
    result.summary.add(done)
    _report_progress()
    return done


def process_with_retries(
    pipeline: Pipeline, page: Page, job: WorkerJob, result: UnitResult
) -> AnnotatedArticle | Failure:
    """The page's result, processed again (up to ``job.retries`` times) while it is a transient failure."""
    done = pipeline.process(page)
    attempt = 0
    while isinstance(done, Failure) and done.transient and attempt < job.retries:
        attempt += 1
        result.summary.retried += 1
        log.info("retrying %s (attempt %d): %s", page.source, attempt + 1, done.reason)
        time.sleep(job.retry_delay * attempt)
        done = pipeline.process(page)
    return done


_local = threading.local()


def _worker_pipeline(factory: PipelineFactory, settings: Settings) -> Pipeline:
    """This thread's pipeline for ``settings``, built on first use (one per worker thread: stages keep
    caches that two threads must not share)."""
    cache: dict[tuple[PipelineFactory, Settings], Pipeline] = _local.__dict__.setdefault("pipelines", {})
    key = (factory, settings)
    if key not in cache:
        started = time.perf_counter()
        cache[key] = factory(settings)
        log.info("pipeline built in %.1fs", time.perf_counter() - started)
    return cache[key]


def _worker_store(target: str) -> Store:
    """This worker thread's connection to ``target``, opened on first use and kept for the next units."""
    stores: dict[str, Store] = _local.__dict__.setdefault("stores", {})
    if target not in stores:
        stores[target] = open_store(target)
    return stores[target]


def warm_up(
    client: Any, settings: Settings, *, pages: Sequence[Page] = (), factory: PipelineFactory = build_pipeline
) -> dict[str, float]:
    """Build the pipeline on every worker of ``client`` now rather than in its first task, and process
    ``pages`` there (a language's models load when its first page comes); returns the seconds each worker
    took. A benchmark measures processing apart from start-up this way."""
    workers = list(client.scheduler_info().get("workers", {}))
    futures = [
        client.submit(_warm_here, factory, settings, tuple(pages), workers=[address], pure=False,
                      allow_other_workers=False)
        for address in workers
    ]  # fmt: skip
    return dict(zip(workers, client.gather(futures), strict=True))


def _warm_here(factory: PipelineFactory, settings: Settings, pages: tuple[Page, ...]) -> float:
    started = time.perf_counter()
    pipeline = _worker_pipeline(factory, settings)
    for page in pages:
        pipeline.process(page)
    return time.perf_counter() - started


def peak_memory(client: Any) -> dict[str, int]:
    """Each worker process's peak resident set size so far, in bytes."""
    return client.run(_peak_rss)


def cpu_seconds(client: Any) -> dict[str, float]:
    """Each worker process's CPU time so far (all its threads), in seconds."""
    return client.run(time.process_time)


def _peak_rss() -> int:
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # kilobytes on Linux, bytes on macOS


def _report_progress() -> None:
    try:
        from distributed import get_worker

        get_worker().log_event(PROGRESS_TOPIC, 1)
    except ValueError:  # not inside a Dask worker (a test calling process_unit directly)
        pass


def run_on_dask(
    inputs: Sequence[str],
    settings: Settings,
    *,
    cluster: str | None = None,
    client: Any = None,
    store: Store | None = None,
    parts: Path | None = None,
    published: str | None = None,
    language: str | None = None,
    factory: PipelineFactory = build_pipeline,
    retries: int = RETRIES,
    part_bytes: int = PART_BYTES,
    workers_write: bool | None = None,
    on_progress: Callable[[], None] | None = None,
) -> RunSummary:
    """Process ``inputs`` on the cluster ``cluster`` (see :func:`parse_cluster`), or through a connected
    Dask ``client``, into ``store`` or, with ``parts``, into Parquet partitions in that folder (nothing
    stored). Returns the run's counts.

    ``workers_write`` says whether workers open the store themselves (by ``settings.db``) rather than send
    partitions to the driver; by default they do for every store but SQLite, which takes one writer."""
    if (store is None) == (parts is None):
        raise UsageError("a Dask run writes either to a store or to a --parts folder", code="W102")
    with contextlib.ExitStack() as stack:
        if client is None:
            client = stack.enter_context(connect(parse_cluster(cluster or "local")))
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        units = plan_units(inputs, workers=workers, part_bytes=part_bytes)
        log.info("%d inputs cut into %d work units for %d workers", len(inputs), len(units), workers)
        if on_progress is not None:
            client.subscribe_topic(PROGRESS_TOPIC, lambda _event: on_progress())
        job = WorkerJob(settings=settings, published=published, language=language, factory=factory,
                        retries=retries, run_tag=uuid.uuid4().hex[:8])  # fmt: skip
        try:
            if store is None:
                assert parts is not None
                job = replace(job, parts_dir=str(parts))
                return _run_units(client, units, job, lambda result: _keep_lost(result, job))
            run_id = store.begin_run(command="run", inputs=list(inputs),
                                     settings={"published": published or "", "language": language or "",
                                               "dask": cluster or "client"})  # fmt: skip
            if workers_write if workers_write is not None else not isinstance(store, SqliteStore):
                job = replace(job, store_target=str(settings.db), run_id=run_id)
                summary = _run_units(client, units, job, lambda result: _store_lost(store, result, run_id))
                store.finish_run(run_id, processed=summary.processed, failed=summary.failed)
                return summary
            # The partitions come back through Dask, not a shared folder: remote workers may not see the
            # driver's disk.
            loader = _OrderedLoader(store, run_id=run_id)
            summary = _run_units(client, units, replace(job, run_id=run_id), loader.add)
            finish_load(store, summary, run_id=run_id)
            return summary
        finally:
            if on_progress is not None:
                client.unsubscribe_topic(PROGRESS_TOPIC)


def _run_units(
    client: Any, units: Sequence[WorkUnit], job: WorkerJob, on_unit: Callable[[UnitResult], None]
) -> RunSummary:
    """Submit one task per unit and hand each unit's result to ``on_unit`` as it completes."""
    from distributed import as_completed

    futures = client.map(process_unit, units, job=job, retries=TASK_RETRIES, pure=False)
    unit_of = {future.key: unit for future, unit in zip(futures, units, strict=True)}
    summary = RunSummary()
    for future in as_completed(futures):
        unit = unit_of[future.key]
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a lost unit is a failure row, the run goes on
            log.error("work unit %s failed on every try: %r", unit.label, exc)
            reason = f"the worker processing this input failed ({exc!r}); run it again"
            failure = Failure(source=unit.label, stage="runner", code="W998", reason=reason, transient=True)
            result = UnitResult(index=unit.index, lost=failure)
            result.summary.add(failure)
        summary.merge(result.summary)
        on_unit(result)
        future.release()
    return summary


class _OrderedLoader:
    """Stores partitions as units complete, in unit order (so the articles are first seen in input order,
    as with the local runner), while the workers go on."""

    def __init__(self, store: Store, *, run_id: str) -> None:
        self.store = store
        self.run_id = run_id
        self.waiting: dict[int, UnitResult] = {}
        self.next = 0

    def add(self, result: UnitResult) -> None:
        self.waiting[result.index] = result
        while self.next in self.waiting:
            ready = self.waiting.pop(self.next)
            if ready.lost is not None:
                store_result(self.store, ready.lost, run_id=self.run_id)
            elif ready.data is not None:
                store_partition(ready.data, self.store, None, run_id=self.run_id)
            self.next += 1


def _store_lost(store: Store, result: UnitResult, run_id: str) -> None:
    if result.lost is not None:
        store_result(store, result.lost, run_id=run_id)


def _keep_lost(result: UnitResult, job: WorkerJob) -> None:
    """A lost unit's failure goes into its own partition, so ``warta load`` records it."""
    if result.lost is not None:
        unit = WorkUnit(index=result.index, input=result.lost.source)
        with PartitionWriter(partition_name(job, unit)) as writer:
            writer.add(result.lost)
