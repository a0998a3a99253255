#!/bin/sh
# lapakctl report (issue 12, reports) on a small store filled by SQL:
# table, CSV and JSON (parsed by python's json) with the same figures, the
# period and place options and their errors; LAPORAN / REPORT over SMPP in
# Indonesian and English, and refused to a number that is no assistant;
# make bench-report in small (its sums add up, every run reported).
. tests/integ/lib.sh
setup "$1"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
command -v sqlite3 > /dev/null || skip_all "sqlite3 shell missing"
cd "$WORK"
PORT=$(free_port)
HP=$(free_port)
write_conf lapak.cfg "$PORT" 'time = { zone = "Asia/Jakarta"; };' \
    'limits = { mo_per_minute = 0; };' \
    "http = { listen = \"127.0.0.1:$HP\"; secret = \"s3kret\"; };"
CTL="$BIN/lapakctl -c lapak.cfg"
$CTL stats -k > /dev/null 2>&1
check "lapakctl creates the store" [ -f lapak.db ]

# June 2025 (+07:00): two villages of one district, one unplaced seller;
# seller 1 lists two products (one delisted after an hour), changes a
# price, sells twice (one completed); seller 2 registers on 1 June 00:00
# and has an order rejected; seller 3 (unplaced) lists one.
J=1748710800	# 2025-06-01 00:00 +07:00
sqlite3 lapak.db <<EOF
INSERT INTO places (code, name, level, parent, key) VALUES
 ('33.20', 'Jepara', 2, NULL, 'jepara'),
 ('33.20.01', 'Bangsri', 3, '33.20', 'bangsri'),
 ('33.20.01.2001', 'Sukamaju', 4, '33.20.01', 'sukamaju'),
 ('33.20.01.2002', 'Tegal, Sari', 4, '33.20.01', 'tegalsari');
INSERT INTO sellers (id, msisdn, shop, created_s, updated_s, place) VALUES
 (1, '+6281100000001', 'A', $J - 86400, $J, '33.20.01.2001'),
 (2, '+6281100000002', 'B', $J, $J, '33.20.01.2002'),
 (3, '+6281100000003', 'C', $J + 3600, $J, '');
INSERT INTO products (id, seller_id, name, price_rp, stock, created_s, place, delisted_s, active) VALUES
 (1, 1, 'a', 1000, 5, $J + 100, '33.20.01.2001', NULL, 1),
 (2, 1, 'b', 1000, 5, $J + 200, '33.20.01.2001', $J + 3800, 0),
 (3, 3, 'c', 1000, 5, $J + 300, '', NULL, 1);
INSERT INTO price_history (product_id, old_rp, new_rp, at_s) VALUES
 (1, NULL, 1000, $J + 100), (1, 1000, 1500, $J + 5000);
INSERT INTO orders (id, buyer, seller_id, product_id, qty, unit_price_rp, state, created_at, delivered_at, closed_at, place) VALUES
 (1, '+62857001', 1, 1, 2, 1500, 'delivered', $J + 6000, $J + 90000, NULL, '33.20.01.2001'),
 (2, '+62857002', 1, 1, 1, 1500, 'shipped', $J + 7000, NULL, NULL, '33.20.01.2001'),
 (3, '+62857003', 2, 1, 1, 1500, 'rejected', $J + 8000, NULL, $J + 9000, '33.20.01.2002');
EOF

$CTL report --from 2025-06-01 --to 2025-06-30 > table.txt 2> err.txt
check "report (table) exits 0" [ $? -eq 0 ]
check "table: a title naming the period and zone" \
    grep -q "^Lapak report by village, 2025-06-01 to 2025-06-30 (times in Asia/Jakarta)" table.txt
check "table: a header with the column names" \
    grep -Eq "^group +name +sellers_new +sellers_total +sellers_active +products_listed +updates +orders_created" table.txt
check "table: Sukamaju's row" \
    grep -Eq "^33\.20\.01\.2001 +Sukamaju +0 +1 +1 +1 +1 +2 +1 +0 +0 +0 +0 +3000 +0 +3000$" table.txt
