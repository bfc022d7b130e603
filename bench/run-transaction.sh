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

# shellcheck source=bench/jmh-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/jmh-common.sh"
bench_take_pin run-transaction.sh "$@"
shift "$bench_shift"

cd "$parley_root"
bench_build
results=bench/target/transaction${bench_pin:+-cpu$bench_pin}.json
bench_jmh run-transaction.sh TransactionBenchmark "$results" "$@"
java=("$JAVA_HOME/bin/java")
if [[ -n $bench_pin ]]; then
    java=(taskset -c "$bench_pin" "$JAVA_HOME/bin/java")
fi

footprint=${results%.json}-footprint.log
echo "Running TransactionFootprint (1 GiB heap, G1)  (log: $footprint)"
: > "$footprint"
for what in invite register timers; do
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
