#!/bin/sh
# make bench-report: lapakctl report on a big store. Builds the store with
# the sqlite3 shell straight into the schema (lapakctl creates it first): one
# regency of BENCH_DISTRICTS x BENCH_VILLAGES villages, BENCH_SELLERS sellers
# (one in 20 unplaced), 3 products each, a price and a stock change for
# one product in three, BENCH_ORDERS orders over 2025 (created every few
# seconds, 60% delivered two days later, the rest cancelled, rejected,
# expired or still open) with their audit rows, BENCH_AGENTS assistants
# linked to 50 sellers each (one link in five ended mid-year) with UNTUK
# actions. Then times every --by over one month and over the whole year,
# checks that the figures add up, and prints one line per run and a JSON
# line last.
#
# Env: BENCH_SELLERS (100000), BENCH_ORDERS (1000000), BENCH_AGENTS (200),
#      BENCH_DISTRICTS (16), BENCH_VILLAGES (20 per district),
#      BENCH_KEEP=DIR keep (and reuse) the store there.
set -e
BUILD=${1:-build/bench}
BIN=$(cd "$BUILD/bin" && pwd)
SELLERS=${BENCH_SELLERS:-100000}
ORDERS=${BENCH_ORDERS:-1000000}
AGENTS=${BENCH_AGENTS:-200}
DISTRICTS=${BENCH_DISTRICTS:-16}
VILLAGES=${BENCH_VILLAGES:-20}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
command -v sqlite3 > /dev/null || { echo "bench_report: sqlite3 shell missing (scripts/deps.sh)" >&2; exit 1; }

if [ -n "$BENCH_KEEP" ]; then
	WORK=$BENCH_KEEP
	mkdir -p "$WORK"
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/lapak-bench-report.XXXXXX")
	trap 'rm -rf "$WORK"' EXIT INT TERM
fi
CONF=$WORK/lapak.cfg
DB=$WORK/report.db
TAG="$SELLERS $ORDERS $AGENTS $DISTRICTS $VILLAGES"
cat > "$CONF" <<EOF
smsc = { host = "127.0.0.1"; port = 2775; system_id = "lapak"; password = "secret"; };
store = { path = "$DB"; };
time = { zone = "Asia/Jakarta"; };
EOF
chmod 600 "$CONF"

# 2025-01-01 00:00 in Asia/Jakarta (+07:00)
T0=1735664400
if [ "$(cat "$WORK/tag" 2>/dev/null)" != "$TAG" ]; then
	rm -f "$DB" "$DB-wal" "$DB-shm"
	start=$(date +%s.%N)
	"$BIN/lapakctl" -c "$CONF" stats -k > /dev/null
	sqlite3 "$DB" > /dev/null <<EOF
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO places (code, name, level, parent, key)
  VALUES ('33', 'Jawa Tengah', 1, NULL, 'jawatengah'),
         ('33.20', 'Jepara', 2, '33', 'jepara');
WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < $DISTRICTS)
INSERT INTO places (code, name, level, parent, key)
  SELECT printf('33.20.%02d', i), 'Kecamatan ' || i, 3, '33.20', 'kecamatan' || i FROM d;
WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < $DISTRICTS),
  v(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM v WHERE j < $VILLAGES)
INSERT INTO places (code, name, level, parent, key)
  SELECT printf('33.20.%02d.%04d', i, 2000 + j), 'Desa ' || i || '-' || j, 4,
    printf('33.20.%02d', i), 'desa' || i || j FROM d, v;
CREATE TEMP TABLE vil (n INTEGER PRIMARY KEY, code TEXT NOT NULL);
INSERT INTO vil SELECT row_number() OVER (ORDER BY code) - 1, code
  FROM places WHERE level = 4;
