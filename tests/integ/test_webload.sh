#!/bin/sh
# bench/webload (make bench-web's open-loop generator) against small servers:
# a fast Python HTTP/1.1 server (Content-Length, chunked, Connection: close,
# a body ended by close, 404s): every request due is sent and answered once,
# the server saw exactly as many, the rate is met; the same seed picks the
# same paths; a slow server (one request at a time) gets every request all
# the same (open loop: the count does not drop) and shows it as latency
# growing along the run; lapakd's own HTTP listener (libmicrohttpd, as
# lapak-web) answers /health and /metrics through the pool.
. tests/integ/lib.sh
setup "$1"
WL=$BUILD/tools/webload
[ -x "$WL" ] || { fail "no $WL (make all-tests builds it)"; finish; }
WL=$(cd "$(dirname "$WL")" && pwd)/webload
SRV=$TOP/tests/integ/webload_server.py
cd "$WORK"
PY_PID=

# serve NAME [SLOW_S]: the test server, its port in NAME.port
serve() {
	rm -f "$1.port" "$1.log"
	python3 "$SRV" "$1.port" "$1.log" ${2:-} 2> "$1.err" &
	PY_PID=$!
	i=0
	while [ ! -f "$1.port" ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && { fail "test server $1 did not start"; return 1; }
		sleep 0.05
	done
	PORT=$(cat "$1.port")
}
unserve() { [ -n "$PY_PID" ] && kill "$PY_PID" 2>/dev/null; wait "$PY_PID" 2>/dev/null; PY_PID=; }
# field NAME: a number of the JSON line in out
field() { tail -1 out | sed -nE "s/.*\"$1\":\"?([^,\"}]*)\"?.*/\\1/p"; }

# ---- bad input: clear errors, exit 2 ----
printf '/a\n' > one.url
"$WL" -r 0 http://127.0.0.1:1 one.url > /dev/null 2> e1; rc=$?
check "rate 0 refused (exit 2)" [ $rc = 2 ]
printf 'no-slash\n' > bad.url
"$WL" http://127.0.0.1:1 bad.url > /dev/null 2> e2; rc=$?
check "a line that is not a path refused with its line" \
    sh -c "[ $rc = 2 ] && grep -q 'bad.url:1: not a path' e2"
"$WL" http://127.0.0.1:1 missing.url > /dev/null 2> e3; rc=$?
check "a missing URL file refused" [ $rc = 2 ]

# ---- a fast server: counts, every body framing, rate ----
serve fast
cat > mix.url <<'EOF'
# one of each framing
/fast/2000
/chunked/5000
/missing
/close
/eof
/fast/10
EOF
"$WL" -r 400 -d 2 -w 0.5 -n fast -l fast.lat "http://127.0.0.1:$PORT" mix.url \
    > out 2> err
rc=$?
unserve
cp out fast.out
check "fast: exit 0" [ $rc = 0 ]
check "fast: JSON line last" sh -c 'tail -1 out | grep -q "^{\"bench\":\"webload\""'
check "fast: scheduled = 400/s x 2 s" [ "$(field scheduled)" = 800 ]
check "fast: sent = scheduled" [ "$(field sent)" = 800 ]
check "fast: completed = scheduled" [ "$(field completed)" = 800 ]
# round robin over 6 paths from request 200 (after 0.5 s warm-up): the
# measured requests 200..999 hold /missing (index 2 mod 6) 134 times
check "fast: the 404s are the /missing paths, counted as errors" \
    sh -c "[ $(field non2xx) = 134 ] && [ $(field errors) = 134 ] && [ $(field ok) = 666 ]"
check "fast: no resets, timeouts or bad responses" \
    sh -c "[ $(field resets) = 0 ] && [ $(field timeouts) = 0 ] && [ $(field bad) = 0 ]"
check "fast: the server saw every request once (warm-up too)" \
    [ "$(wc -l < fast.log | tr -d ' ')" = 1000 ]
check "fast: each path as often as round robin says" \
    sh -c "[ \$(grep -cx /chunked/5000 fast.log) = 167 ] && [ \$(grep -cx /fast/10 fast.log) = 166 ]"
check "fast: one log line per measured request, all answered" \
    sh -c "[ \$(wc -l < fast.lat) = 800 ] && ! grep -q -- ' -1.000 ' fast.lat"
# the generator's own rate: every measured request went out (counted), and
# the answers came at the offered rate within a generous tolerance
check "fast: completed rate within 25% of 400/s ($(field achieved_per_s))" \
    awk -v a="$(field achieved_per_s)" 'BEGIN { exit !(a >= 300 && a <= 401) }'

# ---- keep-alive: connections are reused ----
serve ka
printf '/fast/10\n' > ka.url
"$WL" -r 200 -d 1 -w 0 "http://127.0.0.1:$PORT" ka.url > out 2> err
unserve
check "keep-alive: 200 answered over far fewer connections ($(field opened) opened)" \
    sh -c "[ $(field ok) = 200 ] && [ $(field opened) -lt 100 ]"

# ---- the seed: the same seed, the same paths ----
serve seed1
"$WL" -r 200 -d 1 -w 0 -s 7 "http://127.0.0.1:$PORT" mix.url > out 2> err
unserve
serve seed2
"$WL" -r 200 -d 1 -w 0 -s 7 "http://127.0.0.1:$PORT" mix.url > out 2> err
unserve
serve seed3
"$WL" -r 200 -d 1 -w 0 -s 8 "http://127.0.0.1:$PORT" mix.url > out 2> err
unserve
sort seed1.log | uniq -c > s1; sort seed2.log | uniq -c > s2
sort seed3.log | uniq -c > s3
check "seed: the same seed asks the same paths as often" cmp -s s1 s2
check "seed: another seed asks another mix" sh -c '! cmp -s s1 s3'
check "seed: not round robin (counts differ from 34/33)" \
    sh -c '[ "$(awk "{print \$1}" s1 | sort -u | wc -l)" -gt 2 ]'

# ---- a slow server: open loop, latency grows instead of the rate falling ----
# One request at a time, 50 ms each: 20/s at most; offered 50/s for 1 s with
# 4 connections at most. A closed-loop tool would send about 20 and report
# 50 ms; this one sends all 50 and request i cannot end before
# (i + 1) x 50 ms while it was due at i x 20 ms: the last is >= 1.5 s late.
serve slow 0.05
printf '/fast/100\n' > slow.url
"$WL" -r 50 -d 1 -w 0 -c 4 -C 1 -t 60 -l slow.lat -n slow \
    "http://127.0.0.1:$PORT" slow.url > out 2> err
rc=$?
unserve
cp out slow.out
check "slow: exit 0" [ $rc = 0 ]
check "slow: all 50 due were sent and answered" \
    sh -c "[ $(field scheduled) = 50 ] && [ $(field sent) = 50 ] && [ $(field completed) = 50 ] && [ $(field errors) = 0 ]"
check "slow: the server saw 50 requests" [ "$(wc -l < slow.log | tr -d ' ')" = 50 ]
check "slow: the pool cap made requests late (counted)" \
    [ "$(field late_cap)" -gt 0 ]
check "slow: no more than 4 connections" [ "$(field conns)" -le 4 ]
check "slow: max latency is the queue, >= 1500 ms ($(field max_ms))" \
    awk -v m="$(field max_ms)" 'BEGIN { exit !(m >= 1500) }'
# latency along the run: the last ten requests waited longer than the first ten
check "slow: latency grows along the run (queueing measured)" \
    awk 'NR <= 10 { a += $3 } NR > 40 { b += $3 } END { exit !(b > a * 3) }' slow.lat

# ---- lapakd's HTTP listener (libmicrohttpd) ----
SP=$(free_port)
HP=$(free_port)
write_conf lapak.cfg "$SP" 'handler = "echo";' \
    "http = { listen = \"127.0.0.1:$HP\"; secret = \"s3kret\"; };"
start_sim -p "$SP" serve
start_lapakd lapak.cfg
i=0
until curl -s -o /dev/null "http://127.0.0.1:$HP/health"; do
	i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.05
done
printf '/health\n/metrics\n/nothing\n' > d.url
"$WL" -r 300 -d 1 -w 0.2 -A 'X-Lapak-Secret: s3kret' -n lapakd \
    "http://127.0.0.1:$HP" d.url > out 2> err
rc=$?
check "lapakd: exit 0" [ $rc = 0 ]
check "lapakd: 300 due, 300 answered, the 100 /nothing 404s the only errors" \
    sh -c "[ $(field scheduled) = 300 ] && [ $(field completed) = 300 ] && [ $(field non2xx) = 100 ] && [ $(field ok) = 200 ]"
# (lapakd's listener answers Connection: close: one connection each)
check "lapakd: a connection opened for each request it closed" \
    [ "$(field opened)" -ge 300 ]
stop_lapakd
finish
