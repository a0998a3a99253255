#!/bin/sh
# make bench-web (issue 14): lapak-web's catalogue under an open-loop load
# while lapakd serves SMS commerce beside it, on one store.
#   1. the store: lapakctl creates the schema and loads a generated regency
#      (districts, villages: `lapakctl places load`), then the sqlite3 shell
#      writes BENCH_WEB_SHOPS shops and BENCH_WEB_PRODUCTS products straight
#      into the schema (realistic-ish Indonesian shop and product names,
#      prices, units, stock; one product in 12 sold out, one in 50
#      delisted), and lapakctl builds CARI's word index once;
#   2. a URL list: catalogue pages (the regency, its districts, villages),
#      shop pages, product pages and searches (typos included), in the mix
#      below, shuffled by the seed;
#   3. optionally a baseline: lapakd alone under lapak-sim's commerce load;
#   4. the run: lapakd + lapak-sim load at BENCH_WEB_MO_RATE commerce MO/s,
#      lapak-web on the same store, and bench/webload offering
#      BENCH_WEB_RATE pages/s for BENCH_WEB_SECONDS (after a warm-up) over
#      the URL list: the web p99 beside the MO p99, pass or fail against the
#      targets, one JSON line last. Exit 0 when both targets are met.
# Each run works on a fresh copy of the store (the MO load writes to it).
#
# Env (defaults in brackets):
#   BENCH_WEB_RATE      pages/s offered [2000]
#   BENCH_WEB_SECONDS   measured seconds [30]
#   BENCH_WEB_WARMUP    seconds of load before measuring [3]
#   BENCH_WEB_CONNS     webload's connection cap [256]
#   BENCH_WEB_TIMEOUT   seconds before a page counts as a timeout [10]
#   BENCH_WEB_MO_RATE   commerce MO/s beside it [1000]
#   BENCH_WEB_PHONES    lapak-sim's phones [1000]
#   BENCH_WEB_BASELINE  seconds of MO load alone before the run [10]; 0: none
#   BENCH_WEB_P99_MS    the web target [50]; BENCH_MO_P99_MS the MO one [10]
#   BENCH_WEB_PRODUCTS  products [100000]; BENCH_WEB_SHOPS shops [20000]
#   BENCH_WEB_DISTRICTS [24]; BENCH_WEB_VILLAGES villages per district [12]
#   BENCH_WEB_MIX       URL mix in percent, "regency district village shop
#                       product search" [2 3 5 25 55 10]
#   BENCH_WEB_URLS      lines in the URL list [20000]; BENCH_SEED [1]
#   BENCH_WEB_URL       http://ADDR:PORT of a web server already running on a
#                       copy of the store (nginx in front of lapak-web, or a
#                       stand-in): no lapak-web is started
#   BENCH_WEB_CONF      extra libconfig lines for lapak-web's config
#   BENCH_WEB_KEYS      extra keys inside its web = { ... } group, e.g.
#                       "threads = 2; nice = 0;"
#   BENCH_WEB_STORE_ONLY=1  build (or reuse) the store and the URL list,
#                       print their counts and stop
#   BENCH_KEEP=DIR      keep the built store in DIR and reuse it while the
#                       sizes and seed match
# Needs: python3, sqlite3, curl; lapak-web built (not the placeholder).
set -e
BUILD=${1:-build/bench}
BIN=$(cd "$BUILD/bin" && pwd)
TOOLS=$(cd "$BUILD/tools" 2>/dev/null && pwd || echo "$BUILD/tools")
RATE=${BENCH_WEB_RATE:-2000}
SECS=${BENCH_WEB_SECONDS:-30}
WARM=${BENCH_WEB_WARMUP:-3}
CONNS=${BENCH_WEB_CONNS:-256}
WTMO=${BENCH_WEB_TIMEOUT:-10}
MORATE=${BENCH_WEB_MO_RATE:-1000}
PHONES=${BENCH_WEB_PHONES:-1000}
BASE=${BENCH_WEB_BASELINE:-10}
WEB_T=${BENCH_WEB_P99_MS:-50}
MO_T=${BENCH_MO_P99_MS:-10}
PRODUCTS=${BENCH_WEB_PRODUCTS:-100000}
SHOPS=${BENCH_WEB_SHOPS:-20000}
DISTRICTS=${BENCH_WEB_DISTRICTS:-24}
VILLAGES=${BENCH_WEB_VILLAGES:-12}
MIX=${BENCH_WEB_MIX:-2 3 5 25 55 10}
NURLS=${BENCH_WEB_URLS:-20000}
SEED=${BENCH_SEED:-1}
REGENCY=35.90
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

