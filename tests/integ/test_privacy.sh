#!/bin/sh
# Privacy over SMPP (programme.md section 6, issue 13): the privacy line at
# DAFTAR and a buyer's first order; DATAKU agrees with lapakctl privacy
# export; HAPUS DATA asks for a code, lists open orders first, then erases:
# after its reply was sent, no table and no byte of the store (after a
# checkpoint and VACUUM) holds the number in any form, the shop name or a
# body of that number; the buyer's orders stay under a pseudonym; report
# totals keep their counts (sellers_total leaves the erased seller out);
# number_marks (failed deliveries, a block) survive; the number registers
# again. An operator block refuses commerce but DATAKU and HAPUS DATA.
# The repeat window outlives an erasure under the keyed tag: a DAFTAR the
# SMSC delivers again after HAPUS DATA (same text, within the window)
# registers nothing and leaves no trace; after the window it registers.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
command -v sqlite3 > /dev/null || skip_all "no sqlite3"
PORT=$(free_port)
WIN=10
write_conf lapak.cfg "$PORT" "limits = { mo_per_minute = 0; repeat_window = $WIN; };"
CTL="$BIN/lapakctl -c lapak.cfg"
S=+6281200000077; S62=6281200000077; S0=081200000077
B=+6285700000011; X=+6281300000033
SHOP="Warung Zulaikha"
S2=+6281200000078; S2_62=6281200000078; S2_0=081200000078
SHOP2="Toko Melati"
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

# Consent: the line at DAFTAR and at a buyer's first order, times kept.
ask $S "DAFTAR $SHOP, Sukamaju" "Zulaikha.*disimpan.*DATAKU"
check "seller consent time kept" [ "$(sql "SELECT count(*) FROM sellers WHERE consent_s IS NOT NULL")" = 1 ]
ask $S "JUAL Keripik pedas 15rb 10" '^P1 '
ask $S "JUAL Kopi bubuk 20rb 5" '^P2 '
ask $B "BELI P1 1 antar ke rumah, telp $S0" '^O1: .*disimpan.*DATAKU'
code=$(printf '%s\n' "$HEARD" | sed -nE 's/.*YA ([0-9]{4}).*/\1/p')
check "buyer consent time kept" [ "$(sql "SELECT count(*) FROM numbers WHERE msisdn = '$B' AND consent_s IS NOT NULL")" = 1 ]
ask $B "YA $code" '^Pesanan O1 '
hear $S '^Pesanan baru O1'
ask $B "BELI P2 1" '^O2: '
ask $B "BATAL O2" 'dibatalkan'
hear_none $B 0.1
check "second order: no privacy line" sh -c "! grep -q 'O2: .*DATAKU' sim.out"

# HAPUS DATA with an open order: listed, nothing erased.
ask $S "HAPUS DATA" 'pesanan aktif O1'
ask $S "TERIMA O1" 'diterima'
hear $B 'diterima'
ask $S "KIRIM O1" 'dikirim'
hear $B 'dikirim'
ask $B "SAMPAI O1" 'selesai'
hear $S 'sudah sampai'

# DATAKU against the export.
ask $S "DATAKU" '^Data sejak [0-9-]*: toko Warung Zulaikha \(Sukamaju\); produk 2, 2 dijual; pesanan 2: 1 sampai, 1 batal;'
check "DATAKU: one segment" [ "$HEARD_SEG" = 1 ]
$CTL privacy export $S0 > export.json 2> export.err
check "privacy export exits 0" [ $? -eq 0 ]
check "export: JSON" python3 -c "import json; json.load(open('export.json'))"
check "DATAKU products = export" [ "$(python3 -c "import json; print(len(json.load(open('export.json'))['products']))")" = 2 ]
check "DATAKU orders = export" [ "$(python3 -c "import json; d=json.load(open('export.json')); print(len(d['orders']), sorted(o['state'] for o in d['orders']))")" = "2 ['cancelled', 'delivered']" ]
check "DATAKU shop = export" [ "$(python3 -c "import json; print(json.load(open('export.json'))['shop'][0]['shop'])")" = "$SHOP" ]
ask $B "MYDATA" '^Data sejak .*pesanan 2: 1 sampai, 1 batal;'
$CTL privacy export $B > exportb.json
check "buyer MYDATA orders = export" [ "$(python3 -c "import json; print(len(json.load(open('exportb.json'))['orders']))")" = 2 ]

