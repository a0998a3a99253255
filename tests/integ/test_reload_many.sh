#!/bin/sh
# Config lifetime: 1,000 SIGHUP reloads while SMS commerce and USSD load run
# on two links. Every reload is taken (none refused), every MO answered (lost
# 0, duplicated 0), and lapakd's heap in use (lapak_heap_bytes, every
# malloc arena) grows by less than 2 MB more over the reloads than over as
# long a time of the same load without them (replaced configs are freed
# once no link runs on them; unchanged menus keep their generation). Peak
# RSS is printed too, but not judged: each reload's passing high-water mark
# (old and new config side by side) lands on top of whatever the store's
# caches grew to in the pause before, so it charges the reloads with growth
# that is not theirs, the more the bigger the config.
# Plain -O2 build (as the soak: sanitizer quarantine hides frees), shared
# with test_soak in build/soak; RELOADS overrides the count.
. tests/integ/lib.sh
setup "$1"
SB=${SOAK_BUILD:-build/soak}
N=${RELOADS:-1000}
if [ -z "$SKIP_MAKE" ] && ! make -s BUILD="$SB" OPT="-O2 -g" SANITIZE= all > "$WORK/make.out" 2>&1; then
	fail "make BUILD=$SB all"; cat "$WORK/make.out"; finish
fi
B=$(cd "$SB/bin" && pwd)
cd "$WORK" || exit 1
PA=$(free_port); PB=$(free_port); HP=$(free_port)
cat > r.cfg <<CFG
smsc = (
  { name = "sms"; host = "127.0.0.1"; port = $PA; system_id = "lapak"; password = "secret";
    window = 64; default_route = true; },
  { name = "ussd"; host = "127.0.0.1"; port = $PB; system_id = "lapak"; password = "secret";
    window = 64; }
);
store = { path = "r.db"; };
handler = "commerce";
limits = { mo_per_minute = 0; };
http = { listen = "127.0.0.1:$HP"; secret = "s3kret"; };
CFG
chmod 600 r.cfg
waitfor() {	# waitfor FILE ERE SECONDS
	n=0
	while ! grep -qE "$2" "$1" 2>/dev/null; do
		n=$((n + 1)); [ $n -gt $(($3 * 10)) ] && return 1; sleep 0.1
	done
}
"$B/lapak-sim" -p "$PA" load -n 500 -r 40 -d 90 --mix commerce --drain 10 \
    --bind-timeout 30 > sms.out 2> sms.err &
SA=$!
"$B/lapak-sim" -p "$PB" load -n 200 -r 20 -d 90 --mix ussd --drain 10 \
    --bind-timeout 30 > ussd.out 2> ussd.err &
SU=$!
waitfor sms.err listening 10 && waitfor ussd.err listening 10 ||
    { fail "lapak-sim did not start"; finish; }
"$B/lapakd" -c r.cfg > lapakd.log 2>&1 &
D=$!
D_PID=$D
waitfor lapakd.log "gateway ready" 10 || { fail "lapakd did not start"; finish; }
hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$D/status"; }
heap() {	# KB in use on lapakd's heap
	curl -s -H 'X-Lapak-Secret: s3kret' "http://127.0.0.1:$HP/metrics" |
	    awk '/^lapak_heap_bytes / { print int($2 / 1024) }'
}
for w in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -n "$TRACE" ] && echo "# warm-up $w s: peak RSS $(hwm) KB"
	sleep 1
done	# warm-up: caches, statements, sessions
# The store's page cache still fills as the database grows under load, so
# peak RSS rises without reloads too. Ten rounds, each a burst of N/10
# reloads and then as long a time without: the growth in the bursts minus
# the growth in the pauses is what the reloads cost, trends cancelling out.
i=0
g_rel=0
g_idle=0
h0=$(hwm)
k0=$(heap)
t0=$(date +%s)
for round in 1 2 3 4 5 6 7 8 9 10; do
	ha=$(heap)
	ta=$(date +%s%N)
	stop=$((i + N / 10))
	[ "$round" -eq 10 ] && stop=$N
	while [ $i -lt "$stop" ] && kill -0 "$D" 2>/dev/null; do
		i=$((i + 1))
		kill -HUP "$D"
		# one at a time: signals sent faster than handled coalesce
		k=0
		while [ "$(grep -c 'reload ok' lapakd.log)" -lt $i ]; do
			k=$((k + 1)); [ $k -gt 500 ] && break; sleep 0.01
		done
		[ $k -gt 500 ] && break
	done
	hb=$(heap)
	ms=$(( ($(date +%s%N) - ta) / 1000000 ))
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	hc=$(heap)
	g_rel=$((g_rel + hb - ha))
	g_idle=$((g_idle + hc - hb))
	[ -n "$TRACE" ] && echo "# round $round: +$((hb - ha)) KB in the burst, +$((hc - hb)) KB after"
done
dt=$(($(date +%s) - t0))
grow=$((g_rel - g_idle))
echo "# $i reloads in $dt s; heap in use $k0 -> $(heap) KB: +$g_rel KB in the reload bursts, +$g_idle KB in as long pauses; peak RSS $h0 -> $(hwm) KB"
check "lapakd alive after $N reloads" kill -0 "$D"
check "$N reloads taken ($(grep -c 'reload ok' lapakd.log))" \
    [ "$(grep -c 'reload ok' lapakd.log)" -eq "$N" ]
check "no reload refused" sh -c "! grep -q 'reload refused' lapakd.log"
check "heap readable from /metrics ($k0 KB)" [ "${k0:-0}" -gt 0 ]
check "heap grew < 2048 KB more with reloads than without ($grow KB)" \
    [ "$grow" -lt 2048 ]
wait "$SA"; wait "$SU"
kill -TERM "$D"; wait "$D"; rc=$?; D_PID=
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
field() { sed -nE "s/.*\"$2\":([0-9.]+).*/\1/p" "$1" | tail -1; }
for l in sms ussd; do
	check "$l: MOs sent ($(field $l.out mo_sent))" [ "$(field $l.out mo_sent)" -gt 0 ]
	check "$l: lost 0 ($(field $l.out lost))" [ "$(field $l.out lost)" = 0 ]
	check "$l: duplicated 0 ($(field $l.out duplicated))" [ "$(field $l.out duplicated)" = 0 ]
done
check "ussd: unmatched 0" [ "$(field ussd.out unmatched)" = 0 ]
check "no error logged" sh -c "! grep -qiE 'error|fatal|sanitizer' lapakd.log"
finish
