#!/bin/sh
# Templates checked at load: a template folder missing one name the code
# asks for is refused by lapakctl check, lapakd -n, lapakd at startup and a
# SIGHUP reload, each naming file:line, the name and who asks for it.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)

# del_key FILE GROUP KEY: deletes "  KEY = ..." of GROUP in FILE; prints the
# group's line number.
del_key() {
	awk -v g="$2" -v k="$3" -v out="$1.new" '
	    !gl && ($0 ~ "^" g " = \\{" || $0 ~ "^" g ": \\{") { gl = NR }
	    gl && !done && $0 ~ "^  " k " = " { done = 1; next }
	    { print > out }
	    END { print gl }' "$1" && mv "$1.new" "$1"
}

write_conf good.cfg "$PORT" "menus = { templates = \"$WORK/good\"; };"
write_conf bad.cfg "$PORT" "menus = { templates = \"$WORK/tmpl\"; };"
cp -r "$TOP/menus/templates" good
"$BIN/lapakctl" -c good.cfg check > good.out 2>&1
check "shipped templates: lapakctl check exits 0" [ $? -eq 0 ]
"$BIN/lapakd" -c good.cfg -n > goodn.out 2>&1
check "shipped templates: lapakd -n exits 0" [ $? -eq 0 ]

for lang in id en; do
	for c in "commerce.cfg sell ok commerce" "parser.cfg bad sell menus/cmd.c" \
	    "parser.cfg common rate_limit gateway"; do
		set -- $c
		rm -rf tmpl && cp -r "$TOP/menus/templates" tmpl
		line=$(del_key "tmpl/$lang/$1" "$2" "$3")
		want="$WORK/tmpl/$lang/$1:$line: missing template $2.$3 (asked for by $4)"
		"$BIN/lapakctl" -c bad.cfg check > check.out 2>&1
		check "$lang $2.$3 missing: lapakctl check exits 1" [ $? -eq 1 ]
		check "$lang $2.$3 missing: lapakctl check says $want" grep -qxF "$want" check.out
		check "$lang $2.$3 missing: one problem" grep -q "^lapakctl: 1 problem found" check.out
		"$BIN/lapakd" -c bad.cfg -n > n.out 2>&1
		check "$lang $2.$3 missing: lapakd -n exits 1" [ $? -eq 1 ]
		check "$lang $2.$3 missing: lapakd -n says it" grep -qxF "$want" n.out
	done
done

# At startup: refused before anything runs.
timeout 20 "$BIN/lapakd" -c bad.cfg > start.out 2>&1
rc=$?
check "lapakd refuses to start (exit 1, not a timeout)" [ "$rc" -eq 1 ]
check "lapakd at startup says which name" grep -qF "missing template common.rate_limit (asked for by gateway)" start.out

# At reload: the running templates stay.
rm -rf live && cp -r "$TOP/menus/templates" live
write_conf live.cfg "$PORT" "menus = { templates = \"$WORK/live\"; };"
start_lapakd live.cfg
check "lapakd started" wait_until 10 log_has_n 1 "lapakd started"
line=$(del_key live/id/commerce.cfg buy ok_cut)
"$BIN/lapakctl" -c live.cfg reload > reload.out 2>&1
check "lapakctl reload refuses" [ $? -eq 1 ]
check "lapakctl reload says which" grep -qxF "$WORK/live/id/commerce.cfg:$line: missing template buy.ok_cut (asked for by commerce)" reload.out
kill -HUP "$D_PID"
check "SIGHUP: refused and logged" wait_until 10 log_has_n 1 "reload refused.*missing template buy.ok_cut"
check "lapakd still runs" lapakd_alive
stop_lapakd
finish