check "table: the unplaced and total rows" \
    sh -c 'grep -Eq "^unplaced +1 +1 +1 +1 +0 +0 " table.txt && grep -Eq "^total +2 +3 +2 +2 +1 +3 +1 +0 +1 +0 +0 +3000 " table.txt'

$CTL report --from 2025-06-01 --to 2025-06-30 --format csv > out.csv
check "CSV: the header is the column names of programme.md" \
    [ "$(head -1 out.csv)" = "group,name,sellers_new,sellers_total,sellers_active,products_listed,updates,orders_created,orders_completed,orders_cancelled,orders_rejected,orders_expired,orders_returned,value_completed_rp,paid_rp,cod_rp" ]
check "CSV: a name with a comma is quoted" \
    grep -q '^33.20.01.2002,"Tegal, Sari",1,1,0,0,0,1,0,0,1,0,0,0,0,0$' out.csv
check "CSV: four rows after the header" [ "$(wc -l < out.csv)" -eq 5 ]

$CTL report --from 2025-06-01 --to 2025-06-30 --format json > out.json
cat > checks.py <<'PY'
import csv, json, sys
rows = json.load(open("out.json"))
print("ok" if isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
      else "FAIL", "JSON is an array of objects")
c = list(csv.DictReader(open("out.csv")))
same = len(rows) == len(c) and all(
    str(j[k]) == v for j, r in zip(rows, c) for k, v in r.items())
print("ok" if same else "FAIL", "JSON holds the CSV's rows and columns")
t = rows[-1]
print("ok" if t["group"] == "total" and t["value_completed_rp"] == 3000 and
      isinstance(t["orders_created"], int) else "FAIL", "JSON total row, numbers as numbers")
a = json.load(open("agent.json"))
print("ok" if [r["group"] for r in a] == ["+62813******01", "total"] and
      a[0]["name"] == "Ani" and a[0]["sellers_linked"] == 1 and
      a[0]["products_listed"] == 1 and a[0]["flagged"] == 1 and
      a[0]["via_agent"] == 0 else "FAIL", "JSON by agent: masked number, name, columns")
d = json.load(open("day.json"))
print("ok" if len(d) == 31 and d[0]["group"] == "2025-06-01" and
      d[0]["orders_created"] == 3 and d[1]["orders_completed"] == 1
      else "FAIL", "JSON by day: 30 days and the total")
PY
sqlite3 lapak.db "INSERT INTO agents (msisdn, name, place, created_s) VALUES ('+6281300000001', 'Ani', '33.20.01.2001', $J - 86400);
INSERT INTO agent_links (agent, seller, created_s) VALUES ('+6281300000001', '+6281100000001', $J - 3600);"
$CTL report --by agent --from 2025-06-01 --to 2025-06-30 --format json > agent.json
$CTL report --by day --from 2025-06-01 --to 2025-06-30 --format json > day.json
$PY checks.py > checks.out 2>&1
while read -r res what; do
	case $res in ok) ok "$what" ;; *) fail "$what"; cat checks.out ;; esac
done < checks.out

$CTL report --by district --from 2025-06-01 --to 2025-06-30 --place 33.20 --format csv > d.csv
check "--place 33.20 --by district: Bangsri, unplaced (0), total" \
    sh -c 'grep -q "^33.20.01,Bangsri,1,2,1,1,1,3,1,0,1,0,0,3000,0,3000$" d.csv && grep -q "^unplaced,,0,0,0,0,0,0,0,0,0,0,0,0,0,0$" d.csv'
$CTL report --by month --from 2025-05-01 --to 2025-06-30 --format csv > m.csv
check "--by month: May and June" \
    sh -c 'grep -q "^2025-05,,1,1,0," m.csv && grep -q "^2025-06,,2,3,2,2,1,3,1," m.csv'
$CTL report --format csv > now.csv
check "default period (this month) runs" [ "$(head -1 now.csv | cut -d, -f1)" = group ]

