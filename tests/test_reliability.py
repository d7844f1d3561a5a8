"""Every row of docs/reliability.md, run end to end through the ``warta`` command line.

Each case runs ``warta run BAD GOOD`` (a bad input, then a good article) against a temporary database and
compares what happened with the row of the table in docs/reliability.md that has the case's name: the failure's
stage, code and transient flag (read back with ``warta failures --format json``), the exit code, and how many
articles and failures were stored. Every case also checks that nothing is half-written: no row without its
article, every stored article complete, the database intact. Validate the document with
``pytest tests/test_reliability.py``; change the table and the case together.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

import warta.jobs
from warta.cli.main import app
from warta.pipeline import FunctionStage, Pipeline
from warta.store.sql import SqlStore

DOC = Path(__file__).resolve().parent.parent / "docs" / "reliability.md"
ABSENT = "—"

GOOD_EN = (
    "WASHINGTON - The United States imposed new sanctions on Russia on Tuesday over its war in Ukraine, the "
    "Treasury Department said in a statement.\n\n"
    '"We will keep up the pressure," Secretary of State Antony Blinken told reporters in Washington.\n\n'
    "Moscow denied the accusations and said the measures were illegal."
)
GOOD_ID = (
    "JAKARTA - Menteri Luar Negeri Indonesia Retno Marsudi bertemu dengan Menteri Luar Negeri Australia Penny "
    "Wong di Jakarta pada Senin (10/6). Kedua menteri membahas kerja sama maritim dan keamanan kawasan.\n\n"
    '"Indonesia dan Australia adalah mitra penting di kawasan," kata Retno kepada wartawan.'
)
GERMAN = (
    "Die Bundesregierung hat am Dienstag neue Sanktionen gegen mehrere Unternehmen beschlossen, die nach "
    "Angaben des Ministeriums an der Umgehung bestehender Exportverbote beteiligt gewesen sein sollen. Die "
    "Opposition kritisierte das Vorgehen als zu zögerlich und forderte weitere Maßnahmen."
)


def news_page(*, head: str = "") -> str:
    """An English news page whose text has curly quotes and accents, to see them survive decoding."""
    return (
        f"<!DOCTYPE html>\n<html><head>{head}<title>Talks in Genève</title></head><body>\n<article>\n"
        "<h1>Talks in Genève end without agreement</h1>\n"
        "<p>GENEVA - Diplomats from the United States and Russia met in Genève on Monday for talks on arms "
        "control, the Swiss foreign ministry said in a statement after the meeting.</p>\n"
        "<p>“We had a frank exchange,” said the Swiss foreign minister Ignazio Cassis, who hosted the café "
        "meeting in the old town and called on both sides to keep talking.</p>\n"
        "<p>Russia’s delegation said it would study the American proposals, while Washington accused Moscow of "
        "stalling the negotiations and threatened to end them before the summer.</p>\n"
        "</article>\n</body></html>\n"
    )


# -- a local HTTP server (127.0.0.1 only) ------------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0  # seconds to wait before answering (a timeout)


class Routes:
    """What the server answers: each path has a list of replies served in turn, the last one repeating."""

    def __init__(self) -> None:
        self.replies: dict[str, list[Reply]] = {}
        self.hits: dict[str, int] = {}
        self.release = threading.Event()
        self.base = ""
        self._lock = threading.Lock()

    def add(self, path: str, *replies: Reply) -> str:
        self.replies[path] = list(replies)
        return self.base + path

    def next(self, path: str) -> Reply:
        with self._lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            queue = self.replies.get(path)
            if not queue:
                return Reply(404, "<h1>Not found</h1>")
            return queue.pop(0) if len(queue) > 1 else queue[0]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # the name http.server dispatches to
        routes: Routes = self.server.routes  # type: ignore[attr-defined]
        reply = routes.next(self.path)
        if reply.stall:
            routes.release.wait(reply.stall)
        body = reply.body.encode("utf-8")
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the timeout case)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[Routes]:
    routes = Routes()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.routes = routes  # type: ignore[attr-defined]
    host, port = httpd.server_address[:2]
    routes.base = f"http://{host}:{port}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield routes
    finally:
        routes.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()


# -- running warta and reading what it stored --------------------------------------------------------------


@dataclass
class Run:
    """One case's setting: its folder, database, environment and the CLI runner."""

    folder: Path
    db: Path
    env: dict[str, str | None]
    runner: CliRunner

    def file(self, name: str, content: str | bytes) -> str:
        path = self.folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)

    def good(self, name: str = "good.txt", text: str = GOOD_ID) -> str:
        return self.file(name, text)

    def warta(self, *args: str) -> tuple[int, str]:
        """Exit code and output of ``warta ARGS``; an exception that escaped the CLI is added to the output."""
        result = self.runner.invoke(app, list(args), env=self.env)
        output = result.output
        if result.exception is not None and not isinstance(result.exception, SystemExit) and result.exc_info:
            output += "".join(traceback.format_exception(*result.exc_info))
        return result.exit_code, output

    def failures(self) -> list[dict]:
        code, output = self.warta("failures", "--format", "json")
        assert code == 0, output
        return json.loads(output)

    def count(self, table: str) -> int:
        return query(self.db, f"SELECT COUNT(*) FROM {table}")[0][0]

    def texts(self) -> list[str]:
        return [row[0] for row in query(self.db, "SELECT text FROM articles ORDER BY source")]


