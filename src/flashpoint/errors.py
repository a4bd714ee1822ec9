"""Flashpoint's exceptions: one root, one subclass per stage.

Exceptions are for failures of the system or its configuration (a missing model, an unreadable database,
a broken data file). Bad *input* is never an exception: it is reported as a
:class:`~flashpoint.models.Problem` (which file, which line, why) and the rest of the input is processed.
Every message says what failed and how to fix it.
"""

from __future__ import annotations


class FlashpointError(Exception):
    """Root of every error Flashpoint raises on purpose."""


class ConfigError(FlashpointError):
    """A setting, option or data file is invalid (the message names the file/option and the fix)."""


class IngestError(FlashpointError):
    """Input could not be opened at all (a path that does not exist, an unreadable directory)."""


class CleanError(FlashpointError):
    """Cleaning or metadata detection failed for a reason that is not the input's fault."""


class NLPError(FlashpointError):
    """The spaCy pipeline could not be loaded or run."""


class ExtractionError(FlashpointError):
    """An extractor (actors, events, quotes, places, times) failed or its data files are invalid."""


class StoreError(FlashpointError):
    """The SQLite store could not be opened, migrated or written."""


class ExportError(FlashpointError):
    """Export to a file format failed (unknown format, missing optional dependency, unwritable path)."""


class MonitorError(FlashpointError):
    """Incident, story, dyad, alert or threat computation failed."""
