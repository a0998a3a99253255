#!/bin/sh
# lapakctl export (programme.md section 3): sellers list products and set
# weights over SMS (BERAT / WEIGHT), then the export is read back with an
# independent reader (Debian's python3-openpyxl, csv module) and checked
# cell by cell: sheet names, header rows, Tokopedia's data from row 4,
# SKUs stable across exports, formula-looking names kept as text, what is
# missing listed on stderr, --place and --seller, CSV quoting, file mode,
# exit codes.
. tests/integ/lib.sh
setup "$1"
PY=/usr/bin/python3
if [ ! -x "$PY" ] || ! "$PY" -c 'import openpyxl' 2>/dev/null; then
	# scripts/deps.sh installs python3-openpyxl: in CI this is a failure.
	skip_all "no /usr/bin/python3 with openpyxl (python3-openpyxl)"
fi
cd "$WORK"
PORT=$(free_port)
cat > cats.tsv <<'CAT'
# keyword<TAB>code: a bare code for every marketplace, or format:code
kopi	tokopedia:1001	shopee:2001
gula pasir	1002
keripik	tokopedia:1003	shopee:2003
madu	shopee:2004
CAT
write_conf lapak.cfg "$PORT" 'export = { categories = "cats.tsv"; };'

cat > s.scn <<'SCN'
wait-bind 10
send +6281200000001 "DAFTAR Toko Sri, Sukamaju"
expect +6281200000001 /Sri/
send +6281200000001 "JUAL Keripik singkong 15rb 20"
expect +6281200000001 /P1/
send +6281200000001 "JUAL Gula pasir 14rb/kg 30"
expect +6281200000001 /P2/
send +6281200000001 "JUAL Kopi bubuk 25rb 10"
expect +6281200000001 /P3/
send +6281200000002 "DAFTAR Budi, Tayu"
expect +6281200000002 /Budi/
send +6281200000002 "JUAL Madu hutan 80rb 5"
expect +6281200000002 /P4/
send +6281200000002 "JUAL Sabun sereh 10rb 12"
expect +6281200000002 /P5/
send +6281200000002 "JUAL Pulsa murah 10rb 3"
expect +6281200000002 /P6/
send +6281200000002 "JUAL Teh celup 5rb 3"
expect +6281200000002 /P7/
send +6281200000002 "HAPUS P7"
expect +6281200000002 /P7/
send +6281200000003 "DAFTAR Wati, Ngawen"
expect +6281200000003 /Wati/
send +6281200000003 "JUAL Tempe 5rb 10"
expect +6281200000003 /P8/
send +6281200000003 "JUAL Tahu 5rb 10"
expect +6281200000003 /P9/
send +6281200000001 "BERAT P1 250g"
expect +6281200000001 /P1 Keripik singkong sekarang 250 g/
send +6281200000002 "WEIGHT P4 1,5 kg"
expect +6281200000002 /P4 Madu hutan sekarang 1,5 kg/
send +6281200000001 "BERAT P3 0"
expect +6281200000001 /tidak masuk akal/
send +6281200000001 "BERAT P3 250 kg"
expect +6281200000001 /100 kg/
send +6281200000001 "BERAT P4 1kg"
expect +6281200000001 /bukan milik/
send +6281200000001 "BERAT P3 satu kilo"
expect +6281200000001 /Format: BERAT/
send +6281200000003 "INFO P1"
expect +6281200000003 /Rp15.000, 250 g, stok 20/
SCN
start_sim -p "$PORT" script s.scn
start_lapakd lapak.cfg
wait_sim
count_script sim.out
stop_lapakd

