#!/bin/sh
# lapakctl: check (exit codes, file:line), stats for programme staff after a
# little trade (readable: dated, the period, groups once, words; a bad DAYS
# is a usage error; -k for scripts), and pin-unlock lifting a seller's PIN
# lockout.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT"
"$BIN/lapakctl" -c lapak.cfg check > check.out 2>&1
check "check: a good config exits 0" [ $? -eq 0 ]
printf 'smsc = { host = "x"; port = 99999; system_id = "a"; password = ""; };\nstore = { path = "x.db"; };\n' > bad.cfg
"$BIN/lapakctl" -c bad.cfg check > bad.out 2>&1
check "check: a bad config exits 1" [ $? -eq 1 ]
check "check: the error names file:line and the key" grep -q "bad.cfg:1: smsc.port" bad.out
"$BIN/lapakctl" -c lapak.cfg frobnicate > /dev/null 2>&1
check "unknown verb exits 2" [ $? -eq 2 ]

cat > s.scn <<'SCN'
wait-bind 10
send +6281200000001 "DAFTAR Toko Sri, Sukamaju"
expect +6281200000001 /Toko Sri/
send +6281200000001 "JUAL Keripik 15rb 20"
expect +6281200000001 /P1/
send +6281200000001 "PIN 1234"
expect +6281200000001 /PIN/
send +6281200000001 "PIN 1111 5678"
expect +6281200000001 /PIN/
send +6281200000001 "PIN 1112 5678"
expect +6281200000001 /PIN/
send +6281200000001 "PIN 1113 5678"
expect +6281200000001 /PIN/
send +6281200000001 "PIN 1114 5678"
expect +6281200000001 /PIN/
send +6281200000001 "PIN 1115 5678"
expect +6281200000001 /PIN/
send +6281200000001 "PIN 1234 5678"
expect +6281200000001 /(kunci|lock|blokir|menit|minute)/
SCN
start_sim -p "$PORT" script s.scn
start_lapakd lapak.cfg
wait_sim
count_script sim.out
"$BIN/lapakctl" -c lapak.cfg -k stats > stats.out 2>&1
check "stats -k: one seller" grep -qx "sellers 1" stats.out
check "stats -k: one product listed" grep -qx "products_listed 1" stats.out
check "stats -k: no order yet" grep -qx "orders 0" stats.out
check "stats -k: each key once" [ "$(cut -d' ' -f1 stats.out | sort | uniq -d | wc -l)" -eq 0 ]
# For a programme officer: dated, the period named, each group once, words.
"$BIN/lapakctl" -c lapak.cfg stats 7 > stats7.out 2>&1
check "stats 7: exits 0" [ $? -eq 0 ]
check "stats: a dated header" grep -qE "^Lapak statistics, printed $(date +%Y-%m-%d) [0-9]{2}:[0-9]{2}" stats7.out
check "stats: totals say since when" grep -qE "^Totals cover all time: since the first message, 20[0-9]{2}-" stats7.out
check "stats 7: the period" grep -qE "^Period: the last 7 days, 20[0-9-]+ .* to $(date +%Y-%m-%d) " stats7.out
check "stats 7: what happened in it" grep -qE "^  products listed +1$" stats7.out
check "stats: sellers in words" grep -qE "^  sellers registered +1$" stats7.out
check "stats: no group twice" [ "$(grep -E '^[A-Z]' stats7.out | sort | uniq -d | wc -l)" -eq 0 ]
check "stats: no internal keys" sh -c "! grep -qE '(^| )(outbox|mt|orders|products)_[a-z]+' stats7.out"
check "stats: submitted and delivered explained" sh -c "grep -q '(submitted)' stats7.out && grep -q '(delivered)' stats7.out && grep -q '^submitted: ' stats7.out"
check "stats: order value in rupiah" grep -qE "^  value of completed orders +Rp0$" stats7.out
"$BIN/lapakctl" -c lapak.cfg stats > stats0.out 2>&1
check "stats: without DAYS no period group" sh -c "! grep -q '^In the period' stats0.out && ! grep -q '^Period:' stats0.out"
for bad in abc 0 -3 7x 99999999999; do
	"$BIN/lapakctl" -c lapak.cfg stats "$bad" > bad.out 2>&1
	check "stats $bad: usage error, exit 2" [ $? -eq 2 ]
	check "stats $bad: prints no counts" sh -c "! grep -qE '^(  )?sellers' bad.out"
	case $bad in -*) ;; *)
	check "stats $bad: says what DAYS must be" grep -q 'DAYS must be' bad.out ;;
	esac
done
"$BIN/lapakctl" -c lapak.cfg stats 7 8 > /dev/null 2>&1
check "stats 7 8: usage error, exit 2" [ $? -eq 2 ]
"$BIN/lapakctl" -c lapak.cfg pin-unlock 081200000001 > unlock.out 2>&1
check "pin-unlock: exits 0 for a seller" [ $? -eq 0 ]
"$BIN/lapakctl" -c lapak.cfg pin-unlock 081299999999 > /dev/null 2>&1
check "pin-unlock: exits 1 for a number that is not a seller" [ $? -eq 1 ]
# The unlocked seller changes the PIN over the running link.
cat > v.scn <<'SCN'
wait-bind 10
send +6281200000001 "PIN 1234 5678"
expect +6281200000001 /PIN/
SCN
stop_lapakd
PORT2=$(free_port)
sed -i "s/port = $PORT;/port = $PORT2;/" lapak.cfg
start_sim -p "$PORT2" script v.scn
start_lapakd lapak.cfg
wait_sim
count_script sim.out
check "after unlock the PIN change is accepted" \
    sh -c "grep -q 'expect +6281200000001' sim.out && ! grep -qiE 'kunci|lock' sim.out"
stop_lapakd
finish