die() { echo "bench-web: $*" >&2; exit 1; }
for t in sqlite3 curl "$PY"; do
	command -v "$t" > /dev/null || die "$t missing (scripts/deps.sh)"
done
[ -x "$TOOLS/webload" ] || die "$TOOLS/webload missing (make BUILD=$BUILD tools)"
[ -x "$BIN/lapakd" ] && [ -x "$BIN/lapak-sim" ] && [ -x "$BIN/lapakctl" ] ||
    die "lapakd, lapak-sim or lapakctl missing in $BIN (make BUILD=$BUILD all)"
if [ -z "$BENCH_WEB_STORE_ONLY" ] && [ -z "$BENCH_WEB_URL" ]; then
	[ -x "$BIN/lapak-web" ] || die "$BIN/lapak-web missing: issue 14's server is not built"
	if grep -q 'lapak-web: not built yet' "$BIN/lapak-web"; then
		die "$BIN/lapak-web is the placeholder main (issue 14's server not merged yet); nothing to measure"
	fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/lapak-bench-web.XXXXXX")
if [ -n "$BENCH_KEEP" ]; then
	mkdir -p "$BENCH_KEEP"
	STORE=$(cd "$BENCH_KEEP" && pwd)
else
	STORE=$WORK/store
	mkdir -p "$STORE"
