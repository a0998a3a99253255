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
PORT=${LAPAK_DEMO_PORT:-2775}
umask 077
cat > "$DIR/lapak.cfg" <<CFG
# Written by make demo. See conf/lapak.cfg for every key.
smsc = { host = "127.0.0.1"; port = $PORT; system_id = "lapak"; password = "secret"; source_addr = "1234"; };
store = { path = "lapak.db"; };
http = { listen = "127.0.0.1:8080"; };
CFG
"$BIN/lapakd" -c "$DIR/lapak.cfg" 2>"$DIR/lapakd.log" &
D=$!
trap 'kill $D 2>/dev/null; wait $D 2>/dev/null' EXIT INT TERM
echo "lapakd log: $DIR/lapakd.log   (type /help for the console's commands, Ctrl-D to quit)"
"$BIN/lapak-sim" -p "$PORT" console 2>"$DIR/sim.log"
