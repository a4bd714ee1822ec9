"""The on-disk cache of built indexes (gazetteer, actor registry): where it lives and how it is read.

In: a cache file path (named by a digest of everything the index is built from), the expected type and a
builder. Out: the index — unpickled when the file is current, else built and written atomically (stale
builds of the same kind removed). The cache never lives inside the installed package:
``$FLASHPOINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/flashpoint``, else ``~/.cache/flashpoint``. A cache that
cannot be read is rebuilt; one that cannot be written is skipped (the index then lives in memory only).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """Where built indexes are kept (never inside the installed package)."""
    explicit = os.environ.get("FLASHPOINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "flashpoint"


def package_version(package: str) -> str:
    """The installed version of ``package`` ("0" when it is not installed), for cache keys."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "0"


def load_or_build(path: Path, kind: type[T], build: Callable[[], T], stale_glob: str) -> T:
    """The ``kind`` object pickled at ``path``, or ``build()`` written there (replacing ``stale_glob``)."""
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, kind):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError, IndexError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(stale_glob):
            stale.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
            pickle.dump(built, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass  # read-only cache directory: keep the index in memory for this process
    return built
