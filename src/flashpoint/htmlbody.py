"""Article body extraction from HTML: trafilatura plus Flashpoint's own passes.

In: one HTML page (or an HTML fragment from a feed entry) and its URL. Out: the article body as plain
text, one paragraph per line (:func:`extract_body`), or ``None`` when the page has no article body.

How: trafilatura's precision-oriented extraction (comments excluded) gives the trusted core; prose
paragraphs that only its default extraction found *between* trusted paragraphs are added back (recall
without the header/footer noise of the default pass); runs of lines that are nothing but link text on the
page (related-story lists) are dropped. When trafilatura finds nothing, the page's own JSON-LD
``articleBody`` is used, then plain ``<p>`` text. Line-level boilerplate (promo, share, comment-form
lines) is removed later by :mod:`flashpoint.clean` with the patterns of :mod:`flashpoint.boilerplate`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError

MIN_BODY_WORDS = 20  # fewer words than this and a page has no article body
MIN_FRAGMENT_WORDS = 3  # a feed entry's summary may be one sentence
MIN_LINK_LINE_WORDS = 4  # shorter link-only lines are kept (product names, bylines)
MIN_ADDED_PROSE_WORDS = 8  # a paragraph added back from the default pass must look like prose
_PROSE_END = re.compile(r"[.!?:\"”’')]\s*$")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What Flashpoint takes from one HTML page: the body text and the page's own metadata."""

    body: str
    title: str | None = None
    published: str | None = None  # as the page states it (ISO 8601 date or date-time, usually)
    outlet: str | None = None
    url: str | None = None  # the canonical URL, when the page gives one


def extract_body(html: str, url: str | None = None, *, fragment: bool = False) -> str | None:
    """The article body of ``html`` as text (paragraphs on their own lines), or ``None`` if it has none."""
    page = extract_page(html, url, fragment=fragment)
    return page.body if page else None


