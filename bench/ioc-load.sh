#!/usr/bin/env bash
# CPU cost of loading the built-in IOC feed in a fresh JVM (issue 4): each run starts a JVM, lets it
# settle, loads the feed as `vigil hunt` does (IocFeeds.load with the built-in bundle), waits for the
# JIT to finish the work that load started, and prints the process CPU time used from just before the
# load to the end of the wait (all threads: the loading thread, the JIT compilers, GC), then the
# median. Compare jars by passing several.
#
#   bench/ioc-load.sh [RUNS] [JAR...]      defaults: 7 runs, vigil-cli/target/vigil.jar
#   NO_BUILTIN=1 measures the same with the built-in feed off (the floor: an empty set).
# Needs the jar: mvn -B -q -o -DskipTests package. The JVM runs with the launcher's flags (./vigil).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
shift || true
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=(vigil-cli/target/vigil.jar)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/IocLoad.java" << 'EOF'
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

public final class IocLoad {
    public static void main(String[] args) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        boolean builtin = System.getenv("NO_BUILTIN") == null;
        Thread.sleep(300); // start-up compilations done
        long before = os.getProcessCpuTime();
        int size = io.vigil.engine.IocFeeds.load(List.of(), builtin, d -> {}).size();
        Thread.sleep(500); // compilations the load queued done
        long after = os.getProcessCpuTime();
        System.out.printf("%d %.3f%n", size, (after - before) / 1e9);
    }
}
EOF
javac -cp "${jars[0]}" -d "$dir" "$dir/IocLoad.java"
for jar in "${jars[@]}"; do
  for _ in $(seq "$runs"); do
    java -XX:FreqInlineSize=100 -cp "$jar:$dir" IocLoad
  done | sort -k2 -n | awk -v jar="$jar" '{v[NR]=$2; n=$1} END {printf "%-40s %5d indicators  CPU s per load: min %.3f  median %.3f  max %.3f  (%d runs)\n", jar, n, v[1], v[int((NR+1)/2)], v[NR], NR}'
done
