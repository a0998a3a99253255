#!/bin/sh
# Security (issue 5): (a) no number changes another's product or order by
# any SMS command or USSD menu path (each refusal names the code; products,
# orders and sellers rows unchanged); (b) PIN brute force locks with a clear
# message, the right PIN is refused while locked, lapakctl pin-unlock lifts
# it; (c) PINs, the bind password and http.secret never appear in lapakd's
# debug+trace log, the sim's output, HTTP answers, lapakctl's output or the
# store; (d) phone numbers masked in the log; (e) SQL-shaped input through
# every field is stored literally and the store stays intact; (f) the HTTP
# endpoint refuses oversize, malformed, unauthorised and disallowed
# requests without a crash; (g) a config holding a password that group or
# others can read is refused (exit 1, clear message), 0600 runs.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
HPORT=$(free_port)
PW=Zq7Kx2Wm		# SMSC bind password: must never be printed
HS=Hs9tQ4vRw2	# http.secret
P_OLD=739146		# PINs (digits that appear nowhere else)
P_NEW=582937
P_USSD=846105
WRONG="917361 917362 917363 917364 917365"
S1=+6281277770001	# seller, Indonesian
S2=+6281277770002	# seller, English: the attacker
S3=+6281277770003	# seller with a PIN (brute force)
S4=+6281277770004	# seller with SQL-shaped shop, village, product
B1=+6281377770001	# buyer with a pending order
B2=+6281377770002	# buyer with confirmed orders
B3=+6281377770003	# buyer with SQL-shaped note
X=+6281377770009	# stranger, never registered
U1=+6281377770011	# USSD-only numbers (HTTP)
ALLNUM="$S1 $S2 $S3 $S4 $B1 $B2 $B3 $X $U1"

cp "$TOP/menus/default.cfg" menu.cfg
write_conf2 lapak.cfg "$PORT" "$PW" "" \
    "http = { listen = \"127.0.0.1:$HPORT\"; secret = \"$HS\"; allow = [ \"127.0.0.1\" ]; };" \
    'menus = { file = "menu.cfg"; };' 'limits = { mo_per_minute = 0; };' \
    'sms = { pin_commands = [ "HAPUS" ]; };'
start_serve sim -p "$PORT" -w "$PW" -v || finish
start_lapakd_x -d -T smpp,store -c lapak.cfg
check "lapakd binds with the password" wait_until 10 grep -q "bound" lapakd.log
wait_until 10 curl -sf "http://127.0.0.1:$HPORT/health" -o /dev/null ||
    fail "http did not come up"

# --- helpers ---------------------------------------------------------------
# snap: the rows no other number may change.
snap() {
	sqlite3 -batch lapak.db "SELECT * FROM products ORDER BY id;
	    SELECT * FROM orders ORDER BY id; SELECT * FROM sellers ORDER BY id;"
}
# refused NUM TEXT CODE: the reply says CODE is not the sender's.
refused() {
	ask "$1" "$2" "(Maaf, $3 bukan milik Anda\. Tidak ada yang diubah|Sorry, $3 is not yours\. Nothing was changed)"
}
# unregistered NUM TEXT: a seller command from a non-seller: how to DAFTAR.
unregistered() {
	ask "$1" "$2" '(belum terdaftar.*DAFTAR|not registered.*REG)'
}
# u SESSION PHONE TEXT: the body of one USSD HTTP hop (kept in http.out).
u() {
	curl -s -H "X-Lapak-Secret: $HS" --data-urlencode "sessionId=$1" \
	    --data-urlencode "serviceCode=*123*45#" \
	    --data-urlencode "phoneNumber=$2" --data-urlencode "text=$3" \
	    "http://127.0.0.1:$HPORT/ussd" | tee -a http.out
	echo >> http.out
}
expect_u() {	# expect_u WHAT SESSION PHONE TEXT ERE
	body=$(u "$2" "$3" "$4")
	if printf '%s' "$body" | grep -qzE "$5"; then ok "$1"
	else fail "$1: got \"$body\""; fi
}
one_of() {	# one_of VALUE A B...: VALUE is one of A B...
	oo=$1; shift
	for oa in "$@"; do [ "$oo" = "$oa" ] && return 0; done
	return 1
}
code_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
H="http://127.0.0.1:$HPORT"

