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

bench_unit=req
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$bench_root

quick=0
if [[ ${1:-} == --quick ]]; then
    quick=1
    shift
fi
[[ $# -eq 0 ]] || { echo "usage: bench/run-transport.sh [--quick]" >&2; exit 2; }
bench_require sipp:sip-tester

if [[ $quick -eq 1 ]]; then
    STEP_SECONDS=3; START_RATE=2000; MIN_RATE=1000; MAX_RATE=8000; BISECTIONS=0; WARMUP_SECONDS=3
else
    STEP_SECONDS=10; START_RATE=4000; MIN_RATE=500; MAX_RATE=64000; BISECTIONS=3; WARMUP_SECONDS=10
fi
IO_THREADS=${IO_THREADS:-$(nproc)}
IO=${IO:-epoll}

cd "$root"
bench_build
bench_out=$root/bench/target/transport-$(date -u +%Y%m%dT%H%M%SZ)
out=$bench_out
mkdir -p "$out"

# Starts a server main class; sets bench_server_pid and server_ports (the line of its port file).
start_server() {
    local name=$1 main=$2
    shift 2
    BENCH_JAVA_OPTS="-Xms512m -Xmx512m" bench_start_java "$name" "$out/$name.port" "$main" "$@"
    server_ports=$(< "$bench_portfile")
}

port_of() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<< "$server_ports"; }

# run_step NAME RATE SECONDS SIPP_TRANSPORT PORT -> one SIPp step (bench_sipp_step) from a fresh local port
# (SIPp would take 5060, which another run may hold): prints a row, sets step_pass.
run_step() {
    local name=$1 rate=$2 secs=$3 transport=$4 port=$5
    bench_sipp_step "$name" "$rate" "$secs" "127.0.0.1:$port" -sf "$root/bench/sipp/options.xml" \
        -i 127.0.0.1 -p "$(bench_free_port)" -t "$transport"
}

bench_banner "Transport benchmark"
echo "Responder: IO=$IO IO_THREADS=$IO_THREADS"
echo "Results: $out"
echo
bench_row_header | tee "$out/steps.txt"

start_server echo org.parley.bench.transport.BareUdpEcho
run_step echo-warmup "$START_RATE" "$WARMUP_SECONDS" u1 "$(port_of udp)" > /dev/null
bench_search echo/UDP run_step "$STEP_SECONDS" u1 "$(port_of udp)"
echo_best=$best_row
bench_stop_server

start_server parley org.parley.bench.transport.TransportResponder "$IO_THREADS" "$IO"
echo "# responder: $server_ports" | tee -a "$out/steps.txt"
udp_port=$(port_of udp); tcp_port=$(port_of tcp)
# The JIT compiles the responder's path during warm-up steps on both transports (not counted).
run_step parley-warmup "$START_RATE" "$WARMUP_SECONDS" u1 "$udp_port" > /dev/null
run_step parley-warmup "$START_RATE" "$WARMUP_SECONDS" t1 "$tcp_port" > /dev/null
bench_search parley/UDP run_step "$STEP_SECONDS" u1 "$udp_port"
udp_best=$best_row
bench_search parley/TCP run_step "$STEP_SECONDS" t1 "$tcp_port"
tcp_best=$best_row

echo
echo "Best passing step of each (the table for docs/BENCHMARKS.md):"
bench_row_header
printf '%s\n%s\n%s\n' "$echo_best" "$udp_best" "$tcp_best"
echo_rate=$(awk '{ print $2 + 0 }' <<< "$echo_best")
udp_rate=$(awk '{ print $2 + 0 }' <<< "$udp_best")
awk -v e="$echo_rate" -v u="$udp_rate" 'BEGIN {
    if (e > 0) printf "Ratio parley/UDP : echo/UDP = %.0f%% (target >= 70%%, zero loss at that rate)\n", u / e * 100 }'
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# The responder logs its counters (received, malformed, handler failures) when it stops.
bench_stop_server
grep -h 'responder stopped' "$out/parley.log" || true
