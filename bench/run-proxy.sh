#!/usr/bin/env bash
# bench/run-proxy.sh - the proxy benchmark of issue #7: Parley's transaction-stateful proxy
# (org.parley.bench.proxy.ProxyServer: org.parley.proxy.core.Proxy on TransactionLayer over NettyTransportLayer
# UDP and TCP, Registrar and MemoryLocationStore, Record-Route on, no authentication) against Kamailio as a
# transaction-stateful proxy (tm, sl, rr with record_route, maxfwd, registrar + usrloc in memory, no auth),
# each in front of the same SIPp callee and loaded by the same SIPp caller, all on 127.0.0.1:
#   bench/sipp/call-register.xml  run once before the load: registers the callee as sip:service@DOMAIN
#   bench/sipp/call-uas.xml       the callee: 180, 200 (Record-Route copied), takes the ACK, answers the BYE
#   bench/sipp/call-uac.xml       the caller: INVITE -> 100/180 -> 200 -> ACK -> pause (PAUSE_MS) -> BYE -> 200,
#                                 ACK and BYE routed back through the proxy by the Record-Route it added
# Over UDP (SIPp -t u1) and then over TCP (SIPp -t t1: one connection from the caller to the proxy, one from
# the proxy to the callee; SIPP_TCP=tn gives the caller one connection per call).
# Installs kamailio and sip-tester from Debian when missing (needs root).
#
# For each transport, each proxy is started, the callee registered and started, a warm-up step run (not
# counted), and then SIPp's call rate is stepped as ../shared/BENCHMARKING.md says: doubling from START_RATE
# until a step fails (or MAX_RATE), halving while the first step fails, then bisecting. A step of R calls/s
# runs R x STEP_SECONDS calls and passes only if the caller's SIPp exits 0, no call failed, neither the caller
# nor the callee retransmitted anything (INVITE, BYE, or the callee's 200 waiting for its ACK), every call
# completed, the achieved rate is >= 97% of R (calls / (wall time - PAUSE_MS)) and p99 of the call-setup
# time (INVITE to 200, as the caller sees it: SIPp's response time 1) is <= 100 ms.
#
# CPU: utime+stime of the proxy's process tree (Kamailio forks workers; Parley is one JVM, its GC and JIT
# threads included) and of both SIPp, from /proc/PID/stat, sampled from 1 s after a step's start to 1 s
# before its planned end; "sipp%" counts both SIPp (caller and callee), "oth%" is the rest of the machine,
# which should stay under ~10% for a clean figure; us/call is the proxy's CPU time per call (INVITE, 180,
# 200, ACK, BYE and its 200: six messages in, six out).
# Heap per live call (Parley): a fresh Parley JVM (G1, HEAP_JAVA_OPTS) takes HEAP_CALLS calls at
# HEAP_RATE/s that stay up HEAP_HOLD_S seconds; once all are up and their INVITE transactions have ended
# (RFC 6026 Timer L/M: 32 s), it reports the heap in use after GC and its live calls; after the BYEs and their
# transactions, again; the difference / calls is the heap per live call.
# PROFILE=1 records Parley's UDP search with JFR (bench/target/proxy-*/parley-udp.jfr) and prints the
# methods on top of the most execution samples, and the most sampled Parley frames anywhere on the stack.
#
# Usage: bench/run-proxy.sh [--quick]
#   --quick   smoke run: 5 s warm-up, 3 s steps 1,000 -> 4,000/s, no bisection, a smaller heap measurement
# The full run takes about 25-40 minutes (15-20 without failed steps to cool down after). Everything it starts is
# stopped on exit (trap).
# Results stay in bench/target/proxy-<time>/ (configs, logs, SIPp's stat, rtt and error files of every step).
# Environment: TRANSPORTS (default "udp tcp"; "none" for the heap measurement alone), SERVERS (default
# "kamailio parley"), PAUSE_MS (the caller's pause between ACK and BYE, default 1000), SIPP_TCP (t1 or tn,
# default t1), KAMAILIO_CHILDREN (UDP and
# TCP workers each, default 2), KAMAILIO_SHM (MiB, default 1024), IO_THREADS and LANES (Parley's event
# loops and transaction lanes, default 1 each: SIPp needs most of one of the 2 cores), PARLEY_HEAP
# (default 2g), PARLEY_JAVA_OPTS (default -XX:+UseZGC), HEAP=0 to skip the heap measurement, HEAP_CALLS,
# HEAP_RATE, HEAP_HOLD_S, HEAP_JAVA_OPTS, PROFILE=1, DOMAIN (default example.com), BENCH_COOLDOWN (seconds
# after a failed step, default 35, 0 with --quick).
set -euo pipefail

