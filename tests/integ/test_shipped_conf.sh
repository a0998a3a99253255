#!/bin/sh
# issue 15, item 6: every shipped example config passes the checks it
# documents as a fresh checkout leaves it (mode 0644): lapakd -n and
# lapakctl check accept it, and it holds no secret for the mode rule to
# refuse. The one with a password set (as an operator would) at 0644 is
# refused, at 0600 accepted: the rule is still there.
. tests/integ/lib.sh
setup "$1"

# The examples documented as runnable (README, conf/lapak.cfg's header,
# interfaces.md's smallest config); the package ships conf/lapak.cfg as
# /etc/lapak/lapak.cfg (tests/integ/test_deb.sh checks that one).
EXAMPLES="conf/lapak.cfg conf/lapak-min.cfg"

# Git keeps these 0644: a fresh clone under umask 022 has them so.
if git ls-files -s $EXAMPLES >/dev/null 2>&1 &&
    [ -n "$(git ls-files $EXAMPLES)" ]; then
	modes=$(git ls-files -s $EXAMPLES | awk '{print $1}' | sort -u)
	check "git keeps the examples 100644 ($modes)" [ "$modes" = 100644 ]
else
	echo "# not a git checkout: the examples' git mode not read"
fi

for ex in $EXAMPLES; do
	n=$(basename "$ex" .cfg)
	mkdir -p "$WORK/$n"
	install -m 0644 "$ex" "$WORK/$n/lapak.cfg"
	f="$WORK/$n/lapak.cfg"
	if "$BIN/lapakd" -n -c "$f" > "$WORK/$n.d.out" 2>&1; then
		ok "$ex at 0644: lapakd -n accepts it"
	else
		fail "$ex at 0644: lapakd -n refused it: $(cat "$WORK/$n.d.out")"
	fi
	if "$BIN/lapakctl" -c "$f" check > "$WORK/$n.c.out" 2>&1; then
		ok "$ex at 0644: lapakctl check accepts it"
	else
		fail "$ex at 0644: lapakctl check: $(cat "$WORK/$n.c.out")"
	fi
	check "$ex: no SMSC password shipped" \
	    grep -Eq '^[^#]*password = "";' "$f"
	check "$ex: no http.secret shipped" \
	    sh -c "! grep -Eq '^[^#]*secret = \"[^\"]' '$f'"

	# The operator sets a password: the mode rule applies again.
	sed 's/password = "";/password = "s3cret";/' "$f" > "$WORK/$n/set.cfg"
	chmod 0644 "$WORK/$n/set.cfg"
	"$BIN/lapakd" -n -c "$WORK/$n/set.cfg" > "$WORK/$n.s.out" 2>&1
	rc=$?
	check "$ex with a password at 0644: refused, exit 1 ($rc)" [ "$rc" -eq 1 ]
	check "$ex with a password at 0644: says chmod 600" \
	    grep -q "mode 0644 lets other users read the SMSC password; chmod 600" \
	    "$WORK/$n.s.out"
	chmod 0600 "$WORK/$n/set.cfg"
	check "$ex with a password at 0600: lapakctl check accepts it" \
	    sh -c "'$BIN/lapakctl' -c '$WORK/$n/set.cfg' check >/dev/null"
done

# In place, as checked out: the file itself (relative store path) checks too.
for ex in $EXAMPLES; do
	m=$(stat -c %a "$ex")
	check "$ex in the tree (mode $m): lapakctl check" \
	    sh -c "'$BIN/lapakctl' -c '$ex' check >/dev/null"
done
finish
