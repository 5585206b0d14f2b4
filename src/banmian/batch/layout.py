"""The output folder of a batch, and how a partition is committed in it.

```
OUT/
  batch.json                  the options the output was made with (enrich, formats)
  parquet/part-RUN-SEQ.parquet    one file per partition (a Parquet dataset)
  jsonl/part-RUN-SEQ.jsonl        the same rows, one JSON object a line
  manifests/part-RUN-SEQ.json     written last: its presence commits the partition
  quarantine.jsonl            pages that failed, with their error (rebuilt by every run)
  .batch.lock, .batch-run     the running client's lock and its run id (the fence)
```

Every file is written under a hidden temporary name in its own folder, flushed to disk and
renamed into place (``atomic_write``), so a reader never sees half a file; readers of the
dataset (pyarrow, Dask, DuckDB) skip hidden names. A partition counts only once its
manifest exists; the manifest lists its pages by content hash, so a re-run skips them.
Data files without a manifest (a run killed between the two renames) and left-over
temporary files are removed when the next run starts (``clean``).
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from banmian.batch.errors import BatchOutputError

FORMATS = ("parquet", "jsonl")
"""Output formats, each a folder of partition files named ``part-….{format}``."""
MANIFEST_SCHEMA = "banmian.batch.manifest"
"""Name of the manifest format (the ``schema`` key of each manifest)."""
SETTINGS_SCHEMA = "banmian.batch"
"""Name of ``batch.json``'s format."""
TEMP_SUFFIX = ".tmp"
"""Temporary files end so (and start with a dot)."""


def temp_path(path: Path) -> Path:
    """A fresh hidden temporary name beside ``path``, unique to this writer."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}")


def commit_file(temp: Path, path: Path) -> None:
    """Flush a written temporary file to disk and rename it into place."""
    fd = os.open(temp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    temp = temp_path(path)
    temp.write_bytes(data)
    commit_file(temp, path)


def dump_json(data: Any) -> bytes:
    """JSON as written to manifests and settings: UTF-8, Chinese characters kept."""
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


class BatchDir:
    """Paths of the output folder, and the operations of a run on it."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.manifests = self.root / "manifests"
        self.settings = self.root / "batch.json"
        self.quarantine = self.root / "quarantine.jsonl"
        self.lock_file = self.root / ".batch.lock"
        self.fence = self.root / ".batch-run"

    def data_dir(self, fmt: str) -> Path:
        """The folder of one format's partition files."""
        return self.root / fmt

    def data_path(self, fmt: str, name: str) -> Path:
        """Where partition ``name`` is written in format ``fmt``."""
        return self.data_dir(fmt) / f"{name}.{fmt}"

    def manifest_path(self, name: str) -> Path:
        """Where partition ``name``'s manifest is written."""
        return self.manifests / f"{name}.json"

    # set-up ------------------------------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder for one run; a second run on it at the same time is refused."""
        self.root.mkdir(parents=True, exist_ok=True)
        with self.lock_file.open("a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BatchOutputError(
                    f"{self.root}: another banmian batch is writing there; wait for it to end"
                    " or give another --out"
                ) from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def check_settings(self, *, enrich: bool, formats: tuple[str, ...]) -> None:
        """Record the options of a new output, or refuse ones that differ from its own."""
        wanted = {
            "schema": SETTINGS_SCHEMA,
            "version": 1,
            "enrich": enrich,
            "formats": sorted(formats),
        }
        if self.settings.exists():
            try:
                held = json.loads(self.settings.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise BatchOutputError(f"{self.settings}: not a batch's settings: {err}") from None
            if held != wanted:
                raise BatchOutputError(
                    f"{self.root} was made with enrich={held.get('enrich')} and formats"
                    f" {','.join(held.get('formats', []))}: resume it with the same --enrich and"
                    " --format, or give another --out"
                )
            return
        if any(not p.name.startswith(".") for p in self.root.iterdir()):
            raise BatchOutputError(
                f"{self.root} is not empty and holds no batch: give another --out"
            )
        for fmt in FORMATS:
            if fmt in formats:
                self.data_dir(fmt).mkdir(exist_ok=True)
        self.manifests.mkdir(exist_ok=True)
        atomic_write(self.settings, dump_json(wanted))

    def set_fence(self, run_id: str) -> None:
        """Make ``run_id`` the run allowed to commit partitions here."""
        atomic_write(self.fence, run_id.encode("ascii"))

    def fence_holds(self, run_id: str) -> bool:
        """Whether ``run_id`` is still the run allowed to commit here.

        A task of a killed client may still be running on a remote worker; once a new run
        has taken the folder, that task's partition is dropped instead of committed.
        """
        try:
            return self.fence.read_text(encoding="ascii") == run_id
        except OSError:
            return False

    def clean(self) -> int:
        """Remove temporary files and data files of uncommitted partitions; how many."""
        committed = {p.stem for p in self.manifests.glob("part-*.json")}
        removed = 0
        for folder in (*(self.data_dir(f) for f in FORMATS), self.manifests, self.root):
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                orphan = path.name.startswith("part-") and path.name.split(".")[0] not in committed
                temp = path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)
                if (temp or (orphan and folder != self.root)) and path.is_file():
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed

    # reading back ------------------------------------------------------------------------

    def iter_manifests(self) -> Iterator[dict[str, Any]]:
        """Every committed partition's manifest, by name."""
        for path in sorted(self.manifests.glob("part-*.json")):
            yield json.loads(path.read_text(encoding="utf-8"))

    def done_hashes(self) -> set[str]:
        """Content hashes of the pages committed: parsed, or refused for good."""
        done: set[str] = set()
        for manifest in self.iter_manifests():
            done.update(p["page_hash"] for p in manifest["pages"])
            done.update(f["page_hash"] for f in manifest["failed"] if f["final"])
        return done

    def write_quarantine(self, read_failures: list[dict[str, Any]]) -> int:
        """Rebuild ``quarantine.jsonl`` from the manifests and this run's unreadable files.

        A page tried again lists its latest failure only, and none once it was parsed.
        Returns how many pages it lists.
        """
        failed: dict[tuple[str, str | None], dict[str, Any]] = {}
        for manifest in self.iter_manifests():  # oldest run first
            for failure in manifest["failed"]:
                failed[(failure["source"], failure["page_hash"])] = failure
        for failure in read_failures:
            failed[(failure["source"], failure["page_hash"])] = failure
        retried = [f for f in failed.values() if not f["final"]]
        if retried:  # drop those parsed since
            hashes = {f["page_hash"] for f in retried if f["page_hash"]}
            sources = {f["source"] for f in retried if not f["page_hash"]}
            parsed: set[str] = set()
            for manifest in self.iter_manifests():
                for page in manifest["pages"]:
                    if page["page_hash"] in hashes:
                        parsed.add(page["page_hash"])
                    if page["source"] in sources:
                        parsed.add(page["source"])
            failed = {
                key: f
                for key, f in failed.items()
                if f["final"] or (f["page_hash"] or f["source"]) not in parsed
            }
        temp = temp_path(self.quarantine)
        with temp.open("w", encoding="utf-8") as out:
            for failure in failed.values():
                out.write(json.dumps(failure, ensure_ascii=False) + "\n")
        commit_file(temp, self.quarantine)
        return len(failed)
