"""The archive's backends for the tests: a fresh SQLite file or a fresh PostgreSQL schema.

``BANMIAN_TEST_PG`` names a PostgreSQL database the tests may create schemas in
(``postgresql://banmian:banmian@127.0.0.1/banmian_test``; ``.ci/run`` starts one and sets
it). Without it the PostgreSQL variants skip, saying why; with ``BANMIAN_REQUIRE_PG=1`` (as
``.ci/run`` sets) they fail instead, so CI cannot pass without having run them. Each
archive gets a schema of its own (``?options=-csearch_path%3D…``), dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_URL = os.environ.get("BANMIAN_TEST_PG", "")
"""The test database, or empty."""

BACKENDS = ("sqlite", "postgres")
"""The archive backends every archive test runs on."""


def pg_missing() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
    if not PG_URL:
        return "BANMIAN_TEST_PG is not set (a PostgreSQL database to test on; .ci/run sets it)"
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=5):
            return None
    except Exception as err:  # any reason the server cannot be used
        return f"cannot connect to BANMIAN_TEST_PG: {str(err).strip().splitlines()[-1]}"


def require_backend(name: str) -> None:
    """Skip (or, under ``BANMIAN_REQUIRE_PG=1``, fail) when the backend is not here."""
    if name != "postgres":
        return
    missing = pg_missing()
    if missing is None:
        return
    if os.environ.get("BANMIAN_REQUIRE_PG") == "1":
        pytest.fail(f"BANMIAN_REQUIRE_PG=1 but {missing}")
    pytest.skip(missing)


@contextmanager
def pg_schema_url() -> Iterator[str]:
    """The URL of a new, empty schema in the test database; dropped at the end."""
    import psycopg

    schema = "test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def archive_location(name: str, folder: Path) -> Iterator[str]:
    """Where a fresh archive of backend ``name`` goes: a file path or a PostgreSQL URL."""
    require_backend(name)
    if name == "sqlite":
        yield str(folder / "archive.db")
    else:
        with pg_schema_url() as url:
            yield url