fi
D=; SIM=; WEB=
stop_pid() {	# stop_pid PID: SIGTERM, SIGKILL after 20 s
	[ -n "$1" ] || return 0
	kill -TERM "$1" 2>/dev/null || true
	i=0
	while [ $i -lt 200 ] && kill -0 "$1" 2>/dev/null &&
	    ! grep -q '^State:.*Z' /proc/"$1"/status 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
	kill -9 "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
cleanup() {
	for p in $WEB $SIM $D; do kill -9 "$p" 2>/dev/null || true; done
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# field NAME JSON: a number or string field of a one-line JSON object
field() { echo "$2" | sed -nE "s/.*\"$1\":\"?([^,\"}]*)\"?.*/\\1/p"; }

# ---- 1. the store (and 2. the URL list), once ----
TAG="products=$PRODUCTS shops=$SHOPS districts=$DISTRICTS villages=$VILLAGES seed=$SEED phones=$PHONES urls=$NURLS mix=$MIX"
if [ -f "$STORE/web.db" ] && [ -f "$STORE/urls.txt" ] &&
    [ "$(cat "$STORE/tag" 2>/dev/null)" = "$TAG" ]; then
	echo "bench-web: reusing the store in $STORE ($TAG)"
	BUILD_S=0
else
	rm -f "$STORE"/web.db* "$STORE/tag" "$STORE/urls.txt"
	echo "bench-web: building a store of $PRODUCTS products in $SHOPS shops over $DISTRICTS x $VILLAGES villages in $STORE"
	t0=$(date +%s.%N)
	umask 077
	cat > "$STORE/build.cfg" <<CFG
smsc = { host = "127.0.0.1"; port = 2775; system_id = "lapak"; password = "secret"; };
store = { path = "$STORE/web.db"; };
CFG
	"$BIN/lapakctl" -c "$STORE/build.cfg" stats -k > /dev/null
	# the generator writes places.csv, store.sql and urls.txt
	"$PY" - "$STORE" "$PRODUCTS" "$SHOPS" "$DISTRICTS" "$VILLAGES" "$SEED" \
	    "$PHONES" "$NURLS" "$REGENCY" $MIX <<'PY'
import random, sys, time, urllib.parse
out, P, S, ND, NV, seed, phones, nurls, reg = sys.argv[1:10]
P, S, ND, NV, seed, phones, nurls = map(int, (P, S, ND, NV, seed, phones, nurls))
mix = [int(x) for x in sys.argv[10:16]]
if len(mix) != 6 or sum(mix) <= 0:
    sys.exit("bench-web: BENCH_WEB_MIX wants 6 numbers")
rnd = random.Random(seed)

# places: names as villages in Java are often made, a stem and an ending
stems = ["Sumber", "Karang", "Tegal", "Sido", "Wono", "Kali", "Banyu", "Jati",
         "Gunung", "Watu", "Kebon", "Rejo", "Mulyo", "Sri", "Tanjung", "Pagar",
         "Sambi", "Pandan", "Dadap", "Kemiri", "Glagah", "Ngadi", "Tambak",
         "Bangun", "Suko", "Tirto", "Purwo", "Rowo", "Mojo", "Kedung"]
ends = ["rejo", "sari", "mulyo", "agung", "harjo", "makmur", "jaya", "asri",
        "wangi", "kerto", "arum", "dadi", "luhur", "kidul", "lor", "wetan",
        "kulon", "ayu", "gede", "anom"]
names = sorted({a + b for a in stems for b in ends})
rnd.shuffle(names)
if ND * NV + ND > len(names):
    sys.exit("bench-web: at most %d places can be named" % len(names))
with open(out + "/places.csv", "w") as f:
    f.write("code,name,level,parent\n")
    f.write("35,Jawa Timur,province,\n")
    f.write("%s,Wanasari,regency,35\n" % reg)
    districts, villages = [], []
    k = 0
    for d in range(1, ND + 1):
        dc = "%s.%02d" % (reg, d)
        f.write("%s,%s,district,%s\n" % (dc, names[k], reg))
        districts.append(dc)
        k += 1
        for v in range(1, NV + 1):
            vc = "%s.%04d" % (dc, 2000 + v)
            f.write("%s,%s,village,%s\n" % (vc, names[k], dc))
            villages.append((vc, names[k]))
            k += 1

def q(s):
    return "'" + s.replace("'", "''") + "'"

shop_kind = ["Toko", "Warung", "Kios", "UD", "Dapur", "Kedai", "Lapak",
             "Rumah", "Griya", "Sentra"]
shop_mid = ["Berkah", "Sumber Rejeki", "Maju", "Makmur", "Sejahtera",
            "Barokah", "Mandiri", "Lestari", "Bu Sri", "Pak Darto",
            "Mbak Yuni", "Bu Tini", "Pak Slamet", "Bu Ani", "Pak Joko",
            "Mak Ijah", "Bu Endang", "Pak Wahyu", "Cahaya", "Rahayu",
            "Sari Rasa", "Tani Subur", "Kembang", "Melati", "Anugerah",
            "Sinar", "Harapan", "Bu Lastri", "Pak Karno", "Mbak Wulan"]
shop_end = ["", "", "", "Jaya", "Abadi", "Sentosa", "Asri", "Mulia",
            "Bersaudara", "Dua", "Tiga", "Indah"]
# product stems: name, unit, typical price in rupiah
goods = [("Keripik Singkong", "bungkus", 12000), ("Keripik Pisang", "bungkus", 15000),
         ("Keripik Tempe", "bungkus", 13000), ("Kopi Bubuk", "bungkus", 25000),
         ("Kopi Robusta", "kg", 90000), ("Gula Aren", "kg", 30000),
         ("Madu Hutan", "botol", 85000), ("Beras Merah", "kg", 18000),
         ("Beras Pandan Wangi", "kg", 16000), ("Sambal Bawang", "botol", 22000),
         ("Kerupuk Udang", "bungkus", 20000), ("Dodol Nanas", "kotak", 18000),
         ("Tempe", "papan", 5000), ("Tahu Kuning", "bungkus", 8000),
         ("Telur Ayam Kampung", "butir", 2500), ("Minyak Kelapa", "liter", 35000),
         ("Kain Batik", "lembar", 150000), ("Tas Anyaman", "buah", 75000),
         ("Sapu Lidi", "ikat", 10000), ("Teh Hijau", "bungkus", 15000),
         ("Jahe Merah", "kg", 40000), ("Emping Melinjo", "kg", 70000),
         ("Rengginang", "bungkus", 14000), ("Abon Sapi", "toples", 55000),
         ("Bawang Goreng", "toples", 30000), ("Ikan Asin", "kg", 60000),
         ("Terasi Udang", "bungkus", 9000), ("Kacang Mete", "kg", 140000),
         ("Kue Kering", "toples", 45000), ("Bolu Pandan", "kotak", 35000),
         ("Keset Sabut Kelapa", "buah", 25000), ("Tikar Pandan", "lembar", 65000),
         ("Vanili Kering", "ons", 50000), ("Pisang Agung", "sisir", 20000),
         ("Salak Pondoh", "kg", 15000), ("Jeruk Siam", "kg", 17000),
         ("Cabai Rawit", "kg", 45000), ("Bawang Merah", "kg", 38000),
         ("Ayam Kampung", "ekor", 80000), ("Susu Kambing", "liter", 30000),
         ("Gerabah Tanah Liat", "buah", 40000), ("Wedang Uwuh", "bungkus", 12000),
         ("Pecel Instan", "bungkus", 15000), ("Kecap Manis", "botol", 18000),
         ("Tape Singkong", "bungkus", 10000), ("Jamu Kunyit Asam", "botol", 12000)]
variants = ["", "", "Pedas", "Manis", "Original", "Balado", "Super", "Asli",
            "Premium", "Khas Desa", "Rasa Jeruk", "Kemasan Kecil",
            "Kemasan Besar", "Organik", "Segar", "Pilihan", "Oleh-oleh",
            "Gurih", "Renyah", "Tradisional"]

now = int(time.time())
sql = open(out + "/store.sql", "w")
w = sql.write
w("PRAGMA journal_mode = WAL;\nPRAGMA synchronous = OFF;\nBEGIN;\n")
vw = [rnd.uniform(0.3, 2.0) for _ in villages]
shop_vil = rnd.choices(range(len(villages)), weights=vw, k=S)
for i in range(1, S + 1):
    vc, vn = villages[shop_vil[i - 1]]
    name = " ".join(x for x in (rnd.choice(shop_kind), rnd.choice(shop_mid),
                                rnd.choice(shop_end)) if x)
    created = now - rnd.randrange(30, 700) * 86400
    w("INSERT INTO sellers (id, msisdn, shop, village, created_s, updated_s,"
      " place) VALUES (%d, '+62812%07d', %s, %s, %d, %d, %s);\n"
      % (i, i, q(name), q(vn), created, created, q(vc)))
# every shop one product, the rest to shops by a skewed weight
owner = list(range(1, S + 1)) + rnd.choices(
    range(1, S + 1), weights=[rnd.paretovariate(1.5) for _ in range(S)],
    k=max(0, P - S))
owner = owner[:P]
rnd.shuffle(owner)
# lapak-sim load's commerce mix buys and asks about P1 .. P(phones/20):
# those keep a large stock as its setup products would
busy = max(1, phones // 20)
active_ids, words = [], []
for p in range(1, P + 1):
    g, unit, price = rnd.choice(goods)
    v = rnd.choice(variants)
    name = g + (" " + v if v else "")
    price = max(500, int(price * rnd.uniform(0.7, 1.4)) // 500 * 500)
    stock = 1000000 if p <= busy else (0 if rnd.random() < 1 / 12 else
                                       rnd.randrange(1, 300))
    active = 0 if p > busy and rnd.random() < 1 / 50 else 1
    s = owner[p - 1]
    vc = villages[shop_vil[s - 1]][0]
    created = now - rnd.randrange(1, 300) * 86400
    w("INSERT INTO products (id, seller_id, name, unit, price_rp, stock,"
      " active, created_s, place, delisted_s) VALUES (%d, %d, %s, %s, %d, %d,"
      " %d, %d, %s, %s);\n" % (p, s, q(name), q(unit), price, stock, active,
                              created, q(vc), "NULL" if active else
                              str(created + 86400)))
    w("INSERT INTO price_history (product_id, old_rp, new_rp, at_s) VALUES"
      " (%d, NULL, %d, %d);\n" % (p, price, created))
    if active:
        active_ids.append(p)
# CARI's index is built by the next writer that opens the store
w("DELETE FROM meta WHERE k = 'search_index';\nCOMMIT;\n")
w("PRAGMA wal_checkpoint(TRUNCATE);\n")
sql.close()

def typo(word):
    if len(word) < 5:
        return word
    i = rnd.randrange(1, len(word) - 2)
    if rnd.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:]

kinds = rnd.choices(range(6), weights=mix, k=nurls)
shops_used = sorted(set(owner))
with open(out + "/urls.txt", "w") as f:
    for k in kinds:
        if k == 0:
            u = "/"
        elif k == 1:
            u = "/p/" + rnd.choice(districts)
        elif k == 2:
            u = "/p/" + rnd.choice(villages)[0]
        elif k == 3:
            u = "/s/%d" % rnd.choice(shops_used)
        elif k == 4:
            u = "/i/P%d" % rnd.choice(active_ids)
        else:
            g = rnd.choice(goods)[0].lower().split()
            r = rnd.random()
            if r < 0.25 and len(g) > 1:
                qy = " ".join(g[:2])
            elif r < 0.55:
                qy = typo(rnd.choice(g))
            else:
                qy = rnd.choice(g)
            u = "/cari?q=" + urllib.parse.quote_plus(qy)
        if rnd.random() < 0.05:
            u += ("&" if "?" in u else "?") + "lang=en"
        f.write(u + "\n")
with open(out + "/expect", "w") as f:
    f.write("%d %d %d %d\n" % (len(districts), len(villages), S, P))
PY
	"$BIN/lapakctl" -c "$STORE/build.cfg" places load "$STORE/places.csv" > "$STORE/places.out"
	sqlite3 "$STORE/web.db" < "$STORE/store.sql" > /dev/null
	# a writer's open builds CARI's word index (store/search.c)
	"$BIN/lapakctl" -c "$STORE/build.cfg" stats -k > /dev/null
	sqlite3 "$STORE/web.db" 'PRAGMA wal_checkpoint(TRUNCATE);' > /dev/null
	rm -f "$STORE/store.sql"
	t1=$(date +%s.%N)
	BUILD_S=$("$PY" -c "print(round($t1 - $t0, 1))")
	echo "$TAG" > "$STORE/tag"
fi
read -r ND NV NS NP < "$STORE/expect"
COUNTS=$(sqlite3 "$STORE/web.db" "SELECT (SELECT count(*) FROM places WHERE level = 3 AND parent = '$REGENCY') || ' ' || (SELECT count(*) FROM places WHERE level = 4 AND parent LIKE '$REGENCY.%') || ' ' || (SELECT count(*) FROM sellers) || ' ' || (SELECT count(*) FROM products) || ' ' || (SELECT count(*) FROM products WHERE active = 1) || ' ' || (SELECT count(*) FROM products WHERE active = 1 AND stock = 0) || ' ' || (SELECT count(*) FROM search_vocab) || ' ' || (SELECT count(*) FROM search_post)")
set -- $COUNTS
GOT_D=$1 GOT_V=$2 GOT_S=$3 GOT_P=$4 ACTIVE=$5 SOLDOUT=$6 VOCAB=$7 POSTS=$8
DBB=$(wc -c < "$STORE/web.db" | tr -d ' ')
echo "store: $GOT_D districts, $GOT_V villages, $GOT_S shops, $GOT_P products ($ACTIVE listed, $SOLDOUT sold out), CARI index $VOCAB words / $POSTS postings, $DBB B, built in ${BUILD_S} s"
[ "$GOT_D $GOT_V $GOT_S $GOT_P" = "$ND $NV $NS $NP" ] ||
    die "the store holds $GOT_D $GOT_V $GOT_S $GOT_P districts/villages/shops/products, want $ND $NV $NS $NP"
[ "$POSTS" -gt 0 ] || die "CARI's word index is empty"
echo "urls: $(wc -l < "$STORE/urls.txt" | tr -d ' ') in the list: $(grep -c '^/$\|^/?' "$STORE/urls.txt") regency, $(grep -c '^/p/' "$STORE/urls.txt") places, $(grep -c '^/s/' "$STORE/urls.txt") shops, $(grep -c '^/i/' "$STORE/urls.txt") products, $(grep -c '^/cari' "$STORE/urls.txt") searches"
if [ -n "$BENCH_WEB_STORE_ONLY" ]; then
	echo "{\"bench\":\"web-store\",\"districts\":$GOT_D,\"villages\":$GOT_V,\"shops\":$GOT_S,\"products\":$GOT_P,\"listed\":$ACTIVE,\"sold_out\":$SOLDOUT,\"postings\":$POSTS,\"db_bytes\":$DBB,\"build_s\":$BUILD_S}"
	exit 0
fi

# ---- the runs ----
# copy_store DIR: a fresh copy of the built store in DIR
copy_store() {
	rm -rf "$1"; mkdir -p "$1"
	cp "$STORE/web.db" "$1/web.db"
	[ -f "$STORE/web.db-wal" ] && cp "$STORE/web.db-wal" "$1/web.db-wal"
	# a kept store from an older tree: migrated by a writer's open before
	# lapak-web opens it read-only
	umask 077
	printf 'smsc = { host = "127.0.0.1"; port = 2775; system_id = "lapak"; password = "secret"; };\nstore = { path = "%s/web.db"; };\n' "$1" > "$1/ctl.cfg"
	"$BIN/lapakctl" -c "$1/ctl.cfg" stats -k > /dev/null
}
# conf DIR SMPP_PORT: lapakd's config in DIR/lapakd.cfg (durable store, no
# rate limit)
conf() {
	umask 077
	cat > "$1/lapakd.cfg" <<CFG
smsc = { host = "127.0.0.1"; port = $2; system_id = "lapak"; password = "secret"; window = 64; };
store = { path = "$1/web.db"; };
handler = "commerce";
limits = { mo_per_minute = 0; };
log = { level = "warn"; };
CFG
}
# mo_load DIR SECONDS: lapak-sim load and lapakd in the background
# (pids SIM and D); the sim's output in DIR/load.out
mo_load() {
	P=$(port)
	conf "$1" "$P"
	"$BIN/lapak-sim" -p "$P" load -n "$PHONES" -r "$MORATE" -d "$2" -W 64 \
	    --mix commerce > "$1/load.out" 2> "$1/load.err" &
	SIM=$!
	sleep 0.3
	"$BIN/lapakd" -c "$1/lapakd.cfg" 2>> "$1/lapakd.log" &
	D=$!
}
# mo_result DIR: waits for the sim, stops lapakd; MOJ the sim's JSON line
mo_result() {
	rc=0
	wait "$SIM" || rc=$?
	SIM=
	RSS_D=$(awk '/VmHWM/ {print $2}' /proc/"$D"/status 2>/dev/null)
	stop_pid "$D"; D=
	MOJ=$(tail -1 "$1/load.out")
	case "$MOJ" in
	'{"mo_sent"'*) MOJ="${MOJ%\}},\"rss_kb\":${RSS_D:-0}}" ;;
	*)	echo "bench-web: lapak-sim load failed (exit $rc):" >&2
		tail -5 "$1/load.err" "$1/lapakd.log" >&2
		MOJ='{"failed":1,"p99_ms":-1,"mo_per_s":0,"lost":-1}' ;;
	esac
}
mo_ok() {	# mo_ok JSON: the MO target met, and nothing lost
	awk -v p="$(field p99_ms "$1")" -v r="$(field mo_per_s "$1")" \
	    -v l="$(field lost "$1")" -v t="$MO_T" -v want="$MORATE" \
	    'BEGIN { exit !(p >= 0 && p < t && r >= want * 0.95 && l == 0) }'
}

BASEJ=null
if [ "$BASE" != 0 ]; then
	R=$WORK/base
	copy_store "$R"
	echo "bench-web: baseline, lapakd alone at $MORATE commerce MO/s for $BASE s"
	mo_load "$R" "$BASE"
	mo_result "$R"
	BASEJ=$MOJ
	echo "baseline:  MO $(field mo_per_s "$BASEJ")/s  p50 $(field p50_ms "$BASEJ") ms  p99 $(field p99_ms "$BASEJ") ms  lost $(field lost "$BASEJ")"
fi

R=$WORK/run
copy_store "$R"
if [ -n "$BENCH_WEB_URL" ]; then
	TARGET=$BENCH_WEB_URL
	echo "bench-web: pages from the server at $TARGET (BENCH_WEB_URL)"
else
	WP=$(port)
	SP0=$(port)
	umask 077
	cat > "$R/web.cfg" <<CFG
smsc = { host = "127.0.0.1"; port = $SP0; system_id = "lapak"; password = "secret"; };
store = { path = "$R/web.db"; };
log = { level = "warn"; };
web = { listen = "127.0.0.1:$WP"; regency = "$REGENCY"; title = "Lapak Wanasari"; base_url = "http://127.0.0.1:$WP"; ${BENCH_WEB_KEYS:-} };
${BENCH_WEB_CONF:-}
CFG
	"$BIN/lapak-web" -c "$R/web.cfg" > "$R/web.log" 2>&1 &
	WEB=$!
	TARGET=http://127.0.0.1:$WP
	i=0
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "$TARGET/" 2>/dev/null)" = 200 ]; do
		kill -0 "$WEB" 2>/dev/null || { tail -20 "$R/web.log" >&2; die "lapak-web exited (its log above; config $R/web.cfg)"; }
		i=$((i + 1)); [ $i -gt 300 ] && die "lapak-web did not answer GET / with 200 within 30 s"
		sleep 0.1
	done
