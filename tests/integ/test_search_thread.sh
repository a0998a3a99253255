#!/bin/sh
# CARI off the loop (gateway/searcher.c): searches are answered through the
# search thread (counted in /metrics; the first page of one word, when quick,
# on the loop), LAGI follows its CARI, "di <tempat>"
# limits a search to a village, and an MO left pending by a stop (a search
# in flight) is answered after the restart.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
HP=$(free_port)
write_conf lapak.cfg "$PORT" 'handler = "commerce";' \
    "http = { listen = \"127.0.0.1:$HP\"; secret = \"s3kret\"; };"
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log
S1=+6281300000001 S2=+6281300000002 B=+6281300000009
ask $S1 "DAFTAR Toko Sri, Sukamaju" "Sukamaju"
ask $S2 "DAFTAR Toko Ani, Karanganyar" "Karanganyar"
for i in 1 2 3 4; do
	ask $S1 "JUAL Keripik singkong $i 15rb 10" "P[0-9]+"
done
ask $S2 "JUAL Keripik pisang 12rb 5" "P[0-9]+"
ask $S2 "JUAL Kopi di gunung 20rb 5" "P[0-9]+"
ask $B "CARI kripik" "Keripik"
ask $B "LAGI" "Keripik"
ask $B "CARI keripik di Sukamaju" "P1 Keripik"
check "di Sukamaju: no product of Karanganyar" sh -c "! printf '%s' \"\$0\" | grep -q pisang" "$HEARD"
ask $B "CARI keripik di karanganyar" "pisang"
check "di karanganyar: only its product" sh -c "! printf '%s' \"\$0\" | grep -q singkong" "$HEARD"
ask $B "CARI kopi di gunung" "Kopi di gunung"
ask $B "CARI keripik pisang" "P5 Keripik pisang"
ask $B "CARI keripik di Atlantis" "'Atlantis'.*CARI keripik saja"
ask $B "FIND chips in Atlantis" "'Atlantis'"
curl -s -H 'X-Lapak-Secret: s3kret' "http://127.0.0.1:$HP/metrics" > m.txt
n=$(sed -n 's/^lapak_search_offloop_total //p' m.txt)
q=$(sed -n 's/^lapak_search_quick_total //p' m.txt)
# One-word first pages are quick (on the loop); LAGI, several words and an
# unknown place read as words go to the thread.
check "LAGI and longer searches ran on the search thread ($n)" [ "${n:-0}" -ge 5 ]
check "one-word first pages answered quick ($q)" [ "${q:-0}" -ge 3 ]
check "every search counted once ($n + $q)" [ "$((n + q))" -eq 8 ]
check "none in flight" grep -qx "lapak_search_inflight 0" m.txt
check "no MO left pending" [ "$(sql 'SELECT count(*) FROM inbox WHERE state = 0')" = 0 ]
stop_lapakd
check "lapakd exits 0" [ "$rc" -eq 0 ]

# A search in flight when lapakd stopped: its MO is stored pending, with no
# reply yet. The next start answers it.
id=$(sql "INSERT INTO inbox(link, src, dst, text, kind, received_ms, state)
    VALUES ('smsc', '$B', '1234', 'CARI pisang', 0, 0, 0) RETURNING id")
start_lapakd lapak.cfg
hear $B "pisang" 10 "CARI"
check "the pending MO is done" wait_until 5 sh -c "[ \"\$(sqlite3 -batch lapak.db 'SELECT state FROM inbox WHERE id = $id')\" = 1 ]"
check "its reply is linked to it" [ "$(sql "SELECT count(*) FROM outbox WHERE inbox_id = $id")" = 1 ]
stop_lapakd
check "no sanitizer report" sanitizer_clean
finish
