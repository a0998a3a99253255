#!/bin/sh
# The core message flow with the built-in echo handler: short, long (UDH
# reassembly both ways), UCS-2, HELP, repeats; clean SIGTERM exit.
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" 'handler = "echo";'
cat > flow.scn <<'SCN'
wait-bind 10
send +6281200000001 "halo dunia"
expect +6281200000001 /^halo dunia$/
send +6281200000002 "help"
expect +6281200000002 /JUAL CARI BELI/
send +6281200000003 "Ini pesan yang sangat panjang sekali untuk menguji pemecahan pesan menjadi beberapa bagian karena lebih dari seratus enam puluh karakter harus dipecah dengan UDH dan disusun kembali oleh gateway"
expect +6281200000003 /disusun kembali oleh gateway$/
expect-segments +6281200000003 2
send +6281200000004 "Salam 😀 emoji ü"
expect +6281200000004 /Salam 😀 emoji ü/
expect-dcs +6281200000004 8
send +6281200000005 "harga {rp} [murah] ~ @ €"
expect +6281200000005 /harga \{rp\} \[murah\] ~ @ €/
expect-dcs +6281200000005 0
send +6281200000006 "pesan kembar"
expect +6281200000006 /^pesan kembar$/
send +6281200000006 "pesan kembar"
expect +6281200000006 /ULANG/
SCN
start_sim -p "$PORT" script flow.scn
start_lapakd lapak.cfg
wait_sim
count_script sim.out
stop_lapakd
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
check "unbind logged" grep -q "unbinding" lapakd.log
check "numbers masked in logs" sh -c '! grep -q "6281200000001" lapakd.log'
finish
