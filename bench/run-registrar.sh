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
# ../shared/BENCHMARKING.md says), warmed up with one step, and then SIPp's rate is stepped as
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
# Environment: USERS (default 10000), IO_THREADS and LANES (Parley's event loops and transaction lanes,
# default 1 each: SIPp needs most of one of the 2 cores), KAMAILIO_CHILDREN (default 2), MODES
# (default "open auth"), PARLEY_HEAP (default 3g), PARLEY_JAVA_OPTS (default -XX:+UseZGC).
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
[[ $# -eq 0 ]] || { echo "usage: bench/run-registrar.sh [--quick]" >&2; exit 2; }

if [[ $quick -eq 1 ]]; then
    STEP_SECONDS=3; START_RATE=2000; MIN_RATE=250; MAX_RATE=8000; BISECTIONS=0; WARMUP_SECONDS=10
else
    STEP_SECONDS=10; START_RATE=4000; MIN_RATE=250; MAX_RATE=64000; BISECTIONS=3; WARMUP_SECONDS=30
fi
USERS=${USERS:-10000}
IO_THREADS=${IO_THREADS:-1}
LANES=${LANES:-1}
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
HZ=$(getconf CLK_TCK)
NCPU=$(nproc)
KAMAILIO_MODULES=/usr/lib/x86_64-linux-gnu/kamailio/modules

# Debian packages, installed only when missing; a service the install started is stopped again.
install_missing() {
    local missing=()
    command -v sipp > /dev/null || missing+=(sip-tester)
    command -v kamailio > /dev/null || missing+=(kamailio)
    [[ -e $KAMAILIO_MODULES/db_sqlite.so ]] || missing+=(kamailio-sqlite-modules)
    command -v sqlite3 > /dev/null || missing+=(sqlite3)
    [[ ${#missing[@]} -eq 0 ]] && return
    if [[ $(id -u) -ne 0 ]]; then
        echo "run-registrar.sh: needs ${missing[*]}: apt-get install -y ${missing[*]} (as root)" >&2
        exit 2
    fi
    echo "Installing ${missing[*]} from Debian"
    apt-get update -qq > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
    if [[ " ${missing[*]} " == *" kamailio "* ]] && command -v service > /dev/null; then
        service kamailio stop < /dev/null > /dev/null 2>&1 || true
    fi
}
install_missing

cd "$root"
./mvnw -q -B -ntp -pl bench -am package -DskipTests
jar=$root/bench/target/benchmarks.jar
out=$root/bench/target/registrar-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"

pids=()
cleanup() {
    local p
    exec 3>&- 2> /dev/null || true
    for p in "${pids[@]}"; do
        kill "$p" 2> /dev/null || true
    done
    for p in "${pids[@]}"; do
        wait "$p" 2> /dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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
    kamailio -c -f "$cfg" > "$out/kamailio-$mode-check.log" 2>&1 \
        || { cat "$out/kamailio-$mode-check.log" >&2; echo "Kamailio rejects $cfg" >&2; exit 1; }
    echo "$cfg"
}

# A local port free on UDP and TCP.
free_port() {
    local p used
    used=$(ss -Htuan | awk '{ n = split($5, a, ":"); print a[n] }' | sort -u)
    for ((;;)); do
        p=$((20000 + RANDOM % 20000))
        grep -qx "$p" <<< "$used" || { echo "$p"; return; }
    done
}

# CPU ticks (utime+stime) of PID and all its descendants.
tree_ticks() {
    local total=0 p
    for p in $1 $(pgrep -P "$1" 2> /dev/null || true); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2> /dev/null || echo 0)))
    done
    echo "$total"
}
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2> /dev/null || echo 0; }
machine_ticks() { awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9 }' /proc/stat; }

start_kamailio() {
    local mode=$1 port
    port=$(free_port)
    local cfg
    cfg=$(kamailio_config "$mode" "$port")
    # No -w: Kamailio works in /, and db_sqlite reads the path after "sqlite://" relative to it.
    kamailio -DD -E -f "$cfg" -m 1024 -n "$KAMAILIO_CHILDREN" > "$out/kamailio-$mode.log" 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    local i
    for ((i = 0; i < 100; i++)); do
        ss -Huan | awk '{ print $4 }' | grep -qx "127.0.0.1:$port" && break
        kill -0 "$server_pid" 2> /dev/null || { cat "$out/kamailio-$mode.log" >&2; echo "Kamailio died" >&2; exit 1; }
        sleep 0.1
    done
    # A worker that fails to start leaves the main process spinning without answering: refuse to measure it.
    sleep 1
    if grep -q -E 'CRITICAL|ERROR' "$out/kamailio-$mode.log"; then
        grep -m 5 -E 'CRITICAL|ERROR' "$out/kamailio-$mode.log" >&2
        echo "Kamailio failed to start; see $out/kamailio-$mode.log" >&2
        exit 1
    fi
    server_port=$port
}

# Parley reads commands from a FIFO held open on fd 3; its answers land in PORTFILE.reply.
start_parley() {
    local mode=$1 portfile=$out/parley-$1.port ctl=$out/parley-$1.ctl auth=0
    [[ $mode == auth ]] && auth=$USERS
    rm -f "$portfile" "$ctl"
    mkfifo "$ctl"
    # shellcheck disable=SC2086 # PARLEY_JAVA_OPTS is a list of JVM options
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xms"$PARLEY_HEAP" -Xmx"$PARLEY_HEAP" $PARLEY_JAVA_OPTS -cp "$jar" \
        org.parley.bench.registrar.RegistrarServer "$portfile" --auth "$auth" --domain "$DOMAIN" \
        --io-threads "$IO_THREADS" --lanes "$LANES" < "$ctl" 2> "$out/parley-$mode.log" &
    server_pid=$!
    pids+=("$server_pid")
    exec 3> "$ctl"
    local i
    for ((i = 0; i < 300; i++)); do
        [[ -s $portfile ]] && break
        kill -0 "$server_pid" 2> /dev/null || { cat "$out/parley-$mode.log" >&2; echo "Parley died" >&2; exit 1; }
        sleep 0.1
    done
    [[ -s $portfile ]] || { echo "Parley did not start within 30 s" >&2; exit 1; }
    parley_portfile=$portfile
    server_port=$(sed -n 's/.*udp=\([0-9]*\).*/\1/p' "$portfile")
}

# parley_ask COMMAND -> Parley's one-line answer (waits up to 90 s).
parley_ask() {
    local reply=$parley_portfile.reply i
    rm -f "$reply"
    echo "$1" >&3
    for ((i = 0; i < 900; i++)); do
        [[ -s $reply ]] && { cat "$reply"; return; }
        sleep 0.1
    done
    echo "Parley did not answer '$1' within 90 s" >&2
    exit 1
}

stop_server() {
    exec 3>&- 2> /dev/null || true
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
}

row_header() {
    printf '%-14s %7s %6s %8s %6s %5s %6s %6s %6s %7s %5s %5s %5s %4s %4s  %s\n' server target calls \
        achieved failed retr 'srv%' 'sipp%' 'oth%' 'us/reg' p50ms p99ms max rc pass note
}

# run_step NAME SCENARIO PORT RATE SECONDS -> prints a row, sets step_pass (0/1) and step_row.
run_step() {
    local name=$1 scenario=$2 port=$3 rate=$4 secs=$5
    local dir=$out/${name//\//-}-$rate-$RANDOM calls=$((rate * secs))
    mkdir -p "$dir"
    local t0 t1 t2 t3 s0 s1 p0 p1 m0 m1 rc=0 sipp_pid
    t0=$(date +%s.%N)
    (cd "$dir" && { ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)"; } && exec sipp "127.0.0.1:$port" \
        -sf "$root/bench/sipp/$scenario" -inf "$users_csv" -auth_uri "$DOMAIN" \
        -i 127.0.0.1 -p "$sipp_port" -t u1 -r "$rate" -rp 1000 -m "$calls" -nostdin \
        -buff_size 4194304 -trace_stat -fd 1 -stf stat.csv -trace_rtt -rtt_freq 1000 \
        -trace_err -error_file errors.log -max_log_size 1000000 \
        -timeout "$((secs + 20))s" -timeout_error > sipp.out 2>&1) &
    sipp_pid=$!
    pids+=("$sipp_pid")
    sleep 1
    s0=$(tree_ticks "$server_pid"); p0=$(proc_ticks "$sipp_pid"); m0=$(machine_ticks); t1=$(date +%s.%N)
    sleep "$((secs > 2 ? secs - 2 : 1))"
    s1=$(tree_ticks "$server_pid"); p1=$(proc_ticks "$sipp_pid"); m1=$(machine_ticks); t2=$(date +%s.%N)
    wait "$sipp_pid" || rc=$?
    t3=$(date +%s.%N)

    local stat ok failed retr rtt p50 p99 max
    stat=$(tail -n 1 "$dir/stat.csv" 2> /dev/null || true)
    ok=$(awk -F';' '{ print $16 + 0 }' <<< "$stat")
    failed=$(awk -F';' '{ print $18 + 0 }' <<< "$stat")
    retr=$(awk -F';' '{ print $58 + 0 }' <<< "$stat")
    rtt=$(cat "$dir"/*_rtt.csv 2> /dev/null | awk -F';' 'NR > 1 && $2 ~ /^[0-9.]+$/ { print $2 }' \
        | sort -n | awk '{ v[NR] = $1 } END {
            if (NR == 0) { print "- - -"; exit }
            i50 = int(NR * 0.50 + 0.999999); i99 = int(NR * 0.99 + 0.999999)
            print v[i50], v[i99], v[NR] }' || true)
    read -r p50 p99 max <<< "$rtt"

    step_row=$(awk -v name="$name" -v rate="$rate" -v calls="$calls" -v ok="$ok" \
        -v failed="$failed" -v retr="$retr" -v rc="$rc" -v hz="$HZ" -v ncpu="$NCPU" \
        -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v s0="$s0" -v s1="$s1" -v p0="$p0" -v p1="$p1" \
        -v m0="$m0" -v m1="$m1" -v p50="$p50" -v p99="$p99" -v max="$max" 'BEGIN {
            split(m0, a, " "); split(m1, b, " ")
            dt = t2 - t1; wall = t3 - t0
            srv = (s1 - s0) / hz / dt * 100; sipp = (p1 - p0) / hz / dt * 100
            all = (b[2] - a[2]) > 0 ? (b[1] - a[1]) / (b[2] - a[2]) * ncpu * 100 : 0
            oth = all - srv - sipp; if (oth < 0) oth = 0
            achieved = wall > 0 ? ok / wall : 0
            usreg = achieved > 0 ? (s1 - s0) / hz / (achieved * dt) * 1e6 : 0
            note = ""
            if (rc != 0) note = note "sipp-exit;"
            if (failed > 0) note = note "failed;"
            if (retr > 0) note = note "retransmissions;"
            if (ok < calls) note = note "incomplete;"
            if (achieved < 0.97 * rate) note = note "slow;"
            if (p99 == "-" || p99 + 0 > 100) note = note "p99>100ms;"
            pass = note == "" ? "yes" : "no"
            printf "%-14s %7d %6d %8.0f %6d %5d %6.0f %6.0f %6.0f %7.1f %5s %5s %5s %4d %4s  %s\n",
                name, rate, calls, achieved, failed, retr, srv, sipp, oth, usreg, p50, p99, max, rc, pass, note
        }')
    echo "$step_row"
    echo "$step_row" >> "$out/steps.txt"
    [[ $step_row == *' yes  '* ]] && step_pass=1 || step_pass=0
}

# search NAME SCENARIO PORT -> doubling then bisection; sets best_row (last passing step).
search() {
    local name=$1 scenario=$2 port=$3 rate=$START_RATE good=0 bad=0 i
    best_row="$(printf '%-14s' "$name") no passing step"
    while :; do
        run_step "$name" "$scenario" "$port" "$rate" "$STEP_SECONDS"
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
        run_step "$name" "$scenario" "$port" "$rate" "$STEP_SECONDS"
        if [[ $step_pass -eq 1 ]]; then good=$rate; best_row=$step_row; else bad=$rate; fi
    done
    if [[ $bad -gt 0 && $good -gt 0 ]]; then
        for ((i = 0; i < BISECTIONS; i++)); do
            rate=$(((good + bad) / 2 / 100 * 100))
            [[ $rate -gt $good && $rate -lt $bad ]] || break
            run_step "$name" "$scenario" "$port" "$rate" "$STEP_SECONDS"
            if [[ $step_pass -eq 1 ]]; then good=$rate; best_row=$step_row; else bad=$rate; fi
        done
    fi
}

# measure SERVER MODE -> runs the warm-up and the search on a fresh server; sets best_row.
measure() {
    local server=$1 mode=$2 scenario=register.xml
    [[ $mode == auth ]] && scenario=register-auth.xml
    if [[ $server == kamailio ]]; then start_kamailio "$mode"; else start_parley "$mode"; fi
    # One SIPp port per server run: each user's Contact stays the same, so steps refresh bindings.
    sipp_port=$(free_port)
    echo "# $server/$mode: udp port $server_port, pid $server_pid" | tee -a "$out/steps.txt"
    # The warm-up, at WARMUP_RATE so that a cold JIT is not overloaded, registers every user (10,000 at
    # 1,000/s for 10 s) so both tables are full; Parley's JIT compiles the path then (not counted).
    run_step "$server-warmup" "$scenario" "$server_port" "$WARMUP_RATE" "$WARMUP_SECONDS" > /dev/null
    search "$server/$mode" "$scenario" "$server_port"
}

echo "Registrar benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'); $(uname -r); CPUs: $NCPU;" \
    "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "SIPp: $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -n 1); $(kamailio -v | head -n 1);" \
    "steps of ${STEP_SECONDS} s; $USERS users"
echo "Parley: IO_THREADS=$IO_THREADS LANES=$LANES; Kamailio: -n $KAMAILIO_CHILDREN -m 1024;" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "CPU columns: % of one core, sampled inside each step; oth% = the rest of the machine (other load)."
echo "Results: $out"
echo
row_header | tee -a "$out/steps.txt"

summary=()
heap_line=''
for mode in $MODES; do
    measure kamailio "$mode"
    k_row=$best_row
    stop_server
    measure parley "$mode"
    p_row=$best_row
    if [[ $mode == open ]]; then
        echo "# heap per binding: waiting for lingering transactions to end (Timer J, 32 s)" | tee -a "$out/steps.txt"
        h1=$(parley_ask heap)
        c=$(parley_ask clear)
        h0=$(parley_ask heap)
        echo "# $h1 / $c / $h0" | tee -a "$out/steps.txt"
        heap_line=$(awk -v h1="$h1" -v h0="$h0" 'BEGIN {
            split(h1, a, /[ =]/); split(h0, b, /[ =]/)
            if (a[4] > 0) printf "Parley heap per binding: %.0f B (%d bindings: %d B used after GC with them, %d B without)",
                (a[2] - b[2]) / a[4], a[4], a[2], b[2] }')
    fi
    stop_server
    summary+=("$k_row" "$p_row")
    k_rate=$(awk '{ print $2 + 0 }' <<< "$k_row"); p_rate=$(awk '{ print $2 + 0 }' <<< "$p_row")
    k_us=$(awk '{ print $10 + 0 }' <<< "$k_row"); p_us=$(awk '{ print $10 + 0 }' <<< "$p_row")
    summary+=("$(awk -v m="$mode" -v kr="$k_rate" -v pr="$p_rate" -v ku="$k_us" -v pu="$p_us" 'BEGIN {
        printf "# %s: loss-free rate parley/kamailio = %s; CPU per registration parley/kamailio = %s", m,
            (kr > 0 ? sprintf("%.2f", pr / kr) : "n/a"), (ku > 0 ? sprintf("%.2f", pu / ku) : "n/a") }')")
done

echo
echo "Best passing step of each (the table for docs/BENCHMARKS.md):"
row_header
printf '%s\n' "${summary[@]}"
[[ -n $heap_line ]] && echo "$heap_line"
echo "Targets (issue #6): rate ratio >= 1, CPU ratio <= 0.8, heap per binding < 1024 B."
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h 'registrar stopped' "$out"/parley-*.log || true