fi
# every kind of page answers 200 before the load: a wrong URL scheme would
# otherwise be measured as fast errors
for u in / "$(grep -m1 -E '^/p/[0-9]+[.][0-9]+[.][0-9]+$' "$STORE/urls.txt")" \
    "$(grep -m1 -E '^/p/[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+$' "$STORE/urls.txt")" \
    "$(grep -m1 '^/s/' "$STORE/urls.txt")" "$(grep -m1 '^/i/' "$STORE/urls.txt")" \
    "$(grep -m1 '^/cari' "$STORE/urls.txt")"; do
	[ -n "$u" ] || continue
	c=$(curl -s -o "$WORK/page" -w "%{http_code} %{size_download}" "$TARGET$u") || true
	echo "  GET $u -> ${c% *} (${c#* } B)"
	[ "${c% *}" = 200 ] || die "GET $u answered ${c% *}, not 200: the URL list does not fit this server"
done

MOSECS=$("$PY" -c "print(int($WARM + $SECS + 4))")
echo "bench-web: lapakd at $MORATE commerce MO/s for $MOSECS s; web at $RATE pages/s for $SECS s after $WARM s warm-up, $CONNS connections at most"
mo_load "$R" "$MOSECS"
# let lapak-sim's commerce setup (its sellers' DAFTAR and JUAL) pass
sleep 2
WOK=0
"$TOOLS/webload" -r "$RATE" -d "$SECS" -w "$WARM" -c "$CONNS" -t "$WTMO" \
    -n web -l "$R/web.lat" "$TARGET" "$STORE/urls.txt" > "$R/webload.out" \
    2> "$R/webload.err" || WOK=$?
