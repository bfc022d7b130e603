#!/usr/bin/env bash
# bench/run-transport.sh - the transport benchmark of issue #3: Parley's SIP responder on
# NettyTransportLayer against a bare UDP echo (the ceiling of this rig), both loaded by SIPp with
# OPTIONS (bench/sipp/options.xml) on 127.0.0.1.
#
# Builds bench/target/benchmarks.jar, then for each of
#   echo/UDP       BareUdpEcho: one thread, blocking JDK DatagramChannel, fixed 200 OK template
#   parley/UDP     TransportResponder over UDP (SIPp -t u1)
#   parley/TCP     TransportResponder over TCP (SIPp -t t1, one connection)
# steps SIPp's rate as docs/BENCHMARKING.md says: doubling from START_RATE until a step fails (or
# MAX_RATE), or halving when the first step fails, then bisecting between the last pass and the
# first failure. A step of R calls/s runs
# R x STEP_SECONDS calls and passes only if SIPp exits 0, no call failed, there was no retransmission,
# every call succeeded, the achieved rate (calls / wall time of the SIPp run) is >= 97% of R (so
# the run ended on time, without backlog), and p99 of the response time is <= 100 ms.
#
# During each step, between 1 s after the start and 1 s before the planned end, it samples
# /proc/PID/stat (utime+stime) of the server and of SIPp and /proc/stat for the whole machine, and
# prints CPU as % of one core: server, SIPp, and everything else on the machine ("other", which
# should stay under ~10% for a clean figure), plus the server's CPU time per request. p50/p99/max
# come from SIPp's per-call response times (-trace_rtt; SIPp's clock ticks in ~4 ms steps here).
#
# Usage: bench/run-transport.sh [--quick]
#   --quick   smoke run: 3 s steps, at most 2 doublings, no bisection (~1.5 min with the build)
# The full run takes at most about 10 minutes. Everything it starts is stopped on exit (trap).
# Results stay in bench/target/transport-<time>/ (SIPp's stat, rtt and error files per step).
# Environment: IO_THREADS (responder event loops, default: number of cores), IO=epoll|nio.
set -euo pipefail

root=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/find-jdk.sh
source "$root/scripts/find-jdk.sh"
parley_find_jdk || exit $?

quick=0
if [[ ${1:-} == --quick ]]; then
    quick=1
    shift
fi
[[ $# -eq 0 ]] || { echo "usage: bench/run-transport.sh [--quick]" >&2; exit 2; }
command -v sipp > /dev/null || { echo "run-transport.sh: needs SIPp: apt-get install -y sip-tester" >&2; exit 2; }

if [[ $quick -eq 1 ]]; then
    STEP_SECONDS=3; START_RATE=2000; MIN_RATE=1000; MAX_RATE=8000; BISECTIONS=0; WARMUP_SECONDS=3
else
    STEP_SECONDS=10; START_RATE=4000; MIN_RATE=500; MAX_RATE=64000; BISECTIONS=3; WARMUP_SECONDS=10
fi
IO_THREADS=${IO_THREADS:-$(nproc)}
IO=${IO:-epoll}
HZ=$(getconf CLK_TCK)
NCPU=$(nproc)

cd "$root"
./mvnw -q -B -ntp -pl bench -am package -DskipTests
jar=$root/bench/target/benchmarks.jar
out=$root/bench/target/transport-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"

pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do
        kill "$p" 2> /dev/null || true
    done
    for p in "${pids[@]}"; do
        wait "$p" 2> /dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts a server main class; sets server_pid and server_ports (the line of its port file).
start_server() {
    local name=$1 main=$2 portfile=$out/$1.port
    shift 2
    rm -f "$portfile"
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xms512m -Xmx512m -cp "$jar" "$main" "$portfile" "$@" \
        2> "$out/$name.log" &
    server_pid=$!
    pids+=("$server_pid")
    local i
    for ((i = 0; i < 150; i++)); do
        [[ -s $portfile ]] && break
        kill -0 "$server_pid" 2> /dev/null || { cat "$out/$name.log" >&2; echo "$name died" >&2; exit 1; }
        sleep 0.1
    done
    [[ -s $portfile ]] || { echo "$name did not start within 15 s" >&2; exit 1; }
    server_ports=$(< "$portfile")
}

port_of() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<< "$server_ports"; }

# A local port for SIPp free on both UDP and TCP (SIPp would take 5060, which another run may hold).
free_port() {
    local p used
    used=$(ss -Htuan | awk '{ n = split($5, a, ":"); print a[n] }' | sort -u)
    for ((;;)); do
        p=$((20000 + RANDOM % 20000))
        grep -qx "$p" <<< "$used" || { echo "$p"; return; }
    done
}

proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2> /dev/null || echo 0; }
# Busy and total jiffies of all CPUs.
machine_ticks() { awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9 }' /proc/stat; }

