#!/bin/sh
# Two SMSC links at once (one transceiver, one tx+rx pair): each binds, each
# number's reply goes out on the link it wrote in on, never on the other.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PA=$(free_port)
PB=$(free_port)
cat > lapak.cfg <<CFG
smsc = (
  { name = "tsel"; host = "127.0.0.1"; port = $PA; system_id = "lapak"; password = "secret";
    reconnect_min_ms = 100; reconnect_max_ms = 500; default_route = true; },
  { name = "isat"; host = "127.0.0.1"; port = $PB; system_id = "lapak2"; password = "rahasia";
    bind = "pair"; reconnect_min_ms = 100; reconnect_max_ms = 500; }
);
store = { path = "lapak.db"; };
handler = "echo";
CFG
chmod 600 lapak.cfg
cat > a.scn <<'SCN'
wait-bind 10
sleep 0.5
send +6281100000001 "dari telkomsel"
expect +6281100000001 /^dari telkomsel$/
expect-none +6282200000002 2
SCN
cat > b.scn <<'SCN'
wait-bind 10
sleep 0.5
send +6282200000002 "dari indosat"
expect +6282200000002 /^dari indosat$/
expect-none +6281100000001 2
SCN
"$BIN/lapak-sim" -p "$PA" script a.scn > a.out 2> a.err &
A=$!
"$BIN/lapak-sim" -p "$PB" -u lapak2 -w rahasia script b.scn > b.out 2> b.err &
B=$!
sleep 0.3
start_lapakd lapak.cfg
wait $A
wait $B
count_script a.out
count_script b.out
stop_lapakd
check "lapakd exits 0" [ "$rc" -eq 0 ]
check "both links bound" [ "$(grep -c ' bound ' lapakd.log)" -ge 2 ]
check "pair mode logged" grep -q "link=isat bound system_id=lapak2 mode=pair" lapakd.log
check "routes recorded per link" [ "$(sqlite3 lapak.db "select link from route where msisdn='+6282200000002'")" = isat ]
finish
