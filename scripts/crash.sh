#!/bin/sh
# make crash: the long kill -9 run of issue 5. Runs tests/integ/test_crash.sh
# (echo load: every MO stored exactly once, duplicates explained) and
# tests/integ/test_crash_commerce.sh (commerce mix: no state change twice,
# stock/reserved invariants) with CRASH_ROUNDS (default 200) SIGKILLs of
# lapakd each, in a row, against the sanitizer build in BUILD (default
# build/crash). Prints each test's lines and a last line
# "crash: ROUNDS rounds, N passed, N failed, S s".
# Env: CRASH_ROUNDS (200), CRASH_RATE (MO/s), CRASH_MIX (both|echo|commerce),
# KEEP=1 keeps the logs.
BUILD=${1:-build/crash}
ROUNDS=${CRASH_ROUNDS:-200}
MIX=${CRASH_MIX:-both}
[ -x "$BUILD/bin/lapakd" ] || { echo "crash: no $BUILD/bin/lapakd (make BUILD=$BUILD all)" >&2; exit 2; }
t0=$(date +%s)
out=$(mktemp "${TMPDIR:-/tmp}/lapak-crash.XXXXXX")
case $MIX in
both) tests="test_crash test_crash_commerce" ;;
echo) tests="test_crash" ;;
commerce) tests="test_crash_commerce" ;;
*) echo "crash: CRASH_MIX is both, echo or commerce" >&2; exit 2 ;;
esac
for t in $tests; do
	CRASH_ROUNDS=$ROUNDS sh "tests/integ/$t.sh" "$BUILD" 2>&1 | tee -a "$out"
done
pass=0
fail=0
for t in $tests; do
	p=$(grep -E "^$t: [0-9]+ passed, [0-9]+ failed" "$out" | tail -1 |
	    sed -nE 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/p')
	if [ -z "$p" ]; then
		fail=$((fail + 1))
		continue
	fi
	pass=$((pass + ${p% *}))
	fail=$((fail + ${p#* }))
done
rm -f "$out"
secs=$(($(date +%s) - t0))
echo "crash: $ROUNDS rounds ($MIX), $pass passed, $fail failed, ${secs} s"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
