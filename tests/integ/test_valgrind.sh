#!/bin/sh
# lapakd (plain -O0 build in build/vg) under valgrind memcheck with light
# mixed load for ~15 s: SMS commerce and USSD over SMPP on two links, USSD
# over HTTP with curl (register, sell, a refused request), a reload, then
# SIGTERM. Asserts a
# clean exit with no memcheck error and no definite leak.
. tests/integ/lib.sh
setup "$1"
VB=${VG_BUILD:-build/vg}
command -v valgrind > /dev/null || { fail "valgrind not installed"; finish; }
if ! make -s BUILD="$VB" OPT="-O0 -g" SANITIZE= all > "$WORK/make.out" 2>&1; then
	fail "make BUILD=$VB all"; cat "$WORK/make.out"; finish
fi
VBIN=$(cd "$VB/bin" && pwd)
cd "$WORK"
PA=$(free_port); PB=$(free_port); HP=$(free_port)
cat > lapak.cfg <<CFG
smsc = (
  { name = "sms"; host = "127.0.0.1"; port = $PA; system_id = "lapak"; password = "secret";
    default_route = true; reconnect_min_ms = 100; reconnect_max_ms = 1000; response_timeout_ms = 10000; },
  { name = "ussd"; host = "127.0.0.1"; port = $PB; system_id = "lapak"; password = "secret";
    reconnect_min_ms = 100; reconnect_max_ms = 1000; response_timeout_ms = 10000; }
);
store = { path = "lapak.db"; };
http = { listen = "127.0.0.1:$HP"; secret = "s3cret"; };
limits = { mo_per_minute = 0; };
outbox = { drain_ms = 2000; };
CFG
chmod 600 lapak.cfg
"$VBIN/lapak-sim" -p "$PA" load -n 40 -r 15 -d 12 --mix commerce --drain 20 --bind-timeout 60 > sms.out 2> sms.err &
S1=$!
"$VBIN/lapak-sim" -p "$PB" load -n 20 -r 5 -d 12 --mix ussd --drain 20 --bind-timeout 60 > ussd.out 2> ussd.err &
S2=$!
wait_until 10 grep -q listening sms.err
wait_until 10 grep -q listening ussd.err
valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --error-exitcode=99 --log-file=vg.log \
    "$VBIN/lapakd" -c lapak.cfg > lapakd.log 2>&1 &
D_PID=$!
check "http up under valgrind" wait_until 60 curl -sf "http://127.0.0.1:$HP/health" -o /dev/null
u() { curl -s -H "X-Lapak-Secret: s3cret" --data-urlencode "sessionId=$1" --data-urlencode "serviceCode=*123*45#" \
    --data-urlencode "phoneNumber=081277770001" --data-urlencode "text=$2" "http://127.0.0.1:$HP/ussd"; }
u v1 "" > /dev/null; u v1 "1" > /dev/null; u v1 "1*6" > /dev/null; u v1 "1*6*Warung Vg" > /dev/null
u v1 "1*6*Warung Vg*Desa" > /dev/null
b=$(u v1 "1*6*Warung Vg*Desa*1")	# no district
check "USSD over HTTP registers a shop under valgrind" sh -c "printf '%s' '$b' | grep -q 'terdaftar'"
u v2 "" > /dev/null; u v2 "1" > /dev/null; u v2 "1*1" > /dev/null; u v2 "1*1*Kopi" > /dev/null; u v2 "1*1*Kopi*10rb" > /dev/null
b=$(u v2 "1*1*Kopi*10rb*5")
check "USSD over HTTP sells under valgrind" sh -c "printf '%s' '$b' | grep -q 'Kopi'"
curl -s -H "X-Lapak-Secret: s3cret" --data 'x' -H 'Content-Type: text/plain' "http://127.0.0.1:$HP/ussd" > /dev/null
kill -HUP "$D_PID"
wait "$S1"; r1=$?
wait "$S2"; r2=$?
echo "# sms:  $(tail -1 sms.out)"
echo "# ussd: $(tail -1 ussd.out)"
check "SMS load under valgrind: lost 0" [ "$(json_field "$(tail -1 sms.out)" lost)" = 0 ]
check "USSD load under valgrind: lost 0" [ "$(json_field "$(tail -1 ussd.out)" lost)" = 0 ]
stop_lapakd
echo "# valgrind: $(grep -E 'ERROR SUMMARY|definitely lost|in use at exit' vg.log | sed 's/^==[0-9]*== //' | tr '\n' ';')"
check "lapakd exits 0 under valgrind (no memcheck error: rc $rc)" [ "$rc" -eq 0 ]
check "memcheck: ERROR SUMMARY: 0 errors" grep -q 'ERROR SUMMARY: 0 errors' vg.log
check "memcheck: no definite leak" sh -c "! grep -qE 'definitely lost: [1-9]' vg.log"
grep -q 'ERROR SUMMARY: 0 errors' vg.log || head -60 vg.log
finish
