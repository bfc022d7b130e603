#!/usr/bin/env bash
# bench/run-registrar.sh - the registrar benchmark of issue #6: Parley's registrar
# (org.parley.bench.registrar.RegistrarServer: TransactionLayer over NettyTransportLayer UDP, Registrar,
# MemoryLocationStore) against Kamailio as a registrar with in-memory usrloc (db_mode=0), both loaded by
# the same SIPp REGISTER scenario over USERS distinct users (default 10,000) on 127.0.0.1:
#   open   bench/sipp/register.xml       one REGISTER, 200 OK
#   auth   bench/sipp/register-auth.xml  REGISTER, 401 with an MD5 challenge (qop=auth), REGISTER with
#                                        credentials, 200 OK. Kamailio: auth + auth_db over an SQLite
#                                        subscriber table (db_sqlite, HA1 stored); Parley: DigestServer over
#                                        a MemorySubscriberStore (HA1 stored). Both offer MD5 alone, as the
#                                        issue says (SIPp 3.6 answers only MD5).
# Installs kamailio, kamailio-sqlite-modules and sip-tester from Debian when missing (needs root).
#
# For each mode, each server is started (Kamailio in the foreground: kamailio -DD -E -m 1024 -n 2, as
# ../shared/BENCHMARKING.md says), warmed up in two steps (every user registered gently, then HEAT_SECONDS
# at HEAT_RATE so that the JIT has compiled the path; neither counted), and then SIPp's rate is stepped as
# BENCHMARKING.md says: doubling from START_RATE until a step fails (or MAX_RATE), halving when the
# first step fails, then bisecting. A step of R registrations/s runs R x STEP_SECONDS calls and passes
# only if SIPp exits 0, no call failed, there was no retransmission, every call succeeded, the achieved
# rate is >= 97% of R (no backlog) and p99 of the response time is <= 100 ms. A user's Contact stays
# the same through a server's run (one SIPp port per server), so later steps refresh bindings rather
# than add them: each server ends holding USERS bindings.
#
# CPU: utime+stime of the server's whole process tree (Kamailio forks workers; Parley is one JVM) and
# of SIPp from /proc/PID/stat, sampled from 1 s after a step's start to 1 s before its planned end;
# "oth%" is the rest of the machine, which should stay under ~10% for a clean figure; us/reg is the
# server's CPU time per registration (with auth: per challenged-and-accepted pair of REGISTERs).
# Heap per binding (Parley): after the open-mode search, the server is asked for the heap in use
# after GC with its USERS bindings, then to remove them all, then again; the difference / bindings.
# Each reading first waits for lingering transactions to end (Timer J, 32 s over UDP).
#
# Usage: bench/run-registrar.sh [--quick]
#   --quick   smoke run: 10 s warm-up, 3 s steps from 2,000/s, at most 2 doublings, no bisection (~5 min)
# The full run takes about half an hour. Everything it starts is stopped on exit (trap).
# Results stay in bench/target/registrar-<time>/ (configs, logs, SIPp's stat, rtt and error files).
# Environment: USERS (default 10000), IO_THREADS (Parley's event loops, default 1: SIPp needs much of one of
# the 2 cores) and LANES (transaction lanes on threads of their own; default 0: one lane on each event loop,
# as ./parley server runs them), KAMAILIO_CHILDREN (default 2), MODES
# (default "open auth"), PARLEY_HEAP (default 3g), PARLEY_JAVA_OPTS (default -XX:+UseZGC), HEAT_RATE and
# HEAT_SECONDS (the second warm-up phase; default half of the first step's rate for 60 s, 10 s with --quick;
# HEAT_SECONDS=0 skips it), SERVERS (default "kamailio parley"), RATES (a list of step rates to run in order
# instead of the search, e.g. RATES="12000 15000" SERVERS=parley MODES=open; no heap reading then).
set -euo pipefail

bench_unit=reg
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$bench_root

quick=0
if [[ ${1:-} == --quick ]]; then
    quick=1
    shift
