#!/bin/sh
# systemd without systemd (issue 15): lapakd under a test-owned NOTIFY_SOCKET
# (a path, then an abstract "@name"): READY=1 once the store is open and the
# links are being attempted, STATUS= following the bind, RELOADING=1 then
# READY=1 around a reload (lapakctl reload with the unit's pid file, a
# refused one too), STOPPING=1 on SIGTERM; nothing without NOTIFY_SOCKET.
# Journal levels: with JOURNAL_STREAM naming stderr, every line carries
# its syslog priority; without it none does; -j forces it.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
command -v python3 > /dev/null || skip_all "python3 missing"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" 'handler = "echo";'
L_PID=""
listen() {	# listen ADDR OUT: the listener, waited for
	rm -f "$2" "$2.ready"
	python3 "$TOP/tests/integ/notify_listen.py" "$1" "$2" &
	L_PID=$!
	wait_until 10 test -f "$2.ready" || fail "listener on $1 did not start"
}
unlisten() { [ -n "$L_PID" ] && kill "$L_PID" 2>/dev/null; wait "$L_PID" 2>/dev/null; L_PID=""; }
trap 'unlisten; cleanup' EXIT INT TERM
# nline FILE ERE [AFTER]: number of the first line matching after line AFTER
nline() {
	awk -v re="$2" -v after="${3:-0}" 'NR > after && $0 ~ re { print NR; exit }' "$1"
}
has() { grep -qE "$2" "$1" 2>/dev/null; }
# has_after FILE ERE AFTER: a line matching after line AFTER (polled by
# wait_until: evaluated at each try)
has_after() { test -n "$(nline "$1" "$2" "$3")"; }

start_sim_as sim -p "$PORT" serve

# --- 1. a path socket: READY, STATUS, reload, refused reload, STOPPING ---
listen "$WORK/notify.sock" n1.log
NOTIFY_SOCKET="$WORK/notify.sock" start_lapakd_x -c lapak.cfg -p "$WORK/lapakd.pid"
check "READY=1 arrives" wait_until 15 has n1.log '^READY=1'
check "READY=1 after the store is open (lapakd started logged)" \
    grep -q 'lapakd started' lapakd.log
check "READY carries STATUS with the links and the outbox" \
    grep -qE '^READY=1\|STATUS=links bound [01]/1, outbox queued [0-9]+$' n1.log
check "READY=1 is the first message" [ "$(nline n1.log '^READY=1')" = 1 ]
check "STATUS follows the bind: links bound 1/1" \
    wait_until 15 has n1.log 'STATUS=links bound 1/1'
check "pid file written where the unit's ExecReload reads it" \
    [ "$(cat lapakd.pid)" = "$D_PID" ]
n=$(wc -l < n1.log)
"$BIN/lapakctl" -c lapak.cfg -p "$WORK/lapakd.pid" reload > ctl.out 2>&1
check "lapakctl -p PIDFILE reload: sent" grep -q "reload sent to lapakd pid $D_PID" ctl.out
check "RELOADING=1 on SIGHUP" \
    wait_until 10 has_after n1.log '^RELOADING=1\|MONOTONIC_USEC=[0-9]+$' "$n"
r=$(nline n1.log '^RELOADING=1' "$n")
check "READY=1 after RELOADING=1" \
    wait_until 10 has_after n1.log '^READY=1\|STATUS=links bound' "${r:-999999}"
