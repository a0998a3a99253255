#!/bin/sh
# Soak, CI version of `make soak`: scripts/soak.sh for 120 s at 300 MO/s
# (SMS commerce on one link, USSD on another) against a plain -O2 build in
# build/soak (sanitizer quarantine would hide the RSS trend), asserting no
# MO lost, no duplicate, RSS and fds flat after warm-up, the WAL bounded by
# checkpoints, the database growing in proportion, a clean SIGTERM exit.
# SOAK_SECONDS overrides the length. ($1, the sanitizer build, is unused.)
. tests/integ/lib.sh
setup "$1"
SB=${SOAK_BUILD:-build/soak}
if ! make -s BUILD="$SB" OPT="-O2 -g" SANITIZE= all > "$WORK/make.out" 2>&1; then
	fail "make BUILD=$SB all"; cat "$WORK/make.out"; finish
fi
SOAK_SECONDS=${SOAK_SECONDS:-120} SOAK_DIR="$WORK/soak" sh scripts/soak.sh "$SB" > "$WORK/soak.out" 2>&1
rc=$?
cat "$WORK/soak.out"
count_script "$WORK/soak.out"
check "soak.sh exits 0" [ "$rc" -eq 0 ]
finish
