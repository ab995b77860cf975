#!/usr/bin/env bash
# Builds DingGate as one self-contained executable per platform: no .NET runtime to install, the native SQLite
# library inside (extracted once to $DOTNET_BUNDLE_EXTRACT_BASE_DIR, default ~/.net).
#
#   scripts/publish.sh                      # linux-x64 linux-arm64 win-x64 osx-arm64
#   scripts/publish.sh linux-x64            # one platform
#   OUT=/tmp/dist scripts/publish.sh        # elsewhere than artifacts/publish
#   DINGGATE_R2R=1 scripts/publish.sh       # also ReadyToRun (precompiled; slower to build, larger)
#
# Each lands in $OUT/<rid>/dinggate (dinggate.exe on Windows). Why not Native AOT or trimming: docs/performance.md,
# "Single-file binaries".
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${OUT:-artifacts/publish}"
RIDS=("$@")
if [ ${#RIDS[@]} -eq 0 ]; then
  RIDS=(linux-x64 linux-arm64 win-x64 osx-arm64)
fi

for rid in "${RIDS[@]}"; do
  case "$rid" in
    linux-x64|linux-arm64|win-x64|osx-arm64|linux-musl-x64|osx-x64) ;;
    *) echo "publish.sh: unknown runtime '$rid' (linux-x64, linux-arm64, win-x64, osx-arm64)" >&2; exit 2 ;;
  esac
  echo "publish.sh: $rid -> $OUT/$rid"
  dotnet publish src/DingGate.Cli -c Release -r "$rid" --nologo -v q -o "$OUT/$rid" \
    -p:DingGateSingleFile=true -p:DingGateReadyToRun="${DINGGATE_R2R:+true}" -p:DebugType=none -p:DebugSymbols=false
  ls -l "$OUT/$rid"/dinggate* | sed 's/^/  /'
done
