#!/usr/bin/env bash
# One entry point for newcomers and CI. Sets up .venv on first use, then:
#   ./run.sh demo   -> the scripted demo through real NeMo rails, LLMRails then IORails (offline model)
#   ./run.sh test   -> the test suite (installs Debian's redis-server for the Redis tests when it can)
#   ./run.sh lint   -> ruff and mypy on src/ (configured in pyproject.toml)
#   ./run.sh redis  -> only the redis-server check of `test`
#   ./run.sh setup  -> only the environment
set -euo pipefail
cd "$(dirname "$0")"

PY=${PYTHON:-$(command -v python3.11 || command -v python3 || echo python3)}
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

# The Redis tests (vaults and threads shared by server replicas) start Debian's
# redis-server. Install it the way .ci/run does when we can; otherwise say why
# those tests will skip instead of letting them skip silently.
ensure_redis() {
  command -v redis-server >/dev/null && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else sudo="none"; fi
  fi
  if [ "$sudo" != none ] && command -v apt-get >/dev/null; then
    echo "run.sh: installing redis-server (Debian) for the Redis tests..." >&2
    if $sudo apt-get update -qq && $sudo apt-get install -y -qq redis-server >/dev/null; then
      return 0
    fi
  fi
  echo "run.sh: redis-server is not installed and could not be installed here (needs apt-get as root or" \
       "password-less sudo): the tests that need Redis will be skipped (listed below with -rs)." \
       "Install it with: sudo apt-get install redis-server" >&2
}

cmd=${1:-demo}
shift || true
case "$cmd" in
  setup) setup ;;
  demo) setup; exec "$VENV/bin/python" -m pii_rails.demo "$@" ;;
  # -rs: every skipped test says why at the end of the run.
  test) setup; ensure_redis; exec "$VENV/bin/python" -m pytest -q -rs "$@" ;;
  lint) setup; "$VENV/bin/ruff" check src "$@"; exec "$VENV/bin/mypy" ;;
  redis) ensure_redis ;;
  *) echo "usage: ./run.sh [demo|test|lint|setup|redis] [args...]" >&2; exit 2 ;;
esac
