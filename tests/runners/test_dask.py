"""The Dask runner on a real local cluster (two worker processes of one thread each, started once for the
module): it stores what the local runner stores, records failures, retries transient ones, and writes Parquet
partitions that ``warta load`` imports."""

from __future__ import annotations

import gzip
import logging
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from warta.cli.main import app
from warta.extract import make_extract_stage
from warta.jobs import demo_inputs, run_into_store
from warta.output import to_contract
from warta.pipeline import Pipeline, stage, start_annotation
from warta.records import AnnotatedArticle
from warta.runners.dask import run_on_dask
from warta.runners.plan import plan_units
from warta.settings import Settings, load_settings
from warta.store import open_store

distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed (pip install -e '.[test]')"
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
SAMPLES = Path(demo_inputs()[0]).parent
SHORT_PAGE = b"<html><body><form><p>Log in to read on.</p></form></body></html>"


def _warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    """A WARC file of HTTP responses (uri, body, content type), each record gzipped on its own."""
    records = []
    for number, (uri, body, content_type) in enumerate(pages):
        http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
        block = http.encode("ascii") + body
        head = (
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-19T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
        )
        records.append(gzip.compress(head.encode("ascii") + block + b"\r\n\r\n"))
    path.write_bytes(b"".join(records))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The bundled samples (folders of multi-page articles), a folder of two WARC files and a JSONL shard."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "warc").mkdir()
    html = "text/html; charset=utf-8"
    pages = [(f"https://news.example/{p.parent.name}/{p.stem}", p.read_bytes(), html) for p in
             sorted(SAMPLES.glob("*/*.html"))]  # fmt: skip
    _warc(folder / "warc" / "a.warc.gz", pages[:2] + [("https://news.example/login", SHORT_PAGE, html)])
    _warc(folder / "warc" / "b.warc.gz", pages[2:] + [
        ("https://news.example/logo.png", b"\x89PNG\r\n", "image/png"),
        ("https://berita.example/artikel", (FIXTURES / "artikel-id.html").read_bytes(), html),
    ])  # fmt: skip
    shard = folder / "shard.jsonl"
    shard.write_bytes((FIXTURES / "records.jsonl").read_bytes())
    return [*demo_inputs(), str(folder / "warc"), str(shard)]


@pytest.fixture(scope="module")
def module_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return load_settings(env={}, overrides={"db": tmp_path_factory.mktemp("db") / "warta.db", "http_delay": 0.0})


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """One local cluster for the module: starting one costs seconds."""
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                 silence_logs=logging.ERROR) as cluster,
        distributed.Client(cluster) as dask_client,
    ):  # fmt: skip
        yield dask_client


