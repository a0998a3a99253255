/* Writes the real-shaped seed PDUs of corpus/fuzz_pdu (run once by hand:
 * scripts/fuzz.sh does not need it; the output is committed). Built with
 * pdu_pack_sm where it can express the PDU, by hand for malformed ones.
 *	mkseeds DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gateway/codec.h"
#include "gateway/pdu.h"

int	main(int, char **);

static const char	*dir;
static uint8_t		 buf[PDU_UD_MAX + 1024];
static struct pdu_sm	 sm;

static void
out(const char *name, const uint8_t *p, size_t n)
{
	char	path[512];
	FILE	*fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "wb")) == NULL || fwrite(p, 1, n, fp) != n) {
		perror(path);
		exit(1);
	}
	fclose(fp);
}

static void
base(const char *src, const char *text)
{
	memset(&sm, 0, sizeof(sm));
	sm.src_ton = 1;
	sm.src_npi = 1;
	snprintf(sm.src, sizeof(sm.src), "%s", src);
	snprintf(sm.dst, sizeof(sm.dst), "4545");
	sm.ud_len = strlen(text);
	memcpy(sm.ud, text, sm.ud_len);
	sm.sar_ref = sm.sar_total = sm.sar_seq = -1;
	sm.ussd_op = -1;
	sm.umr = -1;
	sm.message_state = -1;
}

static int
pack(uint32_t id, uint32_t seq)
{
	int	n = pdu_pack_sm(id, &sm, seq, buf, sizeof(buf));

	if (n < 0) {
		fprintf(stderr, "pack failed\n");
		exit(1);
	}
	return n;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

int
main(int argc, char **argv)
{
	static uint8_t		 two[2 * sizeof(buf)];
	struct codec_seg	 segs[4];
	uint8_t			 dcs;
	int			 n, m, i;

	if (argc != 2)
		return 2;
	dir = argv[1];

	base("6281234567890", "CARI keripik");
	out("deliver-plain", buf, (size_t)pack(PDU_DELIVER_SM, 1));

	base("6281234567890", "JUAL Keripik pisang 15rb/bks 20");
	n = pack(PDU_DELIVER_SM, 2);
	out("deliver-sell", buf, (size_t)n);

	/* Two PDUs back to back in one read, then a cut third. */
	memcpy(two, buf, (size_t)n);
	base("6281234567891", "YA 4821");
	m = pack(PDU_DELIVER_SM, 3);
	memcpy(two + n, buf, (size_t)m);
	memcpy(two + n + m, buf, 10);
	out("stream-two-and-cut", two, (size_t)(n + m + 10));

	/* UDH concat, 8-bit and 16-bit references, GSM unpacked and packed. */
	base("6281234567890", "");
	n = codec_encode("BELI P17 2 tolong antar ke rumah pak RT dekat masjid "
	    "desa Sukamaju, pagar hijau, sebelah warung bu Sri, sore hari "
	    "setelah jam empat ya terima kasih banyak semoga lancar usahanya",
	    false, 0x42, &dcs, segs, 4);
	for (i = 0; i < n; i++) {
		char name[32];

		sm.esm_class = 0x40;
		sm.data_coding = dcs;
		memcpy(sm.ud, segs[i].data, segs[i].len);
		sm.ud_len = segs[i].len;
		snprintf(name, sizeof(name), "deliver-udh8-part%d", i + 1);
		out(name, buf, (size_t)pack(PDU_DELIVER_SM, 10 + i));
	}
	n = codec_encode("PESANAN lengkap dengan catatan panjang sekali untuk "
	    "penjual yang harus dibaca dengan teliti karena alamatnya sulit "
	    "ditemukan di peta dan jalannya kecil berbatu di ujung kampung",
	    true, 0x07, &dcs, segs, 4);
	sm.esm_class = 0x40;
	sm.data_coding = dcs;
	memcpy(sm.ud, segs[0].data, segs[0].len);
	sm.ud_len = segs[0].len;
	out("deliver-udh8-packed", buf, (size_t)pack(PDU_DELIVER_SM, 20));
	{
		static const uint8_t u16[] = { 0x06, 0x08, 0x04, 0x12, 0x34,
		    0x02, 0x01, 'H', 'A', 'R', 'G', 'A' };

		memcpy(sm.ud, u16, sizeof(u16));
		sm.ud_len = sizeof(u16);
		sm.data_coding = 0;
		out("deliver-udh16", buf, (size_t)pack(PDU_DELIVER_SM, 21));
	}

	/* sar_* TLVs. */
	base("6281234567890", "STOK P17 +5");
	sm.sar_ref = 300;
	sm.sar_total = 2;
	sm.sar_seq = 1;
	out("deliver-sar", buf, (size_t)pack(PDU_DELIVER_SM, 30));

	/* message_payload, long. */
	base("6281234567890", "");
	sm.payload = true;
	sm.ud_len = 600;
	for (i = 0; i < 600; i++)
		sm.ud[i] = (uint8_t)("BELI P12 3 "[i % 11]);
	out("deliver-payload", buf, (size_t)pack(PDU_DELIVER_SM, 31));

	/* UCS-2, with a surrogate pair; Latin-1; 0xF0 class. */
	base("6281234567890", "");
	sm.data_coding = DCS_UCS2;
	{
		static const uint8_t u[] = { 0x00, 'C', 0x00, 'A', 0x00, 'R',
		    0x00, 'I', 0x00, ' ', 0x00, 0xE9, 0xD8, 0x3D, 0xDE, 0x00,
		    0x4E, 0x2D };

		memcpy(sm.ud, u, sizeof(u));
		sm.ud_len = sizeof(u);
	}
	out("deliver-ucs2", buf, (size_t)pack(PDU_DELIVER_SM, 32));
	base("6281234567890", "HARGA P3 \xe9 \xa3" "20.000");
	sm.data_coding = DCS_LATIN1;
	out("deliver-latin1", buf, (size_t)pack(PDU_DELIVER_SM, 33));
	base("6281234567890", "INFO P9");
	sm.data_coding = 0xF4;
	out("deliver-dcs-f4", buf, (size_t)pack(PDU_DELIVER_SM, 34));
	sm.data_coding = 0x11;
	out("deliver-dcs-11", buf, (size_t)pack(PDU_DELIVER_SM, 35));

	/* USSD: begin with ITS session info; continue with umr; abort. */
	base("6281234567890", "*123*45#");
	snprintf(sm.service_type, sizeof(sm.service_type), "USSD");
	sm.ussd_op = 1;
	sm.its_len = 2;
	sm.its[0] = 0x12;
	sm.its[1] = 0x00;
	out("deliver-ussd-begin", buf, (size_t)pack(PDU_DELIVER_SM, 40));
	base("6281234567890", "2");
	sm.ussd_op = 18;
	sm.umr = 77;
	out("deliver-ussd-umr", buf, (size_t)pack(PDU_DELIVER_SM, 41));
	base("6281234567890", "");
	snprintf(sm.service_type, sizeof(sm.service_type), "P2");
	sm.ussd_op = 0x81;
	sm.data_coding = 0x0F;
	out("deliver-ussd-abort-p2", buf, (size_t)pack(PDU_DELIVER_SM, 42));

	/* Delivery receipts: text only, and with TLVs. */
	base("6281234567890", "id:0A1B2C3D sub:001 dlvrd:001 submit date:"
	    "2401011200 done date:2401011201 stat:DELIVRD err:000 text:Pesanan");
	sm.esm_class = 0x04;
	out("receipt-text", buf, (size_t)pack(PDU_DELIVER_SM, 50));
	snprintf(sm.receipted_id, sizeof(sm.receipted_id), "0A1B2C3D");
	sm.message_state = 5;
	out("receipt-tlv", buf, (size_t)pack(PDU_DELIVER_SM, 51));

	/* data_sm (not packable with an empty short_message: by hand below). */
	/* Header-only PDUs and resps. */
	out("enquire-link", buf, (size_t)pdu_pack_simple(PDU_ENQUIRE_LINK, 0,
	    7, buf, sizeof(buf)));
	out("unbind", buf, (size_t)pdu_pack_simple(PDU_UNBIND, 0, 8, buf,
	    sizeof(buf)));
	out("generic-nack", buf, (size_t)pdu_pack_simple(PDU_GENERIC_NACK,
	    PDU_RINVCMDID, 9, buf, sizeof(buf)));
	{
		static const uint8_t r[] = { 0, 0, 0, 0x19, 0x80, 0, 0, 4, 0, 0,
		    0, 0, 0, 0, 0, 5, 'a', 'b', 'c', '1', '2', '3', '4', '5',
		    0 };
		static const uint8_t thr[] = { 0, 0, 0, 0x10, 0x80, 0, 0, 4, 0,
		    0, 0, 0x58, 0, 0, 0, 6 };
		static const uint8_t bresp[] = { 0, 0, 0, 0x16, 0x80, 0, 0, 9,
		    0, 0, 0, 0, 0, 0, 0, 1, 'S', 'M', 'S', 'C', '1', 0 };
		static const uint8_t unterm[] = { 0, 0, 0, 0x14, 0x80, 0, 0, 4,
		    0, 0, 0, 0, 0, 0, 0, 5, 'a', 'b', 'c', 'd' };

		out("submit-resp", r, sizeof(r));
		out("submit-resp-throttled", thr, sizeof(thr));
		out("bind-resp", bresp, sizeof(bresp));
		out("resp-unterminated", unterm, sizeof(unterm));
	}

	/* Malformed: 2 GB command_length, length below 16, sm_length past the
	 * end, a TLV overrunning, bad its_session_info length, cut mandatory
	 * part, an unknown command. */
	{
		static const uint8_t huge[] = { 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0,
		    5, 0, 0, 0, 0, 0, 0, 0, 1 };
		static const uint8_t tiny[] = { 0, 0, 0, 8, 0, 0, 0, 0x15, 0, 0,
		    0, 0, 0, 0, 0, 1 };
		static const uint8_t unk[] = { 0, 0, 0, 0x10, 0, 0, 0, 0x42, 0,
		    0, 0, 0, 0, 0, 0, 1 };

		out("bad-2gb-length", huge, sizeof(huge));
		out("bad-short-length", tiny, sizeof(tiny));
		out("bad-unknown-cmd", unk, sizeof(unk));
	}
	base("6281234567890", "CARI beras");
	n = pack(PDU_DELIVER_SM, 60);
	{
		/* short_message is last in the mandatory part when there are
		 * no TLVs: sm_length is the octet before it. */
		size_t	smlen_at = (size_t)n - strlen("CARI beras") - 1;

		buf[smlen_at] = 200;
		out("bad-smlength", buf, (size_t)n);
		buf[smlen_at] = (uint8_t)strlen("CARI beras");
		/* Append a TLV whose length overruns. */
		buf[n] = 0x02;
		buf[n + 1] = 0x0C;
		buf[n + 2] = 0x00;
		buf[n + 3] = 0x40;
		buf[n + 4] = 0x01;
		put32(buf, (uint32_t)n + 5);
		out("bad-tlv-overrun", buf, (size_t)n + 5);
		/* its_session_info of 3 octets. */
		buf[n] = 0x13;
		buf[n + 1] = 0x83;
		buf[n + 2] = 0x00;
		buf[n + 3] = 0x03;
		buf[n + 4] = 1;
		buf[n + 5] = 2;
		buf[n + 6] = 3;
		put32(buf, (uint32_t)n + 7);
		out("bad-its-len", buf, (size_t)n + 7);
		/* Cut inside the mandatory part. */
		put32(buf, 30);
		out("bad-cut-mandatory", buf, 30);
	}
	/* data_sm: header, service_type, addresses, esm, reg, dcs, TLV
	 * message_payload. */
	{
		static const uint8_t d[] = { 0, 0, 0, 0, 0, 0, 1, 3, 0, 0, 0,
		    0, 0, 0, 0, 70, 0, 1, 1, '6', '2', '8', '1', '1', '1', '1',
		    0, 0, 0, '4', '5', '4', '5', 0, 0, 0, 0, 0x04, 0x24, 0,
		    0x0B, 'S', 'A', 'M', 'P', 'A', 'I', ' ', 'O', '1', '2', 0x00,
		    0x00, 0x00 };

		uint8_t	dd[sizeof(d)];

		memcpy(dd, d, sizeof(d));
		put32(dd, (uint32_t)sizeof(d));
		out("data-sm-payload", dd, sizeof(d));
	}
	return 0;
}