# Places are another part's work (lapakctl places load); here they are
# written straight into the store. Toko Sri and Budi are placed, Wati not.
sql "INSERT INTO places (code, name, level, parent, key) VALUES
  ('33', 'Jawa Tengah', 1, NULL, 'jawa tengah'),
  ('33.20', 'Jepara', 2, '33', 'jepara'),
  ('33.20.05', 'Tayu', 3, '33.20', 'tayu'),
  ('33.20.05.2004', 'Sukamaju', 4, '33.20.05', 'sukamaju'),
  ('33.20.06', 'Ngawen', 3, '33.20', 'ngawen'),
  ('33.20.06.2001', 'Tayu Wetan', 4, '33.20.06', 'tayu wetan');
UPDATE sellers SET place = '33.20.05.2004' WHERE msisdn = '+6281200000001';
UPDATE sellers SET place = '33.20.06.2001' WHERE msisdn = '+6281200000002';
UPDATE products SET place = '33.20.05.2004' WHERE id IN (1, 2, 3);
UPDATE products SET place = '33.20.06.2001' WHERE id IN (4, 5, 6, 7);
UPDATE products SET name = '=HYPERLINK(\"http://evil.example\",\"klik\")' WHERE id = 5;
UPDATE products SET name = '+6281299998888 pulsa' WHERE id = 6;
UPDATE products SET name = '@SUM(A1) tempe' WHERE id = 8;
UPDATE products SET name = '-2+3 tahu' WHERE id = 9;" > sql.err 2>&1
check "places and names written" [ $? -eq 0 ]

X() { "$BIN/lapakctl" -c lapak.cfg export "$@"; }

X --format tokopedia -o toko.xlsx > toko.out 2> toko.err
check "tokopedia: exit 0" [ $? -eq 0 ]
check "tokopedia: file is 0600" [ "$(stat -c %a toko.xlsx)" = 600 ]
check "tokopedia: no temporary file left" [ "$(ls | grep -c 'toko.xlsx.')" -eq 0 ]
check "tokopedia: summary names the count" grep -q "8 products written to toko.xlsx (tokopedia)" toko.err
check "tokopedia: P3 lacks a weight" grep -qx "P3 Kopi bubuk: no weight" toko.err
check "tokopedia: P4 lacks a category" grep -qx "P4 Madu hutan: no category" toko.err
check "tokopedia: P8 lacks both" grep -qx "P8 @SUM(A1) tempe: no category, no weight" toko.err
check "tokopedia: complete products not listed" sh -c "! grep -qE '^P(1|2) ' toko.err"
check "tokopedia: delisted P7 not written" sh -c "! grep -q 'P7' toko.err"
check "tokopedia: photos noted once" [ "$(grep -c 'Lapak keeps no photos' toko.err)" -eq 1 ]

cat > read_xlsx.py <<'PY'
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "rows": []}
ws = wb[wb.sheetnames[0]]
for row in ws.iter_rows():
    out["rows"].append([[c.value, c.data_type] for c in row])
json.dump(out, sys.stdout)
PY
cat > check_toko.py <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = d["rows"]
want = ["Nama Produk*", "Deskripsi Produk", "Kode Kategori*", "Berat* (Gram)",
    "Minimum Pemesanan*", "Nomor Etalase", "Waktu Proses Preorder", "Kondisi*",
    "Foto Produk 1*", "Foto Produk 2", "Foto Produk 3", "Foto Produk 4",
    "Foto Produk 5", "URL Video Produk 1", "URL Video Produk 2",
    "URL Video Produk 3", "SKU Name", "Status*", "Jumlah Stok*", "Harga (Rp)*",
    "Asuransi Pengiriman*"]
def v(r):
    return [c[0] for c in r]
