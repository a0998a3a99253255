#!/bin/sh
# issue 14, web: lapakctl web-user add|list|remove (lapak-web's officers):
# the password from standard input, a file or a terminal (asked twice,
# not echoed); bad names, short passwords, unknown places and known names
# refused with exit 1 and one clear line; the password in no output and
# not in the store in clear (an Argon2id string instead).
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
command -v sqlite3 > /dev/null || skip_all "sqlite3 shell missing"
write_conf lapak.cfg "$(free_port)"
ctl() { "$BIN/lapakctl" -c lapak.cfg "$@"; }
q() { sqlite3 lapak.db "$1"; }
PW='kopi-luwak-2025'
PW2='gula-aren-manis-9'

ctl places load "$TOP/data/places-sample.csv" > /dev/null 2>&1
check "places loaded" [ "$(q 'SELECT count(*) FROM places')" -gt 0 ]

printf '%s\n' "$PW" | ctl web-user add ani --place 33.18.04 > add.out 2> add.err
check "web-user add: password on standard input (exit 0)" [ $? -eq 0 ]
check "web-user add: one line naming the officer and place" \
    grep -q "web user ani added: place 33.18.04" add.out
check "web-user add: the hash is Argon2id" \
    [ "$(q "SELECT substr(pw_hash, 1, 10) FROM web_users WHERE name = 'ani'")" = '$argon2id$' ]

printf '%s\n' "$PW2" > pw.txt
ctl web-user add budi.s --place 33.18 --password-file pw.txt > add2.out 2> add2.err
check "web-user add --password-file (exit 0)" [ $? -eq 0 ]

ctl web-user list > list.out 2> list.err
check "web-user list (exit 0)" [ $? -eq 0 ]
check "web-user list: a header and both officers with place and date" \
    sh -c "head -1 list.out | grep -q '^name  *place  *created' &&
    grep -Eq '^ani  *33\.18\.04  *[0-9]{4}-[0-9]{2}-[0-9]{2} ' list.out &&
    grep -Eq '^budi\.s  *33\.18  *[0-9]{4}-' list.out"

# Refusals: exit 1, one clear line, nothing written.
printf '%s\n' "$PW" | ctl web-user add Ani --place 33.18 > bad.out 2> bad.err
check "web-user add: a bad name is refused (exit 1)" [ $? -eq 1 ]
check "web-user add: ... saying which characters" grep -q "lapakctl: name: only lower-case" bad.err
printf '%s\n' "$PW" | ctl web-user add "$(printf 'a%.0s' $(seq 1 33))" --place 33.18 > bad.out 2> bad.err
check "web-user add: a 33-character name is refused (exit 1)" \
    sh -c "[ $? -eq 1 ] && grep -q 'longer than 32' bad.err"
printf 'short-pw\n' | ctl web-user add cici --place 33.18 > bad.out 2> bad.err
check "web-user add: a short password is refused (exit 1)" [ $? -eq 1 ]
check "web-user add: ... saying the minimum" grep -q "password: at least 10 characters" bad.err
printf '%s\n' "$PW" | ctl web-user add cici --place 33.99 > bad.out 2> bad.err
check "web-user add: an unknown place is refused (exit 1)" [ $? -eq 1 ]
check "web-user add: ... naming it" grep -q "place 33.99 is not a loaded place" bad.err
printf '%s\n' "$PW2" | ctl web-user add ani --place 33.18 > bad.out 2> bad.err
check "web-user add: a known name is refused (exit 1)" [ $? -eq 1 ]
check "web-user add: ... pointing at --replace" grep -q "web user ani exists (--replace" bad.err
ctl web-user add dewi --place 33.18 < /dev/null > bad.out 2> bad.err
check "web-user add: no password at all is refused (exit 1)" \
    sh -c "[ $? -eq 1 ] && grep -q 'no password given' bad.err"
ctl web-user add dewi > bad.out 2> bad.err
check "web-user add without --place: usage (exit 2)" [ $? -eq 2 ]
check "refusals wrote nothing" \
    [ "$(q "SELECT group_concat(name || '@' || place, ',') FROM (SELECT * FROM web_users ORDER BY name)")" = "ani@33.18.04,budi.s@33.18" ]
OLDHASH=$(q "SELECT pw_hash FROM web_users WHERE name = 'ani'")