# refusals: a clear error, exit 1 (bad input) or 2 (usage)
$CTL report --from 2025-02-30 > /dev/null 2> e1.txt; r1=$?
check "--from 2025-02-30: exit 1, says so" sh -c "[ $r1 -eq 1 ] && grep -q 'not a date' e1.txt"
$CTL report --to yesterday > /dev/null 2> e2.txt; r2=$?
check "--to yesterday: exit 1" [ $r2 -eq 1 ]
$CTL report --from 2025-07-01 --to 2025-06-01 > /dev/null 2> e3.txt; r3=$?
check "--from after --to: exit 1" sh -c "[ $r3 -eq 1 ] && grep -q 'after' e3.txt"
$CTL report --place 99.99 > /dev/null 2> e4.txt; r4=$?
check "unknown --place: exit 1, names it" sh -c "[ $r4 -eq 1 ] && grep -q '99.99 is not a loaded place' e4.txt"
$CTL report --by kelurahan > /dev/null 2> e5.txt; r5=$?
check "--by kelurahan: usage, exit 2" [ $r5 -eq 2 ]
$CTL report --format xml > /dev/null 2> e6.txt; r6=$?
check "--format xml: usage, exit 2" [ $r6 -eq 2 ]

# Couriers, July 2025: Joko delivers O11 (fee 5000) and fails O12 (which
# becomes 'returned'); Eko gives O13 back, takes it again and holds it.
JL=$((J + 30 * 86400))	# 2025-07-01 00:00 +07:00
sqlite3 lapak.db <<EOF
INSERT INTO couriers (msisdn, name, place, fee_rp, created_s) VALUES
 ('+6281500000001', 'Joko', '33.20.01.2001', 5000, $J),
 ('+6281500000002', 'Eko', '33.20.01.2002', 0, $J);
INSERT INTO orders (id, buyer, seller_id, product_id, qty, unit_price_rp, state, created_at, delivered_at, closed_at, place, returned_at) VALUES
 (11, '+62857011', 1, 1, 1, 1500, 'delivered', $JL + 100, $JL + 5000, NULL, '33.20.01.2001', NULL),
 (12, '+62857012', 1, 1, 1, 1500, 'returned', $JL + 200, NULL, NULL, '33.20.01.2001', $JL + 6000),
 (13, '+62857013', 2, 1, 1, 1500, 'assigned', $JL + 300, NULL, NULL, '33.20.01.2002', NULL);
INSERT INTO courier_jobs (order_id, courier, fee_rp, assigned_s, picked_s, ended_s, outcome) VALUES
 (11, '+6281500000001', 5000, $JL + 1000, $JL + 2000, $JL + 5000, 'delivered'),
 (12, '+6281500000001', 5000, $JL + 1100, $JL + 2100, $JL + 6000, 'failed'),
 (13, '+6281500000002', 0, $JL + 1200, NULL, $JL + 1300, 'given_back'),
 (13, '+6281500000002', 0, $JL + 1400, NULL, NULL, NULL);
EOF
$CTL report --by courier --from 2025-07-01 --to 2025-07-31 --format csv > k.csv
check "--by courier: its columns" [ "$(head -1 k.csv)" = "group,name,jobs,delivered,failed,fees_rp" ]
# (a masked number starts with '+': quoted so no spreadsheet runs it)
check "--by courier: Joko, Eko (masked), total" sh -c 'grep -Fqx "\"'"'"'+62815******01\",Joko,2,1,1,5000" k.csv && grep -Fqx "\"'"'"'+62815******02\",Eko,2,0,0,0" k.csv && grep -qx "total,,4,1,1,5000" k.csv && [ $(wc -l < k.csv) -eq 4 ]'
check "--by courier: no full number" sh -c '! grep -q 81500000001 k.csv'
$CTL report --by courier --from 2025-07-01 --to 2025-07-31 > k.txt
check "--by courier: the table" grep -Eq '^\+62815\*{6}01 +Joko +2 +1 +1 +5000$' k.txt
$CTL report --by courier --from 2025-07-01 --to 2025-07-31 --place 33.20.01.2002 --format csv > k2.csv
check "--by courier --place: Eko's only" sh -c 'grep -qx "total,,2,0,0,0" k2.csv && ! grep -q Joko k2.csv'
$CTL report --from 2025-07-01 --to 2025-07-31 --format csv > r.csv
check "orders_returned: Sukamaju 1, Tegal 0, total 1" sh -c '[ "$(grep "^33.20.01.2001," r.csv | cut -d, -f13)" = 1 ] && [ "$(grep "^33.20.01.2002," r.csv | cut -d, -f14)" = 0 ] && [ "$(grep "^total," r.csv | cut -d, -f13)" = 1 ]'
$CTL report --by day --from 2025-07-01 --to 2025-07-31 --format csv > rd.csv
check "orders_returned by day" [ "$(grep "^2025-07-01," rd.csv | cut -d, -f13)" = 1 ]

