#!/bin/sh
# Couriers over USSD (programme.md section 7), end to end over SMPP: a
# number that is no courier told so by the courier menu; the seller hands
# an accepted order to a courier by number in the order menu (a bad number
# first, confirmed on screen); the courier's "my jobs", picked up, a wrong
# then the right delivery code, off and on duty; the seller sends the next
# order with the next free courier and marks its delivery failed (stock
# back, counted against the buyer), confirmed on screen; the courier marks
# a third one failed from "my jobs". Other parties hear
# by SMS at once; the user of a session gets no SMS while it is open.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
TOP=$(pwd)
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" "limits = { mo_per_minute = 0; };"
CTL="$BIN/lapakctl -c lapak.cfg"
S=+6281200000001; B=+6285700000001; K=+6281300000001; X=+6281200000009
$CTL places load "$TOP/data/places-sample.csv" > /dev/null 2>&1
check "courier add" sh -c "$CTL courier add 081300000001 Budi --place 33.18.19.2001 --fee 5000 | grep -q 'enrolled: Budi'"
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

# ussd_ask NUM INPUT ERE: the next USSD screen to NUM matches ERE (a
# newline on the screen is the two characters \n).
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
# ussd_ended NUM: the last screen to NUM closed the session.
ussd_ended() {
	grep "^mt to=$1 .*ussd_op=" sim.out | tail -1 | grep -q 'end=1'
}

ask $S "DAFTAR Warung Sri, Pondowan, Tayu" 'Warung Sri'
ask $S "JUAL Keripik 15rb 10" '^P1 '

# Not a courier: the courier menu says so, with a way back.
ussd_ask $X "*123*45#" '^Lapak\\n1 Jual.*\\n6 Asisten digital\\n7 Kurir$'
ussd_ask $X "7" '^Menu kurir\\n1 Tugas saya\\n2 Siap terima tugas\\n3 Libur\\n0 Kembali$'
ussd_ask $X "1" '^Menu kurir hanya untuk kurir terdaftar\. Minta pengelola Lapak mendaftarkan nomor Anda\.\\n0 Kembali$'
ussd_ask $X "0" '^Menu kurir'
ussd_ask $X "2" '^Menu kurir hanya untuk kurir terdaftar'
ussd_ask $X "00" '^Lapak'
ussd_ask $X "4" '^Lapak: jual-beli'

# An order, accepted by SMS.
ask $B "BELI P1 2 pagar hijau" '^O1: '
c=$(confirm_code)
ask $B "YA $c" '^Pesanan O1 '
hear $S '^Pesanan baru O1'
ask $S "TERIMA O1" '^'
hear $B 'O1'

# The seller sends it with a courier named by number.
ussd_ask $S "*123*45#" '^Lapak'
ussd_ask $S "1" '^Menu penjual'
ussd_ask $S "5" '^Pesanan:\\n1 O1 Keripik x2 diterima\\n0 Kembali$'
ussd_ask $S "1" '^O1 Keripik x2\\n1 Terima\\n2 Tolak\\n3 Sudah dikirim\\n4 Catat bayar\\n5 Kirim lewat kurir\\n6 Gagal antar\\n0 Kembali$'
ussd_ask $S "5" '^Kurir utk O1 Keripik x2:\\n1 Kurir siap berikutnya\\n2 Kurir pilihan \(nomor HP\)\\n0 Kembali$'
ussd_ask $S "2" '^Nomor HP kurir:\\n0 Kembali$'
ussd_ask $S "0813" '^Nomor HP tidak valid\. Contoh: 081234567890\\nNomor HP kurir:'
ussd_ask $S "0813 0000 0001" '^Serahkan O1 ke kurir \+6281300000001\?\\n1 Ya\\n2 Batal\\n0 Kembali$'
check "nothing assigned before 1 Ya" [ "$(sql "SELECT state FROM orders WHERE id = 1")" = accepted ]
ussd_ask $S "1" '^O1 diserahkan ke kurir Budi \(\+6281300000001\), ongkir Rp5\.000\.\\nPesanan:\\n1 O1 Keripik x2 ke kurir\\n0 Kembali$'
hear $K '^Tugas O1: Keripik x2\. Ambil di Warung Sri, Pondowan \(\+6281200000001\)\. Antar ke \+6285700000001, catatan: pagar hijau\. Tagih Rp35\.000\. Balas AMBIL O1'
ussd_ask $S "00" '^Lapak'
ussd_ask $S "4" '^Lapak: jual-beli'
check "assigned to the courier" [ "$(sql "SELECT state || ' ' || courier FROM orders WHERE id = 1")" = "assigned $K" ]

