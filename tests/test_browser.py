"""The reader in a real browser: Debian's chromium, headless, driven by Playwright.

``banmian serve`` runs in a subprocess on a free port over a real archive of the bundled
pages; the browser searches for a two-character word, sees the highlighted hits, opens an
article and reads it, then opens the page view and finds the coloured blocks.

Without ``/usr/bin/chromium`` (or the ``playwright`` package) these tests skip, saying why;
``.ci/run`` installs chromium and sets ``BANMIAN_REQUIRE_BROWSER=1``, which turns such a
skip into a failure so that CI cannot pass without having run them.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from web_archive import EVIL_PAPER, build_archive

CHROMIUM = Path(os.environ.get("BANMIAN_CHROMIUM", "/usr/bin/chromium"))
"""Debian's chromium; ``playwright install`` cannot download a browser here."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SAMPLE = ("无锡日报", "2022-12-10", 2)
WORD = "法院"
"""A two-character word the sample page's articles hold."""


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if not (CHROMIUM.exists() or shutil.which(str(CHROMIUM))):
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    return None


MISSING = _missing_browser()
if MISSING and os.environ.get("BANMIAN_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"BANMIAN_REQUIRE_BROWSER=1 but {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"banmian serve exited with {proc.returncode}: {err}")
        try:
            with urllib.request.urlopen(base + "/index.json", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"banmian serve did not answer at {base} within {timeout} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``banmian serve`` over a fresh archive of the bundled pages; its base URL."""
    db = build_archive(tmp_path_factory.mktemp("archive"))
    port = _free_port()
    command = [sys.executable, "-c", "from banmian.cli import main; main()"]
    command += ["serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab that records any dialog (an ``alert`` would mean unescaped script ran)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.set_default_timeout(10_000)
    try:
        yield tab
    finally:
        context.close()


def _json(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path) as response:
        return json.loads(response.read())


def test_search_open_an_article_and_its_page_view(server: str, page: Any) -> None:
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "报纸 Papers"
    assert page.get_by_role("link", name=SAMPLE[0]).count() == 1

    # Search for a two-character word from the main search box.
    page.locator("form.search input[name=q]").fill(WORD)
    page.locator("form.search button[type=submit]").click()
    page.wait_for_url("**/search?q=*")
    total = page.locator("p.total strong").inner_text()
    assert int(total) >= 2
    marks = page.locator("ol.hits mark")
    assert marks.count() >= 2
    assert set(marks.all_inner_texts()) == {WORD}
    assert page.locator("ol.hits mark").first.evaluate(
        "el => getComputedStyle(el).backgroundColor"
    ) not in ("rgba(0, 0, 0, 0)", "transparent")

    # Open a hit on the sample page and read the article as a user sees it.
    hit = page.locator("li.hit").filter(has_text=SAMPLE[0]).first
    title = hit.locator("h2 a").inner_text()
    hit.locator("h2 a").click()
    page.wait_for_url("**/papers/**/a*")
    assert page.locator("h1.title").inner_text() == title
    path = page.evaluate("location.pathname")
    expected = _json(server, path + ".json")["article"]
    assert title == expected["title"]
    shown = page.locator("article .body > p:not(.caption), article .body > h2").all_inner_texts()
    assert [s.strip() for s in shown] == [p["text"] for p in expected["paragraphs"]]
    assert any(WORD in p["text"] for p in expected["paragraphs"]) or WORD in title
    if expected["byline"]:
        assert page.locator("article .byline").inner_text() == expected["byline"]

    # The page view: raw text beside the reconstruction, coloured by kind.
    page.get_by_role("link", name="原文对照 Raw text").click()
    page.wait_for_url("**/source*")
    assert page.locator("section.raw pre .ln").count() > 100
    titles = page.locator("section.raw .seg.k-title")
    bodies = page.locator("section.raw .seg.k-body")
    assert titles.count() >= 1 and bodies.count() >= 1
    colour = "el => getComputedStyle(el).backgroundColor"
    assert titles.first.evaluate(colour) != bodies.first.evaluate(colour)
    assert page.locator("section.rebuilt .item.k-title").count() >= 1
    assert page.locator("details.legend li").count() >= 10
    # Hovering a block outlines its raw text (the page view's one small script).
    item = page.locator("section.rebuilt .item.k-title").first
    item_id = item.get_attribute("data-item")
    item.hover()
    lit = page.locator(f'section.raw .seg.hl[data-item="{item_id}"]')
    assert lit.count() >= 1
    assert page.dialogs == []


def test_bad_query_shows_its_message(server: str, page: Any) -> None:
    page.goto(server + "/search")
    page.locator("form.search input[name=q]").fill('"' + WORD)
    page.locator("form.search input[name=q]").press("Enter")
    page.wait_for_url("**/search?q=*")
    alert = page.get_by_role("alert")
    assert "检索式有误" in alert.inner_text()
    assert page.locator("form.search input[name=q]").input_value() == '"' + WORD


def test_markup_in_page_text_stays_text(server: str, page: Any) -> None:
    issue = _json(server, "/papers/" + quote(EVIL_PAPER, safe="") + ".json")["issues"][0]
    page_url = _json(server, issue["url"] + ".json")["pages"][0]["url"]
    page.goto(server + page_url + "/a1")
    assert page.locator("h1.title").inner_text() == '<script>alert("标题")</script>与A&B公司签约'
    assert "<b>某区</b>" in page.locator("article .body").inner_text()
    assert page.locator("article b").count() == 0
    page.goto(server + page_url + "/source")
    assert page.locator("section.raw b").count() == 0
    assert page.dialogs == []
    assert EVIL_PAPER in page.locator("nav.crumbs").inner_text()


def test_from_an_article_to_a_person_and_their_appearances(server: str, page: Any) -> None:
    page.goto(server + "/papers/" + quote(SAMPLE[0], safe="") + "/2022-12-10/2/a3")
    assert page.locator("h1.title").inner_text() == "提升治理之效 筑牢平安之基"
    found = page.locator("aside.found .found-person li").filter(has_text="朱爱勋")
    assert "市委副书记、政法委书记" in found.inner_text()

    # Click the person: their page lists every article naming them, with the title held then.
    found.get_by_role("link", name="朱爱勋").click()
    page.wait_for_url("**/people/*")
    assert page.locator("h1.entity-name").inner_text() == "朱爱勋"
    rows = page.locator("table.appearances tr.appearance")
    expected = _json(server, page.evaluate("location.pathname") + ".json")["appearances"]
    assert rows.count() == len(expected) >= 1
    first = rows.first
    assert first.locator("td.title-then").inner_text() == "市委副书记、政法委书记"
    assert first.locator("td.article").inner_text() == "提升治理之效 筑牢平安之基"
    assert "讲话 spoke" in first.locator("td.doing").inner_text()

    # And back to the article from there.
    first.locator("td.article a").click()
    page.wait_for_url("**/a3")
    assert page.locator("h1.title").inner_text() == "提升治理之效 筑牢平安之基"

    # A search's facets narrow it to one person: as many hits as the facet said.
    top = next(
        f
        for f in _json(server, "/search.json?q=" + quote(WORD))["facets"]["items"]
        if f["type"] == "person"
    )
    page.goto(server + "/search?q=" + quote(WORD))
    facet = page.locator("aside.facets .facet-person li").filter(has_text=top["key"]).first
    assert facet.locator(".count").inner_text() == str(top["count"])
    facet.locator("a.facet").click()
    page.wait_for_url("**entity=person*")
    assert page.locator("p.total strong").inner_text() == str(top["count"])
    assert top["key"] in page.locator("p.entity-filter-on").inner_text()
    assert page.dialogs == []
