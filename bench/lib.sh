# bench/lib.sh - what the SIPp load scripts (run-transport.sh, run-registrar.sh, run-proxy.sh) share: sourced,
# not run. The method is ../shared/BENCHMARKING.md's; docs/BENCHMARKS.md says what each script measures.
#
# Sourcing it finds a JDK 21 or newer (scripts/find-jdk.sh), sets bench_root (the repository root), bench_hz
# (clock ticks per second) and bench_ncpu, and installs an EXIT trap that stops every process given to
# bench_track (and closes the control FIFO of bench_start_java).
#
# The caller sets, before the step functions run:
#   bench_out                  the results directory (steps.txt and one directory per SIPp step go there)
#   bench_server_pid           the server whose CPU is measured (with its children: Kamailio forks workers)
#   STEP_SECONDS START_RATE MIN_RATE MAX_RATE BISECTIONS   the search (bench_search)
#   bench_unit                 what one SIPp call is, for the CPU column: "req", "reg", "call"
#   bench_peer_pid             optional: another load process (run-proxy.sh: the callee's SIPp) whose CPU
#                              is counted with SIPp's
#   BENCH_COOLDOWN             seconds to wait after a failed step before the next one (default 0), so that
#                              a collapsed step's backlog (lingering transactions, queued datagrams) does not
#                              fail the next
#   bench_call_seconds         how long one call lasts beyond its first exchange (run-proxy.sh: the pause
#                              between ACK and BYE), subtracted from the wall time for the achieved rate; 0 if unset
# and may define bench_step_check: called after each SIPp step with the step's directory, whatever it prints
# is added to the step's note and fails the step (run-proxy.sh: the callee's retransmissions).
#
# Functions:
#   bench_require CMD:PACKAGE ...   installs the Debian packages of the missing commands (or files, when CMD
#                                   starts with /) as root, or names them and exits 2
#   bench_build                     builds bench/target/benchmarks.jar (without tests); sets bench_jar
#   bench_track PID                 the EXIT trap stops PID
#   bench_free_port                 a random local port free on UDP and TCP
#   bench_tree_ticks PID            CPU ticks (utime+stime) of PID and its children
#   bench_machine_ticks             busy and total ticks of all CPUs
#   bench_banner TITLE              the first lines of a report: machine, JDK, SIPp, load average
#   bench_row_header                the header of the rows bench_sipp_step prints
#   bench_sipp_step NAME RATE SECS SIPP_ARGS...
#                                   runs SIPp at RATE calls/s for RATE x SECS calls with the common flags and
#                                   SIPP_ARGS (remote address, scenario, transport, ports), samples CPU inside
#                                   the step, prints a row and sets step_row and step_pass (1 when it passed)
#   bench_search NAME STEP_FN [ARGS...]
#                                   the rate search: STEP_FN NAME RATE ARGS... must run one step (as
#                                   bench_sipp_step does); doubling from START_RATE until a step fails (or
#                                   MAX_RATE), halving while the first fails (down to MIN_RATE), then
#                                   BISECTIONS bisections; sets best_row (the last passing step)
#   bench_start_kamailio NAME CFG PORT [KAMAILIO_ARGS...]
#                                   checks CFG, starts Kamailio in the foreground (-DD -E), waits for
#                                   127.0.0.1:PORT over UDP; sets bench_server_pid
#   bench_start_java NAME PORTFILE MAIN [ARGS...]
#                                   starts MAIN from bench_jar with BENCH_JAVA_OPTS, its standard input a
#                                   FIFO held open on fd 3, and waits (30 s at most) for PORTFILE; sets
#                                   bench_server_pid and bench_portfile
#   bench_ask COMMAND               writes COMMAND to the Java server, prints its one-line answer from
#                                   PORTFILE.reply (waits 300 s at most)
#   bench_stop_server               stops bench_server_pid (and closes fd 3)
# shellcheck shell=bash

bench_root=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/find-jdk.sh
source "$bench_root/scripts/find-jdk.sh"
parley_find_jdk || exit $?

bench_hz=$(getconf CLK_TCK)
bench_ncpu=$(nproc)
bench_unit=${bench_unit:-req}
bench_call_seconds=${bench_call_seconds:-0}
bench_pids=()

