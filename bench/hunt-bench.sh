#!/usr/bin/env bash
# Hunting benchmark (issue 4): one run over the same input with no rules and with the SigmaHQ tree,
# timed over the whole process (JVM start and rule loading included) as a user experiences it.
#
#   bench/hunt-bench.sh [EVENTS] [HEAP]      defaults: 1000000 events, -Xmx512m
#   (then the same over the EVTX corpus assembled into one EVTX_MIB file; EVTX_MIB=0 skips it)
#
# THREADS=N passes --threads N to vigil hunt (default: vigil's own, the number of processors).
# SigmaHQ is run three times: once with an empty rule cache (sigma-cold), then twice with the cache
# that run filled; the ratio uses the last. Each line reports wall time, events/s, CPU seconds, rule
# load time, the peak heap the run used (from the summary; it must stay under HEAP whatever EVENTS
# is) and the detection count.
#
# Input: the OTRF JSON-lines corpus in ../shared repeated until it holds at least EVENTS events
# (written once to $BENCH_DIR, default /tmp/vigil-bench). Needs the jar: mvn -q -DskipTests package.
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-1000000}
heap=${2:-512m}
shared=../shared/corpus
dir=${BENCH_DIR:-/tmp/vigil-bench}
mkdir -p "$dir"
input="$dir/otrf-$want.jsonl"
if [ ! -s "$input" ]; then
  files=$(find "$shared/json/OTRF-Security-Datasets" -name '*.json' ! -name files.json | sort)
  n=0
  : > "$input.tmp"
  while [ "$n" -lt "$want" ]; do
    for f in $files; do cat "$f" >> "$input.tmp"; done
    n=$(wc -l < "$input.tmp")
  done
  mv "$input.tmp" "$input"
fi
events=$(grep -c . "$input") # records: non-blank lines
rules=(--rules "$shared/sigma/rules" --rules "$shared/sigma/rules-emerging-threats" --rules "$shared/sigma/rules-threat-hunting")
empty=$(mktemp -d)

run() { # label, rule args...
  local label=$1; shift
  local t0 t1 log
  log=$(mktemp)
  t0=$(date +%s.%N)
  JAVA_OPTS="-Xmx$heap" /usr/bin/time -f 'cpu %U %S' -o "$log.cpu" ./vigil hunt --quiet --format jsonl --output /dev/null ${THREADS:+--threads "$THREADS"} \
    "$@" "$input" 2> "$log" || { cat "$log" >&2; exit 1; }
  t1=$(date +%s.%N)
  local wall; wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  local load; load=$(grep -o 'rejected ([0-9.]* s)' "$log" | grep -o '[0-9.]*' | head -1)
  local heapmib; heapmib=$(grep -o 'peak heap [0-9]* MiB' "$log" | grep -o '[0-9]*')
  local dets; dets=$(grep -o 'Detections: [0-9,]*' "$log" | grep -o '[0-9,]*')
  # CPU seconds (user + system) tell work done apart from waiting when other jobs share the cores
  local cpu; cpu=$(awk '/^cpu/{print $2+$3}' "$log.cpu")
  printf '%-10s %12s events  %8.1f s  %10.0f events/s  cpu %6.1f s  rule load %5s s  peak heap %4s MiB  detections %s\n' \
    "$label" "$events" "$wall" "$(awk -v e="$events" -v w="$wall" 'BEGIN{print e/w}')" "$cpu" "$load" "$heapmib" "$dets"
  echo "$wall" > "$dir/$label.wall"
}
echo "input: $input ($events events), heap -Xmx$heap, $(nproc) cores, threads ${THREADS:-default}, load $(cut -d' ' -f1-3 /proc/loadavg)"
run no-rules --rules "$empty"
# The rule parse cache: first a run with an empty cache of its own (what the first hunt after a new
# build or new rules costs), then the runs a user sees afterwards (the cache is keyed by rule paths,
# rule text and build, so a rebuilt jar starts cold).
cache=$(mktemp -d)
trap 'rm -rf "$cache" "$empty"' EXIT
run sigma-cold --rule-cache "$cache" "${rules[@]}"
run sigmahq --rule-cache "$cache" "${rules[@]}"
run sigmahq --rule-cache "$cache" "${rules[@]}"
awk -v a="$(cat "$dir/sigmahq.wall")" -v b="$(cat "$dir/no-rules.wall")" 'BEGIN{printf "ratio (SigmaHQ with a warm cache / no rules): %.2f\n", a/b}'

# The EVTX corpus: every chunk of ../shared/corpus/evtx/EVTX-ATTACK-SAMPLES assembled, repeated, into one
# EVTX_MIB file (default 256 MiB, ~95,000 records; EVTX_MIB=0 skips this part).
evtx_mib=${EVTX_MIB:-256}
if [ "$evtx_mib" -gt 0 ]; then
  input="$dir/attack-samples-$evtx_mib.evtx"
  if [ ! -s "$input" ]; then
    java -cp vigil-cli/target/vigil.jar io.vigil.evtx.EvtxFileAssembler "$input" "$evtx_mib" \
      "$shared/evtx/EVTX-ATTACK-SAMPLES" > /dev/null
  fi
  events=$(./vigil dump "$input" 2>/dev/null | wc -l)
  echo "input: $input ($events records)"
  run evtx-none --rules "$empty"
  run evtx-sigma --rule-cache "$cache" "${rules[@]}"
  awk -v a="$(cat "$dir/evtx-sigma.wall")" -v b="$(cat "$dir/evtx-none.wall")" 'BEGIN{printf "ratio on EVTX (SigmaHQ / no rules): %.2f\n", a/b}'
fi
