#!/bin/sh
# GET /metrics (and /status) on the HTTP listener: counters that move with
# traffic, links bound, outbox by state; refused without the shared secret.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
HP=$(free_port)
write_conf lapak.cfg "$PORT" 'handler = "echo";' \
    "http = { listen = \"127.0.0.1:$HP\"; secret = \"s3kret\"; };"
cat > m.scn <<'SCN'
wait-bind 10
send +6281200000001 "satu"
expect +6281200000001 /satu/
send +6281200000002 "dua"
expect +6281200000002 /dua/
sleep 0.5
SCN
start_sim -p "$PORT" script m.scn
start_lapakd lapak.cfg
wait_sim
count_script sim.out
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HP/metrics")
check "metrics without the secret: 403" [ "$code" = 403 ]
curl -s -H 'X-Lapak-Secret: s3kret' "http://127.0.0.1:$HP/metrics" > m.txt
check "two MOs counted" grep -qx "lapak_mo_total 2" m.txt
check "link gauge present" grep -q '^lapak_smpp_bound{link="smsc"} [01]$' m.txt
check "replies submitted counted" grep -qE '^lapak_smpp_submit_ok_total\{link="smsc"\} ([2-9]|[1-9][0-9]+)$' m.txt
check "nothing left queued" grep -qx 'lapak_outbox{state="queued"} 0' m.txt
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Lapak-Secret: s3kret' "http://127.0.0.1:$HP/status")
check "/status answers" [ "$code" = 200 ]
stop_lapakd
finish
