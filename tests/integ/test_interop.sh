#!/bin/sh
# Interoperability: lapakd against an SMSC written on Net::SMPP
# (tests/interop/smsc.pl), an SMPP implementation independent of lapakd's
# and lapak-sim's: bind, MO -> MT, receipt, long MO (UDH, sar, payload),
# UCS-2, enquire_link both ways, SMSC-side unbind and rebind.
. tests/integ/lib.sh
if ! perl -MNet::SMPP -e1 2>/dev/null; then
	skip_all "Net::SMPP missing (Debian libnet-smpp-perl; scripts/deps.sh)"
fi
setup "$1"
PL=$TOP/tests/interop/smsc.pl
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" 'handler = "echo";' 'limits = { mo_per_minute = 0; };'
perl "$PL" "$PORT" interop > smsc.out 2> smsc.err &
SIM_PID=$!
wait_until 10 grep -q listening smsc.err || fail "perl SMSC did not start"
start_lapakd lapak.cfg
wait_sim
prc=$?
cat smsc.out
count_script smsc.out
check "perl SMSC exits 0" [ "$prc" -eq 0 ]
check "the receipt marked the first reply delivered" \
    [ "$(sql "select state from outbox where dst = '+6281300000001'")" = 2 ]
check "long MOs stored whole" \
    [ "$(sql "select count(*) from inbox where length(text) > 160")" -eq 3 ]
stop_lapakd
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
check "no sanitizer report" sanitizer_clean lapakd.log
finish
