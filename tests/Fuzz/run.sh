#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) under AFL++ for a bounded time each, one after another, and fails when
# any target found a crash. Usage: tests/Fuzz/run.sh SECONDS [TARGET...]   (targets: jsonrpc jws jwk passport jcs sse)
#   FUZZ_OUT=DIR   keep AFL++'s output there (default: a temporary folder, removed at the end)
#   FUZZ_JOBS=N    run N targets at a time (default 1)
# Needs afl-fuzz (Debian: afl++) and the .NET SDK; the sharpfuzz tool comes from .config/dotnet-tools.json. The
# A2AGen assemblies are instrumented in a copy of the build output, never in bin/ or obj/. See docs/fuzzing.md.
set -euo pipefail
seconds=${1:?usage: tests/Fuzz/run.sh SECONDS [TARGET...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(jsonrpc jws jwk passport jcs sse)
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install -y afl++" >&2; exit 1; }

work=$(mktemp -d)
out=${FUZZ_OUT:-$work/out}
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

echo "== build and instrument (SharpFuzz)"
(cd "$repo" && dotnet tool restore >/dev/null)
dotnet build "$here/A2AGen.Fuzz.csproj" -c Release -o "$work/bin" -nologo -v quiet
# Instrumented code needs AFL++'s shared memory: crashes are replayed with an uninstrumented copy.
cp -r "$work/bin" "$work/plain"
for assembly in A2AGen.Runtime A2AGen.Hosting; do
  (cd "$repo" && dotnet sharpfuzz "$work/bin/$assembly.dll")
done

# AFL++ cannot see the instrumentation in the dotnet host (SharpFuzz reports coverage from inside the managed code),
# and shares two cores with everything else here: no CPU binding, no frequency or core-dump checks.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_FORKSRV_INIT_TMOUT=60000 DOTNET_TieredPGO=0

fuzz() {
  local target=$1
  rm -rf "${out:?}/$target"
  afl-fuzz -i "$here/corpus/$target" -o "$out/$target" -x "$here/dictionaries/json.dict" -t 5000 -m none -V "$seconds" \
    -- dotnet "$work/bin/A2AGen.Fuzz.dll" "$target" >"$out/$target.log" 2>&1 || { echo "afl-fuzz failed for $target:" >&2; tail -30 "$out/$target.log" >&2; return 1; }
}

echo "== fuzz ${targets[*]}, ${seconds}s each"
jobs_running=0
status=0
for target in "${targets[@]}"; do
  fuzz "$target" &
  jobs_running=$((jobs_running + 1))
  if [ "$jobs_running" -ge "${FUZZ_JOBS:-1}" ]; then
    wait -n || status=1
    jobs_running=$((jobs_running - 1))
  fi
done
while [ "$jobs_running" -gt 0 ]; do wait -n || status=1; jobs_running=$((jobs_running - 1)); done

field() { sed -n "s/^$2 *: //p" "$out/$1/default/fuzzer_stats"; }
printf '%-9s %8s %12s %9s %7s %8s %6s\n' target seconds executions execs/s corpus crashes hangs
crashes_total=0
for target in "${targets[@]}"; do
  [ -f "$out/$target/default/fuzzer_stats" ] || { echo "$target: no fuzzer_stats" >&2; status=1; continue; }
  crashes=$(field "$target" saved_crashes)
  crashes_total=$((crashes_total + crashes))
  printf '%-9s %8s %12s %9s %7s %8s %6s\n' "$target" "$(field "$target" run_time)" "$(field "$target" execs_done)" \
    "$(field "$target" execs_per_sec)" "$(field "$target" corpus_count)" "$crashes" "$(field "$target" saved_hangs)"
done

if [ "$crashes_total" -gt 0 ]; then
  echo "== crashes (replayed without AFL++)" >&2
  for target in "${targets[@]}"; do
    if [ -n "$(ls -A "$out/$target/default/crashes" 2>/dev/null)" ]; then
      dotnet "$work/plain/A2AGen.Fuzz.dll" "$target" --replay "$out/$target/default/crashes" >&2 || true
    fi
  done
  [ -n "${FUZZ_OUT:-}" ] && echo "the crashing inputs are in $out/<target>/default/crashes" >&2
  exit 1
fi
exit "$status"