PAUSE_MS=${PAUSE_MS:-1000}
bench_unit=call
bench_call_seconds=$(awk -v ms="$PAUSE_MS" 'BEGIN { print ms / 1000 }')
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$bench_root

quick=0
if [[ ${1:-} == --quick ]]; then
    quick=1
    shift
fi
[[ $# -eq 0 ]] || { echo "usage: bench/run-proxy.sh [--quick]" >&2; exit 2; }

if [[ $quick -eq 1 ]]; then
    STEP_SECONDS=3; START_RATE=1000; MIN_RATE=125; MAX_RATE=4000; BISECTIONS=0; WARMUP_SECONDS=5
    HEAP_CALLS=${HEAP_CALLS:-2000}
else
    STEP_SECONDS=10; START_RATE=1000; MIN_RATE=125; MAX_RATE=32000; BISECTIONS=3; WARMUP_SECONDS=20
    HEAP_CALLS=${HEAP_CALLS:-10000}
fi
WARMUP_RATE=${WARMUP_RATE:-500}
# After a failed step, wait for its transactions to end (Timers L, M and J: 32 s) before the next: a collapsed
# step left Parley with 8,700 live contexts and both proxies failing the next, lower steps on its backlog.
BENCH_COOLDOWN=${BENCH_COOLDOWN:-$((quick == 1 ? 0 : 35))}
TRANSPORTS=${TRANSPORTS:-udp tcp}
SERVERS=${SERVERS:-kamailio parley}
SIPP_TCP=${SIPP_TCP:-t1}
KAMAILIO_CHILDREN=${KAMAILIO_CHILDREN:-2}
KAMAILIO_SHM=${KAMAILIO_SHM:-1024}
IO_THREADS=${IO_THREADS:-1}
LANES=${LANES:-1}
PARLEY_HEAP=${PARLEY_HEAP:-2g}
# ZGC, as the registrar benchmark found: a stateful proxy keeps every INVITE server transaction 32 s after its
# 2xx (RFC 6026 Timer L) and every BYE's 32 s (Timer J), which G1's young collections copy again and again.
PARLEY_JAVA_OPTS=${PARLEY_JAVA_OPTS:--XX:+UseZGC}
HEAP=${HEAP:-1}
HEAP_RATE=${HEAP_RATE:-500}
# Calls must outlive their INVITE transactions (32 s) plus the time to start them all and to read the heap.
HEAP_HOLD_S=${HEAP_HOLD_S:-$((HEAP_CALLS / HEAP_RATE + 75))}
# G1 for the heap reading: ZGC counts used heap in whole pages, which hides a few MB of calls.
HEAP_JAVA_OPTS=${HEAP_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}
PROFILE=${PROFILE:-0}
DOMAIN=${DOMAIN:-example.com}
[[ $SIPP_TCP == t1 || $SIPP_TCP == tn ]] || { echo "SIPP_TCP must be t1 or tn, was '$SIPP_TCP'" >&2; exit 2; }

bench_require sipp:sip-tester kamailio:kamailio

cd "$root"
bench_build
bench_out=$root/bench/target/proxy-$(date -u +%Y%m%dT%H%M%SZ)
out=$bench_out
mkdir -p "$out"

# kamailio_config PORT -> path of the config: a transaction-stateful proxy (tm) with record-routing and an
# in-memory registrar, listening on PORT over UDP and TCP; in the spirit of Kamailio's default config with
# everything that is not routing left out (no auth, no NAT helpers, no dialog tracking, no accounting).
kamailio_config() {
    local port=$1 cfg=$out/kamailio.cfg
    cat > "$cfg" << EOF
#!KAMAILIO
# Written by bench/run-proxy.sh: a transaction-stateful record-routing proxy with in-memory usrloc.
debug=0
log_stderror=yes
auto_aliases=no
alias="$DOMAIN"
dns=no
rev_dns=no
listen=udp:127.0.0.1:$port
listen=tcp:127.0.0.1:$port
tcp_children=$KAMAILIO_CHILDREN
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "maxfwd.so"
loadmodule "pv.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
# usrloc in memory only.
modparam("usrloc", "db_mode", 0)

request_route {
    if (!mf_process_maxfwd_header("10")) {
        sl_send_reply("483", "Too Many Hops");
        exit;
    }
    # In-dialog requests (ACK, BYE) follow the Route set our Record-Route made (RFC 3261 §16.4, §16.12).
    if (has_totag()) {
        if (loose_route()) {
            if (!t_relay()) {
                sl_reply_error();
            }
            exit;
        }
        if (is_method("ACK")) {
            if (t_check_trans()) {
                t_relay();
            }
            exit;
        }
        sl_send_reply("404", "Not here");
        exit;
    }
    if (is_method("CANCEL")) {
        if (t_check_trans()) {
            t_relay();
        }
        exit;
    }
    # Absorbs retransmissions of requests that already have a transaction.
    t_check_trans();
    if (is_method("REGISTER")) {
        if (!save("location")) {
            sl_reply_error();
        }
        exit;
    }
    if (is_method("INVITE|SUBSCRIBE")) {
        record_route();
    }
    if (!lookup("location")) {
        sl_send_reply("404", "Not Found");
        exit;
    }
    if (!t_relay()) {
        sl_reply_error();
    }
    exit;
}
EOF
    echo "$cfg"
}

# start_proxy SERVER [JAVA_OPTS] -> starts it; sets udp_port, tcp_port (and bench_server_pid).
start_proxy() {
    local server=$1
    if [[ $server == kamailio ]]; then
        local port cfg
        port=$(bench_free_port)
        cfg=$(kamailio_config "$port")
        bench_start_kamailio kamailio "$cfg" "$port" -m "$KAMAILIO_SHM" -n "$KAMAILIO_CHILDREN"
        udp_port=$port; tcp_port=$port
    else
        local name=$server
        BENCH_JAVA_OPTS=$2 bench_start_java "$name" "$out/$name.port" org.parley.bench.proxy.ProxyServer \
            --domain "$DOMAIN" --io-threads "$IO_THREADS" --lanes "$LANES"
        udp_port=$(sed -n 's/.*udp=\([0-9]*\).*/\1/p' "$bench_portfile")
        tcp_port=$(sed -n 's/.*tcp=\([0-9]*\).*/\1/p' "$bench_portfile")
    fi
}

# start_callee NAME TRANSPORT -> registers sip:service@DOMAIN at the proxy (over UDP, from the callee's port,
# Contact ;transport=udp|tcp) and starts the callee's SIPp on that port; sets uas_pid and uas_dir.
start_callee() {
    local name=$1 transport=$2 port sipp_t=u1 rc=0
    [[ $transport == tcp ]] && sipp_t=t1
    port=$(bench_free_port)
    uas_dir=$out/$name-callee
    mkdir -p "$uas_dir"
    (cd "$uas_dir" && exec sipp "127.0.0.1:$udp_port" -sf "$root/bench/sipp/call-register.xml" -key domain "$DOMAIN" \
        -key contact_transport "$transport" -i 127.0.0.1 -p "$port" -t u1 -m 1 -nostdin \
        -trace_err -error_file register-errors.log -timeout 10s -timeout_error > register.out 2>&1) || rc=$?
    [[ $rc -eq 0 ]] || { cat "$uas_dir/register.out" >&2; echo "registering the callee at $name failed" >&2; exit 1; }
    (cd "$uas_dir" && { ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)"; } && exec sipp \
        -sf "$root/bench/sipp/call-uas.xml" -i 127.0.0.1 -p "$port" -t "$sipp_t" -nostdin -buff_size 4194304 \
        -trace_stat -fd 1 -stf stat.csv -trace_err -error_file errors.log -max_log_size 1000000 \
        > sipp.out 2>&1) &
    uas_pid=$!
    bench_track "$uas_pid"
    bench_peer_pid=$uas_pid
    echo 0 > "$uas_dir/counted"
    echo "# $name: proxy udp $udp_port tcp $tcp_port pid $bench_server_pid; callee $transport port $port" \
        | tee -a "$out/steps.txt"
}

# The callee's retransmissions (its 200 waiting for an ACK) and failed calls since the last step fail a step.
# SIPp writes its statistics once a second: wait for the line that covers the step's end.
bench_step_check() {
    local now before
    sleep 1.2
    now=$(tail -n 1 "$uas_dir/stat.csv" 2> /dev/null | awk -F';' '{ print $58 + $18 }' || true)
    before=$(< "$uas_dir/counted")
    echo "${now:-0}" > "$uas_dir/counted"
    if [[ ${now:-0} -gt $before ]]; then
        echo "callee-retr/failed($((now - before)));"
    fi
}

stop_callee() {
    kill "$uas_pid" 2> /dev/null || true
    wait "$uas_pid" 2> /dev/null || true
}

# run_step NAME RATE SECONDS TRANSPORT -> one caller step (bench_sipp_step) from a fresh local port.
run_step() {
    local name=$1 rate=$2 secs=$3 transport=$4 port=$udp_port sipp_t=u1
    if [[ $transport == tcp ]]; then port=$tcp_port; sipp_t=$SIPP_TCP; fi
    bench_sipp_step "$name" "$rate" "$secs" "127.0.0.1:$port" -sf "$root/bench/sipp/call-uac.xml" \
        -key domain "$DOMAIN" -i 127.0.0.1 -p "$(bench_free_port)" -t "$sipp_t" -d "$PAUSE_MS"
}

# thread_cpu PID -> one line: the process's CPU seconds so far by thread kind (names with their numbers
# folded: "ZWorker#", "C2 CompilerThre#"), largest first; shows what GC and the JIT take beside the lanes and loops.
thread_cpu() {
    local t
    for t in /proc/"$1"/task/*; do
        printf '%s %s\n' "$(awk '{ print $14 + $15 }' "$t/stat" 2> /dev/null || echo 0)" "$(cat "$t/comm" 2> /dev/null)"
    done | awk -v hz="$bench_hz" '{
            n = $2; for (i = 3; i <= NF; i++) n = n " " $i
            sub(/#?[0-9]+$/, "#", n); c[n] += $1; total += $1 }
        END {
            line = sprintf("# parley CPU by thread (s): total %.1f", total / hz)
            for (k in c) if (c[k] >= hz / 10) items[k] = c[k]
            while (length(items) > 0) {
                best = ""; for (k in items) if (best == "" || items[k] > items[best]) best = k
                line = line sprintf("; %s %.1f", best, items[best] / hz); delete items[best]
            }
            print line }'
}

# measure SERVER TRANSPORT -> a fresh proxy and callee, the warm-up and the search; sets best_row.
measure() {
    local server=$1 transport=$2 opts="-Xms$PARLEY_HEAP -Xmx$PARLEY_HEAP $PARLEY_JAVA_OPTS"
    if [[ $PROFILE == 1 && $server == parley && $transport == udp ]]; then
        opts="$opts -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
        # Java stacks sampled every 2 ms (the profile setting's 10-20 ms gives a few hundred samples per run).
        opts="$opts -XX:StartFlightRecording:filename=$out/parley-udp.jfr,settings=profile"
        opts="$opts,jdk.ExecutionSample#period=2ms"
    fi
    start_proxy "$server" "$opts"
    start_callee "$server-$transport" "$transport"
    # The JIT compiles Parley's path during the warm-up (not counted); Kamailio gets the same.
    run_step "$server-warmup" "$WARMUP_RATE" "$WARMUP_SECONDS" "$transport" > /dev/null
    bench_search "$server/$transport" run_step "$STEP_SECONDS" "$transport"
    stop_callee
    if [[ $server == parley ]]; then
        bench_ask stats | sed 's/^/# parley: /' | tee -a "$out/steps.txt"
        thread_cpu "$bench_server_pid" | tee -a "$out/steps.txt"
    fi
    bench_stop_server
}

# measure_heap -> heap_line: Parley's heap per live call (see the header).
measure_heap() {
    start_proxy parley-heap "$HEAP_JAVA_OPTS"
    start_callee parley-heap udp
    local dir=$out/parley-heap-caller rc=0 i created h1 h0 hold_ms=$((HEAP_HOLD_S * 1000))
    mkdir -p "$dir"
    echo "# heap per live call: $HEAP_CALLS calls at $HEAP_RATE/s held $HEAP_HOLD_S s" | tee -a "$out/steps.txt"
    (cd "$dir" && { ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)"; } && exec sipp "127.0.0.1:$udp_port" \
        -sf "$root/bench/sipp/call-uac.xml" -key domain "$DOMAIN" -i 127.0.0.1 -p "$(bench_free_port)" -t u1 \
        -r "$HEAP_RATE" -rp 1000 -m "$HEAP_CALLS" -d "$hold_ms" -nostdin -buff_size 4194304 \
        -trace_stat -fd 1 -stf stat.csv -trace_err -error_file errors.log -max_log_size 1000000 \
        -timeout "$((HEAP_HOLD_S + HEAP_CALLS / HEAP_RATE + 60))s" -timeout_error > sipp.out 2>&1) &
    local caller=$!
    bench_track "$caller"
    # Wait until every call is up: SIPp has made them all and none failed (at most the ramp + 30 s).
    for ((i = 0; i < (HEAP_CALLS / HEAP_RATE + 30) * 10; i++)); do
        created=$(tail -n 1 "$dir/stat.csv" 2> /dev/null | awk -F';' '{ print $13 + 0 }' || true)
        [[ ${created:-0} -ge $HEAP_CALLS ]] && break
        sleep 0.1
    done
    sleep 2
    h1=$(bench_ask heap)
    wait "$caller" || rc=$?
    h0=$(bench_ask heap)
    stop_callee
    bench_stop_server
    echo "# with calls: $h1 / after: $h0 / caller's SIPp exit $rc" | tee -a "$out/steps.txt"
    heap_line=$(awk -v h1="$h1" -v h0="$h0" -v rc="$rc" 'BEGIN {
        n = split(h1, a, /[ =]/); for (i = 1; i < n; i += 2) w[a[i]] = a[i + 1]
        n = split(h0, b, /[ =]/); for (i = 1; i < n; i += 2) wo[b[i]] = b[i + 1]
        if (w["calls"] > 0 && rc == 0)
            printf "Parley heap per live call: %.0f B (%d calls: %d B used after GC with them, %d B without;" \
                " %d and %d transactions live)", (w["heap"] - wo["heap"]) / w["calls"], w["calls"], w["heap"],
                wo["heap"], w["transactions"], wo["transactions"]
        else
            printf "Parley heap per live call: not measured (calls %d, caller exit %d; see steps.txt)", w["calls"], rc
        }')
}

# jfr_top FILE -> the methods on top of the most execution samples, and the Parley frames most often on the stack.
jfr_top() {
    local file=$1
    "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 64 "$file" > "$file.txt"
    awk '
        /stackTrace = \[/ { if (total > 0) layers[layer == "" ? "jdk/other" : layer]++
            layer = ""; depth = 0; delete seen; total++; next }
        /^[ \t]+[a-zA-Z_$][^ ]*\(.*\)/ {
            f = $1; sub(/\(.*/, "", f)
            if (depth == 0) top[f]++
            if (f ~ /^org\.parley\./ && !(f in seen)) { seen[f] = 1; incl[f]++ }
            # The layer of the frame nearest the top: the module that spends the sample.
            if (layer == "" && f ~ /^org\.parley\./) { split(f, p, "."); layer = p[3] }
            if (layer == "" && f ~ /^io\.netty\./) layer = "netty"
            depth++
        }
        END {
            printf "JFR: %d execution samples. Top of stack (self):\n", total
            for (f in top) printf "%6.2f%%  %s\n", top[f] * 100 / total, f | "sort -rn | head -n 25"
            close("sort -rn | head -n 25")
            if (total > 0) layers[layer == "" ? "jdk/other" : layer]++
            printf "By the nearest Parley module (or Netty) on the stack:\n"
            for (l in layers) printf "%6.2f%%  %s\n", layers[l] * 100 / total, l | "sort -rn"
            close("sort -rn")
            printf "Parley methods anywhere on the stack (inclusive):\n"
            for (f in incl) printf "%6.2f%%  %s\n", incl[f] * 100 / total, f | "sort -rn | head -n 25"
        }' "$file.txt"
}

bench_banner "Proxy benchmark"
echo "$(kamailio -v | head -n 1): -n $KAMAILIO_CHILDREN (UDP workers) tcp_children=$KAMAILIO_CHILDREN" \
    "-m $KAMAILIO_SHM (MiB shared memory); Parley: IO_THREADS=$IO_THREADS LANES=$LANES heap $PARLEY_HEAP" \
    "$PARLEY_JAVA_OPTS"
echo "Calls: INVITE/180/200/ACK, ${PAUSE_MS} ms, BYE/200 to sip:service@$DOMAIN; TCP caller: SIPp -t $SIPP_TCP"
echo "Rerun: TRANSPORTS='$TRANSPORTS' SERVERS='$SERVERS' PAUSE_MS=$PAUSE_MS SIPP_TCP=$SIPP_TCP" \
    "KAMAILIO_CHILDREN=$KAMAILIO_CHILDREN IO_THREADS=$IO_THREADS LANES=$LANES BENCH_COOLDOWN=$BENCH_COOLDOWN" \
    "bench/run-proxy.sh$([[ $quick -eq 1 ]] \
    && echo ' --quick')   (commit $(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown))"
echo "Results: $out"
echo
bench_row_header | tee -a "$out/steps.txt"

summary=()
heap_line=''
for transport in $TRANSPORTS; do
    [[ $transport == none ]] && continue
    declare -A best=()
    for server in $SERVERS; do
        measure "$server" "$transport"
        best[$server]=$best_row
        summary+=("$best_row")
    done
    if [[ -n ${best[kamailio]:-} && -n ${best[parley]:-} ]]; then
        summary+=("$(awk -v t="$transport" -v k="${best[kamailio]}" -v p="${best[parley]}" 'BEGIN {
            split(k, a, " +"); split(p, b, " +")
            printf "# %s: max failure-free CPS parley/kamailio = %s; CPU per call parley/kamailio = %s", t,
                (a[2] > 0 && a[15] == "yes" ? sprintf("%.2f", b[2] / a[2]) : "n/a"),
                (a[10] > 0 && a[15] == "yes" && b[15] == "yes" ? sprintf("%.2f", b[10] / a[10]) : "n/a") }')")
    fi
    unset best
done
if [[ $HEAP == 1 && " $SERVERS " == *" parley "* ]]; then
    measure_heap
fi

echo
echo "Best passing step of each (the table for docs/BENCHMARKS.md; us/call = the proxy's CPU per call):"
bench_row_header
printf '%s\n' "${summary[@]}"
[[ -n $heap_line ]] && echo "$heap_line"
echo "Targets (issue #7): CPS ratio >= 1.2 over UDP and >= 1.0 over TCP; CPU per call ratio <= 0.8;" \
    "heap per live call reported."
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h 'proxy stopped' "$out"/parley*.log || true
if [[ $PROFILE == 1 && -s $out/parley-udp.jfr ]]; then
    echo
    jfr_top "$out/parley-udp.jfr"
fi
