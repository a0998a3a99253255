#!/bin/sh
# make demo: lapakd against the bundled simulator, with a phone console.
# The config is written at run time with mode 0600 (it holds the bind
# password). Type as a phone: +6281234567890 JUAL Keripik singkong 15rb 20
set -e
BUILD=${1:-build}
BIN=$(cd "$BUILD/bin" && pwd)
DIR=${LAPAK_DEMO_DIR:-var/demo}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
# Ports: the usual ones when free, else any free one.
free() { python3 -c "import socket,sys
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try: s.bind(('127.0.0.1', $1))
except OSError: s.bind(('127.0.0.1', 0))
print(s.getsockname()[1])"; }
PORT=${LAPAK_DEMO_PORT:-$(free 2775)}
HTTP=${LAPAK_DEMO_HTTP:-$(free 8080)}
WEB=${LAPAK_DEMO_WEB:-$(free 8081)}
umask 077
cat > "$DIR/lapak.cfg" <<CFG
# Written by make demo. See conf/lapak.cfg for every key.
smsc = { host = "127.0.0.1"; port = $PORT; system_id = "lapak"; password = "secret"; source_addr = "1234"; };
store = { path = "lapak.db"; };
http = { listen = "127.0.0.1:$HTTP"; };	# USSD over HTTP, /metrics
web = { listen = "127.0.0.1:$WEB"; title = "Lapak demo"; };	# lapak-web
CFG
"$BIN/lapakd" -c "$DIR/lapak.cfg" 2>"$DIR/lapakd.log" &
D=$!
W=""
trap 'kill $D $W 2>/dev/null; wait $D $W 2>/dev/null' EXIT INT TERM
# lapak-web opens the store lapakd creates: wait for it first.
for i in 1 2 3 4 5 6 7 8 9 10; do
	[ -f "$DIR/lapak.db" ] && break
	sleep 0.3
done
"$BIN/lapak-web" -c "$DIR/lapak.cfg" 2>"$DIR/lapak-web.log" &
W=$!
echo "lapakd log: $DIR/lapakd.log   USSD over HTTP and /metrics: http://127.0.0.1:$HTTP/"
echo "the web catalogue of what you sell: http://127.0.0.1:$WEB/ (lapak-web)"
echo "type /help for the console's commands, Ctrl-D to quit"
"$BIN/lapak-sim" -p "$PORT" console 2>"$DIR/sim.log"
