"""Build the demo WARC (examples/warc/border-crawl.warc.gz) from the pages in scripts/demo_warc_pages/.

    python scripts/make_demo_warc.py

The WARC holds one HTTP 200 HTML response per page, plus a robots.txt response and a request record,
which Flashpoint must skip (it reads HTML responses only). Output is deterministic: fixed record ids and
dates, so re-running gives the same bytes apart from gzip headers.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "scripts" / "demo_warc_pages"
OUT = ROOT / "examples" / "warc" / "border-crawl.warc.gz"
BASE_URL = "https://regionalmonitor.example/2026/09/19/"


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, n: int) -> None:
    http_headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Date": f"2026-09-20T00:00:{n:02d}Z",
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>",
        },
    )
    writer.write_record(record)


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        n = 1
        _response(writer, "https://regionalmonitor.example/robots.txt", b"User-agent: *\nAllow: /\n",
                  "text/plain", n)
        for page in sorted(PAGES.glob("*.html")):
            n += 1
            _response(writer, BASE_URL + page.stem, page.read_bytes(), "text/html; charset=utf-8", n)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
