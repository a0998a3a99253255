#!/bin/sh
# Digital assistants over SMPP (programme.md section 2), in both languages:
# only enrolled assistants use the assistant commands; consent codes work
# only from the number asked, once, until they expire, and not after three
# wrong ones; DAMPINGI's limits (per assistant, per pair, per number) and
# numbers (mobile, of the country); UNTUK only for linked sellers and the
# listed commands (no buying, confirming, PIN, nesting), the seller told,
# audited with via; repeats; CABUT; lapakctl agent remove ends the links and
# tells the sellers; BINAAN. USSD: the assistant's submenu (act for a
# seller, BINAAN to read a page at a time, LAPORAN). Then routes: a consent request to a number that
# never wrote in goes out on the link its prefix names.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" "limits = { mo_per_minute = 0; };" \
    "agents = { requests_per_day = 3; consent_timeout = 600; };"
CTL="$BIN/lapakctl -c lapak.cfg"
A=+6281300000001; A2=+6281300000002; A3=+6281300000003; A4=+6281300000004
S=+6281200000001; S2=+6281200000002; X=+6281200000099; B=+6285700000001
$CTL agent add 081300000001 "Budi" --place 33.20.05.2004 > ctl.out 2>&1
check "agent add" grep -q "enrolled: Budi" ctl.out
$CTL agent add 6281300000002 "Ani" > /dev/null 2>&1
$CTL agent add +6281300000003 "Citra" > /dev/null 2>&1
$CTL agent add 081300000004 "Dewi" > /dev/null 2>&1
check "agent add: a bad number refused" sh -c "! $CTL agent add 12ab Nobody 2>/dev/null"
check "agent add: a name SMS cannot carry refused" sh -c "! $CTL agent add 081300000009 'Budi 😀' 2>/dev/null"
$CTL agent list > list.out 2>&1
check "agent list: four" [ "$(grep -c '^+6281300' list.out)" = 4 ]
check "agent list: the place" grep -q "33.20.05.2004" list.out
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

# Not an assistant: refused, pointing at BANTUAN; in English too.
ask $X "DAMPINGI 081200000001" '^Perintah ini hanya untuk asisten digital terdaftar\. Ketik BANTUAN'
ask $X "UNTUK 081200000001 PRODUK" '^Perintah ini hanya untuk asisten'
ask $X "BINAAN" '^Perintah ini hanya untuk asisten'
ask $X "LANG EN" 'English'
ask $X "ASSIST 081200000001" '^This command is for enrolled digital assistants only\. Send HELP'
ask $X "MYSELLERS" '^This command is for enrolled'
ask $X "DAMPINGGI 0812" 'DAMPINGI'
hear_none $S 0.2

# Consent.
ask $S "DAFTAR Warung Sri, Sukamaju" 'Warung Sri'
ask $A "UNTUK 081200000001 PRODUK" '^Anda belum mendampingi 081200000001\. Minta izin dulu: DAMPINGI 081200000001'
ask $A "DAMPINGI 081200000001" '^Permintaan izin dikirim ke 081200000001\. Berlaku 10 menit'
hear $S '^Budi \(081300000001\), asisten digital Lapak, ingin membantu .* SETUJU [0-9][0-9][0-9][0-9]\. Tolak: TIDAK [0-9][0-9][0-9][0-9]'
code=$(printf '%s\n' "$HEARD" | sed -nE 's/.*SETUJU ([0-9]{4}).*/\1/p')
check "consent code 1000..9999" [ "$code" -ge 1000 ] && [ "$code" -le 9999 ]
ask $S2 "SETUJU $code" '^Tidak ada permintaan izin'
ask $A "SETUJU $code" '^Tidak ada permintaan izin'
ask $S "SETUJU $(other_code "$code")" '^Kode salah\. Sisa 2 kali'
ask $S "SETUJU $code" '^Anda setuju dibantu Budi \(081300000001\)\. Untuk menghentikan: CABUT 081300000001'
hear $A '^081200000001 setuju Anda dampingi'
ask $S "AGREE $code" '^Tidak ada permintaan izin'
check "consent stored sealed" [ "$(sql "SELECT count(*) FROM consent_requests WHERE code_hash LIKE '%$code%'")" = 0 ]

