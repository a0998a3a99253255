#!/bin/sh
# Delivery receipts update the outbox: matched whether the SMSC spells the
# message id the same way in the receipt (hex, decimal) or the other way.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
for style in hex dec hex-dec dec-hex; do
	PORT=$(free_port)
	rm -f lapak.db*
	write_conf lapak.cfg "$PORT" 'handler = "echo";'
	cat > r.scn <<'SCN'
wait-bind 10
send +6281200000001 "satu"
expect +6281200000001 /satu/
send +6281200000002 "Ini pesan yang sangat panjang sekali untuk menguji pemecahan pesan menjadi beberapa bagian karena lebih dari seratus enam puluh karakter harus dipecah dengan UDH"
expect +6281200000002 /UDH$/
sleep 1.5
SCN
	start_sim -p "$PORT" -i "$style" script r.scn
	start_lapakd lapak.cfg
	wait_sim
	count_script sim.out
	stop_lapakd
	check "ids $style: both replies marked delivered by their receipts" \
	    [ "$(sqlite3 lapak.db 'select count(*) from outbox where state = 2')" = 2 ]
done
finish