# --- (a) ownership: setup ----------------------------------------------------
ask $S1 "DAFTAR Warung Sri, Sukamaju" 'Warung Sri.*Sukamaju'
ask $S1 "JUAL Keripik singkong 15rb/bks 20" '^P1 Keripik singkong'
ask $S1 "JUAL Gula aren 20rb/kg 5" '^P2 Gula aren'
ask $S2 "REG Toko Budi, Cibodas" 'Toko Budi'
ask $S2 "LANG EN" '^Language set to English'
ask $S2 "SELL Es teh 3rb 10" '^P3 Es teh'
for i in 1 2 3 4 5 6 7; do
	ask $S1 "JUAL Keripik rasa nomor $i 10rb 5" "^P$((i + 3)) "
done
ask $B1 "BELI P1 2 antar ke rumah" '^O1: Keripik singkong x2'
c1=$(confirm_code)
ask $B2 "BELI P2 1" '^O2: Gula aren x1'
ask $B2 "YA $(confirm_code)" '^Pesanan O2 '
hear $S1 '^Pesanan baru O2' 5 notify
ask $B2 "BELI P3 1" '^O3: Es teh x1'
ask $B2 "YA $(confirm_code)" '^Pesanan O3 '
hear $S2 '^New order O3' 5 notify
ask $S2 "ACCEPT O3" '^Order O3 accepted'
hear $B2 'O3' 5 notify
ask $B1 "CARI keripik" 'Keripik.*LAGI'
page1=$HEARD
snap > snap0.txt

# --- (a) over SMS: a registered seller on another seller's products/orders
refused $S2 "PRICE P1 1000" P1
refused $S2 "HARGA p1 1rb" P1
refused $S2 "HARGA#P2#500" P2
refused $S2 "STOCK P1 0" P1
refused $S2 "STOK P2 +5" P2
refused $S2 "STOK 2 -1" P2
refused $S2 "STOCK P1 HABIS" P1
refused $S2 "DEL P1" P1
refused $S2 "HAPUS 2" P2
refused $S2 "ACCEPT O2" O2
refused $S2 "TERIMA 02" O2
refused $S2 "TERIMA O1" O1
refused $S2 "REJECT O2 sold out" O2
refused $S2 "TOLAK o1" O1
refused $S2 "SHIP O2" O2
refused $S2 "KIRIM 2" O2
refused $S2 "CANCEL O2" O2
refused $S2 "BATAL O1" O1
refused $S2 "RECEIVED O2" O2
ask $S2 "ULANG HARGA P1 999" '(P1 is not yours|P1 bukan milik)'
# the seller of an order is not its buyer: refused, saying only the buyer
# can (issue 9, 16)
ask $S1 "SAMPAI O2" '^(SAMPAI O2 hanya bisa dikirim pembeli|Only the buyer can send RECEIVED O2)'
# buyers and strangers on others' orders
refused $B2 "BATAL O1" O1
refused $B2 "SAMPAI O1" O1
refused $X "BATAL O2" O2
refused $X "SAMPAI O2" O2
refused $X "CANCEL O3" O3
refused $B1 "BATAL O3" O3
# seller commands from numbers that are not sellers
unregistered $B2 "TERIMA O2"
unregistered $B2 "KIRIM O2"
unregistered $B2 "HARGA P2 1"
unregistered $X "HAPUS P1"
unregistered $X "TOLAK O1 iseng"
unregistered $X "STOK P1 0"
# YA with someone else's confirmation code: never confirms B1's order
ask $X "YA $c1" '^(Tidak ada pesanan yang menunggu konfirmasi|You have no order waiting)'
ask $B2 "YA $c1" '^(Tidak ada pesanan yang menunggu konfirmasi|You have no order waiting)'
ask $S1 "YES $c1" '^(Tidak ada pesanan yang menunggu konfirmasi|You have no order waiting)'
# LAGI / MORE with no list of one's own: not B1's next page
ask $X "LAGI" '^Tidak ada halaman berikutnya'
case $HEARD in *Keripik*) fail "X's LAGI shows B1's list";; *) ok "X's LAGI shows nothing of B1's list";; esac
ask $S2 "MORE" '^No more pages'
hear_none $S1 0.3
hear_none $B1 0
hear_none $B2 0
snap > snap1.txt
check "SMS attacks: products, orders, sellers unchanged" cmp -s snap0.txt snap1.txt
cmp -s snap0.txt snap1.txt || diff snap0.txt snap1.txt | head -20
ask $B1 "LAGI" 'Keripik rasa'
check "B1's own LAGI still gives its page 2 (not page 1 again)" [ "$HEARD" != "$page1" ]

