#!/bin/sh
# make bench-search: CARI at regency scale, through SMPP against lapakd.
# Fills a durable store once over SMPP (lapak-sim fill: sellers DAFTAR, then
# JUAL one product after another, a seeded catalogue of unique everyday
# product names), then for each run copies that store, starts lapakd on the
# copy and runs lapak-sim search:
#   max     CARI as fast as a window of in-flight searches allows
#   rate R  CARI at R/s offered (BENCH_RATES; the last one only when the max
#           run reached it), p50/p99/max from MO queued to reply received
#   mixed   BENCH_MIX_CARI CARI/s plus BENCH_MIX_OTHER other commerce MO/s
#           (INFO, BELI, YA, PESANAN from buyers; HARGA, STOK, PRODUK, JUAL
#           from sellers), the p99 of each apart
# Reports lapakd's peak RSS (VmHWM) per run, the store's size after the fill
# and the fill time; prints a summary and one JSON line last.
#
# Env:
#   BENCH_PRODUCTS  products in the store (100000); 1000000 for the docs
#   BENCH_PER_SELLER products per seller (10): sellers = products / this
#   BENCH_SEED      catalogue seed (1): the same seed fills the same names
#   BENCH_SECONDS   length of each measured run (10)
#   BENCH_WARMUP    seconds at the run's rates before measuring (2)
#   BENCH_RATES     fixed CARI rates (100 500 2000)
#   BENCH_MIX_CARI, BENCH_MIX_OTHER  the mixed run's rates (500, 1000)
#   BENCH_BUYERS    phones sending CARI (5000)
#   BENCH_WINDOW    SMPP window both ways (64)
#   BENCH_DRAIN     seconds a run waits for late replies (120)
#   BENCH_KEEP=DIR  keep the filled store in DIR and reuse it next time when
#                   products, per-seller and seed match (else refill there)
#   BENCH_RUNS      which runs (max rates mixed)
set -e
BUILD=${1:-build/bench}
BIN=$(cd "$BUILD/bin" && pwd)
PRODUCTS=${BENCH_PRODUCTS:-100000}
PER=${BENCH_PER_SELLER:-10}
SEED=${BENCH_SEED:-1}
SECS=${BENCH_SECONDS:-10}
WARM=${BENCH_WARMUP:-2}
RATES=${BENCH_RATES:-100 500 2000}
MIXC=${BENCH_MIX_CARI:-500}
MIXO=${BENCH_MIX_OTHER:-1000}
BUYERS=${BENCH_BUYERS:-5000}
WIN=${BENCH_WINDOW:-64}
DRAIN=${BENCH_DRAIN:-120}
RUNS=${BENCH_RUNS:-max rates mixed}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lapak-bench-search.XXXXXX")
if [ -n "$BENCH_KEEP" ]; then
	mkdir -p "$BENCH_KEEP"
	STORE=$(cd "$BENCH_KEEP" && pwd)
else
	STORE=$WORK/store
	mkdir -p "$STORE"
