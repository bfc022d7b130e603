#!/usr/bin/env bash
# bench/run-parse.sh - measures Parley's parser against JAIN-SIP's reference parser (ParseBenchmark).
#
# Finds a JDK 21 or newer (scripts/find-jdk.sh), builds bench/target/benchmarks.jar, and runs every
# ParseBenchmark method in one JMH run with the GC profiler, so that throughput and bytes allocated
# per operation of both stacks come from one run (a fresh JVM per benchmark, one after the other)
# under the same minutes of machine load. Prints JMH's table; the results stay in
# bench/target/parse.json, JMH's output in parse.log. Takes about 2.5 minutes (8 benchmarks x 16 s,
# plus the build and JVM start-up).
#
# Usage: bench/run-parse.sh [--pin CPU] [extra JMH arguments...]
#   --pin CPU   run the JMH fork with every thread (JIT and GC included) confined to this one CPU
#               with taskset, for a strict "one core" figure; the JMH harness itself stays unpinned.
#   Extra arguments go to JMH after the defaults, e.g. "-i 10 -r 5" for longer measurements.
#
# Not part of `./mvnw verify`: the build compiles the benchmarks but never runs them.
set -euo pipefail

root=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/find-jdk.sh
source "$root/scripts/find-jdk.sh"
parley_find_jdk || exit $?

pin=''
if [[ ${1:-} == --pin ]]; then
    [[ $# -ge 2 ]] || { echo "run-parse.sh: --pin needs a CPU number" >&2; exit 2; }
    command -v taskset > /dev/null || { echo "run-parse.sh: --pin needs taskset (util-linux)" >&2; exit 2; }
    pin=$2
    shift 2
fi

cd "$root"
./mvnw -q -B -pl bench -am package -DskipTests

results=bench/target/parse${pin:+-cpu$pin}.json
args=(ParseBenchmark -f 1 -prof gc -rf json -rff "$results")
if [[ -n $pin ]]; then
    # The benchmark runs in the forked JVM; "jvm" replaces the java binary JMH starts for the fork.
    wrapper=bench/target/java-on-cpu$pin
    printf '#!/bin/sh\nexec taskset -c %s "%s" "$@"\n' "$pin" "$JAVA_HOME/bin/java" > "$wrapper"
    chmod +x "$wrapper"
    args+=(-jvm "$root/$wrapper")
fi

log=${results%.json}.log
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); CPUs: $(nproc)${pin:+; fork pinned to CPU $pin}"
echo "Running ${args[*]} $*  (log: $log)"
if ! "$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar "${args[@]}" "$@" > "$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "run-parse.sh: JMH failed; full output in $log" >&2
    exit 1
fi
grep -E '^(Benchmark|ParseBenchmark)' "$log" | grep -v -e ':gc.count' -e ':gc.time'
echo "Full results: $results"
