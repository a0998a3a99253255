#!/bin/sh
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for
# FUZZ_SECONDS (default 600), from its committed corpus; new inputs go to
# build/fuzz/corpus/<target> (merged back with FUZZ_MERGE=1). Crashes land in
# build/fuzz/crash/. Prints libFuzzer's last stats line per target.
#   scripts/fuzz.sh [target...]      (make fuzz / make fuzz-short)
#   FUZZ_SECONDS=20 FUZZ_JOBS=1 scripts/fuzz.sh fuzz_pdu
#   scripts/fuzz.sh -b               build only
set -u
cd "$(dirname "$0")/.." || exit 1
B=${FUZZ_BUILD:-build/fuzz}
SECS=${FUZZ_SECONDS:-600}
CLANG=${CLANG:-clang}
PKGS="libsmpp34 sqlite3 libconfig libsodium libmicrohttpd"
TARGETS_ALL="fuzz_pdu fuzz_codec fuzz_cmd fuzz_conf fuzz_menu fuzz_http"

build_only=0
if [ "${1:-}" = "-b" ]; then
	build_only=1
	shift
fi
targets=${*:-$TARGETS_ALL}

command -v "$CLANG" >/dev/null 2>&1 || {
	echo "fuzz: $CLANG not found" >&2
	exit 2
}
# The module code, instrumented for coverage, through the Makefile. Of
# gateway/ only the two files the targets use (the rest may be mid-change).
GW_OBJS="$B/obj/gateway/pdu.o $B/obj/gateway/codec.o"
# fuzz_http drives the whole gateway: libgateway.a, built only when asked for.
GW_LIB=""
case " $targets " in *" fuzz_http "*) GW_LIB="$B/lib/libgateway.a" ;; esac
# shellcheck disable=SC2086
make -s BUILD="$B" CC="$CLANG" SANITIZE=address,undefined OPT="-O1 -g" \
    CFLAGS="-fsanitize=fuzzer-no-link -Wno-unknown-warning-option" \
    $GW_OBJS $GW_LIB "$B/lib/libstore.a" "$B/lib/libcommerce.a" \
    "$B/lib/libmenus.a" \
    "$B/lib/libconf.a" "$B/lib/libcommon.a" >&2 || exit 1
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g \
    -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wcast-qual -I. \
    $(pkg-config --cflags $PKGS) -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
LIBS="$GW_OBJS $B/lib/libstore.a $B/lib/libcommerce.a $B/lib/libmenus.a \
    $B/lib/libconf.a $B/lib/libcommon.a $(pkg-config --libs $PKGS) -lev -lm"
mkdir -p "$B/bin" "$B/crash" "$B/log"
for t in $targets; do
	if [ "$t" = fuzz_http ]; then
		# shellcheck disable=SC2086
		$CLANG $CFLAGS -o "$B/bin/$t" "tests/fuzz/$t.c" $GW_LIB \
		    ${LIBS#"$GW_OBJS"} || exit 1
		continue
	fi
	# shellcheck disable=SC2086
	$CLANG $CFLAGS -o "$B/bin/$t" "tests/fuzz/$t.c" $LIBS || exit 1
done
[ "$build_only" -eq 1 ] && exit 0

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS="suppressions=$(pwd)/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
rc=0
for t in $targets; do
	mkdir -p "$B/corpus/$t"
	dict=""
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	log="$B/log/$t.log"
	# shellcheck disable=SC2086
	"$B/bin/$t" $dict -max_total_time="$SECS" -timeout=10 \
	    -rss_limit_mb=2048 -max_len=70000 -print_final_stats=1 \
	    -artifact_prefix="$B/crash/$t-" \
	    "$B/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
	r=$?
	stats=$(grep -E '^#[0-9]+' "$log" | tail -1)
	execs=$(grep -E '^stat::number_of_executed_units' "$log" |
	    awk '{print $2}')
	echo "$t: rc=$r execs=${execs:-?} last: $stats"
	if [ "$r" -ne 0 ]; then
		rc=1
		grep -E 'ERROR|SUMMARY|property failed|Test unit written' \
		    "$log" | head -5
	fi
	if [ "${FUZZ_MERGE:-0}" = 1 ]; then
		"$B/bin/$t" -merge=1 "tests/fuzz/corpus/$t" "$B/corpus/$t" \
		    >>"$log" 2>&1
	fi
done
exit $rc
