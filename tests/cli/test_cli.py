"""End-to-end tests of the ``warta`` command: inputs in, JSON or a database out, exit codes, failure rows."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from warta.cli.main import app
from warta.output import validate_output
from warta.store import open_store

ID_TEXT = (
    "JAKARTA - Menteri Luar Negeri Indonesia Retno Marsudi bertemu dengan Menteri Luar Negeri Australia Penny "
    "Wong di Jakarta pada Senin (10/6). Kedua menteri membahas kerja sama maritim dan keamanan kawasan.\n\n"
    '"Indonesia dan Australia adalah mitra penting di kawasan," kata Retno kepada wartawan.\n\n'
    "Pemerintah China membantah tuduhan bahwa kapal-kapalnya memasuki perairan Filipina secara ilegal."
)
EN_TEXT = (
    "WASHINGTON - The United States imposed sanctions on Russia on Tuesday over its war in Ukraine, the "
    "Treasury Department said.\n\n"
    '"We will keep up the pressure," Secretary of State Antony Blinken told reporters in Washington.\n\n'
    "Moscow denied the accusations and said the measures were illegal."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "berita.txt").write_text(ID_TEXT, encoding="utf-8")
    (folder / "news.txt").write_text(EN_TEXT, encoding="utf-8")
    return folder


def _invoke(runner, args, tmp_path):
    return runner.invoke(app, args, env={"WARTA_DB": str(tmp_path / "cli.db"), "WARTA_HTTP_DELAY": "0"})


def test_cli_extract_prints_contract_valid_json(runner, inputs, tmp_path):
    result = _invoke(
        runner, ["extract", str(inputs / "berita.txt"), "--published", "2024-06-12", "--format", "json"], tmp_path
    )
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    assert len(documents) == 1
    doc = documents[0]
    validate_output(doc)
    assert doc["article"]["language"] == "id" and doc["article"]["published"] == "2024-06-12"
    text = doc["article"]["text"]
    for item in doc["entities"] + doc["quotes"] + doc["events"]:
        assert 0 <= item["start"] < item["end"] <= len(text)
    assert {"Retno Marsudi", "Penny Wong"} <= {e["text"] for e in doc["entities"]}
    assert any(q["speaker"] == "Retno Marsudi" and q["direct"] for q in doc["quotes"])
    assert any(e["type"] == "CONSULT" for e in doc["events"])


def test_cli_extract_jsonl_and_out_dir(runner, inputs, tmp_path):
    result = _invoke(runner, ["extract", str(inputs), "--format", "jsonl"], tmp_path)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert sorted(d["article"]["language"] for d in lines) == ["en", "id"]
    out = tmp_path / "out"
    result = _invoke(runner, ["extract", str(inputs), "--out", str(out)], tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["berita.json", "news.json"]
    for path in out.iterdir():
        validate_output(json.loads(path.read_text(encoding="utf-8")))


def test_cli_bad_inputs_are_recorded_and_exit_3(runner, inputs, tmp_path):
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.html").write_bytes(bytes(range(256)) * 8)
    (inputs / "short.txt").write_text("Halo.", encoding="utf-8")
    (inputs / "deutsch.txt").write_text(
        "Die Bundesregierung hat am Dienstag neue Sanktionen gegen mehrere Unternehmen beschlossen, die nach "
        "Angaben des Ministeriums an der Umgehung bestehender Exportverbote beteiligt gewesen sein sollen. "
        "Die Opposition kritisierte das Vorgehen als zu zögerlich und forderte weitere Maßnahmen.",
        encoding="utf-8",
    )
    (inputs / "batch.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": ID_TEXT, "published": "2024-06-12"}) + "\n{not json\n", encoding="utf-8"
    )
    result = _invoke(runner, ["run", str(inputs)], tmp_path)
    assert result.exit_code == 3, result.output
    with sqlite3.connect(tmp_path / "cli.db") as con:
        failures = {
            row[0].split("/")[-1]: (row[1], row[2])
            for row in con.execute("select source, stage, code from failures")
        }
        articles = con.execute("select count(*) from articles").fetchone()[0]
    assert articles == 3  # berita.txt, news.txt and the good JSONL line
    stages = {name.split(":")[0]: stage for name, (stage, _) in failures.items()}
    # "Halo." is extracted (plain text of any length is an article) but too short to tell its language.
    assert stages == {"empty.txt": "ingest", "binary.html": "ingest", "short.txt": "language",
                      "deutsch.txt": "language", "batch.jsonl": "ingest"}  # fmt: skip


def test_cli_run_is_idempotent_and_queries_work(runner, inputs, tmp_path):
    for _ in range(2):
        result = _invoke(runner, ["run", str(inputs), "--published", "2024-06-12"], tmp_path)
        assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "cli.db") as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 2
    result = _invoke(runner, ["events", "--format", "json"], tmp_path)
    events = json.loads(result.stdout)
    assert events and all(e["type"] for e in events)
    result = _invoke(runner, ["quotes", "--speaker", "Retno", "--format", "json"], tmp_path)
    assert json.loads(result.stdout)[0]["speaker"] == "Retno Marsudi"
    result = _invoke(runner, ["entities", "--type", "PER", "--format", "csv"], tmp_path)
    assert result.stdout.splitlines()[0].startswith("text,type,country")
    result = _invoke(runner, ["export", "--format", "plover-jsonl"], tmp_path)
    assert all(json.loads(line)["event_type"] for line in result.stdout.splitlines())


def test_cli_usage_errors_exit_2(runner, inputs, tmp_path):
    result = _invoke(runner, ["extract", str(inputs), "--format", "xml"], tmp_path)
    assert result.exit_code == 2
    assert "W102" in result.stderr
    result = _invoke(runner, ["events", "--type", "PARTY"], tmp_path)
    assert result.exit_code == 2


def test_cli_demo_processes_bundled_samples(runner, tmp_path):
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "demo.db") as con:
        languages = sorted(row[0] for row in con.execute("select language from articles"))
        events = con.execute("select count(*) from events").fetchone()[0]
        quotes = con.execute("select count(*) from quotes").fetchone()[0]
    assert languages == ["en", "id"]
    assert events >= 4 and quotes >= 2
    assert "warta serve --db" in result.output  # the demo ends with the command and URL to open


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Kedua", "Penny Wong", "Penny Wong"),  # "Kedua menteri" (both ministers): a reference, not a name
        ("they", "Joe Biden", "Joe Biden"),
        ("Blinken", "Antony Blinken", "Blinken"),  # the text names the actor: shown as written
        ("Beijing", None, "Beijing"),
        (None, "China", "China"),
    ],
)
def test_cli_actor_label_shows_the_name_behind_a_reference(text, name, label):
    from warta.cli.render import _actor_label
    from warta.records import Actor

    assert _actor_label(Actor(text=text, name=name)) == label


def test_cli_run_into_postgresql(runner, inputs, postgres):
    # `--db postgresql://...` everywhere a database is taken: run twice (an upsert), then query and rebuild.
    url = postgres.fresh_url()
    for _ in range(2):
        result = runner.invoke(
            app, ["run", str(inputs), "--published", "2024-06-12", "--db", url], env={"WARTA_HTTP_DELAY": "0"}
        )
        assert result.exit_code == 0, result.output
        assert "postgresql://" in result.output  # the summary names the database
    result = runner.invoke(app, ["quotes", "--speaker", "Retno", "--format", "json", "--db", url])
    assert json.loads(result.stdout)[0]["speaker"] == "Retno Marsudi"
    events = json.loads(runner.invoke(app, ["events", "--format", "json", "--db", url]).stdout)
    assert events and all(e["type"] for e in events)
    claims = runner.invoke(app, ["claims", "--format", "json", "--db", url])
    assert claims.exit_code == 0 and json.loads(claims.stdout)
    assert runner.invoke(app, ["claims", "rebuild", "--db", url]).exit_code == 0
    assert json.loads(runner.invoke(app, ["claims", "--format", "json", "--db", url]).stdout) == json.loads(
        claims.stdout
    )
    with open_store(url) as store:
        assert store.counts()["articles"] == 2 and store.counts()["runs"] == 2
        assert store.ledger_counts()["unclustered"] == 0
