#!/bin/sh
# Confirmation codes (random, so driven from the shell): YA with the code,
# a wrong code says so with the attempts left, three wrong codes cancel the
# pending order (nothing reserved, seller never told of it), a code is
# single-use, codes are 1000..9999; both languages.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" "limits = { mo_per_minute = 0; };"
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log
S=+6281200000001; B=+6281300000001; E=+6281300000002
ask $S "DAFTAR Warung Sri, Sukamaju" 'Warung Sri'
ask $S "JUAL Keripik singkong 15rb 20" '^P1 '

# three wrong codes cancel
ask $B "BELI P1 2" '^O1: Keripik singkong x2 @Rp15\.000 = Rp30\.000, Toko Warung Sri\. Balas YA [0-9]+ '
c1=$(confirm_code)
check "code $c1 within 1000..9999" [ "$c1" -ge 1000 ] && [ "$c1" -le 9999 ]
w=$(other_code "$c1")
ask $B "YA $w" '^Kode konfirmasi salah\. Sisa 2 kali coba'
w2=$(other_code "$w"); [ "$w2" = "$c1" ] && w2=$(other_code "$w2")
[ "$w2" = "$c1" ] && w2=9999
ask $B "YA $w2" '^Kode konfirmasi salah\. Sisa 1 kali coba'
w3=$(( (c1 % 9000) + 1000 )); [ "$w3" = "$c1" ] && w3=$(other_code "$c1")
[ "$w3" = "$w" ] || [ "$w3" = "$w2" ] && w3=$(( ((c1 + 4500) % 9000) + 1000 ))
ask $B "YA $w3" '^Kode salah 3 kali, pesanan O1 dibatalkan'
ask $B "YA $c1" '^Tidak ada pesanan yang menunggu konfirmasi'
check "O1 cancelled, nothing reserved" [ "$(sql "SELECT state || '/' || (SELECT reserved FROM products WHERE id = 1) FROM orders WHERE id = 1")" = "cancelled/0" ]
hear_none $S 0.3

# the right code after a wrong one; single use
ask $B "BELI P1 3 pagar hijau" '^O2: Keripik singkong x3 '
c2=$(confirm_code)
ask $B "YA $(other_code "$c2")" '^Kode konfirmasi salah\. Sisa 2 kali'
ask $B "YA $c2" '^Pesanan O2 Keripik singkong x3 = Rp45\.000 dikirim ke Warung Sri'
hear $S '^Pesanan baru O2: Keripik singkong x3 = Rp45\.000 dari \+6281300000001\. Catatan: pagar hijau\.'
ask $B "BELI P1 1" '^O3: '
c3=$(confirm_code)
# O2's code is spent: on purpose again (ULANG, or it is a repeat), it is
# a wrong code for the one pending order O3.
if [ "$c2" != "$c3" ]; then
	ask $B "ULANG YA $c2" '^Kode konfirmasi salah\. Sisa 2 kali'
fi
# two pending orders: each code confirms its own order
ask $B "BELI P1 4" '^O4: '
c4=$(confirm_code)
if [ "$c3" != "$c4" ]; then
	ask $B "YA $c4" '^Pesanan O4 Keripik singkong x4 '
	hear $S '^Pesanan baru O4: '
	ask $B "YA $c3" '^Pesanan O3 Keripik singkong x1 '
	hear $S '^Pesanan baru O3: '
else
	skip "O3 and O4 drew the same code (1 in 9000): two-code check"
fi

# English
ask $E "LANG EN" 'English'
ask $E "BUY P1 1" '^O5: Keripik singkong x1 @Rp15\.000 = Rp15\.000, Shop Warung Sri\. Reply YES [0-9]+ '
c5=$(confirm_code)
ask $E "YES $(other_code "$c5")" '^Wrong confirmation code\. 2 tries left'
ask $E "YES $c5" '^Order O5 Keripik singkong x1 = Rp15\.000 sent to Warung Sri'
hear $S '^Pesanan baru O5: .*dari \+6281300000002'
ask $E "BUY P1 1 again" '^O6: '
c6=$(confirm_code)
for k in 1 2 3; do
	wk=$(( ((c6 - 1000 + k * 1000) % 9000) + 1000 ))
	case $k in 3) re='^Wrong code 3 times: order O6 is cancelled';; *) re="^Wrong confirmation code\. $((3 - k)) tries left";; esac
	ask $E "YES $wk" "$re"
done
hear_none $S 0.3
heard_all
check "store: O1 cancelled, O2..O5 confirmed, O6 cancelled; reserved 9" \
    [ "$(sql "SELECT group_concat(state, ' ') FROM (SELECT state FROM orders ORDER BY id)") $(sql "SELECT reserved FROM products WHERE id = 1")" = \
    "cancelled confirmed confirmed confirmed confirmed cancelled 9" ]
check "codes stored only as hashes, cleared once used" \
    [ "$(sql "SELECT count(*) FROM orders WHERE code_hash IS NOT NULL")" = 0 ]
stop_lapakd
check "no sanitizer report" sanitizer_clean
finish