# A redelivery after the erasure: the repeat note alone, no shop again.
ask $S2 "DAFTAR $SHOP2, Sukamaju" 'Melati.*disimpan'
t_daftar2=$(date +%s)
ask $S2 "HAPUS DATA" '^Yakin hapus '
e2=$(printf '%s\n' "$HEARD" | sed -nE 's/.*HAPUS DATA ([0-9]{4}).*/\1/p')
ask $S2 "HAPUS DATA $e2" '^Data nomor ini sudah dihapus'
check "S2: sweep after the reply left" wait_until 10 sh -c "[ \"\$(sqlite3 lapak.db 'SELECT count(*) FROM erase_requests')\" = 0 ]"
check "S2: the repeat window kept under a tag, no words" [ "$(sql "SELECT count(*) FROM recent WHERE src LIKE 't%' AND command = '' AND earlier NOT LIKE '%DAFTAR%'")" = 1 ]
sellers2=$(sql "SELECT count(*) FROM sellers")
ask $S2 "DAFTAR $SHOP2, Sukamaju" 'Sudah dilakukan'
check "  within the window ($WIN s)" [ $(($(date +%s) - t_daftar2)) -lt $WIN ]
check "  no shop registered again" [ "$(sql "SELECT count(*) FROM sellers")" = "$sellers2" ]
check "  no seller with that shop" [ "$(sql "SELECT count(*) FROM sellers WHERE shop LIKE '%Melati%' OR erased_s IS NULL AND msisdn = '$S2'")" = 0 ]
check "  its MO and reply swept once the reply left" wait_until 10 sh -c "[ \"\$(sqlite3 lapak.db \"SELECT count(*) FROM erase_requests\")\" = 0 ]"

# What must survive: a failed-delivery mark and a block, by keyed tag.
sql "INSERT INTO number_marks(tag, kind, order_id, at_s) VALUES ('t-test', 'failed', 1, 1)"
$CTL block $X > /dev/null
ask $X "CARI keripik" '^Nomor ini diblokir operator'
ask $X "DATAKU" '^Data sejak'
check "block row under a tag, not the number" [ "$(sql "SELECT count(*) FROM number_marks WHERE kind = 'block' AND tag NOT LIKE '%81300000033%'")" = 1 ]
marks_before=$(sql "SELECT count(*) FROM number_marks")
$CTL report --format json > report.before

# HAPUS DATA: a code, a wrong one, the right one.
ask $S "HAPUS DATA" '^Yakin hapus .*HAPUS DATA [0-9][0-9][0-9][0-9] dlm 10 menit'
ecode=$(printf '%s\n' "$HEARD" | sed -nE 's/.*HAPUS DATA ([0-9]{4}).*/\1/p')
check "erase code not stored plain" [ "$(sql "SELECT count(*) FROM erase_requests WHERE hex(code_hash) LIKE '%$ecode%' OR code_hash = '$ecode'")" = 0 ]
ask $S "HAPUS DATA $(other_code "$ecode")" '^Kode hapus data salah\. Sisa 2'
ask $S "HAPUS DATA $ecode" '^Data nomor ini sudah dihapus'
check "sweep after the reply left" wait_until 10 sh -c "[ \"\$(sqlite3 lapak.db 'SELECT count(*) FROM erase_requests')\" = 0 ]"
stop_lapakd
check "the buyer's orders stay" [ "$(sql "SELECT count(*) FROM orders WHERE buyer = '$B'")" = 2 ]
check "the seller is a pseudonym (and S2's)" [ "$(sql "SELECT count(*) FROM sellers WHERE msisdn LIKE 'x%' AND shop = '' AND erased_s IS NOT NULL")" = 2 ]
check "the buyer's note stays, the number in it redacted" [ "$(sql "SELECT note FROM orders WHERE id = 1")" = "antar ke rumah, telp ***" ]
check "products delisted" [ "$(sql "SELECT count(*) FROM products WHERE active")" = 0 ]
check "number_marks survive" [ "$(sql "SELECT count(*) FROM number_marks")" = "$marks_before" ]
$CTL report --format json > report.after
check "report totals keep their counts (sellers_total: one fewer)" python3 -c "
import json
a = [r for r in json.load(open('report.before')) if r['group'] == 'total'][0]
b = [r for r in json.load(open('report.after')) if r['group'] == 'total'][0]
assert b['sellers_total'] == a['sellers_total'] - 1, (a, b)
for k in a:
    if k != 'sellers_total': assert a[k] == b[k], (k, a[k], b[k])
