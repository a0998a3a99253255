#!/bin/sh
# Runs every test and prints one closing line "tests: N passed, N failed".
# Usage: tests/run.sh BUILD_DIR [unit|integ]
BUILD=${1:-build}
WHAT=${2:-all}
passed=0
failed=0
failed_names=""
export LAPAK_BUILD="$BUILD"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

count() {	# name, output file, exit code
	p=$(grep -E '^[^ ]*:? ?[0-9]+ passed, [0-9]+ failed' "$2" | tail -1 |
	    sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/')
	if [ -n "$p" ]; then
		passed=$((passed + ${p% *}))
		failed=$((failed + ${p#* }))
	fi
	if [ "$3" -ne 0 ]; then
		[ -n "$p" ] && [ "${p#* }" -ne 0 ] || failed=$((failed + 1))
		failed_names="$failed_names $1"
	fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$WHAT" = all ] || [ "$WHAT" = unit ]; then
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		n=$(basename "$t")
		"$t" >"$tmp/$n.out" 2>&1
		rc=$?
		cat "$tmp/$n.out"
		count "$n" "$tmp/$n.out" $rc
	done
fi
if [ "$WHAT" = all ] || [ "$WHAT" = integ ]; then
	for t in tests/integ/test_*.sh; do
		[ -f "$t" ] || continue
		n=$(basename "$t" .sh)
		timeout 600 sh "$t" "$BUILD" >"$tmp/$n.out" 2>&1
		rc=$?
		cat "$tmp/$n.out"
		count "$n" "$tmp/$n.out" $rc
	done
fi
[ -n "$failed_names" ] && echo "failing:$failed_names"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
