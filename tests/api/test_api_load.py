"""The fast part of ``scripts/load_test.py``: a live ``warta serve`` on loopback answers 10 concurrent
readers x 10 requests on every read endpoint group without an error while ingest writes new articles."""

from __future__ import annotations

import shutil
from types import ModuleType

import httpx
import pytest

from scripts_loader import load_script


@pytest.fixture(scope="module")
def load_test() -> ModuleType:
    return load_script("load_test")


def test_api_load_reads_while_ingesting_have_no_error(load_test, served_db, tmp_path):
    db = tmp_path / "load.db"
    shutil.copy(served_db, db)
    with load_test.running_server(db, "a-long-random-token", log=tmp_path / "serve.log") as base:
        before = httpx.get(f"{base}/api/v1/counts").json()["articles"]
        report = load_test.run_load(base, "a-long-random-token", clients=10, requests=10, time_limit=120)
        after = httpx.get(f"{base}/api/v1/counts").json()["articles"]
    assert report.errors == [] and report.skipped == 0 and report.requests == 100
    assert report.ingests.errors == [] and len(report.ingests.seconds) >= 1
    assert after == before + len(report.ingests.seconds)  # each ingest stored one new article
    assert report.reads_during_ingest > 0 and report.ok
    assert {group for group, timings in report.groups.items() if timings.count} == set(load_test.ENDPOINTS)
    section = load_test.render(report, command="python scripts/load_test.py", clients=10, requests=10,
                               articles=before)  # fmt: skip
    assert section.startswith(load_test.HEADING) and "100 requests, 0 errors" in section


def test_api_load_wrong_token_counts_as_failed_ingest(load_test, served_db, tmp_path):
    # The report must be able to fail: a writer without the server's token has every ingest refused.
    db = tmp_path / "load.db"
    shutil.copy(served_db, db)
    with load_test.running_server(db, "the-server-token", log=tmp_path / "serve.log") as base:
        report = load_test.run_load(base, "another-token", clients=2, requests=3, time_limit=60)
    assert report.ingests.seconds == [] and report.ingests.errors and "401" in report.ingests.errors[0]
    assert not report.ok


def test_api_load_percentile_is_an_observed_value(load_test):
    values = [0.5, 0.1, 0.3, 0.2, 0.4]
    assert load_test.percentile(values, 0.5) == 0.3 and load_test.percentile(values, 0.99) == 0.5
    assert load_test.percentile(list(range(1, 201)), 0.99) == 198


def test_api_load_section_replaces_only_its_own(load_test, tmp_path):
    page = tmp_path / "reliability.md"
    page.write_text(f"# Reliability\n\n## Before\n\nkept\n\n{load_test.HEADING}\n\nold\n\n## After\n\nkept too\n")
    load_test.replace_section(page, load_test.HEADING, f"{load_test.HEADING}\n\nnew figures\n")
    text = page.read_text()
    assert "new figures" in text and "old" not in text and text.count("kept") == 2
    assert text.index("## Before") < text.index("new figures") < text.index("## After")


def test_api_export_streams_a_page_per_step():
    # One step per row made every export queue once per row in Starlette's thread pool behind the other
    # requests (the load test's exports took 16 s at the median); a step now carries up to a page of rows.
    from warta.api.serialize import _in_pieces

    assert list(_in_pieces(iter(["a", "b", "c", "d", "e"]), size=2)) == ["ab", "cd", "e"]
    assert list(_in_pieces(iter([]), size=2)) == []
