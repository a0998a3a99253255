# The Debian package for the package tests (test_deb.sh, test_deb_upgrade.sh):
# build/deb/lapak_*.deb from `make deb`, reused while it is newer than every
# file git tracks (or would track) outside tests/; a test run builds it once.
# Needs lib.sh's TOP and DEB_DIR set.

# deb_file: the one .deb in DEB_DIR ("" if none).
deb_file() {
	ls "$DEB_DIR"/lapak_*.deb 2>/dev/null | head -1
}

# deb_fresh: a .deb exists and no source file is newer. Outside a git
# checkout nothing says which files are sources: never fresh.
deb_fresh() {
	df_deb=$(deb_file)
	[ -n "$df_deb" ] || return 1
	git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1 || return 1
	df_newer=$(cd "$TOP" && { git ls-files; git ls-files -o --exclude-standard; } | grep -v "^tests/" |
	    while read -r f; do [ "$f" -nt "$df_deb" ] && echo "$f"; done | head -3)
	[ -z "$df_newer" ] || { echo "# package older than: $df_newer"; return 1; }
}
