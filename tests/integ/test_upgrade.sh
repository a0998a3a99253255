#!/bin/sh
# issue 15, item 5: upgrades keep the store. A store filled over SMPP is taken
# back to an older schema (tests/schema_undo.h: the previous one, v(N-1), and
# v8, before the programme), opened by this build's lapakd: migrated to vN
# with every row of every table still there. A store of a NEWER schema (a
# downgrade) is refused by lapakd, lapakctl and a reader, with the remedy,
# and left untouched; an older store a reader cannot migrate says so.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT"
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log
ask $S1 "DAFTAR Warung Sri, Sukamaju" 'Warung Sri.*Sukamaju'
ask $S1 "PIN 1234" '^PIN berhasil'
ask $S1 "JUAL Keripik singkong 15rb/bks 10" '^P1 Keripik singkong'
ask $S1 "JUAL Gula aren 20rb/kg 5" '^P2 Gula aren'
ask $B1 "CARI kripik" 'P1 Keripik singkong'
ask $B1 "BELI P1 2" '^O1: Keripik singkong x2'
ask $B1 "YA $(confirm_code)" 'O1'
ask $S1 "TERIMA O1" 'O1'
stop_lapakd
check "lapakd exits 0" [ "$rc" -eq 0 ]
kill_sim
LATEST=$(sql "PRAGMA user_version")
echo "# this build's schema: v$LATEST"

# undo_sql V...: the SQL of tests/schema_undo.h's SCHEMA_UNDO_V<V> macros.
undo_sql() {
	python3 - "$TOP/tests/schema_undo.h" "$@" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
out = []
for v in sys.argv[2:]:
    m = re.search(r'#define SCHEMA_UNDO_V%s \\\n((?:.*\\\n)*.*\n)' % v, text)
    if not m:
        sys.exit("no SCHEMA_UNDO_V%s" % v)
    out.append(''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))))
print(''.join(out))
EOF
}

# counts DB: "table rows" per table, sorted.
counts() {
	for t in $(sqlite3 -batch "$1" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
		echo "$t $(sqlite3 -batch "$1" "SELECT count(*) FROM \"$t\"")"
	done
}

# Each older schema: VERSION and the undo macros that lead to it, newest
# first: the previous one (its macro must exist), and v8 through every macro
# above it (v10 has none: SCHEMA_UNDO_V9 drops its table).
PREV=$((LATEST - 1))
TO8=$(i=$LATEST; while [ $i -gt 8 ]; do
	grep -q "^#define SCHEMA_UNDO_V$i " "$TOP/tests/schema_undo.h" && printf '%s ' $i
	i=$((i - 1)); done)
for spec in "$PREV:$LATEST" "8:$TO8"; do
	v=${spec%%:*}; macros=${spec#*:}
	cp lapak.db "v$v.db"
	sql_undo=$(undo_sql $macros) || { fail "undo SQL for v$v"; continue; }
	if ! sqlite3 -batch "v$v.db" "$sql_undo PRAGMA user_version = $v;" 2> "v$v.err"; then
		fail "taking the store back to v$v: $(cat "v$v.err")"
		continue
	fi
	check "store taken back to v$v (undoing v$(echo $macros | sed 's/ /, v/g'))" \
	    [ "$(sqlite3 "v$v.db" 'PRAGMA user_version')" = "$v" ]
	counts "v$v.db" > "v$v.before"
	rows=$(awk '{ s += $2 } END { print s }' "v$v.before")
	tables=$(wc -l < "v$v.before")
	write_conf "v$v.cfg" "$PORT"
	sed -i "s|path = \"lapak.db\"|path = \"v$v.db\"|" "v$v.cfg"
	# The new build opens it as the upgraded package's lapakd would.
	start_serve "sim$v" -p "$PORT" || break
	cat lapakd.log >> lapakd.all.log; : > lapakd.log
	start_lapakd "v$v.cfg"
	check "v$v store: lapakd starts and binds" wait_until 10 grep -q "bound" lapakd.log
	stop_lapakd
	check "v$v store: lapakd exits 0" [ "$rc" -eq 0 ]
	kill_sim
	check "v$v store migrated to v$LATEST" \
	    [ "$(sqlite3 "v$v.db" 'PRAGMA user_version')" = "$LATEST" ]
	counts "v$v.db" > "v$v.after"
	lost=$(join "v$v.before" "v$v.after" | awk '$2 != $3')
	gone=$(join -v1 "v$v.before" "v$v.after")
	check "v$v store: every row of its $tables tables still there ($rows rows)" \
	    [ -z "$lost$gone" ]
	[ -n "$lost$gone" ] && printf '# table before after: %s\n' $lost $gone
	"$BIN/lapakctl" -c "v$v.cfg" report > "v$v.report" 2>&1
	check "v$v store: lapakctl report reads it after" \
	    grep -q '^total' "v$v.report"
done

# A newer store (what an older package finds after a downgrade).
NEWER=$((LATEST + 1))
cp lapak.db newer.db
sqlite3 newer.db "PRAGMA user_version = $NEWER"
sum0=$(md5sum < newer.db)
write_conf newer.cfg "$PORT"
sed -i 's|path = "lapak.db"|path = "newer.db"|' newer.cfg
MSG="store schema v$NEWER is newer than this lapak (v$LATEST): a newer package wrote it; install that package again or restore a backup made before the upgrade"
"$BIN/lapakd" -c newer.cfg > newer.d.out 2>&1
rc=$?
check "lapakd refuses a v$NEWER store: exit $rc, not 0" [ "$rc" -ne 0 ]
check "lapakd says why and what to do" grep -qF "$MSG" newer.d.out
sed 's/^/# lapakd: /' newer.d.out
"$BIN/lapakctl" -c newer.cfg stats > newer.c.out 2>&1
rc=$?
check "lapakctl stats refuses it: exit $rc" [ "$rc" -ne 0 ]
check "lapakctl stats says why" grep -qF "$MSG" newer.c.out
"$BIN/lapakctl" -c newer.cfg report > newer.r.out 2>&1
rc=$?
check "lapakctl report (read-only) refuses it: exit $rc" [ "$rc" -ne 0 ]
check "lapakctl report says why" grep -qF "$MSG" newer.r.out
sed 's/^/# lapakctl report: /' newer.r.out
check "the newer store is left untouched" [ "$(md5sum < newer.db)" = "$sum0" ]
check "its schema version is still v$NEWER" \
    [ "$(sqlite3 newer.db 'PRAGMA user_version')" = "$NEWER" ]

# An older store given to a reader first: it cannot migrate, and says so.
cp lapak.db old-reader.db
sqlite3 -batch old-reader.db "$(undo_sql $LATEST) PRAGMA user_version = $PREV;"
write_conf oldr.cfg "$PORT"
sed -i 's|path = "lapak.db"|path = "old-reader.db"|' oldr.cfg
"$BIN/lapakctl" -c oldr.cfg report > oldr.out 2>&1
rc=$?
check "lapakctl report on a v$PREV store: exit $rc, not 0" [ "$rc" -ne 0 ]
check "it says: start lapakd once to migrate" \
    grep -q "store schema v$PREV is older than this lapak (v$LATEST) and a reader does not migrate: start lapakd once to migrate it" oldr.out
cat lapakd.log >> lapakd.all.log
check "no sanitizer report" sanitizer_clean lapakd.all.log
finish