printf '%s\n' "$PW2" | ctl web-user add ani --place 33.18.09 --replace > rep.out 2> rep.err
check "web-user add --replace: new password and place (exit 0)" \
    sh -c "[ $? -eq 0 ] && [ \"\$(sqlite3 lapak.db \"SELECT place FROM web_users WHERE name = 'ani'\")\" = 33.18.09 ]"
check "web-user add --replace: a new hash" \
    [ "$(q "SELECT pw_hash FROM web_users WHERE name = 'ani'")" != "$OLDHASH" ]

# On a terminal (a pty driven by python3): asked twice, not echoed; two
# different answers refused. term_drive.py CMD... types each line of $ANSWERS
# after each prompt that ends in ": " and prints all the terminal showed.
cat > term_drive.py <<'PYEOF'
import os, pty, sys
answers = os.environ["ANSWERS"].split("\n")
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
seen = b""
i = 0
while True:
    try:
        b = os.read(fd, 1024)
    except OSError:
        break
    if not b:
        break
    seen += b
    if seen.rstrip(b"\r\n").endswith(b": ") and i < len(answers) and \
       seen.count(b"Password") > i:
        os.write(fd, answers[i].encode() + b"\n")
        i += 1
os.waitpid(pid, 0)
sys.stdout.write(seen.decode("utf-8", "replace"))
PYEOF
ANSWERS="$PW
$PW" python3 term_drive.py "$BIN/lapakctl" -c lapak.cfg web-user add eko \
    --place 33.18.19 > tty.out 2>&1
check "web-user add on a terminal: asked twice, added" \
    sh -c "grep -q 'Password (10 characters or more)' tty.out &&
    grep -q 'Password again' tty.out && grep -q 'web user eko added' tty.out &&
    [ \"\$(sqlite3 lapak.db \"SELECT count(*) FROM web_users WHERE name = 'eko'\")\" = 1 ]"
check "web-user add on a terminal: the password is not echoed" \
    sh -c "! grep -qF '$PW' tty.out"
ANSWERS="$PW
$PW2" python3 term_drive.py "$BIN/lapakctl" -c lapak.cfg web-user add fajar \
    --place 33.18.19 > tty2.out 2>&1
check "web-user add on a terminal: two different answers refused" \
    sh -c "grep -q 'the two passwords differ' tty2.out &&
    [ \"\$(sqlite3 lapak.db \"SELECT count(*) FROM web_users WHERE name = 'fajar'\")\" = 0 ]"

ctl web-user remove budi.s > rm.out 2> rm.err
check "web-user remove (exit 0)" sh -c "[ $? -eq 0 ] && grep -q 'web user budi.s removed' rm.out"
ctl web-user remove budi.s > rm.out 2> rm.err
check "web-user remove: an unknown name is refused (exit 1)" \
    sh -c "[ $? -eq 1 ] && grep -q 'web user budi.s does not exist' rm.err"
ctl web-user list > list2.out 2>&1
check "web-user remove: gone from the list" sh -c "grep -q '^ani ' list2.out && ! grep -q budi list2.out"

# issue 15: every web-user change is in the operators' audit log, with
# the Unix user, refusals included.
ctl audit --limit 50 > audit.out 2>&1
check "audit: web-user add ok" sh -c "grep -q 'web-user add' audit.out && [ \"\$(sqlite3 lapak.db \"SELECT count(*) FROM op_audit WHERE verb = 'web-user add' AND outcome = 'ok'\")\" -ge 1 ]"
check "audit: web-user remove ok, then refused" sh -c "[ \"\$(sqlite3 lapak.db \"SELECT group_concat(outcome) FROM (SELECT outcome FROM op_audit WHERE verb = 'web-user remove' ORDER BY id)\")\" = 'ok,refused' ]"
check "audit: the operator's Unix user" sh -c "[ \"\$(sqlite3 lapak.db \"SELECT count(*) FROM op_audit WHERE verb LIKE 'web-user%' AND user LIKE '$(id -un)%'\")\" -ge 2 ]"

# The passwords are in no output and in no byte of the store.
sqlite3 lapak.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
for f in lapak.db*; do
	check "no password in clear in $f" sh -c "! grep -aqF -e '$PW' -e '$PW2' '$f'"
done
check "no password in any output" sh -c "! cat ./*.out ./*.err | grep -qF -e '$PW' -e '$PW2'"
finish
