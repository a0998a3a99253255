# Dialogue helpers for the commerce integration tests (test_commerce_*.sh),
# on top of lib.sh: lapak-sim runs in serve mode (start_serve TAG), the test
# types SMS into it and reads the MT lines it prints.
#
#   say NUM TEXT            one MO from NUM
#   hear NUM ERE [S] [LBL]  the first not-yet-heard SMS MT to NUM whose text
#                           matches ERE (POSIX extended, case-sensitive; a
#                           newline in the text is the two characters \n),
#                           within S seconds (5); sets HEARD (text) and
#                           HEARD_SEG (segments); one ok/fail
#   ask NUM TEXT ERE [S]    say + hear the reply (labelled by the keyword)
#   hear_none NUM S         nothing more to NUM by the end of S seconds
#   heard_all               every MT printed so far was heard by some check
#   confirm_code            the code of "YA 4821" / "YES 4821" in HEARD
#   order_code              the first O<n> in HEARD
#
# Every heard SMS is logged in $WORK/segments.txt as "LABEL SEGMENTS CHARS".
# Needs lib.sh sourced first and SIM_TAG set by start_serve.

C_SEEN=":"

say() {
	s_num=$1; shift
	sim_cmd "$s_num $*"
}

# _mt_find NUM ERE: line number of the first unheard MT to NUM matching ERE.
_mt_find() {
	NUM="$1" RE="$2" SEEN="$C_SEEN" awk '
	BEGIN { num = ENVIRON["NUM"]; sub(/^\+/, "", num)
		re = ENVIRON["RE"]; seen = ENVIRON["SEEN"] }
	/^mt to=/ && !/ ussd_op=/ {
		to = $2; sub(/^to=\+?/, "", to)
		if (to != num || index(seen, ":" NR ":")) next
		t = $0; sub(/^[^"]*text="/, "", t); sub(/"$/, "", t)
		if (re == "" || t ~ re) { print NR; exit }
	}' "$WORK/$SIM_TAG.out"
}

# _gsm_len TEXT: characters in GSM 03.38 septets (\n is one, the extension
# table characters two).
_gsm_len() {
	printf '%s' "$1" | sed 's/\\n/N/g; s/\\"/"/g; s/\\\\/\\/g' |
	    awk '{ n = length($0); e = gsub(/[][{}|^~\\]/, ""); print n + e }'
}

hear() {
	h_num=$1; h_re=$2; h_t=${3:-5}; h_lbl=${4:-notify}
	h_end=$(($(date +%s) + h_t))
	while :; do
		h_ln=$(_mt_find "$h_num" "$h_re")
		[ -n "$h_ln" ] && break
		if [ "$(date +%s)" -gt "$h_end" ]; then
			HEARD=""; HEARD_SEG=0
			fail "hear $h_num /$h_re/: nothing within ${h_t}s; unheard to it: $(_unheard "$h_num" | tr '\n' '|')"
			return 1
		fi
		sleep 0.05
	done
	C_SEEN="$C_SEEN$h_ln:"
	h_line=$(sed -n "${h_ln}p" "$WORK/$SIM_TAG.out")
	HEARD=$(printf '%s\n' "$h_line" | sed 's/^[^"]*text="//; s/"$//')
	HEARD_SEG=$(printf '%s\n' "$h_line" | sed -nE 's/.* segments=([0-9]+).*/\1/p')
	printf '%s %s %s %s\n' "$h_lbl" "$HEARD_SEG" "$(_gsm_len "$HEARD")" "$HEARD" >> "$WORK/segments.txt"
	ok "hear $h_num /$h_re/ -> \"$HEARD\""
	return 0
}

ask() {
	a_num=$1; a_text=$2; a_re=$3
	say "$a_num" "$a_text"
	a_kw=$(printf '%s\n' "$a_text" | sed 's/[ #].*//' | tr a-z A-Z)
	hear "$a_num" "$a_re" "${4:-5}" "$a_kw"
}

# _unheard NUM: texts of MT to NUM not heard yet ("" NUM: to anyone). With
# ALLOW_RESENDS=1 (crash tests) an MT identical to one already heard is a
# resend from the crash window between a submit_sm and its recorded
# response, which issue 2 allows: it is skipped and its line number written
# to $WORK/resends.
_unheard() {
	NUM="$1" SEEN="$C_SEEN" RS="$WORK/resends" awk '
	BEGIN { num = ENVIRON["NUM"]; sub(/^\+/, "", num); seen = ENVIRON["SEEN"]
		allow = ENVIRON["ALLOW_RESENDS"] == "1" }
	/^mt to=/ && !/ ussd_op=/ {
		if (index(seen, ":" NR ":")) { heard[$0] = 1; next }
		to = $2; sub(/^to=\+?/, "", to)
		if (num != "" && to != num) next
		if (allow && ($0 in heard)) { print NR >> ENVIRON["RS"]; next }
		print NR " " $0
	}' "$WORK/$SIM_TAG.out"
}

hear_none() {
	sleep "$2"
	hn=$(_unheard "$1")
	if [ -z "$hn" ]; then
		ok "nothing more to $1 within $2s"
	else
		fail "unexpected to $1: $hn"
		for n in $(printf '%s\n' "$hn" | cut -d' ' -f1); do
			C_SEEN="$C_SEEN$n:"
		done
	fi
}

heard_all() {
	ha=$(_unheard "")
	if [ -z "$ha" ]; then
		ok "every MT was expected ($(mt_count "$SIM_TAG" .) in all)"
	else
		fail "MT nobody expected: $(printf '%s\n' "$ha" | tr '\n' '|')"
	fi
}

confirm_code() {
	printf '%s\n' "$HEARD" | sed -nE 's/.*(YA|YES) ([0-9]+).*/\2/p'
}

order_code() {
	printf '%s\n' "$HEARD" | grep -oE 'O[0-9]+' | head -1
}

# other_code CODE: a confirmation code that is certainly not CODE.
other_code() {
	if [ "$1" = 1000 ]; then echo 1001; else echo $(($1 - 1)); fi
}

# ---- the whole story (test_commerce_story.sh, test_commerce_crash.sh) ----
#
# Two sellers in two villages, three buyers. crash_point N is called between
# steps (a no-op unless the test defines it); ask_crash N NUM TEXT ERE sends
# and, when crash_point says so, crashes before the reply is heard. Needs
# orders.confirm_timeout = $STORY_CT (seconds) in the config.
S1=+6281211110001	# Warung Sri, Sukamaju (Indonesian)
S2=+6281211110002	# Toko Budi, Cibodas (English)
B1=+6281311110001	# Indonesian
B2=+6281311110002	# English
B3=+6281311110003	# Indonesian
STORY_CT=${STORY_CT:-3}

REPEATS=0
crash_point() { :; }
crash_now() { return 1; }	# crash_now N: crash right after sending step N

# ask_c N NUM TEXT ERE: ask, with a crash between the MO and its reply when
# crash_now N; after a crash the MO is redelivered or was already stored.
ask_c() {
	c_n=$1; shift
	if crash_now "$c_n"; then
		say "$1" "$2"
		sleep "${CRASH_DELAY:-0.05}"
		crash_restart "$c_n"
		a_kw=$(printf '%s\n' "$2" | sed 's/[ #].*//' | tr a-z A-Z)
		hear "$1" "$3" 15 "$a_kw"
		# Stored but not acknowledged before the kill: the SMSC
		# delivers it again and it is answered as a repeat (the
		# earlier reply plus the ULANG note); nothing else may come.
		sleep 0.5
		c_ln=$(_mt_find "$1" 'ULANG')
		if [ -n "$c_ln" ]; then
			C_SEEN="$C_SEEN$c_ln:"
			REPEATS=$((REPEATS + 1))
			echo "# step $c_n: the redelivered MO was answered as a repeat"
		fi
	else
		ask "$@"
	fi
}

run_story() {
	# Sellers register, set PINs, list products.
	ask $S1 "DAFTAR Warung Sri, Sukamaju" 'Warung Sri.*Sukamaju'
	ask $S2 "REG Toko Budi, Cibodas" 'Toko Budi.*Cibodas'
	ask $S2 "LANG EN" '^Language set to English'
	ask $S1 "PIN 1234" '^PIN berhasil'
	case $HEARD in *1234*) fail "PIN reply shows the digits";; esac
	ask $S2 "PIN 5678" '^PIN set'
	crash_point 1
	ask_c 2 $S1 "JUAL Keripik singkong 15rb/bks 10" '^P1 Keripik singkong Rp15\.000/bks stok 10'
	ask $S1 "JUAL#Gula aren#20.000/kg#5" '^P2 Gula aren Rp20\.000/kg stok 5'
	ask $S2 "SELL Keripik pisang 12k/pack 3" '^P3 Keripik pisang Rp12\.000/pack stock 3'
	ask $S2 "SELL Es teh Rp 3.000 2" '^P4 Es teh Rp3\.000 stock 2'
	crash_point 3

	# Buyers look around.
	ask $B1 "CARI kripik" 'P1 Keripik singkong Rp15\.000/bks Sukamaju'
	case $HEARD in *"P3 Keripik pisang Rp12.000/pack Cibodas"*) ok "CARI kripik finds P3 too";;
	*) fail "CARI kripik misses P3 Cibodas: $HEARD";; esac
	ask $B2 "LANG EN" '^Language set to English'
	ask $B2 "FIND es" '^Results for es:.*P4 Es teh Rp3\.000 Cibodas'
	ask $B3 "BANTUAN" '^JUAL CARI BELI BATAL SAMPAI INFO DAFTAR DESA HARGA STOK BERAT HAPUS PRODUK PESANAN TERIMA TOLAK KIRIM KURIR GAGAL PIN BAHASA\. BANTUAN LAIN\. BANTUAN ASISTEN$'
	ask $B2 "HELP BUY" '^BUY <code> <quantity> <note>.*Example: BUY P17 2'
	ask $B3 "INFO P2" '^P2 Gula aren Rp20\.000/kg, stok 5\. Toko Warung Sri, Sukamaju'

	# B1 buys, gets the code wrong once, then right; S1 accepts, ships;
	# B1 confirms receipt.
	ask $B1 "BELI P1 2 antar ke rumah pak RT" '^O1: Keripik singkong x2 @Rp15\.000/bks = Rp30\.000, Toko Warung Sri\. Balas YA [0-9]+ '
	c1=$(confirm_code)
	ask $B1 "YA $(other_code "$c1")" '^Kode konfirmasi salah\. Sisa 2 kali'
	ask_c 4 $B1 "YA $c1" '^Pesanan O1 Keripik singkong x2 = Rp30\.000 dikirim ke Warung Sri'
	hear $S1 '^Pesanan baru O1: Keripik singkong x2 = Rp30\.000 dari \+6281311110001\. Catatan: antar ke rumah pak RT\.' 5 notify.confirm
	crash_point 5
	ask_c 6 $S1 "TERIMA O1" '^Pesanan O1 diterima\. Hubungi pembeli \+6281311110001'
	hear $B1 '^Pesanan O1 .*diterima Warung Sri\. Hubungi penjual di \+6281211110001' 5 notify.accept
	ask $S1 "KIRIM o1" '^Pesanan O1 dicatat sudah dikirim'
	hear $B1 '^Pesanan O1 Keripik singkong sudah dikirim Warung Sri\. .*SAMPAI O1' 5 notify.ship
	crash_point 7
	ask_c 8 $B1 "SAMPAI 1" '^Terima kasih! Pesanan O1 selesai'
	hear $S1 '^Pesanan O1 Keripik singkong x2 = Rp30\.000 sudah sampai di \+6281311110001' 5 notify.received

	# B2 buys from S2 (no code needed: one pending order); S2 rejects.
	ask $B2 "BUY P3 1" '^O2: Keripik pisang x1 @Rp12\.000/pack = Rp12\.000, Toko Budi\. Reply YES [0-9]+ '
	ask $B2 "YES" '^Order O2 Keripik pisang x1 = Rp12\.000 sent to Toko Budi'
	hear $S2 '^New order O2: Keripik pisang x1 = Rp12\.000 from \+6281311110002\. Note: -\.' 5 notify.confirm
	ask_c 9 $S2 "REJECT O2 sold to a neighbour" '^Order O2 rejected'
	hear $B2 '^Sorry, order O2 Keripik pisang was rejected by Toko Budi\. Reason: sold to a neighbour' 5 notify.reject

	# B3 buys from S1 and cancels after confirming.
	ask $B3 "BELI P2 1" '^O3: Gula aren x1 @Rp20\.000/kg = Rp20\.000, Toko Warung Sri\. Balas YA [0-9]+ '
	c3=$(confirm_code)
	ask $B3 "YA $c3" '^Pesanan O3 Gula aren x1 = Rp20\.000 dikirim ke Warung Sri'
	hear $S1 '^Pesanan baru O3: Gula aren x1 = Rp20\.000 dari \+6281311110003\. Catatan: -\.' 5 notify.confirm
	crash_point 10
	ask_c 11 $B3 "BATAL O3" '^Pesanan O3 dibatalkan'
	hear $S1 '^Pesanan O3 Gula aren x1 dibatalkan pembeli \+6281311110003' 5 notify.cancel

	# S2 tries to touch S1's order: refused, naming it.
	ask $S2 "ACCEPT O3" '^Sorry, O3 is not yours\. Nothing was changed'

	# B3 buys and never confirms: the order expires; only B3 is told (a
	# pending order is the buyer's alone, issue 9).
	ask $B3 "BELI P1 1" '^O4: Keripik singkong x1 @Rp15\.000/bks = Rp15\.000, Toko Warung Sri'
	crash_point 12
	hear $B3 '^Pesanan O4 Keripik singkong dari Warung Sri batal karena lewat waktu' $((STORY_CT + 8)) notify.expire

	# Out-of-stock confirm: B1 and B2 both want the last 2 Es teh; B2
	# confirms first, B1's YA finds no stock: nothing reserved, S2 not told.
	ask $B1 "BELI P4 2" '^O5: Es teh x2 @Rp3\.000 = Rp6\.000, Toko Budi\. Balas YA [0-9]+ '
	c5=$(confirm_code)
	ask $B2 "BUY P4 2 kirim sore" '^O6: Es teh x2 @Rp3\.000 = Rp6\.000, Toko Budi\. Reply YES [0-9]+ '
	c6=$(confirm_code)
	ask $B2 "YES $c6" '^Order O6 Es teh x2 = Rp6\.000 sent to Toko Budi'
	hear $S2 '^New order O6: Es teh x2 = Rp6\.000 from \+6281311110002\. Note: kirim sore\.' 5 notify.confirm
	ask $B1 "YA $c5" '^Maaf, stok Es teh tinggal 0, pesanan O5 x2 belum bisa'
	crash_point 13
	ask_c 14 $S2 "ACCEPT 6" '^Order O6 accepted\. Contact the buyer at \+6281311110002'
	hear $B2 '^Order O6 Es teh x2 = Rp6\.000 accepted by Toko Budi\. Call the seller at \+6281211110002' 5 notify.accept
	ask $S2 "STOCK P4 1" '^Stock of P4 cannot go below the 2 already ordered'
	# O5 stays pending until its timer; S2 never saw it and is not told.
	hear $B1 '^Pesanan O5 Es teh dari Toko Budi batal karena lewat waktu' $((STORY_CT + 8)) notify.expire

	# Lists at the end.
	ask $S1 "PRODUK" '^Produk \(2\):\\nP1 Keripik singkong Rp15\.000/bks stok 8\\nP2 Gula aren Rp20\.000/kg stok 5$'
	ask $S2 "ORDERS" '^Open orders:\\nO6 sell Es teh x2 accepted$'
	ask $B2 "ORDERS" '^Open orders:\\nO6 .*Es teh x2 accepted$'
	ask $B1 "PESANAN" '^Tidak ada pesanan aktif'
	hear_none $S1 0.5
	heard_all
}

