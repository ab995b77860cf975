#!/usr/bin/env bash
# Runs every DingGate test. Installs what the tests need first (NuGet restore via dotnet, the official DingTalk
# Stream SDK for the interop tests via npm ci, Node.js from Debian when absent). TRX results go to TestResults/.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "test.sh: installing Node.js (needed by the interop tests)" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq nodejs npm >/dev/null; fi
fi

echo "test.sh: installing interop packages (tests/interop, pinned by package-lock.json)"
(cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)

rm -rf TestResults
echo "test.sh: dotnet test"
dotnet test DingGate.sln -c Release --nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" \
  --results-directory TestResults "$@"
