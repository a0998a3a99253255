# Shared helpers for integration tests: start lapak-sim and lapakd on free
# loopback ports in a private temp folder, run scenarios, count results.
# Usage in a test:  . tests/integ/lib.sh; setup "$1"; ...; finish
# Every check prints "ok ..." or "FAIL ..."; finish prints
# "NAME: N passed, N failed" and exits non-zero on any failure.

T_PASS=0
T_FAIL=0
T_SKIP=0
T_NAME=$(basename "$0" .sh)

setup() {
	BUILD=${1:-build}
	BIN=$(cd "$BUILD/bin" && pwd)
	TOP=$(pwd)
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/lapak-$T_NAME.XXXXXX")
	SIM_PID=""
	D_PID=""
	trap 'cleanup' EXIT INT TERM
}

cleanup() {
	[ -n "$D_PID" ] && kill -9 "$D_PID" 2>/dev/null
	[ -n "$SIM_PID" ] && kill -9 "$SIM_PID" 2>/dev/null
	wait 2>/dev/null
	if [ "$T_FAIL" -ne 0 ] || [ -n "$KEEP" ]; then
		echo "# logs kept in $WORK"
	else
		rm -rf "$WORK"
	fi
}

ok()   { T_PASS=$((T_PASS + 1)); echo "ok   $*"; }
# skip WHY: a check that could not run here; counted apart, and tests/run.sh
# fails the run on a skip the environment does not expect (LAPAK_SKIP_OK).
skip() { T_SKIP=$((T_SKIP + 1)); echo "skip $*"; }
# skip_all WHY: the whole test cannot run here (a tool is missing).
skip_all() {
	echo "skip $*"
	echo "$T_NAME: 0 passed, 0 failed, 1 skipped"
	exit 0
}
fail() { T_FAIL=$((T_FAIL + 1)); echo "FAIL $*"; }
check() {	# check "what" command...
	what=$1; shift
	if "$@"; then ok "$what"; else fail "$what"; fi
}

# A free TCP port on loopback.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# write_conf FILE PORT [extra libconfig lines...]: a 0600 config.
write_conf() {
	f=$1; port=$2; shift 2
	{
		echo "smsc = { host = \"127.0.0.1\"; port = $port; system_id = \"lapak\"; password = \"secret\";"
		echo "  enquire_link_ms = 1000; response_timeout_ms = 2000; reconnect_min_ms = 100; reconnect_max_ms = 1000; };"
		echo "store = { path = \"lapak.db\"; };"
		for l in "$@"; do echo "$l"; done
	} > "$f"
	chmod 600 "$f"
}

# start_sim ARGS...: lapak-sim in the background; waits until it listens.
start_sim() {
	"$BIN/lapak-sim" "$@" > "$WORK/sim.out" 2> "$WORK/sim.err" &
	SIM_PID=$!
	i=0
	while ! grep -q "listening" "$WORK/sim.err" 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 100 ] && { fail "lapak-sim did not start"; return 1; }
		sleep 0.05
	done
}

start_lapakd() {	# start_lapakd CONF
	"$BIN/lapakd" -c "$1" >> "$WORK/lapakd.log" 2>&1 &
	D_PID=$!
}

stop_lapakd() {
	[ -n "$D_PID" ] || return 0
	kill -TERM "$D_PID" 2>/dev/null
	wait "$D_PID" 2>/dev/null
	rc=$?
	D_PID=""
	return $rc
}

wait_sim() {	# waits for the sim to exit; returns its code
	wait "$SIM_PID"
	rc=$?
	SIM_PID=""
	return $rc
}