# --- (a) over USSD (HTTP): the shipped menus as another number -----------
expect_u "S2 price list: only its P3" a1 $S2 "1*2" '^CON Pick a product:.1 P3 Es teh'
case $body in *P1*|*P2*|*Keripik*|*Gula*) fail "S2's list shows S1's products: $body";; *) ok "S2's price list has none of S1's";; esac
expect_u "S2 stock list: only its P3" a2 $S2 "1*3" '^CON Pick a product:.1 P3 Es teh'
expect_u "S2 picks a row that is not there: no other product" a2 $S2 "1*3*2" '^CON (No such choice|Pick a product:.1 P3 Es teh Rp3.000 s10.0 Back$)'
expect_u "S2 my products: only P3" a3 $S2 "1*4" '^CON Your products:.1 P3 Es teh Rp3.000 s10.0 Back$'
expect_u "S2 incoming orders: only O3" a4 $S2 "1*5" '^CON Orders:.1 O3 Es teh x1 accepted.0 Back$'
case $body in *O1*|*O2*) fail "S2 sees S1's orders: $body";; *) ok "S2's incoming orders have none of S1's";; esac
expect_u "stranger: price list empty" a5 $X "1*2" '^(END|CON) .*(Belum ada produk|No products yet|belum terdaftar)'
expect_u "stranger: my orders empty" a6 $X "3" '^(END|CON) .*(Tidak ada pesanan aktif|No open orders)'
expect_u "B2 my orders: O2 and O3, not O1" a7 $B2 "3" '^CON .*O2.*O3'
case $body in *O1*) fail "B2 sees B1's O1: $body";; *) ok "B2's orders do not show O1";; esac
snap > snap2.txt
check "shipped-menu walks: nothing changed" cmp -s snap1.txt snap2.txt