mo_result "$R"
if [ -n "$WEB" ]; then
	RSS_W=$(awk '/VmHWM/ {print $2}' /proc/"$WEB"/status 2>/dev/null)
	stop_pid "$WEB"; WEB=
fi
WJ=$(tail -1 "$R/webload.out")
case "$WJ" in
'{"bench":"webload"'*) WJ="${WJ%\}},\"rss_kb\":${RSS_W:-0}}" ;;
*)	cat "$R/webload.err" >&2
	die "webload failed (exit $WOK)" ;;
esac
grep '^webload:' "$R/webload.out" | sed 's/^/  /'

wp99=$(field p99_ms "$WJ")
mop99=$(field p99_ms "$MOJ")
web_pass=false; mo_pass=false
awk -v p="$wp99" -v e="$(field errors "$WJ")" -v a="$(field achieved_per_s "$WJ")" \
    -v t="$WEB_T" -v r="$RATE" \
    'BEGIN { exit !(p < t && e == 0 && a >= r * 0.95) }' && web_pass=true
mo_ok "$MOJ" && mo_pass=true
verdict() { if [ "$1" = true ]; then echo PASS; else echo FAIL; fi; }
printf '%-10s %10s %10s %10s %10s %10s %12s  %s\n' "" "rate/s" "p50 ms" "p99 ms" "max ms" "errors" "target" "result"
printf '%-10s %10s %10s %10s %10s %10s %12s  %s\n' web "$(field achieved_per_s "$WJ")" \
    "$(field p50_ms "$WJ")" "$wp99" "$(field max_ms "$WJ")" "$(field errors "$WJ")" \
    "p99<$WEB_T@$RATE" "$(verdict $web_pass)"
