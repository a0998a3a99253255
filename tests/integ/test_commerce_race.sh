#!/bin/sh
# Concurrency: 30 buyers race for the last 5 units of one product over one
# SMPP link. All BELI are sent at once, then all YA at once: exactly 5 orders
# are confirmed (the seller is told 5 times), the 25 others are refused with
# the stock left, nothing is reserved twice; the store agrees.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
N=30
STOCK=5
write_conf lapak.cfg "$PORT" "orders = { max_pending = 3; };"
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log
SELLER=+6281299990000
ask $SELLER "DAFTAR Kebun Pak Tani, Sidomulyo" 'Kebun Pak Tani.*Sidomulyo'
ask $SELLER "JUAL Durian montong 150rb 8" '^P1 Durian montong Rp150\.000 stok 8'
ask $SELLER "STOK P1 -3" '^Stok P1 Durian montong sekarang 5 \(dipesan 0, tersedia 5\)'

buyer() { printf '+628150000%04d' "$1"; }
T0=$(date +%s)
i=1
while [ $i -le $N ]; do say "$(buyer $i)" "BELI P1 1 buyer $i"; i=$((i + 1)); done
# Two more ask for more than is left: refused at once.
say "$(buyer 91)" "BELI P1 6"
say "$(buyer 92)" "BELI P1 2"
codes=""
i=1
while [ $i -le $N ]; do
	hear "$(buyer $i)" '^O[0-9]+: Durian montong x1 @Rp150\.000 = Rp150\.000, Toko Kebun Pak Tani\. Balas YA [0-9]+' 20 BELI >/dev/null
	codes="$codes $(confirm_code)"
	i=$((i + 1))
done
hear "$(buyer 91)" '^Stok P1 Durian montong tidak cukup, tersedia 5' 10 BELI
hear "$(buyer 92)" '^O[0-9]+: Durian montong x2' 10 BELI
check "$N BELI answered with an order and a code each" [ "$(echo $codes | wc -w)" -eq $N ]
check "$N distinct order codes" [ "$(sql "SELECT count(DISTINCT id) FROM orders WHERE qty = 1 AND state = 'pending'")" -eq $N ]

# All YA at once.
i=1
for c in $codes; do say "$(buyer $i)" "YA $c"; i=$((i + 1)); done
wait_until 20 mt_has_n $((N + N + 2 + 3 + STOCK)) sim .
won=0; lost=0; other=0
i=1
while [ $i -le $N ]; do
	if hear "$(buyer $i)" '' 10 YA >/dev/null; then
		case $HEARD in
		"Pesanan O"*" Durian montong x1 = Rp150.000 dikirim ke Kebun Pak Tani"*) won=$((won + 1)) ;;
		"Maaf, stok Durian montong tinggal 0, pesanan O"*) lost=$((lost + 1)) ;;
		*) other=$((other + 1)); echo "# unexpected: $HEARD" ;;
		esac
	fi
	i=$((i + 1))
done
echo "# race took $(($(date +%s) - T0)) s: $won confirmed, $lost refused"
check "exactly $STOCK confirmed" [ "$won" -eq $STOCK ]
check "the other $((N - STOCK)) refused: no stock" [ "$lost" -eq $((N - STOCK)) ]
check "no other answer" [ "$other" -eq 0 ]
notes=$(mt_count sim "to=\\+?6281299990000 .*text=\"Pesanan baru O")
check "seller told of exactly $STOCK orders (got $notes)" [ "$notes" -eq $STOCK ]
i=1
while [ $i -le $STOCK ]; do hear $SELLER '^Pesanan baru O[0-9]+: Durian montong x1 = Rp150\.000 dari \+628150000' 5 notify.confirm >/dev/null; i=$((i + 1)); done
hear_none $SELLER 0.5
heard_all
check "store: stock 5, reserved 5" [ "$(sql "SELECT stock || '/' || reserved FROM products WHERE id = 1")" = "5/5" ]
check "store: $STOCK confirmed, $((N - STOCK)) still pending" \
    [ "$(sql "SELECT group_concat(state || '=' || n, ' ') FROM (SELECT state, count(*) AS n FROM orders WHERE qty = 1 GROUP BY state ORDER BY state)")" = \
    "confirmed=$STOCK pending=$((N - STOCK))" ]
check "store: reserved = sum of confirmed quantities" \
    [ "$(sql "SELECT reserved = (SELECT sum(qty) FROM orders WHERE state IN ('confirmed','accepted')) FROM products WHERE id = 1")" = 1 ]
ask "$(buyer 93)" "BELI P1 1" '^Stok P1 Durian montong tidak cukup, tersedia 0'
ask $SELLER "STOK P1 HABIS" '^Stok P1 Durian montong sekarang 5 \(dipesan 5, tersedia 0\)'
stop_lapakd
check "lapakd exits 0" [ "$rc" -eq 0 ]
check "no sanitizer report" sanitizer_clean
finish
