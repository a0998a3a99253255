#!/bin/sh
# The TPS cap: with tps = 10, thirty replies cannot all go out at once: a
# burst of 10, then 10 a second, so the 30th is not there 1 s after the first.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" 'handler = "echo";' 'limits = { mo_per_minute = 0; };'
sed -i 's/enquire_link_ms = 1000;/enquire_link_ms = 1000; tps = 10;/' lapak.cfg
{
	echo "wait-bind 10"
	i=10
	while [ $i -lt 40 ]; do echo "send +62812000000$i \"tps $i\""; i=$((i + 1)); done
	echo "expect +6281200000010 /tps 10/"
	echo "expect-none +6281200000039 1"
	echo "expect +6281200000039 /tps 39/ 10"
	i=10
	while [ $i -lt 40 ]; do echo "expect-count +62812000000$i 1"; i=$((i + 1)); done
} > tps.scn
start_sim -p "$PORT" script tps.scn
start_lapakd lapak.cfg
wait_sim
count_script sim.out
stop_lapakd
finish
