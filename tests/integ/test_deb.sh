#!/bin/sh
# issue 15: the Debian package. Builds it (make deb, into build/deb; a package
# newer than every source file is reused), checks its contents and modes,
# lintian (no errors), then unpacks it into a scratch root and runs THAT
# lapakd with THE SHIPPED config (store and data dir pointed into the
# scratch root, the SMSC at lapak-sim) through DAFTAR, JUAL, CARI, and the
# packaged lapakctl's check, report and reload on it. With systemd as PID 1
# (not in CI) it also installs, starts, reloads and stops it for real.
# The maintainer scripts and upgrades: tests/integ/test_deb_upgrade.sh.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"

for t in dpkg-buildpackage dpkg-deb lintian dh; do
	command -v $t >/dev/null 2>&1 ||
	    skip_all "$t not installed (scripts/deps.sh installs it)"
done

# ---- the package: build or reuse ----------------------------------------
DEB_DIR=$TOP/build/deb
. tests/integ/deb_lib.sh
if ! deb_fresh; then
	echo "# building the package (make deb; log $WORK/make-deb.log)"
	T0=$(date +%s)
	if env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -C "$TOP" deb > "$WORK/make-deb.log" 2>&1; then
		ok "make deb builds the package in $(($(date +%s) - T0)) s"
	else
		fail "make deb"
		tail -30 "$WORK/make-deb.log"
		finish
	fi
else
	echo "# reusing $(basename "$(deb_file)") (newer than every source file)"
fi
DEB=$(deb_file)
check "one .deb in build/deb ($(basename "$DEB"))" [ -f "$DEB" ]
[ -f "$DEB" ] || finish

# ---- contents and modes --------------------------------------------------
dpkg-deb -c "$DEB" > "$WORK/contents"
# has MODE OWNER PATH: one line of dpkg-deb -c with these fields.
has() {
	awk -v m="$1" -v o="$2" -v p="$3" '
	    $1 == m && $2 == o && ($6 == p || $6 == p "/") { f = 1 }
	    END { exit !f }' "$WORK/contents"
}
for b in usr/sbin/lapakd usr/sbin/lapakctl usr/sbin/lapak-web usr/bin/lapak-sim; do
	check "$b: -rwxr-xr-x root/root" has -rwxr-xr-x root/root "./$b"
done
check "/usr/share/lapak/menus/default.cfg" \
    has -rw-r--r-- root/root ./usr/share/lapak/menus/default.cfg
missing=""
for f in $(cd "$TOP" && find menus/templates -type f | sort); do
	has -rw-r--r-- root/root "./usr/share/lapak/$f" || missing="$missing $f"
done
check "every shipped template file under /usr/share/lapak/menus/templates${missing:+ (missing:$missing)}" \
    [ -z "$missing" ]
check "/etc/lapak/lapak.cfg: -rw------- root/root in the package" \
    has -rw------- root/root ./etc/lapak/lapak.cfg
check "/var/lib/lapak: drwx------" has drwx------ root/root ./var/lib/lapak
check "/usr/share/doc/lapak/copyright" \
    has -rw-r--r-- root/root ./usr/share/doc/lapak/copyright
check "/usr/share/doc/lapak/changelog.gz" \
    has -rw-r--r-- root/root ./usr/share/doc/lapak/changelog.gz
check "README and docs/OPERATORS.md in /usr/share/doc/lapak" \
    grep -Eq './usr/share/doc/lapak/OPERATORS.md(.gz)?$' "$WORK/contents"
check "examples: lapak.cfg, lapak-min.cfg, places-sample.csv" \
    [ "$(grep -cE './usr/share/doc/lapak/examples/(lapak.cfg|lapak-min.cfg|places-sample.csv)' "$WORK/contents")" = 3 ]
dpkg-deb -I "$DEB" conffiles > "$WORK/conffiles" 2>/dev/null
check "/etc/lapak/lapak.cfg is a conffile" \
    grep -qx /etc/lapak/lapak.cfg "$WORK/conffiles"
