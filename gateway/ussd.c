/* USSD over SMPP, per operator profile. The menu walk itself is the menus
 * module's; until it lands, a session gets one final screen. */
#include <string.h>

#include "gateway/gw_internal.h"
#include "gateway/ussd.h"

bool
ussd_classify(const struct conf_ussd_map *m, const struct pdu_sm *sm,
    struct gw_ussd *out)
{
	memset(out, 0, sizeof(*out));
	out->sid = -1;
	if (m->service_type[0] != '\0' &&
	    strcmp(m->service_type, sm->service_type) != 0)
		return false;
	if (sm->ussd_op < 0 && m->session_in != USSD_SID_NONE)
		return false;
	if (sm->ussd_op < 0 && m->service_type[0] == '\0')
		return false;
	out->is = true;
	out->start = sm->ussd_op == m->op_start || sm->ussd_op < 0;
	if (m->op_abort >= 0 && sm->ussd_op == m->op_abort)
		out->abort = true;
	switch (m->session_in) {
	case USSD_SID_ITS:
		if (sm->its_len >= 1)
			out->sid = sm->its[0];
		if (sm->its_len >= 2) {
			out->seq = sm->its[1] >> 1;
			if (sm->its[1] & 1)
				out->abort = true;
		}
		break;
	case USSD_SID_UMR:
		out->sid = sm->umr;
		break;
	case USSD_SID_NONE:
		break;
	}
	return true;
}

int
ussd_handle(struct gw *g, struct gw_mo *mo, int64_t now_ms)
{
	(void)now_ms;
	if (mo->ussd.abort)
		return 0;
	return gw_emit_ussd(g, mo->link, mo->in.src,
	    "Lapak: menu USSD belum tersedia. Kirim SMS BANTUAN.", true,
	    mo->ussd.sid, mo->ussd.seq + 1);
}
