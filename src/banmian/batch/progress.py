"""Progress of a batch on stderr: pages done of the total, pages per second, time left.

On a terminal one line is redrawn in place (at most a few times a second); elsewhere (a log,
CI) a plain line is printed every ``interval`` seconds, and a last one at the end. The rate
counts only the pages parsed in this run (pages skipped as already done cost nothing and
would make it a lie); the time left is the pages still to do at that rate.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO


@dataclass(slots=True)
class Progress:
    """Counts of a running batch, and their display."""

    total: int
    """Pages found."""
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    """Where to write."""
    tty: bool | None = None
    """Redraw one line in place; default: whether ``stream`` is a terminal."""
    interval: float | None = None
    """Seconds between two lines (default 0.25 on a terminal, 5 elsewhere)."""
    enabled: bool = True
    """Whether to show anything."""
    worked: int = 0
    """Pages parsed or failed by workers in this run."""
    skipped: int = 0
    """Pages already done (or repeated in this run): not parsed again."""
    failed: int = 0
    """Pages that failed (also counted in ``worked`` when a worker found it)."""
    started: float = field(default_factory=time.monotonic)
    """When the run started."""
    _last: float = 0.0
    _last_done: int = -1
    _width: int = 0

    def __post_init__(self) -> None:
        """Decide terminal or plain lines."""
        if self.tty is None:
            self.tty = self.stream.isatty()
        if self.interval is None:
            self.interval = 0.25 if self.tty else 5.0

    @property
    def done(self) -> int:
        """Pages done in any way."""
        return self.worked + self.skipped

    def rate(self) -> float:
        """Pages parsed per second in this run."""
        elapsed = time.monotonic() - self.started
        return self.worked / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        """``1,500/20,000 pages (7.5%), 312.4 pages/s, ETA 59s, skipped 0, failed 0``."""
        share = self.done / self.total if self.total else 1.0
        rate = self.rate()
        left = self.total - self.done
        eta = _duration(left / rate) if rate > 0 else ("0s" if left == 0 else "--")
        return (
            f"banmian batch: {self.done:,}/{self.total:,} pages ({share:.1%}), "
            f"{rate:.1f} pages/s, ETA {eta}, skipped {self.skipped:,}, failed {self.failed:,}"
        )

    def show(self, *, final: bool = False) -> None:
        """Write the line if it is time to (always when ``final``)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self._last < (self.interval or 0):
            return
        if final and not self.tty and self.done == self._last_done:
            return  # the last line said it already
        self._last, self._last_done = now, self.done
        text = self.line()
        if self.tty:
            pad = " " * max(0, self._width - len(text))
            self.stream.write(f"\r{text}{pad}" + ("\n" if final else ""))
            self._width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    """``59s``, ``3m05s``, ``2h07m``."""
    s = round(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"
