"""Errors of ``banmian batch``; each is a ``BanmianError``, one line at the CLI boundary."""

from __future__ import annotations

from banmian.errors import BanmianError, UsageError


class BatchDependencyError(BanmianError):
    """Dask or pyarrow, which batch mode needs, is not installed."""


class BatchOutputError(BanmianError):
    """The output folder cannot be used: held by another run, or made with other options."""


class BatchUsageError(UsageError):
    """Batch options that do not fit together (exit code 2)."""


class SchedulerError(BanmianError):
    """The Dask scheduler named by ``--scheduler`` cannot be reached."""


class PartitionError(BanmianError):
    """A partition could not be written (disk full, no permission …): the run stops."""