# UNTUK: the seller's commands, the seller told of each change.
ask $A "UNTUK 081200000001 JUAL Keripik 15rb 20" '^P1 Keripik Rp15\.000 stok 20 sudah dijual'
hear $S '^Asisten Budi \(081300000001\) mengubah toko Anda: JUAL P1 Keripik Rp15\.000 20\. Hentikan: CABUT 081300000001'
ask $A "UNTUK#081200000001#STOK#P1#+5" '^Stok P1 Keripik sekarang 25'
hear $S '^Asisten Budi .*: STOK P1 Keripik 25'
ask $A "UNTUK#081200000001#STOK#P1#+5" '^Stok P1 Keripik sekarang 25.*\\nSudah dilakukan\. Ketik ULANG UNTUK'
ask $A "ULANG UNTUK 081200000001 STOK P1 +5" '^Stok P1 Keripik sekarang 30'
hear $S 'STOK P1 Keripik 30'
ask $A "UNTUK 081200000001 PRODUK" '^Produk \(1\):'
ask $A "UNTUK 081200000001 BELI P1 2" '^Perintah BELI tidak bisa dikirim atas nama penjual'
ask $A "UNTUK 081200000001 YA 1234" '^Perintah YA tidak bisa dikirim'
ask $A "UNTUK 081200000001 PIN 4321" '^Perintah PIN tidak bisa dikirim'
check "PIN digits masked in the inbox" [ "$(sql "SELECT count(*) FROM inbox WHERE text LIKE '%4321%'")" = 0 ]
ask $A "UNTUK 081200000001 UNTUK 081200000002 PRODUK" '^Perintah UNTUK tidak bisa dikirim'
ask $A "UNTUK 081200000001 SETUJU 1234" '^Perintah SETUJU tidak bisa dikirim'
ask $A "UNTUK 081300000001 PRODUK" '^UNTUK dipakai untuk nomor penjual'
ask $A "UNTUK 081200000001 JAUL x" 'JUAL'
ask $A2 "UNTUK 081200000001 PRODUK" '^Anda belum mendampingi 081200000001'
hear_none $S 0.2
check "audit names the assistant" [ "$(sql "SELECT count(*) FROM audit WHERE via = '$A'")" -ge 2 ]
check "actions on behalf recorded" [ "$(sql "SELECT count(*) FROM agent_actions WHERE agent = '$A' AND seller = '$S'")" -ge 4 ]
# An order: the assistant accepts it, cannot buy or confirm.
ask $B "BELI P1 2" 'Balas YA [0-9]+'
ask $B "YA $(confirm_code)" '^Pesanan O1 '
hear $S '^Pesanan baru O1'
ask $A "UNTUK 081200000001 TERIMA O1" '^Pesanan O1 diterima'
hear $B 'O1 .*diterima'
hear $S 'TERIMA O1'
ask $A "BINAAN" '^Penjual binaan \(1\).*\\n\*0001 Warung Sri 1 produk 0 selesai'

# DAMPINGI's numbers and limits.
ask $A "DAMPINGI 0215551234" '^021?5551234 bukan nomor HP Indonesia|bukan nomor HP Indonesia'
ask $A "DAMPINGI +6591234567" 'bukan nomor HP Indonesia'
ask $A "DAMPINGI 081300000001" '^Tidak bisa meminta izin ke nomor sendiri'
ask $A2 "DAMPINGI 081200000003" '^Permintaan izin dikirim'
hear +6281200000003 'SETUJU'
c3=$(printf '%s\n' "$HEARD" | sed -nE 's/.*SETUJU ([0-9]{4}).*/\1/p')
# (the same text again would be a repeat: another form of the number)
ask $A2 "DAMPINGI +6281200000003" '^Permintaan izin ke 081200000003 sudah dikirim dalam 24 jam'
Z=081200000077
for ag in $A3 $A4 $A; do
	ask $ag "DAMPINGI $Z" '^Permintaan izin dikirim'
	hear +6281200000077 'SETUJU'
done
ask $A2 "DAMPINGI $Z" '^081200000077 sudah menerima permintaan dari 3 asisten'
ask $A2 "DAMPINGI 081200000004" '^Permintaan izin dikirim'
hear +6281200000004 'SETUJU'
ask $A2 "DAMPINGI 081200000005" '^Permintaan izin dikirim'
hear +6281200000005 'SETUJU'
ask $A2 "DAMPINGI 081200000006" '^Batas 3 permintaan izin per hari'
hear_none +6281200000006 0.2

