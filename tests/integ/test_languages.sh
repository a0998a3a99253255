#!/bin/sh
# Regional languages over SMPP: a test-only language "xx" (id's texts, each
# marked "xx ", with its own name and words) and a partial "yy" beside the
# shipped id and en, in a templates folder the test builds. lapakctl check
# lists what yy lacks (exit 1), lapakd -n and lapakd run with it (a missing
# key is answered in id); BAHASA XX, replies, shop word and state words in
# xx; an unknown code lists the loaded ones; sms.default_lang = "xx".
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
S1=+6281211110001
B1=+6281311110001
B2=+6281311110002
B3=+6281311110003

# The folder: id and en as shipped; xx from id; yy with three keys.
mkdir -p tpl/xx tpl/yy
cp -r "$TOP/menus/templates/id" "$TOP/menus/templates/en" tpl/
for f in tpl/id/*.cfg; do
	sed -E 's/^([[:space:]]*[a-z_0-9]+[[:space:]]*=[[:space:]]*")/\1xx /' \
	    "$f" > "tpl/xx/${f##*/}"
done
sed -i 's/name = "xx Bahasa Indonesia"/name = "Basa Iks"/' tpl/xx/commerce.cfg
cat > tpl/yy/commerce.cfg <<'YY'
# partial: BAHASA's two keys and the shop word
lang = { ok = "YY ok {lang}."; name = "Basa Ye"; };
word = { shop = "Lapak"; };
YY
check "xx holds every key of id" [ "$(grep -c ' = "' tpl/xx/commerce.cfg)" -eq \
    "$(grep -c ' = "' tpl/id/commerce.cfg)" ]

PORT=$(free_port)
write_conf lapak.cfg "$PORT" 'menus = { templates = "tpl"; };'

# lapakctl check: every key yy lacks, as a problem.
"$BIN/lapakctl" -c lapak.cfg check > check.out 2> check.err
rc=$?
check "lapakctl check exits 1 for a partial language" [ "$rc" -eq 1 ]
ids=$(cat tpl/id/*.cfg | grep -cE '^[[:space:]]*[a-z_0-9]+[[:space:]]*=[[:space:]]*"')
miss=$(grep -c ': key .* missing (present in id)$' check.out)
check "lapakctl check lists each key yy lacks ($miss of $ids)" [ "$miss" -eq $((ids - 3)) ]
check "... at yy's file and line" grep -q "tpl/yy/commerce.cfg:2: key lang.bad missing (present in id)" check.out
check "... and files yy does not have" grep -q "tpl/yy/parser.cfg: key " check.out
check "... never xx, en or id" sh -c '! grep -q "tpl/\(xx\|en\|id\)/" check.out'
check "... counted" grep -q "lapakctl: $miss problems found" check.err

# lapakd -n: runs (a missing key is answered in id) and says so.
"$BIN/lapakd" -n -c lapak.cfg > n.out 2>&1
check "lapakd -n accepts a partial language" [ $? -eq 0 ]
check "lapakd -n warns about it" grep -q "key.* missing in a regional language" n.out

# default_lang must be a folder present: file:line.
write_conf bad.cfg "$PORT" 'menus = { templates = "tpl"; };' \
    'sms = { default_lang = "jv"; };'
"$BIN/lapakd" -n -c bad.cfg > bad.out 2>&1
check "lapakd -n refuses default_lang jv (no folder)" [ $? -ne 0 ]
check "... naming file:line" grep -q 'bad.cfg:5: sms.default_lang: no language "jv"' bad.out

start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

ask $S1 "DAFTAR Sri, Sukamaju" '^Toko Sri \(Sukamaju\) terdaftar'
ask $S1 "JUAL Kopi bubuk 15rb 10" '^P1 Kopi bubuk Rp15\.000 stok 10'
ask $B1 "BAHASA XX" '^xx Bahasa diganti ke Basa Iks\.$'
ask $B1 "INFO P1" '^xx P1 Kopi bubuk Rp15\.000, stok 10\. xx Toko Sri, Sukamaju'
ask $B1 "BELI P1 2" '^xx O1: Kopi bubuk x2 @Rp15\.000 = Rp30\.000, xx Toko Sri\. Balas YA [0-9]+ '
c1=$(confirm_code)
ask $B1 "YA $c1" '^xx Pesanan O1 '
hear $S1 '^Pesanan baru O1: Kopi bubuk x2' 5 notify.confirm
ask $B1 "PESANAN" '^xx Pesanan aktif:.*O1 xx beli Kopi bubuk x2 xx dikonfirmasi$'
ask $S1 "PESANAN" '^Pesanan aktif:.*O1 jual Kopi bubuk x2 dikonfirmasi$'
ask $B1 "BAHASA JV" '^xx Bahasa itu tidak ada\. Kirim BAHASA <kode>, kode: EN, ID, XX, YY$'
ask $B1 "bahasa jawa" '^xx Format: BAHASA ID atau BAHASA EN'
ask $B2 "LANG yy" '^YY ok Basa Ye\.$'
ask $B2 "INFO P1" '^P1 Kopi bubuk Rp15\.000, stok 8\. Lapak Sri, Sukamaju'
ask $B2 "LANG EN" '^Language set to English\.$'
ask $B3 "BAHASA mad" '^Bahasa itu tidak ada\. Kirim BAHASA <kode>, kode: EN, ID, XX, YY$'
hear_none $B1 1
heard_all
stop_lapakd
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]

# The default language xx: a number that never chose answers in xx.
write_conf lapak.cfg "$PORT" 'menus = { templates = "tpl"; };' \
    'sms = { default_lang = "xx"; };'
start_lapakd lapak.cfg
check "lapakd binds with default_lang xx" wait_until 10 sh -c 'grep -c "bound" lapakd.log | grep -q 2'
ask $B3 "INFO P1" '^xx P1 Kopi bubuk Rp15\.000, stok 8\. xx Toko Sri, Sukamaju'
ask $B2 "INFO P1" '^P1 Kopi bubuk Rp15\.000, stock 8\. Shop Sri, Sukamaju'
stop_lapakd
check "no sanitizer report" sanitizer_clean
finish
