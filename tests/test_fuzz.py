"""A short coverage-guided fuzzing run (atheris) of parsing, the nothing-lost property and
enrichment: ``fuzz/parse_fuzzer.py`` for a few hundred inputs, mutated from the bundled pages.
``make fuzz`` runs it for ten minutes; a crash there leaves its input in ``crash-*``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed (it ships wheels for CPython on Linux x86_64/aarch64)",
)
def test_fuzzing_finds_no_crash(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "fuzz" / "parse_fuzzer.py"), "-runs=300", "-seed=1"],
        cwd=tmp_path,  # crash files, if any, land here
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Done 300 runs" in run.stderr
    assert not list(tmp_path.glob("crash-*"))
