#!/bin/sh
# Static analysis (make static): cppcheck and clang-tidy (check list in
# .clang-tidy) over the C modules. Exits non-zero on any finding.
#   scripts/static.sh [cppcheck|tidy]     default: both
#   STATIC_JOBS=2   parallel clang-tidy processes (default: nproc)
#
# Suppression policy: a finding is fixed, or suppressed where it stands with
# /* cppcheck-suppress <id> ; <reason> */ or /* NOLINT(<check>): <reason> */
# on the line. Whole-check exclusions live here (cppcheck) and in .clang-tidy
# (clang-tidy), each with a one-line reason.
set -u
cd "$(dirname "$0")/.." || exit 1
WHAT=${1:-all}
DIRS="common conf menus commerce store gateway sim ctl export web bench"
PKGS="libsmpp34 sqlite3 libconfig libsodium libmicrohttpd xlsxwriter"
JOBS=${STATIC_JOBS:-$(nproc 2>/dev/null || echo 2)}
DEFS="-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DLAPAK_DATADIR=\"/x\""
rc=0

if [ "$WHAT" = all ] || [ "$WHAT" = cppcheck ]; then
	if ! command -v cppcheck >/dev/null 2>&1; then
		echo "static: cppcheck not found" >&2
		exit 2
	fi
	# variableScope: KNF declares locals at the top of a function.
	# missingIncludeSystem: system headers are not analysed.
	# shellcheck disable=SC2086
	if cppcheck -q -j "$JOBS" --std=c11 \
	    --enable=warning,style,performance,portability \
	    --inline-suppr --error-exitcode=1 \
	    --suppress=variableScope --suppress=missingIncludeSystem \
	    $DEFS -I. $DIRS; then
		echo "static: cppcheck clean"
	else
		echo "static: cppcheck findings above"
		rc=1
	fi
fi

if [ "$WHAT" = all ] || [ "$WHAT" = tidy ]; then
	TIDY=${CLANG_TIDY:-$(command -v clang-tidy || command -v clang-tidy-14)}
	if [ -z "$TIDY" ]; then
		echo "static: clang-tidy not found" >&2
		exit 2
	fi
	out=$(mktemp)
	trap 'rm -f "$out"' EXIT
	TIDY_CFLAGS="-std=c11 $DEFS -I. $(pkg-config --cflags $PKGS)"
	export TIDY TIDY_CFLAGS
	# shellcheck disable=SC2086,SC2016
	ls $(for d in $DIRS; do echo "$d/*.c"; done) |
	    xargs -P "$JOBS" -n 4 sh -c \
	    '"$TIDY" --quiet "$@" -- $TIDY_CFLAGS' tidy >"$out" 2>&1
	if grep -qE '(warning|error): ' "$out"; then
		grep -E -A3 '(warning|error): ' "$out"
		echo "static: clang-tidy: $(grep -cE '(warning|error): ' "$out") findings"
		rc=1
	else
		echo "static: clang-tidy clean"
	fi
fi
exit $rc
