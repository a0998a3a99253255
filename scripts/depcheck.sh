#!/bin/sh
# make depcheck: module boundaries (docs/HACKING.md) checked on #include
# lines. Prints each violation as file:line: what, exits 1 on any.
cd "$(dirname "$0")/.." || exit 2
bad=0
violation() { echo "$1: $2"; bad=$((bad + 1)); }

# allowed_dirs MODULE: project folders a module may include from.
allowed_dirs() {
	case $1 in
	common) echo "common" ;;
	conf) echo "common conf" ;;
	menus) echo "common conf menus" ;;
	commerce) echo "common conf commerce" ;;
	store) echo "common conf commerce store" ;;
	gateway) echo "common conf menus commerce store gateway" ;;
	sim) echo "common sim" ;;
	ctl) echo "common conf menus commerce store gateway ctl export" ;;
	web) echo "common conf commerce store web export" ;;
	# issue 14, web: the marketplace export lapakctl and lapak-web share
	export) echo "common conf menus commerce store export" ;;
	esac
}

# Library headers with one home each (grep -E pattern of allowed files).
# commerce/ is in none of them: the rules know no database, crypto, loop,
# HTTP or SMPP library.
lib_home() {
	case $1 in
	libconfig.h) echo '^conf/' ;;
	sqlite3.h|sodium.h) echo '^store/' ;;
	smpp34.h|smpp34_structs.h|smpp34_params.h) echo '^(gateway/pdu\.c|sim/)' ;;
	ev.h) echo '^gateway/' ;;
	microhttpd.h) echo '^(gateway|web)/' ;;
	xlsxwriter.h) echo '^export/export_xlsx\.c' ;;
	*) echo '' ;;
	esac
}

for f in common/*.[ch] conf/*.[ch] menus/*.[ch] commerce/*.[ch] store/*.[ch] \
    gateway/*.[ch] sim/*.[ch] ctl/*.[ch] web/*.[ch] export/*.[ch]; do
	[ -f "$f" ] || continue
	mod=${f%%/*}
	ok=$(allowed_dirs "$mod")
	grep -n '^#include' "$f" | while IFS= read -r line; do
		n=${line%%:*}
		inc=$(echo "$line" | sed -E 's/.*#include[[:space:]]*[<"]([^>"]+)[>"].*/\1/')
		quoted=no
		echo "$line" | grep -q '#include[[:space:]]*"' && quoted=yes
		case $quoted:$inc in
		yes:*/*)
			d=${inc%%/*}
			case " $ok " in
			*" $d "*) ;;
			*) echo "$f:$n: $mod/ must not include $inc" ;;
			esac
			;;
		yes:*) echo "$f:$n: include project headers by folder: \"$mod/$inc\"" ;;
		no:*)
			home=$(lib_home "$inc")
			if [ -n "$home" ] && ! echo "$f" | grep -qE "$home"; then
				echo "$f:$n: <$inc> belongs elsewhere (allowed: $home)"
			fi
			;;
		esac
	done
done > /tmp/depcheck.$$
if [ -s /tmp/depcheck.$$ ]; then
	cat /tmp/depcheck.$$
	echo "depcheck: $(wc -l < /tmp/depcheck.$$) violation(s)"
	rm -f /tmp/depcheck.$$
	exit 1
fi
rm -f /tmp/depcheck.$$
echo "depcheck: module boundaries ok"
