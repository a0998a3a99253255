#!/bin/sh
# Promotions over SMPP (docs/RELIABILITY.md P6), a real lapakd against
# lapak-sim, 10,000 subscribers seeded straight into SQLite:
# (A) commerce load runs; replies' p99 is measured before a broadcast and
#     while it goes out (same run): at most 1.5 times as slow; the
#     broadcast's rate stays within promotions.share of the link's tps;
#     every subscriber gets it exactly once, an opted-out number (BERHENTI)
#     none; a second broadcast the same day reaches only a number that had
#     no promotion today. When the same load after the broadcast is as
#     slow as during it, the p99 check is a skip (the machine's own noise),
#     never a pass.
# (B) a fresh store: a broadcast made in quiet hours (local ~23:00) sends
#     nothing; in daytime it goes, lapakd is killed (-9) half-way and
#     restarted: everyone gets it once, or (the crash window) once more,
#     counted as the core's duplicates are (test_crash.sh), within the
#     promotion lane's window in flight.
# The clock is the real one: time.zone is a fixed-offset zone (Etc/GMT-N)
# in which it is now about 12:00 (or 23:00). Knobs (defaults are the CI
# size; `make bench-promo` runs a longer version, docs/PERFORMANCE.md):
#   PROMO_RATE   commerce MO/s offered (400 here: under ASan on 2 shared
#                cores lapakd saturates near 1,550 MO/s with a p99 over a
#                second; make bench-promo runs 2,000 on -O2)
#   PROMO_SUBS   subscribers (10000)
#   PROMO_TPS, PROMO_SHARE, PROMO_WINDOW  the link (4000 tps, 25 %, 64)
#   PROMO_BEFORE seconds of load measured before the broadcast (5: about
#                as long as the broadcast, so that a burst of the machine's
#                own noise is as likely to land in either window)
. tests/integ/lib.sh
setup "$1"
. "$TOP/tests/integ/commerce_lib.sh"
command -v sqlite3 > /dev/null || skip_all "sqlite3 missing"
cd "$WORK"
RATE=${PROMO_RATE:-400}
SUBS=${PROMO_SUBS:-10000}
TPS=${PROMO_TPS:-4000}
SHARE=${PROMO_SHARE:-25}
WIN=${PROMO_WINDOW:-64}
BEFORE=${PROMO_BEFORE:-5}
WARM=1
SHARE_RATE=$((TPS * SHARE / 100))	# promotions a second at most
LANE1_WIN=$((WIN * SHARE / 100))	# promotions in flight at most
[ "$LANE1_WIN" -lt 1 ] && LANE1_WIN=1
PORT=$(free_port)

