#!/usr/bin/env bash
# `npm test`: type check, lint (eslint.config.mjs), format (prettier --check), unit and integration tests (PGlite, plus PostgreSQL when
# reachable), then the Playwright end-to-end tests in Debian's Chromium. Every stage
# runs even when an earlier one fails; the summary lists each stage's result and the
# script exits non-zero if any failed.
#
# Resources a stage skips without (each with a message), and how to hide one that is present:
#   PostgreSQL      TEST_DATABASE_URL= (set but empty) turns off the 127.0.0.1:5432 probe
#   Chromium        CHROMIUM_PATH=/nonexistent (CI=true makes a missing Chromium a failure)
#   libxgboost0     XGBOOST_LIBRARY=/nonexistent (the baselines then train tfjs in its place)
#   ../shared/data  COLLIDER_SHARED_DATA=/nonexistent
#   python3+numpy   COLLIDER_PYTHON=/nonexistent
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${TEST_DATABASE_URL+set}" ] && command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/test"
  echo "PostgreSQL found on 127.0.0.1:5432: integration tests run on it too (TEST_DATABASE_URL=$TEST_DATABASE_URL)."
fi

results=()
failed=0
stage() {
  local name="$1"
  shift
  echo "== $name"
  if "$@"; then
    results+=("passed  $name")
  else
    results+=("FAILED  $name (exit $?)")
    failed=1
  fi
}

stage "type check" npx tsc --noEmit
stage "lint" npx eslint .
stage "format (prettier; npm run format fixes it)" npx prettier --check .
stage "unit and integration tests" npx vitest run

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  stage "end-to-end tests (Chromium)" npx playwright test
elif [ "${CI:-}" = "true" ]; then
  echo "== end-to-end tests (Chromium)"
  echo "Chromium is missing at $chromium (CI requires it)." >&2
  results+=("FAILED  end-to-end tests (no Chromium at $chromium; CI requires it)")
  failed=1
else
  echo "== end-to-end tests (Chromium)"
  echo "SKIPPED: no Chromium at $chromium. Install it with 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH) to run the browser tests."
  results+=("skipped end-to-end tests (no Chromium at $chromium)")
fi

echo
echo "== summary"
printf '  %s\n' "${results[@]}"
exit "$failed"
