#!/bin/sh
# make crash: the long kill -9 run of issue 5. Runs tests/integ/test_crash.sh
# with CRASH_ROUNDS (default 200) SIGKILLs of lapakd under load, in a row,
# against the sanitizer build in BUILD (default build/crash). Prints the
# test's lines and a last line "crash: ROUNDS rounds, N passed, N failed, S s".
# Env: CRASH_ROUNDS (200), CRASH_RATE (MO/s, 300), KEEP=1 keeps the logs.
BUILD=${1:-build/crash}
ROUNDS=${CRASH_ROUNDS:-200}
[ -x "$BUILD/bin/lapakd" ] || { echo "crash: no $BUILD/bin/lapakd (make BUILD=$BUILD all)" >&2; exit 2; }
t0=$(date +%s)
out=$(mktemp "${TMPDIR:-/tmp}/lapak-crash.XXXXXX")
CRASH_ROUNDS=$ROUNDS sh tests/integ/test_crash.sh "$BUILD" 2>&1 | tee "$out"
line=$(grep -E '^test_crash: [0-9]+ passed, [0-9]+ failed' "$out" | tail -1)
rm -f "$out"
secs=$(($(date +%s) - t0))
p=$(printf '%s\n' "$line" | sed -nE 's/.*: ([0-9]+) passed, ([0-9]+) failed/\1 \2/p')
[ -n "$p" ] || { echo "crash: $ROUNDS rounds, no result line, ${secs} s"; exit 1; }
echo "crash: $ROUNDS rounds, ${p% *} passed, ${p#* } failed, ${secs} s"
[ "${p#* }" -eq 0 ] && [ "${p% *}" -gt 0 ]
