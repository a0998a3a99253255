/* The template keys the core names: one table, so a typo is a compile
 * error and a checker can list them all. */
#include <stddef.h>

#include "commerce/commerce.h"

static const char *const tmpl_names[TMPL__N] = {
	[TMPL_COM_BUSY] = "com.busy",
	[TMPL_COM_ERROR] = "com.error",
	[TMPL_COM_UNKNOWN] = "com.unknown",
	[TMPL_COM_NOT_REGISTERED] = "com.not_registered",
	[TMPL_COM_NOT_FOUND] = "com.not_found",
	[TMPL_COM_NOT_YOURS] = "com.not_yours",
	[TMPL_COM_BAD_STATE] = "com.bad_state",
	[TMPL_COM_BAD_PRICE] = "com.bad_price",
	[TMPL_COM_BAD_QTY] = "com.bad_qty",
	[TMPL_COM_PIN_LOCKED] = "com.pin_locked",
	[TMPL_COM_PIN_REQUIRED] = "com.pin_required",
	[TMPL_COM_PIN_WRONG] = "com.pin_wrong",
	[TMPL_LANG_OK] = "lang.ok",
	[TMPL_LANG_BAD] = "lang.bad",
	[TMPL_HELP_OK] = "help.ok",
	[TMPL_HELP_CMD] = "help.cmd",
	[TMPL_REGISTER_OK] = "register.ok",
	[TMPL_REGISTER_UPDATED] = "register.updated",
	[TMPL_REGISTER_NO_NAME] = "register.no_name",
	[TMPL_PIN_SET] = "pin.set",
	[TMPL_PIN_CHANGED] = "pin.changed",
	[TMPL_PIN_BAD] = "pin.bad",
	[TMPL_PIN_NEED_OLD] = "pin.need_old",
	[TMPL_SELL_OK] = "sell.ok",
	[TMPL_SELL_NO_NAME] = "sell.no_name",
	[TMPL_SELL_DUPLICATE] = "sell.duplicate",
	[TMPL_PRICE_OK] = "price.ok",
	[TMPL_PRICE_DELISTED] = "price.delisted",
	[TMPL_STOCK_OK] = "stock.ok",
	[TMPL_STOCK_NEGATIVE] = "stock.negative",
	[TMPL_STOCK_BELOW_RESERVED] = "stock.below_reserved",
	[TMPL_DELIST_OK] = "delist.ok",
	[TMPL_MY_OK] = "my.ok",
	[TMPL_MY_EMPTY] = "my.empty",
	[TMPL_MY_ROW] = "my.row",
	[TMPL_INFO_OK] = "info.ok",
	[TMPL_INFO_SOLD_OUT] = "info.sold_out",
	[TMPL_FIND_OK] = "find.ok",
	[TMPL_FIND_NONE] = "find.none",
	[TMPL_FIND_NO_WORD] = "find.no_word",
	[TMPL_FIND_NO_PLACE] = "find.no_place",
	[TMPL_FIND_ROW] = "find.row",
	[TMPL_MORE_NONE] = "more.none",
	[TMPL_BUY_OK] = "buy.ok",
	[TMPL_BUY_OK_CUT] = "buy.ok_cut",
	[TMPL_BUY_OWN] = "buy.own",
	[TMPL_BUY_TOO_MANY] = "buy.too_many",
	[TMPL_BUY_NO_STOCK] = "buy.no_stock",
	[TMPL_CONFIRM_OK] = "confirm.ok",
	[TMPL_CONFIRM_NONE] = "confirm.none",
	[TMPL_CONFIRM_AMBIGUOUS] = "confirm.ambiguous",
	[TMPL_CONFIRM_WRONG] = "confirm.wrong",
	[TMPL_CONFIRM_CANCELLED] = "confirm.cancelled",
	[TMPL_CONFIRM_NO_STOCK] = "confirm.no_stock",
	[TMPL_CONFIRM_NOTIFY_SELLER] = "confirm.notify_seller",
	[TMPL_ACCEPT_OK] = "accept.ok",
	[TMPL_ACCEPT_NOTIFY_BUYER] = "accept.notify_buyer",
	[TMPL_REJECT_OK] = "reject.ok",
	[TMPL_REJECT_NOTIFY_BUYER] = "reject.notify_buyer",
	[TMPL_SHIP_OK] = "ship.ok",
	[TMPL_SHIP_NOT_ACCEPTED] = "ship.not_accepted",
	[TMPL_SHIP_NOTIFY_BUYER] = "ship.notify_buyer",
	[TMPL_CANCEL_OK] = "cancel.ok",
	[TMPL_CANCEL_NOTIFY_BUYER] = "cancel.notify_buyer",
	[TMPL_CANCEL_NOTIFY_BUYER_WHY] = "cancel.notify_buyer_why",
	[TMPL_CANCEL_NOTIFY_SELLER] = "cancel.notify_seller",
	[TMPL_CANCEL_NOTIFY_SELLER_WHY] = "cancel.notify_seller_why",
	[TMPL_RECEIVED_OK] = "received.ok",
	[TMPL_RECEIVED_BUYER_ONLY] = "received.buyer_only",
	[TMPL_RECEIVED_NOTIFY_SELLER] = "received.notify_seller",
	[TMPL_ORDERS_OK] = "orders.ok",
	[TMPL_ORDERS_EMPTY] = "orders.empty",
	[TMPL_ORDERS_CLOSED] = "orders.closed",
	[TMPL_ORDERS_ROW] = "orders.row",
	[TMPL_ORDER_BUYER] = "order.buyer",
	[TMPL_ORDER_SELLER] = "order.seller",
	[TMPL_EXPIRE_BUYER] = "expire.buyer",
	[TMPL_EXPIRE_SELLER] = "expire.seller",
	/* places (programme.md section 1) */
	[TMPL_PLACE_OK] = "place.ok",
	[TMPL_PLACE_CHOOSE] = "place.choose",
	[TMPL_PLACE_ROW] = "place.row",
	[TMPL_PLACE_EXPIRED] = "place.expired",
	[TMPL_PLACE_BAD_NUMBER] = "place.bad_number",
	[TMPL_PLACE_UNKNOWN] = "place.unknown",
	/* issue 12, marketplace export */
	[TMPL_WEIGHT_OK] = "weight.ok",
	[TMPL_WEIGHT_BAD] = "weight.bad",
	[TMPL_WEIGHT_DELISTED] = "weight.delisted",
	/* issue 12, reports */
	[TMPL_REPORT_OK] = "report.ok",
	[TMPL_REPORT_NOT_AGENT] = "report.not_agent",
};

const char *
commerce_tmpl_name(enum commerce_tmpl t)
{
	if ((unsigned)t >= TMPL__N)
		return "";
	return tmpl_names[t];
}

const char *const *
commerce_tmpl_keys(size_t *n)
{
	*n = TMPL__N;
	return tmpl_names;
}