# story_state: checks the store after run_story (lapakd stopped or idle).
story_state() {
	check "orders: O1 delivered, O2 rejected, O3 cancelled, O4 expired, O5 expired, O6 accepted" \
	    [ "$(sql "SELECT group_concat(id || ':' || state, ' ') FROM (SELECT id, state FROM orders ORDER BY id)")" = \
	    "1:delivered 2:rejected 3:cancelled 4:expired 5:expired 6:accepted" ]
	check "products: stock/reserved P1 8/0, P2 5/0, P3 3/0, P4 2/2" \
	    [ "$(sql "SELECT group_concat(id || ':' || stock || '/' || reserved, ' ') FROM (SELECT * FROM products ORDER BY id)")" = \
	    "1:8/0 2:5/0 3:3/0 4:2/2" ]
	check "reserved = sum of confirmed+accepted quantities, for every product" \
	    [ "$(sql "SELECT count(*) FROM products p WHERE p.reserved != (SELECT coalesce(sum(qty), 0) FROM orders o WHERE o.product_id = p.id AND o.state IN ('confirmed', 'accepted'))")" = 0 ]
	check "no stock below reserved or negative" \
	    [ "$(sql "SELECT count(*) FROM products WHERE stock < 0 OR reserved < 0 OR reserved > stock")" = 0 ]
	check "unit prices kept per order" \
	    [ "$(sql "SELECT group_concat(unit_price_rp, ' ') FROM (SELECT unit_price_rp FROM orders ORDER BY id)")" = \
	    "15000 12000 20000 15000 3000 3000" ]
	check "2 sellers, villages Sukamaju and Cibodas, PINs hashed" \
	    [ "$(sql "SELECT group_concat(shop || '/' || village || '/' || (pin_hash LIKE '\$argon2id\$%'), ' ') FROM (SELECT * FROM sellers ORDER BY id)")" = \
	    "Warung Sri/Sukamaju/1 Toko Budi/Cibodas/1" ]
	check "reasons: O2 rejected with its reason" \
	    [ "$(sql "SELECT reason FROM orders WHERE id = 2")" = "sold to a neighbour" ]
	check "languages: S2, B2 en" \
	    [ "$(sql "SELECT group_concat(msisdn, ' ') FROM (SELECT msisdn FROM numbers WHERE lang = 'en' ORDER BY msisdn)")" = \
	    "+6281211110002 +6281311110002" ]
	# (a random confirmation code may be 1234 too: YA texts are not PINs)
	check "PIN digits never stored in the inbox" \
	    [ "$(sql "SELECT count(*) FROM inbox WHERE (text LIKE 'PIN%' AND text GLOB '*[0-9]*') OR (text NOT LIKE 'YA %' AND (text LIKE '%1234%' OR text LIKE '%5678%'))")" = 0 ]
	check "audit trail: each state change exactly once, expiries by the timer" \
	    [ "$(sql "SELECT group_concat(o || ':' || p, ' ') FROM (SELECT order_id AS o, group_concat(to_val || (CASE by WHEN 'timer' THEN '(t)' ELSE '' END), '>') AS p FROM (SELECT * FROM audit WHERE order_id IS NOT NULL ORDER BY id) GROUP BY order_id ORDER BY order_id)")" = \
	    "1:pending>confirmed>accepted>shipped>delivered 2:pending>confirmed>rejected 3:pending>confirmed>cancelled 4:pending>expired(t) 5:pending>expired(t) 6:pending>confirmed>accepted" ]
}
