# bench/jmh-common.sh - what the JMH scripts (run-parse.sh, run-transaction.sh) share: sourced, not run.
#
# Sourcing it finds a JDK 21 or newer (scripts/find-jdk.sh) and sets parley_root (the repository root). Then:
#   bench_take_pin SCRIPT "$@"   reads an optional leading "--pin CPU"; sets bench_pin (empty without)
#                                and bench_shift (how many arguments it took: shift them)
#   bench_build                  builds bench/target/benchmarks.jar (without tests)
#   bench_jmh SCRIPT CLASS RESULTS [JMH args...]
#                                runs one benchmark class in one JMH fork with the GC profiler, that
#                                fork pinned to bench_pin when set, results as JSON in RESULTS and JMH's
#                                output beside it (.log); prints JMH's table, or the log's tail and exits 1
# shellcheck shell=bash

parley_root=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/find-jdk.sh
source "$parley_root/scripts/find-jdk.sh"
parley_find_jdk || exit $?

bench_take_pin() {
    local script=$1
    shift
    bench_pin=''
    bench_shift=0
    if [[ ${1:-} == --pin ]]; then
        [[ $# -ge 2 ]] || { echo "$script: --pin needs a CPU number" >&2; exit 2; }
        command -v taskset > /dev/null || { echo "$script: --pin needs taskset (util-linux)" >&2; exit 2; }
        bench_pin=$2
        bench_shift=2
    fi
}

bench_build() {
    (cd "$parley_root" && ./mvnw -q -B -pl bench -am package -DskipTests)
}

bench_jmh() {
    local script=$1 benchmark=$2 results=$3
    shift 3
    local args=("$benchmark" -f 1 -prof gc -rf json -rff "$results")
    if [[ -n $bench_pin ]]; then
        # The benchmark runs in the forked JVM; "jvm" replaces the java binary JMH starts for the fork.
        local wrapper=bench/target/java-on-cpu$bench_pin
        printf '#!/bin/sh\nexec taskset -c %s "%s" "$@"\n' "$bench_pin" "$JAVA_HOME/bin/java" > "$parley_root/$wrapper"
        chmod +x "$parley_root/$wrapper"
        args+=(-jvm "$parley_root/$wrapper")
    fi
    local log=${results%.json}.log
    echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); CPUs: $(nproc)${bench_pin:+; fork pinned to CPU $bench_pin}"
    echo "Running ${args[*]} $*  (log: $log)"
    if ! (cd "$parley_root" && "$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar "${args[@]}" "$@" > "$log" 2>&1)
    then
        tail -n 40 "$parley_root/$log" >&2
        echo "$script: JMH failed; full output in $log" >&2
        exit 1
    fi
    grep -E "^(Benchmark|$benchmark)" "$parley_root/$log" | grep -v -e ':gc.count' -e ':gc.time'
}
