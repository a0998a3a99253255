#!/bin/sh
# make bench-web in small: scripts/bench_web.sh builds a 2,000-product store
# (row counts, CARI's index, the URL list's mix), BENCH_KEEP reuses it, the
# placeholder lapak-web is refused clearly, and a short run against a
# stand-in web server (tests/integ/webload_server.py answers 200 to any
# path) beside lapakd under lapak-sim's commerce load gives one JSON line
# with both p99s read. Targets are set out of reach of failing here: this
# checks the plumbing, not the machine (make bench-web does that).
. tests/integ/lib.sh
setup "$1"
for t in python3 sqlite3 curl; do
	command -v $t > /dev/null || skip_all "$t missing"
done
[ -x "$BUILD/tools/webload" ] || { fail "no $BUILD/tools/webload"; finish; }
KEEPDIR=$WORK/keep
small() {
	BENCH_WEB_PRODUCTS=2000 BENCH_WEB_SHOPS=400 BENCH_WEB_DISTRICTS=4 \
	    BENCH_WEB_VILLAGES=5 BENCH_WEB_URLS=1000 BENCH_KEEP=$KEEPDIR \
	    BENCH_WEB_PHONES=100 "$@"
}

small env BENCH_WEB_STORE_ONLY=1 sh "$TOP/scripts/bench_web.sh" "$BUILD" \
    > "$WORK/store.out" 2> "$WORK/store.err"
rc=$?
check "store only: exit 0" [ $rc = 0 ]
DB=$KEEPDIR/web.db
q() { sqlite3 "$DB" "$1"; }
check "4 districts, 20 villages under the regency" \
    [ "$(q "SELECT count(*) FROM places WHERE level = 3 AND parent = '35.90'") $(q "SELECT count(*) FROM places WHERE level = 4")" = "4 20" ]
check "400 shops, each in a village of the regency" \
    [ "$(q "SELECT count(*) FROM sellers s JOIN places p ON p.code = s.place AND p.level = 4")" = 400 ]
check "2000 products, each with a shop, price, unit and the shop's village" \
    [ "$(q "SELECT count(*) FROM products p JOIN sellers s ON s.id = p.seller_id WHERE p.price_rp > 0 AND p.unit <> '' AND p.place = s.place")" = 2000 ]
check "every shop has a product" \
    [ "$(q "SELECT count(DISTINCT seller_id) FROM products")" = 400 ]
check "some sold out, some delisted, most listed" \
    sh -c "[ $(q "SELECT count(*) FROM products WHERE stock = 0 AND active = 1") -gt 50 ] && [ $(q "SELECT count(*) FROM products WHERE active = 0") -gt 10 ] && [ $(q "SELECT count(*) FROM products WHERE active = 1 AND stock > 0") -gt 1500 ]"
check "CARI's index built (postings for listed products)" \
    [ "$(q "SELECT count(DISTINCT pid) FROM search_post")" = "$(q "SELECT count(*) FROM products WHERE active = 1 AND stock > reserved")" ]
check "lapak-sim's busy products P1..P5 keep a large stock" \
    [ "$(q "SELECT min(stock) FROM products WHERE id <= 5")" = 1000000 ]
check "shop names carry no phone-like digit runs" \
    [ "$(q "SELECT count(*) FROM sellers WHERE shop GLOB '*[0-9][0-9][0-9]*'")" = 0 ]
U=$KEEPDIR/urls.txt
check "1000 URLs: every kind present" \
    sh -c "[ \$(wc -l < $U) = 1000 ] && grep -q '^/p/35.90.0[1-4]\$' $U && grep -q '^/p/35.90.0[1-4].200[1-5]' $U && grep -q '^/s/[0-9]' $U && grep -q '^/i/P[0-9]' $U && grep -q '^/cari?q=' $U"
check "product pages are the largest share (55%)" \
    sh -c "[ \$(grep -c '^/i/' $U) -gt 450 ] && [ \$(grep -c '^/i/' $U) -lt 650 ]"
check "URLs name only stored products and shops" \
    sh -c "! grep -o '^/i/P[0-9]*' $U | sed 's,/i/P,,' | sort -u | while read -r p; do [ \$(sqlite3 $DB \"SELECT active FROM products WHERE id = \$p\") = 1 ] || echo bad; done | grep -q bad"

small env BENCH_WEB_STORE_ONLY=1 sh "$TOP/scripts/bench_web.sh" "$BUILD" \
    > "$WORK/store2.out" 2>&1
check "BENCH_KEEP: the store is reused" grep -q 'reusing the store' "$WORK/store2.out"

if grep -q 'lapak-web: not built yet' "$BIN/lapak-web" 2>/dev/null; then
	small sh "$TOP/scripts/bench_web.sh" "$BUILD" > "$WORK/ph.out" 2>&1
	rc=$?
	check "the placeholder lapak-web: exit 1 with a clear message" \
	    sh -c "[ $rc = 1 ] && grep -q 'placeholder' $WORK/ph.out"
fi

# the whole run against a stand-in server, short and slow
python3 "$TOP/tests/integ/webload_server.py" "$WORK/srv.port" "$WORK/srv.log" \
    2> /dev/null &
SRV=$!
i=0
while [ ! -f "$WORK/srv.port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
small env BENCH_WEB_URL="http://127.0.0.1:$(cat "$WORK/srv.port")" \
    BENCH_WEB_RATE=100 BENCH_WEB_SECONDS=2 BENCH_WEB_WARMUP=1 \
    BENCH_WEB_MO_RATE=100 BENCH_WEB_BASELINE=2 BENCH_WEB_P99_MS=100000 \
    BENCH_MO_P99_MS=100000 sh "$TOP/scripts/bench_web.sh" "$BUILD" \
    > "$WORK/run.out" 2> "$WORK/run.err"
rc=$?
kill "$SRV" 2>/dev/null; wait "$SRV" 2>/dev/null
J=$(tail -1 "$WORK/run.out")
f() { echo "$J" | sed -nE "s/.*\"$1\":\"?([^,\"}]*)\"?.*/\\1/p" | head -1; }
check "run: exit 0 with the targets out of reach" [ $rc = 0 ]
check "run: JSON last, web and MO p99 read" \
    sh -c "echo '$J' | grep -q '^{\"bench\":\"web\"' && [ -n '$(f web_p99_ms)' ] && [ '$(f mo_p99_ms)' != -1 ]"
check "run: 200 pages due, 200 answered" \
    sh -c "echo '$J' | grep -q '\"scheduled\":200,\"sent\":200,\"completed\":200,\"ok\":200'"
check "run: the stand-in saw the warm-up, the checks and the pages" \
    [ "$(wc -l < "$WORK/srv.log")" -ge 300 ]
check "run: MOs answered, none lost, baseline too" \
    sh -c "echo '$J' | grep -q '\"lost\":0,' && echo '$J' | grep -q '\"mo_alone\":{\"mo_sent\"'"
check "run: pass reported" sh -c "echo '$J' | grep -q '\"pass\":true'"
finish
