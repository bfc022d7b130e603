#!/usr/bin/env bash
# bench/run-transaction.sh - measures the transaction layer (issue #4): TransactionBenchmark with JMH
# (ns/op and B/op of create -> match -> terminate for a non-INVITE server and an INVITE client
# transaction) and TransactionFootprint (heap of 100,000 live INVITE server transactions and of
# 1,000,000 pending timers, from Runtime's used heap after System.gc()).
#
# Finds a JDK 21 or newer (scripts/find-jdk.sh), builds bench/target/benchmarks.jar, runs both
# benchmark methods in one JMH run with the GC profiler, then the footprint main in a fresh JVM with
# a fixed 1 GiB heap. Prints JMH's table and the footprint lines; the results stay in
# bench/target/transaction.json, JMH's output in transaction.log, the footprint's in
# transaction-footprint.log (one JVM per measurement). Takes about a minute plus the build.
#
# Usage: bench/run-transaction.sh [--pin CPU] [extra JMH arguments...]
#   --pin CPU   run the JMH fork and the footprint JVM with every thread confined to this one CPU
#               with taskset, for a strict "one core" figure.
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
    [[ $# -ge 2 ]] || { echo "run-transaction.sh: --pin needs a CPU number" >&2; exit 2; }
    command -v taskset > /dev/null || { echo "run-transaction.sh: --pin needs taskset (util-linux)" >&2; exit 2; }
    pin=$2
    shift 2
fi

cd "$root"
./mvnw -q -B -pl bench -am package -DskipTests

results=bench/target/transaction${pin:+-cpu$pin}.json
args=(TransactionBenchmark -f 1 -prof gc -rf json -rff "$results")
java=("$JAVA_HOME/bin/java")
if [[ -n $pin ]]; then
    # The benchmark runs in the forked JVM; "jvm" replaces the java binary JMH starts for the fork.
    wrapper=bench/target/java-on-cpu$pin
    printf '#!/bin/sh\nexec taskset -c %s "%s" "$@"\n' "$pin" "$JAVA_HOME/bin/java" > "$wrapper"
    chmod +x "$wrapper"
    args+=(-jvm "$root/$wrapper")
    java=(taskset -c "$pin" "$JAVA_HOME/bin/java")
fi

log=${results%.json}.log
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); CPUs: $(nproc)${pin:+; pinned to CPU $pin}"
echo "Running ${args[*]} $*  (log: $log)"
if ! "$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar "${args[@]}" "$@" > "$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "run-transaction.sh: JMH failed; full output in $log" >&2
    exit 1
fi
grep -E '^(Benchmark|TransactionBenchmark)' "$log" | grep -v -e ':gc.count' -e ':gc.time'

footprint=${results%.json}-footprint.log
echo "Running TransactionFootprint (1 GiB heap, G1)  (log: $footprint)"
: > "$footprint"
for what in invite timers; do
    # One JVM per measurement, so that neither sees the other's garbage.
    if ! "${java[@]}" -Xms1g -Xmx1g -cp bench/target/benchmarks.jar \
            org.parley.bench.transaction.TransactionFootprint "$what" >> "$footprint" 2>&1; then
        tail -n 40 "$footprint" >&2
        echo "run-transaction.sh: TransactionFootprint $what failed; full output in $footprint" >&2
        exit 1
    fi
done
grep -F 'TransactionFootprint' "$footprint"
echo "Full results: $results"
