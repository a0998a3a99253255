/* USSD over SMPP: recognising USSD deliver_sm by the link's operator profile
 * and answering with screens. The menu engine plugs in here. */
#ifndef LAPAK_USSD_H
#define LAPAK_USSD_H
#include <stdbool.h>
#include <stdint.h>

#include "conf/conf.h"
#include "gateway/pdu.h"

struct gw;
struct gw_mo;

/* Fills the USSD facts of sm per the profile; false when sm is plain SMS. */
struct gw_ussd;
bool	ussd_classify(const struct conf_ussd_map *m, const struct pdu_sm *sm,
	    struct gw_ussd *out);
/* Handles one USSD MO inside the batch transaction: queues the next screen
 * with gw_emit_ussd(), nothing for an abort. Returns 0 or -1. */
int	ussd_handle(struct gw *g, struct gw_mo *mo, int64_t now_ms);

#endif