# The courier: my jobs, picked up, a wrong then the right delivery code.
ussd_ask $K "*123*45#" '^Lapak'
ussd_ask $K "7" '^Menu kurir'
ussd_ask $K "1" '^Tugas antar:\\n1 O1 Keripik x2 ke kurir tagih Rp35\.000\\n0 Kembali$'
ussd_ask $K "1" '^O1 Keripik x2\\nTagih Rp35\.000\\n1 Sudah diambil\\n2 Sudah diantar\\n3 Gagal antar\\n0 Kembali$'
ussd_ask $K "1" '^O1 Keripik x2 diambil\. Tagih Rp35\.000\. Saat sampai: pilih O1 > 2 Sudah diantar\.\\nTugas antar:\\n1 O1 Keripik x2 dikirim'
hear $B '^Pesanan O1 Keripik x2 dibawa kurir Budi \(\+6281300000001\)\. Bayar Rp35\.000\. Kode terima: [0-9][0-9][0-9][0-9]'
drop=$(printf '%s\n' "$HEARD" | sed -nE 's/.*Kode terima: ([0-9]{4}).*/\1/p')
check "picked up: stock taken" [ "$(sql "SELECT stock FROM products WHERE id = 1")" = 8 ]
ussd_ask $K "1" '^O1 Keripik x2'
ussd_ask $K "2" '^Kode terima dari pembeli O1 \(4 angka\):\\n0 Kembali$'
ussd_ask $K "48" '^Kode terima 4 angka, minta ke pembeli\.'
check "a code that is no code is not an attempt" [ "$(sql "SELECT drop_attempts FROM orders WHERE id = 1")" = 0 ]
ussd_ask $K "$(other_code "$drop")" '^Kode terima salah\. Sisa 2 kali coba\.'
check "a wrong code counted" [ "$(sql "SELECT drop_attempts FROM orders WHERE id = 1")" = 1 ]
ussd_ask $K "0" '^Kode terima dari pembeli O1'
ussd_ask $K "$drop" '^O1 Keripik x2 selesai diantar\. Terima kasih\.\\nTidak ada tugas antar\.\\n0 Kembali$'
hear $S '^Pesanan O1 Keripik x2 = Rp30\.000 dari Warung Sri sudah diantar kurir Budi'
hear $B '^Pesanan O1 Keripik x2 = Rp30\.000 dari Warung Sri sudah diantar kurir Budi'
check "delivered" [ "$(sql "SELECT state FROM orders WHERE id = 1")" = delivered ]
check "job recorded delivered" [ "$(sql "SELECT outcome FROM courier_jobs WHERE order_id = 1")" = delivered ]
# Off duty, then on duty again (a dial string).
ussd_ask $K "0" '^Menu kurir'
ussd_ask $K "3" '^Budi, Anda LIBUR: tidak diberi tugas baru\. 0 tugas berjalan tetap diselesaikan\.$'
check "LIBUR ends the session" ussd_ended $K
check "off duty" [ "$(sql "SELECT on_duty FROM couriers")" = 0 ]
ussd_ask $K "*123*45*7*2#" '^Budi, Anda SIAP menerima tugas antar \(0 berjalan, maks [0-9]+\)\.$'
check "on duty" [ "$(sql "SELECT on_duty FROM couriers")" = 1 ]

