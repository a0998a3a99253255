#!/bin/sh
# lapak-web's public catalogue (issue 14) on a store filled by an SMS story
# through lapak-sim and lapakd: sellers register in the sample villages,
# list products (one named <script>alert(1)</script> "Q" & Co, one with a
# phone number in its name), a buyer orders one product out of stock,
# another is set to 0 by STOK, a price changes by HARGA. Then every page
# kind is fetched and checked: contents, the sms: links, search with a
# typo, the price change on reload, sold out, HTML5 without errors (tidy),
# page weight, no phone number of the story anywhere, escaped names,
# 404s, the store opened read-only (a 0400 file), and lapak-web -n on a
# bad web.* config.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
command -v curl > /dev/null || skip_all "curl missing"
command -v tidy > /dev/null || skip_all "tidy missing (scripts/deps.sh installs it)"
PORT=$(free_port)
WPORT=$(free_port)
write_conf2 lapak.cfg "$PORT" secret 'source_addr = "1234";' \
    "limits = { mo_per_minute = 0; };" \
    "web = { listen = \"127.0.0.1:$WPORT\"; regency = \"33.18\"; title = \"Lapak Pati\"; threads = 2; };"
CTL="$BIN/lapakctl -c lapak.cfg"
S1=+6281200000001; S2=+6281200000002; B1=+6285700000001

$CTL places load "$TOP/data/places-sample.csv" > places.out 2>&1
check "places load: the sample" grep -q "^places: 111 added" places.out
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

# The SMS story.
ask $S1 "DAFTAR Warung Sri, Pohgading" 'Pohgading'
ask $S1 "JUAL Keripik singkong 15rb/bks 20" '^P1 Keripik singkong Rp15\.000/bks stok 20'
ask $S1 'JUAL <script>alert(1)</script> "Q" & Co 5rb 3' '^P2 '
ask $S1 "JUAL Gula aren WA 0812-3456-7890 20rb 4" '^P3 '
ask $S2 "DAFTAR Toko Budi 081298765432, Godo" 'Godo'
ask $S2 "JUAL Madu hutan 80rb 1" '^P4 Madu hutan Rp80\.000 stok 1'
ask $S2 "JUAL Teh celup 5rb 6" '^P5 '
ask $S2 "STOK P5 0" 'P5 Teh celup'
ask $B1 "BELI P4 1" 'YA [0-9][0-9][0-9][0-9]'
ask $B1 "YA $(confirm_code)" 'O[0-9]+'
hear $S2 'O1'

# lapak-web on the same store.
"$BIN/lapak-web" -c lapak.cfg -d > web.log 2>&1 &
W_PID=$!
trap 'kill -9 $W_PID 2>/dev/null; cleanup' EXIT INT TERM
URL="http://127.0.0.1:$WPORT"
check "lapak-web answers" wait_until 10 curl -sf -o /dev/null "$URL/"
get() {		# get NAME PATH: the page into NAME.html, its status in NAME.code
	curl -s -o "$1.html" -w '%{http_code}' "$URL$2" > "$1.code"
}
get home /
get home_en "/?lang=en"
get district /p/33.18.04
get village /p/33.18.04.2001
get shop1 /s/1
get shop2 /s/2
get item1 /i/P1
get item2 /i/P2
get item3 /i/P3
get item4 /i/P4
get item5 /i/P5
get search "/cari?q=kripik"
get search_en "/cari?q=kripik&lang=en"
get search_none "/cari?q=zzzqqq"
for p in home home_en district village shop1 shop2 item1 item2 item3 item4 item5 search search_en search_none; do
	check "$p: 200" [ "$(cat $p.code)" = 200 ]
done

check "home: the regency and its districts" \
    sh -c 'grep -q "<h1>KABUPATEN PATI</h1>" home.html && grep -q "<a class=\"place\" href=\"/p/33.18.04\">Winong</a> <span class=\"count\">5 produk</span>" home.html'
check "home: the search form" grep -q '<form id="search" action="/cari"' home.html
check "home (en): English words and links" \
    sh -c 'grep -q "<html lang=\"en\">" home_en.html && grep -q "5 products" home_en.html && grep -q "href=\"/p/33.18.04?lang=en\"" home_en.html'