fails = []
def ok(what, cond):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond: fails.append(what)
ok("sheet name", d["sheets"] == ["ISI Template Impor Produk"])
ok("row 1 is the title", "Tambah Produk Sekaligus" in str(rows[0][0][0]))
ok("row 3 is the header", v(rows[2])[:len(want)] == want)
data = rows[3:]
ok("8 data rows from row 4", len(data) == 8)
h = {n: i for i, n in enumerate(want)}
r4 = v(data[0])
ok("row 4: P1's name", r4[h["Nama Produk*"]] == "Keripik singkong")
ok("row 4: category from the file", r4[h["Kode Kategori*"]] == "1003")
ok("row 4: weight from BERAT, a number", r4[h["Berat* (Gram)"]] == 250 and data[0][h["Berat* (Gram)"]][1] == "n")
ok("row 4: minimum order 1", r4[h["Minimum Pemesanan*"]] == 1)
ok("row 4: condition", r4[h["Kondisi*"]] == "Baru")
ok("row 4: SKU village code + product code", r4[h["SKU Name"]] == "33.20.05.2004-P1")
ok("row 4: status", r4[h["Status*"]] == "Aktif")
ok("row 4: stock a number", r4[h["Jumlah Stok*"]] == 20 and data[0][h["Jumlah Stok*"]][1] == "n")
ok("row 4: price a number", r4[h["Harga (Rp)*"]] == 15000 and data[0][h["Harga (Rp)*"]][1] == "n")
ok("row 4: description names the village", "Sukamaju" in r4[h["Deskripsi Produk"]])
ok("row 4: no photo", r4[h["Foto Produk 1*"]] is None)
by = {v(r)[h["SKU Name"]]: r for r in data}
g = v(by["33.20.05.2004-P2"])
ok("P2: weight from the unit kg", g[h["Berat* (Gram)"]] == 1000)
ok("P2: a bare category code", g[h["Kode Kategori*"]] == "1002")
ok("P3: no weight cell", v(by["33.20.05.2004-P3"])[h["Berat* (Gram)"]] is None)
ok("P4: 1,5 kg is 1500", v(by["33.20.06.2001-P4"])[h["Berat* (Gram)"]] == 1500)
for sku, name in [("33.20.06.2001-P5", '=HYPERLINK("http://evil.example","klik")'),
        ("33.20.06.2001-P6", "+6281299998888 pulsa"),
        ("LAPAK-P8", "@SUM(A1) tempe"), ("LAPAK-P9", "-2+3 tahu")]:
    c = by[sku][h["Nama Produk*"]]
    ok(sku + ": formula-looking name is a string cell", c[0] == name and c[1] == "s")
    d2 = by[sku][h["Deskripsi Produk"]]
    ok(sku + ": its description too", d2[1] == "s" and d2[0].startswith(name))
ok("no cell anywhere is a formula", all(c[1] != "f" for r in rows for c in r))
ok("unplaced seller: fallback SKU", "LAPAK-P8" in by and "LAPAK-P9" in by)
ok("delisted P7 absent", not any(k.endswith("-P7") for k in by))
sys.exit(1 if fails else 0)
PY
"$PY" read_xlsx.py toko.xlsx > toko.json 2> py.err
check "tokopedia: openpyxl reads it" [ $? -eq 0 ]
"$PY" check_toko.py toko.json > toko.chk 2>&1
T_PASS=$((T_PASS + $(grep -c '^ok ' toko.chk)))
T_FAIL=$((T_FAIL + $(grep -c '^FAIL' toko.chk)))
grep '^FAIL' toko.chk
check "tokopedia: every cell check ran" [ "$(grep -c '^ok ' toko.chk)" -ge 30 ]

# A second export: the same SKUs for the same products.
X --format tokopedia -o toko2.xlsx > /dev/null 2>&1
"$PY" read_xlsx.py toko2.xlsx > toko2.json
cat > skus.py <<'PY'
import json, sys
for f in sys.argv[1:]:
    rows = json.load(open(f))["rows"][3:]
    print(sorted((r[16][0], r[0][0]) for r in rows))
PY
"$PY" skus.py toko.json > s1.txt
"$PY" skus.py toko2.json > s2.txt
check "SKU stable across two exports" cmp -s s1.txt s2.txt
check "SKUs unique" "$PY" -c "import json; r=json.load(open('toko.json'))['rows'][3:]; s=[x[16][0] for x in r]; exit(len(s)!=len(set(s)))"

