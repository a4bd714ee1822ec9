"""Hand-built records for the store/export/CLI tests (fictional people and places, our own sentences)."""

from __future__ import annotations

import hashlib

from flashpoint.models import (
    Actor,
    Article,
    ArticleResult,
    Casualties,
    DateValue,
    Event,
    InputFormat,
    Mention,
    Origin,
    Place,
    Precision,
    Provenance,
    Quote,
    QuoteKind,
    TimeExpr,
)

TEXT = (
    "NORTHGATE, March 3 - Interior Minister Hana Veld said on Tuesday that border police would close "
    "the Orrin crossing. \"We will not allow more attacks,\" Veld told reporters in Northgate. "
    "Militants of the Red Valley Front killed two guards near Orrin."
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def make_result(article_id: str = "art-1", text: str = TEXT, *, located: bool = True) -> ArticleResult:
    """An article with one of every record kind (two events, a quote, places, times, mentions)."""
    body_spans = ((0, len(text)),)
    article = Article(
        id=article_id, origin=Origin("corpus.jsonl", 7, InputFormat.JSONL), text=text,
        nlp_text=text.replace('"', "'"), body=text, body_spans=body_spans, paragraphs=body_spans,
        title="Border crossing to close", url="https://news.example/a1", outlet="Example News",
        published=DateValue("2026-03-03", Precision.DAY), published_source="metadata", dateline="Northgate",
        dateline_span=(0, 9), content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    minister_span = _span(text, "Hana Veld")
    minister = Actor("Hana Veld", "Hana Veld", "NGL", "GOV", office="Interior Minister",
                     registry_id="ngl-veld", start=minister_span[0], end=minister_span[1])
    front_span = _span(text, "Red Valley Front")
    front = Actor("Red Valley Front", "Red Valley Front", "NGL", "REB", start=front_span[0],
                  end=front_span[1])
    police = Actor("border police", None, "NGL", "COP")
    orrin_span = _span(text, "Orrin")
    orrin = Place(article_id, "Orrin", *orrin_span, name="Orrin", lat=34.5 if located else None,
                  lon=69.25 if located else None, country="NGL", admin1="East", geonames_id=1234567,
                  feature="PPL", confidence=0.9,
                  provenance=Provenance(article_id, *orrin_span, "flashpoint.places", "1"))
    north_span = _span(text, "Northgate")
    northgate = Place(article_id, "Northgate", *north_span, name="Northgate", lat=35.0, lon=70.0,
                      country="NGL", feature="PPLC")
    tuesday = _span(text, "Tuesday")
    times = (TimeExpr(article_id, "Tuesday", *tuesday, "2026-03-03", Precision.DAY,
                      Provenance(article_id, *tuesday, "flashpoint.times", "1")),
             TimeExpr(article_id, "March 3", *_span(text, "March 3"), None, None))
    quote_span = _span(text, "We will not allow more attacks,")
    quote = Quote(
        id=f"{article_id}-q1", article_id=article_id, kind=QuoteKind.DIRECT, text=text[slice(*quote_span)],
        start=quote_span[0], end=quote_span[1], cue="told", cue_start=text.index("told"),
        cue_end=text.index("told") + 4, medium=None, speaker=minister, speaker_start=minister_span[0],
        speaker_end=minister_span[1], addressees=(Actor("reporters", None, None, "JRN"),), confidence=0.9,
        provenance=Provenance(article_id, *quote_span, "flashpoint.quotes", "1"),
    )
    first_sentence = (text.index("Interior"), text.index("crossing.") + 9)
    last_sentence = (text.index("Militants"), len(text))
    events = (
        Event(
            id=f"{article_id}-e1", article_id=article_id, event_type="THREATEN", mode="restrict",
            context=("future",), actors=(minister,), recipients=(), start=first_sentence[0],
            end=first_sentence[1], event_text=text[slice(*first_sentence)], event_scale=-2.0, quad_code=3,
            date=DateValue("2026-03-03", Precision.DAY), location=orrin, trigger="close",
            trigger_start=text.index("close"), trigger_end=text.index("close") + 5, confidence=0.7,
            provenance=Provenance(article_id, *first_sentence, "flashpoint.events", "1"),
        ),
        Event(
            id=f"{article_id}-e2", article_id=article_id, event_type="ASSAULT", mode="firearms", context=(),
            actors=(front,), recipients=(police, Actor("guards", None, "NGL", "COP")), start=last_sentence[0],
            end=last_sentence[1], event_text=text[slice(*last_sentence)], event_scale=-9.0, quad_code=4,
            date=None, location=None, size=Casualties(dead=2), confidence=0.8,
        ),
    )
    mentions = (
        Mention("Hana Veld", *minister_span, minister,
                provenance=Provenance(article_id, *minister_span, "flashpoint.actors", "1")),
        Mention("Veld", text.index("Veld told"), text.index("Veld told") + 4, minister, *minister_span),
    )
    return ArticleResult(article=article, events=events, quotes=(quote,), places=(orrin, northgate),
                         times=times, mentions=mentions)
