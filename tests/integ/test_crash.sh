#!/bin/sh
# Crash test: lapak-sim load sends MOs while lapakd is killed with SIGKILL at
# random moments and restarted (CRASH_ROUNDS, default 5; try 20 or 200).
# In the end every MO is stored exactly once (inbox rows that are not
# repeats = distinct texts = MOs the sim sent) and answered; duplicate
# replies come only from redelivery (the SMSC resent an MO whose ack died
# with lapakd: answered with the repeat note) or from the crash window
# between a submit_sm and its recorded response (the same reply resent);
# both are counted and printed. CRASH_RATE sets MOs a second (300).
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
ROUNDS=${CRASH_ROUNDS:-5}
WINDOW=10
PORT=$(free_port)
write_conf2 lapak.cfg "$PORT" secret "window = $WINDOW;" 'handler = "echo";' \
    'limits = { mo_per_minute = 0; };' 'outbox = { retry_max = 1000; };'
rnd_ms() {	# rnd_ms MIN MAX: a random whole number of milliseconds
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $(($1 + r % ($2 - $1 + 1)))
}
ms_to_s() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
DUR=$((ROUNDS * 9 / 10 + 3))	# seconds of load: the kills happen inside it
start_sim_as load -v -p "$PORT" load -n 40 -r "${CRASH_RATE:-300}" -d "$DUR" --drain 30 --bind-timeout 20
start_lapakd lapak.cfg
wait_until 10 log_has_n 1 'link=smsc bound'
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	i=$((i + 1))
	sleep "$(ms_to_s "$(rnd_ms 150 800)")"
	kill9_lapakd
	sleep "$(ms_to_s "$(rnd_ms 0 250)")"
	start_lapakd lapak.cfg
done
check "$ROUNDS crashes done, lapakd running" lapakd_alive
wait_sim
JSON=$(tail -1 load.out)
echo "# load: $JSON"
mo=$(json_field "$JSON" mo_sent)
lost=$(json_field "$JSON" lost)
dup=$(json_field "$JSON" duplicated)
redel=$(json_field "$JSON" redelivered)
unm=$(json_field "$JSON" unmatched)
mt=$(json_field "$JSON" mt_received)
check "load printed its summary" [ -n "$mo" ] && [ -n "$mt" ]
: "${mo:=0}" "${lost:=-1}" "${dup:=-1}" "${redel:=0}" "${unm:=-1}" "${mt:=0}"
check "load sent a fair number of MOs ($mo)" [ "$mo" -ge $((DUR * ${CRASH_RATE:-300} / 2)) ]
check "no MO lost (load: lost=$lost)" [ "$lost" -eq 0 ]
check "no unmatched MT (load: unmatched=$unm)" [ "$unm" -eq 0 ]
stop_lapakd		# settle: the store is quiet now
check "lapakd exits 0 on SIGTERM after the crashes" [ "$rc" -eq 0 ]
stored=$(sql "select count(*) from inbox where repeat_of is null")
distinct=$(sql "select count(distinct text) from inbox")
repeats=$(sql "select count(*) from inbox where repeat_of is not null")
sent_rows=$(sql "select count(*) from outbox where state in (1, 2)")
repeat_rows=$(sql "select count(*) from outbox o join inbox i on i.id = o.inbox_id
    where i.repeat_of is not null and o.state in (1, 2)")
left=$(sql "select count(*) from outbox where state not in (1, 2)")
crashdup=$((mt - sent_rows))
echo "# store: stored=$stored distinct=$distinct repeats=$repeats replies_sent=$sent_rows not_sent=$left"
echo "# duplicate replies: $dup = $repeat_rows by redelivery (sim redelivered $redel MOs) + $crashdup resent in the crash window"
check "every MO stored exactly once ($stored = $mo)" [ "$stored" -eq "$mo" ]
check "distinct texts = MOs sent ($distinct)" [ "$distinct" -eq "$mo" ]
check "every reply left the outbox" [ "$left" -eq 0 ]
check "duplicates explained: redelivery + crash window = load's duplicated" \
    [ $((repeat_rows + crashdup)) -eq "$dup" ]
check "crash-window resends bounded (<= 2 windows a crash)" \
    [ "$crashdup" -ge 0 ] && [ "$crashdup" -le $((ROUNDS * 2 * WINDOW)) ]
check "redelivery repeats only after a crash" [ "$repeats" -le "$redel" ]
check "no sanitizer report" sanitizer_clean lapakd.log
finish