-- sellers: registered from 2024-11 to 2025-12, a village by a skewed pick
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $SELLERS)
INSERT INTO sellers (id, msisdn, shop, village, created_s, updated_s, place)
  SELECT i, printf('+62812%07d', i), 'Toko ' || i, 'desa', 
    $T0 - 60 * 86400 + (i * 425 * 86400 / $SELLERS) + (i * 7919) % 86400,
    $T0, CASE WHEN i % 20 = 0 THEN '' WHEN i % 20 = 1 THEN 'desa lama'
    ELSE (SELECT code FROM vil WHERE n = ((i * 7919) % 1000003) * ((i * 31) % 7 + 1)
      % (SELECT count(*) FROM vil)) END
  FROM s;
-- products: 3 per seller, listed after registering; one in 30 delisted
-- within a day, one in 30 later
WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 2)
INSERT INTO products (id, seller_id, name, price_rp, stock, created_s, place, delisted_s, active)
  SELECT s.id * 3 + k.j, s.id, 'Barang ' || s.id || '-' || k.j, 15000, 100,
    s.created_s + 3600 * (1 + k.j * 24), s.place,
    CASE WHEN (s.id + k.j) % 30 = 0 THEN s.created_s + 3600 * (1 + k.j * 24) + 7200
         WHEN (s.id + k.j) % 30 = 1 THEN s.created_s + 3600 * (1 + k.j * 24) + 86400 * 5 END,
    CASE WHEN (s.id + k.j) % 30 IN (0, 1) THEN 0 ELSE 1 END
  FROM sellers s, k;
INSERT INTO price_history (product_id, old_rp, new_rp, at_s)
  SELECT id, NULL, price_rp, created_s FROM products;
INSERT INTO price_history (product_id, old_rp, new_rp, at_s)
  SELECT id, 15000, 17000, created_s + 86400 * (1 + id % 40) FROM products WHERE id % 3 = 0;
INSERT INTO audit (product_id, what, from_val, to_val, by, at_s)
  SELECT p.id, 'stock', '100', '80', s.msisdn, p.created_s + 86400 * (2 + p.id % 50)
  FROM products p JOIN sellers s ON s.id = p.seller_id WHERE p.id % 3 = 1;
-- orders over the year, a product of a seller registered before
WITH RECURSIVE o(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM o WHERE i < $ORDERS)
INSERT INTO orders (id, buyer, seller_id, product_id, qty, unit_price_rp, state,
    created_at, delivered_at, closed_at, confirmed_at, place)
  SELECT i, printf('+62857%07d', (i * 104729) % 500000), sid, sid * 3 + i % 3,
    1 + i % 4, 15000,
    CASE WHEN i % 10 < 6 THEN 'delivered' WHEN i % 10 = 6 THEN 'cancelled'
      WHEN i % 10 = 7 THEN 'rejected' WHEN i % 10 = 8 THEN 'expired'
      ELSE 'shipped' END,
    t, CASE WHEN i % 10 < 6 THEN t + 2 * 86400 END,
    CASE WHEN i % 10 IN (6, 7, 8) THEN t + 3600 END, t + 60, ''
  FROM (SELECT i, $T0 + i * (365 * 86400 / $ORDERS) AS t,
    1 + ((i * 7919) % 1000003) % max(1, ($SELLERS * i / $ORDERS)) AS sid FROM o);
UPDATE orders SET place = (SELECT place FROM sellers WHERE id = orders.seller_id);
INSERT INTO audit (order_id, product_id, what, from_val, to_val, by, at_s)
  SELECT id, product_id, 'state', NULL, 'pending', buyer, created_at FROM orders;
INSERT INTO audit (order_id, product_id, what, from_val, to_val, by, at_s)
  SELECT id, product_id, 'state', 'pending', 'confirmed', buyer, confirmed_at FROM orders;
INSERT INTO audit (order_id, product_id, what, from_val, to_val, by, at_s)
  SELECT id, product_id, 'state', 'shipped', state, buyer,
    coalesce(delivered_at, closed_at) FROM orders WHERE state <> 'shipped';
