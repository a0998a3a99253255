# Shared helpers for integration tests: start lapak-sim and lapakd on free
# loopback ports in a private temp folder, run scenarios, count results.
# Usage in a test:  . tests/integ/lib.sh; setup "$1"; ...; finish
# Every check prints "ok ..." or "FAIL ..."; finish prints
# "NAME: N passed, N failed" and exits non-zero on any failure.

T_PASS=0
T_FAIL=0
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
	echo "$T_NAME: $T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ] && [ "$T_PASS" -gt 0 ]
	exit $?
}