# The next order: the next free courier, then a failed delivery marked by
# the seller, confirmed on screen.
ask $B "BELI P1 3" '^O2: '
c=$(confirm_code)
ask $B "YA $c" '^Pesanan O2 '
hear $S '^Pesanan baru O2: .*Pembeli: 1 selesai, 0 gagal\.'
ask $S "TERIMA O2" '^'
hear $B 'O2'
ussd_ask $S "*123*45*1*5#" '^Pesanan:\\n1 O2 Keripik x3 diterima'
ussd_ask $S "1" '^O2 Keripik x3'
ussd_ask $S "5" '^Kurir utk O2'
ussd_ask $S "1" '^Serahkan O2 ke kurir siap berikutnya di desa/kecamatan Anda\?\\n1 Ya\\n2 Batal\\n0 Kembali$'
ussd_ask $S "2" '^Pesanan:\\n1 O2 Keripik x3 diterima'
check "2 Batal: nothing assigned" [ "$(sql "SELECT state FROM orders WHERE id = 2")" = accepted ]
ussd_ask $S "1" '^O2 Keripik x3'
ussd_ask $S "5" '^Kurir utk O2'
ussd_ask $S "1" '^Serahkan O2'
ussd_ask $S "1" '^O2 diserahkan ke kurir Budi \(\+6281300000001\), ongkir Rp5\.000\.'
hear $K '^Tugas O2: Keripik x3'
ask $K "AMBIL O2" '^O2 Keripik x3 diambil'
hear $B '^Pesanan O2 .*Kode terima'
check "stock 5 after pickup" [ "$(sql "SELECT stock FROM products WHERE id = 1")" = 5 ]
ussd_ask $S "1" '^O2 Keripik x3'
ussd_ask $S "6" '^Alasan gagal antar O2\? \(dikirim ke pembeli\)\\n1 Lewati\\n0 Kembali$'
ussd_ask $S "pembeli pindah" '^O2 gagal diantar\? Barang kembali ke stok, dicatat pd pembeli\.\\n1 Ya\\n2 Batal\\n0 Kembali$'
check "nothing failed before 1 Ya" [ "$(sql "SELECT state FROM orders WHERE id = 2")" = shipped ]
ussd_ask $S "1" '^Pengantaran O2 Keripik x3 gagal: pembeli pindah\. Barang kembali ke penjual\.\\nPesanan:'
hear $B '^Pengantaran O2 Keripik x3 dari Warung Sri gagal: pembeli pindah'
hear $K '^Pengantaran O2 Keripik x3 dari Warung Sri gagal: pembeli pindah'
ussd_ask $S "00" '^Lapak'
ussd_ask $S "4" '^Lapak: jual-beli'
check "returned" [ "$(sql "SELECT state FROM orders WHERE id = 2")" = returned ]
check "stock back" [ "$(sql "SELECT stock FROM products WHERE id = 1")" = 8 ]
check "counted against the buyer" [ "$(sql "SELECT count(*) FROM number_marks WHERE kind = 'failed'")" = 1 ]
check "job recorded failed" [ "$(sql "SELECT outcome FROM courier_jobs WHERE order_id = 2")" = failed ]

# A failed delivery marked by the courier in "my jobs", the reason skipped.
ask $B "BELI P1 1" '^O3: '
c=$(confirm_code)
ask $B "YA $c" '^Pesanan O3 '
hear $S '^Pesanan baru O3: .*1 gagal'
ask $S "TERIMA O3" '^'
hear $B 'O3'
ask $S "KURIR O3" '^O3 diserahkan ke kurir Budi'
hear $K '^Tugas O3'
ask $K "AMBIL O3" '^O3 Keripik x1 diambil'
hear $B '^Pesanan O3 .*Kode terima'
ussd_ask $K "*123*45*7*1#" '^Tugas antar:\\n1 O3 Keripik x1 dikirim tagih Rp20\.000\\n0 Kembali$'
ussd_ask $K "1" '^O3 Keripik x1\\nTagih Rp20\.000'
ussd_ask $K "3" '^Alasan gagal antar O3\? \(dikirim ke penjual dan pembeli\)\\n1 Lewati\\n0 Kembali$'
ussd_ask $K "1" '^O3 gagal diantar\? Barang kembali ke penjual\.\\n1 Ya\\n2 Batal\\n0 Kembali$'
ussd_ask $K "1" '^Pengantaran O3 Keripik x1 gagal: -\. Barang kembali ke penjual\.\\nTidak ada tugas antar\.\\n0 Kembali$'
hear $S '^Pengantaran O3 Keripik x1 dari Warung Sri gagal: -'
hear $B '^Pengantaran O3 Keripik x1 dari Warung Sri gagal: -'
ussd_ask $K "00" '^Lapak'
ussd_ask $K "4" '^Lapak: jual-beli'
check "returned by the courier" [ "$(sql "SELECT state FROM orders WHERE id = 3")" = returned ]
check "two failed deliveries counted" [ "$(sql "SELECT count(*) FROM number_marks WHERE kind = 'failed'")" = 2 ]
heard_all
stop_lapakd
check "no sanitizer report" sanitizer_clean
finish