# Shopee and Bukalapak.
X --format shopee -o shopee.xlsx > /dev/null 2> shopee.err
check "shopee: exit 0" [ $? -eq 0 ]
"$PY" read_xlsx.py shopee.xlsx > shopee.json
check "shopee: sheet, header, P4's shopee-only category, P3's code" "$PY" -c "
import json; d=json.load(open('shopee.json')); r=d['rows']
h=[c[0] for c in r[0]]
assert d['sheets']==['Template'], d['sheets']
assert h[:8]==['Kategori','Nama Produk','Deskripsi Produk','SKU Induk','Harga','Stok','Berat (gram)','Foto Sampul'], h
by={x[3][0]: [c[0] for c in x] for x in r[1:]}
assert by['33.20.06.2001-P4'][0]=='2004' and by['33.20.05.2004-P3'][0]=='2001'
assert by['33.20.05.2004-P1'][4]==15000 and by['33.20.05.2004-P1'][6]==250
assert len(r)==9
"
check "shopee: P4 has its category there" sh -c "! grep -q '^P4 ' shopee.err"
X --format bukalapak -o bl.xlsx > /dev/null 2> bl.err
check "bukalapak: exit 0" [ $? -eq 0 ]
"$PY" read_xlsx.py bl.xlsx > bl.json
check "bukalapak: sheet, header, a row" "$PY" -c "
import json; d=json.load(open('bl.json')); r=d['rows']
h=[c[0] for c in r[0]]
assert d['sheets']==['Barang'], d['sheets']
assert h==['Nama Barang*','Stok*','Berat (gram)*','Harga (Rp)*','Kondisi*','Deskripsi*','Asuransi','Kurir','Gambar 1','Gambar 2','Gambar 3','Gambar 4','Gambar 5','SKU'], h
p1=[c[0] for c in r[1]]
assert p1[0]=='Keripik singkong' and p1[1]==20 and p1[2]==250 and p1[3]==15000 and p1[13]=='33.20.05.2004-P1', p1
"
check "bukalapak: asks no category" sh -c "! grep -q 'no category' bl.err"
check "bukalapak: still lists a missing weight" grep -qx "P3 Kopi bubuk: no weight" bl.err

# CSV, read with python's csv module.
X --format csv -o all.csv > /dev/null 2> csv.err
check "csv: exit 0" [ $? -eq 0 ]
check "csv: file is 0600" [ "$(stat -c %a all.csv)" = 600 ]
check "csv: CRLF line ends" sh -c "head -1 all.csv | od -c | grep -q '\\\\r  \\\\n'"
check "csv: cells" "$PY" -c "
import csv
rows=list(csv.reader(open('all.csv', newline='', encoding='utf-8')))
assert rows[0]==['sku','code','name','description','category','weight_g','price_rp','unit','stock','shop','place_code','place_name'], rows[0]
by={r[0]: r for r in rows[1:]}
assert len(by)==8
assert by['33.20.05.2004-P1'][2:3]==['Keripik singkong'] and by['33.20.05.2004-P1'][5:7]==['250','15000']
assert by['33.20.05.2004-P2'][7]=='kg' and by['33.20.05.2004-P2'][5]=='1000'
assert by['33.20.05.2004-P3'][5]==''
assert by['33.20.06.2001-P5'][2]=='\'=HYPERLINK(\"http://evil.example\",\"klik\")', by['33.20.06.2001-P5']
assert by['33.20.06.2001-P6'][2]=='\'+6281299998888 pulsa'
assert by['LAPAK-P8'][2]=='\'@SUM(A1) tempe' and by['LAPAK-P9'][2]=='\'-2+3 tahu'
assert by['LAPAK-P9'][3].startswith('\'-2+3 tahu.')
assert by['33.20.05.2004-P1'][11]=='Sukamaju' and by['LAPAK-P8'][11]=='Ngawen'
"