row_header() {
    printf '%-11s %7s %6s %8s %8s %5s %6s %6s %6s %6s %6s %7s %4s %4s %5s  %s\n' server target calls \
        achieved failed retr 'srv%' 'sipp%' 'oth%' 'us/req' p50ms p99ms max rc pass note
}

# run_step NAME SIPP_TRANSPORT PORT RATE SECONDS -> prints a row, sets step_pass (0/1) and step_row.
run_step() {
    local name=$1 transport=$2 port=$3 rate=$4 secs=$5
    local dir=$out/$name-$rate-$RANDOM calls=$((rate * secs)) lport
    mkdir -p "$dir"
    lport=$(free_port)
    local t0 t1 s0 s1 p0 p1 m0 m1 rc=0 sipp_pid
    t0=$(date +%s.%N)
    (cd "$dir" && { ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)"; } && exec sipp "127.0.0.1:$port" -sf "$root/bench/sipp/options.xml" \
        -i 127.0.0.1 -p "$lport" -t "$transport" -r "$rate" -rp 1000 -m "$calls" -nostdin \
        -buff_size 4194304 -trace_stat -fd 1 -stf stat.csv -trace_rtt -rtt_freq 1000 \
        -trace_err -error_file errors.log -max_log_size 1000000 \
        -timeout "$((secs + 20))s" -timeout_error > sipp.out 2>&1) &
    sipp_pid=$!
    pids+=("$sipp_pid")
    sleep 1
    s0=$(proc_ticks "$server_pid"); p0=$(proc_ticks "$sipp_pid"); m0=$(machine_ticks); t1=$(date +%s.%N)
    sleep "$((secs > 2 ? secs - 2 : 1))"
    s1=$(proc_ticks "$server_pid"); p1=$(proc_ticks "$sipp_pid"); m1=$(machine_ticks)
    local t2
    t2=$(date +%s.%N)
    wait "$sipp_pid" || rc=$?
    local t3
    t3=$(date +%s.%N)

    local stat created ok failed retr rtt
    stat=$(tail -n 1 "$dir/stat.csv" 2> /dev/null || true)
    created=$(awk -F';' '{ print $13 + 0 }' <<< "$stat")
    ok=$(awk -F';' '{ print $16 + 0 }' <<< "$stat")
    failed=$(awk -F';' '{ print $18 + 0 }' <<< "$stat")
    retr=$(awk -F';' '{ print $58 + 0 }' <<< "$stat")
    rtt=$(cat "$dir"/options_*_rtt.csv 2> /dev/null | awk -F';' 'NR > 1 && $2 ~ /^[0-9.]+$/ { print $2 }' \
        | sort -n | awk '{ v[NR] = $1 } END {
            if (NR == 0) { print "- - -"; exit }
            i50 = int(NR * 0.50 + 0.999999); i99 = int(NR * 0.99 + 0.999999)
            print v[i50], v[i99], v[NR] }' || true)
    local p50 p99 max
    read -r p50 p99 max <<< "$rtt"

    step_row=$(awk -v name="$name" -v rate="$rate" -v calls="$calls" -v ok="$ok" -v created="$created" \
        -v failed="$failed" -v retr="$retr" -v rc="$rc" -v hz="$HZ" -v ncpu="$NCPU" \
        -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v s0="$s0" -v s1="$s1" -v p0="$p0" -v p1="$p1" \
        -v m0="$m0" -v m1="$m1" -v p50="$p50" -v p99="$p99" -v max="$max" 'BEGIN {
            split(m0, a, " "); split(m1, b, " ")
            dt = t2 - t1; wall = t3 - t0
            srv = (s1 - s0) / hz / dt * 100; sipp = (p1 - p0) / hz / dt * 100
            all = (b[2] - a[2]) > 0 ? (b[1] - a[1]) / (b[2] - a[2]) * ncpu * 100 : 0
            oth = all - srv - sipp; if (oth < 0) oth = 0
            achieved = wall > 0 ? ok / wall : 0
            usreq = achieved > 0 ? (s1 - s0) / hz / (achieved * dt) * 1e6 : 0
            note = ""
            if (rc != 0) note = note "sipp-exit;"
            if (failed > 0) note = note "failed;"
            if (retr > 0) note = note "retransmissions;"
            if (ok < calls) note = note "incomplete;"
            if (achieved < 0.97 * rate) note = note "slow;"
            if (p99 == "-" || p99 + 0 > 100) note = note "p99>100ms;"
            pass = note == "" ? "yes" : "no"
            printf "%-11s %7d %6d %8.0f %8d %5d %6.0f %6.0f %6.0f %6.1f %6s %6s %4s %4d %5s  %s\n",
                name, rate, calls, achieved, failed, retr, srv, sipp, oth, usreq, p50, p99, max, rc, pass, note
        }')
    echo "$step_row"
    echo "$step_row" >> "$out/steps.txt"
    [[ $step_row == *' yes  '* ]] && step_pass=1 || step_pass=0
}

# search NAME SIPP_TRANSPORT PORT -> doubling then bisection; sets best_row (last passing step).
search() {
    local name=$1 transport=$2 port=$3 rate=$START_RATE good=0 bad=0 i
    best_row="$(printf '%-11s' "$name") no passing step"
    while :; do
        run_step "$name" "$transport" "$port" "$rate" "$STEP_SECONDS"
        if [[ $step_pass -eq 1 ]]; then
            good=$rate; best_row=$step_row
            [[ $((rate * 2)) -le $MAX_RATE ]] || break
            rate=$((rate * 2))
        else
            bad=$rate
            break
        fi
    done
    # A failing first step: halve (down to MIN_RATE) until one passes, then bisect as usual.
    while [[ $good -eq 0 && $rate -gt $MIN_RATE ]]; do
        rate=$((rate / 2))
        run_step "$name" "$transport" "$port" "$rate" "$STEP_SECONDS"
        if [[ $step_pass -eq 1 ]]; then good=$rate; best_row=$step_row; else bad=$rate; fi
    done
    if [[ $bad -gt 0 && $good -gt 0 ]]; then
        for ((i = 0; i < BISECTIONS; i++)); do
            rate=$(((good + bad) / 2 / 100 * 100))
            [[ $rate -gt $good && $rate -lt $bad ]] || break
            run_step "$name" "$transport" "$port" "$rate" "$STEP_SECONDS"
            if [[ $step_pass -eq 1 ]]; then good=$rate; best_row=$step_row; else bad=$rate; fi
        done
    fi
}

echo "Transport benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'); $(uname -r); CPUs: $NCPU;" \
    "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "SIPp: $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -n 1); steps of ${STEP_SECONDS} s;" \
    "responder: IO=$IO IO_THREADS=$IO_THREADS; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "CPU columns: % of one core, sampled inside each step; oth% = the rest of the machine (other load)."
