#!/bin/sh
# issue 15, item 5: the package over itself. dpkg installs, upgrades,
# removes and purges the package in a scratch root (dpkg --root with its own
# admin dir; maintainer scripts run without chroot, with DPKG_ROOT set, which
# they honour). What would reach the host is stubbed and logged: adduser,
# getent, chown (no lapak user on a CI host), and the systemd helpers.
# An "older" package is this one repacked as 0.14 with a different conffile,
# so the upgrade meets an operator-edited conffile that the package changed.
. tests/integ/lib.sh
setup "$1"

for t in dpkg dpkg-deb; do
	command -v $t >/dev/null 2>&1 || skip_all "$t not installed"
done
[ "$(id -u)" = 0 ] ||
    skip_all "dpkg --root installs files owned by root: run as root (CI does)"

DEB_DIR=$TOP/build/deb
. tests/integ/deb_lib.sh
if ! deb_fresh; then
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -C "$TOP" deb > "$WORK/make-deb.log" 2>&1 ||
	    { fail "make deb"; tail -30 "$WORK/make-deb.log"; finish; }
fi
NEW=$(deb_file)
NEWV=$(dpkg-deb -f "$NEW" Version)

# The older package: same files, Version 0.14, one more comment line in its
# conffile (so the new package changes the conffile; md5sums lists no
# conffile, so it stays right).
OLDV=0.14
dpkg-deb -R "$NEW" "$WORK/old"
sed -i "s/^Version: .*/Version: $OLDV/" "$WORK/old/DEBIAN/control"
echo "# (lapak $OLDV)" >> "$WORK/old/etc/lapak/lapak.cfg"
dpkg-deb --root-owner-group -b "$WORK/old" "$WORK/lapak_old.deb" >/dev/null
check "older package $OLDV < $NEWV" dpkg --compare-versions "$OLDV" lt "$NEWV"

# Stubs for what must not touch the host; each logs "NAME ARGS" to calls.
S=$WORK/stubs
mkdir -p "$S"
for n in adduser chown deb-systemd-helper deb-systemd-invoke systemctl; do
	printf '#!/bin/sh\necho "%s $*" >> "%s/calls"\n' "$n" "$WORK" > "$S/$n"
done
printf 'echo lapak >> "%s/passwd"\n' "$WORK" >> "$S/adduser"
printf '#!/bin/sh\necho "getent $*" >> "%s/calls"\n[ "$1" = passwd ] && grep -qx "$2" "%s/passwd" 2>/dev/null\n' \
    "$WORK" "$WORK" > "$S/getent"