# Filters.
X --format csv --place 33.20.05 -o p.csv > /dev/null 2>&1
check "--place district: only its sellers' products" [ "$(cut -d, -f1 p.csv | tail -n +2 | tr -d '\r' | tr '\n' ' ')" = "33.20.05.2004-P1 33.20.05.2004-P2 33.20.05.2004-P3 " ]
X --format csv --place 33.20.06.2001 -o p2.csv > /dev/null 2>&1
check "--place village" [ "$(cut -d, -f2 p2.csv | tail -n +2 | tr -d '\r' | tr '\n' ' ')" = "P4 P5 P6 " ]
X --format csv --place 33.20 -o p3.csv > /dev/null 2>&1
check "--place regency: both placed sellers" [ "$(tail -n +2 p3.csv | wc -l)" -eq 6 ]
X --format csv --seller 081200000003 -o s.csv > /dev/null 2>&1
check "--seller" [ "$(cut -d, -f2 s.csv | tail -n +2 | tr -d '\r' | tr '\n' ' ')" = "P8 P9 " ]
X --format csv --seller 081299999999 -o none.csv > /dev/null 2> none.err
check "--seller with no products: exit 0" [ $? -eq 0 ]
check "--seller with no products: header only" [ "$(wc -l < none.csv)" -eq 1 ]
check "--seller with no products: says 0" grep -q "0 products written" none.err

# The --categories option wins over the config key.
printf 'kopi\t9999\n' > other.tsv
X --format tokopedia --categories other.tsv -o o.xlsx > /dev/null 2> o.err
check "--categories: another file" grep -qx "P1 Keripik singkong: no category" o.err
check "--categories: its code used" sh -c "! grep -q '^P3 Kopi bubuk: no category' o.err"

# The shipped example file loads.
X --format shopee --categories "$TOP/conf/categories-example.tsv" -o ex.xlsx > /dev/null 2> ex.err
check "conf/categories-example.tsv loads" [ $? -eq 0 ]
check "example file: keripik singkong has a code" sh -c "! grep -q '^P1 .*no category' ex.err"

# Bad input: exit 1, nothing written; store trouble: exit 3.
printf 'kopi\t1001\nno tab here\nteh\tshopee:=1+1\nmadu\tlazada:5\n\t1\n' > bad.tsv
X --format csv --categories bad.tsv -o bad.csv > /dev/null 2> bad.err
check "bad categories file: exit 1" [ $? -eq 1 ]
check "bad categories: FILE:LINE for the missing tab" grep -q "^bad.tsv:2: no tab" bad.err
check "bad categories: FILE:LINE for a bad code" grep -q "^bad.tsv:3: " bad.err
check "bad categories: FILE:LINE for an unknown format" grep -q "^bad.tsv:4: lazada" bad.err
check "bad categories: FILE:LINE for an empty keyword" grep -q "^bad.tsv:5: " bad.err
check "bad categories: nothing written" [ ! -e bad.csv ]
X --format lazada -o x.xlsx > /dev/null 2> f.err
check "unknown format: exit 1" [ $? -eq 1 ]
X --format csv --place 'abc' -o x.csv > /dev/null 2>&1
check "bad --place: exit 1" [ $? -eq 1 ]
X --format csv --seller 12ab -o x.csv > /dev/null 2>&1
check "bad --seller: exit 1" [ $? -eq 1 ]
X --format csv > /dev/null 2>&1
check "no -o: exit 1" [ $? -eq 1 ]
X --format csv --categories missing.tsv -o x.csv > /dev/null 2>&1
check "missing categories file: exit 1" [ $? -eq 1 ]
X --format csv -o nodir/x.csv > /dev/null 2> nd.err
check "unwritable output: exit 3" [ $? -eq 3 ]
sed 's/lapak\.db/absent.db/' lapak.cfg > nostore.cfg
chmod 600 nostore.cfg
"$BIN/lapakctl" -c nostore.cfg export --format csv -o y.csv > /dev/null 2>&1
check "no store: exit 3" [ $? -eq 3 ]
check "no store: none created" [ ! -e absent.db ]
finish
