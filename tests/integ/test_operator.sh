#!/bin/sh
# The operator's verbs while lapakd runs (issue 15, operators): block with a
# reason (one notice, then MOs stored and acknowledged with no reply; a
# consent request to a blocked number refused generically), unblock;
# takedown (the seller told why in one segment, a long reason cut with
# "...", gone from CARI, an unknown code exit 1); outbox list (numbers
# masked), retry of a failed row picked up by lapakd's pump without a
# restart, retry of a queued one refused, purge (never a queued row); inbox
# masked unless --reveal (audited); sessions (a live USSD session); and the
# audit log: every verb that changes something leaves its row with the
# operator's Unix user (SUDO_USER too), the number masked.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
TOP=$(pwd)
cd "$WORK"
command -v sqlite3 > /dev/null || skip_all "no sqlite3"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" "limits = { mo_per_minute = 0; };"
CTL="$BIN/lapakctl -c lapak.cfg"
ME=$(id -un)
S=+6281200000001; S2=+6281200000002; B=+6285700000001
X=+6281300000033; A=+6281300000001; K=+6281300000005
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log

ask $S "DAFTAR Warung Sri, Sukamaju" 'Warung Sri'
ask $S "JUAL Keripik pedas 15rb 10" '^P1 '
ask $S "JUAL Kopi bubuk 20rb 5" '^P2 '
ask $B "CARI keripik" 'P1'

# block with a reason: one notice, then nothing; privacy rights stay.
$CTL block 081300000033 --reason "spam ke penjual" > block.out 2> block.err
check "block exits 0" [ $? -eq 0 ]
check "block says so" grep -q "^$X blocked: spam ke penjual" block.out
check "block: an audit log line, the number masked" sh -c "grep -qE 'audit user=\"$ME.*verb=\"block\" target=\+62813\*+33 outcome=ok' block.err"
check "block reason kept under the tag" [ "$(sql "SELECT reason FROM number_marks WHERE kind = 'block'")" = "spam ke penjual" ]
in0=$(sql "SELECT count(*) FROM inbox WHERE src = '$X'")
ask $X "CARI keripik" '^Nomor ini diblokir operator Lapak; pesan berikutnya tidak dibalas'
say $X "CARI kopi"
say $X "JUAL Sapi 5jt 1"
hear_none $X 2
check "its MOs stored (and acknowledged)" wait_until 5 sh -c "[ \$(sqlite3 lapak.db \"SELECT count(*) FROM inbox WHERE src = '$X'\") = $((in0 + 3)) ]"
ask $X "DATAKU" '^Data sejak|^Tidak ada data'
# A consent request never reaches a blocked number; the assistant is not
# told why.
$CTL agent add 081300000001 "Budi" > /dev/null 2>&1
$CTL block $S2 > /dev/null 2>&1
ask $A "DAMPINGI 081200000002" '^Permintaan izin ke 081200000002 tidak bisa dikirim\.$'
hear_none $S2 1
$CTL unblock $S2 > /dev/null 2>&1
$CTL unblock $X > unblock.out 2>&1
check "unblock exits 0" grep -q "^$X unblocked" unblock.out
ask $X "CARI keripik" 'P1'

# takedown: delisted, the seller told why, gone from CARI.
$CTL takedown P1 --reason "Foto tidak sesuai aturan" > td.out 2>&1
check "takedown exits 0" [ $? -eq 0 ]
hear $S '^Produk Keripik pedas \(P1\) diturunkan oleh operator Lapak\. Alasan: Foto tidak sesuai aturan$' 5 takedown
check "takedown notice: one segment" [ "$HEARD_SEG" = 1 ]
check "product inactive, reason kept" [ "$(sql "SELECT active || '|' || takedown FROM products WHERE id = 1")" = "0|Foto tidak sesuai aturan" ]
ask $B "CARI keripik" 'tidak ditemukan|Tidak ada'
ask $B "BELI P1 1" 'P1'
long="Produk ini dilaporkan berkali-kali oleh pembeli karena isi kemasan tidak sama dengan foto dan deskripsi; mohon perbaiki lalu daftarkan ulang"
$CTL takedown P2 --reason "$long" > td2.out 2>&1
hear $S '^Produk Kopi bubuk \(P2\) diturunkan oleh operator Lapak\. Alasan: Produk ini dilaporkan .*\.\.\.$' 5 takedown.long
check "a long reason: cut to one segment" [ "$HEARD_SEG" = 1 ]
check "the whole reason kept in the store" [ "$(sql "SELECT takedown FROM products WHERE id = 2")" = "$long" ]
$CTL takedown P99 --reason "x" > td3.out 2>&1
check "takedown of an unknown code: exit 1" [ $? -eq 1 ]
check "  and says so" grep -q "P99: no such product" td3.out
$CTL takedown P1 --reason "bad ✓" > /dev/null 2>&1
check "takedown: a reason SMS cannot carry in GSM-7: exit 1" [ $? -eq 1 ]

