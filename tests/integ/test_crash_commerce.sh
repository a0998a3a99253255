#!/bin/sh
# kill -9 under the commerce mix (sellers DAFTAR/JUAL/HARGA, buyers CARI/BELI/
# YA <code>/INFO): lapakd is killed at random moments and restarted
# (CRASH_ROUNDS, default 5; `make crash` runs 200). Afterwards no MO is lost,
# no state change happened twice, and the store's invariants hold: stock never
# changed without a shipment (none in this mix), reserved = sum of confirmed
# and accepted quantities, reserved <= stock.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
ROUNDS=${CRASH_ROUNDS:-5}
PORT=$(free_port)
write_conf2 lapak.cfg "$PORT" secret "window = 10;" \
    'limits = { mo_per_minute = 0; };' 'outbox = { retry_max = 1000; };'
rnd_ms() {
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $(($1 + r % ($2 - $1 + 1)))
}
ms_to_s() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
DUR=$((ROUNDS * 9 / 10 + 4))
start_sim_as load -p "$PORT" load -n 60 -r "${CRASH_RATE:-200}" -d "$DUR" \
    --mix commerce --drain 30 --bind-timeout 20
start_lapakd lapak.cfg
wait_until 10 log_has_n 1 'link=smsc bound'
sleep 1		# the simulator's setup sellers first
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	i=$((i + 1))
	sleep "$(ms_to_s "$(rnd_ms 150 800)")"
	kill9_lapakd
	sleep "$(ms_to_s "$(rnd_ms 0 250)")"
	start_lapakd lapak.cfg
done
check "$ROUNDS crashes done, lapakd running" lapakd_alive
wait_sim
JSON=$(tail -1 load.out)
echo "# load: $JSON"
mo=$(json_field "$JSON" mo_sent)
lost=$(json_field "$JSON" lost)
: "${mo:=0}" "${lost:=-1}"
check "load sent MOs ($mo)" [ "$mo" -gt 0 ]
check "no MO lost (load: lost=$lost)" [ "$lost" -eq 0 ]
stop_lapakd
check "lapakd exits 0 on SIGTERM after the crashes" [ "$rc" -eq 0 ]
twice=$(sql "select count(*) from (select src, text, count(*) n from inbox
    where repeat_of is null and (text like 'BELI %' or text like 'JUAL %'
    or text like 'HARGA %' or text like 'DAFTAR %') group by 1, 2 having n > 1)")
check "no state-changing MO acted on twice ($twice)" [ "$twice" -eq 0 ]
dup_orders=$(sql "select count(*) from (select buyer, note, count(*) n from orders
    group by 1, 2 having n > 1)")
check "no duplicate order ($dup_orders)" [ "$dup_orders" -eq 0 ]
listings=$(sql "select count(*) from products")
jual=$(sql "select count(distinct src || text) from inbox where repeat_of is null
    and text like 'JUAL %'")
check "one product per JUAL ($listings products, $jual JUAL)" [ "$listings" -eq "$jual" ]
moved=$(sql "select count(*) from products where stock not in (50, 1000000)")
check "stock changed only by shipments (none): $moved moved" [ "$moved" -eq 0 ]
bad_res=$(sql "select count(*) from products p where reserved <> (select
    coalesce(sum(qty), 0) from orders o where o.product_id = p.id and
    o.state in ('confirmed', 'accepted')) or reserved > stock")
check "reserved = confirmed + accepted quantities, <= stock ($bad_res off)" [ "$bad_res" -eq 0 ]
idx=$(sql "select (select count(*) from search_post sp join products p on
    p.id = sp.pid where not (p.active = 1 and p.stock > p.reserved)) +
    (select count(*) from products p where p.active = 1 and p.stock > p.reserved
    and not exists (select 1 from search_post where pid = p.id)) +
    (select count(*) from search_vocab v where n <> (select count(*) from
    search_post where wid = v.id))")
check "CARI's word index agrees with the products ($idx off)" [ "$idx" -eq 0 ]
pending=$(sql "select count(*) from inbox where state = 0")
check "no search left unanswered ($pending pending)" [ "$pending" -eq 0 ]
orders=$(sql "select count(*) from orders")
confirmed=$(sql "select count(*) from orders where state = 'confirmed'")
echo "# store: products=$listings orders=$orders confirmed=$confirmed"
check "orders were made and confirmed" [ "$confirmed" -gt 0 ]
check "store integrity" [ "$(sql 'pragma integrity_check')" = ok ]
check "no sanitizer report" sanitizer_clean lapakd.log
finish
