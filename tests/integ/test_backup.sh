#!/bin/sh
# lapakctl backup FILE while lapakd runs under load (issue 15, operators):
# the commerce mix from lapak-sim load at BACKUP_RATE MO/s (300); in the
# middle, the ids of every message and order committed so far are taken
# from the live store, then the backup runs (SQLite's backup API in small
# steps, one read snapshot). The copy: 0600, integrity_check ok, every id
# taken before is in it, its orders agree with its products (reserved =
# confirmed + accepted quantities: a consistent cut), lapakctl check and
# report work on it; the load went on through the backup (no MO lost); an
# existing FILE is refused unless --force; the backup is in the audit log.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
command -v sqlite3 > /dev/null || skip_all "no sqlite3"
RATE=${BACKUP_RATE:-300}
DUR=10
PORT=$(free_port)
write_conf2 lapak.cfg "$PORT" secret "window = 10;" \
    'limits = { mo_per_minute = 0; };' 'outbox = { retry_max = 1000; };'
CTL="$BIN/lapakctl -c lapak.cfg"
start_sim_as load -p "$PORT" load -n 60 -r "$RATE" -d "$DUR" \
    --mix commerce --drain 30 --bind-timeout 20
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 log_has_n 1 'link=smsc bound'
check "load under way: orders made" wait_until 10 sh -c "[ \$(sqlite3 lapak.db 'SELECT count(*) FROM orders' 2>/dev/null || echo 0) -gt 20 ]"
sleep 1

# What is committed now (a reader sees committed rows only).
sql "SELECT id FROM inbox ORDER BY id" > inbox.before
sql "SELECT id FROM outbox ORDER BY id" > outbox.before
sql "SELECT id FROM orders ORDER BY id" > orders.before
sql "SELECT id FROM products ORDER BY id" > products.before
n_in=$(wc -l < inbox.before)
n_or=$(wc -l < orders.before)
echo "# before the backup: $n_in inbox, $(wc -l < outbox.before) outbox, $n_or orders, $(wc -l < products.before) products"
(umask 022; $CTL backup copy.db > backup.out 2> backup.err)
check "backup exits 0" [ $? -eq 0 ]
cat backup.out
in_after=$(sql "SELECT count(*) FROM inbox")
check "lapakd went on writing ($n_in -> $in_after inbox rows)" [ "$in_after" -gt "$n_in" ]
check "the copy is 0600 under umask 022" [ "$(stat -c %a copy.db)" = 600 ]
check "integrity_check on the copy" [ "$(sqlite3 copy.db 'PRAGMA integrity_check')" = ok ]
for t in inbox outbox orders products; do
	sqlite3 copy.db "SELECT id FROM $t ORDER BY id" > $t.copy
	missing=$(comm -23 $t.before $t.copy | wc -l)
	check "every $t row committed before the backup is in the copy ($(wc -l < $t.before) rows, $missing missing)" [ "$missing" -eq 0 ]
done
bad=$(sqlite3 copy.db "SELECT count(*) FROM products p WHERE reserved <>
    (SELECT coalesce(sum(qty), 0) FROM orders o WHERE o.product_id = p.id
    AND o.state IN ('confirmed', 'accepted')) OR reserved > stock")
check "the copy is one consistent cut (reserved = open quantities; $bad off)" [ "$bad" -eq 0 ]
sed 's/lapak\.db/copy.db/' lapak.cfg > copy.cfg
chmod 600 copy.cfg
"$BIN/lapakctl" -c copy.cfg check > check.out 2>&1
check "lapakctl check on the copy" [ $? -eq 0 ]
"$BIN/lapakctl" -c copy.cfg report --format csv > report.out 2>&1
check "lapakctl report on the copy" sh -c "[ \$? -eq 0 ] && grep -q '^total' report.out"
$CTL backup copy.db > again.out 2>&1
check "an existing FILE: exit 1" [ $? -eq 1 ]
check "  saying --force" grep -q -- "--force" again.out
$CTL backup copy.db --force > force.out 2>&1
check "--force replaces it" [ $? -eq 0 ]
check "  still 0600" [ "$(stat -c %a copy.db)" = 600 ]
wait_sim
JSON=$(tail -1 load.out)
echo "# load: $JSON"
lost=$(json_field "$JSON" lost)
check "no MO lost through the backups (lost=${lost:-?})" [ "${lost:--1}" -eq 0 ]
$CTL audit > audit.out 2>&1
check "the backups are in the audit log" [ "$(grep -cE ' backup +copy\.db +ok ' audit.out)" -eq 2 ]
check "the refusal too" grep -qE ' backup +copy\.db +refused ' audit.out
check "lapakd still up" lapakd_alive
stop_lapakd
check "no sanitizer report" sanitizer_clean lapakd.log
finish
