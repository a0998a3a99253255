#!/bin/sh
# make bench-ussd: a USSD hop's latency while 1,000 SMS/s of background load
# run. Two lapak-sim processes against one lapakd (durable store, two SMSC
# links): one sends SMS (--mix sms), the other dials the service code
# (--mix ussd). Prints both JSON lines and, last, one summary JSON line.
# Env: BENCH_SECONDS (15), BENCH_SMS_RATE (1000), BENCH_USSD_RATE (20).
set -e
BUILD=${1:-build/bench}
BIN=$(cd "$BUILD/bin" && pwd)
SECS=${BENCH_SECONDS:-15}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lapak-bench-ussd.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
P1=$(port)
P2=$(port)
umask 077
cat > "$WORK/b.cfg" <<CFG
smsc = (
  { name = "sms"; host = "127.0.0.1"; port = $P1; system_id = "lapak"; password = "secret"; window = 64; default_route = true; },
  { name = "ussd"; host = "127.0.0.1"; port = $P2; system_id = "lapak"; password = "secret"; window = 64; }
);
store = { path = "b.db"; };
handler = "echo";
limits = { mo_per_minute = 0; };
log = { level = "warn"; };
CFG
"$BIN/lapak-sim" -p "$P1" load --mix sms -n 1000 -r "${BENCH_SMS_RATE:-1000}" -d "$SECS" \
    > "$WORK/sms.out" 2> "$WORK/sms.err" &
S1=$!
"$BIN/lapak-sim" -p "$P2" load --mix ussd -n 200 -r "${BENCH_USSD_RATE:-20}" -d $((SECS - 2)) \
    > "$WORK/ussd.out" 2> "$WORK/ussd.err" &
S2=$!
sleep 0.3
"$BIN/lapakd" -c "$WORK/b.cfg" 2> "$WORK/lapakd.log" &
D=$!
wait $S1 || true
wait $S2 || true
rss=$(awk '/VmHWM/ {print $2}' /proc/$D/status 2>/dev/null || echo 0)
kill -TERM $D 2>/dev/null; wait $D 2>/dev/null || true
sms=$(tail -1 "$WORK/sms.out")
ussd=$(tail -1 "$WORK/ussd.out")
echo "sms:  $sms"
echo "ussd: $ussd"
f() { echo "$1" | sed -nE "s/.*\"$2\":([0-9.]+).*/\\1/p"; }
echo "{\"sms_per_s\":$(f "$sms" mo_per_s),\"sms_p99_ms\":$(f "$sms" p99_ms),\"ussd_hops\":$(f "$ussd" mo_sent),\"ussd_p50_ms\":$(f "$ussd" p50_ms),\"ussd_p99_ms\":$(f "$ussd" p99_ms),\"lost\":$(( $(f "$sms" lost) + $(f "$ussd" lost) )),\"rss_kb\":${rss:-0}}"
exit 0