dpkg-deb -f "$DEB" Depends > "$WORK/depends"
check "Depends: adduser, tzdata and the shared libraries ($(cat "$WORK/depends"))" \
    sh -c "grep -q adduser '$WORK/depends' && grep -q tzdata '$WORK/depends' &&
	grep -q libsqlite3 '$WORK/depends' && grep -q libsodium '$WORK/depends'"
nf=$(grep -c '^-' "$WORK/contents")
echo "# $nf files, $(dpkg-deb -f "$DEB" Installed-Size) KiB installed, .deb $(($(stat -c %s "$DEB") / 1024)) KiB"

# The other helpers' parts, when the tree has them: units and man pages.
for u in "$TOP"/systemd/*.service; do
	[ -f "$u" ] || continue
	n=$(basename "$u")
	check "unit $n in /lib/systemd/system" \
	    has -rw-r--r-- root/root "./lib/systemd/system/$n"
	# Its programs of ours (ExecReload=/bin/kill ... is the system's).
	for exe in $(sed -nE 's/^Exec[A-Za-z]*=[-@:+!]*([^ ]*lapak[^ ]*).*/\1/p' "$u" | sort -u); do
		check "unit $n: $exe is in the package" \
		    grep -q " \.$exe\$" "$WORK/contents"
	done
