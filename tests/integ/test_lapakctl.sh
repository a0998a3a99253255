#!/bin/sh
# lapakctl: check (exit codes, file:line), stats for programme staff after a
# little trade, and pin-unlock lifting a seller's PIN lockout.
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
"$BIN/lapakctl" -c lapak.cfg stats > stats.out 2>&1
check "stats: one seller" grep -qx "sellers 1" stats.out
check "stats: one product listed" grep -qx "products_listed 1" stats.out
check "stats: no order yet" grep -qx "orders 0" stats.out
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
