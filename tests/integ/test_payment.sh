#!/bin/sh
# Payment records over SMPP (programme.md sections 5 and 7): LUNAS / PAID
# by the seller with method and reference; a bad method, a reference over
# 32 characters, a state that takes none and another's order refused
# clearly; the buyer told (order, amount, method), a courier carrying the
# order told there is nothing to collect (orders.courier set in the store,
# as the couriers' part will), the repeat window, a correction; PESANAN and
# PESANAN O1 / INFO O1 show it to both parties; lapakctl report's paid_rp
# and cod_rp; English; and the seller's USSD "record payment".
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
command -v sqlite3 > /dev/null || skip_all "sqlite3 shell missing"
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" "limits = { mo_per_minute = 0; };"
CTL="$BIN/lapakctl -c lapak.cfg"
S=+6281200000001; B=+6285700000001; K=+6281900000001; X=+6281200000002
REF33=123456789012345678901234567890123
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

# wsql QUERY: a write beside the running lapakd (waits for its lock).
wsql() { sqlite3 -batch -cmd ".timeout 5000" lapak.db "$1" > /dev/null; }
# order_for PRODUCT QTY: B buys and confirms; the order code in ORD.
order_for() {
	ask $B "BELI $1 $2" 'Balas YA [0-9]+'
	ORD=$(order_code)
	ask $B "YA $(confirm_code)" "^Pesanan $ORD "
	hear $S "^Pesanan baru $ORD"
}

ask $S "DAFTAR Warung Sri, Sukamaju" 'Warung Sri'
ask $S "JUAL Keripik 15rb 20" 'P1'
order_for P1 2
O1=$ORD
ask $S "TERIMA $O1" "^Pesanan $O1 diterima"
hear $B "^Pesanan $O1 .* diterima"

# Refusals: each says what was wrong, changes nothing.
ask $S "LUNAS $O1 BCA" '^Metode bayar BCA tidak dikenal\. Pilih: TUNAI OVO GOPAY DANA SHOPEEPAY TRANSFER'
ask $S "LUNAS $O1 OVO $REF33" '^Referensi bayar paling panjang 32 huruf'
ask $S "LUNAS" '^Format: LUNAS <kode pesanan> \[metode\] \[ref\]'
ask $B "LUNAS $O1 OVO" 'belum terdaftar sbg penjual'
ask $X "DAFTAR Toko Lain" 'Toko Lain'
ask $X "LUNAS $O1 OVO" "^Maaf, $O1 bukan milik Anda"
ask $S "LUNAS O99" '^O99 tidak ditemukan'
check "nothing recorded by the refusals" \
    [ "$(sql "SELECT count(*) FROM orders WHERE paid_method IS NOT NULL")" = 0 ]
hear_none $B 0.3