@pytest.fixture(scope="module")
def local_run(corpus: list[str], module_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = tmp_path_factory.mktemp("local") / "local.db"
    with open_store(db) as store:
        summary = run_into_store(corpus, module_settings, store)
    return summary, _contents(db)


def _contents(db: Path) -> dict[str, Any]:
    from warta.store.queries import ClaimQuery

    with open_store(db) as store:
        return {
            "articles": sorted(
                (to_contract(doc) for doc in store.iter_articles()), key=lambda d: d["article"]["id"]
            ),
            "failures": sorted((f.source, f.stage, f.code) for f in store.select_failures()),
            "ledger": store.ledger_counts(),
            "claims": sorted(
                (c.id, c.mentions, c.asserting, c.denying) for c in store.select_claims(ClaimQuery())
            ),
        }


def test_dask_plan_splits_archives_and_keeps_every_record_once(
    corpus: list[str], module_settings: Settings
) -> None:
    from warta.ingest import iter_pages

    units = plan_units(corpus, workers=2, part_bytes=1_000)
    archive = str(Path(corpus[-2]) / "a.warc.gz")
    assert {unit.input for unit in units} >= {archive, str(Path(corpus[-2]) / "b.warc.gz")}  # the folder's files
    shares = [unit for unit in units if unit.input == archive]
    assert len(shares) > 1  # a few kB at 1 kB a share
    whole = [item.source for item in iter_pages([archive], module_settings)]
    kept = sorted(
        item.source
        for unit in shares
        for position, item in enumerate(iter_pages([unit.input], module_settings))
        if unit.keeps(position)
    )
    assert kept == sorted(whole)
    assert [unit.index for unit in units] == list(range(len(units)))


def test_dask_run_stores_what_the_local_runner_stores(
    client: Any, corpus: list[str], module_settings: Settings, local_run: Any, tmp_path: Path
) -> None:
    local_summary, local = local_run
    db = tmp_path / "dask.db"
    done: list[int] = []
    with open_store(db) as store:
        summary = run_on_dask(corpus, module_settings, client=client, store=store, part_bytes=4_000,
                              on_progress=lambda: done.append(1))  # fmt: skip
    assert (summary.processed, summary.failed) == (local_summary.processed, local_summary.failed)
    assert summary.processed >= 7 and summary.failed >= 2  # the login page, the JSONL record without text
    assert len(done) == summary.processed + summary.failed
    stored = _contents(db)
    assert stored["failures"] == local["failures"]
    assert any(source.endswith("#https://news.example/login") for source, _, _ in stored["failures"])
    assert stored["articles"] == local["articles"]
    assert stored["ledger"] == local["ledger"] and stored["claims"] == local["claims"]


def test_dask_parts_are_loaded_by_warta_load(
    client: Any, corpus: list[str], module_settings: Settings, local_run: Any, tmp_path: Path
) -> None:
    parts = tmp_path / "parts"
    summary = run_on_dask(corpus, module_settings, client=client, parts=parts)
    files = sorted(parts.glob("*.parquet"))
    assert len(files) >= len(corpus) and not list(parts.glob("*.tmp"))
    db = tmp_path / "loaded.db"
    result = CliRunner().invoke(app, ["load", str(parts), "--db", str(db)])
    assert result.exit_code == 3, result.output  # some inputs failed, and were recorded
    assert summary.failed == local_run[0].failed
    assert _contents(db) == local_run[1]


# -- failures and retries: a small pipeline (extraction, then a stage that misbehaves on some pages) ----------

_attempts: dict[str, int] = {}


def _misbehave(doc: AnnotatedArticle) -> AnnotatedArticle:
    """Fails the first time it sees a page whose text says "Biden" (a transient OSError), every time for one
    that says "Retno" (a bug)."""
    text = doc.article.text
    _attempts[doc.article.source] = _attempts.get(doc.article.source, 0) + 1
    if "Retno" in text:
        raise RuntimeError("a bug in this stage")
    if "Biden" in text and _attempts[doc.article.source] == 1:
        raise OSError("the model file could not be read")
    return doc


misbehaving = stage(name="misbehaving", requires=["document"], assigns=[])(_misbehave)


def misbehaving_pipeline(settings: Settings) -> Pipeline:
    return Pipeline([make_extract_stage(settings), start_annotation, misbehaving])


def unbuildable_pipeline(settings: Settings) -> Pipeline:
    raise RuntimeError("this worker cannot build a pipeline")


def test_dask_retries_transient_failures_and_records_the_rest(
    client: Any, module_settings: Settings, tmp_path: Path
) -> None:
    db = tmp_path / "flaky.db"
    inputs = [str(SAMPLES / "en-talks"), str(SAMPLES / "id-kunjungan")]
    with open_store(db) as store:
        summary = run_on_dask(inputs, module_settings, client=client, store=store, factory=misbehaving_pipeline)
        failures = store.select_failures()
        stored = [doc.article.text for doc in store.iter_articles()]
    assert summary.retried >= 1
    assert len(stored) == 1 and "Biden" in stored[0]
    assert [(f.stage, f.code, f.transient) for f in failures] == [("misbehaving", "W999", False)] * summary.failed
    assert summary.processed + summary.failed == 2


def test_dask_unit_whose_worker_fails_is_a_failure_row(
    client: Any, module_settings: Settings, tmp_path: Path
) -> None:
    db = tmp_path / "lost.db"
    with open_store(db) as store:
        summary = run_on_dask([str(SAMPLES / "en-talks")], module_settings, client=client, store=store,
                              factory=unbuildable_pipeline)  # fmt: skip
        failures = store.select_failures()
    assert summary.processed == 0 and summary.failed >= 1  # one failure per unit (the folder's shares)
    assert [(f.stage, f.code, f.transient) for f in failures] == [("runner", "W998", True)] * summary.failed
    assert all("cannot build a pipeline" in f.reason and "en-talks" in f.source for f in failures)


def test_dask_workers_write_to_the_store_themselves(
    client: Any, corpus: list[str], module_settings: Settings, local_run: Any, tmp_path: Path
) -> None:
    # The path a store with concurrent writers (PostgreSQL) takes; one unit here, as SQLite takes one writer.
    archive = str(Path(corpus[-2]) / "a.warc.gz")
    db = tmp_path / "direct.db"
    settings = replace(module_settings, db=db)
    with open_store(db) as store:
        summary = run_on_dask([archive], settings, client=client, store=store, workers_write=True)
    stored = _contents(db)
    local = local_run[1]
    assert summary.processed == len(stored["articles"]) >= 1 and summary.failed == len(stored["failures"]) >= 1
    assert stored["articles"] == [doc for doc in local["articles"] if doc["article"]["source"].startswith(archive)]
    assert stored["failures"] == [row for row in local["failures"] if row[0].startswith(archive)]
    assert stored["ledger"]["claims"] > 0 and stored["ledger"]["unclustered"] == 0


def test_dask_cli_run_and_its_usage_errors(
    client: Any, corpus: list[str], local_run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib

    from warta.runners import dask as dask_runner

    # `--dask local:2` would start a second cluster; the module's one stands in for it
    monkeypatch.setattr(dask_runner, "connect", lambda spec: contextlib.nullcontext(client))
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["run", *corpus, "--dask", "local:2", "--db", str(db)])
    assert result.exit_code == 3, result.output  # some inputs failed, and were recorded
    assert _contents(db) == local_run[1]
    for args in (
        ["--parts", str(tmp_path / "p")],
        ["--dask", "local:0"],
        ["--dask", "yarn"],
        ["--dask", "local", "-"],
    ):
        result = CliRunner().invoke(app, ["run", *corpus[:1], *args, "--db", str(tmp_path / "x.db")])
        assert result.exit_code == 2, (args, result.output)


class _StaticPages(SimpleHTTPRequestHandler):
    """Files of a folder over HTTP, each path asked for recorded on the server (``requested``)."""

    def do_GET(self) -> None:  # the name http.server dispatches to
        self.server.requested.append(self.path)  # type: ignore[attr-defined]
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """The bundled samples and two ingest fixtures served as static pages on 127.0.0.1 (a thread); robots.txt
    is a 404, which allows everything."""
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(SAMPLES, root / "samples")
    for name in ("artikel-id.html", "article-en.htm"):
        shutil.copy(FIXTURES / name, root / name)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_StaticPages, directory=str(root)))
    httpd.requested = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_dask_url_list_stores_what_warta_run_stores(
    client: Any, news_site: tuple[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, httpd = news_site
    with socket.socket() as probe:  # a port free a moment ago: nothing listens there now
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    listing = tmp_path / "berita.urls"
    listing.write_text("\n".join([
        "# three articles (two of two pages), a page too short to be one, a line without a scheme, a 404 and a"
        " closed port",
        f"{base}/samples/id-kunjungan/halaman-1.html", f"{base}/samples/en-talks/page-1.html",
        f"{base}/artikel-id.html", f"{base}/article-en.htm", "", "berita.example/tanpa-skema",
        f"{base}/hilang.html", f"http://127.0.0.1:{closed}/berita",
    ]) + "\n")  # fmt: skip
    monkeypatch.setenv("WARTA_HTTP_DELAY", "0")
    monkeypatch.setenv("WARTA_HTTP_RETRIES", "0")
    local = tmp_path / "local.db"
    result = CliRunner().invoke(app, ["run", str(listing), "--db", str(local)])
    assert result.exit_code == 3, result.output  # some inputs failed, and were recorded
    stored = _contents(local)
    assert len(stored["articles"]) == 3
    assert stored["failures"] == sorted([
        (f"{listing}:7", "ingest", "W210"), (f"{base}/hilang.html", "ingest", "W220"),
        (f"http://127.0.0.1:{closed}/berita", "ingest", "W220"), (f"{base}/article-en.htm", "extract", "W233"),
    ])  # fmt: skip
    units = plan_units([str(listing)], workers=2)
    assert [(unit.part, unit.parts) for unit in units] == [(k, 4) for k in range(4)]  # 7 lines, 2 per worker
    httpd.requested.clear()
    settings = load_settings(env={}, overrides={"http_delay": 0.0, "http_retries": 0})
    with open_store(tmp_path / "dask.db") as store:
        summary = run_on_dask([str(listing)], settings, client=client, store=store)
    assert (summary.processed, summary.failed) == (3, 4)
    assert _contents(tmp_path / "dask.db") == stored
    pages = [path for path in httpd.requested if path != "/robots.txt"]
    assert len(pages) == len(set(pages)) == 7  # every page once, by the share it belongs to
