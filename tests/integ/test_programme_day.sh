#!/bin/sh
# A whole programme day over SMPP against lapak-sim (issue 12): the sample
# places loaded, two assistants enrolled; one asks four sellers' consent (one
# agrees, one refuses, one lets the code expire), registers, lists and
# updates products for the one who agreed; the other assistant does the same
# for a fourth seller; buyers order, one order is completed and one rejected
# per seller; the first seller revokes her assistant. Then lapakctl report
# --by agent and --by village must print, number for number, what the day
# did, and its total.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
PY=/usr/bin/python3
$PY -c 'import json' 2>/dev/null || skip_all "/usr/bin/python3 missing"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" "limits = { mo_per_minute = 0; };" \
    "time = { zone = \"Asia/Jakarta\"; };"
CTL="$BIN/lapakctl -c lapak.cfg"
SRI=+6281300000001; BUDI=+6281300000002
S1=+6281200000001; S2=+6281200000002; S3=+6281200000003; S4=+6281200000004
B1=+6285700000001; B2=+6285700000002

# The operator's morning: places, then the two assistants.
$CTL places load "$TOP/data/places-sample.csv" > places.out 2>&1
check "places load: the sample" grep -q "^places: 111 added" places.out
$CTL agent add 081300000001 "Sri Wahyuni" --place 33.18.09 > /dev/null 2>&1
$CTL agent add 081300000002 "Budi Santoso" --place 33.18.17 > /dev/null 2>&1
check "two assistants enrolled" [ "$($CTL agent list | grep -c '^+62813')" = 2 ]
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

# Consent: S1 agrees, S2 refuses, S3 lets the code expire.
consent_code() {	# consent_code SELLER: the code of the request heard
	hear "$1" 'SETUJU [0-9][0-9][0-9][0-9]\. Tolak: TIDAK [0-9][0-9][0-9][0-9]'
	CODE=$(printf '%s\n' "$HEARD" | sed -nE 's/.*SETUJU ([0-9]{4}).*/\1/p')
}
ask $SRI "DAMPINGI 081200000001" '^Permintaan izin dikirim ke 081200000001\. Berlaku 20 menit\.$'
consent_code $S1
ask $S1 "SETUJU $CODE" '^Anda setuju dibantu Sri Wahyuni \(081300000001\)'
hear $SRI '^081200000001 setuju Anda dampingi'
ask $SRI "DAMPINGI 081200000002" '^Permintaan izin dikirim'
consent_code $S2
ask $S2 "TIDAK $CODE" '^Anda menolak bantuan Sri Wahyuni'
hear $SRI '^081200000002 menolak permintaan izin Anda'
ask $SRI "DAMPINGI 081200000003" '^Permintaan izin dikirim'
consent_code $S3
S3_CODE=$CODE
ask $BUDI "DAMPINGI 081200000004" '^Permintaan izin dikirim'
consent_code $S4
ask $S4 "SETUJU $CODE" '^Anda setuju dibantu Budi Santoso'
hear $BUDI '^081200000004 setuju Anda dampingi'
# S3's code expires: its request is made 20 minutes old (the store is
# shared with the running lapakd, which reads the time limit from it).
sqlite3 -cmd ".timeout 5000" lapak.db "UPDATE consent_requests SET
    created_s = created_s - 1201, expires_s = expires_s - 1201
    WHERE msisdn = '$S3'"
check "S3's request aged" [ $? -eq 0 ]
ask $S3 "SETUJU $S3_CODE" '^Tidak ada permintaan izin'
ask $SRI "UNTUK 081200000002 DAFTAR Toko Dua, Winong" '^Anda belum mendampingi 081200000002'
ask $SRI "UNTUK 081200000003 PRODUK" '^Anda belum mendampingi 081200000003'

# The assistants work for their sellers; each seller is told.
ask $SRI "UNTUK 081200000001 DAFTAR Warung Sri, Tlogorejo, Jakenan" 'Tlogorejo'
hear $S1 '^Asisten Sri Wahyuni \(081300000001\) mengubah toko Anda: DAFTAR Warung Sri Tlogorejo, Kec\. Jakenan\. Hentikan: CABUT 081300000001$'
ask $SRI "UNTUK 081200000001 JUAL Keripik singkong 15rb 20" '^P1 Keripik singkong Rp15\.000 stok 20 sudah dijual'
hear $S1 'mengubah toko Anda: JUAL P1'
ask $SRI "UNTUK 081200000001 HARGA P1 17rb" 'Rp17\.000'
hear $S1 'mengubah toko Anda: HARGA P1 Keripik singkong Rp17\.000\. Hentikan'
ask $SRI "UNTUK 081200000001 STOK P1 30" 'P1 Keripik singkong sekarang 30'
hear $S1 'mengubah toko Anda: STOK P1'
ask $BUDI "UNTUK 081200000004 DAFTAR Toko Budi, Sidomulyo, Gunungwungkal" 'Sidomulyo'
hear $S4 '^Asisten Budi Santoso .* DAFTAR'
ask $BUDI "UNTUK 081200000004 JUAL Beras 12rb/kg 50" '^P2 Beras Rp12\.000/kg stok 50 sudah dijual'
hear $S4 'mengubah toko Anda: JUAL P2'
ask $BUDI "BINAAN" '^Penjual binaan \(1\)'
ask $SRI "UNTUK 081200000004 PRODUK" '^Anda belum mendampingi 081200000004'

# Buyers order: O1 completed (the assistant accepts and ships for S1), O2
# completed by S4 herself, O3 rejected by S1 herself.
buy() {		# buy BUYER "BELI ..." : places and confirms an order
	ask "$1" "$2" 'YA [0-9][0-9][0-9][0-9]'
	c=$(confirm_code)
	ask "$1" "YA $c" 'O[0-9]+'
}
buy $B1 "BELI P1 2"
hear $S1 'O1'
ask $SRI "UNTUK 081200000001 TERIMA O1" 'O1'
hear $B1 'O1'
hear $S1 'mengubah toko Anda: TERIMA O1\. Hentikan'
ask $SRI "UNTUK 081200000001 KIRIM O1" 'O1'
hear $B1 'O1'
hear $S1 'mengubah toko Anda: KIRIM O1\. Hentikan'
ask $B1 "SAMPAI O1" 'O1'
hear $S1 'O1'
buy $B2 "BELI P2 3"
hear $S4 'O2'
ask $S4 "TERIMA O2" 'O2'
hear $B2 'O2'
ask $S4 "KIRIM O2" 'O2'
hear $B2 'O2'
ask $B2 "SAMPAI O2" 'O2'
hear $S4 'O2'
buy $B2 "BELI P1 1"
hear $S1 'O3'
ask $S1 "TOLAK O3 habis" 'O3'
hear $B2 'O3'

# S1 ends her assistant's link; the assistant can no longer act for her.
ask $S1 "CABUT 081300000001" '^Selesai\. 081300000001 tidak lagi bisa mengurus toko Anda'
hear $SRI '^081200000001 menghentikan pendampingan Anda'
ask $SRI "UNTUK 081200000001 HARGA P1 20rb" '^Anda belum mendampingi 081200000001'
ask $SRI "LAPORAN" '^Laporan bulan ini: binaan 0 .*produk diunggah 1, ubah harga/stok 2, pesanan selesai 1 senilai Rp34\.000'
ask $BUDI "LAPORAN" '^Laporan bulan ini: binaan 1 \(baru 1\), produk diunggah 1, ubah harga/stok 0, pesanan selesai 1 senilai Rp36\.000'
heard_all
stop_lapakd
check "lapakd exits 0" [ "$rc" -eq 0 ]

# The officer's evening: the figures of the day, by assistant and village.
TODAY=$(TZ=Asia/Jakarta date +%F)
YDAY=$(TZ=Asia/Jakarta date -d yesterday +%F)
$CTL report --by agent --from "$YDAY" --to "$TODAY" --format json > agent.json 2> agent.err
check "report --by agent exits 0" [ $? -eq 0 ]
$CTL report --by village --from "$YDAY" --to "$TODAY" --format json > village.json 2> village.err
check "report --by village exits 0" [ $? -eq 0 ]
$CTL report --by agent --from "$YDAY" --to "$TODAY" > agent.txt 2>&1
check "report as a table names both assistants" sh -c 'grep -q "Sri Wahyuni" agent.txt && grep -q "Budi Santoso" agent.txt'

# want FILE KEY=NAME COLUMN=VALUE...: the row whose KEY is NAME has each
# COLUMN equal to VALUE.
want() {
	w_file=$1; w_key=$2; shift 2
	if $PY - "$w_file" "$w_key" "$@" > want.out 2>&1 <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))