check "reload logged ok" wait_until 10 grep -q 'reload ok' lapakd.log
# A broken config: lapakctl refuses it and signals nothing ...
cp lapak.cfg good.cfg
echo 'orders = { max_pending = 0; };' >> lapak.cfg
n=$(wc -l < n1.log)
"$BIN/lapakctl" -c lapak.cfg -p "$WORK/lapakd.pid" reload > ctl2.out 2>&1
check "lapakctl reload refuses a bad config (exit 1)" [ $? -eq 1 ]
sleep 0.5
check "... and lapakd is not signalled" sh -c "! tail -n +$((n + 1)) n1.log | grep -q RELOADING"
# ... a bare SIGHUP (as `kill -HUP` would) is refused by lapakd: READY again.
kill -HUP "$D_PID"
check "refused reload: RELOADING=1" wait_until 10 has_after n1.log '^RELOADING=1' "$n"
r=$(nline n1.log '^RELOADING=1' "$n")
check "refused reload: READY=1 with the refusal in STATUS" \
    wait_until 10 has_after n1.log \
    '^READY=1\|STATUS=reload refused, running config kept; links bound' "${r:-999999}"
cp good.cfg lapak.cfg
n=$(wc -l < n1.log)
stop_lapakd
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
check "STOPPING=1 on SIGTERM" \
    has_after n1.log '^STOPPING=1\|STATUS=shutting down \(SIGTERM\)$' "$n"
check "pid file removed on exit" test ! -e lapakd.pid
unlisten

# --- 2. an abstract socket ("@name") ---------------------------------------
ABS="@lapak-test-notify-$$"
listen "$ABS" n2.log
NOTIFY_SOCKET=$ABS start_lapakd_x -c lapak.cfg
check "abstract socket: READY=1" wait_until 15 has n2.log '^READY=1\|STATUS=links bound'
stop_lapakd
check "abstract socket: STOPPING=1" has n2.log '^STOPPING=1'
unlisten

# --- 3. NOTIFY_SOCKET unset: nothing sent ---------------------------------
listen "$WORK/notify3.sock" n3.log
n0=$(log_count 'lapakd started')
start_lapakd_x -c lapak.cfg
check "no NOTIFY_SOCKET: lapakd starts" wait_until 15 log_has_n $((n0 + 1)) 'lapakd started'
kill -HUP "$D_PID"
wait_until 10 log_has_n 2 'reload ok'
stop_lapakd
check "no NOTIFY_SOCKET: exits 0" [ "$rc" -eq 0 ]
check "no NOTIFY_SOCKET: no datagram" [ ! -s n3.log ]
unlisten

# --- 4. journal levels --------------------------------------------------------
: > j.log
JS=$(stat -c '%d:%i' j.log)
JOURNAL_STREAM=$JS "$BIN/lapakd" -c lapak.cfg 2>> j.log &
D_PID=$!
wait_until 15 grep -q 'lapakd started' j.log
echo 'orders = { max_pending = 0; };' >> lapak.cfg
kill -HUP "$D_PID"
wait_until 10 grep -q 'reload refused' j.log
cp good.cfg lapak.cfg
stop_lapakd
check "journal: 'lapakd started' at <6> (info)" grep -qE '^<6>[0-9-]+T[0-9:.]+Z lapakd info lapakd started' j.log
check "journal: 'reload refused' at <4> (warning)" grep -qE '^<4>.* lapakd warn reload refused' j.log
check "journal: the refusal's detail lines at <4> too" \
    grep -qE '^<4>.*lapak.cfg:[0-9]+: orders.max_pending: 0 not in 1..100' j.log
check "journal: every lapakd line has a priority" \
    sh -c "! grep -vE '^<[2-7]>' j.log | grep -q ."
: > p.log
JOURNAL_STREAM=$JS "$BIN/lapakd" -c lapak.cfg 2>> p.log &
D_PID=$!
wait_until 15 grep -q 'lapakd started' p.log
stop_lapakd
check "journal: JOURNAL_STREAM of another file: no priorities" \
    sh -c "grep -q 'lapakd started' p.log && ! grep -q '^<' p.log"
: > f.log
"$BIN/lapakd" -j -c lapak.cfg 2>> f.log &
D_PID=$!
wait_until 15 grep -q 'lapakd started' f.log
stop_lapakd
check "journal: -j forces the priorities" grep -qE '^<6>.*lapakd started' f.log
check "no sanitizer reports" sanitizer_clean lapakd.log
finish