# Expiry, three wrong codes, TIDAK, YA <code> as SETUJU.
ask $A3 "DAMPINGI 081200000007" '^Permintaan izin dikirim'
hear +6281200000007 'SETUJU'
c7=$(printf '%s\n' "$HEARD" | sed -nE 's/.*SETUJU ([0-9]{4}).*/\1/p')
sql "UPDATE consent_requests SET expires_s = 0 WHERE msisdn = '+6281200000007'"
ask +6281200000007 "SETUJU $c7" '^Tidak ada permintaan izin'

w1=$(other_code "$c3"); w2=$(other_code "$w1"); [ "$w2" = "$c3" ] && w2=9999
w3=$(other_code "$w2"); [ "$w3" = "$c3" ] && w3=9998
ask +6281200000003 "SETUJU $w1" '^Kode salah\. Sisa 2'
ask +6281200000003 "SETUJU $w2" '^Kode salah\. Sisa 1'
ask +6281200000003 "SETUJU $w3" '^Kode salah 3 kali\. Permintaan izin dibatalkan'
ask +6281200000003 "SETUJU $c3" '^Tidak ada permintaan izin'
check "voided" [ "$(sql "SELECT state FROM consent_requests WHERE msisdn = '+6281200000003'")" = void ]
ask $A4 "LANG EN" 'English'
ask $A4 "ASSIST 081200000008" '^Consent request sent to 081200000008\. Valid 10 minutes'
hear +6281200000008 'SETUJU'
c8=$(printf '%s\n' "$HEARD" | sed -nE 's/.*SETUJU ([0-9]{4}).*/\1/p')
ask +6281200000008 "TIDAK $c8" '^Anda menolak bantuan Dewi \(081300000004\)'
hear $A4 '^081200000008 refused your consent request'
ask $A4 "ASSIST +6281200000008" 'refused your request\. You cannot ask again yet'
ask $A "DAMPINGI 081200000010" '^Permintaan izin dikirim'
hear +6281200000010 'SETUJU'
c10=$(printf '%s\n' "$HEARD" | sed -nE 's/.*SETUJU ([0-9]{4}).*/\1/p')
ask +6281200000010 "YA $c10" '^Anda setuju dibantu Budi'
hear $A '^081200000010 setuju'
ask $A4 "FOR 081200000001 PRODUK" '^You do not assist 081200000001 yet\. Ask first: ASSIST'
ask $A4 "FOR 081200000010 BUY P1" '^BUY cannot be sent'