@dataclass
class Outcome:
    """What a case observed, in the table's terms."""

    exit: int
    failures: list[dict]
    articles: int
    run_finished: bool = True

    def cells(self) -> dict[str, str]:
        first = self.failures[0] if self.failures else None
        return {
            "stage": first["stage"] if first else ABSENT,
            "code": first["code"] if first else ABSENT,
            "transient": ("yes" if first["transient"] else "no") if first else ABSENT,
            "exit": str(self.exit),
            "articles": str(self.articles),
            "failures": str(len(self.failures)),
        }


def query(db: Path, sql: str) -> list[tuple]:
    """Rows of ``sql`` on the database file, read with a connection of its own, closed at once."""
    with contextlib.closing(sqlite3.connect(db)) as con:
        return con.execute(sql).fetchall()


def _new_run(tmp_path: Path) -> Run:
    folder = tmp_path / "inputs"
    folder.mkdir()
    env: dict[str, str | None] = {key: None for key in os.environ if key.startswith("WARTA_")}
    # No proxy may stand between warta and the local server, and no ambient setting may leak in.
    env.update({key: None for key in os.environ if key.lower().endswith("_proxy")})
    env.update(WARTA_DB=str(tmp_path / "warta.db"), WARTA_HTTP_DELAY="0")
    return Run(folder=folder, db=tmp_path / "warta.db", env=env, runner=CliRunner())