# zone_at HOUR: a fixed-offset zone in which the local hour is now HOUR
# (Etc/GMT-N is UTC+N; offsets run from -12 to +14).
zone_at() {
	u=$(date -u +%H)
	off=$((($1 - ${u#0} + 48) % 24))
	[ "$off" -gt 14 ] && off=$((off - 24))
	if [ "$off" -eq 0 ]; then echo UTC
	elif [ "$off" -gt 0 ]; then echo "Etc/GMT-$off"
	else echo "Etc/GMT+$((-off))"; fi
}
DAY=$(zone_at 12)
NIGHT=$(zone_at 23)
h_day=$(TZ=$DAY date +%H); h_night=$(TZ=$NIGHT date +%H)
case "$h_day/$h_night" in
12/23|13/00|12/00|13/23) ;;
*) skip_all "no tzdata here ($DAY gives $h_day h, $NIGHT gives $h_night h)" ;;
esac
echo "# day zone $DAY (local $(TZ=$DAY date +%H:%M)), night zone $NIGHT (local $(TZ=$NIGHT date +%H:%M))"

# conf ZONE: lapak.cfg with the commerce handler and the link above; the
# digest is not due today (only broadcasts go out).
conf() {
	write_conf2 lapak.cfg "$PORT" secret "window = $WIN; tps = $TPS;" \
	    'handler = "commerce";' 'limits = { mo_per_minute = 0; };' \
	    "time = { zone = \"$1\"; };" 'log = { level = "info"; };' \
	    "promotions = { share = $SHARE; digest_time = \"20:59\"; };"
}

# seed: a store with SUBS numbers +628570NNNNNNN subscribed to "batik"
# (LANGGANAN batik), written straight into SQLite.
seed() {
	rm -f lapak.db lapak.db-wal lapak.db-shm
	"$BIN/lapakctl" -c lapak.cfg stats > /dev/null 2>> lapakctl.err || return 1
	sqlite3 -batch lapak.db > /dev/null <<SQL
PRAGMA busy_timeout = 5000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $SUBS)
INSERT INTO numbers(msisdn, created_s)
    SELECT printf('+628570%07d', i), strftime('%s', 'now') FROM n;
INSERT INTO subscriptions(msisdn, kind, value, label, created_s)
    SELECT msisdn, 'word', 'batik', 'batik', created_s FROM numbers
    WHERE msisdn LIKE '+628570%';
COMMIT;
SQL
}
sub() { printf '+628570%07d' "$1"; }

# promo_text N: a broadcast text; its first word tells its MTs apart.
promo_text() {
	echo "PROMO$1 Pameran batik tulis desa Sukamaju hari Sabtu, diskon 20% untuk pembeli pertama. Datang ya!" > "promo$1.txt"
}

# broadcast N: lapakctl broadcast --to subscribers of promoN.txt; prints
# the number of recipients.
broadcast() {
	promo_text "$1"
	"$BIN/lapakctl" -c lapak.cfg broadcast --to subscribers \
	    --text-file "promo$1.txt" 2>> lapakctl.err |
	    sed -nE 's/^broadcast [0-9]+: ([0-9]+) recipient.*/\1/p'
}

# counts_of FILE N: "NUMBER COUNT" of PROMO<N> MTs in a serve-mode output
# (mt to=... text="...") or a load log (o AT NUMBER SEG TEXT).
counts_of() {
	awk -v p="PROMO$2 " '
	/^mt to=/ { t = $0; sub(/^[^"]*text="/, "", t)
		if (index(t, p) == 1) { n = $2; sub(/^to=/, "", n); c[n]++ } }
	/^o / { t = $0; sub(/^o [0-9]+ [^ ]+ [0-9]+ /, "", t)
		if (index(t, p) == 1) c[$3]++ }
	END { for (n in c) print n, c[n] }' "$1"
}

# ---------------------------------------------------------------- (A)
conf "$DAY"
check "seed: $SUBS subscribers straight into SQLite" seed
check "seed: $SUBS subscriptions" [ "$(sql "select count(*) from subscriptions")" -eq "$SUBS" ]
OPTOUT=$(sub 7)
start_serve pre -v -p "$PORT"
start_lapakd lapak.cfg
wait_until 15 log_has_n 1 'bound as trx' pre.err
ask "$OPTOUT" "BERHENTI" '^Promosi dihentikan' 10
check "BERHENTI pauses the number" \
    [ "$(sql "select promo_paused_s is not null from numbers where msisdn = '$OPTOUT'")" = 1 ]
kill_sim

# The load, with the broadcast made BEFORE seconds into it. The load runs
# long enough for the whole broadcast at its share, plus a margin.
BC_S=$(( (SUBS + SHARE_RATE - 1) / SHARE_RATE ))
DUR=$((WARM + BEFORE + BC_S + 5))
START_IN=$(sql "select count(*) from inbox")
start_sim_as load -v -p "$PORT" load -n 2000 -r "$RATE" -d "$DUR" \
    --mix commerce --drain 20 --log load.log
# the load has started when its MOs reach the inbox (the setup's 2 x 100)
wait_until 20 sh -c "[ \$(sqlite3 lapak.db 'select count(*) from inbox') -gt $((START_IN + 250)) ]"
sleep $((WARM + BEFORE))
T_BC=$(date +%s%3N)
n1=$(broadcast 1)
check "broadcast 1 to every subscriber but the opted-out one ($n1)" [ "$n1" = $((SUBS - 1)) ]
wait_sim
JSON=$(tail -1 load.out)
echo "# load: $JSON"
check "load: nothing lost" [ "$(json_field "$JSON" lost)" = 0 ]
check "load: no reply twice" [ "$(json_field "$JSON" duplicated)" = 0 ]
mo_s=$(json_field "$JSON" mo_per_s)

# p99 of replies to MOs sent in [A, B) (wall ms), and how many.
p99_of() {
	awk -v a="$1" -v b="$2" '$1 == "r" && $2 >= a && $2 < b { print $3 }' load.log |
	    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "0 0"; exit }
		i = int(NR * 99 / 100) + 1; if (i > NR) i = NR
		printf "%.2f %d\n", v[i] / 1000, NR }'
}
L0=$(awk '$1 == "r" { print $2; exit }' load.log)
P1=$(awk '$1 == "o" && index($0, " PROMO1 ") { print $2 }' load.log | sort -n)
F1=$(echo "$P1" | head -1); E1=$(echo "$P1" | tail -1); N1=$(echo "$P1" | grep -c .)
set -- $(p99_of $((L0 + WARM * 1000)) "$T_BC"); P99_B=$1; NB=$2
set -- $(p99_of "${F1:-0}" "${E1:-0}"); P99_D=$1; ND=$2
set -- $(p99_of $((${E1:-0} + 500)) 9999999999999); P99_A=$1; NA=$2
echo "# commerce $mo_s MO/s; replies p99 before the broadcast $P99_B ms ($NB replies), during it $P99_D ms ($ND replies), after it $P99_A ms ($NA replies)"
# The ratio is the promise (P6: a promotion never delays a reply). A p99
# of a few milliseconds moves by a scheduler tick on a shared 2-core box
# whatever lapakd does, so below 20 ms the bound is p99_before + 10 ms.
LIMIT=$(awk -v b="$P99_B" 'BEGIN { l = b * 1.5; if (l < b + 10 && b < 20) l = b + 10; printf "%.2f", l }')
check "enough replies in both phases ($NB, $ND)" [ "$NB" -ge $((RATE * BEFORE / 2)) ] && [ "$ND" -ge $((RATE * 2)) ]
if awk -v d="$P99_D" -v l="$LIMIT" 'BEGIN { exit !(d <= l) }'; then
	ok "replies' p99 during the broadcast $P99_D ms <= $LIMIT ms (before $P99_B ms)"
