#!/bin/sh
# Restarts lose nothing. (a) The SMSC goes away while lapakd's replies are
# queued (held by queue-full), killed (-9) once and stopped (TERM) once; a new
# SMSC on the same port gets every reply exactly once. (b) lapakd is stopped
# (SIGTERM) with MOs arriving just before, MOs are sent while it is down, it
# starts again: every MO answered exactly once, the store counts agree.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
write_conf2 lapak.cfg "$PORT" secret "throttle_ms = 300;" 'handler = "echo";' \
    'limits = { mo_per_minute = 0; };' 'outbox = { retry_max = 100; drain_ms = 1000; };'

# smsc_round TAG SIGNAL FIRST: MOs FIRST..FIRST+4 to a sim that answers every
# submit with queue-full; the sim is ended with SIGNAL once lapakd stored
# them; a new sim on the same port must receive each reply once.
smsc_round() {
	tag=$1; sig=$2; a=$3; b=$(($3 + 4))
	{
		echo "wait-bind 10"
		echo "fault qfull 100000"
		for i in $(seq $a $b); do echo "send +62812000020$i \"antri $i\""; done
		echo "sleep 60"
	} > "$tag-a.scn"
	n_in=$(stat_of inbox); n_in=${n_in:-0}
	n_qf=$(log_count 'rx cmd=submit_sm_resp .*ESME_RMSGQFUL')
	start_sim_as "$tag-a" -p "$PORT" script "$tag-a.scn"
	[ -n "$D_PID" ] || start_lapakd_x -T smpp -c lapak.cfg
	check "$tag: lapakd stored the 5 MOs" wait_until 15 stat_is inbox $((n_in + 5))
	check "$tag: lapakd tried the replies (queue full seen)" \
	    wait_until 10 log_has_n $((n_qf + 5)) 'rx cmd=submit_sm_resp .*ESME_RMSGQFUL'
	kill_sim "$sig"
	check "$tag: 5 replies queued while the SMSC is gone" \
	    wait_until 5 stat_is outbox_queued 5
	check "$tag: lapakd notices and retries" \
	    wait_until 5 log_has_n 1 'down reason="(closed by smsc|Connection refused|Connection reset by peer)"'
	sleep 1
	check "$tag: still queued after a second without SMSC" stat_is outbox_queued 5
	{
		echo "wait-bind 15"
		for i in $(seq $a $b); do echo "expect +62812000020$i /^antri $i\$/ 15"; done
		echo "send +6281200002099 \"baru $tag\""
		echo "expect +6281200002099 /^baru $tag\$/ 10"
		echo "sleep 1"
		for i in $(seq $a $b); do echo "expect-count +62812000020$i 1"; done
	} > "$tag-b.scn"
	start_sim_as "$tag-b" -p "$PORT" script "$tag-b.scn"
	wait_sim
	count_script "$tag-b.out"
	check "$tag: outbox empty afterwards" stat_is outbox_queued 0
}
smsc_round kill9 KILL 1
smsc_round term TERM 6
check "no reply failed or expired" [ "$(sql "select count(*) from outbox where state >= 3")" -eq 0 ]

# --- (b) lapakd restart -----------------------------------------------------
start_serve srv -v -p "$PORT"
sim_cmd "/fault none"
check "serve sim: lapakd bound" wait_until 15 log_has_n 1 'bound as trx' srv.err
for i in 1 2 3; do sim_cmd "+62812000030$i sebelum $i"; done
check "before restart: 3 replies" wait_until 10 mt_has_n 3 srv 'text="sebelum [0-9]"'
# MOs racing the SIGTERM: either stored and answered now, or refused and
# redelivered by the SMSC after the restart
for i in 1 2 3 4 5; do sim_cmd "+62812000031$i pas berhenti $i"; done
sleep 0.05
stop_lapakd
check "lapakd exits 0 on SIGTERM (1)" [ "$rc" -eq 0 ]
for i in 1 2 3 4; do sim_cmd "+62812000032$i saat mati $i"; done
sleep 1
check "nothing answered while lapakd is down" [ "$(mt_count srv 'text="saat mati')" -eq 0 ]
start_lapakd lapak.cfg
check "after restart: racing MOs answered" wait_until 15 mt_has_n 5 srv 'text="pas berhenti [0-9]"'
check "after restart: MOs sent while down answered" wait_until 15 mt_has_n 4 srv 'text="saat mati [0-9]"'
sleep 1.5	# late duplicates would show now
dups=0
for who in 301 302 303 311 312 313 314 315 321 322 323 324; do
	c=$(mt_count srv "to=\\+628120000$who ")
	[ "$c" -eq 1 ] || { echo "# +628120000$who got $c replies"; dups=$((dups + 1)); }
done
check "lapakd restart: every MO answered exactly once" [ "$dups" -eq 0 ]
sim_cmd "/stats"
sleep 0.3
echo "# sim $(grep -- '-- bound' srv.out | tail -1)"
check "sim: no MO left unacknowledged" sh -c "grep -- '-- bound' srv.out | tail -1 | grep -q 'backlog=0'"
check "store: 12 distinct restart MOs, none a repeat" \
    [ "$(sql "select count(distinct text) from inbox where src like '+6281200003%' and repeat_of is null")" -eq 12 ]
check "store: every MO of this test stored once" \
    [ "$(sql "select count(*) from inbox where repeat_of is null")" -eq 24 ]
stop_lapakd
check "lapakd exits 0 on SIGTERM (2)" [ "$rc" -eq 0 ]
check "no sanitizer report" sanitizer_clean lapakd.log
finish