"
for by in day month; do
	$CTL report --by $by --format json > report.$by
	check "report --by $by: sellers_total leaves the erased seller out too" python3 -c "
import json
a = [r for r in json.load(open('report.after')) if r['group'] == 'total'][0]
rows = json.load(open('report.$by'))
b = [r for r in rows if r['group'] == 'total'][0]
assert b['sellers_total'] == a['sellers_total'], (a['sellers_total'], b['sellers_total'])
last = [r for r in rows if r['group'] not in ('total', 'unplaced')][-1]
assert last['sellers_total'] == a['sellers_total'], last
"
done
# Every table, then the raw bytes after a checkpoint and VACUUM.
sqlite3 lapak.db .dump > dump.sql
for w in "$S" "$S62" "$S0" "Zulaikha" "JUAL Keripik" "Keripik pedas 15rb" \
    "$S2" "$S2_62" "$S2_0" "Melati"; do
	check "no '$w' in any table" sh -c "! grep -qi -- '$w' dump.sql"
done
sqlite3 lapak.db "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
for w in "$S62" "$S0" "Zulaikha" "JUAL Keripik" "$S2_62" "$S2_0" "Melati"; do
	check "no '$w' in the file bytes" sh -c "! cat lapak.db lapak.db-wal 2>/dev/null | grep -aqi -- '$w'"
done

# The number starts afresh; the block outlived an operator erasure.
start_lapakd lapak.cfg
check "lapakd binds again" wait_until 10 sh -c "[ \$(grep -c bound lapakd.log) -ge 2 ]"
ask $S "DAFTAR Toko Baru, Sukamaju" 'Toko Baru'
# After the window the same DAFTAR registers afresh.
while [ $(($(date +%s) - t_daftar2)) -le $WIN ]; do sleep 0.2; done
ask $S2 "DAFTAR $SHOP2, Sukamaju" 'Melati.*disimpan'
check "S2 registered afresh" [ "$(sql "SELECT count(*) FROM sellers WHERE msisdn = '$S2' AND shop = '$SHOP2' AND erased_s IS NULL")" = 1 ]
$CTL privacy erase $X > erase.out 2>&1
check "privacy erase exits 0" grep -q "^erased" erase.out
# issue 15, operators: the block's one notice was given; no reply now
say $X "CARI keripik"
hear_none $X 1.5
$CTL unblock $X > /dev/null
ask $X "CARI keripik" 'Keripik|tidak ditemukan'
stop_lapakd

# The store is personal data: created 0600 with its -wal/-shm whatever the
# umask; a store others can read is refused by lapakd and lapakctl.
check "the store is 0600" [ "$(stat -c %a lapak.db)" = 600 ]
(umask 022; "$BIN/lapakctl" -c lapak.cfg stats > /dev/null 2>&1)
sed 's/lapak\.db/fresh.db/' lapak.cfg > fresh.cfg
chmod 600 fresh.cfg
(umask 022; "$BIN/lapakctl" -c fresh.cfg block +6281300000099 > /dev/null 2>&1)
check "a new store is 0600 under umask 022" [ "$(stat -c %a fresh.db)" = 600 ]
for f in fresh.db-wal fresh.db-shm; do
	[ -e $f ] && check "$f is 0600" [ "$(stat -c %a $f)" = 600 ]
done
chmod 644 fresh.db
"$BIN/lapakctl" -c fresh.cfg stats > mode.out 2>&1
check "lapakctl refuses a 0644 store" [ $? -ne 0 ]
check "  naming the file and the fix" grep -q "fresh.db: mode 0644 lets other users read the store (personal data); chmod 600 .*fresh.db" mode.out
"$BIN/lapakd" -c fresh.cfg > moded.out 2>&1
check "lapakd refuses a 0644 store" [ $? -ne 0 ]
check "  naming the file and the fix" grep -q "mode 0644 lets other users read the store (personal data); chmod 600 .*fresh.db" moded.out
chmod 600 fresh.db
"$BIN/lapakctl" -c fresh.cfg stats > /dev/null 2>&1
check "0600 opens" [ $? -eq 0 ]
finish
