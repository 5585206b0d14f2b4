"""Shared fixtures: where the repository and its bundled sample page are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PAGE = REPO_ROOT / "samples" / "000_288ad13e0e775b4e.txt"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's top folder."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The bundled sample page (无锡日报, 2022-12-10, page 2), UTF-8."""
    return SAMPLE_PAGE


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The sample page's text, as decoded from UTF-8 (it has LF line endings)."""
    return SAMPLE_PAGE.read_text(encoding="utf-8")