elif [ "$NA" -ge "$RATE" ] && awk -v a="$P99_A" -v l="$LIMIT" 'BEGIN { exit !(a > l) }'; then
	# The same load with no promotion left (after the broadcast) is as
	# slow: other work on the machine, not the broadcast, set the p99.
	# Not a pass; a skip (fails under CI unless allowed).
	skip "replies' p99 during the broadcast $P99_D ms > $LIMIT ms, but $P99_A ms after it too: the machine is too busy to measure"
else
	fail "replies' p99 during the broadcast $P99_D ms <= $LIMIT ms (before $P99_B ms, after $P99_A ms)"
fi

# The rate: lane 1 draws from a token bucket of SHARE_RATE a second holding
# at most one second's worth, so N promotions need at least N/SHARE_RATE - 1
# seconds from the first to the last.
if [ "${N1:-0}" -gt 1 ]; then
	SPAN=$(( E1 - F1 ))
	PROMO_RATE_S=$(awk -v n="$N1" -v s="$SPAN" 'BEGIN { printf "%.0f", (n - 1) * 1000 / (s > 0 ? s : 1) }')
	PEAK=$(echo "$P1" | awk '{ t[NR] = $1 } END { j = 1; m = 0
		for (i = 1; i <= NR; i++) { while (t[i] - t[j] >= 1000) j++
			if (i - j + 1 > m) m = i - j + 1 } print m }')
	echo "# broadcast 1: $N1 MTs in $SPAN ms = $PROMO_RATE_S/s (share $SHARE% of $TPS tps = $SHARE_RATE/s), peak $PEAK in 1 s"
	check "broadcast rate within the share: $N1 in $SPAN ms <= $SHARE_RATE/s x (span + 1 s)" \
	    awk -v n="$N1" -v s="$SPAN" -v r="$SHARE_RATE" 'BEGIN { exit !(n <= r * (s / 1000 + 1) * 1.02) }'
	check "broadcast rate not starved by the load: $PROMO_RATE_S/s >= half the share" \
	    [ "$PROMO_RATE_S" -ge $((SHARE_RATE / 2)) ]
else
	fail "broadcast 1 reached the load's SMSC (${N1:-0} MTs)"
fi

# ---- the same day: broadcast 2 reaches only who had none today
start_serve day2 -v -p "$PORT"
C_SEEN=":"	# commerce_lib's heard lines are of the last sim's output
wait_until 15 log_has_n 1 'bound as trx' day2.err
NEWBIE=+6285799999999
ask "$NEWBIE" "LANGGANAN batik" '^Langganan ke-1' 10
n2=$(broadcast 2)
check "broadcast 2: every subscriber but the opted-out one ($n2)" [ "$n2" = "$SUBS" ]
hear "$NEWBIE" '^PROMO2 ' 10 promo
sleep 3		# three housekeeping ticks: anything else would show now
cat load.log day2.out > all1.txt
counts_of all1.txt 1 > c1.txt
counts_of all1.txt 2 > c2.txt
got1=$(wc -l < c1.txt); twice1=$(awk '$2 != 1' c1.txt | wc -l)
check "broadcast 1: every subscriber got it ($got1 of $((SUBS - 1)))" [ "$got1" -eq $((SUBS - 1)) ]
check "broadcast 1: nobody got it twice ($twice1)" [ "$twice1" -eq 0 ]
check "broadcast 1: not to the opted-out number" [ "$(grep -c "^$OPTOUT " c1.txt)" -eq 0 ]
check "broadcast 1: only to subscribers" [ "$(grep -vc '^+628570' c1.txt)" -eq 0 ]
check "broadcast 2: only the new subscriber ($(wc -l < c2.txt) numbers)" \
    [ "$(wc -l < c2.txt)" -eq 1 ] && grep -q "^$NEWBIE 1\$" c2.txt
