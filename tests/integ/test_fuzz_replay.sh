#!/bin/sh
# Fuzz corpus replay (CI): builds every tests/fuzz/fuzz_*.c with the replay
# driver (no libFuzzer) against the module archives of BUILD under ASan+UBSan,
# replays its whole committed corpus (every crash ever found is kept there),
# then, when clang is present, a short libFuzzer pass of each target
# (FUZZ_SHORT seconds in all, default 20; FUZZ_SHORT=0 skips it).
# Usage: tests/integ/test_fuzz_replay.sh BUILD_DIR
BUILD=${1:-build/asan}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
PKGS="libsmpp34 sqlite3 libconfig libsodium libmicrohttpd"
CC=${CC:-cc}
OUT="$BUILD/fuzz-replay"
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS="suppressions=$ROOT/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# The archives must exist (make test builds them; a unit run may not have).
for m in gateway store commerce menus conf common; do
	[ -f "$BUILD/lib/lib$m.a" ] || make -s BUILD="$BUILD" \
	    SANITIZE=address,undefined OPT="-O1 -g" "$BUILD/lib/lib$m.a" \
	    >/dev/null || { bad "build lib$m.a"; }
done
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g -Wall \
    -Wextra -Werror -Wshadow -Wmissing-prototypes -Wcast-qual -I. \
    $(pkg-config --cflags $PKGS) -fno-omit-frame-pointer \
    -fsanitize=address,undefined -fno-sanitize-recover=all"
LIBS="$BUILD/lib/libgateway.a $BUILD/lib/libstore.a $BUILD/lib/libcommerce.a \
    $BUILD/lib/libmenus.a \
    $BUILD/lib/libconf.a $BUILD/lib/libcommon.a $(pkg-config --libs $PKGS) \
    -lev -lm"
mkdir -p "$OUT"
targets=""
for src in tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	targets="$targets $t"
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS -o "$OUT/$t" "$src" tests/fuzz/replay.c $LIBS; then
		bad "build $t"
		continue
	fi
	ok
	dir="tests/fuzz/corpus/$t"
	n=$(find "$dir" -type f 2>/dev/null | wc -l)
	if [ "$n" -eq 0 ]; then
		bad "$t: empty corpus $dir"
		continue
	fi
	if "$OUT/$t" "$dir" >"$OUT/$t.log" 2>&1; then
		ok
		echo "$t: $n corpus inputs replayed clean"
	else
		bad "$t: corpus replay crashed"
		tail -30 "$OUT/$t.log"
	fi
done

# A short libFuzzer pass of each target (clang only).
short=${FUZZ_SHORT:-20}
ntarg=$(echo $targets | wc -w)
if [ "$short" -gt 0 ] && command -v clang >/dev/null 2>&1; then
	per=$(( (short + ntarg - 1) / ntarg ))
	if FUZZ_SECONDS=$per FUZZ_BUILD="$BUILD/fuzz" sh scripts/fuzz.sh \
	    >"$OUT/short.log" 2>&1; then
		ok
		grep -E '^fuzz_' "$OUT/short.log"
	else
		bad "short libFuzzer pass (${per}s per target)"
		tail -30 "$OUT/short.log"
	fi
elif [ "$short" -gt 0 ]; then
	echo "skip fuzz: clang absent: no libFuzzer pass"
	skipped=1
else
	echo "fuzz: FUZZ_SHORT=0: no libFuzzer pass, as asked"
fi
echo "test_fuzz_replay: $passed passed, $failed failed, ${skipped:-0} skipped"
[ "$failed" -eq 0 ]
