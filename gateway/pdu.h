/* The one wrapper around libsmpp34: checks the 16-byte header ourselves, then
 * packs and unpacks the PDUs lapakd uses into plain structs (struct pdu_sm).
 * Only pdu.c includes <smpp34.h>; everyone else uses the PDU_ constants
 * below. */
#ifndef LAPAK_PDU_H
#define LAPAK_PDU_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PDU_HEADER_LEN	16
#define PDU_UD_MAX	65536	/* short_message (<=254) or message_payload */

/* command ids and statuses lapakd uses (SMPP 3.4 values) */
#define PDU_GENERIC_NACK	 0x80000000u
#define PDU_BIND_RX		 0x00000001u
#define PDU_BIND_TX		 0x00000002u
#define PDU_SUBMIT_SM		 0x00000004u
#define PDU_DELIVER_SM		 0x00000005u
#define PDU_UNBIND		 0x00000006u
#define PDU_BIND_TRX		 0x00000009u
#define PDU_ENQUIRE_LINK	 0x00000015u
#define PDU_DATA_SM		 0x00000103u
#define PDU_RESP_BIT		 0x80000000u

#define PDU_ROK		 0x00u
#define PDU_RINVMSGLEN	 0x01u
#define PDU_RINVCMDLEN	 0x02u
#define PDU_RINVCMDID	 0x03u
#define PDU_RINVBNDSTS	 0x04u
#define PDU_RSYSERR	 0x08u
#define PDU_RINVPASWD	 0x0Eu
#define PDU_RINVSYSID	 0x0Fu
#define PDU_RMSGQFUL	 0x14u
#define PDU_RTHROTTLED	 0x58u
#define PDU_RX_T_APPN	 0x64u
#define PDU_RINVOPTPARSTREAM 0xC0u
#define PDU_RINVPARLEN	 0xC2u

struct pdu_hdr {
	uint32_t len;
	uint32_t id;
	uint32_t status;
	uint32_t seq;
};

enum pdu_frame { PDU_FRAME_OK, PDU_FRAME_SHORT, PDU_FRAME_BAD };

/* Reads the header at buf. PDU_FRAME_SHORT: fewer than 16 bytes, or fewer than
 * h->len (h is filled once 16 bytes are there). PDU_FRAME_BAD: command_length
 * below 16 or above max_len: the stream cannot be resynchronised. */
enum pdu_frame pdu_frame(const uint8_t *buf, size_t len, uint32_t max_len,
	    struct pdu_hdr *h);

/* A deliver_sm / submit_sm / data_sm, decoded into plain fields. ud holds the
 * raw user data (short_message, or message_payload when present), including
 * any UDH; decoding text is codec.c's job. -1 marks an absent optional. */
struct pdu_sm {
	char	 service_type[6];
	uint8_t	 src_ton, src_npi;
	char	 src[21];
	uint8_t	 dst_ton, dst_npi;
	char	 dst[21];
	uint8_t	 esm_class;
	uint8_t	 protocol_id;
	uint8_t	 priority;
	uint8_t	 registered_delivery;
	uint8_t	 data_coding;
	char	 validity[17];		/* "" or SMPP relative/absolute time */
	uint8_t	 ud[PDU_UD_MAX];
	size_t	 ud_len;
	bool	 payload;		/* ud came from message_payload */
	int	 sar_ref;		/* sar_msg_ref_num, -1 absent */
	int	 sar_total;
	int	 sar_seq;
	int	 ussd_op;		/* ussd_service_op, -1 absent */
	int	 its_len;		/* its_session_info octets (0 absent) */
	uint8_t	 its[2];
	int	 umr;			/* user_message_reference, -1 absent */
	char	 receipted_id[65];	/* receipted_message_id, "" absent */
	int	 message_state;		/* -1 absent */
};