# Recorded: reply and the buyer's notice (order, amount, method), one SMS.
ask $S "lunas $O1 ovo TRX-123" "^Pembayaran $O1 Rp30\.000 dicatat: OVO ref TRX-123\. Pembeli diberi tahu\.$"
check "the reply is one segment" [ "$HEARD_SEG" = 1 ]
hear $B "^Pembayaran pesanan $O1 Keripik Rp30\.000 dicatat Warung Sri: OVO ref TRX-123\."
check "the notice is one segment" [ "$HEARD_SEG" = 1 ]
check "stored: method, reference, time" \
    [ "$(sql "SELECT paid_method || ' ' || paid_ref || ' ' || (paid_at > 0) FROM orders WHERE id = ${O1#O}")" = "OVO TRX-123 1" ]
check "audited without the reference" \
    [ "$(sql "SELECT from_val IS NULL, to_val FROM audit WHERE order_id = ${O1#O} AND what = 'paid'")" = "1|OVO" ]
# the same again within the repeat window: the earlier answer, once; on
# purpose (ULANG): nothing to change, said so
ask $S "LUNAS $O1 OVO TRX-123" 'ULANG'
hear_none $B 0.3
ask $S "ULANG LUNAS $O1 OVO TRX-123" "^$O1 sudah tercatat lunas: OVO ref TRX-123\. Tidak ada yang diubah"

# PESANAN shows it to both parties, the page one segment.
ask $S "PESANAN" "^Pesanan aktif \(\*=lunas\):\\\\n$O1 jual Keripik x2 diterima\*"
check "PESANAN page is one segment" [ "$HEARD_SEG" = 1 ]
ask $B "PESANAN" "^Pesanan aktif \(\*=lunas\):\\\\n$O1 beli Keripik x2 diterima\*"
ask $S "PESANAN $O1" "^$O1 Keripik x2 = Rp30\.000, diterima\. Lunas: OVO ref TRX-123\. Pembeli .${B#+}"
ask $B "INFO $O1" "^$O1 Keripik x2 = Rp30\.000, diterima\. Lunas: OVO ref TRX-123\. Toko Warung Sri"

# A courier carrying the order: told there is nothing to collect.
order_for P1 2
O2=$ORD
ask $S "TERIMA $O2" "^Pesanan $O2 diterima"
hear $B "^Pesanan $O2 .* diterima"
wsql "UPDATE orders SET state = 'assigned', courier = '$K' WHERE id = ${O2#O}"
ask $S "LUNAS $O2" "^Pembayaran $O2 Rp30\.000 dicatat: TUNAI\."
hear $B "^Pembayaran pesanan $O2 Keripik Rp30\.000 dicatat Warung Sri: TUNAI\."
hear $K "^Pesanan $O2 Keripik sudah LUNAS \(TUNAI\)\. Jangan tagih uang ke pembeli"
check "the courier's notice is one segment" [ "$HEARD_SEG" = 1 ]
# a correction: the buyer told again, the courier not twice
ask $S "LUNAS $O2 DANA D55" "^Catatan bayar $O2 Rp30\.000 diubah: TUNAI jadi DANA ref D55"
hear $B "^Pembayaran pesanan $O2 .*: DANA ref D55"
hear_none $K 0.3
ask $S "LUNAS $O2 TUNAI" "^Catatan bayar $O2 Rp30\.000 diubah: DANA ref D55 jadi TUNAI"
hear $B "^Pembayaran pesanan $O2 .*: TUNAI\."

# A state that takes no payment.
order_for P1 1
O3=$ORD
ask $S "TOLAK $O3 habis" "^Pesanan $O3 ditolak"
hear $B "^Maaf, pesanan $O3"
ask $S "LUNAS $O3 OVO" "^Pesanan $O3 ditolak: LUNAS hanya utk pesanan yg sudah dikonfirmasi"
check "a rejected order stays unpaid" \
    [ "$(sql "SELECT paid_method IS NULL FROM orders WHERE id = ${O3#O}")" = 1 ]

# Completed: O1 by OVO (paid), O2 cash; the report splits the value.
ask $S "KIRIM $O1" "^Pesanan $O1 dicatat sudah dikirim"
hear $B "^Pesanan $O1 .* sudah dikirim"
ask $B "SAMPAI $O1" "^Terima kasih! Pesanan $O1 selesai"
hear $S "^Pesanan $O1 .* sudah sampai"
wsql "UPDATE orders SET state = 'shipped' WHERE id = ${O2#O}"
ask $B "SAMPAI $O2" "^Terima kasih! Pesanan $O2 selesai"
hear $S "^Pesanan $O2 .* sudah sampai"
$CTL report --format csv > r.csv 2> r.err
check "report: paid_rp and cod_rp columns" \
    grep -q '^group,.*,value_completed_rp,paid_rp,cod_rp$' r.csv
check "report total: 60.000 completed, 30.000 paid, 30.000 cash" \
    grep -q '^total,.*,60000,30000,30000$' r.csv
$CTL report --format json > r.json 2>> r.err
check "report JSON: the same split" \
    grep -q '"group": "total".*"value_completed_rp": 60000, "paid_rp": 30000, "cod_rp": 30000' r.json
$CTL report > r.txt 2>> r.err
check "report table: the columns" grep -Eq ' paid_rp +cod_rp$' r.txt

# The seller's USSD: Jual > Pesanan masuk > pick > Catat bayar > GoPay > ref.
order_for P1 1
O4=$ORD
ussd_ask() {
	u0=$(grep -c "^mt to=$1 .*ussd_op=" sim.out)
	sim_cmd "/ussd $1 $2"
	if ! wait_until 5 sh -c "[ \$(grep -c '^mt to=$1 .*ussd_op=' sim.out) -gt $u0 ]"; then
		fail "ussd $1 $2: no screen"; return 1
	fi
	u_line=$(grep "^mt to=$1 .*ussd_op=" sim.out | tail -1 | sed 's/^[^"]*text="//; s/".*$//')
	if printf '%s\n' "$u_line" | grep -qE "$3"; then
		ok "ussd $1 $2 -> \"$u_line\""
	else
		fail "ussd $1 $2: \"$u_line\" !~ /$3/"
	fi
}
ussd_ask $S "*123*45#" '^Lapak'
ussd_ask $S "1" '^Menu penjual'
ussd_ask $S "5" "^Pesanan:\\\\n1 $O4 Keripik x1 dikonfirmasi\\\\n"
ussd_ask $S "1" "^$O4 Keripik x1.*\\\\n4 Catat bayar\\\\n5 Kirim lewat kurir\\\\n6 Gagal antar\\\\n0 Kembali$"
ussd_ask $S "4" "^Dibayar dengan apa $O4\?\\\\n1 Tunai\\\\n2 OVO\\\\n3 GoPay\\\\n4 DANA\\\\n5 ShopeePay\\\\n6 Transfer bank\\\\n0 Kembali$"
ussd_ask $S "3" '^No\. referensi GoPay \(boleh kosong\):'
ussd_ask $S "GP-777" "^Pembayaran $O4 Rp15\.000 dicatat: GOPAY ref GP-777.*Pesanan:\\\\n1 $O4 Keripik x1 dikonfirmasi\*"
sim_cmd "/abort"
hear $B "^Pembayaran pesanan $O4 Keripik Rp15\.000 dicatat Warung Sri: GOPAY ref GP-777\."
check "USSD: stored like the SMS" \
    [ "$(sql "SELECT paid_method || ' ' || paid_ref FROM orders WHERE id = ${O4#O}")" = "GOPAY GP-777" ]
# cash by USSD: no reference asked
order_for P1 1
O5=$ORD
ussd_ask $S "*123*45*1*5#" "^Pesanan:"
ussd_ask $S "2" "^$O5 Keripik x1"
ussd_ask $S "4" "^Dibayar dengan apa $O5"
ussd_ask $S "1" "^Pembayaran $O5 Rp15\.000 dicatat: TUNAI\."
sim_cmd "/abort"
hear $B "^Pembayaran pesanan $O5 .*: TUNAI\."

# English: the seller reads CASH, the buyer still Indonesian.
order_for P1 1
O6=$ORD
ask $S "LANG EN" 'English'
ask $S "PAID $O6 cash" "^Payment of $O6 Rp15\.000 recorded: CASH\. The buyer is told\.$"
hear $B "^Pembayaran pesanan $O6 .*: TUNAI\."
ask $S "PAID $O6 paypal" '^Payment method paypal unknown\. Choose: CASH OVO'
ask $S "ORDERS" "^Open orders \(\*=paid\):"
ask $S "HELP PAID" '^PAID <order code> \[method\] \[ref\]'
heard_all
stop_lapakd
check "no sanitizer report" sanitizer_clean
finish