# outbox: masked numbers; a failed row retried without a restart.
$CTL outbox --number $S --limit 5 > ob.out 2>&1
check "outbox exits 0" [ $? -eq 0 ]
check "outbox: the number masked" sh -c "grep -qE '\+62812\*+01' ob.out && ! grep -q '$S' ob.out"
check "outbox: a row of the takedown notice, text cut at 40" grep -qE 'Produk Kopi bubuk \(P2\) diturunkan oleh o\.\.\.' ob.out
id=$(sql "SELECT max(id) FROM outbox WHERE dst = '$S'")
sql "UPDATE outbox SET state = 3, tries = 5, last_status = 69 WHERE id = $id"
$CTL outbox --state failed > obf.out 2>&1
check "outbox --state failed lists it" grep -qE "^ *$id +failed +\+62812\*+01 .* 5 " obf.out
n_before=$(mt_count sim "to=\+?${S#+}.*Kopi bubuk \(P2\) diturunkan")
$CTL outbox retry $id > retry.out 2>&1
check "outbox retry exits 0" grep -q "^1 message queued again" retry.out
check "lapakd's pump sends it again (no restart)" wait_until 10 sh -c "[ \$(grep -E '^mt ' sim.out | grep -cE 'Kopi bubuk \(P2\) diturunkan') -gt $n_before ]"
C_SEEN="$C_SEEN$(awk '/^mt / && /Kopi bubuk \(P2\) diturunkan/ { printf "%d:", NR }' sim.out)"
check "  and it is sent" wait_until 10 sh -c "[ \"\$(sqlite3 lapak.db 'SELECT state FROM outbox WHERE id = $id')\" -ge 1 ]"
$CTL outbox retry $id > retry2.out 2>&1
check "retry of a row not failed: exit 1" [ $? -eq 1 ]
$CTL outbox retry 999999 > /dev/null 2>&1
check "retry of an unknown id: exit 1" [ $? -eq 1 ]
sql "UPDATE outbox SET state = 3 WHERE id IN (SELECT id FROM outbox WHERE dst = '$B' ORDER BY id LIMIT 2)"
$CTL outbox retry --failed > retryf.out 2>&1
check "retry --failed: both" grep -q "^2 messages queued again" retryf.out
check "  sent again" wait_until 10 sh -c "[ \$(sqlite3 lapak.db \"SELECT count(*) FROM outbox WHERE state IN (0, 3)\") = 0 ]"
C_SEEN="$C_SEEN$(awk '/^mt / { printf "%d:", NR }' sim.out)"
# purge: finished rows only; a queued one (due in an hour) stays.
sql "INSERT INTO outbox(link, dst, text, state, created_ms, expires_ms, next_try_ms) VALUES ('smsc', '$B', 'antri', 0, 1000, 9999999999999, 9999999999999)"
total=$(sql "SELECT count(*) FROM outbox")
$CTL outbox purge --before 0 > purge.out 2>&1
check "purge exits 0" [ $? -eq 0 ]
check "purge: every finished row gone, the queued one kept" [ "$(sql "SELECT count(*) || ' ' || sum(state = 0) FROM outbox")" = "1 1" ]
check "purge: the count said" grep -q "^$((total - 1)) finished messages older than 0 days deleted" purge.out
sql "DELETE FROM outbox WHERE text = 'antri'"

# inbox: masked unless --reveal, and a reveal is audited.
$CTL inbox --number $X > in.out 2>&1
check "inbox exits 0" [ $? -eq 0 ]
check "inbox: numbers masked" sh -c "grep -qE '\+62813\*+33' in.out && ! grep -q '$X' in.out"
check "inbox: the bodies" grep -q "JUAL Sapi 5jt 1" in.out
ask $X "DAMPINGI 081200000009" 'hanya untuk asisten'
$CTL inbox --number $X --limit 1 > in1.out 2>&1
check "inbox: a number in a body masked" sh -c "grep -q 'DAMPINGI 0812\*\*\*\*\*\*\*' in1.out && [ \$(grep -c . in1.out) = 2 ]"
$CTL inbox --number $X --reveal --limit 1 > inr.out 2>&1
check "inbox --reveal: the number and body in full" sh -c "grep -q '$X' inr.out && grep -q 'DAMPINGI 081200000009' inr.out"