# run_script FILE [sim args]: sim runs the scenario against lapakd (already
# configured to its port); counts each expectation of the scenario.
count_script() {
	out=$1
	p=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$out" | tail -1 |
	    sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/')
	if [ -z "$p" ]; then
		fail "scenario printed no result line"
		cat "$out"
		return
	fi
	T_PASS=$((T_PASS + ${p% *}))
	T_FAIL=$((T_FAIL + ${p#* }))
	grep -E '^(FAIL|fail)' "$out" | head -20
}

finish() {
	echo "$T_NAME: $T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
	[ "$T_FAIL" -eq 0 ] && [ "$T_PASS" -gt 0 ]
	exit $?
}

# ---- more helpers (restarts, serve mode, logs, store) ----

# write_conf2 FILE PORT PASSWORD "SMSC_KEYS" [extra lines...]: like
# write_conf with another password and extra keys inside the smsc group; the
# timing keys come from $CONF_TIMING when set (else write_conf's).
write_conf2() {
	f=$1; port=$2; pw=$3; keys=$4; shift 4
	{
		echo "smsc = { host = \"127.0.0.1\"; port = $port; system_id = \"lapak\"; password = \"$pw\";"
		echo "  ${CONF_TIMING:-enquire_link_ms = 1000; response_timeout_ms = 2000; reconnect_min_ms = 100; reconnect_max_ms = 1000;}"
		echo "  $keys };"
		echo "store = { path = \"lapak.db\"; };"
		for l in "$@"; do echo "$l"; done
	} > "$f"
	chmod 600 "$f"
}

# wait_until SECONDS command...: polls (every 0.1 s) until the command
# succeeds; 1 on timeout.
wait_until() {
	wu_end=$(($(date +%s) + $1)); shift
	while ! "$@" 2>/dev/null; do
		[ "$(date +%s)" -ge "$wu_end" ] && return 1
		sleep 0.1
	done
	return 0
}

# log_count PATTERN [FILE]: lines of lapakd.log (or FILE) matching the ERE.
log_count() {
	grep -cE "$1" "${2:-$WORK/lapakd.log}" 2>/dev/null || true
}
log_has_n() {	# log_has_n N PATTERN [FILE]: at least N matching lines
	[ "$(log_count "$2" "$3")" -ge "$1" ]
}

# start_sim_as TAG ARGS...: lapak-sim with its output in $WORK/TAG.out and
# TAG.err (restarts keep every run's output); waits until it listens.
start_sim_as() {
	SIM_TAG=$1; shift
	"$BIN/lapak-sim" "$@" > "$WORK/$SIM_TAG.out" 2> "$WORK/$SIM_TAG.err" &
	SIM_PID=$!
	if ! wait_until 10 grep -q "listening" "$WORK/$SIM_TAG.err"; then
		fail "lapak-sim ($SIM_TAG) did not start"
		cat "$WORK/$SIM_TAG.err"
		return 1
	fi
}

# start_serve TAG ARGS...: lapak-sim in serve mode with stdin on a fifo held
# open on fd 7: sim_cmd writes console lines to it; MT lines land in TAG.out.
start_serve() {
	sv_tag=$1; shift
	rm -f "$WORK/$sv_tag.in"
	mkfifo "$WORK/$sv_tag.in"
	exec 7<>"$WORK/$sv_tag.in"
	SIM_TAG=$sv_tag
	"$BIN/lapak-sim" "$@" serve < "$WORK/$sv_tag.in" > "$WORK/$sv_tag.out" \
	    2> "$WORK/$sv_tag.err" &
	SIM_PID=$!
	if ! wait_until 10 grep -q "listening" "$WORK/$sv_tag.err"; then
		fail "lapak-sim serve ($sv_tag) did not start"
		cat "$WORK/$sv_tag.err"
		return 1
	fi
}
sim_cmd() { printf '%s\n' "$*" >&7; }

# mt_count TAG ERE: MT lines in TAG.out (serve mode) matching the ERE.
mt_count() { grep -E '^mt ' "$WORK/$1.out" 2>/dev/null | grep -cE "$2" || true; }
mt_has_n() { [ "$(mt_count "$2" "$3")" -ge "$1" ]; }	# mt_has_n N TAG ERE

# kill_sim [SIGNAL]: stops the current sim (default TERM) and reaps it.
kill_sim() {
	[ -n "$SIM_PID" ] || return 0
	kill -"${1:-TERM}" "$SIM_PID" 2>/dev/null
	wait "$SIM_PID" 2>/dev/null
	SIM_PID=""
}

# kill9_lapakd: a crash: SIGKILL, reaped.
kill9_lapakd() {
	[ -n "$D_PID" ] || return 0
	kill -9 "$D_PID" 2>/dev/null
	wait "$D_PID" 2>/dev/null
	D_PID=""
}

# lapakd_alive: the daemon started last is still running.
lapakd_alive() { [ -n "$D_PID" ] && kill -0 "$D_PID" 2>/dev/null; }

# stat_of NAME: one counter from `lapakctl -c lapak.cfg -k stats` (cwd $WORK).
stat_of() {	# errors in $WORK/lapakctl.err
	"$BIN/lapakctl" -c "$WORK/lapak.cfg" -k stats 2>>"$WORK/lapakctl.err" |
	    awk -v k="$1" '$1 == k { print $2 }'
}
stat_is() { [ "$(stat_of "$1")" = "$2" ]; }	# stat_is NAME VALUE

# sql QUERY: one value from the store (lapak.db in $WORK).
sql() { sqlite3 -batch "$WORK/lapak.db" "$1"; }

# json_field JSON NAME: a number from lapak-sim load's summary line.
json_field() {
	printf '%s\n' "$1" | sed -nE "s/.*\"$2\":([0-9.]+).*/\1/p"
}

# sanitizer_clean FILE: no ASan/UBSan report in a log.
sanitizer_clean() {
	! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "${1:-$WORK/lapakd.log}"
}

# start_lapakd_x ARGS...: lapakd with any arguments (e.g. -T smpp -c CONF),
# logging to lapakd.log like start_lapakd.
start_lapakd_x() {
	"$BIN/lapakd" "$@" >> "$WORK/lapakd.log" 2>&1 &
	D_PID=$!
}