# USSD: the assistant's "act for a seller" branch.
# ussd_ask NUM INPUT ERE: the next USSD screen to NUM matches ERE.
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
ussd_ask $X "*123*45#" '^Lapak.*6 Digital assistant'
ussd_ask $X "6" '^Digital assistant\\n1 Act for a seller\\n2 Sellers you assist\\n3 This month.s report\\n0 Back$'
ussd_ask $X "1" '^This command is for enrolled digital assistants'
ussd_ask $X "0" '^Digital assistant'
ussd_ask $X "2" '^This command is for enrolled digital assistants'
ussd_ask $X "0" '^Digital assistant'
ussd_ask $X "3" '^REPORT is only for enrolled digital assistants'
sim_cmd "/abort"
ussd_ask $A "*123*45#" '^Lapak.*6 Asisten digital'
ussd_ask $A "6" '^Asisten digital\\n1 Urus penjual\\n2 Penjual binaan\\n3 Laporan bulan ini\\n0 Kembali$'
# BINAAN: only to read (rows not numbered, a pick shows the page again)
ussd_ask $A "2" '^Penjual binaan \(selesai bln ini\):\\n\*0001 Warung Sri 1 produk 0 selesai\\n\*0010 - 0 produk 0 selesai\\n0 Kembali$'
ussd_ask $A "1" '^Penjual binaan \(selesai bln ini\):\\n\*0001 Warung Sri'
ussd_ask $A "0" '^Asisten digital'
ussd_ask $A "1" '^Pilih penjual binaan:.*1 \*0001 Warung Sri 1 produk.*2 \*0010 - 0 produk'
ussd_ask $A "1" '^Menu penjual'
ussd_ask $A "3" '^Pilih produk:.*1 P1 Keripik'
ussd_ask $A "1" '^Stok baru P1 Keripik'
ussd_ask $A "40" '^Stok P1 sekarang 40'
hear $S '^Asisten Budi \(081300000001\) mengubah toko Anda: STOK P1 Keripik 40'
# LAPORAN after acting for a seller: the assistant's own (not UNTUK). It is
# report work, so the search thread reads it: the last screen says the
# figures follow by SMS, and they are those of SMS LAPORAN.
ussd_ask $A "*123*45*6*1*1#" '^Menu penjual'
ussd_ask $A "0" '^Pilih penjual binaan'
ussd_ask $A "0" '^Asisten digital'
ussd_ask $A "3" '^Laporan bulan ini dikirim lewat SMS sebentar lagi\.$'
check "LAPORAN ends the session" sh -c "grep '^mt to=$A .*ussd_op=' sim.out | tail -1 | grep -q 'end=1'"
hear $A '^Laporan bulan ini: binaan 2 \(baru 2\), produk diunggah 1, ubah harga/stok [1-9][0-9]*, pesanan selesai 0 senilai Rp0$'
u_line=$HEARD
ask $A "LAPORAN" '^Laporan bulan ini: binaan 2 \(baru 2\)'
[ "$HEARD" = "$u_line" ] && ok "USSD and SMS LAPORAN agree" ||
    fail "USSD LAPORAN $u_line, SMS $HEARD"
check "USSD LAPORAN stored as the SMS it stands for, answered" \
    [ "$(sql "SELECT count(*) FROM inbox WHERE src = '$A' AND kind = 0 AND text = 'LAPORAN' AND state = 1")" = 2 ]
ussd_ask $A4 "*123*45*6*1#" '^No sellers yet\. Ask consent by SMS: ASSIST'
ussd_ask $A4 "0" '^Digital assistant'
ussd_ask $A4 "2" '^No sellers yet\. Ask consent by SMS: ASSIST'
ussd_ask $A4 "0" '^Digital assistant'
ussd_ask $A4 "3" '^This month.s figures come by SMS in a moment\.$'
hear $A4 '^This month: sellers linked 0 \(0 new\), products listed 0'
check "USSD action on behalf recorded" [ "$(sql "SELECT count(*) FROM audit WHERE via = '$A' AND to_val = '40'")" = 1 ]

# The seller's side in English.
S11=+6281200000011
ask $S11 "LANG EN" 'English'
ask $A4 "ASSIST 081200000011" '^Consent request sent to 081200000011'
hear $S11 '^Dewi \(081300000004\), a Lapak digital assistant, asks to help run your shop: .* Agree: AGREE [0-9][0-9][0-9][0-9]\. Refuse: NO [0-9][0-9][0-9][0-9]'
c11=$(printf '%s\n' "$HEARD" | sed -nE 's/.*AGREE ([0-9]{4}).*/\1/p')
ask $S11 "AGREE $(other_code "$c11")" '^Wrong code\. 2 tries left'
ask $S11 "AGREE $c11" '^You agreed to be helped by Dewi \(081300000004\)\. To end it: REVOKE 081300000004'
hear $A4 '^081200000011 agreed to your help\. Send: FOR 081200000011 <command>'
ask $A4 "FOR 081200000011 REG Toko Baru, Cibodas" 'Toko Baru'
hear $S11 '^Assistant Dewi \(081300000004\) changed your shop: REG Toko Baru Cibodas\. To end it: REVOKE 081300000004'
ask $A4 "MYSELLERS" '^Your sellers \(1\), no/shop/products/done this month:\\n\*0011 Toko Baru 0 products 0 done'
ask $S11 "REVOKE 081300000004" '^Done\. 081300000004 can no longer manage your shop'
hear $A4 '^081200000011 ended your assistance'
ask $A4 "FOR#081200000011#MY" '^You do not assist 081200000011 yet'

