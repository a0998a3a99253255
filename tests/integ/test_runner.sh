#!/bin/sh
# tests/run.sh counts skipped checks in its closing line, and with CI set a
# skip fails the run unless the test is allowed to skip (LAPAK_SKIP_OK).
. tests/integ/lib.sh
setup "$1"
mkdir -p "$WORK/b/tests"
fake() {	# fake NAME LINE: a "unit test" printing LINE
	printf '#!/bin/sh\necho "%s"\n' "$2" > "$WORK/b/tests/$1"
	chmod +x "$WORK/b/tests/$1"
}
fake test_a "test_a: 3 passed, 0 failed, 1 skipped"
fake test_b "test_b: 2 passed, 0 failed"
env -u CI sh tests/run.sh "$WORK/b" unit > "$WORK/local.out" 2>&1
rc=$?
check "outside CI a skip passes (rc $rc)" [ "$rc" -eq 0 ]
check "closing line counts the skip" grep -qx 'tests: 5 passed, 0 failed, 1 skipped' "$WORK/local.out"
check "skipping test named" grep -q '^skipping: test_a' "$WORK/local.out"
CI=true sh tests/run.sh "$WORK/b" unit > "$WORK/ci.out" 2>&1
rc=$?
check "with CI an unexpected skip fails (rc $rc)" [ "$rc" -ne 0 ]
check "and is named" grep -q '^failing: test_a(skipped)' "$WORK/ci.out"
CI=true LAPAK_SKIP_OK=test_a sh tests/run.sh "$WORK/b" unit > "$WORK/ok.out" 2>&1
rc=$?
check "with CI an allowed skip passes (rc $rc)" [ "$rc" -eq 0 ]
rm -f "$WORK/b/tests/test_a"
CI=true sh tests/run.sh "$WORK/b" unit > "$WORK/none.out" 2>&1
check "no skip: 0 skipped" grep -qx 'tests: 2 passed, 0 failed, 0 skipped' "$WORK/none.out"
finish
