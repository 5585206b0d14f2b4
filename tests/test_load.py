"""Load test of the web reader on loopback: concurrent searches, page and article views.

``banmian serve`` runs in a subprocess over a real archive of the bundled pages; eight
client threads send a bounded number of requests (every page and article of the archive,
and a search for each article's title) and every one must succeed. The figures (requests
per second, latency median and p95) are printed for the record, not asserted: this machine
is shared and noisy. ``python -m banmian.loadtest URL`` runs the same against any reader.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from banmian.loadtest import discover, run_load
from web_archive import build_archive


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_archive(tmp_path_factory.mktemp("load"))
    port = _free_port()
    command = [sys.executable, "-c", "from banmian.cli import main; main()", "serve"]
    command += ["--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_concurrent_searches_and_views_all_succeed(reader: str) -> None:
    urls = discover(reader, limit=10_000)
    kinds = {kind for kind, _ in urls}
    assert kinds == {"page", "article", "search"}
    requests = max(600, 2 * len(urls))  # every URL at least twice
    report = run_load(reader, urls, requests=requests, concurrency=8, max_seconds=120)
    print("\nload:", report.to_text())
    assert report.requests == requests, "the time limit cut the run short"
    assert report.error_count == 0, report.errors
    assert len(report.latencies) == requests


def test_a_failing_server_is_counted_not_hidden(reader: str) -> None:
    report = run_load(reader, [("missing", "/papers/no-such-paper")], requests=20, concurrency=4)
    assert report.errors == {"status 404": 20}
    dead = run_load(f"http://127.0.0.1:{_free_port()}", [("x", "/")], requests=5, concurrency=1)
    assert dead.error_count == 5 and not dead.latencies


def test_every_archive_page_is_covered(reader: str, tmp_path: Path) -> None:
    urls = discover(reader, limit=10_000)
    pages = [path for kind, path in urls if kind == "page"]
    # the bundled pages (25) and the markup page of web_archive
    assert len(pages) == len(set(pages)) >= 25
