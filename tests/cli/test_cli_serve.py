"""`warta serve`: a thin shell that checks the store, then runs the app on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import pytest
import uvicorn
from typer.testing import CliRunner

from warta.cli.main import app


@pytest.fixture
def started(monkeypatch) -> dict:
    calls: dict = {}

    def fake_run(application, *, host, port, log_level):  # stands in for the blocking server
        calls.update(app=application, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("WARTA_API_TOKEN", raising=False)
    return calls


def test_cli_serve_binds_localhost_by_default(started, served_db):
    result = CliRunner().invoke(app, ["serve", "--db", str(served_db)])
    assert result.exit_code == 0, result.output
    assert started["host"] == "127.0.0.1" and started["port"] == 8000
    assert started["app"].state.warta.token is None  # no default token: ingest disabled
    assert "http://127.0.0.1:8000/" in result.output


def test_cli_serve_takes_host_port_and_the_token_setting(started, served_db, monkeypatch):
    monkeypatch.setenv("WARTA_API_TOKEN", "from-the-environment")
    result = CliRunner().invoke(app, ["serve", "--db", str(served_db), "--host", "0.0.0.0", "--port", "9000"])
    assert result.exit_code == 0, result.output
    assert (started["host"], started["port"]) == ("0.0.0.0", 9000)
    assert started["app"].state.warta.token == "from-the-environment"


def test_cli_serve_refuses_a_missing_database(started, tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "W103" in result.output
    assert started == {} and not (tmp_path / "none.db").exists()