printf '%-10s %10s %10s %10s %10s %10s %12s  %s\n' "MO" "$(field mo_per_s "$MOJ")" \
    "$(field p50_ms "$MOJ")" "$mop99" "-" "lost $(field lost "$MOJ")" \
    "p99<$MO_T@$MORATE" "$(verdict $mo_pass)"
[ "$BASEJ" != null ] && printf '%-10s %10s %10s %10s\n' "MO alone" \
    "$(field mo_per_s "$BASEJ")" "$(field p50_ms "$BASEJ")" "$(field p99_ms "$BASEJ")"
pass=false
[ $web_pass = true ] && [ $mo_pass = true ] && pass=true
echo "{\"bench\":\"web\",\"products\":$GOT_P,\"shops\":$GOT_S,\"villages\":$GOT_V,\"web_rate\":$RATE,\"mo_rate\":$MORATE,\"seconds\":$SECS,\"web_p99_ms\":$wp99,\"mo_p99_ms\":$mop99,\"web_target_ms\":$WEB_T,\"mo_target_ms\":$MO_T,\"web_pass\":$web_pass,\"mo_pass\":$mo_pass,\"pass\":$pass,\"web\":$WJ,\"mo\":$MOJ,\"mo_alone\":$BASEJ}"
[ $pass = true ]
