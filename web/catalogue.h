/* The public catalogue's pages (the web contract of issue 14): "/" the
 * regency, "/p/CODE" a district or village, "/s/ID" a shop, "/i/CODE" a
 * product, "/cari?q=" search. Every name from the store is masked
 * (mask.h) and escaped (wbuf_html). */
#ifndef LAPAK_WEB_CATALOGUE_H
#define LAPAK_WEB_CATALOGUE_H
#include "store/catalogue.h"
#include "web/web.h"

int	web_home(struct web_req *r);
int	web_place(struct web_req *r);	/* r->rest: the code */
int	web_shop(struct web_req *r);	/* r->rest: the id */
int	web_item(struct web_req *r);	/* r->rest: "P17" */
int	web_search(struct web_req *r);	/* arg "q", "o" (offset) */

/* One product as the contract's DOM hooks have it (li.product with
 * .name, .price, .stock, a.sms per short code, .ussd, a.shop, a.place);
 * tag "li" in lists, "article" on the product page. */
void	web_product_html(struct web_req *r, const struct cat_product *p,
	    const char *tag);
/* "Rp15.000/bks": the price as the SMS replies write it. */
void	web_price(char *buf, size_t len, int64_t rp, const char *unit);

#endif
