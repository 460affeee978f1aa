#!/usr/bin/env bash
# Coverage-guided fuzzing of SloBot's parsers with SharpFuzz and AFL++ (Debian's afl++), separate from the unit tests.
#   scripts/fuzz.sh [seconds per target, default 30] [target …]   (targets: command catalog slack discord csv prometheus)
# Publishes fuzz/SloBot.Fuzz, instruments SloBot's assemblies and YamlDotNet, runs afl-fuzz on each target for a fixed
# time from the seeds in fuzz/corpus/<target>, prints executions, paths and coverage per target, and exits 1 when any
# target found a crash (each crash is replayed in-process so its stack trace is in the log; inputs stay in $FUZZ_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(command catalog slack discord csv prometheus)
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install afl++" >&2; exit 2; }
out=${FUZZ_OUT:-$(mktemp -d /tmp/slobot-fuzz.XXXXXX)}
bin="$out/bin"
dotnet tool restore >/dev/null
dotnet publish fuzz/SloBot.Fuzz -c Release -o "$bin" --nologo -v quiet >/dev/null
rm -rf "$out/plain" && cp -r "$bin" "$out/plain"   # uninstrumented copy: replays crashes outside afl-fuzz
for dll in "$bin"/SloBot.Core.dll "$bin"/SloBot.Chat.dll "$bin"/SloBot.Slack.dll "$bin"/SloBot.Discord.dll "$bin"/SloBot.Sli.dll "$bin"/YamlDotNet.dll; do
  dotnet sharpfuzz "$dll" >/dev/null
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export DOTNET_gcServer=0 DOTNET_TieredPGO=0
failed=0
printf '%-11s %10s %8s %8s %9s %7s\n' target execs exec/s paths coverage crashes
for t in "${targets[@]}"; do
  rm -rf "$out/$t"
  # -t: a .NET start-up per run (out-of-process mode) is slow, and -m none: the runtime reserves much virtual memory.
  afl-fuzz -V "$seconds" -t 10000 -m none -i "fuzz/corpus/$t" -o "$out/$t" -- dotnet "$bin/SloBot.Fuzz.dll" "$t" >"$out/$t.log" 2>&1 || {
    echo "afl-fuzz failed on $t:" >&2; tail -n 30 "$out/$t.log" >&2; failed=1; continue; }
  stats="$out/$t/default/fuzzer_stats"
  get() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  crashes=$(get saved_crashes); [[ -n "$crashes" ]] || crashes=$(get unique_crashes)
  printf '%-11s %10s %8s %8s %9s %7s\n' "$t" "$(get execs_done)" "$(get execs_per_sec)" "$(get corpus_count)" "$(get bitmap_cvg)" "$crashes"
  if [[ "$crashes" != 0 ]]; then
    failed=1
    for crash in $(ls "$out/$t"/default/crashes/id:* | head -n 3); do
      echo "--- crash in $t: $crash" >&2
      dotnet "$out/plain/SloBot.Fuzz.dll" "$t" "$crash" 2>&1 | head -n 12 >&2 || true
    done
  fi
done
echo "findings: $out"
exit $failed
