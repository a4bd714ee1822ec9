#!/usr/bin/env bash
# Install Flashpoint with its test tools into .venv (from scratch on a fresh machine) and run every check:
# ruff and mypy on src/, the pytest suite (slow tests included), and the evaluation floors when the
# evaluation kit (../shared/eval) is present. Usage: bash scripts/test.sh [extra pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh dev
. .venv/bin/activate
# The report test opens the HTML report in Debian's headless Chromium (never a downloaded browser).
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "== installing Debian's chromium for the report test"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "chromium could not be installed: the browser test will be skipped"
fi
echo "== ruff"; ruff check src tests benchmarks scripts
echo "== mypy"; mypy
echo "== pytest"; python -m pytest "$@"
echo "== evaluation floors"; python benchmarks/check_floors.py
