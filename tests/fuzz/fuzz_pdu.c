/* Fuzz target: the SMPP byte stream as lapakd reads it (smpp.c on_read and
 * handle_pdu, inbound.c gw_deliver): pdu_frame over the whole buffer, then
 * per PDU pdu_unpack_resp_id or pdu_unpack_sm, codec_udh_parse and
 * codec_decode (packed and unpacked) of the user data in its data_coding,
 * and the receipt parser. Properties: the frame never points past the input,
 * and an accepted deliver_sm repacks into a PDU that unpacks to the same
 * fields. */
#include <stdbool.h>
#include <string.h>

#include "gateway/codec.h"
#include "gateway/pdu.h"
#include "tests/fuzz/fuzz.h"

#define MAX_PDU		65536	/* conf max_pdu_bytes default */

static struct pdu_sm	sm, sm2;	/* 64 KiB each: not on the stack */
static uint8_t		repack[PDU_UD_MAX + 1024];
static char		text[4 * PDU_UD_MAX + 1];

static void
decode_ud(const struct pdu_sm *m)
{
	struct udh_concat	c;
	int			udhl = 0, fill = 0, n;
	char			id[65], stat[16];

	if ((m->esm_class & 0x40) && !m->payload) {
		udhl = codec_udh_parse(m->ud, m->ud_len, &c);
		if (udhl < 0)
			return;		/* answered RINVMSGLEN */
		FUZZ_ASSERT((size_t)udhl <= m->ud_len);
		if (c.present)
			FUZZ_ASSERT(c.total > 0 && c.seq >= 1 &&
			    c.seq <= c.total);
		fill = (7 - (udhl * 8) % 7) % 7;
	}
	n = codec_decode(m->data_coding, m->ud + udhl, m->ud_len - (size_t)udhl,
	    false, 0, text, sizeof(text));
	FUZZ_ASSERT(n < (int)sizeof(text));
	FUZZ_ASSERT(n < 0 || strlen(text) == (size_t)n);
	n = codec_decode(m->data_coding, m->ud + udhl, m->ud_len - (size_t)udhl,
	    true, fill, text, sizeof(text));
	FUZZ_ASSERT(n < 0 || strlen(text) == (size_t)n);
	/* The buffer inbound.c really uses (msg_in.text, 2048). */
	n = codec_decode(m->data_coding, m->ud + udhl, m->ud_len - (size_t)udhl,
	    true, fill, text, 2048);
	FUZZ_ASSERT(strlen(text) < 2048);
	if (pdu_parse_receipt(text, id, sizeof(id), stat, sizeof(stat)))
		FUZZ_ASSERT(id[0] != '\0' && stat[0] != '\0');
}

/* An accepted deliver_sm, packed again by pdu_pack_sm, unpacks to the same
 * message. */
static void
round_trip(uint32_t id, const struct pdu_sm *m, uint32_t seq)
{
	int		n;
	uint32_t	st;

	if (id != PDU_DELIVER_SM || m->validity[0] != '\0' || seq == 0)
		return;
	n = pdu_pack_sm(PDU_DELIVER_SM, m, seq, repack, sizeof(repack));
	if (n < 0)
		return;
	st = pdu_unpack_sm(repack, (size_t)n, &sm2, NULL, 0);
	FUZZ_ASSERT(st == PDU_ROK);
	FUZZ_ASSERT(strcmp(m->src, sm2.src) == 0);
	FUZZ_ASSERT(strcmp(m->dst, sm2.dst) == 0);
	FUZZ_ASSERT(strcmp(m->service_type, sm2.service_type) == 0);
	FUZZ_ASSERT(m->esm_class == sm2.esm_class);
	FUZZ_ASSERT(m->data_coding == sm2.data_coding);
	FUZZ_ASSERT(m->ud_len == sm2.ud_len);
	FUZZ_ASSERT(memcmp(m->ud, sm2.ud, m->ud_len) == 0);
	FUZZ_ASSERT(m->sar_ref == sm2.sar_ref);
	FUZZ_ASSERT(m->sar_total == sm2.sar_total);
	FUZZ_ASSERT(m->sar_seq == sm2.sar_seq);
	FUZZ_ASSERT(m->ussd_op == sm2.ussd_op);
	FUZZ_ASSERT(m->umr == sm2.umr);
	FUZZ_ASSERT(m->its_len == sm2.its_len);
	FUZZ_ASSERT(memcmp(m->its, sm2.its, (size_t)m->its_len) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pdu_hdr	h;
	size_t		off = 0;
	char		id[65], err[256];
	uint32_t	st;

	while (off < size) {
		enum pdu_frame f = pdu_frame(data + off, size - off, MAX_PDU,
		    &h);

		if (f != PDU_FRAME_OK)
			break;		/* SHORT: wait for more; BAD: drop */
		FUZZ_ASSERT(h.len >= PDU_HEADER_LEN && h.len <= size - off);
		(void)pdu_cmd_name(h.id);
		(void)pdu_status_name(h.status);
		if (h.id & PDU_RESP_BIT) {
			if (pdu_unpack_resp_id(data + off, h.len, id,
			    sizeof(id)) == 0)
				FUZZ_ASSERT(strlen(id) < sizeof(id));
			/* A short out buffer must be refused, not overrun. */
			(void)pdu_unpack_resp_id(data + off, h.len, id, 4);
		} else {
			/* len may hold more than the PDU: pass the rest too. */
			st = pdu_unpack_sm(data + off, size - off, &sm, err,
			    sizeof(err));
			FUZZ_ASSERT(memchr(err, '\0', sizeof(err)) != NULL);
			if (st == PDU_ROK) {
				FUZZ_ASSERT(sm.ud_len <= PDU_UD_MAX);
				decode_ud(&sm);
				round_trip(h.id, &sm, h.seq);
			}
		}
		off += h.len;
	}
	return 0;
}
