#!/bin/sh
# Binding: a wrong password is refused (ESME_RINVPASWD) and retried with a
# growing backoff; with the right password the link binds and serves. Binds
# refused for a while (ESME_RBINDFAIL, by count and by time) then accepted.
# The password never reaches the log.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
PW=Pw9xQz7k		# lapakd's (right) password; 8 characters at most
BAD=Zz4wrong
write_conf2 lapak.cfg "$PORT" "$PW" "" 'handler = "echo";' \
    'limits = { mo_per_minute = 0; };'

# --- 1. wrong password: refused, retried with backoff ---------------------
start_sim_as sim1 -v -p "$PORT" -w "$BAD" serve
start_lapakd lapak.cfg
check "wrong password: 5 refusals logged within 8 s" \
    wait_until 8 log_has_n 5 'bind refused status=ESME_RINVPASWD'
check "no bind with a wrong password" sh -c '! grep -q "smpp link=smsc bound" lapakd.log'
# The first delays after refusals: min 100 ms doubling (jitter +-25%), cap 1000.
grep -oE 'reconnect_in_ms=[0-9]+' lapakd.log | cut -d= -f2 > delays
echo "# reconnect delays (ms): $(tr '\n' ' ' < delays)"
check "backoff grows over the first 4 attempts" awk '
	NR <= 4 { if (NR > 1 && $1 <= prev) bad = 1; prev = $1 }
	END { exit (NR < 4 || bad) }' delays
check "backoff capped at reconnect_max_ms (+25% jitter)" awk '
	$1 > 1250 { bad = 1 } END { exit bad }' delays
check "backoff reaches the cap region" awk '$1 >= 750 { hit = 1 } END { exit !hit }' delays
check "lapakd keeps running while refused" lapakd_alive
kill_sim TERM

# --- 2. the sim restarted with the right password: binds and serves -------
cat > right.scn <<'SCN'
wait-bind 10
send +6281200000011 "halo setelah sandi benar"
expect +6281200000011 /^halo setelah sandi benar$/
expect-count +6281200000011 1
SCN
start_sim_as sim2 -p "$PORT" -w "$PW" script right.scn
wait_sim
count_script sim2.out
check "bound logged after the password is right" grep -q "smpp link=smsc bound" lapakd.log

# --- 3. refuse-bind 3x: exactly three ESME_RBINDFAIL, then bound ----------
stop_lapakd
n0=$(wc -l < lapakd.log)
cat > refuse_n.scn <<'SCN'
fault refuse-bind 3x
wait-bind 15
send +6281200000012 "setelah tiga penolakan"
expect +6281200000012 /^setelah tiga penolakan$/
SCN
start_sim_as sim3 -p "$PORT" -w "$PW" script refuse_n.scn
start_lapakd lapak.cfg
wait_sim
count_script sim3.out
tail -n +"$((n0 + 1))" lapakd.log > phase3.log
check "refuse-bind 3x: exactly 3 ESME_RBINDFAIL logged" \
    [ "$(log_count 'bind refused status=ESME_RBINDFAIL' phase3.log)" -eq 3 ]
check "refuse-bind 3x: then bound" grep -q "smpp link=smsc bound" phase3.log

# --- 4. refuse-bind for 2 s: refused repeatedly, bound after ---------------
stop_lapakd
n0=$(wc -l < lapakd.log)
cat > refuse_t.scn <<'SCN'
fault refuse-bind 2
wait-bind 15
send +6281200000013 "setelah dua detik"
expect +6281200000013 /^setelah dua detik$/
expect-count +6281200000013 1
SCN
t0=$(date +%s%N)
start_sim_as sim4 -p "$PORT" -w "$PW" script refuse_t.scn
start_lapakd lapak.cfg
bound_since() { tail -n +"$((n0 + 1))" lapakd.log | grep -q "smpp link=smsc bound"; }
check "refuse-bind 2 s: bound in the end" wait_until 12 bound_since
t1=$(date +%s%N)
wait_sim
count_script sim4.out
tail -n +"$((n0 + 1))" lapakd.log > phase4.log
check "refuse-bind 2 s: at least 3 refusals logged" \
    [ "$(log_count 'bind refused status=ESME_RBINDFAIL' phase4.log)" -ge 3 ]
check "refuse-bind 2 s: not bound before the 2 s were over" \
    [ $(((t1 - t0) / 1000000)) -ge 1900 ]

stop_lapakd
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
check "password never in lapakd's log" sh -c "! grep -q -e '$PW' -e '$BAD' lapakd.log"
check "no sanitizer report" sanitizer_clean lapakd.log
finish
