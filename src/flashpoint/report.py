"""The HTML report: one self-contained offline file for analysts (no CDN, no script needed to read it).

In: a :class:`~flashpoint.models.Monitoring` record and the :class:`~flashpoint.models.ArticleResult`
records it was computed from. Out: an HTML string (:func:`render_report`) or file (:func:`write_report`)
with a dyad timeline chart (inline SVG: daily conflict intensity of the most active country dyads, alert
days marked), the escalation alerts with their evidence, the threat register, the incidents with the most
sources, the stories and the top quotes with their speakers. Every row links back to its source sentence
(article id and character span).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from .models import ArticleResult, DyadPoint, Monitoring, Quote

PALETTE = ("#c0392b", "#2471a3", "#7d3c98", "#148f77", "#b9770e", "#566573")
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;
color:#1c2833;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:2px solid #d5d8dc}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e5e7e9;
padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f4f6f7}
.muted{color:#707b7c;font-size:.85rem}.fulfilled{color:#1e8449;font-weight:600}.lapsed{color:#7f8c8d}
.not_yet{color:#b9770e;font-weight:600}pre{white-space:pre-wrap;font-family:inherit;margin:0}
.legend span{display:inline-block;margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;
margin-right:.3rem;vertical-align:middle}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _table(table_id: str, headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> str:
    if not rows:
        return f'<p class="muted" id="{table_id}-empty">{_e(empty)}</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def top_dyads(points: Sequence[DyadPoint], limit: int = 5) -> list[tuple[str, str]]:
    """The undirected country dyads with the most conflict (quad 3+4) incidents."""
    totals: Counter[tuple[str, str]] = Counter()
    for p in points:
        if p.level == "country" and not p.directed and p.granularity == "day":
            totals[(p.source, p.target)] += p.counts[2] + p.counts[3]
    return [d for d, n in totals.most_common(limit) if n > 0]


def timeline_svg(monitoring: Monitoring, width: int = 1000, height: int = 280) -> str:
    """Daily conflict intensity (quad 3 = 1, quad 4 = 2) of the top dyads, with alert days marked."""
    dyads = top_dyads(monitoring.dyads)
    series: dict[tuple[str, str], dict[dt.date, float]] = defaultdict(dict)
    for p in monitoring.dyads:
        key = (p.source, p.target)
        if key in dyads and p.level == "country" and not p.directed and p.granularity == "day":
            series[key][dt.date.fromisoformat(p.period)] = p.counts[2] + 2 * p.counts[3]
    days = [d for s in series.values() for d in s]
    if not days:
        return ('<svg id="timeline" role="img" aria-label="no dated conflict incidents" width="100%" '
                f'viewBox="0 0 {width} 60"><text x="10" y="35">No dated conflict incidents yet.</text></svg>')
    first, last = min(days), max(days)
    span = max(1, (last - first).days)
    top = max(max(s.values()) for s in series.values()) or 1.0
    left, right, upper, lower = 50, width - 20, 20, height - 40

    def x(day: dt.date) -> float:
        return left + (right - left) * (day - first).days / span

    def y(value: float) -> float:
        return lower - (lower - upper) * value / top

    parts = [f'<svg id="timeline" role="img" aria-label="dyad timeline" width="100%" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="{left}" y1="{lower}" x2="{right}" y2="{lower}" stroke="#85929e"/>',
             f'<line x1="{left}" y1="{upper}" x2="{left}" y2="{lower}" stroke="#85929e"/>',
             f'<text x="{left - 8}" y="{upper + 4}" text-anchor="end" font-size="11">{top:g}</text>',
             f'<text x="{left - 8}" y="{lower}" text-anchor="end" font-size="11">0</text>',
             f'<text x="{left}" y="{lower + 18}" font-size="11">{first.isoformat()}</text>',
             f'<text x="{right}" y="{lower + 18}" text-anchor="end" font-size="11">{last.isoformat()}</text>']
    for alert in monitoring.alerts:
        day = dt.date.fromisoformat(alert.date)
        if first <= day <= last:
            parts.append(f'<line class="alert-mark" x1="{x(day):.1f}" y1="{upper}" x2="{x(day):.1f}" '
                         f'y2="{lower}" stroke="#e74c3c" stroke-dasharray="4 3">'
                         f"<title>{_e(alert.id)}</title></line>")
    for n, key in enumerate(dyads):
        colour = PALETTE[n % len(PALETTE)]
        values = series[key]
        points = []
        for k in range(span + 1):
            day = first + dt.timedelta(days=k)
            points.append(f"{x(day):.1f},{y(values.get(day, 0.0)):.1f}")
        parts.append(f'<polyline class="dyad-line" data-dyad="{_e(key[0])}-{_e(key[1])}" fill="none" '
                     f'stroke="{colour}" stroke-width="2" points="{" ".join(points)}"/>')
    parts.append("</svg>")
    legend = "".join(f'<span><i class="swatch" style="background:{PALETTE[n % len(PALETTE)]}"></i>'
                     f"{_e(a)}–{_e(b)}</span>" for n, (a, b) in enumerate(dyads))
    return "".join(parts) + f'<p class="legend">{legend}</p>'


def _source(article_id: str, start: int | None = None, end: int | None = None) -> str:
    where = f" [{start}:{end}]" if start is not None else ""
    return f'<span class="muted">{_e(article_id)}{_e(where)}</span>'


def render_report(monitoring: Monitoring, results: Sequence[ArticleResult], title: str = "Flashpoint report",
                  top_quotes: int = 15) -> str:
    quotes: dict[str, Quote] = {q.id: q for r in results for q in r.quotes}
    alerts = [[_e(a.date), f"{_e(a.source)}–{_e(a.target)}", f"<pre>{_e(a.explanation)}</pre>",
               _e(", ".join(a.incident_ids[:6])),
               "<br>".join(f"“{_e(quotes[q].text[:160])}” — {_e(_speaker(quotes[q]))}"
                           for q in a.quote_ids[:3] if q in quotes)]
              for a in sorted(monitoring.alerts, key=lambda a: a.date, reverse=True)]
    threats = [[_e(t.date), _e(t.issuer.entity_text), _e(t.target.entity_text if t.target else ""),
                _e(t.mode),
                _e(t.condition), f'<span class="{_e(t.status)}">{_e(t.status.replace("_", " "))}</span>'
                + (f"<br>{_e(t.fulfilled_by)} ({_e(t.fulfilled_on)})" if t.fulfilled_by else ""),
                _e(t.text[:200]) + "<br>" + _source(t.article_id)] for t in monitoring.threats]
    incidents = sorted(monitoring.incidents, key=lambda i: (-i.n_articles, i.event_scale))[:25]
    incident_rows = [[_e(i.date.value if i.date else ""), _e(i.event_type + (f"/{i.mode}" if i.mode else "")),
                      _e(", ".join(a.entity_text for a in i.actors)),
                      _e(", ".join(a.entity_text for a in i.recipients)),
                      _e(i.location.name if i.location else ""),
                      _e(i.size.dead if i.size.dead is not None else ""), _e(i.n_articles), _e(i.n_outlets)]
                     for i in incidents]
    story_rows = [[_e(s.label), _e(len(s.article_ids)), _e(", ".join(s.article_ids))]
                  for s in monitoring.stories if len(s.article_ids) > 1]
    ranked = sorted((q for q in quotes.values() if q.speaker is not None),
                    key=lambda q: (-len(q.text) if q.kind.value == "direct" else 0, q.id))[:top_quotes]
    quote_rows = [[f"“{_e(q.text)}”", _e(_speaker(q)), _e(q.cue), _source(q.article_id, q.start, q.end)]
                  for q in ranked]
    n_articles = len(results)
    n_events = sum(len(r.events) for r in results)
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="muted">{n_articles} articles, {n_events} events, {len(monitoring.incidents)} incidents, '
        f"{len(monitoring.stories)} stories, {len(monitoring.duplicates)} near-duplicates; generated "
        f"{_e(dt.date.today().isoformat())}.</p>",
        "<h2>Dyad timeline</h2>", '<p class="muted">Daily conflict intensity (verbal conflict = 1, material '
        "conflict = 2) of the most active country dyads; dashed lines mark escalation alerts.</p>",
        timeline_svg(monitoring),
        "<h2>Escalation alerts</h2>",
        _table("alerts", ["day", "dyad", "why", "incidents", "quotes"], alerts, "No escalation detected."),
        "<h2>Threat register</h2>",
        _table("threats", ["date", "issuer", "target", "mode", "condition", "status", "evidence"], threats,
               "No threats recorded."),
        "<h2>Incidents with the most sources</h2>",
        _table("incidents", ["date", "act", "actor", "recipient", "place", "dead", "articles", "outlets"],
               incident_rows, "No incidents."),
        "<h2>Stories across outlets</h2>",
        _table("stories", ["story", "articles", "ids"], story_rows,
               "No story is told by more than one article."),
        "<h2>Top quotes</h2>",
        _table("quotes", ["quote", "speaker", "cue", "source"], quote_rows, "No attributed quotes."),
        "</body></html>",
    ])


def _speaker(quote: Quote) -> str:
    if quote.speaker is None:
        return "unknown"
    return quote.speaker.identifier_text or quote.speaker.entity_text


def write_report(path: str | Path, monitoring: Monitoring, results: Sequence[ArticleResult],
                 title: str = "Flashpoint report") -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(monitoring, results, title), encoding="utf-8")
    return out
