#!/bin/sh
# lapak-web's security tests (issue 14), end to end over HTTP against a
# running lapak-web (under the ASan build when given build/asan): an SMS
# story through lapak-sim and lapakd fills the store with markup and
# phone-like digits in names (a product <script>alert(1)</script>, one
# Kopi "Luwak" & 'Gayo', one =SUM(A1) formula, one with a number in it, a
# shop <b>Warung</b> Sri & Anak, a village <i>Kampung</i> & "Baru" typed
# in DAFTAR, an assistant named like a formula with markup); then
# tests/integ/web_security.py crawls every page reachable from / and, logged
# in, from /dash (downloads too) and checks: markup as text everywhere, CSV
# cells neutralised, no phone number in any form, 403 for another place and
# 400 for a malformed one, session fixation, CSRF, login limits per client
# address (127.0.0.x sources) and per name, X-Forwarded-For only from
# web.trusted_proxy, cookie attributes (Secure under an https base_url),
# web.allow, headers, bad requests; lapak-web runs on a 0400 copy of the
# store in its own folder, opened O_RDONLY, whose bytes and mtime stay.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
command -v curl > /dev/null || skip_all "curl missing"
command -v sqlite3 > /dev/null || skip_all "sqlite3 shell missing"
PY=$TOP/tests/integ/web_security.py
W_PID=""
W2_PID=""
web_cleanup() {
	[ -n "$W_PID" ] && kill -9 "$W_PID" 2>/dev/null
	[ -n "$W2_PID" ] && kill -9 "$W2_PID" 2>/dev/null
	cleanup
}
trap 'web_cleanup' EXIT INT TERM
cd "$WORK"
PORT=$(free_port)
WP=$(free_port)
WS=$(free_port)
REG=33.18
write_conf2 lapak.cfg "$PORT" secret 'source_addr = "1234";' \
    "limits = { mo_per_minute = 0; };" \
    "time = { zone = \"Asia/Jakarta\"; };" \
    "places = { scope = \"$REG\"; };"
CTL="$BIN/lapakctl -c lapak.cfg"
S1=+6281200000001; S2=+6281200000002; S3=+6281200000003
B1=+6285700000001; A1=+6281900000001
XSS='<script>alert(1)</script>'
KOPI="Kopi \"Luwak\" & 'Gayo'"
SHOP='<b>Warung</b> Sri & Anak'
VIL='<i>Kampung</i> & "Baru"'
AGENT='=HYPERLINK("x") <b>Ani</b> & "Co"'

# The sample places and one more village of Jakenan named with markup.
cp "$TOP/data/places-sample.csv" places.csv
echo "33.18.09.2999,$(printf '%s' "$VIL" | sed 's/"/""/g; s/.*/"&"/'),village,33.18.09" >> places.csv
$CTL places load places.csv > places.out 2>&1
check "places load: the sample and the markup village" grep -q "^places: 112 added" places.out
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

# The story: Jakenan's shop with a markup name, products with markup,
# quotes, a formula and a phone number; a seller in the markup village
# (typed as it is named); Gunungwungkal's shop; an assistant; one order
# completed in each district.
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
ask $S1 "DAFTAR $SHOP, Tlogorejo, Jakenan" 'Tlogorejo'
ask $S2 "DAFTAR Toko Budi, Sidomulyo, Gunungwungkal" 'Sidomulyo'
ask $S3 "DAFTAR Warung Ani, $VIL, Jakenan" 'Kampung'
ask $S1 "JUAL $XSS 10rb 5" '^P1 '
ask $S1 "JUAL $KOPI 25rb 4" '^P2 '
ask $S1 "JUAL =SUM(A1) Gula 5rb 3" '^P3 '
ask $S1 "JUAL Madu WA 081234567890 45rb 3" '^P4 '
ask $S2 "JUAL Beras merah 12rb/kg 50" '^P5 '
ask $S3 "JUAL Tempe 3rb 9" '^P6 '
buy $B1 "BELI P1 1"
hear $S1 "^Pesanan baru $ORD"
complete $S1 $B1 "$ORD"
buy $B1 "BELI P5 2"
hear $S2 "^Pesanan baru $ORD"
complete $S2 $B1 "$ORD"
$CTL agent add $A1 "$AGENT" --place 33.18.09 > agent.out 2>&1
check "lapakctl agent add (a formula and markup in the name)" [ $? -eq 0 ]
check "the names stored as sent" [ "$(sql "SELECT group_concat(name, '|') FROM (SELECT name FROM products ORDER BY id)")" = "$XSS|$KOPI|=SUM(A1) Gula|Madu WA 081234567890|Beras merah|Tempe" ]
check "the shop name stored as sent" [ "$(sql "SELECT shop FROM sellers WHERE id = 1")" = "$SHOP" ]
check "the third seller in the markup village" [ "$(sql "SELECT place FROM sellers WHERE id = 3")" = "33.18.09.2999" ]