-- assistants, 50 sellers each, one link in five ended in June
WITH RECURSIVE a(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM a WHERE i < $AGENTS)
INSERT INTO agents (msisdn, name, place, created_s)
  SELECT printf('+62813%07d', i), 'Asisten ' || i,
    (SELECT code FROM vil WHERE n = i % (SELECT count(*) FROM vil)), $T0 - 90 * 86400 FROM a;
WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 49)
INSERT INTO agent_links (agent, seller, created_s, ended_s, ended_by)
  SELECT a.msisdn, printf('+62812%07d', 1 + ((CAST(substr(a.msisdn, 7) AS INTEGER) * 50 + k.j) * 7) % $SELLERS),
    $T0 - 30 * 86400 + k.j * 86400,
    CASE WHEN k.j % 5 = 0 THEN $T0 + 160 * 86400 END,
    CASE WHEN k.j % 5 = 0 THEN 'seller' END
  FROM agents a, k;
INSERT INTO agent_actions (agent, seller, verb, at_s)
  SELECT agent, seller, 'JUAL', created_s + 86400 * m.j
  FROM agent_links, (WITH RECURSIVE m(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM m WHERE j < 5) SELECT j FROM m) m;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
EOF
	echo "$TAG" > "$WORK/tag"
	end=$(date +%s.%N)
	fill_s=$($PY -c "print(round($end - $start, 1))")
	echo "store filled in ${fill_s} s: $(sqlite3 "$DB" 'SELECT count(*) FROM sellers') sellers, $(sqlite3 "$DB" 'SELECT count(*) FROM orders') orders, $(du -m "$DB" | cut -f1) MB"
else
	fill_s=0
	echo "store reused from $WORK"
fi

# Each --by over June and over the year: wall and CPU time of lapakctl
# (this VM's 2 cores are shared, so CPU time says what the report costs
# when the wall clock waits for the other processes), and a check that
# the groups (and unplaced) add up to the total, except by agent (a
# seller linked to two assistants counts for each).
$PY - "$BIN/lapakctl" "$CONF" "$SELLERS" "$ORDERS" "$AGENTS" "$fill_s" <<'PY'
import csv, io, json, resource, subprocess, sys, time
ctl, conf = sys.argv[1], sys.argv[2]
runs, bad = [], 0
for period, a, b in (("month", "2025-06-01", "2025-06-30"),
                     ("year", "2025-01-01", "2025-12-31")):
    for by in ("village", "district", "regency", "agent", "day", "month"):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        p = subprocess.run([ctl, "-c", conf, "report", "--by", by, "--from", a,
                            "--to", b, "--format", "csv"],
                           capture_output=True, text=True)
        wall = int((time.monotonic() - t0) * 1000)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = int((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
        rows = list(csv.DictReader(io.StringIO(p.stdout)))
        tot = [r for r in rows if r.get("group") == "total"]
        wrong = []
        if p.returncode != 0 or len(tot) != 1:
            wrong.append("exit %d: %s" % (p.returncode, p.stderr.strip()))
        elif by != "agent":
            body = [r for r in rows if r["group"] != "total"]
            for k in ("sellers_new", "products_listed", "updates",
                      "orders_created", "orders_completed",
                      "orders_cancelled", "value_completed_rp"):
                if sum(int(r[k]) for r in body) != int(tot[0][k]):
                    wrong.append(k)
        bad += 1 if wrong else 0
        t = tot[0] if tot else {}
        print("report --by %-8s over the %-5s %5d ms wall %5d ms cpu; %3d rows,"
              " orders created %s, completed %s%s" % (by, period + ":", wall, cpu,
              len(rows), t.get("orders_created"), t.get("orders_completed"),
              "; BAD: " + ",".join(wrong) if wrong else ""))
        runs.append({"by": by, "period": period, "ms": wall, "cpu_ms": cpu})
print(json.dumps({"sellers": int(sys.argv[3]), "orders": int(sys.argv[4]),
                  "agents": int(sys.argv[5]), "fill_s": float(sys.argv[6]),
                  "runs": runs, "sums_bad": bad}, separators=(",", ":")))
sys.exit(1 if bad else 0)
PY
