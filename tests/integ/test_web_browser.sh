#!/bin/sh
# lapak-web in a real browser (issue 14): an SMS story through lapakd over
# lapak-sim fills the store (the sample places, two sellers in two districts
# of Kabupaten Pati, products with an XSS name and a phone-like digit run,
# orders completed and rejected, a product sold out), two officers are made
# with lapakctl web-user add, lapak-web serves the store, and
# tests/web/browser.js (headless Debian chromium driven by puppeteer-core,
# pinned in tests/web/package-lock.json, installed here by npm ci when
# missing or stale) walks the catalogue and the dashboard: what was sold by
# SMS is listed, a typo search finds it, the sms: link, a HARGA sent by SMS
# mid-run shows on reload, sold out, English, no dialog, no phone number,
# the officer's login, place, charts and CSV (equal to lapakctl report).
# Screenshots land in $WORK/web/screens (kept with KEEP=1 or on failure).
# Without a built lapak-web the test fails.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
WEBT=$TOP/tests/web
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
command -v sqlite3 > /dev/null || skip_all "sqlite3 shell missing"
command -v node > /dev/null || skip_all "node missing (scripts/deps.sh)"
command -v npm > /dev/null || skip_all "npm missing (scripts/deps.sh)"
[ -x "$CHROMIUM" ] || skip_all "$CHROMIUM missing (Debian chromium; scripts/deps.sh)"
W_PID=""
N_PID=""
web_cleanup() {
	[ -n "$N_PID" ] && kill -TERM "$N_PID" 2>/dev/null
	[ -n "$W_PID" ] && kill -TERM "$W_PID" 2>/dev/null
	cleanup
}
trap 'web_cleanup' EXIT INT TERM
cd "$WORK"
OUT=$WORK/web
mkdir -p "$OUT/screens"

# puppeteer-core from the lockfile: npm ci when node_modules is missing or
# was installed from another lockfile (a stamp holds the lockfile it came from).
if ! cmp -s "$WEBT/package-lock.json" "$WEBT/node_modules/.lapak-lock"; then
	t0=$(date +%s)
	if (cd "$WEBT" && npm ci --ignore-scripts --no-audit --no-fund \
	    --loglevel=error) > npm.log 2>&1; then
		cp "$WEBT/package-lock.json" "$WEBT/node_modules/.lapak-lock"
		ok "npm ci: puppeteer-core installed ($(($(date +%s) - t0)) s)"
	else
		fail "npm ci in tests/web failed"
		cat npm.log
		finish
	fi
fi
PUP=$(cd "$WEBT" && node -p 'require("puppeteer-core/package.json").version' 2>/dev/null)
echo "# node $(node --version), puppeteer-core $PUP, $("$CHROMIUM" --version 2>/dev/null)"
check "puppeteer-core is the locked version" [ "$PUP" = "$(cd "$WEBT" &&
    node -p 'require("./package-lock.json").packages["node_modules/puppeteer-core"].version')" ]

PORT=$(free_port)
WP=$(free_port)
SHORT=1234
USSD_CODE='*123*45#'
REG=33.18
write_conf2 lapak.cfg "$PORT" secret "source_addr = \"$SHORT\";" \
    "limits = { mo_per_minute = 0; };" \
    "time = { zone = \"Asia/Jakarta\"; };" \
    "places = { scope = \"$REG\"; };" \
    "ussd = { service_code = \"$USSD_CODE\"; };"
# lapak-web's keys in a copy (lapakd on a tree without them refuses them)
cp lapak.cfg web.cfg
cat >> web.cfg <<EOF
web = { listen = "127.0.0.1:$WP"; base_url = "http://127.0.0.1:$WP";
  title = "Lapak Pati"; regency = "$REG"; };
EOF
CTL="$BIN/lapakctl -c lapak.cfg"
S1=+6281200000001; S2=+6281200000002
B1=+6285700000001; B2=+6285700000002
XSS='<script>alert(1)</script> "Q" & Co'

$CTL places load "$TOP/data/places-sample.csv" > places.out 2>&1
check "places load: the sample" grep -q "^places: 111 added" places.out
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

