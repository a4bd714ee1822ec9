"""The HTML report: self-contained, and it renders (chart and tables) in headless Chromium."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builders import KHOST, article, event, quote, result
from flashpoint.models import Place
from flashpoint.monitor import MonitorSettings, monitor
from flashpoint.report import render_report, write_report
from flashpoint.stories import StorySettings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _day(n: int) -> str:
    return (dt.date(2026, 8, 1) + dt.timedelta(days=n)).isoformat()


def corpus() -> list:
    results = []
    for n in range(0, 40, 5):
        aid = f"q{n}"
        results.append(result(article(aid, _day(n), "Outlet Q", f"Routine statement number {n} on trade."),
                              event(aid, 1, "ACCUSE", "PAK", "AFG", _day(n))))
    results.append(result(article("t0", _day(38), "Outlet T", "The minister warned of strikes."),
                          event("t0", 1, "THREATEN", "PAK", "AFG", _day(38), "violence",
                                quote_id="t0-q1", condition="if attacks continue"),
                          quotes=(quote("t0", 1, "We will strike the hideouts if attacks go on.", "PAK"),)))
    for n in range(40, 43):
        for k in range(3):
            aid = f"s{n}{k}"
            results.append(result(article(aid, _day(n), f"Outlet {k}", f"Strike report {n} {k}."),
                                  event(aid, 1, "ASSAULT", "PAK", "AFG", _day(n), "aerial", dead=n - 38,
                                        place=KHOST if (n, k) == (40, 0) else Place(
                                            aid, "site", 0, 4, name=f"site {aid}", lat=28.0 + n / 4 + k,
                                            lon=64.0 + k))))
    return results


def build(tmp_path: Path) -> Path:
    results = corpus()
    vectors_free = MonitorSettings(stories=StorySettings(threshold=2.0))  # every article its own story
    monitoring = monitor(results, vectors_free)
    assert monitoring.alerts and monitoring.threats
    return write_report(tmp_path / "report.html", monitoring, results)


def test_report_is_self_contained_and_has_every_section(tmp_path: Path) -> None:
    text = build(tmp_path).read_text()
    assert not re.search(r"""(src|href)=["']https?://""", text)  # no CDN, no remote asset
    for section in ('id="timeline"', 'id="alerts"', 'id="threats"', 'id="incidents"', 'id="quotes"'):
        assert section in text
    assert "fulfilled" in text and "if attacks continue" in text


def test_empty_report_renders() -> None:
    from flashpoint.models import Monitoring

    text = render_report(Monitoring(), [])
    assert "No escalation detected." in text and "No dated conflict incidents" in text


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    path = build(tmp_path)
    profile = tmp_path / "profile"
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", path.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert re.search(r'<svg id="timeline"', dom)
    assert len(re.findall(r'class="dyad-line"', dom)) >= 1
    assert re.search(r'class="alert-mark"', dom)
    for table in ("alerts", "threats", "incidents", "quotes"):
        body = re.search(rf'<table id="{table}">.*?<tbody>(.*?)</tbody>', dom, re.S)
        assert body and body.group(1).count("<tr>") >= 1, table
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--window-size=1200,1600",
                    f"--screenshot={shot}", path.as_uri()], capture_output=True, timeout=120, check=True)
    assert shot.exists() and shot.stat().st_size > 20_000  # a rendered page, not a blank one


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_demo_main_job_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    """Issue 6 done-when: the demo corpus's main job ends with the report, and the report renders."""
    from flashpoint.main_job import run_main_job
    from flashpoint.pipeline import Options

    examples = Path(__file__).resolve().parents[1] / "examples"
    out = tmp_path / "demo"
    run_main_job([examples], out, options=Options(reference_date=dt.date(2026, 11, 21)))
    report = out / "report.html"
    assert report.exists()
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                          report.as_uri()], capture_output=True, text=True, timeout=120, check=True).stdout
    assert re.search(r'<svg id="timeline"', dom) and re.search(r'class="dyad-line"', dom)
    for table in ("threats", "incidents", "quotes"):
        body = re.search(rf'<table id="{table}">.*?<tbody>(.*?)</tbody>', dom, re.S)
        assert body and body.group(1).count("<tr>") >= 1, table
    assert "fulfilled" in dom  # the interior minister's threat, carried out by the airstrikes two days later
