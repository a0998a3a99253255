#!/bin/sh
# USSD over HTTP (POST /ussd, CON/END) with curl: the shared secret, the
# source allow-list, size limits, a seller and a buyer walking the shipped
# menus; then a reload in the middle of sessions (open sessions finish on
# their menus, new ones get the new menus; a broken menu file is refused
# with its file:line and the running menus stay); lapakctl check on every
# broken menu file.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
HPORT=$(free_port)
cp "$TOP/menus/default.cfg" menu.cfg
write_conf lapak.cfg "$PORT" \
    "http = { listen = \"127.0.0.1:$HPORT\"; secret = \"s3cret\"; allow = [ \"127.0.0.1\" ]; };" \
    'menus = { file = "menu.cfg"; };'
start_serve sim -p "$PORT"
start_lapakd lapak.cfg
wait_until 10 curl -sf "http://127.0.0.1:$HPORT/health" -o /dev/null ||
    fail "http did not come up"

# u SESSION PHONE TEXT: prints the body
u() {
	curl -s -H "X-Lapak-Secret: s3cret" --data-urlencode "sessionId=$1" \
	    --data-urlencode "serviceCode=*123*45#" \
	    --data-urlencode "phoneNumber=$2" --data-urlencode "text=$3" \
	    "http://127.0.0.1:$HPORT/ussd"
}
# expect_u WHAT SESSION PHONE TEXT ERE: the body matches (grep -zE)
expect_u() {
	body=$(u "$2" "$3" "$4")
	if printf '%s' "$body" | grep -qzE "$5"; then ok "$1"
	else fail "$1: got \"$body\""; fi
}
code_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