check "district: its villages" grep -q '<a class="place" href="/p/33.18.04.2001">Pohgading</a> <span class="count">3 produk' district.html
check "village: its shop" grep -q '<a class="shop" href="/s/1">Warung Sri</a>' village.html
check "shop: its products listed" \
    sh -c 'grep -c "<li class=\"product\" data-code=\"P[123]\">" shop1.html | grep -qx 3'
check "product: name, price with unit, available" \
    sh -c 'grep -q "<h1 class=\"name\">Keripik singkong</h1>" item1.html && grep -q "<span class=\"price\">Rp15.000/bks</span>" item1.html && grep -q "<span class=\"stock in\">Tersedia</span>" item1.html'
check "product: shop and village" \
    sh -c 'grep -q "<a class=\"shop\" href=\"/s/1\">Warung Sri</a>, <a class=\"place\" href=\"/p/33.18.04.2001\">Pohgading</a>" item1.html'
check "product: the sms: link and its text" \
    grep -q '<a class="sms" href="sms:1234?body=BELI%20P1">SMS <code>BELI P1</code> ke 1234</a>' item1.html
check "product: the USSD code" grep -q '<a class="ussd" href="tel:%2A123%2A45%23">\*123\*45#</a>' item1.html
check "sold out by an order" grep -q '<span class="stock out">Habis</span>' item4.html
check "sold out by STOK 0" grep -q '<span class="stock out">Habis</span>' item5.html
check "XSS name rendered as text" \
    sh -c 'grep -q "&lt;script&gt;alert(1)&lt;/script&gt; &quot;Q&quot; &amp; Co" item2.html && ! grep -q "<script" item2.html shop1.html'
check "search with a typo (kripik) finds Keripik singkong" grep -q 'data-code="P1"' search.html
check "search keeps the query in the box" grep -q 'name="q" maxlength="100" aria-label="Cari produk" value="kripik"' search.html
check "search (en): English and the switch back" \
    sh -c 'grep -q "Available" search_en.html && grep -q "href=\"/cari?q=kripik\">Bahasa Indonesia" search_en.html'
check "search: nothing found said so" grep -q 'Tidak ada produk yang cocok' search_none.html
check "product page under 30 KB" [ "$(wc -c < item1.html)" -lt 30720 ]

# No phone number of the story anywhere, in any form.
check "no seller or buyer number on any page" \
    sh -c '! grep -lE "(\+?62|0)8(12000000|57000000)0[12]|8(12000000|57000000)0[12]" *.html'
check "numbers in names masked" \
    sh -c '! grep -lE "3456|7890|98765432|081298" *.html && grep -q "Gula aren WA 08" item3.html && grep -q "Toko Budi 08" shop2.html'

# Valid HTML5: tidy reports no errors on each page kind.
for p in home district village shop1 item1 item2 search; do
	tidy -q -e "$p.html" > "$p.tidy" 2>&1
	check "tidy: no errors in $p" [ $? -lt 2 ]
done

# A price changed by SMS shows on reload.
ask $S1 "HARGA P1 17rb" 'Rp17\.000'
get item1b /i/P1
check "price change shows on reload" grep -q '<span class="price">Rp17.000/bks</span>' item1b.html

# Unknown routes, bad codes, methods.
for u in /nope /p/33.19 /p/33.18.99 "/p/33';--" /i/P999 /i/X1 /s/99 /s/+6281200000001 /i/ /p/; do
	check "404 for $u" [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL$u")" = 404 ]
done
check "POST to a page: 405" [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$URL/")" = 405 ]
check "officers' login page: 200 with form#login" sh -c "curl -s '$URL/login' | grep -q '<form[^>]*id=\"login\"'"
check "a dashboard page without a session: 303 to /login" [ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$URL/dash/report")" = "303 $URL/login" ]
check "a too long query: 400" [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/cari?q=$(printf '%0150d' 0)")" = 400 ]
curl -s -D hdr.txt -o /dev/null "$URL/i/P1"
check "headers: CSP, nosniff, Referrer-Policy, cache, charset" \
    sh -c "grep -qi '^Content-Security-Policy: default-src .none.' hdr.txt && grep -qi '^X-Content-Type-Options: nosniff' hdr.txt && grep -qi '^Referrer-Policy:' hdr.txt && grep -qi '^Cache-Control: public' hdr.txt && grep -qi '^Content-Type: text/html; charset=utf-8' hdr.txt"