# --- (a) over USSD: a menu where codes are typed (operators may write one):
# the store alone must refuse.
cat > attack.cfg <<'EOF'
languages = [ "id", "en" ];
start = "main";
screens = {
	main = { type = "menu"; text = { id = "Uji"; en = "Test"; }; options = (
		{ key = "1"; to = "harga_p"; text = { id = "Harga"; en = "Price"; }; },
		{ key = "2"; to = "stok_p"; text = { id = "Stok"; en = "Stock"; }; },
		{ key = "3"; to = "hapus_p"; text = { id = "Hapus"; en = "Delist"; }; },
		{ key = "4"; to = "terima_o"; text = { id = "Terima"; en = "Accept"; }; },
		{ key = "5"; to = "tolak_o"; text = { id = "Tolak"; en = "Reject"; }; },
		{ key = "6"; to = "kirim_o"; text = { id = "Kirim"; en = "Ship"; }; },
		{ key = "7"; to = "batal_o"; text = { id = "Batal"; en = "Cancel"; }; },
		{ key = "8"; to = "sampai_o"; text = { id = "Sampai"; en = "Received"; }; }
	); };
EOF
for s in harga:price stok:stock hapus:delist; do
	n=${s%%:*}; a=${s#*:}
	nx="${n}_do"
	[ "$a" = price ] && nx=harga_v
	[ "$a" = stock ] && nx=stok_v
	cat >> attack.cfg <<EOF
	${n}_p = { type = "input"; text = { id = "Kode:"; en = "Code:"; }; input = "product"; save = "product";
		error = { id = "Kode?"; en = "Code?"; }; next = "$nx"; };
	${n}_do = { type = "action"; action = "$a"; };
EOF
done
cat >> attack.cfg <<'EOF'
	harga_v = { type = "input"; text = { id = "Harga:"; en = "Price:"; }; input = "price"; save = "price";
		error = { id = "Harga?"; en = "Price?"; }; next = "harga_do"; };
	stok_v = { type = "input"; text = { id = "Stok:"; en = "Stock:"; }; input = "stock"; save = "stock";
		error = { id = "Stok?"; en = "Stock?"; }; next = "stok_do"; };
EOF
for s in terima:accept tolak:reject kirim:ship batal:cancel sampai:received; do
	n=${s%%:*}; a=${s#*:}
	cat >> attack.cfg <<EOF
	${n}_o = { type = "input"; text = { id = "Pesanan:"; en = "Order:"; }; input = "order"; save = "order";
		error = { id = "Kode?"; en = "Code?"; }; next = "${n}_do"; };
	${n}_do = { type = "action"; action = "$a"; set = { reason = "uji"; }; };
EOF
done
echo "};" >> attack.cfg
cp menu.cfg default-menu.cfg
cp attack.cfg menu.cfg
"$BIN/lapakctl" -c lapak.cfg reload > reload.out 2>&1
check "attack menu loaded" wait_until 5 log_has_n 1 "reload ok"
NOTY='(bukan milik Anda|is not yours)'
expect_u "USSD S2 price P1: refused" b1 $S2 "1*P1*1rb" "^(CON|END) .*P1 $NOTY"
expect_u "USSD S2 stock P2: refused" b2 $S2 "2*2*0" "^(CON|END) .*P2 $NOTY"
expect_u "USSD S2 delist P1: refused" b3 $S2 "3*P1" "^(CON|END) .*P1 $NOTY"
expect_u "USSD S2 accept O2: refused" b4 $S2 "4*O2" "^(CON|END) .*O2 $NOTY"
expect_u "USSD S2 accept O1 (pending): refused" b5 $S2 "4*1" "^(CON|END) .*O1 $NOTY"
expect_u "USSD S2 reject O2: refused" b6 $S2 "5*O2" "^(CON|END) .*O2 $NOTY"
expect_u "USSD S2 ship O2: refused" b7 $S2 "6*O2" "^(CON|END) .*O2 $NOTY"
expect_u "USSD S2 cancel O1: refused" b8 $S2 "7*O1" "^(CON|END) .*O1 $NOTY"
expect_u "USSD S2 received O2: refused" b9 $S2 "8*O2" "^(CON|END) .*O2 $NOTY"
expect_u "USSD stranger cancel O2: refused" b10 $X "7*O2" "^(CON|END) .*O2 $NOTY"
expect_u "USSD stranger received O1: refused" b11 $X "8*O1" "^(CON|END) .*O1 $NOTY"
expect_u "USSD B2 cancel O1: refused" b12 $B2 "7*O1" "^(CON|END) .*O1 $NOTY"
expect_u "USSD stranger price P1: not a seller" b13 $X "1*P1*1rb" '^(CON|END) .*(belum terdaftar|not registered)'
expect_u "USSD stranger accept O2: not a seller" b14 $X "4*O2" '^(CON|END) .*(belum terdaftar|not registered)'
hear_none $S1 0.3
hear_none $B1 0
snap > snap3.txt
check "typed-code USSD attacks: nothing changed" cmp -s snap2.txt snap3.txt
cmp -s snap2.txt snap3.txt || diff snap2.txt snap3.txt | head -20
cp default-menu.cfg menu.cfg
"$BIN/lapakctl" -c lapak.cfg reload > reload.out 2>&1
check "shipped menu back" wait_until 5 log_has_n 2 "reload ok"
# The owners still can: nothing was locked or used up by the attacks.
ask $B1 "YA $c1" '^Pesanan O1 '
hear $S1 '^Pesanan baru O1' 5 notify
ask $S1 "TERIMA O2" '^Pesanan O2 diterima'
hear $B2 '^Pesanan O2 ' 5 notify

# --- (b) PIN brute force --------------------------------------------------
ask $S3 "DAFTAR Toko Tiga, Desa Tiga" 'Toko Tiga'
ask $S3 "JUAL Kopi bubuk 10rb 5" '^P11 Kopi bubuk'
ask $S3 "PIN $P_OLD" '^PIN berhasil dipasang'
n=4
for w in $WRONG; do
	if [ $n -gt 0 ]; then
		ask $S3 "PIN $w $P_NEW" "^PIN salah\. Sisa $n kali"
	else
		ask $S3 "PIN $w $P_NEW" '^PIN terkunci karena salah berkali-kali\. Coba lagi [0-9]+ menit'
	fi
	n=$((n - 1))
done
ask $S3 "PIN $P_OLD $P_USSD" '^PIN terkunci'
ask $S3 "HAPUS P11 $P_OLD" '^PIN terkunci'
# over USSD the lock comes before the PIN is even asked for
expect_u "USSD seller menu while locked: locked, no PIN prompt" p1 $S3 "1*2" '^(CON|END) PIN terkunci karena salah'
check "P11 still listed after the locked HAPUS" [ "$(sql "SELECT active FROM products WHERE id = 11")" = 1 ]
"$BIN/lapakctl" -c lapak.cfg pin-unlock 081277770003 > unlock.out 2>&1
check "lapakctl pin-unlock exits 0" [ $? -eq 0 ]
ask $S3 "PIN $P_OLD $P_NEW" '^PIN berhasil diganti'
ask $S3 "HAPUS P11 $P_NEW" '^P11 Kopi bubuk dihapus'
# USSD: a wrong PIN counts too; the right one (once per session) works.
expect_u "USSD PIN asked" p2 $S3 "1*2" '^CON Masukkan PIN penjual'
expect_u "USSD wrong PIN: refused" p2 $S3 "1*2*$P_USSD" '(PIN salah|Wrong PIN)'
expect_u "USSD right PIN: in" p2 $S3 "1*2*$P_USSD*$P_NEW" '^(CON|END) (Pilih produk|Belum ada produk)'

# --- (e) SQL-shaped input through every field --------------------------
TABLES0=$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master ORDER BY name)")
SHOP="'); DROP TABLE products;--"
VILL="x'); DELETE FROM orders;--"
PNAME="Robert'); DROP TABLE sellers;-- \" OR 1=1"
NOTE="x'); UPDATE products SET stock=0;--"
REASON="'); DROP TABLE audit;-- ' OR '1'='1"
ask $S4 "DAFTAR $SHOP, $VILL" 'DROP TABLE products'
ask $S4 "JUAL $PNAME 5rb/bks 4" "^P12 Robert'\\); DROP TABLE sellers;-- \" OR 1=1 Rp5\\.000/bks stok 4"
ask $S4 "HARGA P12' OR '1'='1 6rb" '.'
ask $S4 "STOK P12;DROP TABLE orders 3" '.'
ask $S4 "INFO 12 OR 1=1" '.'
ask $B3 "CARI ' OR '1'='1" '.'
ask $B3 "CARI robert\" OR name:* NEAR(a" '.'
case $HEARD in *gangguan*|*wrong*) fail "FTS syntax in CARI gives an error reply: $HEARD";; *) ok "FTS syntax in CARI answered normally";; esac
ask $B3 "CARI \"); DROP TABLE products_fts;--" '.'
case $HEARD in *gangguan*|*wrong*) fail "quote in CARI gives an error reply: $HEARD";; *) ok "quote in CARI answered normally";; esac
ask $B3 "BELI P12 1 $NOTE" '^O[0-9]+: '
ask $B3 "YA $(confirm_code)" '^Pesanan O[0-9]+ '
o5=$(order_code)
hear $S4 "^Pesanan baru $o5" 5 notify
ask $S4 "TOLAK $o5 $REASON" "^Pesanan $o5 ditolak"
hear $B3 "$o5" 5 notify
ask $B3 "BAHASA EN'; DROP TABLE numbers;--" '.'
ask $B3 "PIN 1234' OR '1'='1" '.'
ask $B3 "BANTUAN '; DROP TABLE inbox;--" '.'
ask $B3 "BATAL O1' --" '.'
ask $B3 "SAMPAI 1 OR 1=1" '.'
ask $B3 "LAGI '; DELETE FROM outbox" '.'
expect_u "USSD register with SQL-shaped shop" q1 $U1 "1*6*Tok'); DROP TABLE outbox;--*Desa' OR 1=1*Kec'; DELETE FROM sellers;--" '^END '
expect_u "USSD search with SQL-shaped words" q2 $U1 "2*' OR 1=1; DROP TABLE products" '^(CON|END) '
body=$(curl -s -H "X-Lapak-Secret: $HS" --data-urlencode "sessionId=x'); DROP TABLE inbox;--" \
    --data-urlencode "serviceCode=*1'--#" --data-urlencode "phoneNumber=$U1" \
    --data-urlencode "text=" "$H/ussd")
