"""Helpers shared by the input readers: byte decoding, binary detection and stable document ids.

In: raw bytes, URLs and bodies read by :mod:`flashpoint.ingest`, :mod:`flashpoint.feeds` and
:mod:`flashpoint.webarchive`. Out: decoded text (or why it could not be decoded) and ids.

Decoding policy: UTF-8 (a byte-order mark is dropped). Bytes that are not valid UTF-8 are decoded with
U+FFFD replacement characters and the item is kept with a WARNING, unless the data looks binary (NUL
bytes, or more than :data:`MAX_BAD_SHARE` of it undecodable), in which case it is skipped with an ERROR.

Ids: the record's own id when it has one; else ``u-`` + 16 hex digits of the SHA-1 of the normalised URL;
else ``h-`` + 16 hex digits of the SHA-1 of the whitespace-normalised body. The same input always gets
the same id, so re-ingesting is idempotent.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MAX_BAD_SHARE = 0.05  # above this share of undecodable characters a file counts as binary
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The result of decoding bytes: ``text`` is None when the data is binary; ``warning`` says what
    was repaired (invalid UTF-8) or why the data was refused."""

    text: str | None
    warning: str | None = None


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    return bool(head) and len(_CONTROL.findall(head)) > 0.1 * len(head)


def decode_bytes(data: bytes, *, allow_declared_charset: bool = False) -> Decoded:
    """Decode ``data`` following the module's policy (see the module docstring)."""
    if looks_binary(data):
        return Decoded(None, "binary data (NUL or control bytes); not a text, HTML, JSONL, feed or WARC file")
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if allow_declared_charset:
        declared = _declared_charset(data)
        if declared:
            try:
                return Decoded(data.decode(declared), f"not UTF-8; decoded as declared charset {declared}")
            except (UnicodeDecodeError, LookupError):
                pass
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    if bad > MAX_BAD_SHARE * max(len(text), 1):
        return Decoded(None, f"not UTF-8 text ({bad} undecodable characters); re-encode it as UTF-8")
    return Decoded(text, f"invalid UTF-8 from byte {first_bad}; {bad} character(s) replaced with U+FFFD")


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def document_id(*, own_id: object = None, url: str | None = None, body: str | None = None) -> str:
    """A stable id: the record's own, else derived from the URL, else from the body."""
    if own_id is not None and str(own_id).strip():
        return str(own_id).strip()
    if url and url.strip():
        return "u-" + hashlib.sha1(normalise_url(url).encode("utf-8")).hexdigest()[:16]
    normal = " ".join((body or "").split())
    return "h-" + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]