def check_nothing_half_written(db: Path) -> None:
    """Every child row belongs to a stored article, every article has its sentences, the file is intact."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "PRAGMA foreign_key_check") == []
    for table in ("sentences", "entities", "quotes", "events"):
        [(orphans,)] = query(db, f"SELECT COUNT(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
        assert orphans == 0, f"{orphans} {table} rows without their article"
    [(orphans,)] = query(db, "SELECT COUNT(*) FROM event_actors WHERE event_id NOT IN (SELECT id FROM events)")
    assert orphans == 0, f"{orphans} event_actors rows without their event"
    [(bare,)] = query(db, "SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sentences)")
    assert bare == 0, f"{bare} articles stored without their sentences"


def outcome(run: Run, exit_code: int) -> Outcome:
    check_nothing_half_written(run.db)
    [(unfinished,)] = query(run.db, "SELECT COUNT(*) FROM runs WHERE finished IS NULL")
    return Outcome(exit_code, run.failures(), run.count("articles"), run_finished=unfinished == 0)


def simple(run: Run, bad: str, *, expect_in_text: tuple[str, ...] = ()) -> Outcome:
    """``warta run BAD GOOD``: the batch must reach the good article whatever happened to the bad one."""
    code, output = run.warta("run", bad, run.good())
    result = outcome(run, code)
    assert result.run_finished, "the run was not recorded as finished"
    assert any("Retno" in text for text in run.texts()), f"the good article after {bad} was not stored: {output}"
    for expected in expect_in_text:
        assert any(expected in text for text in run.texts()), f"{expected!r} not in the stored text"
    if result.failures:
        assert f"{result.failures[0]['code']}" in output, "the summary does not show the failure's code"
    return result


# -- the cases: one function per row of the table ----------------------------------------------------------


def case_empty_file(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    return simple(run, run.file("empty.html", b""))


def case_binary_file(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    return simple(run, run.file("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16))


def case_missing_file(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    return simple(run, str(run.folder / "no-such-file.html"))


def case_truncated_html(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    page = news_page()
    cut = page.index("Russia’s delegation") + 40  # inside the third paragraph: no closing tags at all
    return simple(run, run.file("truncated.html", page[:cut]), expect_in_text=("We had a frank exchange",))


def case_truncated_before_body(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    page = news_page()
    return simple(run, run.file("cut-head.html", page[: page.index("<body>")]))


def case_windows_1252_no_charset(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    data = news_page().encode("cp1252")
    return simple(run, run.file("cp1252.html", data), expect_in_text=("“We had a frank exchange,”", "Genève"))


def case_latin_1_declared_utf_8(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    page = news_page(head='<meta charset="utf-8">').replace("“", '"').replace("”", '"').replace("’", "'")
    data = page.encode("latin-1")
    return simple(run, run.file("latin1.html", data), expect_in_text=("Genève", "café"))


def case_oversized_file(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    run.env["WARTA_MAX_INPUT_BYTES"] = "2000"
    return simple(run, run.file("huge.html", news_page() * 5))


def case_index_page(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    menu = '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
    links = "".join(
        f'<li><a href="/news/{i}">Ministers meet in Jakarta to discuss story {i}</a></li>' for i in range(30)
    )
    return simple(run, run.file("index.html", f"<html><body>{menu}<ul>{links}</ul></body></html>"))


def case_short_page(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    page = "<html><body><form><h1>Log in</h1><p>Enter your e-mail and password.</p></form></body></html>"
    return simple(run, run.file("login.html", page))


def case_one_sentence_text(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    # "Israeli police arrested two Palestinian activists in Jerusalem on Tuesday."
    brief = "Polisi Israel menangkap dua aktivis Palestina di Yerusalem pada Selasa."
    result = simple(run, run.file("brief.txt", brief), expect_in_text=(brief,))
    sql = "SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.source LIKE '%brief.txt'"
    [(events,)] = query(run.db, sql)
    assert events >= 1, "the one-sentence brief was stored but not coded"
    return result


def case_mojibake_text(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    # An Indonesian article quoting a verse, stored by a scraper that read its UTF-8 as Windows-1252.
    text = (
        "Jakarta - Menteri Agama membuka sidang isbat awal Ramadan di Jakarta pada Selasa sore. Ia mengutip "
        "Surat Al-Baqarah ayat 183 tentang kewajiban puasa.\n\n"
        "Yā ayyuhallażīna āmanū kutiba ʿalaikumuṣ-ṣiyāmu kamā kutiba ʿalallażīna min qablikum.\n\n"
        "“Kami mengajak umat Islam menghormati hasil sidang,” kata Menteri Agama kepada wartawan."
    )
    mangled = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))
    result = simple(run, run.file("ramadan.txt", mangled), expect_in_text=("ayyuhallażīna", "“Kami mengajak"))
    [(repairs,)] = query(run.db, "SELECT repairs FROM articles WHERE source LIKE '%ramadan.txt'")
    assert json.loads(repairs) == ["mojibake"]
    return result


def case_unsupported_language(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    return simple(run, run.file("deutsch.txt", GERMAN))


def case_malformed_jsonl_line(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    lines = "{not json\n" + json.dumps({"id": "en-1", "text": GOOD_EN}) + "\n"
    result = simple(run, run.file("batch.jsonl", lines))
    assert result.failures[0]["source"].endswith("batch.jsonl:1")
    assert any("Blinken" in text for text in run.texts()), "the line after the bad one was not read"
    return result


def case_url_timeout(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    run.env.update(WARTA_HTTP_TIMEOUT="0.3", WARTA_HTTP_RETRIES="0")
    return simple(run, server.add("/slow", Reply(200, news_page(), stall=10)))


def case_url_404(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    return simple(run, server.base + "/gone")


def case_url_503(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    url = server.add("/busy", Reply(503, "busy", headers={"Retry-After": "0"}))
    result = simple(run, url)
    assert server.hits["/busy"] == 3, "expected the first try and http_retries=2 retries"
    return result


def case_url_503_then_200(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    url = server.add("/flaky", Reply(503, "busy", headers={"Retry-After": "0"}), Reply(200, news_page()))
    result = simple(run, url, expect_in_text=("We had a frank exchange",))
    assert server.hits["/flaky"] == 2
    return result


def case_stage_crash(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    real_build = warta.jobs.build_pipeline

    def crashing(record):
        raise RuntimeError("boom: a bug in a stage")

    def build_with_crash(settings, **kwargs):
        pipeline = real_build(settings, **kwargs)
        stages = []
        for st in pipeline.stages:
            if st.name == "entities":
                original = st

                def func(doc, original=original):
                    return crashing(doc) if "Genève" in doc.article.text else original(doc)

                st = FunctionStage(name=st.name, requires=st.requires, assigns=st.assigns, func=func)
            stages.append(st)
        return Pipeline(stages)

    monkeypatch.setattr(warta.jobs, "build_pipeline", build_with_crash)
    result = simple(run, run.file("crash.txt", news_page()))
    assert "boom" in result.failures[0]["reason"]
    return result


def _interrupt_saves(monkeypatch: pytest.MonkeyPatch, action: Callable[[], None]) -> None:
    """Make ``action`` happen in the middle of saving the article from ``victim.txt``: after its article row
    and sentences are written, before its entities are, inside the one transaction."""
    original_save, original_insert = SqlStore.write_article, SqlStore._insert_rows
    saving: dict[str, bool] = {}

    def write_article(self, doc, **kwargs):
        saving["victim"] = doc.article.source.endswith("victim.txt")
        return original_save(self, doc, **kwargs)

    def insert_rows(self, table, columns, rows):
        original_insert(self, table, columns, rows)
        if saving.get("victim") and table == "sentences":
            action()

    monkeypatch.setattr(SqlStore, "write_article", write_article)
    monkeypatch.setattr(SqlStore, "_insert_rows", insert_rows)


def _interrupted_batch(run: Run) -> list[str]:
    return [run.good("first.txt", GOOD_ID), run.good("victim.txt", GOOD_EN), run.file("last.html", news_page())]


def _rerun_completes(run: Run, inputs: list[str], before: set[str]) -> None:
    code, output = run.warta("run", *inputs)
    assert code == 0, output
    assert run.count("articles") == 3
    check_nothing_half_written(run.db)
    assert before <= _stored_versions(run), "re-running rewrote an article that was already stored"


def _stored_versions(run: Run) -> set[str]:
    return {row[0] for row in query(run.db, "SELECT id || updated FROM articles")}


def case_ctrl_c_mid_save(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    def interrupt() -> None:
        raise KeyboardInterrupt

    inputs = _interrupted_batch(run)
    with monkeypatch.context() as patch:
        _interrupt_saves(patch, interrupt)
        code, output = run.warta("run", *inputs)
    result = outcome(run, code)
    assert not result.run_finished, "an interrupted run must stay recorded as unfinished"
    _rerun_completes(run, inputs, _stored_versions(run))
    return result


def case_store_write_fails(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    def disk_full() -> None:
        raise sqlite3.OperationalError("database or disk is full")

    inputs = _interrupted_batch(run)
    with monkeypatch.context() as patch:
        _interrupt_saves(patch, disk_full)
        code, output = run.warta("run", *inputs)
    assert "W403" in output and "disk is full" in output, output
    result = outcome(run, code)
    assert not result.run_finished
    _rerun_completes(run, inputs, _stored_versions(run))
    return result


KILL_CHILD = """
import os, signal, sys
from warta.store.sql import SqlStore
from warta.cli.main import app