# The story. Jakenan (33.18.09): Warung Sri in Tlogorejo, three products,
# two orders completed (Rp30.000 + Rp10.000), one rejected. Gunungwungkal
# (33.18.17): Toko Budi in Sidomulyo, one order completed (Rp36.000), one
# product sold out.
buy() {		# buy BUYER "BELI ...": places and confirms; order code in ORD
	ask "$1" "$2" 'YA [0-9][0-9][0-9][0-9]'
	ORD=$(order_code)
	ask "$1" "YA $(confirm_code)" "^Pesanan $ORD "
}
complete() {	# complete SELLER BUYER ORDER: TERIMA, KIRIM, SAMPAI
	ask "$1" "TERIMA $3" "$3"
	hear "$2" "$3"
	ask "$1" "KIRIM $3" "$3"
	hear "$2" "$3"
	ask "$2" "SAMPAI $3" "$3"
	hear "$1" "$3"
}
ask $S1 "DAFTAR Warung Sri, Tlogorejo, Jakenan" 'Tlogorejo'
ask $S2 "DAFTAR Toko Budi, Sidomulyo, Gunungwungkal" 'Sidomulyo'
ask $S1 "JUAL Keripik singkong 15rb/bks 20" '^P1 Keripik singkong Rp15\.000/bks stok 20'
ask $S1 "JUAL $XSS 10rb 5" '^P2 <script>alert\(1\)</script> "Q" & Co Rp10\.000 stok 5'
ask $S1 "JUAL Madu hutan 081234567890 45rb 3" '^P3 Madu hutan'
ask $S2 "JUAL Beras merah 12rb/kg 50" '^P4 Beras merah Rp12\.000/kg stok 50'
ask $S2 "JUAL Gula aren 20rb 2" '^P5 Gula aren Rp20\.000 stok 2'
buy $B1 "BELI P1 2"
hear $S1 "^Pesanan baru $ORD"
complete $S1 $B1 "$ORD"
buy $B1 "BELI P2 1"
hear $S1 "^Pesanan baru $ORD"
complete $S1 $B1 "$ORD"
buy $B2 "BELI P4 3"
hear $S2 "^Pesanan baru $ORD"
complete $S2 $B2 "$ORD"
buy $B2 "BELI P1 1"
hear $S1 "^Pesanan baru $ORD"
ask $S1 "TOLAK $ORD habis" "$ORD"
hear $B2 "$ORD"
ask $S2 "STOK P5 HABIS" 'P5'
check "the story's sellers in their villages" [ "$(sql "SELECT group_concat(place, ' ') FROM (SELECT place FROM sellers ORDER BY id)")" = "33.18.09.2006 33.18.17.2005" ]
check "the XSS name stored as sent" [ "$(sql "SELECT name FROM products WHERE id = 2")" = "$XSS" ]
check "P3's name holds the digit run" [ "$(sql "SELECT name FROM products WHERE id = 3")" = "Madu hutan 081234567890" ]
check "P5 sold out (stock 0)" [ "$(sql "SELECT stock FROM products WHERE id = 5")" = 0 ]
check "three orders delivered, one rejected" [ "$(sql "SELECT group_concat(state, ' ') FROM (SELECT state FROM orders ORDER BY id)")" = "delivered delivered delivered rejected" ]

# What the officer of Jakenan must see: lapakctl report's figures.
TODAY=$(TZ=Asia/Jakarta date +%F)
YDAY=$(TZ=Asia/Jakarta date -d yesterday +%F)
CSVARGS="--by village --from $YDAY --to $TODAY --place 33.18.09"
$CTL report $CSVARGS --format csv > expected.csv 2> report.err
check "lapakctl report $CSVARGS --format csv" [ $? -eq 0 ]
check "expected CSV: Tlogorejo, 2 completed worth Rp40.000" \
    grep -q '^33\.18\.09\.2006,Tlogorejo,1,1,1,3,0,3,2,0,1,0,0,40000,' expected.csv
check "expected CSV: nothing of Gunungwungkal" sh -c '! grep -q "^33\.18\.17" expected.csv'

cat > expect.json <<EOF
{
 "base": "http://127.0.0.1:$WP",
 "out": "$OUT",
 "shortcode": "$SHORT",
 "ussd": "$USSD_CODE",
 "regency": { "code": "$REG", "name": "Pati" },
 "phones": [ "$S1", "$S2", "$B1", "$B2", "+6281234567890" ],
 "names_digits": [ "+6281234567890" ],
 "walk": [
  { "code": "P1", "district": "33.18.09", "district_name": "Jakenan",
    "village": "33.18.09.2006", "village_name": "Tlogorejo", "shop": "Warung Sri",
    "shop_lists": [ { "code": "P1", "name": "Keripik singkong" },
      { "code": "P2", "name": "<script>alert(1)</script> \"Q\" & Co" } ] },
  { "code": "P4", "district": "33.18.17", "district_name": "Gunungwungkal",
    "village": "33.18.17.2005", "village_name": "Sidomulyo", "shop": "Toko Budi",
    "shop_lists": [ { "code": "P4", "name": "Beras merah" } ] }
 ],
 "products": [
  { "code": "P1", "name": "Keripik singkong", "price": "Rp15.000", "soldout": false },
  { "code": "P2", "name": "<script>alert(1)</script> \"Q\" & Co", "price": "Rp10.000", "soldout": false },
  { "code": "P3", "price": "Rp45.000", "soldout": false },
  { "code": "P4", "name": "Beras merah", "price": "Rp12.000", "soldout": false },
  { "code": "P5", "name": "Gula aren", "price": "Rp20.000", "soldout": true }
 ],
 "xss": "P2",
 "masked": "P3", "keep": "Madu hutan", "digits": "081234567890",
 "soldout": "P5",
 "search": { "q": "kripik", "code": "P1", "name": "Keripik singkong" },
 "harga": { "code": "P4", "before": "Rp12.000", "after": "Rp14.000" },
 "officer": { "user": "camat_jakenan", "password": "Jakenan-2025-rahasia",
   "place": "33.18.09", "place_name": "Jakenan",
   "figures": { "sellers_new": 1, "products_listed": 3,
     "orders_completed": 2, "value_completed_rp": 40000 } },
 "other_place": "33.18.17", "other_shop": "Toko Budi",
 "csv": { "query": "by=village&from=$YDAY&to=$TODAY&place=33.18.09",
   "args": "$CSVARGS", "file": "$WORK/expected.csv", "village": "Tlogorejo" }
}
EOF