fi
D=; SIM=
cleanup() {
	[ -n "$D" ] && kill -9 "$D" 2>/dev/null
	[ -n "$SIM" ] && kill -9 "$SIM" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# field NAME JSON: a number or string field of a one-line JSON object
field() { echo "$2" | sed -nE "s/.*\"$1\":\"?([^,\"}]*)\"?.*/\\1/p"; }
size_of() { if [ -f "$1" ]; then wc -c < "$1" | tr -d ' '; else echo 0; fi; }

# start_lapakd DIR PORT: lapakd on DIR/b.db (durable store, no rate limit)
start_lapakd() {
	umask 077
	cat > "$1/bench.cfg" <<CFG
smsc = { host = "127.0.0.1"; port = $2; system_id = "lapak"; password = "secret"; window = $WIN; };
store = { path = "$1/b.db"; };
handler = "commerce";
limits = { mo_per_minute = 0; };
log = { level = "warn"; };
CFG
	"$BIN/lapakd" -c "$1/bench.cfg" 2>> "$1/lapakd.log" &
	D=$!
}

# stop_lapakd: its peak RSS in kB into RSS, then SIGTERM (SIGKILL after 30 s)
stop_lapakd() {
	RSS=$(awk '/VmHWM/ {print $2}' /proc/$D/status 2>/dev/null)
	kill -TERM "$D" 2>/dev/null || true
	i=0
	while [ $i -lt 300 ] && [ -f /proc/$D/status ] &&
	    ! grep -q '^State:.*Z' /proc/$D/status 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
	kill -9 "$D" 2>/dev/null || true
	wait "$D" 2>/dev/null || true
	D=
}

# ---- the fill (once) ----
META="products=$PRODUCTS per=$PER seed=$SEED"
if [ -f "$STORE/b.db" ] && [ -f "$STORE/fill.json" ] &&
    [ "$(cat "$STORE/fill.meta" 2>/dev/null)" = "$META" ]; then
	FILL=$(cat "$STORE/fill.json")
	echo "bench-search: reusing the store in $STORE ($META)"
else
	rm -f "$STORE"/b.db* "$STORE/fill.json" "$STORE/fill.meta" "$STORE/lapakd.log"
	echo "bench-search: filling $PRODUCTS products ($PER per seller) over SMPP into $STORE"
	P=$(port)
	"$BIN/lapak-sim" -p "$P" -W "$WIN" fill -N "$PRODUCTS" -P "$PER" \
	    --seed "$SEED" > "$STORE/fill.out" 2> "$STORE/fill.err" &
	SIM=$!
	sleep 0.3
	start_lapakd "$STORE" "$P"
	frc=0
	wait $SIM || frc=$?
	SIM=
	FILL=$(tail -1 "$STORE/fill.out")
	# the store as the fill left it: the WAL is not yet checkpointed away
	DBB=$(size_of "$STORE/b.db"); WALB=$(size_of "$STORE/b.db-wal")
	stop_lapakd
	if [ $frc -ne 0 ] || [ -z "$FILL" ]; then
		echo "bench-search: the fill failed (exit $frc):" >&2
		tail -5 "$STORE/fill.err" "$STORE/lapakd.log" >&2
		exit 1
	fi
	FILL="${FILL%\}},\"db_bytes\":$DBB,\"wal_bytes\":$WALB,\"rss_kb\":${RSS:-0}}"
	echo "$FILL" > "$STORE/fill.json"
	echo "$META" > "$STORE/fill.meta"
fi
NPROD=$(field products "$FILL")
STOPPED=$(( $(size_of "$STORE/b.db") + $(size_of "$STORE/b.db-wal") ))
echo "fill: $(field products "$FILL") products from $(field sellers "$FILL") sellers in $(field seconds "$FILL") s ($(field mo_per_s "$FILL") MO/s), store $(field db_bytes "$FILL") B + WAL $(field wal_bytes "$FILL") B ($STOPPED B stopped), lapakd peak RSS $(field rss_kb "$FILL") kB"

# run NAME ARGS...: lapak-sim search on a fresh copy of the store; J is
# the sim's JSON line with name and rss_kb added
run() {
	name=$1; shift
	R=$WORK/run
	rm -rf "$R"; mkdir -p "$R"
	cp "$STORE/b.db" "$R/b.db"
	[ -f "$STORE/b.db-wal" ] && cp "$STORE/b.db-wal" "$R/b.db-wal"
	P=$(port)
	"$BIN/lapak-sim" -p "$P" -W "$WIN" search --products "$NPROD" \
	    --seed "$SEED" -n "$BUYERS" -d "$SECS" --warmup "$WARM" \
	    --drain "$DRAIN" "$@" \
	    > "$R/search.out" 2> "$R/search.err" &
	SIM=$!
	sleep 0.3
	start_lapakd "$R" "$P"
	src=0
	wait $SIM || src=$?
	SIM=
	stop_lapakd
	line=$(tail -1 "$R/search.out")
	case "$line" in
	'{"mode":"search"'*) ;;
	*)	echo "bench-search: run $name failed (exit $src):" >&2
		tail -5 "$R/search.err" "$R/lapakd.log" >&2
		line='{"mode":"search","failed":1}' ;;
	esac
	grep -v listening "$R/search.err" >&2 || true
	J="${line%\}},\"run\":\"$name\",\"rss_kb\":${RSS:-0}}"
}

show() {	# show JSON: one summary line of a run
	j=$1
	printf '%-10s CARI %6s/s sent %6s answered %6s  p50 %8s ms  p99 %8s ms  max %8s ms  no-match %s unanswered %s' \
	    "$(field run "$j")" "$(field searches_per_s "$j")" \
	    "$(field cari_sent "$j")" "$(field cari_answered "$j")" \
	    "$(field cari_p50_ms "$j")" "$(field cari_p99_ms "$j")" \
	    "$(field cari_max_ms "$j")" "$(field cari_nomatch "$j")" \
	    "$(field cari_unanswered "$j")"
	if [ "$(field other_sent "$j")" != 0 ]; then
		printf '\n%-10s other %5s/s sent %6s answered %6s  p50 %8s ms  p99 %8s ms  max %8s ms  not sent %s unanswered %s' \
		    "" "$(field other_per_s "$j")" "$(field other_sent "$j")" \
		    "$(field other_answered "$j")" "$(field other_p50_ms "$j")" \
		    "$(field other_p99_ms "$j")" "$(field other_max_ms "$j")" \
		    "$(field other_not_sent "$j")" \
		    "$(field other_unanswered "$j")"
	fi
	printf '  rss %s kB\n' "$(field rss_kb "$j")"
	e=$(field empty_queries "$j")
	[ -n "$e" ] && echo "           queries that found nothing: $e"
	return 0
}

echo "bench-search: $NPROD products, ${SECS}s runs, $BUYERS buyers, window $WIN (2 cores shared with the generator)"
RUNS_JSON=
MAXPS=0
for r in $RUNS; do
	case $r in
	max)
		run max -r 0
		MAXPS=$(field searches_per_s "$J")
		show "$J"
		RUNS_JSON="$RUNS_JSON${RUNS_JSON:+,}$J" ;;
	rates)
		last=$(echo $RATES | awk '{print $NF}')
		for rate in $RATES; do
			if [ "$rate" = "$last" ] && [ "$MAXPS" != 0 ] &&
			    awk -v m="$MAXPS" -v r="$rate" 'BEGIN { exit !(m < r) }'; then
				echo "rate $rate    skipped: the max run reached $MAXPS/s"
				continue
			fi
			run "rate$rate" -r "$rate"
			show "$J"
			RUNS_JSON="$RUNS_JSON${RUNS_JSON:+,}$J"
		done ;;
	mixed)
		run mixed -r "$MIXC" --other-rate "$MIXO"
		show "$J"
		RUNS_JSON="$RUNS_JSON${RUNS_JSON:+,}$J" ;;
	*)	echo "bench-search: unknown run $r" >&2; exit 2 ;;
	esac
done
echo "{\"bench\":\"search\",\"products\":$NPROD,\"seconds\":$SECS,\"store_bytes_stopped\":$STOPPED,\"fill\":$FILL,\"runs\":[$RUNS_JSON]}"
exit 0