sql "INSERT INTO inbox(link, src, dst, text, received_ms, state) VALUES ('smsc', '$X', '1234', 'x' || char(27) || '[31my', 2, 1)"
$CTL inbox --number $X > inesc.out 2>&1
check "inbox: a control character in a body printed as ?" sh -c "grep -q 'x?\[31my' inesc.out && ! grep -q \"\$(printf '\\033')\" inesc.out"
$CTL block $X --reason "$(printf 'two\nlines')" > /dev/null 2>&1
check "block --reason on two lines: exit 1" [ $? -eq 1 ]

# sessions: a live USSD session.
sim_cmd "/ussd +6285700000077 *123*45#"
check "a USSD screen" wait_until 5 grep -q 'ussd_op=' sim.out
sleep 0.3
$CTL sessions > sess.out 2>&1
check "sessions exits 0" [ $? -eq 0 ]
check "sessions: the number masked, open, its menu" grep -qE '^\+62857\*+77 +open +[a-z_]+ +20[0-9-]+ [0-9:]+ +20' sess.out
check "sessions: no full number" sh -c "! grep -q 6285700000077 sess.out"

# The existing writers audit too.
$CTL places load "$TOP/data/places-sample.csv" > /dev/null 2>&1
$CTL seller place $S 33.18.19.2001 > /dev/null 2>&1
$CTL courier add $K Eko --place 33.18.19.2001 > /dev/null 2>&1
$CTL courier remove $K > /dev/null 2>&1
$CTL agent remove $A > /dev/null 2>&1
$CTL pin-unlock $S > /dev/null 2>&1
printf 'Pasar murah Sabtu ini.\n' > bc.txt
$CTL broadcast --to sellers --text-file bc.txt > /dev/null 2>&1
$CTL privacy erase $B > /dev/null 2>&1
SUDO_USER=ana $CTL block $X > /dev/null 2>&1
$CTL audit --limit 100 > audit.out 2>&1
check "audit exits 0" [ $? -eq 0 ]
for v in "block" "unblock" "agent add" "takedown" "outbox retry" \
    "outbox purge" "inbox --reveal" "places load" "seller place" \
    "courier add" "courier remove" "agent remove" "pin-unlock" \
    "broadcast" "privacy erase"; do
	check "audit: a row for $v by $ME" grep -qE "  $ME +(\(sudo: ana\) +)?$v +.* ok " audit.out
done
check "audit: the takedown refused for P99" grep -qE "takedown +P99 +refused" audit.out
check "audit: SUDO_USER named" grep -qE "$ME \(sudo: ana\) +block +\+62813\*+33 +ok" audit.out
check "audit: no number in full" sh -c "! grep -qE '\+62(81200000001|81300000033|85700000001)' audit.out"
check "audit rows in the store" [ "$(sql "SELECT count(*) FROM op_audit")" -ge 20 ]
check "lapakd still up" lapakd_alive
stop_lapakd

# Over the rate limit a blocked number gets no rate-limit notice either:
# its one notice was all.
write_conf rl.cfg "$PORT" "limits = { mo_per_minute = 2; };"
start_lapakd rl.cfg
check "lapakd binds (mo_per_minute = 2)" wait_until 10 sh -c "[ \$(grep -c bound lapakd.log) -ge 2 ]"
Y=+6281300000044
$CTL block $Y > /dev/null 2>&1
ask $Y "CARI kopi" '^Nomor ini diblokir operator Lapak'
say $Y "CARI kopi"
say $Y "CARI teh"
say $Y "CARI gula"
hear_none $Y 2
check "the blocked number's MOs over the limit stored" wait_until 5 sh -c "[ \$(sqlite3 lapak.db \"SELECT count(*) FROM inbox WHERE src = '$Y'\") = 4 ]"
check "  lapakd saw the limit" grep -q 'rate=silent' lapakd.log
stop_lapakd
check "no sanitizer report" sanitizer_clean
finish
