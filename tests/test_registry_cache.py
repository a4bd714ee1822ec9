"""The built registry is cached on disk, keyed by its sources, and the cached copy is the same registry."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from flashpoint import registry as registry_module


def test_cached_registry_equals_a_fresh_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHPOINT_CACHE_DIR", str(tmp_path))
    built = registry_module.load_registry.__wrapped__()  # builds and writes the cache
    path = registry_module.cache_path()
    assert path.parent == tmp_path and path.is_file()
    cached = registry_module.load_registry.__wrapped__()  # read back from the cache
    assert cached is not built
    assert pickle.dumps(cached.entries) == pickle.dumps(built.entries)
    assert cached.aliases == built.aliases and cached.agents == built.agents
    assert cached.skeletons == built.skeletons and cached._fuzzy_choices == built._fuzzy_choices
    assert cached.lookup("Pakistan") == built.lookup("Pakistan")


def test_cache_key_follows_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHPOINT_CACHE_DIR", str(tmp_path))
    before = registry_module.cache_path()
    real = registry_module._data_text

    def edited(*parts: str) -> str:
        text = real(*parts)
        return text + "\n# an edit\n" if parts[-1] == "agents.yaml" else text

    monkeypatch.setattr(registry_module, "_data_text", edited)
    assert registry_module.cache_path() != before


def test_unreadable_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHPOINT_CACHE_DIR", str(tmp_path))
    registry_module.cache_path().write_bytes(b"not a pickle")
    rebuilt = registry_module.load_registry.__wrapped__()
    assert rebuilt.lookup("Pakistan") is not None
