"""A batch killed mid-run, then run again, gives the output of one clean run.

``banmian batch`` runs as a real command over 300 generated pages on a local cluster of two
worker processes. Once some partitions are committed, either the command itself is killed
(SIGKILL: no clean-up, its workers die with it) and started again, or one of its worker
processes is killed and the run carries on. Either way the final rows, keyed by (content
hash, article id), must equal those of an uninterrupted run: none lost, none twice.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import psutil
import pytest

from banmian.batch.layout import BatchDir
from test_batch import Corpus, batch, jsonl_rows, keyed, parquet_rows, write_pages

PAGES = 300
PARTITION = 20
PARTITIONS = PAGES // PARTITION


def _script() -> list[str]:
    script = Path(sys.executable).parent / "banmian"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from banmian.cli import main; main()"]


def _command(pages: Path, out: Path) -> list[str]:
    return [
        *_script(),
        "batch",
        str(pages),
        "--out",
        str(out),
        "--workers",
        "2",
        "--partition-size",
        str(PARTITION),
    ]


ENV = {**os.environ, "BANMIAN_DEBUG": ""}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """300 generated pages."""
    folder = tmp_path_factory.mktemp("kill") / "pages"
    return folder, write_pages(folder, PAGES, seed=77)


@pytest.fixture(scope="module")
def clean(pages: Corpus) -> Path:
    """The output of one uninterrupted batch over the pages."""
    folder, _ = pages
    out = folder.parent / "clean"
    report = batch([folder], out, partition_size=PARTITION)
    assert (report.parsed, report.failed, report.lost) == (PAGES, 0, 0)
    return out


def _committed(out: Path) -> int:
    folder = out / "manifests"
    return len(list(folder.glob("part-*.json"))) if folder.is_dir() else 0


def _start_and_wait_for_commits(pages: Path, out: Path, at_least: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        _command(pages, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV
    )
    deadline = time.monotonic() + 300
    while _committed(out) < at_least and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the batch ended before it could be killed"
    return proc


def _workers(proc: subprocess.Popen[bytes]) -> list[psutil.Process]:
    """The Dask worker processes the command started."""
    found = []
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            line = " ".join(child.cmdline())
        except psutil.NoSuchProcess:
            continue
        if "spawn_main" in line:
            found.append(child)
    return found


def _check_same_as_clean(out: Path, clean: Path) -> None:
    assert keyed(parquet_rows(out)) == keyed(parquet_rows(clean))
    assert keyed(jsonl_rows(out)) == keyed(jsonl_rows(clean))
    hashes = Counter(p["page_hash"] for m in BatchDir(out).iter_manifests() for p in m["pages"])
    assert len(hashes) == PAGES and set(hashes.values()) == {1}
    assert not list(out.rglob(".*.tmp"))


def test_kill_the_command_mid_run_then_rerun_equals_one_clean_run(
    pages: Corpus, clean: Path
) -> None:
    folder, _ = pages
    out = folder.parent / "killed"
    proc = _start_and_wait_for_commits(folder, out, at_least=2)
    workers = _workers(proc)
    assert len(workers) == 2
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    # the workers die with their client (Dask watches its parent), writing nothing more
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == [], f"workers outlived their client: {alive}"
    committed = _committed(out)
    assert 2 <= committed < PARTITIONS
    done_pages = committed * PARTITION

    rerun = subprocess.run(
        _command(folder, out), capture_output=True, env=ENV, timeout=600, check=False
    )
    assert rerun.returncode == 0, rerun.stderr.decode()
    summary = rerun.stdout.decode()
    assert summary.startswith(
        f"parsed {PAGES - done_pages}, skipped {done_pages}, duplicate 0, failed 0, lost 0;"
    )
    _check_same_as_clean(out, clean)


def test_kill_a_worker_mid_run_and_the_run_completes(pages: Corpus, clean: Path) -> None:
    folder, _ = pages
    out = folder.parent / "worker-killed"
    proc = _start_and_wait_for_commits(folder, out, at_least=1)
    workers = _workers(proc)
    assert len(workers) == 2
    workers[0].send_signal(signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr.decode()
    assert stdout.decode().startswith(f"parsed {PAGES}, skipped 0, duplicate 0, failed 0, lost 0;")
    assert _committed(out) == PARTITIONS
    _check_same_as_clean(out, clean)
