#!/bin/sh
# Runs every tests/scenarios/*.scn through lapak-sim (script mode) against a
# fresh lapakd with the commerce handler and an empty store, two at a time.
# A scenario's "# conf: LINE" comments are added to its lapakd config (else
# the rate limit is off: scenarios send many messages from one number).
# Usage: sh tests/integ/test_commerce_scenarios.sh BUILD [NAME.scn ...]
. tests/integ/lib.sh
setup "$1"
shift
TOP=$(pwd)
if [ $# -gt 0 ]; then
	LIST=""; for s in "$@"; do LIST="$LIST $TOP/tests/scenarios/${s%.scn}.scn"; done
else
	LIST=$(ls "$TOP"/tests/scenarios/*.scn)
fi

# run_one FILE: in its own folder under $WORK; leaves DIR/sim.out, DIR/rc.
run_one() {
	scn=$1; n=$(basename "$scn" .scn); d="$WORK/$n"
	mkdir -p "$d"
	port=$(free_port)
	conf=$(sed -n "s/^# conf: //p" "$scn")
	grep -q "^# conf: limits" "$scn" || conf="limits = { mo_per_minute = 0; };
$conf"
	(
		cd "$d"
		IFS='
'
		# shellcheck disable=SC2086
		write_conf lapak.cfg "$port" $conf
		unset IFS
		t0=$(date +%s)
		"$BIN/lapak-sim" -p "$port" script "$scn" > sim.out 2> sim.err &
		sp=$!
		wait_until 10 grep -q listening sim.err
		"$BIN/lapakd" -c lapak.cfg > lapakd.log 2>&1 &
		dp=$!
		timeout 50 sh -c "while kill -0 $sp 2>/dev/null; do sleep 0.1; done"
		kill -9 $sp 2>/dev/null
		wait $sp
		echo $? > rc
		kill -TERM $dp 2>/dev/null
		wait $dp
		echo $? > drc
		echo $(($(date +%s) - t0)) > secs
	)
}

T0=$(date +%s)
set -- $LIST
while [ $# -gt 0 ]; do
	run_one "$1" & p1=$!
	p2=""
	[ $# -gt 1 ] && { run_one "$2" & p2=$!; }
	wait $p1; [ -n "$p2" ] && wait $p2
	shift; [ $# -gt 0 ] && shift
done
for f in $LIST; do
	n=$(basename "$f" .scn); d="$WORK/$n"
	echo "# $n ($(cat "$d/secs") s)"
	count_script "$d/sim.out"
	check "$n: lapak-sim exit 0" [ "$(cat "$d/rc")" = 0 ]
	check "$n: lapakd clean exit" [ "$(cat "$d/drc")" = 0 ]
	check "$n: no sanitizer report" sanitizer_clean "$d/lapakd.log"
done
echo "# all scenarios took $(($(date +%s) - T0)) s"
finish
