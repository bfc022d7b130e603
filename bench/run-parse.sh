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

# shellcheck source=bench/jmh-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/jmh-common.sh"
bench_take_pin run-parse.sh "$@"
shift "$bench_shift"

cd "$parley_root"
bench_build
results=bench/target/parse${bench_pin:+-cpu$bench_pin}.json
bench_jmh run-parse.sh ParseBenchmark "$results" "$@"
echo "Full results: $results"