check "broadcast 2: the others left for another day" \
    [ "$(sql "select count(*) from broadcast_to where broadcast_id = 2 and sent_s is null")" -eq $((SUBS - 1)) ]
check "the opted-out number heard nothing but its reply" \
    [ "$(mt_count day2 "to=\\$OPTOUT ")" -eq 0 ] && [ "$(mt_count pre "to=\\$OPTOUT ")" -eq 1 ]
check "store: one promotion row a number ($SUBS)" \
    [ "$(sql "select count(*) from outbox where lane = 1")" -eq "$SUBS" ] &&
    [ "$(sql "select count(distinct dst) from outbox where lane = 1")" -eq "$SUBS" ]
kill_sim
stop_lapakd
check "lapakd exits 0 on SIGTERM (A)" [ "$rc" -eq 0 ]

# ---------------------------------------------------------------- (B)
conf "$NIGHT"
check "seed again: a fresh store" seed
start_serve night -v -p "$PORT"
C_SEEN=":"
start_lapakd lapak.cfg
wait_until 15 log_has_n 1 'bound as trx' night.err
n3=$(broadcast 3)
check "broadcast 3 made at night: $n3 recipients" [ "$n3" = "$SUBS" ]
LATE=$(sub 9)	# opts out after the broadcast was made
ask "$LATE" "STOP" '^Promosi dihentikan' 10
sleep 4		# four housekeeping ticks
check "quiet hours (local $(TZ=$NIGHT date +%H:%M)): nothing sent" [ "$(mt_count night 'text="PROMO3 ')" -eq 0 ]
check "quiet hours: nothing queued" [ "$(sql "select count(*) from outbox where lane = 1")" -eq 0 ]
stop_lapakd
conf "$DAY"
start_lapakd lapak.cfg
# kill -9 half-way
wait_until 40 mt_has_n $((SUBS * 2 / 5)) night 'text="PROMO3 '
before_kill=$(mt_count night 'text="PROMO3 ')
kill9_lapakd
check "killed half-way ($before_kill of $SUBS received)" \
    [ "$before_kill" -ge $((SUBS / 5)) ] && [ "$before_kill" -lt $((SUBS - 1)) ]
start_lapakd lapak.cfg
check "after the restart the broadcast completes" \
    wait_until $((BC_S * 3 + 20)) sh -c "[ \"\$(sqlite3 lapak.db 'select count(*) from broadcasts where id = 1 and done_s is not null')\" = 1 ] && [ \"\$(sqlite3 lapak.db 'select count(*) from outbox where lane = 1 and state = 0')\" = 0 ]"
sleep 2		# late resends would show now
counts_of night.out 3 > c3.txt
got3=$(wc -l < c3.txt)
mt3=$(awk '{ s += $2 } END { print s + 0 }' c3.txt)
over2=$(awk '$2 > 2' c3.txt | wc -l)
sent_rows=$(sql "select count(*) from outbox where lane = 1 and state in (1, 2)")
rows=$(sql "select count(*) from outbox where lane = 1")
crashdup=$((mt3 - sent_rows))
echo "# kill -9 at $before_kill: $mt3 promotion MTs to $got3 numbers; $rows lane-1 rows ($sent_rows sent); $crashdup resent in the crash window (lane-1 window $LANE1_WIN)"
check "every subscriber got broadcast 3 ($got3 of $((SUBS - 1)))" [ "$got3" -eq $((SUBS - 1)) ]
check "nobody got it more than twice ($over2)" [ "$over2" -eq 0 ]
check "the late opt-out got none" [ "$(grep -c "^$LATE " c3.txt)" -eq 0 ]
check "store: one row a recipient, each sent ($rows, $sent_rows)" \
    [ "$rows" -eq $((SUBS - 1)) ] && [ "$sent_rows" -eq "$rows" ] &&
    [ "$(sql "select count(distinct dst) from outbox where lane = 1")" -eq "$rows" ]
check "second copies only from the crash window: 0 <= $crashdup <= $LANE1_WIN" \
    [ "$crashdup" -ge 0 ] && [ "$crashdup" -le "$LANE1_WIN" ]
check "second copies are the extra MTs counted per number" \
    [ "$crashdup" -eq $((mt3 - got3)) ]
kill_sim
stop_lapakd
check "lapakd exits 0 on SIGTERM (B)" [ "$rc" -eq 0 ]
check "no sanitizer report" sanitizer_clean lapakd.log
finish
