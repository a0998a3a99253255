#!/bin/sh
# make soak: lapakd under mixed load for SOAK_SECONDS (default 1200 = 20 min)
# at SOAK_RATE MO/s (300): two SMSC links on one lapakd (commerce handler),
# one lapak-sim sending SMS commerce commands (2/3 of the rate: register,
# sell, price, find, buy, confirm, info) and one dialling USSD (1/3).
# Every SOAK_SAMPLE seconds (5) lapakd's VmRSS, open fds and the database
# and WAL sizes go into a CSV. At the end it asserts: no MO lost on either
# link, RSS and fds flat (the last quarter's max within SOAK_RSS_PCT % (15)
# of the max of the first quarter after warm-up), the WAL never above
# SOAK_WAL_MAX_KB (16384: checkpoints keep it bounded), the database growing
# in proportion to the messages (KB per MO in the last half within 1.5x of
# the first half after warm-up), and a clean SIGTERM exit.
# Usage: sh scripts/soak.sh [BUILD]   (a non-sanitized build; default
# build/soak). Prints ok/FAIL lines, a figures table, the CSV path (kept in
# SOAK_DIR, default a temp folder), and last "soak: N passed, N failed".
BUILD=${1:-build/soak}
SECS=${SOAK_SECONDS:-1200}
RATE=${SOAK_RATE:-300}
SAMPLE=${SOAK_SAMPLE:-5}
RSS_PCT=${SOAK_RSS_PCT:-15}
WAL_MAX_KB=${SOAK_WAL_MAX_KB:-16384}
BIN=$(cd "$BUILD/bin" 2>/dev/null && pwd) || { echo "soak: no $BUILD/bin" >&2; exit 2; }
DIR=${SOAK_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/lapak-soak.XXXXXX")}
mkdir -p "$DIR"
cd "$DIR" || exit 2
CSV=$DIR/soak.csv
PASS=0; FAIL=0
ok()   { PASS=$((PASS + 1)); echo "ok   $*"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
check() { w=$1; shift; if "$@"; then ok "$w"; else fail "$w"; fi; }
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
D=; SA=; SB=
trap '[ -n "$D" ] && kill -9 $D 2>/dev/null; [ -n "$SA" ] && kill -9 $SA 2>/dev/null; [ -n "$SB" ] && kill -9 $SB 2>/dev/null' EXIT INT TERM

R_SMS=$((RATE * 2 / 3))
R_USSD=$((RATE - R_SMS))
PA=$(port); PB=$(port)
rm -f soak.db soak.db-wal soak.db-shm
umask 077
cat > soak.cfg <<CFG
smsc = (
  { name = "sms"; host = "127.0.0.1"; port = $PA; system_id = "lapak"; password = "secret";
    window = 64; default_route = true; },
  { name = "ussd"; host = "127.0.0.1"; port = $PB; system_id = "lapak"; password = "secret";
    window = 64; }
);
store = { path = "soak.db"; };
handler = "commerce";
limits = { mo_per_minute = 0; };
log = { level = "warn"; };
CFG
waitfor() {	# waitfor FILE ERE SECONDS
	n=0
	while ! grep -qE "$2" "$1" 2>/dev/null; do
		n=$((n + 1)); [ $n -gt $(($3 * 10)) ] && return 1; sleep 0.1
	done
}
"$BIN/lapak-sim" -p "$PA" load -n 1000 -r "$R_SMS" -d "$SECS" --mix commerce \
    --drain 10 --bind-timeout 30 > sms.out 2> sms.err &
SA=$!
"$BIN/lapak-sim" -p "$PB" load -n 500 -r "$R_USSD" -d "$SECS" --mix ussd \
    --drain 10 --bind-timeout 30 > ussd.out 2> ussd.err &
SB=$!
waitfor sms.err listening 10 && waitfor ussd.err listening 10 ||
    { echo "soak: lapak-sim did not start" >&2; cat sms.err ussd.err >&2; exit 1; }
"$BIN/lapakd" -c soak.cfg > lapakd.log 2>&1 &
D=$!
echo "soak: $SECS s at $RATE MO/s ($R_SMS SMS commerce + $R_USSD USSD), lapakd pid $D, sampling every $SAMPLE s into $CSV"
echo "t_s,rss_kb,fds,db_kb,wal_kb" > "$CSV"
t0=$(date +%s)
size_kb() { if [ -f "$1" ]; then echo $(( ($(stat -c %s "$1") + 1023) / 1024 )); else echo 0; fi; }
while kill -0 "$SA" 2>/dev/null || kill -0 "$SB" 2>/dev/null; do
	kill -0 "$D" 2>/dev/null || break
	rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$D/status" 2>/dev/null)
	fds=$(ls "/proc/$D/fd" 2>/dev/null | wc -l)
	echo "$(($(date +%s) - t0)),${rss:-0},$fds,$(size_kb soak.db),$(size_kb soak.db-wal)" >> "$CSV"
	sleep "$SAMPLE"
done
check "lapakd ran through the soak" kill -0 "$D"
wait "$SA"; SA=
wait "$SB"; SB=
JA=$(tail -1 sms.out); JB=$(tail -1 ussd.out)
echo "# sms:  $JA"
echo "# ussd: $JB"
field() { printf '%s\n' "$1" | sed -nE "s/.*\"$2\":([0-9.]+).*/\1/p"; }
kill -TERM "$D"; wait "$D"; rc=$?; D=
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
for l in sms ussd; do
	j=$JA; [ $l = ussd ] && j=$JB
	sent=$(field "$j" mo_sent); lost=$(field "$j" lost)
	check "$l: load summary printed" [ -n "$sent" -a -n "$lost" ]
	r=$R_SMS; [ $l = ussd ] && r=$R_USSD
	check "$l: sent at least 90% of $r/s x $SECS s (${sent:-0})" [ "${sent:-0}" -ge $((r * SECS * 9 / 10)) ]
	check "$l: lost 0 (${lost:-none})" [ "${lost:--1}" = 0 ]
done
notes=$(sqlite3 -batch soak.db "SELECT count(*) FROM outbox o JOIN inbox i ON i.id = o.inbox_id WHERE o.link = 'sms' AND o.dst != i.src" 2>/dev/null)
check "sms: duplicated 0 ($(field "$JA" duplicated))" [ "$(field "$JA" duplicated)" = 0 ]
check "ussd: duplicated 0, unmatched 0 ($(field "$JB" duplicated), $(field "$JB" unmatched))" \
    [ "$(field "$JB" duplicated)" = 0 -a "$(field "$JB" unmatched)" = 0 ]
# The commerce mix counts the sellers' order notifications as unmatched:
# exactly the outbox rows addressed to someone other than the sender.
check "sms: unmatched $(field "$JA" unmatched) = seller notifications in the outbox (${notes:-?})" \
    [ "$(field "$JA" unmatched)" = "${notes:-x}" ]
check "integrity_check ok" [ "$(sqlite3 -batch soak.db 'PRAGMA integrity_check')" = ok ]
check "no error logged by lapakd" sh -c "! grep -qiE 'err|fatal|AddressSanitizer' lapakd.log"

# Figures and flatness from the CSV. Warm-up: the first fifth (at least
# 20 s); "first quarter" = the first quarter of the rest.
awk -F, -v pct="$RSS_PCT" -v walmax="$WAL_MAX_KB" -v secs="$SECS" '
NR == 1 { next }
{ t[n] = $1; rss[n] = $2; fd[n] = $3; db[n] = $4; wal[n] = $5; n++ }
END {
	if (n < 8) { print "FAIL too few samples (" n ")"; exit }
	w = 0; while (w < n && (t[w] < 20 || t[w] < secs / 5)) w++
	m = n - w; q = int(m / 4); if (q < 1) q = 1
	r1 = 0; f1 = 0; for (i = w; i < w + q; i++) { if (rss[i] > r1) r1 = rss[i]; if (fd[i] > f1) f1 = fd[i] }
	r4 = 0; f4 = 0; for (i = n - q; i < n; i++) { if (rss[i] > r4) r4 = rss[i]; if (fd[i] > f4) f4 = fd[i] }
	wm = 0; for (i = 0; i < n; i++) if (wal[i] > wm) wm = wal[i]
	h = w + int(m / 2)
	g1 = (db[h] - db[w]) / (t[h] - t[w] > 0 ? t[h] - t[w] : 1)
	g2 = (db[n-1] - db[h]) / (t[n-1] - t[h] > 0 ? t[n-1] - t[h] : 1)
	printf "# figures: samples=%d warm-up=%ds\n", n, t[w]
	printf "#   rss_kb: start %d, after warm-up %d, first-quarter max %d, last-quarter max %d, end %d\n", rss[0], rss[w], r1, r4, rss[n-1]
	printf "#   fds: first-quarter max %d, last-quarter max %d\n", f1, f4
	printf "#   wal_kb: max %d (limit %d), end %d\n", wm, walmax, wal[n-1]
	printf "#   db_kb: after warm-up %d, middle %d, end %d; growth %.1f then %.1f KB/s\n", db[w], db[h], db[n-1], g1, g2
	for (i = 0; i < n; i += (n > 12 ? int(n / 12) : 1))
		printf "#   t=%4ds rss=%6d KB fds=%3d db=%7d KB wal=%6d KB\n", t[i], rss[i], fd[i], db[i], wal[i]
	printf "#   t=%4ds rss=%6d KB fds=%3d db=%7d KB wal=%6d KB (last)\n", t[n-1], rss[n-1], fd[n-1], db[n-1], wal[n-1]
	print (r4 <= r1 * (1 + pct / 100) ? "ok   " : "FAIL ") "RSS flat: last-quarter max " r4 " KB <= first-quarter max " r1 " KB + " pct "%"
	print (f4 <= f1 + 2 ? "ok   " : "FAIL ") "fds flat: last-quarter max " f4 " <= first-quarter max " f1 " + 2"
	print (wm <= walmax ? "ok   " : "FAIL ") "WAL bounded: max " wm " KB <= " walmax " KB"
	print (g1 > 0 && g2 <= g1 * 1.5 + 16 ? "ok   " : "FAIL ") "DB growth proportional: " sprintf("%.1f", g2) " KB/s in the last half <= 1.5 x " sprintf("%.1f", g1) " KB/s"
}' "$CSV" > figures.txt
cat figures.txt
PASS=$((PASS + $(grep -c '^ok' figures.txt)))
FAIL=$((FAIL + $(grep -c '^FAIL' figures.txt)))
echo "# csv: $CSV"
echo "soak: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
