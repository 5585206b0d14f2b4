"""A real archive for the web reader's tests: the bundled pages ingested into SQLite.

The bundled pages (``samples/`` and ``tests/pages*``) are named for ingest from their gold
files by ``scripts/bundled_pages.py``, as ``make demo`` does, plus one page whose title and
body carry ``<script>`` and ``&``, under a paper whose name needs escaping in HTML and
percent-encoding in URLs; then ``banmian ingest --db … FOLDER`` stores them all.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from click.testing import CliRunner

from banmian.archive import open_archive
from banmian.archive.records import ArchiveReader
from banmian.cli import cli

REPO_ROOT = Path(__file__).resolve().parents[1]

EVIL_PAPER = "R&D<周报>"
"""A paper name with characters HTML and URLs must escape."""
EVIL_DATE = "2024-02-29"
EVIL_TEXT = """\
<script>alert("标题")</script>与A&B公司签约
 本报讯（记者 张三）近日，<b>某区</b>与A&B公司举行签约仪式，双方将在
新能源、智能制造等领域开展合作，项目总投资&amp;超过十亿元。<script>alert(1)</script>
仪式上，双方负责人表示将加快推进项目落地。
"""
"""A page whose title and body hold markup and ampersands."""


def _load_script() -> ModuleType:
    path = REPO_ROOT / "scripts" / "bundled_pages.py"
    spec = importlib.util.spec_from_file_location("bundled_pages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bundled = _load_script()
bundled_pages = bundled.bundled_pages
"""Every bundled page with the paper, date and page its gold file names."""


def build_archive(folder: Path) -> Path:
    """Ingest the bundled pages and the markup page into ``folder/banmian.db``; its path."""
    pages = folder / "pages"
    bundled.stage(pages)
    (pages / f"{EVIL_PAPER}_{EVIL_DATE}_1.txt").write_text(EVIL_TEXT, encoding="utf-8")
    db = folder / "banmian.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), str(pages)])
    assert result.exit_code == 0, result.output
    assert "failed 0" in result.output, result.output
    return db


@contextmanager
def open_test_archive(folder: Path) -> Iterator[ArchiveReader]:
    """Build the archive in ``folder`` and open it read-only, as ``banmian serve`` does."""
    with open_archive(build_archive(folder), readonly=True) as archive:
        yield archive
