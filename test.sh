#!/usr/bin/env bash
# Runs every DingGate test. Installs what the tests need first (NuGet restore via dotnet, the official DingTalk
# Stream SDK and json5 for the interop tests via npm ci, Node.js, Chromium, PostgreSQL and Redis from Debian when absent — the browser
# test drives Debian's Chromium through Playwright, never a downloaded browser). TRX results go to TestResults/.
set -euo pipefail
cd "$(dirname "$0")"

apt_install() {
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; fi
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "test.sh: installing Node.js (needed by the interop tests)" >&2
  apt_install nodejs npm
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: installing Chromium (needed by the sandbox browser test)" >&2
  apt_install chromium
fi

# The storage contract tests run against real servers they start themselves (initdb + pg_ctl, redis-server) on free
# loopback ports: never skipped, so install the servers from Debian when absent.
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "test.sh: installing PostgreSQL (needed by the storage contract tests)" >&2
  apt_install postgresql
fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "test.sh: installing Redis (needed by the shared-limit tests)" >&2
  apt_install redis-server
fi

echo "test.sh: installing interop packages (tests/interop, pinned by package-lock.json)"
(cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)

rm -rf TestResults
echo "test.sh: dotnet test"
dotnet test DingGate.sln -c Release --nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" \
  --results-directory TestResults "$@"
