#!/bin/sh
# Man pages (issue 15): lapak.cfg(5) is generated from the key table
# (`lapakctl keys --man`) and agrees with it both ways (every key with the
# same type, range and default; no key the table lacks); every key of the
# page is one `lapakctl check` knows, and its stated type and range are
# the ones check enforces (a value just out of range, of the wrong type or
# too long is refused with the page's bounds); every page renders with no
# warning (groff -ww, mandoc -Tlint); lapakctl(8) describes every command
# lapakctl lists; `make man` writes the page.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PAGES="lapakd.8 lapakctl.8 lapak-sim.1 lapak-web.8"

# --- 1. the generated page and the table -------------------------------------
"$BIN/lapakctl" keys --man > lapak.cfg.5 2> man.err
check "keys --man: exit 0, nothing on stderr" sh -c "[ $? -eq 0 ] && [ ! -s man.err ]"
[ -s man.err ] && sed 's/^/# /' man.err
"$BIN/lapakctl" keys --list > keys.tsv
check "keys --list: every row has 5 fields and a description" \
    awk -F '\t' 'NF != 5 || $5 == "" { bad = 1 } END { exit bad || NR < 70 }' keys.tsv
cut -f 1-4 keys.tsv | sort > table.txt
# The page's entries: ".B name", then the description, then
# "type: T; range: R; default: D", roff escapes undone.
awk '
	function un(s) { gsub(/\\-/, "-", s); gsub(/\\e/, "\\", s); sub(/^\\&/, "", s); return s }
	/^\.SH / { inkeys = ($2 == "KEYS") }
	inkeys && /^\.B / { name = un(substr($0, 4)); next }
	inkeys && /^type: / && name != "" {
		l = un($0)
		t = l; sub(/^type: /, "", t); sub(/; range: .*/, "", t)
		r = l; sub(/.*; range: /, "", r); sub(/; default: .*/, "", r)
		d = l; sub(/.*; default: /, "", d)
		printf "%s\t%s\t%s\t%s\n", name, t, r, d
		name = ""
	}' lapak.cfg.5 | sort > page.txt
check "lapak.cfg(5) lists $(wc -l < page.txt) keys, the table $(wc -l < table.txt)" \
    [ "$(wc -l < page.txt)" -eq "$(wc -l < table.txt)" ]
comm -23 table.txt page.txt > only_table.txt
comm -13 table.txt page.txt > only_page.txt
check "every key of the table is in the page with its type, range, default" [ ! -s only_table.txt ]
check "every key of the page is in the table, the same" [ ! -s only_page.txt ]
sed 's/^/# table only: /' only_table.txt; sed 's/^/# page only: /' only_page.txt

# --- 2. the page against what lapakctl check enforces -----------------------
# cfg_with KEY VALUE: a valid config but KEY = VALUE.
cfg_with() {
	k=$1; v=$2
	{
		case $k in
		smsc.*)
			s=${k#smsc.}
			echo "smsc = {"
			for b in 'host = "127.0.0.1";' 'port = 2775;' \
			    'system_id = "lapak";' 'password = "secret";'; do
				[ "${b%% *}" = "$s" ] || echo "  $b"
			done
			echo "  $s = $v; };"
			;;
		*.*)
			echo 'smsc = { host = "127.0.0.1"; port = 2775; system_id = "lapak"; password = "secret"; };'
			echo "${k%%.*} = { ${k#*.} = $v; };"
			;;
		*)
			echo 'smsc = { host = "127.0.0.1"; port = 2775; system_id = "lapak"; password = "secret"; };'
			echo "$k = $v;"
			;;
		esac
		case $k in
		store.*) ;;
		*) echo 'store = { path = "lapak.db"; };' ;;
		esac
	} > k.cfg
	chmod 600 k.cfg
}
refused() {	# refused KEY VALUE FIXED-STRING: check fails, saying it
	cfg_with "$1" "$2"
	"$BIN/lapakctl" -c k.cfg check > k.out 2>&1 && return 1
	grep -qF -- "$3" k.out || { sed 's/^/#   /' k.out | head -3; return 1; }
}
long() { awk -v n="$1" 'BEGIN { s = ""; for (i = 0; i < n; i++) s = s "a"; printf "\"%s\"", s }'; }
list_of() { awk -v n="$1" 'BEGIN { printf "["; for (i = 0; i < n; i++) printf "%s\"A%d\"", i ? ", " : "", i; printf "]" }'; }
nk=0; nbad=0
while IFS='	' read -r name type range def what; do
	nk=$((nk + 1))
	ok=1
	# Known: a wrong value is refused for its own reason, never "unknown key".
	case $type in
	group*) wrong=5 ;;
	*) wrong='{ }' ;;
	esac
	refused "$name" "$wrong" "$name" || ok=0
	grep -q "unknown key" k.out && ok=0
	case $type in
	integer)
		lo=${range%..*}; hi=${range#*..}
		refused "$name" "$((hi + 1))" "$name: $((hi + 1)) not in $range" || ok=0
		refused "$name" "$((lo - 1))" "$name: $((lo - 1)) not in $range" || ok=0
		refused "$name" '"1"' "$name: expected an integer" || ok=0
		;;
	boolean)
		refused "$name" 1 "$name: expected true or false" || ok=0
		;;
	choice)
		refused "$name" '"zzz"' "$name: \"zzz\" is not one of $(echo "$range" | sed 's/|/, /g')" || ok=0
		;;
	string)
		n=$(echo "$range" | sed -nE 's/^(at most |[0-9]+\.\.)([0-9]+) characters.*/\2/p')
		refused "$name" "$(long $((n + 1)))" "$name: " || ok=0
		grep -qE "longer than $n characters" k.out || ok=0
		case $range in
		[1-9]*) refused "$name" '""' "$name: must not be empty" || ok=0 ;;
		esac
		;;
	path)
		refused "$name" '""' "$name: empty path" || ok=0
		;;
	"list of strings")
		n=$(echo "$range" | sed -nE 's/^at most ([0-9]+) items.*/\1/p')
		refused "$name" "$(list_of $((n + 1)))" "$name: more than $n" || ok=0
		;;
	esac
	[ $ok -eq 1 ] || { nbad=$((nbad + 1)); echo "# $name ($type, $range): check disagrees"; }