/* Unpacks the body of a deliver_sm or data_sm (pdu points at the header;
 * command_length octets are used, len may hold more). Returns PDU_ROK, or the
 * command_status to answer with when the PDU is malformed, err saying why:
 *   RINVCMDLEN  header/length inconsistent, mandatory part truncated
 *   RINVCMDID   not deliver_sm/data_sm
 *   RINVMSGLEN  sm_length past the end of the PDU
 *   RINVOPTPARSTREAM  a TLV header or value overruns the PDU
 *   RINVPARLEN  a TLV we use has the wrong length (its_session_info 1..2)
 *   0x0A/0x0B/0x15/0x61/0x62  an address/service_type/time string too long
 * Accepted although off-spec (libsmpp34 would refuse them): sequence 0, a
 * non-zero command_status, TON > 6 or unlisted NPI, a non-empty validity,
 * message_payload up to 65535 octets, a 1-octet its_session_info (its_len 1),
 * unknown or odd-width TLVs we do not use (skipped), a repeated TLV (the last
 * wins). When esm_class has the receipt bit (0x04), receipted_id and
 * message_state come from the TLVs, else from the receipt text. Every field
 * of *out is set (ud beyond ud_len is left as is). Never crashes on any
 * input; err may be NULL. */
uint32_t pdu_unpack_sm(const uint8_t *pdu, size_t len, struct pdu_sm *out,
	    char *err, size_t errlen);

/* Packs a submit_sm from sm (ud_len <= 253 goes in short_message, the
 * libsmpp34 limit; longer, or sm->payload set, in message_payload, up to
 * 65535; ussd_op/its/umr/sar_* added when set). Also used by tests to build a
 * deliver_sm (id = PDU_DELIVER_SM; validity must be "", receipted_id and
 * message_state added when set). cap need only hold the PDU. Returns the PDU
 * length written to buf[cap], or -1 (seq 0, a string too long, no room). */
int	pdu_pack_sm(uint32_t id, const struct pdu_sm *sm, uint32_t seq,
	    uint8_t *buf, size_t cap);

/* bind_transceiver/_transmitter/_receiver (id), interface_version 0x34.
 * system_type may be NULL. -1 when a string does not fit (system_id 15,
 * password 8, system_type 12 chars): a credential is never truncated. */
int	pdu_pack_bind(uint32_t id, const char *system_id, const char *password,
	    const char *system_type, uint32_t seq, uint8_t *buf, size_t cap);

/* Header-only PDUs: enquire_link(_resp), unbind(_resp), generic_nack (16
 * octets), deliver_sm_resp / data_sm_resp (17, an empty message_id). Written
 * by hand, not by libsmpp34 (see pdu.c). Returns the length, or -1 for any
 * other id or cap too small. */
int	pdu_pack_simple(uint32_t id, uint32_t status, uint32_t seq,
	    uint8_t *buf, size_t cap);

/* submit_sm_resp / data_sm_resp / bind_*_resp: copies message_id or
 * system_id into out[outsz] ("" when the body is empty, as on errors). Any
 * command_status (vendor ones too) is fine. Returns 0, or -1 when the PDU is
 * not a resp, is cut, the string is unterminated or does not fit outsz. */
int	pdu_unpack_resp_id(const uint8_t *pdu, size_t len, char *out,
	    size_t outsz);

/* Receipt text "id:XXX sub:... stat:DELIVRD ..." -> id and stat, each the
 * word after its key (any case, at the start or after a space; the id is kept
 * as a string, hex or decimal). false, with both "", when either is missing,
 * empty or does not fit. */
bool	pdu_parse_receipt(const char *text, char *id, size_t idsz,
	    char *stat, size_t statsz);

/* Names for logs: "ESME_RTHROTTLED", "submit_sm". Never NULL: an unknown
 * value comes back as "0x%08x" in one of four static buffers (single thread;
 * up to four in one log call). */
const char *pdu_status_name(uint32_t status);
const char *pdu_cmd_name(uint32_t id);

#endif