echo "Results: $out"
echo
row_header | tee "$out/steps.txt"

start_server echo org.parley.bench.transport.BareUdpEcho
echo_pid=$server_pid
run_step echo-warmup u1 "$(port_of udp)" "$START_RATE" "$WARMUP_SECONDS" > /dev/null
search echo/UDP u1 "$(port_of udp)"
echo_best=$best_row
kill "$echo_pid"; wait "$echo_pid" 2> /dev/null || true

start_server parley org.parley.bench.transport.TransportResponder "$IO_THREADS" "$IO"
echo "# responder: $server_ports" | tee -a "$out/steps.txt"
udp_port=$(port_of udp); tcp_port=$(port_of tcp)
# The JIT compiles the responder's path during warm-up steps on both transports (not counted).
run_step parley-warmup u1 "$udp_port" "$START_RATE" "$WARMUP_SECONDS" > /dev/null
run_step parley-warmup t1 "$tcp_port" "$START_RATE" "$WARMUP_SECONDS" > /dev/null
search parley/UDP u1 "$udp_port"
udp_best=$best_row
search parley/TCP t1 "$tcp_port"
tcp_best=$best_row

echo
echo "Best passing step of each (the table for docs/BENCHMARKS.md):"
row_header
printf '%s\n%s\n%s\n' "$echo_best" "$udp_best" "$tcp_best"
echo_rate=$(awk '{ print $2 + 0 }' <<< "$echo_best")
udp_rate=$(awk '{ print $2 + 0 }' <<< "$udp_best")
awk -v e="$echo_rate" -v u="$udp_rate" 'BEGIN {
    if (e > 0) printf "Ratio parley/UDP : echo/UDP = %.0f%% (target >= 70%%, zero loss at that rate)\n", u / e * 100 }'
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# The responder logs its counters (received, malformed, handler failures) when it stops.
kill "$server_pid"; wait "$server_pid" 2> /dev/null || true
grep -h 'responder stopped' "$out/parley.log" || true
