#!/bin/sh
# Static analysis in CI: scripts/static.sh (cppcheck + clang-tidy with the
# committed .clang-tidy) must report zero findings. About 25 s on 2 cores.
# Skipped (counted as skipped) when the tools are not installed.
cd "$(dirname "$0")/../.." || exit 1
if ! command -v cppcheck >/dev/null 2>&1 ||
    ! { command -v clang-tidy || command -v clang-tidy-14; } >/dev/null 2>&1
then
	echo "skip cppcheck or clang-tidy missing"
	echo "test_static: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
if sh scripts/static.sh; then
	echo "test_static: 1 passed, 0 failed"
	exit 0
fi
echo "test_static: 0 passed, 1 failed"
exit 1