done < keys.tsv
check "every key of the page: check knows it and enforces its range ($nk keys)" \
    sh -c "[ $nk -gt 70 ] && [ $nbad -eq 0 ]"

# --- 3. rendering ---------------------------------------------------------------
cp lapak.cfg.5 "$TOP/man/"*.[158] . 2> /dev/null || cp "$TOP"/man/*.[158] .
for p in $PAGES lapak.cfg.5; do
	check "$p: exists" test -s "$p"
	groff -man -Tutf8 -ww -z "$p" > "g-$p.out" 2>&1
	check "$p: groff -man -ww renders with no warning" [ ! -s "g-$p.out" ]
	[ -s "g-$p.out" ] && sed 's/^/# /' "g-$p.out"
	if command -v mandoc > /dev/null; then
		mandoc -Tlint -W warning "$p" > "m-$p.out" 2>&1
		check "$p: mandoc -Tlint: no warning" [ ! -s "m-$p.out" ]
		[ -s "m-$p.out" ] && sed 's/^/# /' "m-$p.out"
	else
		skip "$p: mandoc missing (scripts/deps.sh installs it)"
	fi
	check "$p: NAME, SYNOPSIS, SEE ALSO" sh -c "grep -q '^\.SH NAME' $p &&
	    grep -q '^\.SH SYNOPSIS' $p && grep -q '^\.SH \"\?SEE ALSO' $p"
done
for p in lapakd.8 lapakctl.8 lapak-sim.1 lapak-web.8; do
	check "$p: EXIT STATUS and FILES or EXAMPLES" sh -c "grep -q '^\.SH \"\?EXIT STATUS' $p &&
	    grep -qE '^\.SH (FILES|EXAMPLES)' $p"
done
# A broken page is caught (the check can fail).
printf '.TH X 8\n.SH NAME\nx \\- y\n.BOGUS\n' > bad.8
groff -man -Tutf8 -ww -z bad.8 > g-bad.out 2>&1
check "a page with an unknown macro is caught by groff -ww" [ -s g-bad.out ]

# --- 4. every lapakctl command is in lapakctl(8); every option of lapakd ----
"$BIN/lapakctl" > usage.txt 2>&1
sed -nE 's/^  ([a-z][a-z-]*) .*/\1/p; s/^  ([a-z][a-z-]*)$/\1/p' usage.txt | sort -u > verbs.txt
check "lapakctl lists $(wc -l < verbs.txt) commands" [ "$(wc -l < verbs.txt)" -gt 10 ]
: > undoc.txt
while read -r v; do
	pat=$(echo "$v" | sed 's/-/\\\\-/g')
	grep -q "^\\\\fB$pat[\\\\ ]" lapakctl.8 || echo "$v" >> undoc.txt
done < verbs.txt
check "lapakctl(8) describes every command lapakctl lists" [ ! -s undoc.txt ]
[ -s undoc.txt ] && echo "# undocumented: $(tr '\n' ' ' < undoc.txt)"
"$BIN/lapakd" -h > lusage.txt 2>&1
sed -nE 's/^  -([a-zA-Z]) .*/\1/p' lusage.txt > lopts.txt
: > lundoc.txt
while read -r o; do
	grep -qE "^\.(B|BI|BR) \\\\-$o( |$)" lapakd.8 || echo "-$o" >> lundoc.txt
done < lopts.txt
check "lapakd(8) describes every option of lapakd -h ($(wc -l < lopts.txt))" \
    sh -c "[ -s lopts.txt ] && [ ! -s lundoc.txt ]"
[ -s lundoc.txt ] && echo "# undocumented: $(tr '\n' ' ' < lundoc.txt)"

# --- 5. make man -----------------------------------------------------------------
check "make man's rule writes the page lapakctl keys --man prints" \
    sh -c "grep -q 'lapakctl keys --man > \$(BUILD)/man/lapak.cfg.5' '$TOP/Makefile'"
finish
