"""The client side of a batch: plan partitions, run them on Dask, keep count.

``run_batch`` takes the output folder (``BatchDir.locked``), checks that it was made with
the same options, fences off any task of an earlier run, removes what a killed run left
half-written and loads the content hashes of the pages already committed. Then it streams
the input listing: each file is read and hashed here (a few microseconds; the bytes are
dropped again), a page already done or seen earlier in this run is skipped, and the others
are grouped into partitions of ``partition_size`` pages. Partitions go to the workers a
few at a time (``window``, twice the workers by default) through ``as_completed``: the
client holds the paths of the partitions in flight and the counts they report, never rows,
so its memory does not grow with the number of pages, except for the set of content
hashes (about 100 bytes a page) that makes the skipping possible.

The cluster is a ``LocalCluster`` of processes, one thread each (parsing holds the GIL),
started only when there is work; or an existing scheduler. A worker that dies takes its
partition with it: Dask runs it again elsewhere (same name, same files), and after three
deaths on the same partition (``KilledWorker``) its pages are counted ``lost``; a re-run
tries them again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any, TextIO

from banmian.batch.errors import (
    BatchDependencyError,
    BatchOutputError,
    BatchUsageError,
    PartitionError,
    SchedulerError,
)
from banmian.batch.layout import FORMATS, BatchDir
from banmian.batch.progress import Progress
from banmian.batch.sources import count_sources, iter_sources
from banmian.batch.worker import (
    Failure,
    PageTask,
    PartitionResult,
    PartitionTask,
    peak_rss,
    run_partition,
    warm_up,
)
from banmian.errors import BanmianError
from banmian.read import read_path

if TYPE_CHECKING:
    from distributed import Client, Future

DEFAULT_PARTITION_SIZE = 500
"""Pages per partition: one Parquet and one JSONL file each (about 3,000 articles)."""
WORKER_WAIT = 60.0
"""Seconds to wait for a worker to join an existing scheduler."""
CONNECT_TIMEOUT = "10s"
"""How long to try reaching an existing scheduler."""


@dataclass(slots=True)
class BatchReport:
    """What a run did."""

    out: str
    """The output folder."""
    found: int = 0
    """Page files the inputs named."""
    parsed: int = 0
    """Pages parsed and committed in this run."""
    skipped: int = 0
    """Pages committed by an earlier run (same content hash): not parsed again."""
    duplicate: int = 0
    """Files with the same bytes as a page met earlier in this run: not parsed again."""
    failed: int = 0
    """Pages that failed in this run (listed in ``quarantine.jsonl``)."""
    lost: int = 0
    """Pages of partitions whose workers kept dying: not done, a re-run tries them."""
    articles: int = 0
    """Rows written in this run."""
    partitions: int = 0
    """Partitions committed in this run."""
    workers: int = 0
    """Workers of the cluster (0 when nothing was left to do)."""
    seconds: float = 0.0
    """Wall time of the run, cluster start included."""
    work_seconds: float = 0.0
    """From the first partition submitted to the last one back."""
    busy_seconds: float = 0.0
    """Time the workers spent on partitions, added up (at most workers × work_seconds)."""
    cpu_seconds: float = 0.0
    """CPU time the workers spent on them, added up: below ``busy_seconds`` when other work
    on the machine takes its share of the cores."""
    removed: int = 0
    """Left-over files removed: a killed run's, at the start; a dead worker's, at the end."""
    quarantined: int = 0
    """Pages ``quarantine.jsonl`` lists (failures of every run)."""
    peak_rss: dict[str, int] = field(default_factory=dict)
    """Peak resident memory of each worker process (``host:pid``), in bytes."""
    client_peak_rss: int = 0
    """Peak resident memory of this process (the client, and a local scheduler), bytes."""

    @property
    def pages_per_second(self) -> float:
        """Pages parsed (or failed) per second of work."""
        done = self.parsed + self.failed
        return done / self.work_seconds if self.work_seconds > 0 else 0.0

    def line(self) -> str:
        """The summary printed at the end of a run."""
        memory = max(self.peak_rss.values(), default=0) / 2**20
        return (
            f"parsed {self.parsed}, skipped {self.skipped}, duplicate {self.duplicate}, "
            f"failed {self.failed}, lost {self.lost}; {self.articles} articles in "
            f"{self.partitions} partitions; {self.workers} workers, "
            f"{self.pages_per_second:.1f} pages/s, peak worker memory {memory:.0f} MiB"
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            name: getattr(self, name)
            for name in (
                *("out", "found", "parsed", "skipped", "duplicate", "failed", "lost"),
                *("articles", "partitions", "workers", "seconds", "work_seconds"),
                *("busy_seconds", "cpu_seconds"),
                *("removed", "quarantined", "peak_rss", "client_peak_rss"),
            )
        } | {"pages_per_second": self.pages_per_second}


def parse_formats(text: str) -> tuple[str, ...]:
    """``parquet,jsonl`` as a tuple of known formats, in the order of ``FORMATS``."""
    names = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(names - set(FORMATS))
    if unknown or not names:
        raise BatchUsageError(
            f"unknown output format {', '.join(unknown) or '(none)'}: give "
            f"{' and/or '.join(FORMATS)}, separated by commas"
        )
    return tuple(f for f in FORMATS if f in names)


def run_batch(
    inputs: Sequence[str],
    out: str | os.PathLike[str],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    enrich: bool = False,
    formats: Sequence[str] = FORMATS,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    window: int | None = None,
    processes: bool = True,
    progress: bool = True,
    stream: TextIO | None = None,
) -> BatchReport:
    """Parse every page the inputs name into partitioned Parquet and JSONL under ``out``.

    ``workers`` local worker processes (default: one per core), or the Dask scheduler at
    ``scheduler``; ``processes=False`` runs local workers as threads (for tests).
    ``window`` partitions are in flight at once (default: twice the workers). Progress goes
    to ``stream`` (stderr) unless ``progress`` is false.
    """
    if workers is not None and scheduler is not None:
        raise BatchUsageError("give --workers (a local cluster) or --scheduler, not both")
    if partition_size < 1 or (workers is not None and workers < 1):
        raise BatchUsageError("--workers and --partition-size must be at least 1")
    chosen = tuple(f for f in FORMATS if f in formats)
    if not chosen:
        raise BatchUsageError(f"no output format: give {' and/or '.join(FORMATS)}")
    _require_dependencies()
    started = time.monotonic()
    folder = BatchDir(out)
    report = BatchReport(out=str(out))
    with folder.locked():
        folder.check_settings(enrich=enrich, formats=chosen)
        run_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
        folder.set_fence(run_id)
        report.removed = folder.clean()
        done = folder.done_hashes()
        report.found = count_sources(inputs)
        shown = Progress(report.found, stream=stream or sys.stderr, enabled=progress)
        read_failures: list[Failure] = []
        plan = _plan(
            iter_sources(inputs),
            done,
            size=partition_size,
            make=lambda seq, pages: PartitionTask(
                name=f"part-{run_id}-{seq:05d}",
                run_id=run_id,
                out=str(folder.root.resolve()),
                pages=pages,
                enrich=enrich,
                formats=chosen,
            ),
            report=report,
            progress=shown,
            read_failures=read_failures,
        )
        first = next(plan, None)
        if first is not None:
            with _connect(workers, scheduler, processes) as client:
                report.workers = len(client.scheduler_info()["workers"])
                client.run(warm_up, enrich)
                _execute(
                    client,
                    chain([first], plan),
                    window=window or 2 * max(1, report.workers),
                    report=report,
                    progress=shown,
                )
        shown.show(final=True)
        report.removed += folder.clean()  # what workers that died mid-write left
        report.quarantined = folder.write_quarantine([f.to_dict() for f in read_failures])
    report.seconds = time.monotonic() - started
    report.client_peak_rss = peak_rss()
    return report


def _require_dependencies() -> None:
    """Fail in one line when Dask or pyarrow is missing."""
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as err:
        raise BatchDependencyError(
            f"banmian batch needs Dask and pyarrow ({err.name} is missing): "
            "pip install 'banmian[batch]'"
        ) from None


def _plan(
    sources: Iterator[str],
    done: set[str],
    *,
    size: int,
    make: Callable[[int, tuple[PageTask, ...]], PartitionTask],
    report: BatchReport,
    progress: Progress,
    read_failures: list[Failure],
) -> Iterator[PartitionTask]:
    """Partitions of the pages not done yet, read and hashed one by one as they are needed."""
    seen: set[str] = set()
    pages: list[PageTask] = []
    seq = 0
    for source in sources:
        try:
            page_hash = hashlib.sha256(read_path(source)).hexdigest()
        except (OSError, BanmianError) as err:  # missing, unreadable, too large
            read_failures.append(Failure.of(source, None, err))
            report.failed += 1
            progress.worked += 1
            progress.failed += 1
            continue
        if page_hash in done or page_hash in seen:
            if page_hash in done:
                report.skipped += 1
            else:
                report.duplicate += 1
            progress.skipped += 1
            progress.show()
            continue
        seen.add(page_hash)
        pages.append(PageTask(source, page_hash))
        if len(pages) == size:
            seq += 1
            yield make(seq, tuple(pages))
            pages = []
    if pages:
        yield make(seq + 1, tuple(pages))


@contextmanager
def _connect(workers: int | None, scheduler: str | None, processes: bool) -> Iterator[Client]:
    """A client of a new local cluster, or of the scheduler named."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as err:
            raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        with client:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT)
            except TimeoutError:
                raise SchedulerError(
                    f"the Dask scheduler at {scheduler} has no worker (waited {WORKER_WAIT:.0f} s)"
                ) from None
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=processes,
            host="127.0.0.1" if processes else None,  # this machine only (threads: in-process)
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # its HTTP routes: any port
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _execute(
    client: Client,
    tasks: Iterator[PartitionTask],
    *,
    window: int,
    report: BatchReport,
    progress: Progress,
) -> None:
    """Submit partitions, at most ``window`` in flight, and count what comes back."""
    from distributed import as_completed

    pending = as_completed()
    sizes: dict[str, int] = {}
    progress.started = work_started = time.monotonic()
    for task in tasks:
        key = f"banmian-batch-{task.name}"
        sizes[key] = len(task.pages)
        pending.add(client.submit(run_partition, task, key=key, pure=False))
        while pending.count() >= window:
            _collect(next(pending), sizes, report, progress)
    for future in pending:
        _collect(future, sizes, report, progress)
    report.work_seconds = time.monotonic() - work_started


def _collect(
    future: Future[PartitionResult],
    sizes: dict[str, int],
    report: BatchReport,
    progress: Progress,
) -> None:
    """Count one partition's result."""
    from distributed import KilledWorker

    pages = sizes.pop(str(future.key))
    try:
        result = future.result()
    except KilledWorker:
        report.lost += pages
        progress.worked += pages
        return
    except Exception as err:
        message = " ".join(str(err).split()) or type(err).__name__
        raise PartitionError(f"a partition could not be written: {message}") from err
    finally:
        future.release()
    if not result.committed:
        raise BatchOutputError(f"{report.out}: another run has taken the folder; this one stops")
    report.parsed += result.parsed
    report.failed += len(result.failures)
    report.articles += result.articles
    report.partitions += 1
    report.busy_seconds += result.seconds
    report.cpu_seconds += result.cpu_seconds
    report.peak_rss[result.worker] = max(report.peak_rss.get(result.worker, 0), result.peak_rss)
    progress.worked += pages
    progress.failed += len(result.failures)
    progress.show()
