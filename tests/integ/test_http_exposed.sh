#!/bin/sh
# Secure by default (issue 15, item 7): an HTTP listener on an address other
# hosts can reach, with neither http.secret nor http.allow, is refused by
# lapakd -n, lapakd and lapakctl check with file:line; with a secret or an
# allow-list it runs; http.insecure = true runs it anyway and lapakd warns
# at every start; a loopback listener needs neither.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
HP=$(free_port)
write_conf open.cfg "$PORT" "http = { listen = \"0.0.0.0:$HP\"; };"
"$BIN/lapakd" -n -c open.cfg > n.out 2>&1
check "lapakd -n refuses an open listener" [ $? -ne 0 ]
check "  with file:line and what to do" grep -q "^open.cfg:4: http.listen: \"0.0.0.0:$HP\" is reachable from other hosts.*http.secret or http.allow" n.out
"$BIN/lapakd" -c open.cfg > d.out 2>&1
check "lapakd refuses it too" [ $? -ne 0 ]
check "  with the same line" grep -q "^open.cfg:4: http.listen" d.out
"$BIN/lapakctl" -c open.cfg check > c.out 2>&1
check "lapakctl check refuses it" [ $? -ne 0 ]
check "  with the same line" grep -q "^open.cfg:4: http.listen" c.out
write_conf sec.cfg "$PORT" "http = { listen = \"0.0.0.0:$HP\"; secret = \"s3kret\"; };"
check "with a secret: accepted" "$BIN/lapakd" -n -c sec.cfg
write_conf allow.cfg "$PORT" "http = { listen = \"0.0.0.0:$HP\"; allow = [ \"10.1.2.3\" ]; };"
check "with an allow-list: accepted" "$BIN/lapakctl" -c allow.cfg check
write_conf lo.cfg "$PORT" "http = { listen = \"127.0.0.1:$HP\"; };"
check "loopback without either: accepted" "$BIN/lapakd" -n -c lo.cfg
write_conf ins.cfg "$PORT" "http = { listen = \"0.0.0.0:$HP\"; insecure = true; };"
check "insecure = true: accepted" "$BIN/lapakd" -n -c ins.cfg
start_lapakd ins.cfg
check "insecure: lapakd listens" wait_until 10 grep -q "http listening on 0.0.0.0:$HP" lapakd.log
check "  and warns loudly" grep -qE " warn http INSECURE: 0\.0\.0\.0:$HP is reachable from other hosts" lapakd.log
stop_lapakd
start_lapakd ins.cfg
check "  at every start" wait_until 10 sh -c "[ \$(grep -c 'warn http INSECURE' lapakd.log) -ge 2 ]"
stop_lapakd
start_lapakd lo.cfg
wait_until 10 sh -c "[ \$(grep -c 'http listening' lapakd.log) -ge 3 ]"
stop_lapakd
check "no warning for a loopback listener" [ "$(grep -c 'warn http INSECURE' lapakd.log)" = 2 ]
finish