# Officers: a district's, another district's, the regency's, and four
# used only by the login limit checks.
add_user() {	# add_user NAME PLACE PASSWORD
	printf '%s\n' "$3" | $CTL web-user add "$1" --place "$2" >> wu.out 2>&1 ||
	    fail "web-user add $1"
}
add_user camat_jakenan 33.18.09 Jakenan-2025-rahasia
add_user camat_gw 33.18.17 Gunung-2025-rahasia
add_user bupati 33.18 Pati-2025-rahasia
for u in a b c d; do add_user "brute_$u" 33.18.09 "Brute-$u-rahasia"; done
check "officers added" [ "$(sql "SELECT count(*) FROM web_users")" = 7 ]

TODAY=$(TZ=Asia/Jakarta date +%F)
stop_lapakd
check "lapakd stops (0)" [ "$rc" -eq 0 ]

# lapak-web on a 0400 copy of the store in a folder of its own.
mkdir ro
sqlite3 lapak.db "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
cp lapak.db ro/lapak.db
chmod 0400 ro/lapak.db
sed 's|path = "lapak.db"|path = "ro/lapak.db"|' lapak.cfg > web.cfg
cat >> web.cfg <<EOF
web = { listen = "127.0.0.1:$WP"; base_url = "http://127.0.0.1:$WP";
  title = "Lapak <Pati> & Co"; regency = "$REG"; trusted_proxy = [ "127.0.0.1" ]; };
EOF
chmod 600 web.cfg
SUM0=$(sha256sum ro/lapak.db)
MT0=$(stat -c %Y.%y ro/lapak.db)
"$BIN/lapak-web" -c web.cfg > web.log 2>&1 &
W_PID=$!
if ! wait_until 15 curl -sf -o /dev/null "http://127.0.0.1:$WP/"; then
	fail "lapak-web does not answer"
	cat web.log
	finish
fi
ok "lapak-web answers on a 0400 store"
# Its descriptors of the store file: every one opened read-only.
fdmodes=""
for fd in /proc/$W_PID/fd/*; do
	[ "$(readlink "$fd")" = "$WORK/ro/lapak.db" ] || continue
	fdmodes="$fdmodes $(awk '/^flags:/ { print substr($2, length($2), 1) }' \
	    "/proc/$W_PID/fdinfo/${fd##*/}")"
done
echo "# lapak-web's store descriptors' access modes:$fdmodes"
check "the store file open, only O_RDONLY (access mode 0)" \
    sh -c "[ -n '$fdmodes' ] && ! echo '$fdmodes' | grep -q '[^0 ]'"

# A second lapak-web on the same store: https base_url (Secure cookies)
# and web.allow naming 127.0.0.3 alone.
sed "s|^web = .*|web = { listen = \"127.0.0.1:$WS\"; base_url = \"https://lapak.example.id\";|" web.cfg |
    sed "s|^  title = .*|  regency = \"$REG\"; allow = [ \"127.0.0.3\" ]; };|" > web2.cfg
chmod 600 web2.cfg
"$BIN/lapak-web" -c web2.cfg > web2.log 2>&1 &
W2_PID=$!
check "second lapak-web (https base_url, web.allow) answers" \
    wait_until 15 curl -sf -o /dev/null "http://127.0.0.1:$WS/"

