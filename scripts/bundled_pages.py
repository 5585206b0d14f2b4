"""Name the bundled pages as ``banmian ingest`` reads them: ``{paper}_{YYYY-MM-DD}_{page}.txt``.

The pages shipped in ``samples/`` and ``tests/pages*/`` are named after what they test; each
one's gold file (``*.gold.json``) says which paper, date and page it is.
``python scripts/bundled_pages.py DIR`` copies every such page into ``DIR`` under the name
that carries its metadata, so that ``banmian ingest DIR`` stores them all; ``make demo``
does this, and the web reader's tests build their archive the same way.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository."""
GOLD_GLOBS = ("samples/*.gold.json", "tests/pages*/*.gold.json")
"""Where the bundled pages' gold files are."""


@dataclass(frozen=True, slots=True)
class BundledPage:
    """A page shipped with the repository and the metadata its gold file gives."""

    path: Path
    paper: str
    date: str
    page: int

    @property
    def ingest_name(self) -> str:
        """The file name ``banmian ingest`` takes the metadata from."""
        return f"{self.paper}_{self.date}_{self.page}.txt"


def bundled_pages(root: Path = ROOT) -> list[BundledPage]:
    """Every bundled page that has a gold file, in a stable order."""
    out = []
    for pattern in GOLD_GLOBS:
        for gold in sorted(root.glob(pattern)):
            data = json.loads(gold.read_text(encoding="utf-8"))
            source = gold.parent / data["source"]
            out.append(BundledPage(source, data["paper"], data["date"], data["page"]))
    return out


def stage(folder: Path, root: Path = ROOT) -> list[Path]:
    """Copy the bundled pages into ``folder`` under their ingest names; the copies' paths."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for page in bundled_pages(root):
        copy = folder / page.ingest_name
        shutil.copyfile(page.path, copy)
        copies.append(copy)
    return copies


def main(argv: list[str]) -> int:
    """``bundled_pages.py DIR``: stage the pages in DIR and say how many."""
    if len(argv) != 1:
        print("usage: python scripts/bundled_pages.py DIR", file=sys.stderr)
        return 2
    copies = stage(Path(argv[0]))
    print(f"{len(copies)} bundled pages named for ingest in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
