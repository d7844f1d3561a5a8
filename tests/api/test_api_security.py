"""What keeps the web app safe: escaping, the Content-Security-Policy, static files confined to their folder,
and ingest only with the configured bearer token."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.api import create_app
from warta.api.ingest import check_token
from warta.api.pages import safe_href
from warta.errors import AuthError


def handler_attributes(html: str) -> list[str]:
    """Tags carrying an event-handler attribute (escaped text such as "&lt;img onerror=" is not a tag)."""
    return [tag for tag in re.findall(r"<[a-zA-Z][^>]*>", html) if re.search(r"\son[a-z]+\s*=", tag, flags=re.I)]


PAGES = ["/events", "/timeline", "/dyads", "/map", "/articles", "/claims", "/clusters", "/failures"]


@pytest.fixture(scope="module")
def client(served_db: Path) -> TestClient:
    return TestClient(create_app(served_db))


def test_security_every_page_has_csp_and_no_inline_script(client):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        scripts = re.findall(r"<script\b[^>]*>", response.text)
        assert scripts == ['<script src="/static/app.js" defer>'], path
        assert handler_attributes(response.text) == [], path


def test_security_malicious_article_is_shown_as_text(client):
    page = client.get("/articles/malicious-article")
    assert page.status_code == 200
    html = page.text
    assert "&lt;script&gt;window.__pwned" in html  # the text is there, escaped
    assert "<script>window" not in html
    assert not re.search(r"<img\b", html)
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", html, flags=re.I)
    assert handler_attributes(html) == []
    listing = client.get("/articles").text + client.get("/events?q=Gaza").text
    assert "<script>window" not in listing and "&lt;script&gt;" in listing


@pytest.mark.parametrize(
    ("url", "kept"),
    [("https://example.org/a?b=1", True), ("http://x.id/", True), ("javascript:alert(1)", False),
     (" JavaScript:alert(1)", False), ("data:text/html,<b>", False), ("//evil.example/", False), (None, False)],
)  # fmt: skip
def test_security_only_http_links_are_clickable(url, kept):
    assert (safe_href(url) is not None) is kept


@pytest.mark.parametrize(
    "path",
    ["/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/pyproject.toml",
     "/static/..%2f..%2f..%2fsettings.py", "/static//etc/passwd"],
)  # fmt: skip
def test_security_static_files_stay_in_their_folder(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "def create_app" not in response.text and "root:" not in response.text


def test_security_static_files_are_served(client):
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/app.js").headers["content-type"].startswith(("text/javascript",
                                                                          "application/javascript"))


def test_security_check_token():
    check_token("s3cret-token", "Bearer s3cret-token")
    check_token("s3cret-token", "bearer s3cret-token")
    for header in (None, "", "Bearer", "Bearer s3cret", "Bearer s3cret-token2", "Basic s3cret-token"):
        with pytest.raises(AuthError) as refused:
            check_token("s3cret-token", header)
        assert refused.value.code == "W106"
    with pytest.raises(AuthError) as disabled:
        check_token(None, "Bearer anything")
    assert disabled.value.code == "W107"


def test_security_empty_token_is_refused(served_db):
    from warta.errors import UsageError

    with pytest.raises(UsageError, match="token is empty"):
        create_app(served_db, "  ")


def test_ingest_needs_the_configured_token_and_stores_the_article(served_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(served_db, db)
    body = {"text": "Presiden Joko Widodo bertemu Perdana Menteri Australia Anthony Albanese di Jakarta pada "
            "Rabu (19/6). Kedua pemimpin menandatangani perjanjian kerja sama pertahanan.",
            "published": "2024-06-19", "language": "id", "url": "https://example.org/berita/1"}  # fmt: skip
    closed = TestClient(create_app(db))
    refused = closed.post("/api/v1/ingest", json=body)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "W107"
    client = TestClient(create_app(db, "a-long-random-token"))
    wrong = client.post("/api/v1/ingest", json=body, headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "W106"
    assert wrong.headers["www-authenticate"] == "Bearer"
    bad = client.post("/api/v1/ingest", json={"text": "a", "html": "<p>b</p>"},
                      headers={"Authorization": "Bearer a-long-random-token"})  # fmt: skip
    assert bad.status_code == 400
    before = client.get("/api/v1/counts").json()["articles"]
    done = client.post("/api/v1/ingest", json=body, headers={"Authorization": "Bearer a-long-random-token"})
    assert done.status_code == 200, done.text
    assert done.json()["processed"] == 1 and len(done.json()["articles"]) == 1
    assert client.get("/api/v1/counts").json()["articles"] == before + 1
    article = client.get(f"/api/v1/articles/{done.json()['articles'][0]}").json()
    assert article["article"]["url"] == "https://example.org/berita/1" and article["events"]


def test_reads_cannot_write(client):
    for path in ("/api/v1/events", "/api/v1/articles", "/api/v1/claims"):
        assert client.post(path, json={}).status_code == 405
        assert client.delete(path).status_code == 405


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Bearer wrong-token", "Basic a-long-random-token", "a-long-random-token",
     "Bearer a-long-random-token-and-more", "Bearer a-long-random-toke"],
)  # fmt: skip
def test_ingest_refuses_a_missing_or_wrong_token_over_http(served_db, authorization):
    client = TestClient(create_app(served_db, "a-long-random-token"))
    before = client.get("/api/v1/counts").json()
    headers = {} if authorization is None else {"Authorization": authorization}
    refused = client.post("/api/v1/ingest", json={"text": "Presiden bertemu menteri di Jakarta."}, headers=headers)
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    error = refused.json()["error"]
    assert set(refused.json()) == {"error"} and set(error) == {"code", "message", "status"}
    assert error["code"] == "W106" and error["status"] == 401 and "a-long-random-token" not in error["message"]
    assert client.get("/api/v1/counts").json() == before
