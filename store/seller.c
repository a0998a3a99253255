/* DAFTAR: registering a number as a seller, and updating its shop name and
 * village later (a DAFTAR without a village keeps the stored one). */
#include <stdio.h>
#include <string.h>

#include "store/commerce_internal.h"

enum act_rc
cx_register(struct cx *c)
{
	static const char ins[] = "INSERT INTO sellers (msisdn, shop, village, "
	    "created_s, updated_s) VALUES (?1, ?2, ?3, ?4, ?4) "
	    "ON CONFLICT (msisdn) DO UPDATE SET shop = excluded.shop, "
	    "village = CASE WHEN excluded.village = '' THEN village "
	    "ELSE excluded.village END, updated_s = excluded.updated_s";
	struct cx_seller	 old;
	sqlite3_stmt		*s;
	const char		*village;
	char			 label[96];
	int			 src = 0, found, rc;

	if (c->a->text[0] == '\0')
		return cx_end(c, ACT_INVALID, "register.no_name");
	found = cx_seller_by_msisdn(c->st, c->who->msisdn, &old, &src);
	if (found < 0)
		return cx_db(c, src, "register");
	if ((s = store_stmt(c->st, ins)) == NULL)
		return cx_db(c, SQLITE_ERROR, "register");
	sqlite3_bind_text(s, 1, c->who->msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, c->a->text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, c->a->village, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, c->who->now_s);
	rc = store_step(c->st, s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return cx_db(c, rc, "register");
	/* The village in force: the one given, else the one kept. */
	village = c->a->village[0] != '\0' ? c->a->village :
	    found == 1 ? old.village : "";
	act_set(&c->r->reply, "shop", "%s", c->a->text);
	act_set(&c->r->reply, "shop_label", "%s",
	    cx_shop_label(c->a->text, c->lang, label, sizeof(label)));
	act_set(&c->r->reply, "village", "%s",
	    village[0] != '\0' ? village : "-");
	return cx_end(c, ACT_OK, found ? "register.updated" : "register.ok");
}