bench_cleanup() {
    local p
    exec 3>&- 2> /dev/null || true
    for p in "${bench_pids[@]}"; do
        kill "$p" 2> /dev/null || true
    done
    for p in "${bench_pids[@]}"; do
        wait "$p" 2> /dev/null || true
    done
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

bench_track() { bench_pids+=("$1"); }

bench_require() {
    local item cmd pkg missing=()
    for item in "$@"; do
        cmd=${item%%:*}
        pkg=${item#*:}
        if [[ $cmd == /* ]]; then
            [[ -e $cmd ]] || missing+=("$pkg")
        else
            command -v "$cmd" > /dev/null || missing+=("$pkg")
        fi
    done
    [[ ${#missing[@]} -eq 0 ]] && return
    if [[ $(id -u) -ne 0 ]]; then
        echo "$(basename "$0"): needs ${missing[*]}: apt-get install -y ${missing[*]} (as root)" >&2
        exit 2
    fi
    echo "Installing ${missing[*]} from Debian"
    apt-get update -qq > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
    # The Debian package starts a Kamailio service on 5060: stop it again.
    if [[ " ${missing[*]} " == *" kamailio "* ]] && command -v service > /dev/null; then
        service kamailio stop < /dev/null > /dev/null 2>&1 || true
    fi
}

bench_build() {
    (cd "$bench_root" && ./mvnw -q -B -ntp -pl bench -am package -DskipTests)
    bench_jar=$bench_root/bench/target/benchmarks.jar
}

bench_free_port() {
    local p used
    used=$(ss -Htuan | awk '{ n = split($5, a, ":"); print a[n] }' | sort -u)
    for ((;;)); do
        p=$((20000 + RANDOM % 20000))
        grep -qx "$p" <<< "$used" || { echo "$p"; return; }
    done
}

bench_tree_ticks() {
    local total=0 p
    for p in $1 $(pgrep -P "$1" 2> /dev/null || true); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2> /dev/null || echo 0)))
    done
    echo "$total"
}

# CPU ticks of the load: SIPp (PID) and bench_peer_pid when set.
bench_load_ticks() {
    local ticks
    ticks=$(bench_tree_ticks "$1")
    [[ -n ${bench_peer_pid:-} ]] && ticks=$((ticks + $(bench_tree_ticks "$bench_peer_pid")))
    echo "$ticks"
}

bench_machine_ticks() { awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9 }' /proc/stat; }

bench_banner() {
    echo "$1, $(date -u '+%Y-%m-%d %H:%M UTC'); $(uname -r); CPUs: $bench_ncpu;" \
        "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
    echo "SIPp: $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -n 1); steps of ${STEP_SECONDS} s from ${START_RATE}/s" \
        "(max ${MAX_RATE}/s, ${BISECTIONS} bisections); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "CPU columns: % of one core, sampled inside each step; oth% = the rest of the machine (other load);" \
        "us/$bench_unit = the server's CPU time per $bench_unit."
}

bench_row_header() {
    printf '%-14s %7s %6s %8s %6s %5s %6s %6s %6s %7s %5s %5s %5s %4s %4s  %s\n' server target calls \
        achieved failed retr 'srv%' 'sipp%' 'oth%' "us/$bench_unit" p50ms p99ms max rc pass note
}

# shellcheck disable=SC2154 # bench_out is the caller's
bench_sipp_step() {
    local name=$1 rate=$2 secs=$3
    shift 3
    local dir=$bench_out/${name//\//-}-$rate-$RANDOM calls=$((rate * secs))
    mkdir -p "$dir"
    local t0 t1 t2 t3 s0 s1 p0 p1 m0 m1 rc=0 sipp_pid rtt_freq=1000
    # SIPp writes response times in batches of -rtt_freq calls and drops the last partial batch.
    ((calls % 1000 == 0)) || rtt_freq=$((calls % 100 == 0 ? 100 : calls))
    t0=$(date +%s.%N)
    (cd "$dir" && { ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)"; } && exec sipp "$@" \
        -r "$rate" -rp 1000 -m "$calls" -nostdin \
        -buff_size 4194304 -trace_stat -fd 1 -stf stat.csv -trace_rtt -rtt_freq "$rtt_freq" \
        -trace_err -error_file errors.log -max_log_size 1000000 \
        -timeout "$((secs + ${bench_call_seconds%.*} + 21))s" -timeout_error > sipp.out 2>&1) &
    sipp_pid=$!
    bench_track "$sipp_pid"
    sleep 1
    s0=$(bench_tree_ticks "$bench_server_pid"); p0=$(bench_load_ticks "$sipp_pid"); m0=$(bench_machine_ticks)
    t1=$(date +%s.%N)
    sleep "$((secs > 2 ? secs - 2 : 1))"
    s1=$(bench_tree_ticks "$bench_server_pid"); p1=$(bench_load_ticks "$sipp_pid"); m1=$(bench_machine_ticks)
    t2=$(date +%s.%N)
    wait "$sipp_pid" || rc=$?
    t3=$(date +%s.%N)

    # The counters from SIPp's last statistics line (fixed columns in SIPp 3.6: 16 SuccessfulCall(C),
    # 18 FailedCall(C), 58 Retransmissions(C)); percentiles of response time 1 (-trace_rtt: date;ms;rtd).
    local stat ok failed retr rtt p50 p99 max extra=''
    stat=$(tail -n 1 "$dir/stat.csv" 2> /dev/null || true)
    ok=$(awk -F';' '{ print $16 + 0 }' <<< "$stat")
    failed=$(awk -F';' '{ print $18 + 0 }' <<< "$stat")
    retr=$(awk -F';' '{ print $58 + 0 }' <<< "$stat")
    rtt=$(cat "$dir"/*_rtt.csv 2> /dev/null | awk -F';' 'NR > 1 && $2 ~ /^[0-9.]+$/ && $3 == 1 { print $2 }' \
        | sort -n | awk '{ v[NR] = $1 } END {
            if (NR == 0) { print "- - -"; exit }
            i50 = int(NR * 0.50 + 0.999999); i99 = int(NR * 0.99 + 0.999999)
            print v[i50], v[i99], v[NR] }' || true)
    read -r p50 p99 max <<< "$rtt"
    if declare -F bench_step_check > /dev/null; then
        extra=$(bench_step_check "$dir")
    fi

    step_row=$(awk -v name="$name" -v rate="$rate" -v calls="$calls" -v ok="$ok" \
        -v failed="$failed" -v retr="$retr" -v rc="$rc" -v hz="$bench_hz" -v ncpu="$bench_ncpu" \
        -v hold="$bench_call_seconds" -v extra="$extra" \
        -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v s0="$s0" -v s1="$s1" -v p0="$p0" -v p1="$p1" \
        -v m0="$m0" -v m1="$m1" -v p50="$p50" -v p99="$p99" -v max="$max" 'BEGIN {
            split(m0, a, " "); split(m1, b, " ")
            dt = t2 - t1; wall = t3 - t0 - hold
            srv = (s1 - s0) / hz / dt * 100; sipp = (p1 - p0) / hz / dt * 100
            all = (b[2] - a[2]) > 0 ? (b[1] - a[1]) / (b[2] - a[2]) * ncpu * 100 : 0
            oth = all - srv - sipp; if (oth < 0) oth = 0
            achieved = wall > 0 ? ok / wall : 0
            us = achieved > 0 ? (s1 - s0) / hz / (achieved * dt) * 1e6 : 0
            note = ""
            if (rc != 0) note = note "sipp-exit;"
            if (failed > 0) note = note "failed;"
            if (retr > 0) note = note "retransmissions;"
            if (ok < calls) note = note "incomplete;"
            if (achieved < 0.97 * rate) note = note "slow;"
            if (p99 == "-" || p99 + 0 > 100) note = note "p99>100ms;"
            note = note extra
            pass = note == "" ? "yes" : "no"
            printf "%-14s %7d %6d %8.0f %6d %5d %6.0f %6.0f %6.0f %7.1f %5s %5s %5s %4d %4s  %s\n",
                name, rate, calls, achieved, failed, retr, srv, sipp, oth, us, p50, p99, max, rc, pass, note
        }')
    echo "$step_row"
    echo "$step_row" >> "$bench_out/steps.txt"
    [[ $step_row == *' yes  '* ]] && step_pass=1 || step_pass=0
    if [[ $step_pass -eq 0 && ${BENCH_COOLDOWN:-0} -gt 0 ]]; then
        sleep "$BENCH_COOLDOWN"
    fi
    return 0
}

# shellcheck disable=SC2034 # best_row is for the caller
bench_search() {
    local name=$1 fn=$2 rate=$START_RATE good=0 bad=0 i
    shift 2
    best_row="$(printf '%-14s' "$name") no passing step"
    while :; do
        "$fn" "$name" "$rate" "$@"
        if [[ $step_pass -eq 1 ]]; then
            good=$rate; best_row=$step_row
            [[ $((rate * 2)) -le $MAX_RATE ]] || break
            rate=$((rate * 2))
        else
            bad=$rate
            break
        fi
    done
    while [[ $good -eq 0 && $rate -gt $MIN_RATE ]]; do
        rate=$((rate / 2))
        "$fn" "$name" "$rate" "$@"
        if [[ $step_pass -eq 1 ]]; then good=$rate; best_row=$step_row; else bad=$rate; fi
    done
    if [[ $bad -gt 0 && $good -gt 0 ]]; then
        for ((i = 0; i < BISECTIONS; i++)); do
            rate=$(((good + bad) / 2 / 100 * 100))
            [[ $rate -gt $good && $rate -lt $bad ]] || break
            "$fn" "$name" "$rate" "$@"
            if [[ $step_pass -eq 1 ]]; then good=$rate; best_row=$step_row; else bad=$rate; fi
        done
    fi
}

bench_start_kamailio() {
    local name=$1 cfg=$2 port=$3
    shift 3
    kamailio -c -f "$cfg" > "$bench_out/$name-check.log" 2>&1 \
        || { cat "$bench_out/$name-check.log" >&2; echo "Kamailio rejects $cfg" >&2; exit 1; }
    # No -w: Kamailio works in /, and db_sqlite reads the path after "sqlite://" relative to it.
    kamailio -DD -E -f "$cfg" "$@" > "$bench_out/$name.log" 2>&1 &
    bench_server_pid=$!
    bench_track "$bench_server_pid"
    local i
    for ((i = 0; i < 100; i++)); do
        ss -Huan | awk '{ print $4 }' | grep -qx "127.0.0.1:$port" && break
        kill -0 "$bench_server_pid" 2> /dev/null \
            || { cat "$bench_out/$name.log" >&2; echo "Kamailio died" >&2; exit 1; }
        sleep 0.1
    done
    # A worker that fails to start leaves the main process spinning without answering: refuse to measure it.
    sleep 1
    if grep -q -E 'CRITICAL|ERROR' "$bench_out/$name.log"; then
        grep -m 5 -E 'CRITICAL|ERROR' "$bench_out/$name.log" >&2
        echo "Kamailio failed to start; see $bench_out/$name.log" >&2
        exit 1
    fi
}

bench_start_java() {
    local name=$1 portfile=$2 main=$3 ctl=$2.ctl
    shift 3
    rm -f "$portfile" "$ctl"
    mkfifo "$ctl"
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$bench_jar" "$main" \
        "$portfile" "$@" < "$ctl" 2> "$bench_out/$name.log" &
    bench_server_pid=$!
    bench_track "$bench_server_pid"
    exec 3> "$ctl"
    local i
    for ((i = 0; i < 300; i++)); do
        [[ -s $portfile ]] && break
        kill -0 "$bench_server_pid" 2> /dev/null || { cat "$bench_out/$name.log" >&2; echo "$name died" >&2; exit 1; }
        sleep 0.1
    done
    [[ -s $portfile ]] || { echo "$name did not start within 30 s" >&2; exit 1; }
    bench_portfile=$portfile
}

bench_ask() {
    local reply=$bench_portfile.reply i
    rm -f "$reply"
    echo "$1" >&3
    for ((i = 0; i < 3000; i++)); do
        [[ -s $reply ]] && { cat "$reply"; return; }
        sleep 0.1
    done
    echo "the server did not answer '$1' within 300 s" >&2
    exit 1
}

bench_stop_server() {
    exec 3>&- 2> /dev/null || true
    kill "$bench_server_pid" 2> /dev/null || true
    wait "$bench_server_pid" 2> /dev/null || true
}
