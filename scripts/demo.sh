#!/usr/bin/env bash
# Install Flashpoint into .venv and run the main job on the bundled demo corpus (examples/):
# extract everything, store it in SQLite and write the output files and the HTML report to out/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
. .venv/bin/activate
flashpoint run examples/ --out out/demo --db out/demo/flashpoint.sqlite --reference-date 2026-11-21 "$@"
