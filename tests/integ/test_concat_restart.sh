#!/bin/sh
# A long MO whose parts arrive across a lapakd restart is still reassembled:
# part 1 is acknowledged (so stored), lapakd stops (SIGTERM in round 1, kill
# -9 in round 2), the stored part is checked in the store, lapakd starts
# again and part 2 arrives on the new link. lapak-sim queues every part of a
# long MO at once, so the parts are sent by the Net::SMPP SMSC in
# tests/interop/smsc.pl (concat mode); skipped without Net::SMPP.
. tests/integ/lib.sh
if ! perl -MNet::SMPP -e1 2>/dev/null; then
	skip_all "Net::SMPP missing (Debian libnet-smpp-perl; scripts/deps.sh)"
fi
setup "$1"
PL=$TOP/tests/interop/smsc.pl
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" 'handler = "echo";' 'limits = { mo_per_minute = 0; };'
perl "$PL" "$PORT" concat > smsc.out 2> smsc.err &
SIM_PID=$!
wait_until 10 grep -q listening smsc.err || fail "perl SMSC did not start"
start_lapakd lapak.cfg
parts_stored() { [ "$(sql "select count(*) from concat_part")" -eq "$1" ]; }

check "round 1: part 1 acknowledged" wait_until 15 grep -q "PART1-ACKED 1" smsc.out
stop_lapakd
check "round 1: lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
check "round 1: part 1 stored while lapakd is down" parts_stored 1
check "round 1: not yet in the inbox" [ "$(sql "select count(*) from inbox")" -eq 0 ]
start_lapakd lapak.cfg

check "round 2: part 1 acknowledged" wait_until 15 grep -q "PART1-ACKED 2" smsc.out
kill9_lapakd
check "round 2: part 1 stored across kill -9" parts_stored 1
start_lapakd lapak.cfg
wait_sim
prc=$?
cat smsc.out
count_script smsc.out
check "perl SMSC exits 0" [ "$prc" -eq 0 ]
check "parts consumed once reassembled" parts_stored 0
check "two whole MOs in the inbox" \
    [ "$(sql "select count(*) from inbox where length(text) > 153")" -eq 2 ]
stop_lapakd
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
check "no sanitizer report" sanitizer_clean lapakd.log
finish
