"""Generic pytest fixtures shared by the test modules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flashpoint.models import RunReport

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    """The folder of test fixture files (``tests/fixtures``)."""
    return FIXTURES


@pytest.fixture
def run_report() -> RunReport:
    """A fresh, empty run report."""
    return RunReport()


@pytest.fixture
def reference_date() -> dt.date:
    """A fixed collection date, so tests do not depend on today's date."""
    return dt.date(2024, 12, 31)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The :mod:`flashpoint.nlp` module with the spaCy pipeline loaded (skips when the model is missing)."""
    module = pytest.importorskip("flashpoint.nlp")
    try:
        module.load_pipeline()
    except Exception as exc:  # pragma: no cover - depends on the environment
        pytest.skip(str(exc))
    return module
