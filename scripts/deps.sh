#!/bin/sh
# Installs Lapak's build and test dependencies from Debian packages when missing.
set -e
PKGS="build-essential pkg-config libsmpp34-dev libsqlite3-dev libconfig-dev
libsodium-dev libmicrohttpd-dev libev-dev sqlite3 clang libclang-rt-14-dev
curl libnet-smpp-perl python3 valgrind cppcheck clang-tidy tzdata
libxlsxwriter-dev python3-openpyxl"
# issue 14, web: the browser tests (tests/integ/test_web_browser.sh): headless
# chromium driven by puppeteer-core (npm), tidy for the HTML5 check; node and
# npm from Debian only where none is installed (Debian 12's node 18 will do)
PKGS="$PKGS chromium tidy"
command -v node > /dev/null 2>&1 || PKGS="$PKGS nodejs"
command -v npm > /dev/null 2>&1 || PKGS="$PKGS npm"
# issue 15, package: make deb (dpkg-buildpackage, debhelper) and its lintian
PKGS="$PKGS dpkg-dev debhelper lintian"
# issue 15, systemd/man: systemd-analyze (verify, security, syscall-filter),
# mandoc -Tlint and groff for the man pages, strace for the syscall check.
PKGS="$PKGS systemd mandoc groff-base strace"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
	    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "deps: installing$missing" >&2
$SUDO apt-get update -qq >&2 || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >&2
