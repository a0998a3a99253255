#!/bin/sh
# lapakctl places load (the shipped sample, a reload that adds nothing, bad
# lines named by file:line with nothing written, replaced_by moving a
# seller) and lapakctl seller place (a loaded village only; the seller's
# active products move with it).
. tests/integ/lib.sh
setup "$1"
cd "$WORK"
write_conf lapak.cfg "$(free_port)"
ctl() { "$BIN/lapakctl" -c lapak.cfg "$@"; }
q() { sqlite3 lapak.db "$1"; }

ctl places load "$TOP/data/places-sample.csv" > load.out 2> load.err
check "places load: the sample loads (exit 0)" [ $? -eq 0 ]
check "places load: summary line counts what was added" \
    grep -q "111 added, 0 updated, 0 unchanged, 0 sellers moved" load.out
check "places load: villages with their folded key" \
    [ "$(q "SELECT count(*) FROM places WHERE level = 4 AND key = 'tlogorejo'")" = 3 ]
ctl places load "$TOP/data/places-sample.csv" > again.out 2>&1
check "places load again: nothing added, nothing dropped" \
    sh -c "grep -q '0 added, 0 updated, 111 unchanged' again.out && [ \"\$(sqlite3 lapak.db 'SELECT count(*) FROM places')\" = 111 ]"

printf 'code,name,level,parent\n33.18.04.2001,Renamed,village,33.18.04\n33.18.04,Winong,district,33.1\n33.18.99.2001,X,village,33.18.99\n' > bad.csv
ctl places load bad.csv > bad.out 2> bad.err
check "places load: bad lines exit 1" [ $? -eq 1 ]
check "places load: each bad line as FILE:LINE" \
    sh -c "grep -q '^bad.csv:3: parent' bad.err && grep -q '^bad.csv:4: parent 33.18.99' bad.err"
check "places load: nothing written when a line is bad" \
    [ "$(q "SELECT name FROM places WHERE code = '33.18.04.2001'")" = Pohgading ]
ctl places load missing.csv > /dev/null 2>&1
check "places load: a missing file is refused" [ $? -ne 0 ]
ctl places > /dev/null 2>&1
check "places without load: usage (exit 2)" [ $? -eq 2 ]

# A seller (as DAFTAR leaves one, unplaced) with one active product.
q "INSERT INTO sellers (msisdn, shop, village, created_s, updated_s) VALUES ('+6281200000001', 'Toko Sri', 'pohgadin', 1, 1);
   INSERT INTO products (seller_id, name, price_rp, stock, created_s, place) VALUES (1, 'Gula Aren', 20000, 5, 1, 'pohgadin');
   INSERT INTO products (seller_id, name, price_rp, stock, created_s, place, active) VALUES (1, 'Gula Lama', 20000, 5, 1, 'pohgadin', 0);"
ctl seller place 081200000001 33.18.04 > sp.out 2> sp.err
check "seller place: a district code is refused" [ $? -eq 1 ]
ctl seller place 081200000001 33.18.04.2999 > sp.out 2> sp.err
check "seller place: a code not loaded is refused" \
    sh -c "[ $? -eq 1 ] && grep -q 'not a loaded village' sp.err"
ctl seller place 081200000009 33.18.04.2001 > sp.out 2> sp.err
check "seller place: a number that is not a seller is refused" [ $? -eq 1 ]
ctl seller place 081200000001 33.18.04.2001 > sp.out 2> sp.err
check "seller place: places the seller (exit 0)" [ $? -eq 0 ]
check "seller place: the seller has the code and the village's name" \
    [ "$(q "SELECT place || '|' || village FROM sellers WHERE id = 1")" = "33.18.04.2001|Pohgading" ]
check "seller place: active products move, delisted ones stay" \
    [ "$(q "SELECT group_concat(place, ',') FROM (SELECT place FROM products ORDER BY id)")" = "33.18.04.2001,pohgadin" ]

# Pohgading split: its sellers and active products move to the new code.
printf 'code,name,level,parent,replaced_by\n33.18.04.2001,Pohgading,village,33.18.04,33.18.04.2100\n33.18.04.2100,Pohgading Baru,village,33.18.04,\n' > split.csv
ctl places load split.csv > split.out 2> split.err
check "places load replaced_by: 1 added, 1 updated, 1 seller moved" \
    grep -q "1 added, 1 updated, 0 unchanged, 1 sellers moved" split.out
check "places load replaced_by: the seller and its product moved" \
    [ "$(q "SELECT (SELECT place FROM sellers WHERE id = 1) || '|' || (SELECT place FROM products WHERE id = 1)")" = "33.18.04.2100|33.18.04.2100" ]
check "places load replaced_by: the old code is kept" \
    [ "$(q "SELECT replaced_by FROM places WHERE code = '33.18.04.2001'")" = 33.18.04.2100 ]
finish