# SIGHUP: a valid config is taken (the title changes), a broken one is
# refused and the running config keeps serving.
cp lapak.cfg good.cfg
sed -i 's/title = "Lapak Pati"/title = "Lapak Kabupaten Pati"/' lapak.cfg
kill -HUP $W_PID
check "SIGHUP: the new title is served" wait_until 10 sh -c "curl -s '$URL/' | grep -q 'Lapak Kabupaten Pati'"
echo 'web = { threads = 99; };' >> lapak.cfg
kill -HUP $W_PID
check "SIGHUP with a broken config: refused, logged" wait_until 10 grep -q 'reload refused' web.log
check "... the running config still serves" sh -c "curl -s '$URL/' | grep -q 'Lapak Kabupaten Pati'"
cp good.cfg lapak.cfg

kill -TERM $W_PID
wait $W_PID
check "SIGTERM: lapak-web stops with 0" [ $? -eq 0 ]

# systemd's notify protocol (Type=notify): READY=1 once it serves,
# RELOADING=1 then READY=1 on SIGHUP, STOPPING=1 on SIGTERM.
rm -f notify.log notify.log.ready
python3 "$TOP/tests/integ/notify_listen.py" "$WORK/notify.sock" notify.log &
N_PID=$!
wait_until 10 test -f notify.log.ready
NOTIFY_SOCKET="$WORK/notify.sock" "$BIN/lapak-web" -c lapak.cfg > web3.log 2>&1 &
W_PID=$!
check "notify: READY=1 once lapak-web serves" wait_until 10 grep -q '^READY=1' notify.log
check "... and it answers" curl -sf -o /dev/null "$URL/"
kill -HUP $W_PID
check "notify: RELOADING=1 on SIGHUP" wait_until 10 grep -q '^RELOADING=1' notify.log
check "notify: READY=1 again after the reload" wait_until 10 sh -c "[ \$(grep -c '^READY=1' notify.log) -ge 2 ]"
kill -TERM $W_PID
wait $W_PID
check "notify: STOPPING=1 on SIGTERM" wait_until 5 grep -q '^STOPPING=1' notify.log
kill $N_PID 2>/dev/null; wait $N_PID 2>/dev/null

# Read-only: lapak-web serves from a store file nobody may write.
chmod 0400 lapak.db
"$BIN/lapak-web" -c lapak.cfg > web2.log 2>&1 &
W_PID=$!
check "lapak-web on a 0400 store answers" wait_until 10 curl -sf -o ro.html "$URL/i/P1"
check "... with the product" grep -q 'data-code="P1"' ro.html
kill -TERM $W_PID
wait $W_PID
chmod 0600 lapak.db
check "lapakd still running" lapakd_alive

# Checking configs.
"$BIN/lapak-web" -n -c lapak.cfg > n.out 2>&1
check "lapak-web -n: a good config (exit 0)" [ $? -eq 0 ]
write_conf bad.cfg "$PORT" "web = {" "  title = \"x\";" "  listen = \"0.0.0.0:$WPORT\";" "};"
"$BIN/lapak-web" -n -c bad.cfg > bad.out 2>&1
check "lapak-web -n: public listen without allow (exit 1)" [ $? -eq 1 ]
check "... with file:line" grep -q '^bad.cfg:6: web.listen: ' bad.out
"$BIN/lapakctl" -c bad.cfg check > ctl.out 2>&1
check "lapakctl check refuses it too (exit 1, file:line)" \
    sh -c "[ $? -eq 1 ] && grep -q '^bad.cfg:6: web.listen' ctl.out"
write_conf bad2.cfg "$PORT" "web = { listen = \"127.0.0.1:$WPORT\"; regency = \"x\"; };"
"$BIN/lapak-web" -n -c bad2.cfg > bad2.out 2>&1
check "lapak-web -n: a bad web.regency (exit 1, file:line)" \
    sh -c "[ $? -eq 1 ] && grep -q '^bad2.cfg:4: web.regency' bad2.out"
write_conf off.cfg "$PORT"
"$BIN/lapak-web" -n -c off.cfg > off.out 2>&1
check "lapak-web -n: web.listen empty is refused" [ $? -eq 1 ]

check "no sanitizer report (lapak-web)" sanitizer_clean web.log
check "no sanitizer report (lapakd)" sanitizer_clean
finish