cat > expect.json <<EOF
{
 "port": $WP, "secure_port": $WS, "allowed_src": "127.0.0.3",
 "out": "$WORK",
 "searches": [ "script", "kopi", "luwak gayo", "madu", "sum", "tempe",
   "<script>", "\"><b>x" ],
 "crawl_officers": [ { "user": "bupati", "password": "Pati-2025-rahasia" },
   { "user": "camat_jakenan", "password": "Jakenan-2025-rahasia" } ],
 "dash_urls": [ "/dash/report?by=village", "/dash/report?by=district",
   "/dash/report?by=regency", "/dash/report?by=agent",
   "/dash/report?by=month", "/dash/report?by=day",
   "/dash/report.csv?by=village", "/dash/report.csv?by=agent",
   "/dash/report.csv?by=district", "/dash/agents",
   "/dash/export?format=csv", "/dash/export?format=tokopedia",
   "/dash/export?format=shopee", "/dash/export?format=bukalapak" ],
 "kinds": [ "/", "/p/N", "/s/N", "/i/PN", "/cari", "/login", "/dash",
   "/dash/report", "/dash/report.csv", "/dash/agents", "/dash/export" ],
 "raw_never": [ "<script", "<b>Warung", "<i>Kampung", "<b>Ani", "<Pati>",
   "\"Luwak\"", "'Gayo'", "<b>x" ],
 "escaped": [
  [ "&lt;script&gt;alert(1)&lt;/script&gt;", [ "/i/P1", "/s/1",
    "/cari?q=script" ] ],
  [ "Kopi &quot;Luwak&quot; &amp; &#39;Gayo&#39;", [ "/i/P2", "/s/1",
    "/cari?q=kopi" ] ],
  [ "&lt;b&gt;Warung&lt;/b&gt; Sri &amp; Anak", [ "/i/P1", "/s/1",
    "/p/33.18.09.2006" ] ],
  [ "&lt;i&gt;Kampung&lt;/i&gt; &amp; &quot;Baru&quot;", [ "/p/33.18.09",
    "/p/33.18.09.2999", "/i/P6", "/dash/report?by=village" ] ],
  [ "=HYPERLINK(&quot;x&quot;) &lt;b&gt;Ani&lt;/b&gt; &amp; &quot;Co&quot;",
    [ "/dash/agents", "/dash/report?by=agent" ] ],
  [ "Lapak &lt;Pati&gt; &amp; Co", [ "/", "/i/P1", "/dash" ] ]
 ],
 "phone_res": [ "8120000000[0-9]", "8570000000[0-9]", "8190000000[0-9]" ],
 "name_digit_res": [ "81234567890", "34567890", "1234 ?5678" ],
 "boss": { "user": "bupati", "password": "Pati-2025-rahasia" },
 "csv_want": [
  [ "/dash/report.csv?by=village&place=33.18.09", [
    "33.18.09.2999,\"<i>Kampung</i> & \"\"Baru\"\"\"," ] ],
  [ "/dash/report.csv?by=agent", [
    ",\"'=HYPERLINK(\"\"x\"\") <b>Ani</b> & \"\"Co\"\"\"," ] ],
  [ "/dash/export?format=csv", [ "\"Kopi \"\"Luwak\"\" & 'Gayo'\"",
    "'=SUM(A1) Gula", "<script>alert(1)</script>" ] ]
 ],
 "officer": { "user": "camat_jakenan", "password": "Jakenan-2025-rahasia",
   "place": "33.18.09", "other": [ "33.18.17", "33.18.17.2005", "33.18.04" ],
   "above": "33.18", "other_names": [ "Sidomulyo", "Beras merah" ] },
 "brute": { "brute_a": "Brute-a-rahasia", "brute_b": "Brute-b-rahasia",
   "brute_c": "Brute-c-rahasia", "brute_d": "Brute-d-rahasia" },
 "limit_msg": "Terlalu banyak percobaan masuk yang gagal"
}
EOF

for part in crawl csv scope fixation csrf brute cookies badreq; do
	python3 "$PY" expect.json $part > "py_$part.out" 2>&1
	prc=$?
	cat "py_$part.out"
	count_script "py_$part.out"
	check "web_security.py $part exits 0" [ "$prc" -eq 0 ]
done

# Nothing written: the store file's bytes and time, after the crawl,
# logins, the limits and the bad requests.
check "the store's bytes unchanged" [ "$(sha256sum ro/lapak.db)" = "$SUM0" ]
check "the store's mtime unchanged" [ "$(stat -c %Y.%y ro/lapak.db)" = "$MT0" ]
check "lapak-web logged no password" sh -c '! grep -q rahasia web.log web2.log'

kill -TERM "$W_PID"
wait "$W_PID"
wrc=$?
W_PID=""
check "lapak-web exits 0 on SIGTERM" [ "$wrc" -eq 0 ]
kill -TERM "$W2_PID"
wait "$W2_PID"
wrc=$?
W2_PID=""
check "the second lapak-web exits 0 on SIGTERM" [ "$wrc" -eq 0 ]
check "no sanitizer report from lapak-web" sanitizer_clean web.log
check "no sanitizer report from the second lapak-web" sanitizer_clean web2.log

# A listener beyond loopback without web.allow or web.trusted_proxy.
write_conf pub.cfg "$PORT" "web = {" "  title = \"x\";" \
    "  listen = \"0.0.0.0:$WP\";" "};"
"$BIN/lapak-web" -n -c pub.cfg > pub.out 2>&1
check "lapak-web -n: a public web.listen without allow/trusted_proxy (exit 1)" [ $? -eq 1 ]
check "... at pub.cfg:6" grep -q '^pub.cfg:6: web.listen' pub.out
"$BIN/lapakctl" -c pub.cfg check > pubc.out 2>&1
check "lapakctl check: the same (exit 1)" [ $? -eq 1 ]
check "... at pub.cfg:6" grep -q '^pub.cfg:6: web.listen' pubc.out
write_conf pub2.cfg "$PORT" "web = { listen = \"0.0.0.0:$WP\"; allow = [ \"10.0.0.0/8\" ]; };"
"$BIN/lapak-web" -n -c pub2.cfg > pub2.out 2>&1
check "... with web.allow it is accepted (exit 0)" [ $? -eq 0 ]
write_conf pub3.cfg "$PORT" "web = { listen = \"[::]:$WP\"; };"
"$BIN/lapak-web" -n -c pub3.cfg > pub3.out 2>&1
check "... [::] without either is refused too (exit 1)" [ $? -eq 1 ]
check "no sanitizer report (lapakd)" sanitizer_clean
finish
