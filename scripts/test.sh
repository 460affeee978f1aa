#!/usr/bin/env bash
# SloBot's test command: checks the real servers the tests start (Debian's prometheus/promtool and postgresql) and the
# headless browser they use (Debian's chromium),
# installs them when it can (root with apt-get), runs every test project, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need=()
{ command -v prometheus && command -v promtool; } >/dev/null 2>&1 || need+=(prometheus)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)   # the status page is checked in a real headless browser
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)      # the Kubernetes manifests are validated with an npm package
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's ${need[*]} (the integration tests start their own servers)..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    pkill -x prometheus 2>/dev/null || true   # the package may start a system instance; tests start their own
  else
    echo "The tests start real servers and need: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test SloBot.sln -c Release 2>&1 | tee "$log" || status=$?

# One plain closing line over all test projects: "Tests: N passed, N failed, N skipped".
awk '/(Passed|Failed)! +- +Failed: /{
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
