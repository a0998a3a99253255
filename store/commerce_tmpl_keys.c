/* TEMPORARY until commerce/ lands (issue 10): every template name the
 * store's commerce code (store/commerce.c listing.c order.c pin.c search.c
 * seller.c) asks for today, for the load-time template check. */
#include "store/commerce_tmpl_keys.h"

static const char *const keys[] = {
	/* commerce.c, pin.c, listing.c, order.c: shared refusals */
	"com.busy", "com.error", "com.unknown", "com.not_registered",
	"com.not_found", "com.not_yours", "com.bad_price", "com.bad_qty",
	"com.bad_state", "com.pin_locked", "com.pin_required", "com.pin_wrong",
	/* commerce.c */
	"lang.ok", "lang.bad", "help.ok", "help.cmd",
	/* seller.c */
	"register.ok", "register.updated", "register.no_name",
	/* pin.c */
	"pin.set", "pin.changed", "pin.bad", "pin.need_old",
	/* listing.c; my.ok rows render with my.row (menus/reply.c) */
	"sell.ok", "sell.no_name", "sell.duplicate",
	"price.ok", "price.delisted",
	"stock.ok", "stock.negative", "stock.below_reserved",
	"delist.ok",
	"my.ok", "my.row", "my.empty", "more.none",
	"info.ok", "info.sold_out",
	/* order.c; orders.ok and orders.closed rows render with orders.row */
	"buy.ok", "buy.ok_cut", "buy.own", "buy.too_many", "buy.no_stock",
	"confirm.ok", "confirm.notify_seller", "confirm.no_stock",
	"confirm.none", "confirm.ambiguous", "confirm.wrong",
	"confirm.cancelled",
	"accept.ok", "accept.notify_buyer",
	"reject.ok", "reject.notify_buyer",
	"ship.ok", "ship.not_accepted", "ship.notify_buyer",
	"cancel.ok", "cancel.notify_buyer", "cancel.notify_buyer_why",
	"cancel.notify_seller", "cancel.notify_seller_why",
	"received.ok", "received.buyer_only", "received.notify_seller",
	"orders.ok", "orders.row", "orders.empty", "orders.closed",
	"order.buyer", "order.seller",
	"expire.buyer", "expire.seller",
	/* search.c; find.ok rows render with find.row */
	"find.ok", "find.row", "find.none", "find.no_word",
};

const char *const *
commerce_tmpl_keys(size_t *n)
{
	*n = sizeof(keys) / sizeof(keys[0]);
	return keys;
}
