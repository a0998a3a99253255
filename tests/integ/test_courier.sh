#!/bin/sh
# Couriers over SMPP (programme.md section 4): lapakctl courier add|list|
# remove; SIAP/LIBUR; KURIR (named, then the next free courier of the
# seller's village, then its district; the buyer never its courier); KIRIM
# refused once a courier is assigned; AMBIL gives the buyer a delivery code;
# ANTAR with a wrong code (attempts left) then the right one; GAGAL returns
# the stock and counts against the buyer (the new-order note shows it, and
# BELI is refused over orders.max_failed_deliveries); BATAL by the courier;
# the pickup timeout; the courier's PESANAN. Field fit: a whole courier
# order costs 12 one-segment SMS (6 replies, 6 notices).
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
TOP=$(pwd)
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" "limits = { mo_per_minute = 0; };" \
    "couriers = { pickup_timeout = 8; };" \
    "orders = { max_failed_deliveries = 1; };"
CTL="$BIN/lapakctl -c lapak.cfg"
S=+6281200000001; B=+6285700000001; B2=+6285700000002
K=+6281300000001; K2=+6281300000002; K3=+6281300000003
$CTL places load "$TOP/data/places-sample.csv" > /dev/null 2>&1
check "courier add" sh -c "$CTL courier add 081300000001 Budi --place 33.18.19.2001 --fee 5000 | grep -q 'enrolled: Budi'"
$CTL courier add 081300000002 Andi --place 33.18.19 > /dev/null 2>&1
$CTL courier add 085700000002 Eko --place 33.18.19.2001 > /dev/null 2>&1
check "courier add: no place refused" sh -c "! $CTL courier add 081300000009 X 2>/dev/null"
check "courier add: bad fee refused" sh -c "! $CTL courier add 081300000009 X --place 1 --fee -5 2>/dev/null"
$CTL courier list > list.out 2>&1
check "courier list: three on duty" [ "$(grep -c ' yes ' list.out)" = 3 ]
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

ask $S "DAFTAR Warung Sri, Pondowan, Tayu" 'Warung Sri'
ask $S "JUAL Keripik 15rb 10" '^P1 '
ask $B "SIAP" '^Perintah ini hanya untuk kurir terdaftar'
ask $K "LIBUR" '^Budi, Anda LIBUR'
ask $K "SIAP" '^Budi, Anda SIAP'

# The whole courier order, with a wrong delivery code on the way.
: > segments.txt
ask $B "BELI P1 2 pagar hijau" '^O1: '
c=$(confirm_code)
ask $B "YA $c" '^Pesanan O1 '
hear $S '^Pesanan baru O1: Keripik x2 = Rp30\.000 dari \+6285700000001\. Catatan: pagar hijau\..*Pembeli baru' 5 notify.confirm
ask $S "TERIMA O1" '^'
hear $B 'O1' 5 notify.accept
ask $S "KURIR O1" '^O1 diserahkan ke kurir Budi \(\+6281300000001\), ongkir Rp5\.000'
hear $K '^Tugas O1: Keripik x2\. Ambil di Warung Sri, Pondowan \(\+6281200000001\)\. Antar ke \+6285700000001, catatan: pagar hijau\. Tagih Rp35\.000\. Balas AMBIL O1' 5 notify.courier
ask $S "KIRIM O1" 'sudah diserahkan ke kurir: KIRIM tdk dipakai'
ask $K "PESANAN" '^Tugas antar Budi:\\nO1 Keripik x2 .* tagih Rp35\.000'
ask $K "AMBIL O1" '^O1 Keripik x2 diambil\. Tagih Rp35\.000'
hear $B '^Pesanan O1 Keripik x2 dibawa kurir Budi \(\+6281300000001\)\. Bayar Rp35\.000\. Kode terima: [0-9][0-9][0-9][0-9]' 5 notify.pickup
drop=$(printf '%s\n' "$HEARD" | sed -nE 's/.*Kode terima: ([0-9]{4}).*/\1/p')
check "pickup: stock taken" [ "$(sql "SELECT stock FROM products WHERE id = 1")" = 8 ]
check "delivery code sealed" [ "$(sql "SELECT count(*) FROM orders WHERE drop_hash LIKE '%$drop%'")" = 0 ]
say $K "ANTAR O1 $(other_code "$drop")"
hear $K '^Kode terima salah\. Sisa 2 kali' 5 wrong
ask $K "ANTAR O1 $drop" '^O1 Keripik x2 selesai diantar'
hear $S '^Pesanan O1 Keripik x2 = Rp30\.000 dari Warung Sri sudah diantar kurir Budi' 5 notify.deliver
hear $B '^Pesanan O1 Keripik x2 = Rp30\.000 dari Warung Sri sudah diantar kurir Budi' 5 notify.deliver
check "delivered" [ "$(sql "SELECT state FROM orders WHERE id = 1")" = delivered ]
check "job recorded delivered" [ "$(sql "SELECT outcome FROM courier_jobs WHERE order_id = 1")" = delivered ]
fit=$(grep -v '^wrong \|^KIRIM \|^PESANAN ' segments.txt)
check "field fit: 12 SMS for a courier order" [ "$(printf '%s\n' "$fit" | wc -l)" = 12 ]
check "field fit: each one segment" [ -z "$(printf '%s\n' "$fit" | awk '$2 != 1')" ]
segs=$(printf '%s\n' "$fit" | awk '{ n += $2 } END { print n }')
check "field fit: $segs GSM-7 segments in all (at most 12)" [ "$segs" -le 12 ]
printf '%s\n' "$fit" | awk '{ printf "# fit %-16s %s seg %3s chars\n", $1, $2, $3 }'

