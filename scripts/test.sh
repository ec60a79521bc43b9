#!/usr/bin/env bash
# `npm test`: type check, unit and integration tests (PGlite, plus PostgreSQL when
# reachable), then the Playwright end-to-end tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${TEST_DATABASE_URL:-}" ] && command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/test"
  echo "PostgreSQL found on 127.0.0.1:5432: integration tests run on it too (TEST_DATABASE_URL=$TEST_DATABASE_URL)."
fi

echo "== type check"
npx tsc --noEmit

echo "== unit and integration tests"
npx vitest run

echo "== end-to-end tests (Chromium)"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "Chromium is missing at $chromium (CI requires it)." >&2
    exit 1
  fi
  echo "SKIPPED: no Chromium at $chromium. Install it with 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH) to run the browser tests."
  exit 0
fi
npx playwright test