# CABUT by the seller.
ask $S "CABUT 081300000001" '^Selesai\. 081300000001 tidak lagi bisa mengurus toko Anda'
hear $A '^081200000001 menghentikan pendampingan Anda'
ask $A "UNTUK 081200000001 PRODUK" '^Anda belum mendampingi'
ask $S "REVOKE 081300000001" '^081300000001 tidak sedang mendampingi Anda'

# lapakctl agent remove: links end, the linked seller told (queued; sent
# with lapakd's next commit).
$CTL agent remove 081300000001 > ctl.out 2>&1
check "agent remove" grep -q "1 linked seller told" ctl.out
check "link ended by the operator" [ "$(sql "SELECT ended_by FROM agent_links WHERE agent = '$A' AND seller = '+6281200000010'")" = operator ]
ask $A "BINAAN" '^Perintah ini hanya untuk asisten'
hear +6281200000010 '^Asisten Budi \(081300000001\) tidak lagi terdaftar'
check "agent remove: unknown refused" sh -c "! $CTL agent remove 081300000001 2>/dev/null"
heard_all
stop_lapakd
check "lapakd exits 0" [ "$rc" -eq 0 ]
check "no sanitizer report" sanitizer_clean lapakd.log
check "no PIN in the log" sh -c "! grep -q 4321 lapakd.log"
kill "$SIM_PID" 2>/dev/null; wait "$SIM_PID" 2>/dev/null
exec 7>&-

# Routes: two links; the consent request to 0856... (never wrote in) goes
# out on "isat" by its prefix, the assistant's reply on the link it wrote in.
mkdir routes && cd routes
PA=$(free_port); PB=$(free_port)
cat > lapak.cfg <<CFG
smsc = (
  { name = "tsel"; host = "127.0.0.1"; port = $PA; system_id = "lapak"; password = "secret";
    reconnect_min_ms = 100; reconnect_max_ms = 500; },
  { name = "isat"; host = "127.0.0.1"; port = $PB; system_id = "lapak2"; password = "rahasia";
    reconnect_min_ms = 100; reconnect_max_ms = 500; }
);
store = { path = "lapak.db"; };
limits = { mo_per_minute = 0; };
routes = ( { prefix = ["0811", "0812", "0813"]; link = "tsel"; },
	{ prefix = ["0856", "+62857"]; link = "isat"; } );
CFG
chmod 600 lapak.cfg
$BIN/lapakctl -c lapak.cfg agent add 081300000001 "Budi" > /dev/null 2>&1
cat > a.scn <<'SCN'
wait-bind 10
sleep 0.5
send +6281300000001 "DAMPINGI 085600000001"
expect +6281300000001 /^Permintaan izin dikirim ke 085600000001/
send +6281300000001 "DAMPINGI 081200000001"
expect +6281300000001 /^Permintaan izin dikirim ke 081200000001/
expect +6281200000001 /SETUJU [0-9][0-9][0-9][0-9]/
expect-none +6285600000001 1
SCN
cat > b.scn <<'SCN'
wait-bind 10
expect +6285600000001 /^Budi \(081300000001\).*SETUJU [0-9][0-9][0-9][0-9]/ 10
expect-none +6281200000001 2
SCN
"$BIN/lapak-sim" -p "$PA" script a.scn > a.out 2> a.err &
SA=$!
"$BIN/lapak-sim" -p "$PB" -u lapak2 -w rahasia script b.scn > b.out 2> b.err &
SB=$!
sleep 0.3
WORK=$WORK/routes start_lapakd lapak.cfg
wait $SA; ra=$?
wait $SB; rb=$?
count_script a.out
count_script b.out
check "routes: tsel script" [ "$ra" = 0 ]
check "routes: isat script" [ "$rb" = 0 ]
stop_lapakd
sed '/^routes/,$d' lapak.cfg > bad.cfg
printf 'routes = ( { prefix = ["0811"]; link = "nope"; },\n  { prefix = "08x1"; link = "tsel"; } );\n' >> bad.cfg
chmod 600 bad.cfg
"$BIN/lapakctl" -c bad.cfg check > /dev/null 2> err.txt
check "routes: unknown link refused at load, file:line" grep -q '^bad.cfg:9: routes.link: "nope" is no smsc' err.txt
check "routes: bad prefix refused at load, file:line" grep -q '^bad.cfg:10: routes.prefix: "08x1" is not a number prefix' err.txt
finish
