#!/bin/sh
# make bench: lapak-sim in load mode against a freshly started lapakd (durable
# store, default synchronous=FULL). Two runs: as fast as the window allows, and
# a fixed 5,000 MO/s for latency. Prints one JSON line last.
# Env: BENCH_SECONDS (10), BENCH_MIX (sms: built-in echo handler | commerce),
# BENCH_WINDOW (64), BENCH_PHONES (1000).
set -e
BUILD=${1:-build/bench}
BIN=$(cd "$BUILD/bin" && pwd)
SECS=${BENCH_SECONDS:-10}
MIX=${BENCH_MIX:-sms}
WIN=${BENCH_WINDOW:-64}
PHONES=${BENCH_PHONES:-1000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lapak-bench.XXXXXX")
D=; SIM=
trap 'rm -rf "$WORK"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
handler=echo
[ "$MIX" = commerce ] && handler=commerce

run() {	# run RATE -> JSON line of the sim, plus rss_kb of lapakd
	P=$(port)
	rm -f "$WORK"/b.db*
	umask 077
	cat > "$WORK/bench.cfg" <<CFG
smsc = { host = "127.0.0.1"; port = $P; system_id = "lapak"; password = "secret"; window = $WIN; };
store = { path = "b.db"; };
handler = "$handler";
limits = { mo_per_minute = 0; };
log = { level = "warn"; };
CFG
	"$BIN/lapak-sim" -p "$P" load -n "$PHONES" -r "$1" -d "$SECS" -W "$WIN" --mix "$MIX" \
	    > "$WORK/load.out" 2> "$WORK/load.err" &
	SIM=$!
	sleep 0.3
	"$BIN/lapakd" -c "$WORK/bench.cfg" 2> "$WORK/lapakd.log" &
	D=$!
	wait $SIM || true
	rss=$(awk '/VmHWM/ {print $2}' /proc/$D/status 2>/dev/null || echo 0)
	kill -TERM $D 2>/dev/null; wait $D 2>/dev/null || true
	line=$(tail -1 "$WORK/load.out")
	echo "${line%\}},\"rss_kb\":${rss:-0},\"rate\":$1}"
}

echo "bench: mix=$MIX window=$WIN phones=$PHONES seconds=$SECS (2 cores shared with the generator)"
AT5K=$(run 5000)
echo "at 5000/s: $AT5K"
MAX=$(run 0)
echo "max:       $MAX"
p99_5k=$(echo "$AT5K" | sed -E 's/.*"p99_ms":([0-9.]+).*/\1/')
echo "${MAX%\}},\"p99_ms_at_5000\":$p99_5k}"
exit 0