# lapak-web: the officers, then the server on the store lapakd writes.
if [ ! -x "$BIN/lapak-web" ]; then
	fail "lapak-web is not built ($BIN/lapak-web missing)"
	finish
fi
printf '%s\n' "Jakenan-2025-rahasia" |
    $CTL web-user add camat_jakenan --place 33.18.09 > wu.out 2>&1
check "lapakctl web-user add camat_jakenan --place 33.18.09" [ $? -eq 0 ]
printf '%s\n' "Gunung-2025-rahasia" |
    $CTL web-user add camat_gw --place 33.18.17 >> wu.out 2>&1
check "lapakctl web-user add camat_gw --place 33.18.17" [ $? -eq 0 ]
check "the password is in no output" sh -c '! grep -q rahasia wu.out'
"$BIN/lapak-web" -c web.cfg > web.log 2>&1 &
W_PID=$!
if ! wait_until 15 curl -s -o /dev/null "http://127.0.0.1:$WP/"; then
	fail "lapak-web does not answer on 127.0.0.1:$WP (placeholder or crash?)"
	kill -0 "$W_PID" 2>/dev/null || echo "# lapak-web exited"
	cat web.log
	finish
fi
ok "lapak-web answers on 127.0.0.1:$WP"

# The browser run; mid-run it asks for the HARGA (OUT/harga.want), in
# Gunungwungkal so the Jakenan CSV expected above stays as it is.
t0=$(date +%s)
WEB_EXPECT=$WORK/expect.json CHROMIUM=$CHROMIUM node "$WEBT/browser.js" \
    > browser.out 2>&1 &
N_PID=$!
if wait_until 90 sh -c "[ -f '$OUT/harga.want' ] || ! kill -0 $N_PID"; then
	if [ -f "$OUT/harga.want" ]; then
		ask $S2 "HARGA P4 14rb" 'Rp14\.000'
		: > "$OUT/harga.sent"
	fi
fi
wait "$N_PID"
nrc=$?
N_PID=""
cat browser.out
count_script browser.out
check "browser.js exits 0 ($(($(date +%s) - t0)) s)" [ "$nrc" -eq 0 ]
echo "# screenshots: $OUT/screens ($(ls "$OUT/screens" | tr '\n' ' '))"

# Valid HTML5: tidy reports no errors on the main pages.
if command -v tidy > /dev/null; then
	for p in / /p/33.18.09 /p/33.18.09.2006 /i/P1 /i/P2 "/cari?q=kripik" \
	    /login "/?lang=en"; do
		curl -s "http://127.0.0.1:$WP$p" > page.html
		tidy -q -e page.html > tidy.out 2>&1
		trc=$?
		check "tidy: $p has no HTML errors" [ $trc -lt 2 ]
		[ $trc -lt 2 ] || head -5 tidy.out
	done
else
	skip "tidy missing (scripts/deps.sh)"
fi

kill -TERM "$W_PID" 2>/dev/null
wait "$W_PID" 2>/dev/null
wrc=$?
W_PID=""
check "lapak-web exits 0 on SIGTERM" [ "$wrc" -eq 0 ]
stop_lapakd
check "lapakd exits 0" [ "$rc" -eq 0 ]
check "no sanitizer report" sanitizer_clean
check "no sanitizer report from lapak-web" sanitizer_clean web.log
[ -n "$KEEP" ] || [ "$T_FAIL" -ne 0 ] || echo "# (KEEP=1 keeps $WORK and the screenshots)"
finish
