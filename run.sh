#!/usr/bin/env bash
# One entry point for newcomers and CI. Sets up .venv on first use, then:
#   ./run.sh demo   -> the scripted demo through real NeMo LLMRails (offline model)
#   ./run.sh test   -> the test suite
#   ./run.sh lint   -> ruff and mypy on src/ (configured in pyproject.toml)
#   ./run.sh setup  -> only the environment
set -euo pipefail
cd "$(dirname "$0")"

PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
VENV=${PII_RAILS_VENV:-.venv}
export NEMO_GUARDRAILS_NO_USAGE_STATS=1

setup() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
  fi
  # Editable, so edits to src/ are picked up; the wheel is checked separately in CI.
  "$VENV/bin/python" -m pip install -q -e ".[test]"
}

cmd=${1:-demo}
shift || true
case "$cmd" in
  setup) setup ;;
  demo) setup; exec "$VENV/bin/python" -m pii_rails.demo "$@" ;;
  test) setup; exec "$VENV/bin/python" -m pytest -q "$@" ;;
  lint) setup; "$VENV/bin/ruff" check src "$@"; exec "$VENV/bin/mypy" ;;
  *) echo "usage: ./run.sh [demo|test|lint|setup] [args...]" >&2; exit 2 ;;
esac
