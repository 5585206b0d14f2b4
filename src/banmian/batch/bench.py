"""The batch benchmark: pages per second on 1 and 2 workers, memory, counts, kill and resume.

``python -m banmian.batch.bench --pages 20000`` (``make bench-batch``):

1. generates the pages (``banmian.synth``) into a folder, named by the file-name pattern,
   and keeps each page's content hash and gold article count;
2. times the parser alone in this process on a sample, as the one-core reference;
3. runs ``run_batch`` (in a process of its own) over all pages on a local cluster of 1
   worker process, then of 2 (each into a fresh folder): pages per second (from the first
   partition submitted to the last back; the cluster's start is reported apart), the CPU
   time the workers got, peak resident memory of each worker and of the client; and the
   same on a tenth of the pages, to show that memory does not grow with their number;
4. checks each output: every page there once, its rows numbered ``a1 … an`` without gap
   or repeat, no (hash, article id) twice, Parquet and JSONL holding the same rows, row
   counts equal to the manifests', the 1- and 2-worker outputs identical row for row, and
   a sample of pages identical to what the parser gives them in this process;
5. starts ``banmian batch`` as a command on 2 workers, kills it (SIGKILL) once about half
   the partitions are committed, runs the command again, and compares the result with
   the uninterrupted 2-worker output.

The figures are printed as a table and written to ``DIR/bench.json``. The machine's load
average is recorded with each run: other work on the machine slows the workers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from banmian.batch.layout import BatchDir
from banmian.batch.rows import page_rows
from banmian.names import parse_page_name
from banmian.pipeline import parse_bytes
from banmian.synth import generate_pages

MiB = 2**20


@dataclass(slots=True)
class Corpus:
    """The generated pages."""

    folder: Path
    """Where they are."""
    hashes: dict[str, str] = field(default_factory=dict)
    """Content hash of each page file (absolute path)."""
    gold_articles: int = 0
    """Articles in the gold of all pages."""
    seconds: float = 0.0
    """Time taken to generate and write them."""


@dataclass(slots=True)
class Output:
    """What was checked in one output folder."""

    rows: int
    """Rows in the Parquet files."""
    pages: int
    """Distinct pages among them."""
    digests: Counter[str]
    """Digest of each row's content (JSONL form), to compare two outputs."""
    problems: list[str]
    """Every check that failed, in words (empty: all held)."""


def generate(folder: Path, n: int, seed: int) -> Corpus:
    """Write ``n`` generated pages as ``NNN/{paper}_{date}_{page}.txt``, a hundred a folder."""
    started = time.monotonic()
    corpus = Corpus(folder)
    for i, (text, gold) in enumerate(generate_pages(n, seed=seed)):
        sub = folder / f"{i // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{gold['paper']}_{gold['date']}_{i % 100 + 1}.txt"
        data = text.encode("utf-8")
        path.write_bytes(data)
        corpus.hashes[str(path.resolve())] = hashlib.sha256(data).hexdigest()
        corpus.gold_articles += len(gold["articles"])
    corpus.seconds = time.monotonic() - started
    return corpus


def serial_rate(corpus: Corpus, sample: int = 300) -> float:
    """Pages per second of the parser alone, in this process, on the first pages."""
    paths = list(corpus.hashes)[:sample]
    started = time.perf_counter()
    for path in paths:
        parse_bytes(Path(path).read_bytes())
    return len(paths) / (time.perf_counter() - started)