# LAPORAN over SMPP: Ani's month so far (her link and a product listed
# now), in Indonesian, then REPORT in English; a seller is refused.
NOW=$(date +%s)
sqlite3 lapak.db "UPDATE agent_links SET created_s = $NOW - 5;
INSERT INTO products (id, seller_id, name, price_rp, stock, created_s, place) VALUES (9, 1, 'z', 1000, 5, $NOW - 5, '33.20.01.2001');"
cat > laporan.scn <<'EOF'
wait-bind 10
send +6281300000001 "LAPORAN"
expect +6281300000001 /^Laporan bulan ini: binaan 1 \(baru 1\), produk diunggah 1, ubah harga\/stok 0, pesanan selesai 0 senilai Rp0$/
expect-segments +6281300000001 1
send +6281300000001 "LANG EN"
expect +6281300000001 /^Language set to English/
send +6281300000001 "report"
expect +6281300000001 /^This month: sellers linked 1 \(1 new\), products listed 1, price\/stock updates 0, orders completed 0 worth Rp0$/
send +6281100000002 "LAPORAN"
expect +6281100000002 /^LAPORAN hanya untuk asisten digital yang terdaftar/
send +6281100000002 "BANTUAN LAPORAN"
expect +6281100000002 /^LAPORAN: angka bulan ini untuk asisten digital/
EOF
"$BIN/lapak-sim" -p "$PORT" script laporan.scn > sim.out 2> sim.err &
SIM_PID=$!
wait_until 10 grep -q listening sim.err
start_lapakd lapak.cfg
wait_sim
check "lapak-sim script exits 0" [ $rc -eq 0 ]
count_script sim.out
# Report work never runs on the loop: the assistant's two LAPORAN went to
# the search thread; the seller's is refused at once (no figures read).
curl -s -H 'X-Lapak-Secret: s3kret' "http://127.0.0.1:$HP/metrics" > m.txt
n=$(sed -n 's/^lapak_search_offloop_total //p' m.txt)
check "LAPORAN read on the search thread ($n of 2)" [ "${n:-0}" -eq 2 ]
stop_lapakd
check "lapakd exits 0" [ "$rc" -eq 0 ]
check "no sanitizer report" sanitizer_clean

# make bench-report in small
cd "$TOP"
BENCH_SELLERS=2000 BENCH_ORDERS=20000 BENCH_AGENTS=10 \
    sh scripts/bench_report.sh "$BUILD" > "$WORK/bench.out" 2>&1
check "bench_report.sh exits 0 (the groups add up to the totals)" [ $? -eq 0 ]
tail -1 "$WORK/bench.out" | $PY -c '
import json, sys
j = json.load(sys.stdin)
ok = (len(j["runs"]) == 12 and j["sums_bad"] == 0 and
      all(r["ms"] > 0 for r in j["runs"]))
print("ok" if ok else "FAIL")' > "$WORK/bench.chk" 2>&1
check "bench JSON: 12 runs, all timed, sums good" grep -qx ok "$WORK/bench.chk"
finish
