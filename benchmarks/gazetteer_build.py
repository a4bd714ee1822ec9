"""Measure the gazetteer: build time and peak memory from scratch, then cache load time.

    python benchmarks/gazetteer_build.py [--json]

Builds into a temporary cache directory (the user's cache is left alone) and prints the figures.
Peak memory is the process's maximum resident set size (Linux/macOS ``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile

CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from flashpoint import gazetteer
gaz = gazetteer.load()
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
scale = 1 if sys.platform == "darwin" else 1024
print(json.dumps({"seconds": round(elapsed, 2), "peak_rss_mb": round(peak * scale / 2**20, 1),
                  "entries": len(gaz), "names": len(gaz.index)}))
"""


def _measure(cache: str) -> dict[str, float]:
    env = dict(os.environ, FLASHPOINT_CACHE_DIR=cache)
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as cache:
        build = _measure(cache)
        size_mb = sum(os.path.getsize(os.path.join(cache, f)) for f in os.listdir(cache)) / 2**20
        cached = _measure(cache)
    figures = {"build": build, "cached_load": cached, "cache_file_mb": round(size_mb, 1),
               "benchmark_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        print(f"build:  {build['seconds']} s, peak RSS {build['peak_rss_mb']} MB, "
              f"{build['entries']} entries, {build['names']} names")
        print(f"cached: {cached['seconds']} s, peak RSS {cached['peak_rss_mb']} MB; "
              f"cache file {size_mb:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