chmod +x "$S"/*

R=$WORK/root
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" \
    "$R/var/lib/dpkg/triggers"
: > "$R/var/lib/dpkg/status"; : > "$R/var/lib/dpkg/available"
host_user=$(getent passwd lapak >/dev/null && echo yes || echo no)
host_dir=$([ -e /var/lib/lapak ] && echo yes || echo no)
# dpkgr ARGS: dpkg on the scratch root (its dependencies are the host's).
dpkgr() {
	PATH="$S:$PATH" dpkg --root="$R" --force-script-chrootless \
	    --force-depends --log="$WORK/dpkg.log" "$@" >> "$WORK/dpkg.out" 2>&1
}
status() { dpkg-query --admindir="$R/var/lib/dpkg" -W -f '${Status} ${Version}' lapak 2>/dev/null; }
mode() { stat -c '%a' "$1"; }

# ---- first install ----------------------------------------------------------
check "dpkg -i the $OLDV package into the scratch root" dpkgr -i "$WORK/lapak_old.deb"
check "status: installed $OLDV" [ "$(status)" = "install ok installed $OLDV" ]
check "postinst asked for the lapak user" grep -q "^getent passwd lapak" "$WORK/calls"
check "postinst: adduser --system --group ... lapak" \
    grep -q "^adduser --system --group .*--home /var/lib/lapak .* lapak$" "$WORK/calls"
check "postinst: chown lapak:lapak the store folder" \
    grep -qx "chown lapak:lapak $R/var/lib/lapak" "$WORK/calls"
check "postinst: chown lapak:lapak the config" \
    grep -qx "chown lapak:lapak $R/etc/lapak/lapak.cfg" "$WORK/calls"
check "/var/lib/lapak 0700" [ "$(mode "$R/var/lib/lapak")" = 700 ]
check "/etc/lapak/lapak.cfg 0600" [ "$(mode "$R/etc/lapak/lapak.cfg")" = 600 ]
check "the binaries are installed" [ -x "$R/usr/sbin/lapakd" ]

# ---- the operator sets the password and lapakd fills the store --------------
sed -i 's/^\([[:space:]]*password = \)"";/\1"s3cret";/' "$R/etc/lapak/lapak.cfg"
sqlite3 "$R/var/lib/lapak/lapak.db" "CREATE TABLE t (x); INSERT INTO t VALUES (42);"
chmod 600 "$R/var/lib/lapak/lapak.db"
sum0=$(md5sum < "$R/var/lib/lapak/lapak.db")
: > "$WORK/calls"

# ---- upgrade over it ---------------------------------------------------------
# As apt does with Dpkg::Options::=--force-confdef,--force-confold
# (non-interactive): the operator's edited conffile stays.
check "dpkg -i the $NEWV package over $OLDV" \
    dpkgr --force-confdef --force-confold -i "$NEW"
check "status: installed $NEWV" [ "$(status)" = "install ok installed $NEWV" ]
check "the store is kept byte for byte" \
    [ "$(md5sum < "$R/var/lib/lapak/lapak.db")" = "$sum0" ]
check "the operator's password is kept in lapak.cfg" \
    grep -q 'password = "s3cret";' "$R/etc/lapak/lapak.cfg"
check "the package's new lapak.cfg beside it as lapak.cfg.dpkg-dist" \
    [ -f "$R/etc/lapak/lapak.cfg.dpkg-dist" ]
check "lapak.cfg still 0600, store folder still 0700" \
    [ "$(mode "$R/etc/lapak/lapak.cfg") $(mode "$R/var/lib/lapak")" = "600 700" ]
check "lapak.cfg.dpkg-dist 0600 too (as shipped)" \
    [ "$(mode "$R/etc/lapak/lapak.cfg.dpkg-dist")" = 600 ]
check "the upgrade's postinst finds the user and adds none" \
    sh -c "grep -q '^getent passwd lapak' '$WORK/calls' && ! grep -q '^adduser' '$WORK/calls'"

# Unchanged conffile, operator's edit: reinstalling the same version keeps it
# without asking.
: > "$WORK/calls"
rm -f "$R/etc/lapak/lapak.cfg.dpkg-dist"
check "dpkg -i $NEWV again (no prompt: the conffile did not change)" \
    dpkgr -i "$NEW"
check "the password is still there" \
    grep -q 'password = "s3cret";' "$R/etc/lapak/lapak.cfg"

# ---- remove keeps data and config; purge takes both ------------------------
check "dpkg -r lapak" dpkgr -r lapak
check "status after remove: config-files" \
    [ "$(status)" = "deinstall ok config-files $NEWV" ]
check "remove keeps the store" \
    [ "$(md5sum < "$R/var/lib/lapak/lapak.db")" = "$sum0" ]
check "remove keeps lapak.cfg" [ -f "$R/etc/lapak/lapak.cfg" ]
check "remove takes the binaries" [ ! -e "$R/usr/sbin/lapakd" ]
check "dpkg -P lapak" dpkgr -P lapak
check "purge removes /var/lib/lapak" [ ! -e "$R/var/lib/lapak" ]
check "purge removes /etc/lapak" [ ! -e "$R/etc/lapak" ]
check "purge says it removes the store" \
    grep -q "lapak: purge removes $R/var/lib/lapak (the store" "$WORK/dpkg.out"
grep "purge removes" "$WORK/dpkg.out" | sed 's/^/# /'

# ---- and nothing reached the host --------------------------------------------
check "no lapak user made on the host (was: $host_user)" \
    [ "$(getent passwd lapak >/dev/null && echo yes || echo no)" = "$host_user" ]
check "no /var/lib/lapak made on the host (was: $host_dir)" \
    [ "$([ -e /var/lib/lapak ] && echo yes || echo no)" = "$host_dir" ]
finish
