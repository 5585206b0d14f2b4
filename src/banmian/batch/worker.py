"""What a Dask worker does with one partition: parse its pages, write its files, commit.

``run_partition`` is the only function the client submits. It reads each page itself (the
client sends paths, not bytes), parses and perhaps enriches it, and turns it into rows; a
page that fails is kept as a ``Failure`` and the others go on. Then it writes the rows in
each format under temporary names, checks that its run still holds the output folder
(``BatchDir.fence_holds``), renames the data files into place and the manifest last. A task
that Dask runs again (its worker died) writes the same names with the same content, so a
retry can never duplicate rows. Only the counts go back to the client, never the rows.
"""

from __future__ import annotations

import hashlib
import os
import resource
import socket
import time
from dataclasses import dataclass
from typing import Any

from banmian.batch.layout import (
    MANIFEST_SCHEMA,
    BatchDir,
    commit_file,
    dump_json,
    temp_path,
)
from banmian.batch.rows import page_rows
from banmian.errors import BanmianError
from banmian.names import parse_page_name
from banmian.pipeline import parse_bytes
from banmian.read import read_path


@dataclass(frozen=True, slots=True)
class PageTask:
    """One page to parse."""

    source: str
    """Absolute path of the page file."""
    page_hash: str
    """sha256 of its bytes as the client read them."""


@dataclass(frozen=True, slots=True)
class PartitionTask:
    """A partition's pages and where and how to write them."""

    name: str
    """The partition's name, ``part-RUN-SEQ``: its files are named after it."""
    run_id: str
    """The run that made it; it commits only while this run holds the folder."""
    out: str
    """The output folder."""
    pages: tuple[PageTask, ...]
    """Its pages, in order."""
    enrich: bool
    """Whether to find mentions too."""
    formats: tuple[str, ...]
    """Formats to write (``parquet``, ``jsonl``)."""


@dataclass(frozen=True, slots=True)
class Failure:
    """A page that could not be parsed: it goes to the quarantine list."""

    source: str
    """The page file."""
    page_hash: str | None
    """sha256 of its bytes; None when it could not be read at all."""
    error: str
    """The error's class (``BinaryInputError``, ``EmptyInputError``, ``OSError`` …)."""
    message: str
    """What went wrong, in one line."""
    final: bool
    """Whether it would fail again on the same bytes (a refused input: empty, binary …);
    other failures (unreadable file, parser bug) are tried again by the next run."""

    @classmethod
    def of(cls, source: str, page_hash: str | None, err: BaseException) -> Failure:
        """The failure of a page that raised ``err``."""
        if isinstance(err, BanmianError):
            message = str(err)
        elif isinstance(err, OSError) and err.strerror:
            message = err.strerror
        else:
            message = f"unexpected {type(err).__name__}: {err}"
        final = isinstance(err, BanmianError) and page_hash is not None
        return cls(source, page_hash, type(err).__name__, " ".join(message.split()), final)

    def to_dict(self) -> dict[str, Any]:
        """As a quarantine line: source, page_hash, error, message, final."""
        return {
            "source": self.source,
            "page_hash": self.page_hash,
            "error": self.error,
            "message": self.message,
            "final": self.final,
        }


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a partition task reports back: counts, never rows."""

    name: str
    """The partition."""
    parsed: int
    """Pages parsed (their rows written)."""
    articles: int
    """Rows written."""
    failures: tuple[Failure, ...]
    """Pages that failed."""
    committed: bool
    """False when another run had taken the folder: nothing was kept."""
    worker: str
    """``host:pid`` of the worker process."""
    peak_rss: int
    """Peak resident memory of that process so far, in bytes."""
    seconds: float
    """Time the task took."""
    cpu_seconds: float
    """CPU time the worker process spent meanwhile (less than ``seconds`` when the machine's
    cores are shared with other work)."""


def peak_rss() -> int:
    """Peak resident memory of this process so far, in bytes.

    Linux's ``VmHWM`` belongs to the process's own memory; ``ru_maxrss``, the fallback,
    also counts the memory of the parent it was forked from, which a spawned worker
    (fork, then exec) would otherwise report as its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def warm_up(enrich: bool) -> int:
    """Import what a partition needs (and load the gazetteer when enriching) ahead of work.

    Run once on every worker before the first partition, so that the rate measured is
    that of parsing; returns the worker's process id.
    """
    import pyarrow.parquet  # noqa: F401

    from banmian.batch import schema  # noqa: F401

    if enrich:
        from banmian.enrich import enrich as enrich_page
        from banmian.pipeline import parse_text

        enrich_page(parse_text("本报讯 江苏省无锡市锡山区12月7日召开会议。\n", date="2022-12-10"))
    return os.getpid()


