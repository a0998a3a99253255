#!/bin/sh
# USSD end to end over SMPP, once per operator profile (default, umr, p2):
# a seller registers, adds a product, changes its price and stock (PIN once
# per session), numbers that are not sellers are told so before any
# question, a buyer searches, pages, goes back from and hangs up on the
# confirm screen (no order made), orders with a delivery note and confirms
# (one receipt SMS), orders again from the dial string, the seller gives the
# PIN once and rejects (with a reason), accepts and ships in one session;
# wrong input at each input screen; an abort then resume; a session timeout
# then resume. PINs typed on screens stay masked in the inbox.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"

S=+6281200000001
B=+6281200000002
N=+6281200000003
E=+6281200000004

write_scn() {
	cat > ussd.scn <<SCN
wait-bind 10
# --- seller registers by USSD
ussd $S "*123*45#"
expect-ussd $S /^Lapak.1 Jual.2 Beli.3 Pesanan saya.4 Bantuan/ 5 continue
ussd $S "8"
expect-ussd $S /^Pilihan tidak ada/ 5 continue
ussd $S "1"
expect-ussd $S /^Menu penjual/ 5 continue
ussd $S "6"
expect-ussd $S /^Nama toko/ 5 continue
ussd $S "Warung Sri"
expect-ussd $S /^Desa/ 5 continue
ussd $S "Sukamaju"
expect-ussd $S /^Kecamatan \\(boleh kosong\\):.1 Lewati/ 5 continue
ussd $S "1"
expect-ussd $S /^Toko Warung Sri \\(Sukamaju\\) terdaftar/ 5 end
# --- not a seller: told at once, before name, price and stock (ID, EN)
ussd $N "*123*45#"
expect-ussd $N /^Lapak/ 5 continue
ussd $N "1"
expect-ussd $N /^Menu penjual/ 5 continue
ussd $N "1"
expect-ussd $N /^Nomor ini belum terdaftar sbg penjual. Pilih Jual > 6 Daftar toko..0 Kembali$/ 5 continue
ussd $N "0"
expect-ussd $N /^Menu penjual/ 5 continue
ussd $N "5"
expect-ussd $N /^Nomor ini belum terdaftar sbg penjual/ 5 continue
ussd-abort $N
send $E "BAHASA EN"
expect $E /English/
ussd $E "*123*45*1*1#"
expect-ussd $E /^This number is not a seller yet. Choose Sell > 6 Register shop..0 Back$/ 5 continue
ussd-abort $E
# --- add a product, wrong input at every input screen
ussd $S "*123*45#"
expect-ussd $S /^Lapak/ 5 continue
ussd $S "1"
expect-ussd $S /^Menu penjual/ 5 continue
ussd $S "1"
expect-ussd $S /^Nama barang/ 5 continue
ussd $S "Keripik singkong"
expect-ussd $S /^Harga Keripik singkong/ 5 continue
ussd $S "tujuh"
expect-ussd $S /^Harga tidak valid/ 5 continue
ussd $S "15rb"
expect-ussd $S /^Stok Keripik singkong/ 5 continue
ussd $S "banyak"
expect-ussd $S /^Stok: angka/ 5 continue
ussd $S "20"
expect-ussd $S /^P1 Keripik singkong Rp15.000 stok 20 sudah dijual/ 5 end
send $S "JUAL Keripik pisang 12rb 5"
expect $S /P2/
send $S "JUAL Keripik tempe 10rb 5"
expect $S /P3/
send $S "JUAL Keripik talas 11rb 5"
expect $S /P4/
send $S "PIN 4821"
expect $S /PIN/
# --- change the price (a shortcut dial), PIN asked once
ussd $S "*123*45*1*2#"
expect-ussd $S /PIN/ 5 continue
ussd $S "12"
expect-ussd $S /^PIN 4-6 angka/ 5 continue
ussd $S "9999"
expect-ussd $S /PIN salah/ 5 continue
ussd $S "4821"
expect-ussd $S /^Pilih produk:.1 P1 Keripik singkong Rp15.000.*.9 Lagi.0 Kembali$/ 5 continue
ussd $S "9"
expect-ussd $S /^Pilih produk:.1 P4 Keripik talas/ 5 continue
ussd $S "0"
expect-ussd $S /^Pilih produk:.1 P1/ 5 continue
ussd $S "1"
expect-ussd $S /^Harga baru P1 Keripik singkong/ 5 continue
ussd $S "0rb"
expect-ussd $S /^Harga tidak valid/ 5 continue
ussd $S "17rb"
expect-ussd $S /Harga P1: Rp15.000 jadi Rp17.000/ 5 end
# --- change the stock (a new session: PIN again, once)
ussd $S "*123*45#"
expect-ussd $S /^Lapak/ 5 continue
ussd $S "1"
expect-ussd $S /^Menu penjual/ 5 continue
ussd $S "3"
expect-ussd $S /PIN/ 5 continue
ussd $S "4821"
expect-ussd $S /^Pilih produk/ 5 continue
ussd $S "1"
expect-ussd $S /^Stok baru P1/ 5 continue
ussd $S "abc"
expect-ussd $S /^Stok: angka/ 5 continue
ussd $S "30"
expect-ussd $S /Stok P1 sekarang 30/ 5 end
# --- a buyer searches, pages, orders and confirms
ussd $B "*123*45#"
expect-ussd $B /^Lapak/ 5 continue
ussd $B "2"
expect-ussd $B /^Cari barang apa/ 5 continue
ussd $B "keripik"
expect-ussd $B /^Hasil keripik:.1 P.*.2 P.*.3 P.*.9 Lagi.0 Kembali$/ 5 continue
ussd $B "9"
expect-ussd $B /^Hasil keripik:.1 P/ 5 continue
ussd $B "0"
expect-ussd $B /^Hasil keripik:.1 P.*9 Lagi/ 5 continue
ussd $B "0"
expect-ussd $B /^Cari barang apa/ 5 continue
ussd $B "singkong"
expect-ussd $B /^Hasil singkong:.1 P1 Keripik singkong Rp17.000/ 5 continue
ussd $B "1"
expect-ussd $B /^Keripik singkong Rp17.000.Jumlah/ 5 continue
ussd $B "nol"
expect-ussd $B /^Jumlah: angka/ 5 continue
ussd $B "2"
expect-ussd $B /^Catatan utk penjual \\(alamat dll\\)\\?.1 Lewati.0 Kembali$/ 5 continue
ussd $B "1"
expect-ussd $B /^Keripik singkong x2 = Rp34.000.Toko Warung Sri. Pesan\\?.1 Ya.2 Batal.0 Kembali$/ 5 continue
# --- back on the confirm screen, a hang-up there, resume and 2 Batal:
# no order is made (the purchase below is still O1)
ussd $B "0"
expect-ussd $B /^Catatan utk penjual/ 5 continue
ussd $B "1"
expect-ussd $B /^Keripik singkong x2 = Rp34.000/ 5 continue
ussd-abort $B
sleep 0.3
ussd $B "*123*45#"
expect-ussd $B /^Lanjutkan sesi sebelumnya/ 5 continue
ussd $B "1"
expect-ussd $B /^Keripik singkong x2 = Rp34.000.Toko Warung Sri. Pesan/ 5 continue
ussd $B "2"
expect-ussd $B /^Tidak jadi. Tidak ada pesanan dibuat.$/ 5 end
expect-none $B 0.5
# --- the purchase, with a delivery note for the seller
ussd $B "*123*45#"
expect-ussd $B /^Lapak/ 5 continue
ussd $B "2"
expect-ussd $B /^Cari barang apa/ 5 continue
ussd $B "singkong"
expect-ussd $B /^Hasil singkong:.1 P1 Keripik singkong/ 5 continue
ussd $B "1"
expect-ussd $B /Jumlah/ 5 continue
ussd $B "2"
expect-ussd $B /^Catatan utk penjual/ 5 continue
ussd $B "Jl Mawar 3 rumah biru"
expect-ussd $B /^Keripik singkong x2 = Rp34.000.Toko Warung Sri. Pesan\\?/ 5 continue
ussd $B "5"
expect-ussd $B /^Pilihan tidak ada/ 5 continue
ussd $B "1"
expect-ussd $B /^Pesanan O1 dikirim ke Warung Sri/ 5 end
expect $B /^Lapak: pesanan O1 Keripik singkong x2 = Rp34.000/ 5
expect-count $B 1
expect $S /Pesanan baru O1.*Jl Mawar 3 rumah biru/ 5
# --- a second order from the dial string, the note skipped
ussd $B "*123*45*2*pisang*1*1*1*1#"
expect-ussd $B /^Pesanan O2 dikirim ke Warung Sri/ 5 end
expect $B /^Lapak: pesanan O2 Keripik pisang x1 = Rp12.000/ 5
expect $S /Pesanan baru O2/ 5
# --- the seller's orders: the PIN once, first; a reject asks the reason
# after it; reject, accept and ship in one session
ussd $S "*123*45*1*5#"
expect-ussd $S /^Masukkan PIN penjual/ 5 continue
ussd $S "4821"
expect-ussd $S /^Pesanan:.1 O1 Keripik singkong x2 dikonfirmasi.2 O2 Keripik pisang x1 dikonfirmasi.0 Kembali$/ 5 continue
ussd $S "2"
expect-ussd $S /^O2 Keripik pisang x1.1 Terima.2 Tolak.3 Sudah dikirim/ 5 continue
ussd $S "2"
expect-ussd $S /^Alasan menolak O2\\? \\(dikirim ke pembeli\\).1 Lewati.0 Kembali$/ 5 continue
ussd $S "stok habis"
expect-ussd $S /^Pesanan O2 ditolak.*Pesanan:.1 O1 Keripik singkong x2 dikonfirmasi/ 5 continue
expect $B /O2.*ditolak.*Alasan: stok habis/ 5
ussd $S "1"
expect-ussd $S /^O1 Keripik singkong x2.1 Terima.2 Tolak.3 Sudah dikirim/ 5 continue
ussd $S "1"
expect-ussd $S /^Pesanan O1 diterima. Hubungi pembeli .*Pesanan:.1 O1 Keripik singkong x2 diterima/ 5 continue
expect $B /O1.*diterima/ 5
ussd $S "1"
expect-ussd $S /^O1/ 5 continue
ussd $S "3"
expect-ussd $S /^Pesanan O1 dicatat sudah dikirim..*Pesanan:/ 5 continue
expect $B /O1.*sudah dikirim/ 5
ussd $S "0"
expect-ussd $S /^Menu penjual/ 5 continue
ussd-abort $S
# --- abort, then redial: offered to continue
ussd $B "*123*45#"
expect-ussd $B /^Lapak/ 5 continue
ussd $B "2"
expect-ussd $B /^Cari barang/ 5 continue
ussd-abort $B
sleep 0.3
ussd $B "*123*45#"
expect-ussd $B /^Lanjutkan sesi sebelumnya/ 5 continue
ussd $B "1"
expect-ussd $B /^Cari barang apa/ 5 continue
ussd $B "teh"
expect-ussd $B /tidak ada/ 5 continue
ussd $B "00"
expect-ussd $B /^Lapak/ 5 continue
ussd $B "4"
expect-ussd $B /^Lapak: jual-beli/ 5 end
# --- a session that times out (3 s), then resumes
ussd $B "*123*45#"
expect-ussd $B /^Lapak/ 5 continue
ussd $B "5"
expect-ussd $B /^Pilih bahasa/ 5 continue
sleep 3.5
ussd $B "2"
expect-ussd $B /^Sesi berakhir/ 5 end
ussd $B "*123*45#"
expect-ussd $B /^Lanjutkan sesi sebelumnya/ 5 continue
ussd $B "1"
expect-ussd $B /^Pilih bahasa/ 5 continue
ussd $B "2"
expect-ussd $B /Language set to/ 5 end
ussd $B "*123*45#"
expect-ussd $B /^Lapak.1 Sell.2 Buy/ 5 continue
ussd-abort $B
expect-count $B 5
SCN
}

