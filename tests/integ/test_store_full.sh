#!/bin/sh
# Nothing is acknowledged that is not stored: while every store step fails
# (a full disk, then a busy database), lapakd answers deliver_sm with a
# temporary error (ESME_RX_T_APPN); the SMSC delivers again and, once the
# store works, each MO is stored and answered exactly once.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
for fault in 13 5; do
	PORT=$(free_port)
	rm -f lapak.db* lapakd.log
	write_conf lapak.cfg "$PORT" 'handler = "echo";'
	cat > f.scn <<'SCN'
wait-bind 10
send +6281200000001 "satu"
send +6281200000002 "dua"
expect +6281200000001 /^satu$/ 10
expect +6281200000002 /^dua$/ 10
sleep 1
expect-count +6281200000001 1
expect-count +6281200000002 1
SCN
	start_sim -p "$PORT" script f.scn
	LAPAK_TEST_STORE_FAULT="$fault,2500" "$BIN/lapakd" -c lapak.cfg -T smpp \
	    >> lapakd.log 2>&1 &
	D_PID=$!
	wait_sim
	count_script sim.out
	stop_lapakd
	check "rc $fault: deliver_sm answered with a temporary error while failing" \
	    grep -q "store begin failed" lapakd.log
	refused=$(sed -n 's/.*mo refused=\([0-9]*\).*/\1/p' lapakd.log |
	    awk '{ n += $1 } END { print n + 0 }')
	echo "# rc $fault: $refused deliver_sm refused while the store failed"
	check "rc $fault: both MOs refused at least once, then delivered again" \
	    [ "$refused" -ge 2 ]
	check "rc $fault: each MO stored once" \
	    [ "$(sqlite3 lapak.db 'select count(*) from inbox')" = 2 ]
done
finish