fi
[[ $# -eq 0 ]] || { echo "usage: bench/run-registrar.sh [--quick]" >&2; exit 2; }

if [[ $quick -eq 1 ]]; then
    STEP_SECONDS=3; START_RATE=2000; MIN_RATE=250; MAX_RATE=8000; BISECTIONS=0; WARMUP_SECONDS=10
    HEAT_SECONDS=${HEAT_SECONDS:-10}
else
    STEP_SECONDS=10; START_RATE=4000; MIN_RATE=250; MAX_RATE=64000; BISECTIONS=3; WARMUP_SECONDS=30
    HEAT_SECONDS=${HEAT_SECONDS:-60}
fi
# The second warm-up phase: HEAT_SECONDS at HEAT_RATE, after every user is registered. The first
# phase alone (10,000 REGISTERs at a gentle rate) left Parley's digest path to the C1 compiler: a JFR
# recording showed a 5 s backlog building over the first 16 s at 4,000/s, the JIT's work rather than
# the server's, which the first measured steps then paid for. Kamailio is heated the same way.
HEAT_RATE=${HEAT_RATE:-$((START_RATE / 2))}
# RATES="r1 r2 ...": run these steps in order instead of the search (for experiments and profiles).
RATES=${RATES:-}
# SERVERS: which servers to measure, in order (default both).
SERVERS=${SERVERS:-kamailio parley}
USERS=${USERS:-10000}
IO_THREADS=${IO_THREADS:-1}
LANES=${LANES:-0}
KAMAILIO_CHILDREN=${KAMAILIO_CHILDREN:-2}
# Parley's heap. A UDP non-INVITE server transaction lives 64*T1 = 32 s after its answer (Timer J,
# RFC 3261 §17.2.2): at 20,000 REGISTERs/s that is 640,000 live transactions, which 512 MiB cannot
# hold (the run collapsed into GC at 16,000/s). Kamailio answers REGISTER statelessly (sl) and keeps none.
PARLEY_HEAP=${PARLEY_HEAP:-3g}
# More JVM options for Parley. ZGC by default: with G1, copying 32 s of live transactions in young
# collections gave p99 > 100 ms from 4,500/s on (no loss, the server at 37% CPU); ZGC's pauses do not grow
# with the live set (p99 28 ms at 8,000/s in the same --quick run).
PARLEY_JAVA_OPTS=${PARLEY_JAVA_OPTS:--XX:+UseZGC}
MODES=${MODES:-open auth}
WARMUP_RATE=$(((USERS + WARMUP_SECONDS - 1) / WARMUP_SECONDS))
[[ $WARMUP_RATE -ge 1000 ]] || WARMUP_RATE=1000
DOMAIN=example.com
PASSWORD=password
KAMAILIO_MODULES=/usr/lib/x86_64-linux-gnu/kamailio/modules

# Debian packages, installed only when missing.
bench_require sipp:sip-tester kamailio:kamailio "$KAMAILIO_MODULES/db_sqlite.so:kamailio-sqlite-modules" \
    sqlite3:sqlite3

cd "$root"
bench_build
bench_out=$root/bench/target/registrar-$(date -u +%Y%m%dT%H%M%SZ)
out=$bench_out
mkdir -p "$out"
# The injection file: field0 the user, field1 SIPp's authentication keyword for that user (SIPp does
# not expand [field1] inside [authentication ...], but does expand a whole keyword held in a field).
users_csv=$out/users.csv
{
    echo SEQUENTIAL
    for ((i = 0; i < USERS; i++)); do
        echo "user$i;[authentication username=user$i password=$PASSWORD]"
    done
} > "$users_csv"

# Kamailio's subscriber table: its own SQLite schema (version and subscriber tables), HA1 = MD5 of
# user:realm:password (RFC 2617 §3.2.2.2) and HA1B of user@domain:realm:password, as kamctl writes them.
make_subscriber_db() {
    local db=$out/kamailio-subscriber.db
    rm -f "$db"
    sqlite3 "$db" < /usr/share/kamailio/db_sqlite/standard-create.sql
    sqlite3 "$db" < /usr/share/kamailio/db_sqlite/auth_db-create.sql
    perl -MDigest::MD5=md5_hex -e '
        my ($n, $domain, $password) = @ARGV;
        print "BEGIN;\n";
        for my $i (0 .. $n - 1) {
            my $u = "user$i";
            printf "INSERT INTO subscriber (username, domain, ha1, ha1b) VALUES (\x27%s\x27, \x27%s\x27, \x27%s\x27, \x27%s\x27);\n",
                $u, $domain, md5_hex("$u:$domain:$password"), md5_hex("$u\@$domain:$domain:$password");
        }
        print "COMMIT;\n";' "$USERS" "$DOMAIN" "$PASSWORD" | sqlite3 "$db"
    echo "$db"
}

# kamailio_config MODE PORT -> path of the config: registrar + usrloc in memory; with auth, auth_db.
kamailio_config() {
    local mode=$1 port=$2 cfg=$out/kamailio-$1.cfg db=''
    [[ $mode == auth ]] && db=$(make_subscriber_db)
    {
        echo '#!KAMAILIO'
        [[ $mode == auth ]] && echo '#!define WITH_AUTH'
        cat << EOF
# Written by bench/run-registrar.sh: a registrar with in-memory usrloc, nothing else.
debug=0
log_stderror=yes
auto_aliases=no
dns=no
rev_dns=no
listen=udp:127.0.0.1:$port
mpath="$KAMAILIO_MODULES/"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
# usrloc in memory only.
modparam("usrloc", "db_mode", 0)
#!ifdef WITH_AUTH
loadmodule "db_sqlite.so"
loadmodule "auth.so"
loadmodule "auth_db.so"
modparam("auth_db", "db_url", "sqlite://$db")
# HA1 is stored (column ha1), as Parley stores it; users are looked up by name alone.
modparam("auth_db", "calculate_ha1", 0)
modparam("auth_db", "use_domain", 0)
#!endif

request_route {
    if (method != "REGISTER") {
        sl_send_reply("405", "Method Not Allowed");
        exit;
    }
#!ifdef WITH_AUTH
    # Realm = From domain; flag 1: the To user must be the authenticated one (as Parley's step 4).
    if (!auth_check("\$fd", "subscriber", "1")) {
        # Flag 1: qop=auth in the challenge, as Parley offers.
        auth_challenge("\$fd", "1");
        exit;
    }
#!endif
    if (!save("location")) {
        sl_reply_error();
    }
    exit;
}
EOF
    } > "$cfg"
    echo "$cfg"
}

start_kamailio() {
    local mode=$1 port cfg
    port=$(bench_free_port)
    cfg=$(kamailio_config "$mode" "$port")
    bench_start_kamailio "kamailio-$mode" "$cfg" "$port" -m 1024 -n "$KAMAILIO_CHILDREN"
    server_port=$port
}

# Parley reads commands (heap, clear) from its standard input; bench_ask passes them.
start_parley() {
    local mode=$1 auth=0
    [[ $mode == auth ]] && auth=$USERS
    BENCH_JAVA_OPTS="-Xms$PARLEY_HEAP -Xmx$PARLEY_HEAP $PARLEY_JAVA_OPTS" bench_start_java "parley-$mode" \
        "$out/parley-$mode.port" org.parley.bench.registrar.RegistrarServer --auth "$auth" --domain "$DOMAIN" \
        --io-threads "$IO_THREADS" --lanes "$LANES"
    server_port=$(sed -n 's/.*udp=\([0-9]*\).*/\1/p' "$bench_portfile")
}

# run_step NAME RATE SECONDS SCENARIO PORT -> one SIPp step (bench_sipp_step): prints a row, sets step_pass.
run_step() {
    local name=$1 rate=$2 secs=$3 scenario=$4 port=$5
    bench_sipp_step "$name" "$rate" "$secs" "127.0.0.1:$port" -sf "$root/bench/sipp/$scenario" \
        -inf "$users_csv" -auth_uri "$DOMAIN" -i 127.0.0.1 -p "$sipp_port" -t u1
}

# measure SERVER MODE -> runs the warm-up and the search on a fresh server; sets best_row.
measure() {
    local server=$1 mode=$2 scenario=register.xml
    [[ $mode == auth ]] && scenario=register-auth.xml
    if [[ $server == kamailio ]]; then start_kamailio "$mode"; else start_parley "$mode"; fi
    # One SIPp port per server run: each user's Contact stays the same, so steps refresh bindings.
    sipp_port=$(bench_free_port)
    echo "# $server/$mode: udp port $server_port, pid $bench_server_pid" | tee -a "$out/steps.txt"
    # The warm-up, at WARMUP_RATE so that a cold JIT is not overloaded, registers every user (10,000 at
    # 1,000/s for 10 s) so both tables are full; Parley's JIT compiles the path then (not counted).
    run_step "$server-warmup" "$WARMUP_RATE" "$WARMUP_SECONDS" "$scenario" "$server_port" > /dev/null
    if [[ $HEAT_SECONDS -gt 0 ]]; then
        run_step "$server-heat" "$HEAT_RATE" "$HEAT_SECONDS" "$scenario" "$server_port" | tee -a "$out/steps.txt" \
            | sed 's/^/# heat: /'
    fi
    if [[ -n $RATES ]]; then
        local rate
        best_row="$(printf '%-14s' "$server/$mode") no passing step"
        for rate in $RATES; do
            run_step "$server/$mode" "$rate" "$STEP_SECONDS" "$scenario" "$server_port"
            [[ $step_pass -eq 1 ]] && best_row=$step_row
        done
    else
        bench_search "$server/$mode" run_step "$STEP_SECONDS" "$scenario" "$server_port"
    fi
}

bench_banner "Registrar benchmark"
echo "$(kamailio -v | head -n 1); $USERS users; Parley: IO_THREADS=$IO_THREADS LANES=$LANES" \
    "heap $PARLEY_HEAP, $PARLEY_JAVA_OPTS; Kamailio: -n $KAMAILIO_CHILDREN -m 1024"
echo "Results: $out"
echo
bench_row_header | tee -a "$out/steps.txt"

summary=()
heap_line=''
for mode in $MODES; do
    k_row="kamailio/$mode not measured"; p_row="parley/$mode not measured"
    if [[ " $SERVERS " == *" kamailio "* ]]; then
        measure kamailio "$mode"
        k_row=$best_row
        bench_stop_server
    fi
    if [[ " $SERVERS " != *" parley "* ]]; then
        summary+=("$k_row")
        continue
    fi
    measure parley "$mode"
    p_row=$best_row
    if [[ $mode == open && -z $RATES ]]; then
        echo "# heap per binding: waiting for lingering transactions to end (Timer J, 32 s)" | tee -a "$out/steps.txt"
        h1=$(bench_ask heap)
        c=$(bench_ask clear)
        h0=$(bench_ask heap)
        echo "# $h1 / $c / $h0" | tee -a "$out/steps.txt"
        heap_line=$(awk -v h1="$h1" -v h0="$h0" 'BEGIN {
            split(h1, a, /[ =]/); split(h0, b, /[ =]/)
            if (a[4] > 0) printf "Parley heap per binding: %.0f B (%d bindings: %d B used after GC with them, %d B without)",
                (a[2] - b[2]) / a[4], a[4], a[2], b[2] }')
    fi
    bench_stop_server
    summary+=("$k_row" "$p_row")
    k_rate=$(awk '{ print $2 + 0 }' <<< "$k_row"); p_rate=$(awk '{ print $2 + 0 }' <<< "$p_row")
    k_us=$(awk '{ print $10 + 0 }' <<< "$k_row"); p_us=$(awk '{ print $10 + 0 }' <<< "$p_row")
    summary+=("$(awk -v m="$mode" -v kr="$k_rate" -v pr="$p_rate" -v ku="$k_us" -v pu="$p_us" 'BEGIN {
        printf "# %s: loss-free rate parley/kamailio = %s; CPU per registration parley/kamailio = %s", m,
            (kr > 0 ? sprintf("%.2f", pr / kr) : "n/a"), (ku > 0 ? sprintf("%.2f", pu / ku) : "n/a") }')")
done

echo
echo "Best passing step of each (the table for docs/BENCHMARKS.md):"
bench_row_header
printf '%s\n' "${summary[@]}"
[[ -n $heap_line ]] && echo "$heap_line"
echo "Targets (issue #6): rate ratio >= 1, CPU ratio <= 0.8, heap per binding < 1024 B."
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h 'registrar stopped' "$out"/parley-*.log || true
