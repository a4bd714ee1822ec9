"""Tests for flashpoint.clean: text and HTML articles, nlp_text, body spans, paragraphs, OffsetMap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.clean import OffsetMap, content_hash, normalise, paragraph_spans, prepare
from flashpoint.ingest import read_inputs
from flashpoint.models import Article, InputFormat, Origin, Problem, RunReport, SourceDocument

REF = dt.date(2024, 12, 31)


def text_doc(text: str, **kwargs: object) -> SourceDocument:
    return SourceDocument(id="t", origin=Origin("test.txt"), text=text, **kwargs)  # type: ignore[arg-type]


def article(doc: SourceDocument) -> Article:
    result = prepare(doc, reference_date=REF)
    assert isinstance(result, Article), result
    return result


def test_text_article_keeps_original_text_and_blanks_header(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "article_with_header.txt"
    (doc,) = read_inputs([path], report=RunReport())
    art = article(doc)
    assert art.text == path.read_text(encoding="utf-8")
    assert len(art.nlp_text) == len(art.text)
    assert "Border talks stall" not in art.body  # the header is not body (the title comes from it)
    assert art.body.startswith("KORVAL, May 14")
    for boilerplate in ("WhatsApp", "Leave a Reply", "Required fields"):
        assert boilerplate not in art.body
    assert "WhatsApp" not in art.nlp_text and "title:" not in art.nlp_text
    assert art.nlp_text.count("\n") == art.text.count("\n")
    assert art.url == "https://courier.example.org/world/border-talks-stall"
    assert art.published is not None and art.published.value.startswith("2024-05-14")
    s, e = art.body_spans[0]
    assert art.text[s:e].startswith("KORVAL")
    assert art.content_hash == content_hash(art.body)


def test_inline_date_marker_and_offsets() -> None:
    text = ' date 2024-03-21 "We will not retreat," the commander said on Monday.\n\nTroops moved north.'
    art = article(text_doc(text))
    assert art.body_spans[0][0] == text.index('"We')
    assert art.nlp_text.startswith(" " * text.index('"We') + '"We will not retreat,"')
    assert art.published is not None and art.published.value == "2024-03-21"
    assert [art.text[s:e] for s, e in art.paragraphs] == [
        '"We will not retreat," the commander said on Monday.', "Troops moved north."]


def test_normalisation_is_one_for_one() -> None:
    text = "\u201cNo,\u201d she said \u2014 it\u2019s 5\u00a0km\u2009away.\r\nNext\u2028line"
    out = normalise(text)
    assert len(out) == len(text)
    assert out == '"No," she said - it\'s 5 km away. \nNext\nline'


def test_nlp_text_blanks_boilerplate_but_keeps_newlines() -> None:
    text = "The ministers met in Geneva.\nShare this article\nThey agreed to meet again.\n"
    art = article(text_doc(text))
    assert art.nlp_text == "The ministers met in Geneva.\n" + " " * 18 + "\nThey agreed to meet again.\n"
    assert art.body == "The ministers met in Geneva.\nThey agreed to meet again."
    assert art.body_spans == ((0, 28), (48, 74))


def test_only_boilerplate_is_a_problem() -> None:
    result = prepare(text_doc("Share this article\nLeave a Reply\n"), reference_date=REF)
    assert isinstance(result, Problem) and "boilerplate" in result.reason


def test_paragraphs_lines_and_blank_blocks() -> None:
    lines = "Title line\nFirst paragraph ends here.\nSecond paragraph."
    assert [lines[s:e] for s, e in paragraph_spans(lines, ((0, len(lines)),))] == lines.split("\n")
    wrapped = "The talks began on Monday and\nwere expected to last until\nthe end of the week.\n\nMore."
    spans = paragraph_spans(wrapped, ((0, len(wrapped)),))
    assert [wrapped[s:e] for s, e in spans] == [wrapped.split("\n\n")[0], "More."]


def test_line_separators_split_paragraphs() -> None:
    text = ("KABUL (May 2) - Troops raided a compound.\u2028\u2028The force detained two men.\u2028"
            "Both were held.")
    art = prepare(text_doc(text), reference_date=REF)
    assert isinstance(art, Article)
    assert [art.text[s:e] for s, e in art.paragraphs] == [
        "KABUL (May 2) - Troops raided a compound.", "The force detained two men.", "Both were held."]


def test_html_article_drops_promos_and_related(fixtures_dir: Path) -> None:
    (doc,) = read_inputs([fixtures_dir / "ingest" / "page_with_promos.html"], report=RunReport())
    art = article(doc)
    assert art.text == art.text.strip() and len(art.nlp_text) == len(art.text)
    for phrase in ("fifteenth day", "Government offers mediation", "Nobody wins when the cranes stand still",
                   "patience was running out", "did not respond to requests for comment"):
        assert phrase in art.body
    for phrase in ("Follow us on Facebook", "Photo Credit", "ALSO READ", "Shipping rates climb",
                   "All rights reserved", "Home"):
        assert phrase not in art.body
    assert art.title == "Harbour strike enters third week"
    assert art.outlet == "The Lakeside Courier"
    assert art.url == "https://courier.example.org/business/harbour-strike"


def test_html_without_body_is_a_problem() -> None:
    html = ("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/x'>News</a>"
            "</nav><script>var a = 1;</script></body></html>")
    doc = SourceDocument(id="h", origin=Origin("menu.html", None, InputFormat.HTML), html=html)
    result = prepare(doc, reference_date=REF)
    assert isinstance(result, Problem) and "no article body" in result.reason


def test_feed_fragment_html_is_a_body() -> None:
    doc = SourceDocument(id="f", origin=Origin("feed.rss", 1, InputFormat.FEED),
                         html="<p>Police said the blockade ended peacefully.</p>")
    assert article(doc).body == "Police said the blockade ended peacefully."


def test_offset_map_identity_and_replacements() -> None:
    assert OffsetMap().is_identity and OffsetMap().to_derived(7) == 7
    text = "Wait\u2026 what? Yes\u2026 no."
    derived, mapping = OffsetMap.apply(text, [(i, i + 1, "...") for i, c in enumerate(text) if c == "\u2026"])
    assert derived == "Wait... what? Yes... no."
    assert not mapping.is_identity
    for word in ("what", "Yes", "no"):
        original = text.index(word)
        assert derived[mapping.to_derived(original):].startswith(word)
        assert mapping.to_original(mapping.to_derived(original)) == original
    with pytest.raises(ValueError):
        OffsetMap.apply("abc", [(0, 2, "x"), (1, 3, "y")])


# ---- properties -----------------------------------------------------------------------------------------

TOKENS = [*"abc XYZ.,:\"'\n\t-", "\u201c", "\u2019", "\u2014", "\u00a0", "\r", "date ", "2024-03-21",
          "title: ", "Comments", "Share", "Photo: ", "Leave a Reply", "Be part of quality journalism", "\n\n"]
TEXTS = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_nlp_text_same_length_and_spans_ordered(text: str) -> None:
    result = prepare(text_doc(text), reference_date=REF)
    if isinstance(result, Problem):
        return
    assert len(result.nlp_text) == len(result.text) == len(text)
    assert result.text == text
    pairs = zip(normalise(text), result.nlp_text, strict=True)
    assert all(a == b or b == " " for a, b in pairs)  # normalised, or blanked (newlines kept)
    previous_end = 0
    for start, end in result.body_spans:
        assert previous_end <= start < end <= len(text)
        previous_end = end
    for start, end in result.paragraphs:
        assert any(s <= start and end <= e for s, e in result.body_spans)
        assert start < end
    assert result.body == "\n".join(text[s:e] for s, e in result.body_spans)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_normalise_any_text_keeps_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


def test_html_placeholder_publication_date_is_ignored() -> None:
    html = ("<html><head><meta property='article:published_time' content='0001-01-01T00:00:00Z'></head><body>"
            "<article><p>" + "The regional assembly approved the new water budget on Tuesday evening. " * 4
            + "</p></article></body></html>")
    doc = SourceDocument(id="p", origin=Origin("page.html", None, InputFormat.HTML), html=html)
    art = article(doc)
    assert art.published is None or not art.published.value.startswith("0001")


def test_page_title_loses_site_name() -> None:
    from flashpoint.htmlbody import strip_site_name

    assert strip_site_name("Dam talks collapse | River Times", None) == "Dam talks collapse"
    assert strip_site_name("Talks resume - Northern Wire", "Northern Wire") == "Talks resume"
    hyphenated = "Obama-era aide returns to the capital"
    assert strip_site_name(hyphenated, None) == hyphenated
