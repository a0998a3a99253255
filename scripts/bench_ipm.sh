#!/bin/sh
# make bench-ipm: instructions per MO of lapakd (valgrind callgrind's Ir,
# every thread; this VM has no hardware counters for perf) under a fixed
# commerce load, a figure that CPU contention on a shared VM moves far less
# than throughput. Used to compare two trees: a change to the
# MO path must stay within 10% of before. Prints one JSON line last.
# Env: IPM_RATE (200 MO/s), IPM_SECONDS (10), IPM_MIX (commerce), IPM_RUNS (3).
set -e
BUILD=${1:-build/bench}
BIN=$(cd "$BUILD/bin" && pwd)
RATE=${IPM_RATE:-200}
SECS=${IPM_SECONDS:-10}
MIX=${IPM_MIX:-commerce}
RUNS=${IPM_RUNS:-3}
command -v valgrind >/dev/null || { echo "bench-ipm: valgrind missing"; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lapak-ipm.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
handler=echo
[ "$MIX" = commerce ] && handler=commerce
all=""
i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	P=$(port)
	rm -f "$WORK"/b.db*
	umask 077
	cat > "$WORK/b.cfg" <<CFG
smsc = { host = "127.0.0.1"; port = $P; system_id = "lapak"; password = "secret"; window = 64; };
store = { path = "$WORK/b.db"; };
handler = "$handler";
limits = { mo_per_minute = 0; };
log = { level = "warn"; };
CFG
	"$BIN/lapak-sim" -p "$P" load -n 1000 -r "$RATE" -d "$SECS" --mix "$MIX" \
	    > "$WORK/load.out" 2> "$WORK/load.err" &
	SIM=$!
	sleep 0.3
	valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" \
	    "$BIN/lapakd" -c "$WORK/b.cfg" 2> "$WORK/lapakd.log" &
	PP=$!
	wait $SIM || true
	kill -TERM $PP 2>/dev/null || true
	wait $PP 2>/dev/null || true
	mo=$(sed -nE 's/.*"mo_acked":([0-9]+).*/\1/p' "$WORK/load.out" | tail -1)
	ins=$(sed -nE 's/.*Collected : ([0-9]+).*/\1/p' "$WORK/lapakd.log" | head -1)
	ipm=$(( ins / (mo > 0 ? mo : 1) ))
	echo "run $i: mo_acked=$mo instructions=$ins per_mo=$ipm"
	all="$all $ipm"
done
med=$(echo $all | tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "{\"mix\":\"$MIX\",\"rate\":$RATE,\"seconds\":$SECS,\"runs\":\"$(echo $all)\",\"instructions_per_mo_median\":$med}"
