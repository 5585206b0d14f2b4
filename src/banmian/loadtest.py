"""A load test of the web reader: concurrent searches and article views on loopback.

``run_load`` sends a bounded number of requests (and stops at a time limit) from
``concurrency`` client threads, each on its own keep-alive HTTP connection, cycling through
the URLs it is given; it reports throughput, the latency median and 95th percentile, and
every error (a status other than 200, or a failed connection). The server is whatever
``banmian serve`` runs (uvicorn, one process), so the figures say what one reader process
gives, not what a load balancer in front of several would.

    python -m banmian.loadtest http://127.0.0.1:8000 --requests 2000 --concurrency 8

Without URLs of its own it reads the archive's index pages over HTTP (as JSON) to find
articles and builds searches from their titles' two-character words.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit


@dataclass(slots=True)
class LoadReport:
    """What a load run measured."""

    requests: int
    """Requests answered or failed."""
    seconds: float
    """Wall time of the run."""
    concurrency: int
    latencies: list[float] = field(default_factory=list)
    """Seconds per answered request."""
    errors: Counter[str] = field(default_factory=Counter)
    """Failures by kind (``status 500``, ``ConnectionResetError`` …)."""
    by_kind: Counter[str] = field(default_factory=Counter)
    """Requests per kind of page (``search``, ``article`` …)."""

    @property
    def error_count(self) -> int:
        """Requests that failed."""
        return sum(self.errors.values())

    @property
    def throughput(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        """Latency at quantile ``q`` (0–1) in seconds."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "requests": self.requests,
            "seconds": self.seconds,
            "concurrency": self.concurrency,
            "requests_per_second": self.throughput,
            "latency_median_ms": 1000 * statistics.median(self.latencies) if self.latencies else 0,
            "latency_p95_ms": 1000 * self.percentile(0.95),
            "errors": dict(self.errors),
            "by_kind": dict(self.by_kind),
        }

    def to_text(self) -> str:
        """One line for people."""
        d = self.to_dict()
        return (
            f"{self.requests} requests in {self.seconds:.1f} s from {self.concurrency} clients: "
            f"{d['requests_per_second']:.0f} req/s, median {d['latency_median_ms']:.1f} ms, "
            f"p95 {d['latency_p95_ms']:.1f} ms, {self.error_count} errors"
            + (f" {dict(self.errors)}" if self.errors else "")
        )


def _get_json(base: str, path: str) -> Any:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: status {response.status}")
        return json.loads(body)
    finally:
        conn.close()


def discover(base: str, limit: int = 200) -> list[tuple[str, str]]:
    """(kind, path) pairs to request: articles, pages and searches found over HTTP.

    Walks papers → issues → pages through the reader's JSON; each article gives its own
    URL and a search for the first two-character word of its title.
    """
    urls: list[tuple[str, str]] = []
    for paper in _get_json(base, "/index.json")["papers"]:
        name = quote(paper["name"], safe="")
        for issue in _get_json(base, f"/papers/{name}.json")["issues"]:
            for page in _get_json(base, f"/papers/{name}/{issue['date']}.json")["pages"]:
                path = f"/papers/{name}/{issue['date']}/{page['number']}"
                urls.append(("page", path))
                for article in _get_json(base, f"{path}.json")["page"]["articles"]:
                    urls.append(("article", f"{path}/{article['id']}"))
                    title = article.get("title") or ""
                    if len(title) >= 2:
                        urls.append(("search", f"/search?q={quote(title[:2])}"))
                if len(urls) >= limit:
                    return urls
    return urls


def run_load(
    base: str,
    urls: Sequence[tuple[str, str]],
    *,
    requests: int = 1000,
    concurrency: int = 8,
    max_seconds: float = 60.0,
) -> LoadReport:
    """Send ``requests`` GETs (fewer if ``max_seconds`` runs out) from ``concurrency`` threads."""
    if not urls:
        raise ValueError("no URLs to request")
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    report = LoadReport(requests=0, seconds=0.0, concurrency=concurrency)
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + max_seconds

    def client() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            kind, path = urls[i % len(urls)]
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                error = None if response.status == 200 else f"status {response.status}"
            except (OSError, http.client.HTTPException) as exc:
                error = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=30)
            elapsed = time.perf_counter() - start
            with lock:
                report.requests += 1
                report.by_kind[kind] += 1
                if error:
                    report.errors[error] += 1
                else:
                    report.latencies.append(elapsed)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report.seconds = time.perf_counter() - began
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: discover URLs on a running reader, load it, print the figures."""
    parser = argparse.ArgumentParser(prog="python -m banmian.loadtest", description=__doc__)
    parser.add_argument("url", help="base URL of a running banmian serve")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    base = args.url.rstrip("/")
    report = run_load(
        base,
        discover(base),
        requests=args.requests,
        concurrency=args.concurrency,
        max_seconds=args.max_seconds,
    )
    out = json.dumps(report.to_dict(), indent=2) if args.json else report.to_text()
    sys.stdout.write(out + "\n")
    return 1 if report.error_count else 0


if __name__ == "__main__":
    raise SystemExit(main())
