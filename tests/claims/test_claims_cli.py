"""``warta claims`` and ``warta export --format gdelt-csv`` over a database holding one hand-built article."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing

import pytest
from claims_support import ARMS, build
from typer.testing import CliRunner

from warta.claims import save_article
from warta.cli.main import app
from warta.export import GDELT_FIELDS
from warta.store.sqlite import SqliteStore


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "claims.db"
    with SqliteStore(path) as store:
        save_article(store, build(ARMS, url="https://kabar.example/senjata"))
    return path


def _invoke(args, db):
    return CliRunner().invoke(app, [*args, "--db", str(db)], env={"WARTA_HTTP_DELAY": "0"})


def test_claims_cli_lists_claims_as_json_and_table(db):
    result = _invoke(["claims", "--format", "json"], db)
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)
    assert len(claims) == 4 and all(len(c["id"]) == 20 and c["quad_class"] in (2, 3) for c in claims)
    contested = json.loads(_invoke(["claims", "--contested", "--format", "json"], db).stdout)
    assert [(c["type"], c["mode"], c["denying"], c["asserting"], c["reporting"]) for c in contested] == [
        ("AID", "military", 2, 1, 1)
    ]
    table = _invoke(["claims", "--type", "AID", "--actor", "Korea Utara"], db)
    assert table.exit_code == 0 and "claims (3)" in table.stdout and "REJECT" not in table.stdout


def test_claims_cli_show_prints_the_evidence_trail(db):
    (claim,) = json.loads(_invoke(["claims", "--contested", "--format", "json"], db).stdout)
    result = _invoke(["claims", "show", claim["id"][:6], "--format", "json"], db)
    assert result.exit_code == 0, result.output
    trail = json.loads(result.stdout)
    assert trail["claim"]["id"] == claim["id"] and len(trail["denied_by"]) == 1
    kinds = sorted((s["kind"], s["holder"]) for s in trail["stances"])
    assert kinds == [("asserted", "Kabar Contoh"), ("denied", "Moskow"), ("denied", "Pyongyang"),
                     ("reported", "Citra satelit")]  # fmt: skip
    for s in trail["stances"]:
        assert s["sentence"] in ARMS.paragraphs and s["sentence_end"] > s["sentence_start"]
    text = _invoke(["claims", "show", claim["id"]], db)
    assert text.exit_code == 0
    assert "denied (by a REJECT event; rule: clause) by Moskow (RUS)" in text.stdout
    assert "reported by Citra satelit" in text.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["claims", "show", "nope"], 2, "W103"),
        (["claims", "--format", "xml"], 2, "W102"),
        (["claims", "--type", "PARTY"], 2, "W100"),
    ],
)
def test_claims_cli_usage_errors(db, args, code, message):
    result = _invoke(args, db)
    assert result.exit_code == code and message in result.stderr


def test_claims_cli_clusters_and_rebuild(db):
    rows = json.loads(_invoke(["claims", "clusters", "--min-size", "1", "--format", "json"], db).stdout)
    assert [(r["cluster_id"], r["article_id"], r["similarity"]) for r in rows] == [("a1", "a1", None)]
    result = _invoke(["claims", "rebuild"], db)
    assert result.exit_code == 0 and "4 claims (1 contested)" in result.stderr


def test_claims_cli_notes_articles_missing_from_the_ledger(db):
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("DELETE FROM article_clusters")
        conn.commit()
    result = _invoke(["claims"], db)
    assert result.exit_code == 0 and "warta claims rebuild" in result.stderr
    _invoke(["claims", "rebuild"], db)
    assert "rebuild" not in _invoke(["claims"], db).stderr


def test_claims_cli_exports_gdelt_csv(db):
    result = _invoke(["export", "--format", "gdelt-csv"], db)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == GDELT_FIELDS and len(rows) == 4
    arms = next(r for r in rows if r["NumDenying"] == "2")
    assert (arms["EventCode"], arms["EventMode"], arms["Actor1CountryCode"], arms["Actor2CountryCode"]) == (
        "AID", "military", "PRK", "RUS")  # fmt: skip
    counts = (arms["NumMentions"], arms["NumArticles"], arms["NumSources"], arms["NumStories"])
    assert counts == ("2", "1", "1", "1")
    assert (arms["QuadClass"], arms["SOURCEURL"]) == ("2", "https://kabar.example/senjata")
    reject = next(r for r in rows if r["EventCode"] == "REJECT")
    assert (reject["SQLDATE"], reject["EventDate"], reject["QuadClass"]) == ("20240619", "2024-06-19", "3")
