#!/bin/sh
# make bench-search in small: a 2,000-product store filled over SMPP, 2 s
# runs; the JSON line is well formed, every CARI got a reply and none came
# back empty. Also: the fill's catalogue is the same twice and its names are
# unique, and BENCH_KEEP reuses a filled store.
. tests/integ/lib.sh
setup "$1"
command -v python3 > /dev/null || skip_all "python3 missing"

"$BIN/lapak-sim" -p 0 fill -N 2000 -P 10 --seed 7 --dry-run > "$WORK/a.txt" 2> /dev/null
"$BIN/lapak-sim" -p 0 fill -N 2000 -P 10 --seed 7 --dry-run > "$WORK/b.txt" 2> /dev/null
check "fill --dry-run: 200 sellers DAFTAR" \
    [ "$(grep -c ' DAFTAR ' "$WORK/a.txt")" = 200 ]
check "fill --dry-run: 2000 JUAL" [ "$(grep -c ' JUAL ' "$WORK/a.txt")" = 2000 ]
check "the same seed fills the same catalogue" cmp -s "$WORK/a.txt" "$WORK/b.txt"
dups=$(grep ' JUAL ' "$WORK/a.txt" | cut -d' ' -f3- |
    sed -E 's/ [0-9]+rb [0-9]+$//' | tr 'A-Z' 'a-z' | sort | uniq -d | wc -l)
check "product names are unique" [ "$dups" -eq 0 ]

KEEPDIR=$WORK/keep
BENCH_PRODUCTS=2000 BENCH_SECONDS=2 BENCH_WARMUP=1 BENCH_RATES="100 500" \
    BENCH_DRAIN=20 BENCH_KEEP="$KEEPDIR" \
    sh "$TOP/scripts/bench_search.sh" "$BUILD" > "$WORK/bench.out" 2> "$WORK/bench.err"
rc=$?
check "bench_search.sh exits 0" [ $rc -eq 0 ]
tail -1 "$WORK/bench.out" > "$WORK/bench.json"

# checks.py prints "ok WHAT" or "FAIL WHAT" lines about the JSON line
cat > "$WORK/checks.py" <<'PY'
import json, sys
try:
    j = json.loads(open(sys.argv[1]).read())
except Exception as e:
    print("FAIL the last line is JSON:", e)
    sys.exit(0)
print("ok the last line is JSON")
f = j.get("fill", {})
print("ok" if f.get("products") == 2000 and f.get("not_listed") == 0 else "FAIL",
      "fill listed 2000 products", f.get("products"), f.get("not_listed"))
print("ok" if f.get("db_bytes", 0) > 0 and j.get("store_bytes_stopped", 0) > 0
      else "FAIL", "store size reported")
runs = {r.get("run"): r for r in j.get("runs", [])}
for name in ("max", "rate100", "rate500", "mixed"):
    r = runs.get(name)
    if r is None:
        print("FAIL run", name, "reported")
        continue
    good = (r.get("cari_sent", 0) > 0 and
            r["cari_answered"] == r["cari_sent"] and
            r["cari_unanswered"] == 0 and r["cari_hits"] == r["cari_sent"])
    print("ok" if good else "FAIL", name, "every CARI answered with results",
          r.get("cari_sent"), r.get("cari_answered"), r.get("cari_hits"))
    print("ok" if r.get("cari_nomatch") == 0 and r.get("empty_queries") == ""
          else "FAIL", name, "no query came back empty", r.get("empty_queries"))
    print("ok" if r.get("cari_p99_ms", 0) > 0 and r.get("rss_kb", 0) > 0
          else "FAIL", name, "p99 and rss reported")
m = runs.get("mixed", {})
print("ok" if m.get("other_sent", 0) > 0 and
      m.get("other_answered") == m.get("other_sent") and
      m.get("other_p99_ms", 0) > 0 else "FAIL",
      "mixed: the other MOs answered", m.get("other_sent"), m.get("other_answered"))
PY
python3 "$WORK/checks.py" "$WORK/bench.json" > "$WORK/checks.out"
while read -r res what; do
	if [ "$res" = ok ]; then ok "$what"; else fail "$what"; fi
done < "$WORK/checks.out"

BENCH_PRODUCTS=2000 BENCH_SECONDS=1 BENCH_WARMUP=0 BENCH_RUNS=max \
    BENCH_KEEP="$KEEPDIR" \
    sh "$TOP/scripts/bench_search.sh" "$BUILD" > "$WORK/again.out" 2>&1
check "BENCH_KEEP reuses the filled store" grep -q "reusing the store" "$WORK/again.out"
check "the reused store answers CARI" grep -q '"run":"max"' "$WORK/again.out"

[ "$T_FAIL" -ne 0 ] && { tail -20 "$WORK/bench.out" "$WORK/bench.err"; }
finish