check "USSD SQL-shaped sessionId and serviceCode answered" [ -n "$body" ]
check "store intact: integrity_check ok" [ "$(sql "PRAGMA integrity_check")" = ok ]
check "store intact: same tables" [ "$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master ORDER BY name)")" = "$TABLES0" ]
check "shop stored literally" [ "$(sql "SELECT shop FROM sellers WHERE msisdn = '$S4'")" = "$SHOP" ]
check "village stored literally" [ "$(sql "SELECT village FROM sellers WHERE msisdn = '$S4'")" = "$VILL" ]
check "product name stored literally" [ "$(sql "SELECT name FROM products WHERE id = 12")" = "$PNAME" ]
check "note stored literally" [ "$(sql "SELECT note FROM orders WHERE id = ${o5#O}")" = "$NOTE" ]
check "reason stored literally" [ "$(sql "SELECT reason FROM orders WHERE id = ${o5#O}")" = "$REASON" ]
check "USSD shop stored literally" [ "$(sql "SELECT shop FROM sellers WHERE msisdn = '$U1'")" = "Tok'); DROP TABLE outbox;--" ]
check "products and orders all there (12 products)" [ "$(sql "SELECT count(*) FROM products")" = 12 ]
check "P12 price and stock untouched by the SQL-shaped HARGA/STOK" \
    [ "$(sql "SELECT price_rp || '/' || stock FROM products WHERE id = 12")" = "5000/4" ]
check "other products untouched (P1 price 15000, stock 20)" \
    [ "$(sql "SELECT price_rp || '/' || stock FROM products WHERE id = 1")" = "15000/20" ]
check "numbers table: B3 still Indonesian" [ "$(sql "SELECT coalesce(lang, 'id') FROM numbers WHERE msisdn = '$B3'")" != en ]

# --- (f) the HTTP endpoint --------------------------------------------------
head -c 1048576 /dev/zero | tr '\0' 'a' | sed 's/^/sessionId=a\&phoneNumber=0812\&text=/' > big.txt
check "1 MB body: 413" [ "$(code_of -H "X-Lapak-Secret: $HS" --data-binary @big.txt "$H/ussd")" = 413 ]
check "1 MB chunked body: 413" [ "$(code_of -H "X-Lapak-Secret: $HS" -H 'Transfer-Encoding: chunked' --data-binary @big.txt "$H/ussd")" = 413 ]
check "no phoneNumber: 400" [ "$(code_of -H "X-Lapak-Secret: $HS" --data 'sessionId=x&text=' "$H/ussd")" = 400 ]
check "no sessionId: 400" [ "$(code_of -H "X-Lapak-Secret: $HS" --data 'phoneNumber=081200000001&text=' "$H/ussd")" = 400 ]
c=$(code_of -H "X-Lapak-Secret: $HS" -X POST "$H/ussd")
check "empty body: refused ($c)" one_of "$c" 400 415
check "phoneNumber not a number: 400" [ "$(code_of -H "X-Lapak-Secret: $HS" --data "sessionId=x&phoneNumber=0812'--&text=" "$H/ussd")" = 400 ]
check "GET /ussd: 405" [ "$(code_of -H "X-Lapak-Secret: $HS" "$H/ussd")" = 405 ]
check "PUT /ussd: 405" [ "$(code_of -H "X-Lapak-Secret: $HS" -X PUT --data 'a=b' "$H/ussd")" = 405 ]
check "POST text/plain: 415" [ "$(code_of -H "X-Lapak-Secret: $HS" -H 'Content-Type: text/plain' --data 'sessionId=x&phoneNumber=081200000001&text=' "$H/ussd")" = 415 ]
check "POST JSON: 415" [ "$(code_of -H "X-Lapak-Secret: $HS" -H 'Content-Type: application/json' --data '{"sessionId":"x"}' "$H/ussd")" = 415 ]
c=$(code_of -H "X-Lapak-Secret: $HS" --data "sessionId=nu1&serviceCode=*123*45%23&phoneNumber=081377770021&text=%FF%FE%80%C0%AF" "$H/ussd")
check "non-UTF-8 text: answered ($c), no crash" one_of "$c" 200 400
c=$(code_of -H "X-Lapak-Secret: $HS" --data "sessionId=%FF%00%FE&serviceCode=%FF&phoneNumber=081377770022&text=1%002" "$H/ussd")
check "NUL and 0xFF in fields: answered ($c), no crash" one_of "$c" 200 400
long=$(head -c 3000 /dev/zero | tr '\0' 's')
c=$(code_of -H "X-Lapak-Secret: $HS" --data "sessionId=$long&phoneNumber=081377770023&text=" "$H/ussd")
check "3000-byte sessionId: answered ($c), no crash" one_of "$c" 200 400
check "no secret: 403" [ "$(code_of --data 'sessionId=x&phoneNumber=081200000001&text=' "$H/ussd")" = 403 ]
check "wrong secret: 403" [ "$(code_of -H 'X-Lapak-Secret: Hs9tQ4vRw3' --data 'sessionId=x&phoneNumber=081200000001&text=' "$H/ussd")" = 403 ]
check "secret with one more char: 403" [ "$(code_of -H "X-Lapak-Secret: ${HS}x" --data 'sessionId=x&phoneNumber=081200000001&text=' "$H/ussd")" = 403 ]
c=$(code_of "$H/metrics")
check "metrics without the secret: 403 (got $c)" [ "$c" = 403 ]
c=$(code_of --max-time 5 --interface 127.0.0.2 -H "X-Lapak-Secret: $HS" --data 'sessionId=x&phoneNumber=081200000001&text=' "$H/ussd")
check "source 127.0.0.2 not in http.allow: refused (got $c)" [ "$c" != 200 ]
check "the refusal is logged" wait_until 3 log_has_n 1 "http refused: source not in http.allow"
python3 - "$HPORT" <<'PY'
import socket, sys
for blob in (b"\x00\xff\xfe garbage\r\n\r\n", b"POST /ussd HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
             b"POST /ussd HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\nabc",
             b"GET /" + b"A" * 20000 + b" HTTP/1.1\r\n\r\n", b"POST /ussd HTTP/1.1\r\n" + b"X: y\r\n" * 3000 + b"\r\n"):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
    try:
        s.sendall(blob); s.recv(4096)
    except OSError:
        pass
    s.close()
PY
check "after raw garbage: lapakd alive" lapakd_alive
check "after raw garbage: /health ok" [ "$(curl -s --max-time 3 "$H/health")" = ok ]

# --- (c) no PIN, password or secret anywhere ------------------------------
stop_lapakd
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
sqlite3 -batch lapak.db .dump > dump.sql
for f in lapakd.log sim.out sim.err http.out unlock.out reload.out dump.sql; do
	for s in $P_OLD $P_NEW $P_USSD $WRONG $PW $HS; do
		if grep -qF -- "$s" "$f"; then
			fail "$f shows \"$s\": $(grep -F -- "$s" "$f" | head -2 | tr '\n' '|')"
			continue 2
		fi
	done
	ok "$f holds no PIN, password or http.secret"
done
check "the log has debug and smpp trace lines (the grep is meaningful)" \
    log_has_n 1 'bind_transceiver|bind'
check "PIN MOs are in the inbox, masked" [ "$(sql "SELECT count(*) FROM inbox WHERE text LIKE 'PIN %'")" -ge 8 ]
# lapakctl check and lapakd never echo a password from a bad config
write_conf2 long.cfg "$PORT" "${PW}TooLong99" ""
write_conf2 syn.cfg "$PORT" "$PW" "window = ;"
printf 'smsc = { host = "127.0.0.1"; port = %s; system_id = "lapak"; password = "%s\n' "$PORT" "$PW" > unterminated.cfg
printf 'smsc = { host = "127.0.0.1"; port = %s; system_id = "lapak"; password = %s; };\nstore = { path = "x.db"; };\n' "$PORT" 58293712 > int.cfg
chmod 600 unterminated.cfg int.cfg
for f in long.cfg syn.cfg unterminated.cfg int.cfg; do
	"$BIN/lapakctl" -c "$f" check > "ctl-$f.out" 2>&1
	check "lapakctl check $f: exit 1" [ $? -eq 1 ]
	"$BIN/lapakd" -c "$f" > "d-$f.out" 2>&1
	check "lapakd -c $f: exit 1" [ $? -eq 1 ]
	if grep -qE "$PW|58293712" "ctl-$f.out" "d-$f.out"; then
		fail "$f: the password is echoed: $(cat "ctl-$f.out" "d-$f.out" | tr '\n' '|')"
	else
		ok "$f: errors do not echo the password ($(head -1 "ctl-$f.out"))"
	fi
done

# --- (d) phone numbers masked in the log --------------------------------
for n in $ALLNUM; do
	core=${n#+62}
	if grep -qF -- "$core" lapakd.log; then
		fail "lapakd.log shows $n unmasked: $(grep -F -- "$core" lapakd.log | head -2 | tr '\n' '|')"
	else
		ok "lapakd.log masks $n"
	fi
done
check "the log does name numbers, masked (+62812****01 style)" log_has_n 10 '\+62[0-9]{3}\*+[0-9]{2}'

# --- (g) a config holding secrets readable by others is refused --------
for m in 644 640 604; do
	cp lapak.cfg p$m.cfg
	chmod $m p$m.cfg
	timeout 10 "$BIN/lapakd" -c p$m.cfg > p$m.out 2>&1
	check "mode $m: lapakd exits 1" [ $? -eq 1 ]
	check "mode $m: says so and how to fix it" grep -qE "mode 0$m lets other users read the SMSC password; chmod 600" p$m.out
	"$BIN/lapakctl" -c p$m.cfg check > c$m.out 2>&1
	check "mode $m: lapakctl check exits 1" [ $? -eq 1 ]
done
cp lapak.cfg p600.cfg
chmod 600 p600.cfg
"$BIN/lapakd" -n -c p600.cfg > p600.out 2>&1
check "mode 600: lapakd -n accepts it" [ $? -eq 0 ]
start_lapakd lapak.cfg
check "mode 600: lapakd runs and binds again" wait_until 10 log_has_n 2 "bound"
stop_lapakd
check "no sanitizer report" sanitizer_clean lapakd.log
finish
