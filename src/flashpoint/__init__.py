"""Flashpoint: source-linked PLOVER political-conflict events from news text.

Library first: the CLI and the API are thin layers over these functions.

    >>> import flashpoint
    >>> docs = flashpoint.read_inputs(["examples/"])          # SourceDocument records
    >>> result = flashpoint.extract(docs)                       # Result: per-article records + report
    >>> flashpoint.write_output(result, "out/")                # FORMAT.md output directory
"""

from __future__ import annotations

from .errors import FlashpointError
from .models import (
    Actor,
    Article,
    ArticleResult,
    Casualties,
    DateValue,
    Event,
    Mention,
    Place,
    Problem,
    Quote,
    Result,
    RunReport,
    SourceDocument,
    TimeExpr,
)
from .pipeline import Options, extract, iter_results

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "ArticleResult",
    "Casualties",
    "DateValue",
    "Event",
    "FlashpointError",
    "Mention",
    "Options",
    "Place",
    "Problem",
    "Quote",
    "Result",
    "RunReport",
    "SourceDocument",
    "TimeExpr",
    "__version__",
    "extract",
    "iter_results",
]
