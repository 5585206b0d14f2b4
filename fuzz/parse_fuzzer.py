"""Coverage-guided fuzzing of the parser with atheris (libFuzzer for Python).

Every input is fed to ``parse_bytes`` as a page would be: it must either be refused with one
of banmian's named errors (empty, binary, undecodable, too large …) or parse into a page
that keeps every character (``Page.check_nothing_lost``) and survives enrichment and JSON
serialization. Anything else (an exception of another kind, a lost or doubled character)
is a crash that atheris reports with the input that caused it.

    python fuzz/parse_fuzzer.py -runs=100000            # or -max_total_time=600
    python fuzz/parse_fuzzer.py fuzz/corpus -runs=0     # replay a corpus

Seeds: the bundled pages' texts (``samples/*.txt``, ``tests/pages*/*.txt``), copied into a
fresh corpus directory, when no corpus is given.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from banmian.enrich import enrich
    from banmian.errors import BanmianError
    from banmian.pipeline import parse_bytes
    from banmian.serialize.json import page_to_dict

MAX_INPUT = 64 * 1024
"""Longest input tried: long enough for a page, short enough for many runs a second."""


def test_one_input(data: bytes) -> None:
    """The property every input must keep."""
    try:
        page = parse_bytes(data[:MAX_INPUT], date="2022-12-10")
    except BanmianError:
        return  # refused with a clear message: fine
    problems = page.check_nothing_lost()
    if problems:
        raise AssertionError(f"nothing-lost broken: {problems[:3]}")
    page_to_dict(enrich(page))


def seed_corpus() -> str:
    """A new corpus directory holding the bundled pages' texts."""
    root = Path(__file__).resolve().parents[1]
    corpus = Path(tempfile.mkdtemp(prefix="banmian-fuzz-"))
    for page in [*root.glob("samples/*.txt"), *root.glob("tests/pages*/*.txt")]:
        shutil.copy(page, corpus / f"{page.parent.name}-{page.name}")
    return str(corpus)


def main(argv: list[str]) -> None:
    """Run atheris with ``argv`` (libFuzzer flags), seeded with the bundled pages."""
    args = [argv[0], *argv[1:]]
    if not any(not a.startswith("-") for a in args[1:]):
        args.append(seed_corpus())
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
