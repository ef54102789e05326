#!/usr/bin/env bash
# EVTX reading benchmark (vigil-evtx issue: speed vs libyal evtxexport, memory bounded by the chunks
# in flight). Timed over the whole process (JVM start included), as a user experiences it:
#
#   vigil dump --output /dev/null FILE      vs      evtxexport -f xml FILE > /dev/null
#
#   bench/evtx-bench.sh [SIZE_MIB] [BIG_MIB] [RUNS]      defaults: 64, 256, 3 (best of RUNS is shown;
#                                                        the BIG_MIB comparison runs once)
#
# Input: SIZE_MIB and BIG_MIB EVTX files assembled (once, into $BENCH_DIR, default /tmp/vigil-bench)
# by io.vigil.evtx.EvtxFileAssembler from the chunks of every file in
# ../shared/corpus/evtx/EVTX-ATTACK-SAMPLES, repeated, with record ids renumbered. Needs the jar:
# mvn -q -DskipTests package. Peak RSS comes from /usr/bin/time -v when present; the JVM's peak heap
# (largest heap in use before a GC, from -Xlog:gc) is reported in any case. Then vigil runs with a small
# heap (-Xmx$SMALL_HEAP, default 64m) on both files: memory must not grow with the file size.
# Besides the default JVM, vigil also runs with $TUNED_OPTS (default: C1 JIT only, parallel GC).
# On a loaded machine compare the cpu column (user + sys), which contention distorts less than wall.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-64}
big=${2:-256}
runs=${3:-3}
small_heap=${SMALL_HEAP:-64m}
tuned=${TUNED_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseParallelGC}
samples=../shared/corpus/evtx/EVTX-ATTACK-SAMPLES
dir=${BENCH_DIR:-/tmp/vigil-bench}
jar=vigil-cli/target/vigil.jar
[ -f "$jar" ] || { echo "evtx-bench: $jar not found; build it first with: mvn -q -DskipTests package" >&2; exit 2; }
[ -d "$samples" ] || { echo "evtx-bench: $samples not found" >&2; exit 2; }
mkdir -p "$dir"
for mib in "$size" "$big"; do
  f="$dir/attack-samples-$mib.evtx"
  [ -s "$f" ] || java -cp "$jar" io.vigil.evtx.EvtxFileAssembler "$f" "$mib" "$samples"
done
input="$dir/attack-samples-$size.evtx"
biginput="$dir/attack-samples-$big.evtx"
timev=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true 2>/dev/null; then timev=/usr/bin/time; fi
[ -n "$timev" ] || echo "note: /usr/bin/time -v is not available; peak RSS is not measured (JVM peak heap only)"

# run LABEL FILE COMMAND...: best wall time of $runs runs; prints records/s, MB/s, CPU, RSS, heap.
run() {
  local label=$1 file=$2; shift 2
  local best="" bestline="" bestcpu="" i
  for ((i = 1; i <= runs; i++)); do
    local log t0 t1 wall rss cpu
    log=$(mktemp)
    t0=$(date +%s.%N)
    if [ -n "$timev" ]; then "$timev" -v "$@" > /dev/null 2> "$log"; else "$@" > /dev/null 2> "$log"; fi
    t1=$(date +%s.%N)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
    rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$log")
    cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{if (u != "") printf "%.2f", u+s}' "$log")
    local heap; heap=$( (grep -o '[0-9]*M->[0-9]*M' "$log" || true) | awk -F'M->' '$1>m{m=$1} END{if (m != "") print m}')
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best=$wall
      bestcpu=${cpu:-}
      bestline=$(printf '%-22s %7.2f s wall %7s s cpu %10.0f records/s %7.1f MB/s  peak RSS %5s MiB  peak heap %4s MiB' \
        "$label" "$wall" "${cpu:-n/a}" "$(awk -v r="$records" -v w="$wall" 'BEGIN{print r/w}')" \
        "$(awk -v s="$(stat -c %s "$file")" -v w="$wall" 'BEGIN{print s/1e6/w}')" "${rss:-n/a}" "${heap:-n/a}")
    fi
    rm -f "$log"
  done
  echo "$bestline"
  echo "$best" > "$dir/$label.wall"
  echo "$bestcpu" > "$dir/$label.cpu"
}

records=$(./vigil dump --output /dev/null "$input" 2>&1 >/dev/null | grep -o '^[0-9,]* records' | tr -d ', records')
bigrecords=$(./vigil dump --output /dev/null "$biginput" 2>&1 >/dev/null | grep -o '^[0-9,]* records' | tr -d ', records')
echo "input: $input ($(stat -c %s "$input") bytes, $records records); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "vigil: JAVA_OPTS=${JAVA_OPTS:-} (default heap), best of $runs runs"

JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:stderr" run "vigil dump" "$input" ./vigil dump --output /dev/null "$input"
if command -v evtxexport > /dev/null; then
  exported=$(evtxexport -f xml "$input" 2>/dev/null | grep -c '^<Event ' || true)
  echo "evtxexport: $(evtxexport -V 2>&1 | head -1), reads $exported records of the file"
  run "evtxexport -f xml" "$input" evtxexport -f xml "$input"
  evtxcpu=$(cat "$dir/evtxexport -f xml.cpu")
  awk -v a="$(cat "$dir/evtxexport -f xml.wall")" -v b="$(cat "$dir/vigil dump.wall")" \
    'BEGIN{printf "ratio (evtxexport wall / vigil wall): %.1fx\n", a/b}'
else
  rm -f "$dir/evtxexport -f xml.wall"
  echo "evtxexport: NOT INSTALLED (apt-get install libevtx-utils); timing vigil only, no ratio"
fi

# A short run spends most of its CPU in the C2 JIT compiler; C1 alone warms up much sooner.
echo "vigil with JAVA_OPTS=$tuned (C1 JIT only: less compile time for runs of seconds)"
JAVA_OPTS="$tuned -Xlog:gc:stderr" run "vigil dump (C1)" "$input" ./vigil dump --output /dev/null "$input"
if [ -f "$dir/evtxexport -f xml.wall" ] && command -v evtxexport > /dev/null; then
  awk -v a="$(cat "$dir/evtxexport -f xml.wall")" -v b="$(cat "$dir/vigil dump (C1).wall")" \
    'BEGIN{printf "ratio (evtxexport wall / vigil C1 wall): %.1fx\n", a/b}'
fi

# The reader inside a warm JVM (io.vigil.evtx.EvtxBench, test scope): what a long hunt or a second
# file gets once the JIT has compiled the hot path, without JVM start and warm-up.
classes=vigil-evtx/target/classes:vigil-evtx/target/test-classes
if [ -f vigil-evtx/target/test-classes/io/vigil/evtx/EvtxBench.class ]; then
  steady=$(java -cp "$classes" io.vigil.evtx.EvtxBench "$input" 5 10 json | tail -1)
  echo "vigil in a warm JVM:   $steady"
  if [ -n "${evtxcpu:-}" ]; then
    echo "$steady" | awk -v e="$evtxcpu" -v r="$records" -v ewall="$(cat "$dir/evtxexport -f xml.wall")" '{for (i = 1; i < NF; i++) if ($(i+1) == "records/s") w = $i; \
      for (i = 1; i < NF; i++) if ($(i+1) == "us/record") u = $i} \
      END {printf "ratio in a warm JVM: %.1fx per CPU-second (evtxexport %.1f us/record, vigil %.1f), %.1fx in records/s\n", \
        e * 1e6 / r / u, e * 1e6 / r, u, w / (r / ewall)}'
  fi
else
  echo "vigil in a warm JVM: skipped (test classes missing: mvn -q -DskipTests package compiles them)"
fi

# The same comparison on the big file, once each: the JVM's fixed start and JIT cost weighs less.
if command -v evtxexport > /dev/null; then
  echo "on $biginput ($bigrecords records), one run each:"
  records=$bigrecords runs=1 run "vigil dump ${big}M" "$biginput" ./vigil dump --output /dev/null "$biginput"
  records=$bigrecords runs=1 run "vigil dump (C1) ${big}M" "$biginput" env JAVA_OPTS="$tuned" ./vigil dump --output /dev/null "$biginput"
  records=$bigrecords runs=1 run "evtxexport ${big}M" "$biginput" evtxexport -f xml "$biginput"
  awk -v a="$(cat "$dir/evtxexport ${big}M.wall")" -v b="$(cat "$dir/vigil dump ${big}M.wall")" \
    -v c="$(cat "$dir/vigil dump (C1) ${big}M.wall")" \
    'BEGIN{printf "ratio on %s MiB (evtxexport wall / vigil wall): %.1fx, with C1 only %.1fx\n", '"$big"', a/b, a/c}'
fi

echo "memory: vigil dump with JAVA_OPTS=-Xmx$small_heap on ${size} MiB and ${big} MiB"
JAVA_OPTS="-Xmx$small_heap -Xlog:gc:stderr" run "vigil -Xmx$small_heap ${size}M" "$input" \
  ./vigil dump --output /dev/null "$input"
records=$bigrecords JAVA_OPTS="-Xmx$small_heap -Xlog:gc:stderr" run "vigil -Xmx$small_heap ${big}M" "$biginput" \
  ./vigil dump --output /dev/null "$biginput"
