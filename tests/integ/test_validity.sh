#!/bin/sh
# A reply still queued past its validity is dropped and marked expired, not
# delivered late; one still valid goes out. The queue is prepared in the store
# while no SMSC is up (as after a long outage), then the SMSC comes back.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" 'handler = "echo";' 'outbox = { validity = 60; };'
# First run: creates the store; no SMSC listens.
start_lapakd lapak.cfg
sleep 1
stop_lapakd
now=$(($(date +%s) * 1000))
sqlite3 lapak.db "INSERT INTO outbox(link, dst, text, created_ms, expires_ms)
    VALUES ('smsc', '+6281200000001', 'terlambat', $((now - 120000)), $((now - 60000)));
  INSERT INTO outbox(link, dst, text, created_ms, expires_ms)
    VALUES ('smsc', '+6281200000002', 'masih berlaku', $now, $((now + 60000)));"
cat > v.scn <<'SCN'
wait-bind 10
expect +6281200000002 /masih berlaku/
expect-none +6281200000001 3
SCN
start_sim -p "$PORT" script v.scn
start_lapakd lapak.cfg
wait_sim
count_script sim.out
stop_lapakd
check "the late reply is marked expired" \
    [ "$(sqlite3 lapak.db 'select state from outbox where dst = "+6281200000001"')" = 4 ]
check "the valid one was submitted" \
    [ "$(sqlite3 lapak.db 'select state from outbox where dst = "+6281200000002"')" -ge 1 ]
check "expiry logged" grep -q "outbox expired=1 reason=validity" lapakd.log
finish