for prof in default umr p2; do
	rm -f lapak.db lapak.db-wal lapak.db-shm
	PORT=$(free_port)
	write_conf2 lapak.cfg "$PORT" secret "ussd_profile = \"$prof\";" \
	    'ussd = { session_timeout = 3; };'
	write_scn
	start_sim_as "sim-$prof" -p "$PORT" -U "$prof" script ussd.scn
	: > lapakd.log
	start_lapakd lapak.cfg
	wait_sim
	echo "# profile $prof"
	count_script "sim-$prof.out"
	check "$prof: PINs typed on USSD screens are masked in the inbox" \
	    [ "$(sql "SELECT count(*) FROM inbox WHERE kind = 1 AND text IN ('4821','9999','12')")" -eq 0 ]
	check "$prof: masked PIN answers stored" \
	    [ "$(sql "SELECT count(*) FROM inbox WHERE kind = 1 AND text = '****'")" -ge 5 ]
	check "$prof: back, hang-up and 2 Batal on the confirm screen made no order" \
	    [ "$(sql "SELECT count(*) FROM orders")" -eq 2 ]
	check "$prof: no pending order left by a session" \
	    [ "$(sql "SELECT count(*) FROM orders WHERE state = 'pending'")" -eq 0 ]
	check "$prof: the delivery note reached the order" \
	    [ "$(sql "SELECT note FROM orders WHERE id = 1")" = "Jl Mawar 3 rumah biru" ]
	check "$prof: a skipped note is empty" \
	    [ "$(sql "SELECT note FROM orders WHERE id = 2")" = "" ]
	check "$prof: USSD screens queued with the profile's ops" \
	    [ "$(sql "SELECT count(DISTINCT ussd_op) FROM outbox WHERE kind = 1")" -eq 2 ]
	check "$prof: no session left open but the last aborted one" \
	    [ "$(sql "SELECT count(*) FROM ussd_session WHERE status = 0")" -eq 0 ]
	stop_lapakd
	check "$prof: lapakd exits 0" [ "$rc" -eq 0 ]
	check "$prof: numbers masked in logs" sh -c "! grep -q 6281200000002 lapakd.log"
done
finish
