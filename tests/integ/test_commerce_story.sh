#!/bin/sh
# The whole story over SMPP with the commerce handler: two sellers in two
# villages, three buyers; register, PIN, sell, search, buy, wrong code, right
# code, accept, ship, received, a reject, a cancel, an expiry, an
# out-of-stock confirm. Every reply and notification is asserted (and no
# other MT is sent), then the store's final state. Also the segment report:
# segments per command, failing when a common reply takes more than one SMS.
. tests/integ/lib.sh
. tests/integ/commerce_lib.sh
setup "$1"
cd "$WORK"
PORT=$(free_port)
write_conf lapak.cfg "$PORT" "orders = { confirm_timeout = $STORY_CT; };"
start_serve sim -p "$PORT" || finish
start_lapakd lapak.cfg
check "lapakd binds" wait_until 10 grep -q "bound" lapakd.log
T0=$(date +%s)
run_story
echo "# story took $(($(date +%s) - T0)) s"
stop_lapakd
check "lapakd exits 0 on SIGTERM" [ "$rc" -eq 0 ]
story_state
check "no sanitizer report" sanitizer_clean

# Segment report. Replies that carry one fact set and must fit one SMS:
# everything except lists (paginated, checked apart) and notes to the seller
# that carry a buyer's free-text note.
echo "# segments per reply (label, segments, GSM-7 characters):"
awk '{ k = $1; if (!(k in max) || $2 > max[k]) max[k] = $2
	if (!(k in len) || $3 > len[k]) len[k] = $3; n[k]++ }
     END { for (k in max) printf "#   %-18s %d seg  max %3d chars  (%d sent)\n", k, max[k], len[k], n[k] }' \
    segments.txt | sort
long=$(awk '$2 > 1 { print }' segments.txt)
check "every reply and notification of the story fits one SMS" [ -z "$long" ]
[ -n "$long" ] && printf '%s\n' "$long"
miscount=$(awk '($3 <= 160 && $2 != 1) || ($3 > 160 && $2 < 2) { print }' segments.txt)
check "segment counts match the text lengths" [ -z "$miscount" ]
finish