def extract_page(html: str, url: str | None = None, *, fragment: bool = False) -> HtmlPage | None:
    """Body and metadata of ``html``, or ``None`` when it has no article body.

    ``fragment`` marks a feed entry's HTML (a few paragraphs, no page around them): any visible text
    of at least :data:`MIN_FRAGMENT_WORDS` words counts as its body.
    """
    if not html or not html.strip():
        return None
    tree = _parse(html if not fragment else f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        return None
    if fragment:
        text = _plain_text(tree, paragraphs_only=False)
        return HtmlPage(text) if _word_count(text) >= MIN_FRAGMENT_WORDS else None
    meta = _page_metadata(tree)
    precise = _trafilatura(html, url, favor_precision=True)
    default = _trafilatura(html, url)
    body = _combine(precise, default)
    if _word_count(body) < MIN_BODY_WORDS:
        body = max((_trafilatura(html, url, favor_recall=True), *jsonld_values(tree, "articleBody")),
                   key=_word_count, default="")
    if _word_count(body) < MIN_BODY_WORDS:
        body = _plain_text(tree, paragraphs_only=True)
    if _word_count(body) < MIN_BODY_WORDS:
        return None
    body = drop_link_runs(body, anchor_texts(tree))
    return HtmlPage(body, **meta)


_YEAR = re.compile(r"^\s*(\d{4})\b")
MIN_PUBLISHED_YEAR = 1900  # CMS placeholders such as 0001-01-01 are not publication dates


def strip_site_name(title: str | None, outlet: str | None) -> str | None:
    """``"Headline | Site"`` -> ``"Headline"`` (the site named by the page, or after a " | ")."""
    if not title:
        return None
    parts = re.split(r"\s+[|–—]\s+|\s+-\s+(?=[^-]+$)", title)
    names_site = parts[-1].strip().casefold() == (outlet or "").strip().casefold()
    if len(parts) > 1 and (names_site or " | " in title):
        head = parts[0].strip()
        if len(head.split()) >= 2:
            return head
    return title


def _plausible_date(value: str | None) -> bool:
    if not value:
        return False
    year = _YEAR.match(value)
    return year is None or MIN_PUBLISHED_YEAR <= int(year.group(1)) <= 2999


_META_KEYS = {
    "title": ("og:title", "twitter:title", "headline"),
    "published": ("article:published_time", "og:published_time", "datepublished", "pubdate",
                  "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date"),
    "outlet": ("og:site_name", "application-name", "publisher"),
}


def _page_metadata(tree: lxml_html.HtmlElement) -> dict[str, str | None]:
    """Title, publication date, outlet and canonical URL from meta tags, JSON-LD and <title>."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key and value:
            metas.setdefault(key, value)
    found: dict[str, str | None] = {}
    for field_name, keys in _META_KEYS.items():
        found[field_name] = next((metas[k] for k in keys if k in metas), None)
    if not _plausible_date(found["published"]):
        found["published"] = next(filter(_plausible_date, jsonld_values(tree, "datePublished")), None)
    if not found["title"]:
        titles = tree.xpath("//title")
        found["title"] = _SPACES.sub(" ", titles[0].text_content()).strip() or None if titles else None
    found["title"] = strip_site_name(found["title"], found["outlet"])
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    found["url"] = str(canonical[0]).strip() or None if canonical else None
    return found


def _parse(html: str) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.fromstring(html)
    except (ParserError, ValueError):
        try:
            return lxml_html.fromstring(html.encode("utf-8", "replace"))
        except (ParserError, ValueError):
            return None


def _trafilatura(
    html: str, url: str | None, *, favor_precision: bool = False, favor_recall: bool = False
) -> str:
    try:
        text = trafilatura.extract(html, url=url, include_comments=False, favor_precision=favor_precision,
                                  favor_recall=favor_recall)
    except Exception:  # trafilatura can fail on pathological markup; the other passes take over
        return ""
    return text or ""


def _word_count(text: str | None) -> int:
    return len(text.split()) if text else 0


def _normal(line: str) -> str:
    return " ".join(line.split()).casefold()


def _combine(precise: str, default: str) -> str:
    """``precise``'s paragraphs plus the prose paragraphs ``default`` has between them."""
    if not precise or not default:
        return precise or default
    trusted = {_normal(line) for line in precise.split("\n") if line.strip()}
    lines = default.split("\n")
    hits = [i for i, line in enumerate(lines) if _normal(line) in trusted]
    if not hits:
        return precise
    kept: list[str] = []
    for line in lines[hits[0] : hits[-1] + 1]:
        is_prose = _word_count(line) >= MIN_ADDED_PROSE_WORDS and bool(_PROSE_END.search(line))
        if is_prose or _normal(line) in trusted:
            kept.append(line)
    have = {_normal(line) for line in kept}
    if any(_normal(line) not in have for line in precise.split("\n") if line.strip()):
        return precise  # the passes disagree on order or content: trust the precise one
    return "\n".join(kept)


def anchor_texts(tree: lxml_html.HtmlElement) -> set[str]:
    """Normalised texts of the page's links."""
    return {_normal(a.text_content()) for a in tree.iter("a")}


def drop_link_runs(body: str, anchors: set[str]) -> str:
    """Drop runs of two or more consecutive lines that are each a whole link of the page."""
    lines = body.split("\n")
    is_link = [_word_count(line) >= MIN_LINK_LINE_WORDS and _normal(line) in anchors for line in lines]
    kept = [
        line
        for i, line in enumerate(lines)
        if not (is_link[i] and ((i > 0 and is_link[i - 1]) or (i + 1 < len(lines) and is_link[i + 1])))
    ]
    return "\n".join(kept)


def jsonld_values(tree: lxml_html.HtmlElement, key: str) -> list[str]:
    """Every string value of ``key`` (e.g. ``articleBody``) in the page's JSON-LD blocks."""
    values: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads((script.text_content() or "").strip().rstrip(";"), strict=False)
        except ValueError:
            continue
        values.extend(_find_key(data, key))
    return [_SPACES.sub(" ", v).strip() for v in values if v.strip()]


def _find_key(data: object, key: str) -> Iterator[str]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for k, v in item.items():
                if k == key and isinstance(v, str):
                    yield v
                else:
                    stack.append(v)
        elif isinstance(item, list):
            stack.extend(item)


_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td")


def _plain_text(tree: lxml_html.HtmlElement, *, paragraphs_only: bool) -> str:
    """Text of the paragraph-like elements (``<p>`` only when ``paragraphs_only``), one per line."""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    tags = ("p",) if paragraphs_only else _BLOCKS
    lines = []
    for element in tree.iter(*tags):
        if any(parent.tag in tags for parent in element.iterancestors()):
            continue
        text = _SPACES.sub(" ", element.text_content()).strip()
        if text:
            lines.append(text)
    if not lines and not paragraphs_only:
        text = _SPACES.sub(" ", tree.text_content()).strip()
        lines = [line.strip() for line in text.split("\n") if line.strip()]
    return "\n".join(lines)