S=081200000011
B=081200000012
check "no secret: 403" [ "$(code_of --data 'sessionId=x&phoneNumber=0812000001&text=' "http://127.0.0.1:$HPORT/ussd")" = 403 ]
check "wrong secret: 403" [ "$(code_of -H 'X-Lapak-Secret: nope' --data 'sessionId=x&phoneNumber=0812000001&text=' "http://127.0.0.1:$HPORT/ussd")" = 403 ]
check "GET /ussd: 405" [ "$(code_of -H 'X-Lapak-Secret: s3cret' "http://127.0.0.1:$HPORT/ussd")" = 405 ]
big=$(head -c 6000 /dev/zero | tr '\0' 'a')
check "body over 4 KiB: 413" [ "$(code_of -H 'X-Lapak-Secret: s3cret' --data "sessionId=x&phoneNumber=0812000001&text=$big" "http://127.0.0.1:$HPORT/ussd")" = 413 ]
check "no phone: 400" [ "$(code_of -H 'X-Lapak-Secret: s3cret' --data 'sessionId=x&text=' "http://127.0.0.1:$HPORT/ussd")" = 400 ]

expect_u "dial: first screen" h1 $S "" '^CON Lapak.1 Jual.2 Beli'
expect_u "seller menu" h1 $S "1" '^CON Menu penjual'
expect_u "register: shop" h1 $S "1*6" '^CON Nama toko'
expect_u "register: village" h1 $S "1*6*Warung Sri" '^CON Desa'
expect_u "registered" h1 $S "1*6*Warung Sri*Sukamaju*1" '^END Toko Warung Sri \(Sukamaju\) terdaftar'
expect_u "sell: name" h2 $S "1*1" '^CON Nama barang'
expect_u "sell: price" h2 $S "1*1*Gula aren" '^CON Harga Gula aren'
expect_u "sell: bad price" h2 $S "1*1*Gula aren*sepuluh" '^CON Harga tidak valid'
expect_u "sell: stock" h2 $S "1*1*Gula aren*sepuluh*25rb" '^CON Stok Gula aren'
expect_u "sell: bad stock" h2 $S "1*1*Gula aren*sepuluh*25rb*x" '^CON Stok: angka'
expect_u "sold" h2 $S "1*1*Gula aren*sepuluh*25rb*x*10" '^END P1 Gula aren Rp25.000 stok 10'
expect_u "price: list" h3 $S "1*2" '^CON Pilih produk:.1 P1 Gula aren'
expect_u "price: input" h3 $S "1*2*1" '^CON Harga baru P1'
expect_u "price changed" h3 $S "1*2*1*27rb" '^END Harga P1: Rp25.000 jadi Rp27.000'
expect_u "stock: list" h4 $S "1*3" '^CON Pilih produk'
expect_u "stock: input" h4 $S "1*3*1" '^CON Stok baru P1'
expect_u "stock changed" h4 $S "1*3*1*40" '^END Stok P1 sekarang 40'
expect_u "buyer: search" h5 $B "2" '^CON Cari barang'
expect_u "buyer: results" h5 $B "2*gula" '^CON Hasil gula:.1 P1 Gula aren Rp27.000'
expect_u "buyer: quantity" h5 $B "2*gula*1" '^CON Gula aren Rp27.000.Jumlah'
expect_u "buyer: bad quantity" h5 $B "2*gula*1*-1" '^CON Jumlah: angka'
expect_u "buyer: note" h5 $B "2*gula*1*-1*3" '^CON Catatan utk penjual.*1 Lewati'
expect_u "buyer: confirm screen" h5 $B "2*gula*1*-1*3*1" '^CON Gula aren x3 = Rp81.000.Toko Warung Sri'
expect_u "buyer: back from confirm" h5 $B "2*gula*1*-1*3*1*0" '^CON Catatan utk penjual'
check "back from the confirm screen: no order made" [ "$(sqlite3 -batch lapak.db 'SELECT count(*) FROM orders')" -eq 0 ]
expect_u "buyer: note typed" h5 $B "2*gula*1*-1*3*1*0*Rumah biru dekat masjid" '^CON Gula aren x3 = Rp81.000'
expect_u "buyer: confirmed" h5 $B "2*gula*1*-1*3*1*0*Rumah biru dekat masjid*1" '^END Pesanan O1 dikirim ke Warung Sri'
check "receipt SMS to the buyer" wait_until 5 mt_has_n 1 sim "to=\+6281200000012 .*Lapak: pesanan O1"
check "seller told by SMS, with the note" wait_until 5 mt_has_n 1 sim "to=\+6281200000011 .*Pesanan baru O1.*Rumah biru dekat masjid"
expect_u "seller: orders" h6 $S "1*5" '^CON Pesanan:.1 O1 Gula aren x3'
expect_u "seller: accepted, the list again" h6 $S "1*5*1*1" '^CON Pesanan O1 diterima.*Pesanan:.1 O1 Gula aren x3 diterima'
expect_u "seller: shipped in the same session" h6 $S "1*5*1*1*1*3" '^CON Pesanan O1 dicatat sudah dikirim.*Pesanan:'
check "buyer told: shipped" wait_until 5 mt_has_n 1 sim "to=\+6281200000012 .*O1.*sudah dikirim"
expect_u "same request again: same screen" h8 $B "" '^CON Lapak'
expect_u "same request again (repeat)" h8 $B "" '^CON Lapak'

# --- reload in the middle of sessions
expect_u "old session open" r1 $B "2" '^CON Cari barang apa'
sed -e 's/Cari barang apa?/Mau cari apa?/' -e 's/id = "Lapak"; en = "Lapak";/id = "Lapak Baru"; en = "Lapak New";/' \
    -e 's/Hasil {query}:/Ketemu {query}:/' menu.cfg > menu.new && mv menu.new menu.cfg
"$BIN/lapakctl" -c lapak.cfg reload > reload.out 2>&1
check "lapakctl reload: ok" grep -q "reload sent" reload.out
check "reload logged" wait_until 5 log_has_n 1 "reload ok"
expect_u "old session finishes on its menus" r1 $B "2*gula" '^CON Hasil gula:'
expect_u "new session gets the new menus" r2 081200000013 "" '^CON Lapak Baru'
expect_u "new session: new wording" r2 081200000013 "2" '^CON Mau cari apa'
check "two menu sets held while the old session lives" log_has_n 1 "ussd menus loaded gen=2"
cp "$TOP/tests/menus/bad-unknown-screen.cfg" menu.cfg
"$BIN/lapakctl" -c lapak.cfg reload > reload2.out 2>&1
check "lapakctl reload refuses a broken menu" [ $? -eq 1 ]
check "with its file:line" grep -q "menu.cfg:8: screen \"main\": unknown screen \"nowhere\"" reload2.out
kill -HUP "$D_PID"
check "SIGHUP with a broken menu: refused, logged with file:line" \
    wait_until 5 log_has_n 1 "reload refused.*menu.cfg:8: screen"
expect_u "running menus stay" r3 081200000014 "" '^CON Lapak Baru'
stop_lapakd
check "lapakd exits 0" [ "$rc" -eq 0 ]

# --- lapakctl check: every broken menu file, its exact file:line
for f in "$TOP"/tests/menus/bad-*.cfg; do
	want=$(head -1 "$f" | sed 's/^# expect: //')
	"$BIN/lapakctl" -c lapak.cfg check "$f" > check.out 2> check.err
	rc=$?
	check "$(basename "$f"): exit 1" [ "$rc" -eq 1 ]
	check "$(basename "$f"): $want" grep -qF "$f:$want" check.out
done
write_conf t.cfg "$PORT" "menus = { templates = \"$TOP/tests/menus/bad-template\"; };"
"$BIN/lapakctl" -c t.cfg check > check.out 2>&1
check "template forcing UCS-2: exit 1" [ $? -eq 1 ]
check "template forcing UCS-2: file:line" grep -q "bad-template/id/commerce.cfg:3: template sell.ok (id) forces UCS-2" check.out
"$BIN/lapakctl" -c lapak.cfg check "$TOP/tests/menus/bad-long.cfg" "$TOP/tests/menus/bad-action.cfg" > check.out 2>&1
check "all errors at once" [ "$(grep -c 'bad-' check.out)" -eq 2 ]
cp "$TOP/menus/default.cfg" menu.cfg
check "shipped menus pass" "$BIN/lapakctl" -c lapak.cfg check
finish