key, name = sys.argv[2].split("=", 1)
row = [r for r in rows if str(r[key]) == name]
if len(row) != 1:
    print("no single row %s=%s in %s" % (key, name, [r[key] for r in rows]))
    sys.exit(1)
bad = []
for kv in sys.argv[3:]:
    k, v = kv.split("=", 1)
    if str(row[0][k]) != v:
        bad.append("%s=%s (want %s)" % (k, row[0][k], v))
if bad:
    print(", ".join(bad))
    sys.exit(1)
EOF
	then ok "report $w_file $w_key: $*"
	else fail "report $w_file $w_key: $* -> $(cat want.out)"
	fi
}
# Sri: S1 registered, listed one product, two updates, via UNTUK six
# commands (DAFTAR JUAL HARGA STOK TERIMA KIRIM), two orders (one completed,
# one rejected), not linked at the end (CABUT).
want agent.json "name=Sri Wahyuni" sellers_new=1 products_listed=1 updates=2 \
    orders_created=2 orders_completed=1 orders_rejected=1 \
    value_completed_rp=34000 via_agent=6 sellers_linked=0 flagged=0
want agent.json "name=Budi Santoso" sellers_new=1 products_listed=1 updates=0 \
    orders_created=1 orders_completed=1 orders_rejected=0 \
    value_completed_rp=36000 via_agent=2 sellers_linked=1 flagged=0
want village.json "group=33.18.09.2006" name=Tlogorejo sellers_new=1 \
    sellers_total=1 products_listed=1 updates=2 orders_created=2 \
    orders_completed=1 orders_rejected=1 value_completed_rp=34000
want village.json "group=33.18.17.2005" name=Sidomulyo sellers_new=1 \
    sellers_total=1 products_listed=1 updates=0 orders_created=1 \
    orders_completed=1 orders_rejected=0 value_completed_rp=36000
want village.json "group=total" sellers_new=2 sellers_total=2 \
    products_listed=2 updates=2 orders_created=3 orders_completed=2 \
    orders_cancelled=0 orders_rejected=1 orders_expired=0 \
    value_completed_rp=70000
check "no other village has figures" [ "$($PY -c '
import json
rows = json.load(open("village.json"))
print(sum(1 for r in rows if r["group"] not in ("33.18.09.2006",
    "33.18.17.2005", "total", "unplaced") and r["orders_created"]))')" = 0 ]
check "no sanitizer report" sanitizer_clean
finish
