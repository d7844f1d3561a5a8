"""End to end in a real headless Chromium (Debian's `chromium`, driven by Playwright): every page loads with
no script error or CSP violation, the filters work, an event leads to its article, a claim to its sentence,
and the malicious article stays inert. Screenshots of the pages go to docs/screenshots/ (shown in the README).

Playwright cannot download its own browsers here, so it launches the system one through ``executable_path``.
Without chromium or Playwright these tests skip with the reason, except in CI (WARTA_REQUIRE_BROWSER or
WARTA_REQUIRE_SHARED set), where they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from warta.api import create_app
from warta.api.deps import default_world_atlas

# The README's screenshots are refreshed with WARTA_SCREENSHOTS=1 (the failures page shows the time of the
# run, so an ordinary test run would leave a changed image behind); otherwise they go to a scratch folder.
SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("WARTA_SCREENSHOTS")
    else Path(os.environ.get("TMPDIR", "/tmp")) / "warta-screenshots"
)
SCREENSHOTS.mkdir(parents=True, exist_ok=True)
PAGES = ["events", "timeline", "dyads", "map", "articles", "claims", "clusters", "failures"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _browser_required() -> bool:
    # CI sets one of these (.ci/run both): there a missing browser is a failure, not a skip.
    return bool(os.environ.get("WARTA_REQUIRE_BROWSER") or os.environ.get("WARTA_REQUIRE_SHARED"))


def _chromium() -> str:
    """The system chromium, or a skip (a failure in CI) saying what is missing."""
    problem = None
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "the playwright Python package is not installed (make setup installs it)"
    if executable is None:
        problem = "chromium is not installed (apt-get install -y chromium; .ci/run does it)"
    if problem is not None:
        if _browser_required():
            pytest.fail(f"WARTA_REQUIRE_BROWSER is set but {problem}")
        pytest.skip(problem)
    return str(executable)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(served_db: Path) -> Iterator[str]:
    """The app over the served store, in a uvicorn server on a free local port."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(served_db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


class Watched:
    """A page with every console error, uncaught exception and dialog it produced."""

    def __init__(self, browser: Any, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Watched]:
    watched = Watched(browser, DESKTOP)
    yield watched
    watched.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Watched]:
    watched = Watched(browser, PHONE)
    yield watched
    watched.close()


@pytest.mark.parametrize("name", PAGES)
def test_web_every_page_loads_cleanly(desktop, base_url, name):
    response = desktop.page.goto(f"{base_url}/{name}")
    assert response is not None and response.status == 200
    assert desktop.page.locator("h1").first.is_visible()
    assert desktop.page.locator("table, section.cluster, svg").count() > 0
    assert desktop.errors == [], f"script errors or CSP violations on /{name}: {desktop.errors}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    desktop.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_web_map_draws_the_world_and_the_places(desktop, base_url):
    desktop.page.goto(f"{base_url}/map")
    assert desktop.page.locator("svg.map circle.place").count() > 0
    if default_world_atlas().exists() or _browser_required():
        assert desktop.page.locator("svg.map path.land").count() == 1, "no world outline: run make setup"


def test_web_filters_narrow_the_events(desktop, base_url):
    page = desktop.page
    page.goto(f"{base_url}/events")
    everything = page.locator("table.events tbody tr").count()
    page.select_option("select[name=type]", "CONSULT")
    page.click("#apply")
    page.wait_for_url("**/events?*type=CONSULT*")
    types = page.locator("table.events tbody td .type").all_inner_texts()
    assert types and set(types) == {"CONSULT"} and len(types) < everything
    # A facet adds its value to the filters already chosen.
    page.locator("a.facet[data-facet=country]").first.click()
    page.wait_for_url("**country=*")
    assert "type=CONSULT" in page.url
    assert set(page.locator("table.events tbody td .type").all_inner_texts()) == {"CONSULT"}
    assert desktop.errors == []


def test_web_event_opens_its_article_at_its_record(desktop, base_url):
    page = desktop.page
    page.goto(f"{base_url}/events?type=CONSULT")
    sentence = page.locator("a.evidence").first.inner_text()
    page.locator("a.evidence").first.click()
    page.wait_for_url("**/articles/**#event-*")
    record_id = page.url.split("#", 1)[1]
    record = page.locator(f"[id='{record_id}']")
    assert record.is_visible() and "CONSULT" in record.inner_text()
    assert "target" in (record.get_attribute("class") or "")  # app.js ran under the CSP
    body = page.locator(".body").inner_text()
    assert sentence.strip()[:40] in " ".join(body.split())
    # The trigger highlighted in the text links to the same record.
    assert page.locator(f".body a.hl-trigger[href='#{record_id}']").count() >= 1
    assert desktop.errors == []
    page.screenshot(path=str(SCREENSHOTS / "article.png"))


def test_web_claim_leads_to_its_sentence(desktop, base_url):
    page = desktop.page
    page.goto(f"{base_url}/claims")
    page.locator("a.claim").first.click()
    page.wait_for_url("**/claims/*")
    page.screenshot(path=str(SCREENSHOTS / "claim.png"))
    link = page.locator("a.sentence-link").first
    sentence = " ".join(link.inner_text().split())
    link.click()
    page.wait_for_url("**/articles/**#s-*")
    cited = " ".join("".join(page.locator(".body .hl-cited").all_inner_texts()).split())
    assert cited and (cited in sentence or sentence in cited)
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert desktop.errors == []


def test_web_malicious_article_stays_inert(desktop, base_url):
    page = desktop.page
    for path in ("/articles/malicious-article", "/articles", "/events?q=Gaza", "/claims"):
        page.goto(base_url + path)
        assert page.evaluate("() => window.__pwned === undefined"), f"injected script ran on {path}"
        assert page.locator("script:not([src])").count() == 0
        assert page.locator("main img, main iframe, main object").count() == 0
        hrefs = page.locator("a[href]").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))], path
    page.goto(base_url + "/articles/malicious-article")
    assert "<script>window.__pwned='title'</script>" in page.locator("h1").inner_text()  # shown, as text
    assert "Baca selengkapnya" in page.locator(".body").inner_text()
    assert page.locator(".body a", has_text="Baca selengkapnya").count() == 0
    assert desktop.dialogs == [] and desktop.errors == []
    page.screenshot(path=str(SCREENSHOTS / "malicious-article.png"))


@pytest.mark.parametrize("path", ["/events", "/articles/malicious-article", "/claims", "/timeline"])
def test_web_pages_fit_a_phone(phone, base_url, path):
    page = phone.page
    page.goto(base_url + path)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{path} scrolls sideways on a phone ({width}px)"
    assert phone.errors == []
    if path == "/events":
        page.screenshot(path=str(SCREENSHOTS / "events-phone.png"))