done
for m in "$TOP"/man/*.[158] "$TOP"/build/pkg/man/*.[158]; do
	[ -f "$m" ] || continue
	n=$(basename "$m"); s=${n##*.}
	check "man page $n in /usr/share/man/man$s" \
	    grep -q "\./usr/share/man/man$s/$n.gz\$" "$WORK/contents"
done

# ---- lintian --------------------------------------------------------------
lintian --allow-root --tag-display-limit 0 "$DEB" > "$WORK/lintian.out" 2>&1
ne=$(grep -c '^E: ' "$WORK/lintian.out")
nw=$(grep -c '^W: ' "$WORK/lintian.out")
check "lintian: no errors ($ne errors, $nw warnings)" [ "$ne" -eq 0 ]
sed 's/^/# lintian: /' "$WORK/lintian.out"

# ---- the unpacked package runs with its shipped config ------------------
R=$WORK/root
dpkg-deb -x "$DEB" "$R"
SHIPPED=$R/etc/lapak/lapak.cfg
check "the shipped config's store is /var/lib/lapak/lapak.db" \
    grep -Eq '^[[:space:]]*path = "/var/lib/lapak/lapak.db";' "$SHIPPED"
check "the shipped config holds no password (a placeholder to set)" \
    grep -Eq '^[[:space:]]*password = "";[[:space:]]*# SET THIS' "$SHIPPED"
check "the packaged lapakd looks for its menus in /usr/share/lapak" \
    grep -aq /usr/share/lapak/menus/default.cfg "$R/usr/sbin/lapakd"
for b in lapakd lapakctl lapak-web; do
	check "$b: every shared library found" \
	    sh -c "! ldd '$R/usr/sbin/$b' | grep -q 'not found'"
done

# What an operator changes (password, SMSC port), and what the scratch root
# changes (the store and the shipped data under $R instead of /).
PORT=$(free_port)
sed -e "s|\"/var/lib/lapak/lapak.db\"|\"$R/var/lib/lapak/lapak.db\"|" \
    -e "s|^\([[:space:]]*port = \)2775;|\1$PORT;|" \
    -e 's|^\([[:space:]]*password = \)"";|\1"secret";|' \
    -e 's|^\([[:space:]]*source_addr = \)"";|\1"1234";|' \
    -e "s|^[[:space:]]*# file = \"menus/default.cfg\";.*|	file = \"$R/usr/share/lapak/menus/default.cfg\";|" \
    -e "s|^[[:space:]]*# templates = \"menus/templates\";.*|	templates = \"$R/usr/share/lapak/menus/templates\";|" \
    "$SHIPPED" > "$WORK/lapak.cfg"
chmod 600 "$WORK/lapak.cfg"
check "the scratch config differs from the shipped one in 6 lines" \
    [ "$(diff "$SHIPPED" "$WORK/lapak.cfg" | grep -c '^>')" = 6 ]
check "packaged lapakd -n accepts it" \
    sh -c "'$R/usr/sbin/lapakd' -n -c '$WORK/lapak.cfg' > '$WORK/n.out' 2>&1"
check "packaged lapakctl check accepts it" \
    sh -c "'$R/usr/sbin/lapakctl' -c '$WORK/lapak.cfg' check > '$WORK/check.out' 2>&1"

BIN_SAVE=$BIN
BIN=$R/usr/bin
start_serve sim -p "$PORT" || finish
BIN=$BIN_SAVE
"$R/usr/sbin/lapakd" -c "$WORK/lapak.cfg" >> "$WORK/lapakd.log" 2>&1 &
D_PID=$!
check "packaged lapakd binds to lapak-sim" \
    wait_until 10 grep -q "bound" "$WORK/lapakd.log"
ask $S1 "DAFTAR Warung Sri, Sukamaju" 'Warung Sri.*Sukamaju'
ask $S1 "JUAL Keripik singkong 15rb/bks 10" '^P1 Keripik singkong Rp15\.000/bks stok 10'
ask $B1 "CARI kripik" 'P1 Keripik singkong Rp15\.000/bks Sukamaju'
ask $B1 "BELI P1 2" '^O1: Keripik singkong x2 @Rp15\.000/bks = Rp30\.000'
check "the store is in the scratch root's /var/lib/lapak" \
    [ -f "$R/var/lib/lapak/lapak.db" ]
check "its mode is 0600" [ "$(stat -c %a "$R/var/lib/lapak/lapak.db")" = 600 ]

"$R/usr/sbin/lapakctl" -c "$WORK/lapak.cfg" report > "$WORK/report.out" 2>&1
check "packaged lapakctl report: 1 seller, 1 product in its total line" \
    awk '$1 == "total" && $2 == 1 && $3 == 1 { f = 1 } END { exit !f }' \
    "$WORK/report.out"
sed 's/^/# report: /' "$WORK/report.out"
check "packaged lapakctl reload reaches the packaged lapakd" \
    sh -c "'$R/usr/sbin/lapakctl' -c '$WORK/lapak.cfg' reload > '$WORK/reload.out' 2>&1"
check "lapakd reloads (log: reload ok)" \
    wait_until 10 grep -q "reload ok" "$WORK/lapakd.log"
ask $B1 "CARI keripik" 'P1 Keripik singkong'
stop_lapakd
check "packaged lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
check "lapak-sim from the package served the story" kill -0 "$SIM_PID"
kill_sim

# ---- for real, where systemd is PID 1 -------------------------------------
if [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ] && [ "$(id -u)" = 0 ] &&
    ! dpkg-query -W lapak >/dev/null 2>&1 && [ -n "$(ls "$TOP"/systemd/lapakd.service 2>/dev/null)" ]; then
	check "dpkg -i" sh -c "dpkg -i '$DEB' > '$WORK/dpkg-i.out' 2>&1"
	check "the lapak user exists" getent passwd lapak
	check "/etc/lapak/lapak.cfg lapak:lapak 0600" \
	    [ "$(stat -c '%U:%G %a' /etc/lapak/lapak.cfg)" = "lapak:lapak 600" ]
	systemctl start lapakd
	check "systemctl start lapakd: active" systemctl is-active -q lapakd
	check "systemctl reload lapakd" systemctl reload lapakd
	check "systemctl stop lapakd" systemctl stop lapakd
	check "dpkg --purge lapak" sh -c "dpkg --purge lapak > '$WORK/dpkg-p.out' 2>&1"
else
	echo "# info: PID 1 is $(cat /proc/1/comm 2>/dev/null), not systemd (or lapak is installed, or no unit yet, or not root): the real dpkg -i, start, reload, stop did not run here; the unpacked package ran above"
fi
check "no sanitizer report" sanitizer_clean
finish