def _row_digest(row: dict[str, Any]) -> str:
    """A digest of a row's whole content."""
    text = json.dumps(row, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _parquet_rows(out: Path) -> Iterator[tuple[str, str, int]]:
    """(page hash, article id, position) of every Parquet row, one file at a time."""
    import pyarrow.parquet as pq

    for path in sorted((out / "parquet").glob("part-*.parquet")):
        table = pq.read_table(path, columns=["page_hash", "article_id", "position"])
        yield from zip(*(table.column(c).to_pylist() for c in table.column_names), strict=True)


def check_output(out: Path, corpus: Corpus) -> Output:
    """Run every check of step 4 on one output folder."""
    problems: list[str] = []
    keys = Counter((h, a) for h, a, _ in _parquet_rows(out))
    twice = sum(1 for c in keys.values() if c > 1)
    if twice:
        problems.append(f"{twice} (hash, article id) pairs stand in more than one row")
    positions: dict[str, list[int]] = {}
    for page_hash, article_id, position in _parquet_rows(out):
        positions.setdefault(page_hash, []).append(position)
        if article_id != f"a{position}":
            problems.append(f"{page_hash[:12]}: article {article_id} at position {position}")
    for page_hash, found in positions.items():
        if sorted(found) != list(range(1, len(found) + 1)):
            problems.append(f"{page_hash[:12]}: positions {sorted(found)} not 1..n")
    wanted = set(corpus.hashes.values())
    manifests = list(BatchDir(out).iter_manifests())
    committed = Counter(p["page_hash"] for m in manifests for p in m["pages"])
    if set(committed) != wanted or set(committed.values()) != {1}:
        missing, extra = len(wanted - set(committed)), len(set(committed) - wanted)
        repeated = sum(1 for c in committed.values() if c > 1)
        problems.append(
            f"manifests: {missing} pages missing, {extra} unknown, {repeated} committed twice"
        )
    with_rows = set(positions)
    if not with_rows <= wanted:
        problems.append(f"{len(with_rows - wanted)} pages in the rows were never generated")
    pages_without = sum(1 for m in manifests for p in m["pages"] if p["articles"] == 0)
    if len(wanted - with_rows) != pages_without:
        problems.append(f"{len(wanted - with_rows)} pages have no rows")
    rows = sum(keys.values())
    if rows != sum(m["rows"] for m in manifests):
        problems.append("the manifests count other rows than the Parquet files hold")
    digests: Counter[str] = Counter()
    jsonl_keys: Counter[tuple[str, str]] = Counter()
    for path in sorted((out / "jsonl").glob("part-*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                digests[_row_digest(row)] += 1
                jsonl_keys[(row["page_hash"], row["article_id"])] += 1
    if jsonl_keys != keys:
        problems.append("the JSONL files hold other rows than the Parquet files")
    return Output(rows, len(positions), digests, problems)


def check_sample(out: Path, corpus: Corpus, n: int = 200, seed: int = 1) -> list[str]:
    """Pages whose rows differ from what the parser gives them here (by digest)."""
    digests = check_digests_by_page(out)
    paths = random.Random(seed).sample(sorted(corpus.hashes), min(n, len(corpus.hashes)))
    wrong = []
    for path in paths:
        data = Path(path).read_bytes()
        named = parse_page_name(path)
        page = parse_bytes(
            data,
            paper=named.paper if named else None,
            date=named.date if named else None,
            page=named.page if named else None,
        )
        rows = page_rows(page, page_hash=corpus.hashes[path], source=path)
        if sorted(_row_digest(r) for r in rows) != sorted(digests.get(corpus.hashes[path], [])):
            wrong.append(path)
    return wrong


def check_digests_by_page(out: Path) -> dict[str, list[str]]:
    """Row digests of each page, from the JSONL files."""
    by_page: dict[str, list[str]] = {}
    for path in sorted((out / "jsonl").glob("part-*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                by_page.setdefault(row["page_hash"], []).append(_row_digest(row))
    return by_page


def _script() -> list[str]:
    """How to start the ``banmian`` command of this environment."""
    script = Path(sys.executable).parent / "banmian"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from banmian.cli import main; main()"]


def kill_and_resume(corpus: Corpus, out: Path, partition_size: int) -> dict[str, Any]:
    """Step 5: start the command, SIGKILL it half-way, run it again; what happened."""
    command = [
        *_script(),
        *("batch", str(corpus.folder), "--out", str(out), "--workers", "2"),
        *("--partition-size", str(partition_size), "--no-progress"),
    ]
    partitions = -(-len(corpus.hashes) // partition_size)
    manifests = out / "manifests"
    started = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while proc.poll() is None:
        if manifests.is_dir() and len(list(manifests.glob("part-*.json"))) >= partitions // 2:
            break
        time.sleep(0.05)
    finished_early = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    killed_after = time.monotonic() - started
    time.sleep(2)  # the workers notice their client is gone and leave
    committed = list(BatchDir(out).iter_manifests())
    done = sum(len(m["pages"]) for m in committed)
    started = time.monotonic()
    rerun = subprocess.run(command, capture_output=True, check=False)
    return {
        "killed_after_seconds": killed_after,
        "finished_before_kill": finished_early,
        "partitions_committed_at_kill": len(committed),
        "partitions": partitions,
        "pages_committed_at_kill": done,
        "rerun_seconds": time.monotonic() - started,
        "rerun_exit_code": rerun.returncode,
        "rerun_summary": rerun.stdout.decode().strip(),
        "rerun_stderr": rerun.stderr.decode().strip()[-2000:],
    }


_RUN_ONE = """
import json, sys
from banmian.batch.runner import run_batch
folder, out, workers, size = sys.argv[1:]
report = run_batch([folder], out, workers=int(workers), partition_size=int(size))
print(json.dumps(report.to_dict()))
"""
"""One batch in a process of its own, so that its client's peak memory is its own."""


def _run(corpus: Corpus, out: Path, workers: int, partition_size: int) -> dict[str, Any]:
    """One timed batch on a fresh local cluster of processes, its client a process apart."""
    load_before = os.getloadavg()[0]
    args = (corpus.folder, out, workers, partition_size)
    done = subprocess.run(
        [sys.executable, "-c", _RUN_ONE, *map(str, args)],
        stdout=subprocess.PIPE,
        check=True,
    )
    report: dict[str, Any] = json.loads(done.stdout)
    worked = report["parsed"] + report["failed"]
    cpu = report["cpu_seconds"]
    return report | {
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "peak_rss_mib": sorted(round(v / MiB, 1) for v in report["peak_rss"].values()),
        "client_peak_rss_mib": round(report["client_peak_rss"] / MiB, 1),
        # how much of its core each worker had: below 1 when other work shares the machine
        "cpu_share": cpu / (workers * report["work_seconds"]),
        "pages_per_cpu_second": worked / cpu if cpu else 0.0,
    }


def run_bench(*, pages: int, seed: int, partition_size: int, folder: Path) -> dict[str, Any]:
    """Every step of the benchmark; the figures as JSON-ready data."""
    print(f"generating {pages} pages into {folder / 'pages'} …", file=sys.stderr)
    corpus = generate(folder / "pages", pages, seed)
    results: dict[str, Any] = {
        "pages": pages,
        "gold_articles": corpus.gold_articles,
        "generate_seconds": corpus.seconds,
        "partition_size": partition_size,
        "cores": os.cpu_count(),
        "serial_pages_per_second": serial_rate(corpus),
    }
    outputs = {}
    for workers in (1, 2):
        out = folder / f"out-{workers}"
        print(f"batch on {workers} worker(s) …", file=sys.stderr)
        results[f"workers_{workers}"] = _run(corpus, out, workers, partition_size)
        outputs[workers] = check_output(out, corpus)
    tenth = Corpus(folder / "pages-tenth")
    for path in sorted(corpus.hashes)[: max(1, pages // 10)]:
        target = tenth.folder / Path(path).relative_to(corpus.folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        tenth.hashes[str(target)] = corpus.hashes[path]
    print("batch on 2 workers, a tenth of the pages …", file=sys.stderr)
    results["workers_2_tenth"] = _run(tenth, folder / "out-tenth", 2, partition_size)
    one, two = outputs[1], outputs[2]
    results["checks"] = {
        "rows": {"1": one.rows, "2": two.rows},
        "pages_with_rows": {"1": one.pages, "2": two.pages},
        "problems": {"1": one.problems, "2": two.problems},
        "same_rows_1_and_2_workers": one.digests == two.digests,
        "sample_pages_differing_from_in_process_parse": len(check_sample(folder / "out-2", corpus)),
    }
    print("kill and resume on 2 workers …", file=sys.stderr)
    killed = folder / "out-killed"
    results["kill_and_resume"] = kill_and_resume(corpus, killed, partition_size)
    resumed = check_output(killed, corpus)
    results["kill_and_resume"] |= {
        "problems": resumed.problems,
        "rows": resumed.rows,
        "same_rows_as_uninterrupted": resumed.digests == two.digests,
    }
    return results


def to_text(r: dict[str, Any]) -> str:
    """The figures as a short table."""
    one, two, tenth = r["workers_1"], r["workers_2"], r["workers_2_tenth"]
    checks, kill = r["checks"], r["kill_and_resume"]
    speedup = two["pages_per_second"] / one["pages_per_second"] if one["pages_per_second"] else 0
    lines = [
        f"{r['pages']} generated pages ({r['gold_articles']} gold articles), "
        f"partitions of {r['partition_size']}, {r['cores']} cores",
        f"parser alone in one process: {r['serial_pages_per_second']:.1f} pages/s",
        "| workers | pages/s | CPU share | pages per CPU-s | wall s (start incl.) | rows |"
        " peak RSS per worker MiB | client MiB | load before/after |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, run in (("1", one), ("2", two), ("2 (a tenth)", tenth)):
        lines.append(
            f"| {name} | {run['pages_per_second']:.1f} | {run['cpu_share']:.2f} | "
            f"{run['pages_per_cpu_second']:.1f} | {run['seconds']:.1f} | {run['articles']} | "
            f"{', '.join(map(str, run['peak_rss_mib']))} | {run['client_peak_rss_mib']} | "
            f"{run['load_before']:.1f} / {run['load_after']:.1f} |"
        )
    per_cpu = (
        two["pages_per_cpu_second"] / one["pages_per_cpu_second"]
        if one["pages_per_cpu_second"]
        else 0
    )
    lines += [
        f"speed-up 2 workers / 1: {speedup:.2f} measured; pages per CPU-second 2 / 1: "
        f"{per_cpu:.2f} (CPU share: the part of a core each worker got, the machine shared)",
        f"checks: problems 1 worker {checks['problems']['1'] or 'none'}, "
        f"2 workers {checks['problems']['2'] or 'none'}; same rows on 1 and 2 workers: "
        f"{checks['same_rows_1_and_2_workers']}; sample pages differing from the parser "
        f"in-process: {checks['sample_pages_differing_from_in_process_parse']}",
        f"kill: SIGKILL after {kill['killed_after_seconds']:.1f} s with "
        f"{kill['partitions_committed_at_kill']}/{kill['partitions']} partitions "
        f"({kill['pages_committed_at_kill']} pages) committed; re-run exit "
        f"{kill['rerun_exit_code']} in {kill['rerun_seconds']:.1f} s: {kill['rerun_summary']}",
        f"after resume: {kill['rows']} rows, problems {kill['problems'] or 'none'}, "
        f"same rows as the uninterrupted run: {kill['same_rows_as_uninterrupted']}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command line of the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=20_000, help="pages to generate")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated pages")
    parser.add_argument("--partition-size", type=int, default=500, help="pages per partition")
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="banmian-batch-bench-"))
    if folder.exists() and any(folder.iterdir()):
        parser.error(f"{folder} is not empty")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        results = run_bench(
            pages=args.pages, seed=args.seed, partition_size=args.partition_size, folder=folder
        )
        text = json.dumps(results, ensure_ascii=False, indent=2)
        (folder / "bench.json").write_text(text + "\n", encoding="utf-8")
        print(to_text(results))
        if args.keep or args.dir:
            print(f"figures in {folder / 'bench.json'}")
    finally:
        if not (args.keep or args.dir):
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
