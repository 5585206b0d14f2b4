"""JSON Lines: one record (``records.RECORD_FIELDS``) per line, UTF-8, Chinese unescaped."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO


def write_jsonl(records: Iterable[dict[str, Any]], out: BinaryIO) -> int:
    """Write the records as JSON Lines; return how many."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count
