#!/bin/sh
# Acks and replies wait for the disk: lapakd commits a batch and goes on
# while the syncer flushes the WAL (store/sync.c); a deliver_sm_resp or an
# MT for that batch leaves only after the flush. The LAPAK_TEST_SYNC hook
# slows every flush to 300 ms: with one deliver_sm allowed outstanding the
# SMSC can then get at most ~3 acks a second (without the hook, hundreds),
# and no reply comes sooner than the flush. A failed flush (the hook's Nth)
# stops lapakd unacknowledged; after a restart every MO is answered.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"

load_run() {	# load_run TAG SECONDS [LAPAK_TEST_SYNC [STORE]]: echo load, window 1
	PORT=$(free_port)
	rm -f lapak.db*
	write_conf lapak.cfg "$PORT" 'handler = "echo";' \
	    'limits = { mo_per_minute = 0; };'
	[ -n "$4" ] && sed -i "s|^store = { path = \"lapak.db\"; };|store = { path = \"lapak.db\"; $4 };|" lapak.cfg
	start_sim_as "$1" -p "$PORT" load -n 5 -r 0 -d "$2" -W 1 --drain 5
	if [ -n "$3" ] && [ "$3" != - ]; then
		export LAPAK_TEST_SYNC="$3"
		start_lapakd lapak.cfg
		unset LAPAK_TEST_SYNC
	else
		start_lapakd lapak.cfg
	fi
	wait_sim
	stop_lapakd
	tail -1 "$WORK/$1.out"
}

# Control: the same load without the hook.
J=$(load_run fast 3)
echo "# fast: $J"
acked=$(json_field "$J" mo_acked)
check "without the hook, window 1 gets many acks ($acked in 3 s)" \
    [ "${acked:-0}" -ge 100 ]

# Not durable (no syncer): every commit counts as flushed at once, and its
# acks go out in the same loop pass (nothing else would wake the loop).
J=$(load_run nondurable 3 - "durable = false;")
echo "# not durable: $J"
acked=$(json_field "$J" mo_acked)
check "store.durable = false: acks not held ($acked in 3 s)" \
    [ "${acked:-0}" -ge 100 ]

J=$(load_run slow 3 300,0)
echo "# slow: $J"
acked=$(json_field "$J" mo_acked)
p50=$(json_field "$J" p50_ms)
lost=$(json_field "$J" lost)
check "a 300 ms flush gates each ack ($acked acks in 3 s, <= 12)" \
    [ "${acked:-99}" -ge 3 ] && [ "${acked:-99}" -le 12 ]
check "no reply before its flush (p50 ${p50} ms >= 300)" \
    awk -v p="${p50:-0}" 'BEGIN { exit !(p >= 300) }'
check "nothing lost with slow flushes (lost=$lost)" [ "${lost:--1}" -eq 0 ]
check "hook announced in the log" log_has_n 1 'test hook: WAL flushes delayed'

# A flush that fails: lapakd stops on its own, without acking that batch;
# a restart without the hook answers every MO the SMSC sends again.
PORT=$(free_port)
rm -f lapak.db* lapakd.log
write_conf lapak.cfg "$PORT" 'handler = "echo";' \
    'limits = { mo_per_minute = 0; };'
start_sim_as fail -p "$PORT" load -n 20 -r 40 -d 4 --drain 20 --bind-timeout 20
export LAPAK_TEST_SYNC=0,4
start_lapakd lapak.cfg
unset LAPAK_TEST_SYNC
wait_until 15 log_has_n 1 'store flush failed'
check "the failed flush is logged" log_has_n 1 'store flush failed: .*not acknowledged'
pid=$D_PID
wait_until 10 sh -c "! kill -0 $pid 2>/dev/null"
check "lapakd stopped by itself" sh -c "! kill -0 $pid 2>/dev/null"
wait "$pid" 2>/dev/null
rc=$?
D_PID=""
check "exit status 4 after a failed flush (got $rc)" [ "$rc" -eq 4 ]
start_lapakd lapak.cfg
wait_sim
J=$(tail -1 fail.out)
echo "# after restart: $J"
lost=$(json_field "$J" lost)
redel=$(json_field "$J" redelivered)
check "every MO answered after the restart (lost=$lost)" [ "${lost:--1}" -eq 0 ]
check "the unacknowledged batch was delivered again ($redel)" \
    [ "${redel:-0}" -ge 1 ]
stop_lapakd
check "lapakd exits 0 after the restart" [ "$rc" -eq 0 ]
check "no sanitizer report" sanitizer_clean lapakd.log
finish