# A failed delivery: stock back, counted against the buyer.
ask $B "BELI P1 3" '^O2: '
c=$(confirm_code)
ask $B "YA $c" '^Pesanan O2 '
hear $S '^Pesanan baru O2: .*Pembeli: 1 selesai, 0 gagal\.'
ask $S "TERIMA O2" '^'
hear $B 'O2'
ask $S "KURIR O2 081300000001" 'Budi'
hear $K '^Tugas O2'
ask $K "AMBIL O2" '^O2 '
hear $B '^Pesanan O2 .*Kode terima'
check "stock 5 after pickup" [ "$(sql "SELECT stock FROM products WHERE id = 1")" = 5 ]
ask $K "GAGAL O2 rumah kosong" '^Pengantaran O2 Keripik x3 gagal: rumah kosong'
hear $S '^Pengantaran O2 Keripik x3 dari Warung Sri gagal: rumah kosong'
hear $B '^Pengantaran O2 Keripik x3 dari Warung Sri gagal: rumah kosong'
check "returned" [ "$(sql "SELECT state FROM orders WHERE id = 2")" = returned ]
check "stock back" [ "$(sql "SELECT stock FROM products WHERE id = 1")" = 8 ]
check "failed mark under a tag, not the number" [ "$(sql "SELECT count(*) FROM number_marks WHERE kind = 'failed' AND tag NOT LIKE '%85700%'")" = 1 ]

# Second failure, from assigned by the seller; then BELI refused (limit 1).
ask $B "BELI P1 1" '^O3: '
c=$(confirm_code)
ask $B "YA $c" '^Pesanan O3 '
hear $S '^Pesanan baru O3: .*1 gagal'
ask $S "TERIMA O3" '^'
hear $B 'O3'
# Both free couriers of the village hold nothing: the one longest without
# an assignment (Eko) takes it.
ask $S "KURIR O3" '^O3 diserahkan ke kurir Eko'
hear $B2 '^Tugas O3'
ask $S "GAGAL O3 pembeli batal" '^Pengantaran O3 '
hear $B '^Pengantaran O3 '
hear $B2 '^Pengantaran O3 '
ask $B "BELI P1 1" '^Maaf, BELI ditolak: 2 pengantaran ke nomor ini gagal'

# The buyer of an order is never its courier; the district's courier next.
ask $B2 "BELI P1 1" '^O4: '
c=$(confirm_code)
ask $B2 "YA $c" '^Pesanan O4 '
hear $S '^Pesanan baru O4'
ask $S "TERIMA O4" '^'
hear $B2 'O4'
ask $S "KURIR O4 085700000002" '^Kurir Eko adalah pembeli pesanan O4'
ask $K "LIBUR" 'LIBUR'
ask $S "KURIR O4" '^O4 diserahkan ke kurir Andi'
hear $K2 '^Tugas O4'
# Courier gives it back; then the pickup timeout.
ask $K2 "BATAL O4" '^Tugas O4 Keripik x1 dikembalikan'
hear $S '^Kurir Andi \(\+6281300000002\) batal mengantar O4'
ask $B2 "BATAL O4 x" 'O4'
check "order 4 cancelled by its buyer after give-back" [ "$(sql "SELECT state FROM orders WHERE id = 4")" = cancelled ]
hear $S 'O4'
ask $B2 "BELI P1 1" '^O5: '
c=$(confirm_code)
ask $B2 "YA $c" '^Pesanan O5 '
hear $S '^Pesanan baru O5'
ask $S "TERIMA O5" '^'
hear $B2 'O5'
ask $S "KURIR O5" '^O5 diserahkan ke kurir Andi'
hear $K2 '^Tugas O5'
hear $S '^Kurir tdk mengambil O5 Keripik x1 tepat waktu' 15 timeout
hear $K2 '^Tugas O5 Keripik x1 dibatalkan karena tdk diambil' 5 timeout
check "pickup timeout: accepted again" [ "$(sql "SELECT state || coalesce(courier, '-') FROM orders WHERE id = 5")" = "accepted-" ]
check "job timeout recorded" [ "$(sql "SELECT outcome FROM courier_jobs WHERE order_id = 5")" = timeout ]

# lapakctl courier remove: a job not picked up goes back, seller told.
ask $S "KURIR O5 081300000002" 'Andi'
hear $K2 '^Tugas O5'
$CTL courier remove 081300000002 > rm.out 2>&1
check "courier remove" grep -q "1 job not picked up went back" rm.out
hear $S '^Kurir Andi \(\+6281300000002\) tdk aktif lagi; O5' 10 unassign
ask $K2 "SIAP" '^Perintah ini hanya untuk kurir'
heard_all
stop_lapakd
# lapakctl report: this month's jobs per courier (Andi removed, still in
# the month), and the two returned orders.
$CTL report --by courier --format csv > k.csv 2>&1
check "report --by courier: Budi 2 jobs, 1 delivered, 1 failed, Rp5000" grep -Fqx "\"'+62813******01\",Budi,2,1,1,5000" k.csv
check "report --by courier: Andi 3 jobs (given back, timeout, removed)" grep -Fqx "\"'+62813******02\",Andi,3,0,0,0" k.csv
check "report --by courier: Eko 1 job failed" grep -Fqx "\"'+62857******02\",Eko,1,0,1,0" k.csv
check "report --by courier: total" grep -qx "total,,6,1,2,5000" k.csv
$CTL report --format csv > r.csv 2>&1
check "report: orders_returned 2, orders_completed 1" sh -c '[ "$(grep "^total," r.csv | cut -d, -f13)" = 2 ] && [ "$(grep "^total," r.csv | cut -d, -f9)" = 1 ]'
check "no sanitizer report" sanitizer_clean
finish