def parse_page(task: PageTask, *, enrich: bool) -> tuple[str, list[dict[str, Any]]]:
    """Read, parse (and enrich) one page: its content hash and its rows."""
    data = read_path(task.source)
    page_hash = hashlib.sha256(data).hexdigest()
    named = parse_page_name(task.source)
    page = parse_bytes(
        data,
        paper=named.paper if named else None,
        date=named.date if named else None,
        page=named.page if named else None,
    )
    if enrich:
        from banmian.enrich import enrich as enrich_page

        enrich_page(page)
    return page_hash, page_rows(page, page_hash=page_hash, source=task.source)


def run_partition(task: PartitionTask) -> PartitionResult:
    """Parse a partition's pages and commit its files; runs on a worker."""
    started, cpu_started = time.perf_counter(), time.process_time()
    rows: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    failures: list[Failure] = []
    for page in task.pages:
        try:
            page_hash, page_rows_ = parse_page(page, enrich=task.enrich)
        except OSError as err:  # unreadable now: no content to key it by, tried again next run
            failures.append(Failure.of(page.source, None, err))
            continue
        except Exception as err:  # any page may fail (a parser bug too): the batch goes on
            failures.append(Failure.of(page.source, page.page_hash, err))
            continue
        pages.append({"page_hash": page_hash, "source": page.source, "articles": len(page_rows_)})
        rows += page_rows_
    committed = write_partition(task, rows, pages, failures)
    return PartitionResult(
        name=task.name,
        parsed=len(pages),
        articles=len(rows),
        failures=tuple(failures),
        committed=committed,
        worker=f"{socket.gethostname()}:{os.getpid()}",
        peak_rss=peak_rss(),
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu_started,
    )


def write_partition(
    task: PartitionTask,
    rows: list[dict[str, Any]],
    pages: list[dict[str, Any]],
    failures: list[Failure],
) -> bool:
    """Write a partition's files and commit it; False when its run no longer holds the folder."""
    out = BatchDir(task.out)
    temps = []
    files = {}
    if rows:
        for fmt in task.formats:
            final = out.data_path(fmt, task.name)
            temp = temp_path(final)
            _WRITERS[fmt](rows, temp)
            temps.append((temp, final))
            files[fmt] = str(final.relative_to(out.root))
    manifest = {
        "schema": MANIFEST_SCHEMA,
        "version": 1,
        "partition": task.name,
        "run": task.run_id,
        "files": files,
        "rows": len(rows),
        "pages": pages,
        "failed": [f.to_dict() for f in failures],
    }
    final_manifest = out.manifest_path(task.name)
    temp_manifest = temp_path(final_manifest)
    temp_manifest.write_bytes(dump_json(manifest))
    temps.append((temp_manifest, final_manifest))
    if not out.fence_holds(task.run_id):
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        return False
    for temp, final in temps:  # the manifest last: it commits the partition
        commit_file(temp, final)
    _sync_folder(out.manifests)
    return True


def _write_parquet(rows: list[dict[str, Any]], path: os.PathLike[str]) -> None:
    """Rows as one Parquet file (zstd)."""
    import pyarrow.parquet as pq

    from banmian.batch.schema import to_table

    pq.write_table(to_table(rows), path, compression="zstd")


def _write_jsonl(rows: list[dict[str, Any]], path: os.PathLike[str]) -> None:
    """Rows as JSON lines, UTF-8, Chinese characters kept."""
    import json

    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


_WRITERS = {"parquet": _write_parquet, "jsonl": _write_jsonl}
"""How each format is written."""


def _sync_folder(folder: os.PathLike[str]) -> None:
    """Flush a folder's entries (the renames) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
