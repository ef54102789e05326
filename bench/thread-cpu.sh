#!/usr/bin/env bash
# CPU seconds per thread of one vigil run, grouped by thread name (workers, reader, main, the JIT
# compilers, GC): on 2 cores the C2 compiler's share is large for a run of a million events, and
# profilers that sample Java threads do not show it (issue 4, docs/performance.md).
#
#   bench/thread-cpu.sh [vigil arguments...]      e.g. bench/thread-cpu.sh hunt --quiet --output /dev/null x.jsonl
#   JAVA_OPTS is passed to the JVM (default -Xmx512m). Linux only (reads /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086
JAVA_OPTS=${JAVA_OPTS:--Xmx512m} ./vigil "$@" > /dev/null & # the launcher execs java: same pid, same JIT flags
pid=$!
declare -A ticks names
while kill -0 "$pid" 2> /dev/null; do
  for t in /proc/"$pid"/task/*; do
    stat=$(cat "$t/stat" 2> /dev/null) || continue
    name=$(cat "$t/comm" 2> /dev/null) || continue
    fields=(${stat##*) })
    id=${t##*/}
    ticks[$id]=$((fields[11] + fields[12]))
    names[$id]=$name
  done
  sleep 0.1
done
wait "$pid" || true
hz=$(getconf CLK_TCK)
for id in "${!ticks[@]}"; do
  # numbered threads of one pool are summed: "vigil-worker-1" and "vigil-worker-2" are "vigil-worker-"
  echo "${ticks[$id]} ${names[$id]}"
done | awk -v hz="$hz" '{t=$1; $1=""; n=substr($0,2); sub(/[0-9]+$/, "", n); s[n]+=t; all+=t} END {for (k in s) if (s[k] > 0) printf "%8.2f s  %s\n", s[k]/hz, k; printf "%8.2f s  all threads (up to the last sample)\n", all/hz}' | sort -rn
