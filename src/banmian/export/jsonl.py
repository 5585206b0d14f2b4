"""JSON Lines: one record (``records.RECORD_FIELDS``) per line, UTF-8, Chinese unescaped.

A line holds what a batch JSONL line holds for the columns the two share (``mentions`` a
JSON array, or null for a page stored without enrichment; ``date`` an ISO string).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO


def write_jsonl(records: Iterable[dict[str, Any]], out: BinaryIO, *, mentions: bool = True) -> int:
    """Write the records as JSON Lines; return how many (each line holds what its record
    holds, so ``mentions`` changes nothing here)."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count