original_save, original_insert = SqlStore.write_article, SqlStore._insert_rows
saving = {}

def write_article(self, doc, **kwargs):
    saving["victim"] = doc.article.source.endswith("victim.txt")
    return original_save(self, doc, **kwargs)

def insert_rows(self, table, columns, rows):
    original_insert(self, table, columns, rows)
    if saving.get("victim") and table == "sentences":
        os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no rollback, no atexit: as when the power goes

SqlStore.write_article, SqlStore._insert_rows = write_article, insert_rows
app(sys.argv[1:], prog_name="warta")
"""


def case_kill_mid_save(run: Run, server: Routes, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    inputs = _interrupted_batch(run)
    env = {key: value for key, value in run.env.items() if value is not None}
    env["PATH"] = os.environ.get("PATH", "")
    done = subprocess.run([sys.executable, "-c", KILL_CHILD, "run", *inputs], env=env, capture_output=True)
    assert done.returncode == -signal.SIGKILL, (done.returncode, done.stdout.decode(), done.stderr.decode())
    result = outcome(run, 128 + signal.SIGKILL)  # what a shell reports for a process killed by SIGKILL
    assert not result.run_finished
    _rerun_completes(run, inputs, _stored_versions(run))
    return result


CASES: dict[str, Callable[..., Outcome]] = {
    name.removeprefix("case_").replace("_", "-"): func
    for name, func in list(globals().items())
    if name.startswith("case_") and callable(func)
}


# -- closed gaps (docs/reliability.md); a gap still open is pinned here by a strict xfail ------------------


def test_reliability_headline_paragraphs_are_not_an_article(tmp_path, server, monkeypatch):
    run = _new_run(tmp_path)
    links = "".join(
        f'<p><a href="/news/{i}">Ministers meet in Jakarta to discuss story {i}</a></p>' for i in range(30)
    )
    result = simple(
        run, run.file("headlines.html", f"<html><body><h1>World news</h1><div>{links}</div></body></html>")
    )
    assert (result.exit, result.cells()["code"]) == (3, "W234")


def test_reliability_failure_is_cleared_when_its_input_succeeds(tmp_path, server):
    run = _new_run(tmp_path)
    run.env["WARTA_HTTP_RETRIES"] = "0"
    url = server.add("/flaky", Reply(503, "busy"), Reply(200, news_page()))
    assert run.warta("run", url)[0] == 3
    assert run.warta("run", url)[0] == 0
    assert run.count("articles") == 1
    assert run.failures() == []


# -- the document ------------------------------------------------------------------------------------------


def documented_rows() -> dict[str, dict[str, str]]:
    """The first table of docs/reliability.md (the cases) as {case: {column: cell}}; cells are stripped of
    backticks. The tables further down (limits, fuzzing, the API under load) are results, not cases."""
    text = DOC.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(text) if line.startswith("|"))
    lines = list(itertools.takewhile(lambda line: line.startswith("|"), text[first:]))
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = {}
    for line in lines[2:]:
        cells = [cell.strip().strip("`") for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        row = dict(zip(header, cells, strict=True))
        rows[row["case"]] = row
    return rows


def test_reliability_doc_has_a_case_for_every_row_and_a_row_for_every_case():
    assert sorted(documented_rows()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_reliability_row_holds(case, tmp_path, server, monkeypatch):
    run = _new_run(tmp_path)
    observed = CASES[case](run, server, monkeypatch)
    documented = documented_rows()[case]
    cells = observed.cells()
    assert {key: documented[key] for key in cells} == cells, f"docs/reliability.md row {case!r} is out of date"
