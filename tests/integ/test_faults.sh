#!/bin/sh
# SMSC faults against lapakd (lapak-sim fault specs): throttling and queue
# full (every reply still arrives exactly once), a silent SMSC (lapakd times
# out, reconnects, the queued replies follow), a link dropped with several
# submits outstanding, slow responses, garbage bytes and a huge
# command_length (link dropped, reconnected, still serving), an
# enquire_link storm (answered, link kept).
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
write_conf2 lapak.cfg "$PORT" secret "throttle_ms = 200;" 'handler = "echo";' \
    'limits = { mo_per_minute = 0; };' 'outbox = { retry_max = 50; };'
N1=+6281200001		# number prefixes, one per section
cat > faults.scn <<SCN
wait-bind 10

# throttle: every third submit gets ESME_RTHROTTLED
fault throttle 0.33
$(for i in 1 2 3 4 5 6 7 8 9; do echo "send ${N1}10$i \"throttle $i\""; done)
$(for i in 1 2 3 4 5 6 7 8 9; do echo "expect ${N1}10$i /^throttle $i\$/ 10"; done)
sleep 0.5
$(for i in 1 2 3 4 5 6 7 8 9; do echo "expect-count ${N1}10$i 1"; done)
fault none

# a burst of ESME_RMSGQFUL
fault qfull 5
$(for i in 1 2 3 4 5 6; do echo "send ${N1}20$i \"qfull $i\""; done)
$(for i in 1 2 3 4 5 6; do echo "expect ${N1}20$i /^qfull $i\$/ 10"; done)
sleep 0.5
$(for i in 1 2 3 4 5 6; do echo "expect-count ${N1}20$i 1"; done)
fault none

# silent: replies held by queue-full, then the SMSC goes silent for 5 s
# (the submits after the pause go unanswered: lapakd must time out and
# reconnect); once it speaks again the queued replies arrive, once each
fault qfull 1000
$(for i in 1 2 3; do echo "send ${N1}30$i \"sunyi $i\""; done)
sleep 0.5
fault none
fault silent 5
$(for i in 1 2 3; do echo "expect ${N1}30$i /^sunyi $i\$/ 20"; done)
sleep 0.5
$(for i in 1 2 3; do echo "expect-count ${N1}30$i 1"; done)

# link dropped with several submits outstanding: every reply arrives
fault drop-after 2
$(for i in 1 2 3 4 5 6; do echo "send ${N1}40$i \"putus $i\""; done)
$(for i in 1 2 3 4 5 6; do echo "expect ${N1}40$i /^putus $i\$/ 15"; done)
sleep 0.5
$(for i in 1 2 3 4 5 6; do echo "expect-count ${N1}40$i 1"; done)
fault none

# slow responses (1.5 s, under lapakd's 2 s response timeout)
fault delay 1500
$(for i in 1 2 3 4 5; do echo "send ${N1}50$i \"lambat $i\""; done)
$(for i in 1 2 3 4 5; do echo "expect ${N1}50$i /^lambat $i\$/ 10"; done)
sleep 2
$(for i in 1 2 3 4 5; do echo "expect-count ${N1}50$i 1"; done)
fault delay 0

# garbage on the link: lapakd drops it, reconnects, keeps serving
fault garbage
sleep 0.3
wait-bind 10
send ${N1}601 "sesudah sampah"
expect ${N1}601 /^sesudah sampah\$/ 10
expect-count ${N1}601 1

# a header claiming 2 GB
fault huge-length
sleep 0.3
wait-bind 10
send ${N1}701 "sesudah raksasa"
expect ${N1}701 /^sesudah raksasa\$/ 10
expect-count ${N1}701 1

# enquire_link storm
fault enquire-storm 200
sleep 1
send ${N1}801 "sesudah badai"
expect ${N1}801 /^sesudah badai\$/ 10
expect-count ${N1}801 1
SCN
start_sim_as sim -v -p "$PORT" script faults.scn
start_lapakd_x -T smpp -c lapak.cfg
wait_sim
count_script sim.out
lapakd_down() { log_count 'smpp link=smsc down' lapakd.log; }
check "throttled submits seen by lapakd" log_has_n 3 'rx cmd=submit_sm_resp .*status=ESME_RTHROTTLED'
check "queue-full submits seen by lapakd" log_has_n 5 'rx cmd=submit_sm_resp .*status=ESME_RMSGQFUL'
check "silent SMSC: lapakd timed out and dropped the link" \
    log_has_n 1 'down reason="(submit_sm_resp|enquire_link_resp|bind_resp) timeout"'
check "drop-after: link closed by the smsc seen" log_has_n 1 'down reason="closed by smsc"'
check "garbage/huge-length: bad command_length logged twice" \
    log_has_n 2 'bad frame command_length'
n_enq=$(log_count 'rx cmd=enquire_link seq')
echo "# enquire_link received by lapakd: $n_enq"
check "enquire_link storm: all 200 read" [ "$n_enq" -ge 200 ]
# From the storm to the next MO read: no drop.
n_storm_drop=$(awk '/rx cmd=enquire_link seq/ { on = 1 }
	on && /rx cmd=deliver_sm / { exit }
	on && /link=smsc down/ { n++ } END { print n + 0 }' lapakd.log)
check "enquire_link storm: link kept" [ "$n_storm_drop" -eq 0 ]
check "every reply left the outbox" [ "$(sql 'select count(*) from outbox where state = 0')" -eq 0 ]
check "no reply failed" [ "$(stat_of outbox_failed)" -eq 0 ]
echo "# link drops: $(lapakd_down); sim drops: $(grep -c 'closed' sim.err)"
stop_lapakd
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
check "no sanitizer report" sanitizer_clean lapakd.log
finish
