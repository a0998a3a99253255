/* The public catalogue's pages (catalogue.h): each reads in one short
 * snapshot of this worker's read-only connection, then renders. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/search.h"
#include "common/action.h"
#include "common/xalloc.h"
#include "web/catalogue.h"
#include "web/mask.h"
#include "web/text.h"

#define PLACES_MAX	400	/* children of one place shown */
#define SHOPS_MAX	500
#define SHOP_PAGE	50	/* products on a shop page */

void
web_price(char *buf, size_t len, int64_t rp, const char *unit)
{
	char	rup[32];

	act_rupiah(rp, rup, sizeof(rup));
	if (unit != NULL && unit[0] != '\0')
		snprintf(buf, len, "%s/%s", rup, unit);
	else
		snprintf(buf, len, "%s", rup);
}

/* code is web.regency or below it ("" regency: anything). */
static bool
in_regency(const struct web_req *r, const char *code)
{
	const char	*reg = r->cf->web_regency;
	size_t		 n = strlen(reg);

	if (n == 0)
		return true;
	return strncmp(code, reg, n) == 0 && (code[n] == '\0' ||
	    code[n] == '.');
}

/* A store error as a page: busy is 503, else 500. */
static int
store_fail(struct web_req *r, enum store_rc rc)
{
	return web_page_error(r, rc == STORE_BUSY ? 503 : 500);
}

static void
place_link(struct web_req *r, const char *code, const char *name)
{
	wbuf_puts(&r->out, "<a class=\"place\" href=\"/p/");
	wbuf_url(&r->out, code);
	wbuf_printf(&r->out, "%s\">", web_lang_q(r));
	wbuf_html_masked(&r->out, name);
	wbuf_puts(&r->out, "</a>");
}

static void
shop_link(struct web_req *r, int64_t id, const char *name)
{
	wbuf_printf(&r->out, "<a class=\"shop\" href=\"/s/%" PRId64 "%s\">",
	    id, web_lang_q(r));
	wbuf_html_masked(&r->out, name);
	wbuf_puts(&r->out, "</a>");
}

/* How to order: "SMS BELI P17 ke 1234" for each link's short code (once
 * each), and the USSD code. */
static void
order_html(struct web_req *r, int64_t id)
{
	const struct conf	*cf = r->cf;
	struct wbuf		*b = &r->out;
	char			 cmd[32];
	size_t			 i, k;
	bool			 any = false;

	snprintf(cmd, sizeof(cmd), "BELI P%" PRId64, id);
	wbuf_puts(b, "<div class=\"order\">");
	wbuf_html(b, web_text(WT_HOW_TO_ORDER, r->en));
	wbuf_puts(b, ": ");
	for (i = 0; i < cf->nsmsc; i++) {
		const char	*sc = cf->smsc[i].source_addr;

		if (sc[0] == '\0')
			continue;
		for (k = 0; k < i; k++)
			if (strcmp(cf->smsc[k].source_addr, sc) == 0)
				break;
		if (k < i)
			continue;	/* the same short code on two links */
		if (any)
			wbuf_puts(b, " &middot; ");
		any = true;
		wbuf_puts(b, "<a class=\"sms\" href=\"sms:");
		wbuf_url(b, sc);
		wbuf_puts(b, "?body=");
		wbuf_url(b, cmd);
		wbuf_puts(b, "\">SMS <code>");
		wbuf_html(b, cmd);
		wbuf_printf(b, "</code> %s ", web_text(WT_SMS_TO, r->en));
		wbuf_html(b, sc);
		wbuf_puts(b, "</a>");
	}
	if (cf->ussd_service_code[0] != '\0') {
		wbuf_printf(b, "%s%s <a class=\"ussd\" href=\"tel:", any ? " " :
		    "", web_text(WT_USSD_DIAL, r->en));
		wbuf_url(b, cf->ussd_service_code);
		wbuf_puts(b, "\">");
		wbuf_html(b, cf->ussd_service_code);
		wbuf_puts(b, "</a>");
	}
	wbuf_puts(b, "</div>");
}

void
web_product_html(struct web_req *r, const struct cat_product *p,
    const char *tag)
{
	struct wbuf	*b = &r->out;
	char		 price[64];
	bool		 page = strcmp(tag, "article") == 0;

	web_price(price, sizeof(price), p->price_rp, p->unit);
	wbuf_printf(b, "<%s class=\"product\" data-code=\"P%" PRId64 "\">",
	    tag, p->id);
	if (page) {
		wbuf_puts(b, "<h1 class=\"name\">");
		wbuf_html_masked(b, p->name);
		wbuf_puts(b, "</h1>\n<p>");
	} else {
		wbuf_printf(b, "<a class=\"name\" href=\"/i/P%" PRId64 "%s\">",
		    p->id, web_lang_q(r));
		wbuf_html_masked(b, p->name);
		wbuf_puts(b, "</a><br>");
	}
	wbuf_printf(b, "<span class=\"code\">P%" PRId64 "</span> "
	    "<span class=\"price\">", p->id);
	wbuf_html(b, price);
	wbuf_printf(b, "</span> <span class=\"stock %s\">%s</span>",
	    p->available > 0 ? "in" : "out", web_text(p->available > 0 ?
	    WT_AVAILABLE : WT_SOLD_OUT, r->en));
	wbuf_puts(b, page ? "</p>\n<p>" : "<br>");
	shop_link(r, p->shop_id, p->shop);
	wbuf_puts(b, ", ");
	if (p->village_code[0] != '\0' && in_regency(r, p->village_code))
		place_link(r, p->village_code, p->village);
	else
		wbuf_html_masked(b, p->village[0] ? p->village : "-");
	wbuf_puts(b, page ? "</p>\n" : "<br>");
	order_html(r, p->id);
	wbuf_printf(b, "</%s>\n", tag);
}

/* The way down from the regency to code (code itself last, not linked). */
static enum store_rc
crumbs(struct web_req *r, const struct cat_place *at)
{
	struct cat_place	 up[4];
	enum store_rc		 rc;
	int			 n = 0, i;
	const char		*code = at->parent;

	while (code[0] != '\0' && n < 4 && in_regency(r, code)) {
		rc = catalogue_place(r->rd, code, &up[n]);
		if (rc == STORE_NOTFOUND)
			break;
		if (rc != STORE_OK)
			return rc;
		code = up[n++].parent;
	}
	wbuf_printf(&r->out, "<nav class=\"crumbs\"><a href=\"/%s\">%s</a>",
	    web_lang_q(r), web_text(WT_HOME, r->en));
	for (i = n - 1; i >= 0; i--) {
		wbuf_puts(&r->out, " &rsaquo; ");
		place_link(r, up[i].code, up[i].name);
	}
	wbuf_puts(&r->out, " &rsaquo; ");
	wbuf_html_masked(&r->out, at->name);
	wbuf_puts(&r->out, "</nav>\n");
	return STORE_OK;
}

/* The places below code as a list of a.place with their counts. */
static enum store_rc
children_html(struct web_req *r, const char *code, enum web_text heading)
{
	struct cat_place	*c = xcalloc(PLACES_MAX, sizeof(*c));
	enum store_rc		 rc;
	int			 n, i;

	rc = catalogue_children(r->rd, code, c, PLACES_MAX, &n);
	if (rc == STORE_OK)
		rc = catalogue_count(r->counts, r->rd, c, n);
	if (rc == STORE_OK) {
		wbuf_printf(&r->out, "<h2>%s</h2>\n<ul class=\"places\">\n",
		    web_text(heading, r->en));
		for (i = 0; i < n; i++) {
			wbuf_puts(&r->out, "<li>");
			place_link(r, c[i].code, c[i].name);
			wbuf_printf(&r->out, " <span class=\"count\">%" PRId64
			    " %s</span></li>\n", c[i].products,
			    web_text(WT_PRODUCTS_COUNT, r->en));
		}
		wbuf_puts(&r->out, "</ul>\n");
	}
	free(c);
	return rc;
}

static enum store_rc
shops_html(struct web_req *r, const char *code)
{
	struct cat_shop	*s = xcalloc(SHOPS_MAX, sizeof(*s));
	enum store_rc	 rc;
	int		 n, i;

	rc = catalogue_shops(r->rd, code, s, SHOPS_MAX, &n);
	if (rc == STORE_OK) {
		wbuf_printf(&r->out, "<h2>%s</h2>\n", web_text(WT_SHOPS,
		    r->en));
		if (n == 0)
			wbuf_printf(&r->out, "<p>%s</p>\n",
			    web_text(WT_NO_SHOPS, r->en));
		else
			wbuf_puts(&r->out, "<ul class=\"shops\">\n");
		for (i = 0; i < n; i++) {
			wbuf_puts(&r->out, "<li>");
			shop_link(r, s[i].id, s[i].name);
			wbuf_printf(&r->out, " <span class=\"count\">%" PRId64
			    " %s</span></li>\n", s[i].products,
			    web_text(WT_PRODUCTS_COUNT, r->en));
		}
		if (n > 0)
			wbuf_puts(&r->out, "</ul>\n");
	}
	free(s);
	return rc;
}

/* A place page's body: crumbs, then the places below or the shops. */
static int
place_body(struct web_req *r, struct cat_place *p, bool home)
{
	enum store_rc	rc;

	if ((rc = catalogue_count(r->counts, r->rd, p, 1)) != STORE_OK)
		return store_fail(r, rc);
	web_page_begin(r, home ? NULL : p->name, NULL, "");
	if (!home && (rc = crumbs(r, p)) != STORE_OK)
		return store_fail(r, rc);
	wbuf_puts(&r->out, "<h1>");
	wbuf_html_masked(&r->out, p->name);
	wbuf_printf(&r->out, "</h1>\n<p class=\"count\">%" PRId64 " %s</p>\n",
	    p->products, web_text(WT_PRODUCTS_COUNT, r->en));
	if (p->level >= 4)
		rc = shops_html(r, p->code);
	else
		rc = children_html(r, p->code, p->level == 3 ? WT_VILLAGES :
		    WT_DISTRICTS);
	if (rc != STORE_OK)
		return store_fail(r, rc);
	web_page_end(r);
	return 200;
}

int
web_home(struct web_req *r)
{
	struct cat_place	p;
	enum store_rc		rc;
	int			status;

	if ((rc = catalogue_begin(r->rd)) != STORE_OK)
		return store_fail(r, rc);
	if (r->cf->web_regency[0] == '\0') {
		memset(&p, 0, sizeof(p));
		snprintf(p.name, sizeof(p.name), "%s", r->cf->web_title);
		web_page_begin(r, NULL, NULL, "");
		wbuf_puts(&r->out, "<h1>");
		wbuf_html(&r->out, r->cf->web_title);
		wbuf_puts(&r->out, "</h1>\n");
		rc = children_html(r, "", WT_DISTRICTS);
		if (rc != STORE_OK)
			status = store_fail(r, rc);
		else {
			web_page_end(r);
			status = 200;
		}
	} else if ((rc = catalogue_place(r->rd, r->cf->web_regency, &p)) ==
	    STORE_OK)
		status = place_body(r, &p, true);
	else
		status = rc == STORE_NOTFOUND ? web_page_error(r, 404) :
		    store_fail(r, rc);
	catalogue_end(r->rd);
	return status;
}

/* A place code as written: digits and dots, at most CAT_CODE_SZ - 1. */
static bool
code_ok(const char *s)
{
	size_t	n = strlen(s);

	return n > 0 && n < CAT_CODE_SZ && strspn(s, "0123456789.") == n;
}

int
web_place(struct web_req *r)
{
	struct cat_place	p;
	enum store_rc		rc;
	int			status;

	if (!code_ok(r->rest) || !in_regency(r, r->rest))
		return web_page_error(r, 404);
	if ((rc = catalogue_begin(r->rd)) != STORE_OK)
		return store_fail(r, rc);
	rc = catalogue_place(r->rd, r->rest, &p);
	if (rc == STORE_OK)
		status = place_body(r, &p, false);
	else
		status = rc == STORE_NOTFOUND ? web_page_error(r, 404) :
		    store_fail(r, rc);
	catalogue_end(r->rd);
	return status;
}

/* A positive decimal id of at most 18 digits; -1 else. */
static int64_t
parse_id(const char *s)
{
	int64_t	v = 0;
	size_t	n = strlen(s);

	if (n == 0 || n > 18 || strspn(s, "0123456789") != n || s[0] == '0')
		return -1;
	for (; *s; s++)
		v = v * 10 + (*s - '0');
	return v;
}

/* The "o" argument: a non-negative offset up to max, else 0. */
static int64_t
offset_arg(const struct web_req *r, int64_t max)
{
	const char	*o = r->arg(r, "o");
	int64_t		 v;

	if (o == NULL || strcmp(o, "0") == 0 || (v = parse_id(o)) < 0 ||
	    v > max)
		return 0;
	return v;
}

/* The shop's village is shown in the catalogue only inside the regency. */
static bool
shop_visible(const struct web_req *r, const char *village_code)
{
	return r->cf->web_regency[0] == '\0' || (village_code[0] != '\0' &&
	    in_regency(r, village_code));
}

int
web_shop(struct web_req *r)
{
	struct cat_shop		 s;
	struct cat_product	*p = NULL;
	struct cat_place	 v;
	enum store_rc		 rc;
	int64_t			 id = parse_id(r->rest), off;
	int			 n, i, status = 200;
	bool			 more;

	if (id < 0)
		return web_page_error(r, 404);
	off = offset_arg(r, 1000000);
	if ((rc = catalogue_begin(r->rd)) != STORE_OK)
		return store_fail(r, rc);
	rc = catalogue_shop(r->rd, id, &s);
	if (rc == STORE_OK && !shop_visible(r, s.village_code))
		rc = STORE_NOTFOUND;
	if (rc != STORE_OK) {
		status = rc == STORE_NOTFOUND ? web_page_error(r, 404) :
		    store_fail(r, rc);
		goto out;
	}
	web_page_begin(r, s.name, NULL, "");
	if (s.village_code[0] != '\0' &&
	    catalogue_place(r->rd, s.village_code, &v) == STORE_OK &&
	    (rc = crumbs(r, &v)) != STORE_OK) {
		status = store_fail(r, rc);
		goto out;
	}
	wbuf_puts(&r->out, "<h1 class=\"shopname\">");
	wbuf_html_masked(&r->out, s.name);
	wbuf_puts(&r->out, "</h1>\n<p>");
	wbuf_html(&r->out, web_text(WT_VILLAGE, r->en));
	wbuf_puts(&r->out, ": ");
	if (s.village_code[0] != '\0')
		place_link(r, s.village_code, s.village);
	else
		wbuf_html_masked(&r->out, s.village[0] ? s.village : "-");
	wbuf_printf(&r->out, "</p>\n<h2>%s</h2>\n", web_text(WT_PRODUCTS,
	    r->en));
	p = xcalloc(SHOP_PAGE, sizeof(*p));
	rc = catalogue_shop_products(r->rd, id, off, p, SHOP_PAGE, &n, &more);
	if (rc != STORE_OK) {
		status = store_fail(r, rc);
		goto out;
	}
	if (n == 0)
		wbuf_printf(&r->out, "<p>%s</p>\n", web_text(WT_NO_PRODUCTS,
		    r->en));
	else
		wbuf_puts(&r->out, "<ul class=\"products\">\n");
	for (i = 0; i < n; i++)
		web_product_html(r, &p[i], "li");
	if (n > 0)
		wbuf_puts(&r->out, "</ul>\n");
	if (more)
		wbuf_printf(&r->out, "<p><a class=\"next\" href=\"/s/%" PRId64
		    "?o=%" PRId64 "%s\">%s</a></p>\n", id, off + n,
		    web_lang_amp(r), web_text(WT_NEXT, r->en));
	web_page_end(r);
out:
	free(p);
	catalogue_end(r->rd);
	return status;
}

int
web_item(struct web_req *r)
{
	struct cat_product	p;
	struct cat_place	v;
	enum store_rc		rc;
	int64_t			id;
	int			status = 200;

	if ((r->rest[0] != 'P' && r->rest[0] != 'p') ||
	    (id = parse_id(r->rest + 1)) < 0)
		return web_page_error(r, 404);
	if ((rc = catalogue_begin(r->rd)) != STORE_OK)
		return store_fail(r, rc);
	rc = catalogue_product(r->rd, id, &p);
	if (rc == STORE_OK && !shop_visible(r, p.village_code))
		rc = STORE_NOTFOUND;
	if (rc != STORE_OK) {
		status = rc == STORE_NOTFOUND ? web_page_error(r, 404) :
		    store_fail(r, rc);
		goto out;
	}
	web_page_begin(r, p.name, NULL, "");
	if (p.village_code[0] != '\0' &&
	    catalogue_place(r->rd, p.village_code, &v) == STORE_OK &&
	    (rc = crumbs(r, &v)) != STORE_OK) {
		status = store_fail(r, rc);
		goto out;
	}
	web_product_html(r, &p, "article");
	web_page_end(r);
out:
	catalogue_end(r->rd);
	return status;
}

int
web_search(struct web_req *r)
{
	const char		*q = r->arg(r, "q");
	struct cat_product	 p[CAT_SEARCH_MAX];
	int64_t			 ids[CAT_SEARCH_MAX], off;
	struct wbuf		 sw = { 0 };
	enum store_rc		 rc;
	int			 n = 0, i, k = 0;
	bool			 more = false;

	if (q == NULL)
		q = "";
	if (strlen(q) > WEB_QUERY_MAX)
		return web_page_error(r, 400);
	off = offset_arg(r, SEARCH_OFFSET_MAX);
	if (q[0] != '\0') {
		rc = catalogue_search(r->rd, r->cf, q, off, ids, &n, &more);
		if (rc != STORE_OK)
			return store_fail(r, rc);
	}
	/* The rows, each read again for its stock, shop and village. */
	if (n > 0) {
		if ((rc = catalogue_begin(r->rd)) != STORE_OK)
			return store_fail(r, rc);
		for (i = 0; i < n; i++) {
			rc = catalogue_product(r->rd, ids[i], &p[k]);
			if (rc == STORE_OK && shop_visible(r, p[k].village_code))
				k++;
			else if (rc != STORE_OK && rc != STORE_NOTFOUND) {
				catalogue_end(r->rd);
				return store_fail(r, rc);
			}
		}
		catalogue_end(r->rd);
	}
	wbuf_puts(&sw, "q=");
	wbuf_url(&sw, q);
	web_page_begin(r, web_text(WT_RESULTS_FOR, r->en), q, sw.p);
	wbuf_free(&sw);
	wbuf_printf(&r->out, "<h1>%s</h1>\n", web_text(WT_RESULTS_FOR, r->en));
	if (q[0] == '\0')
		wbuf_printf(&r->out, "<p>%s</p>\n", web_text(WT_SEARCH_HINT,
		    r->en));
	else if (k == 0)
		wbuf_printf(&r->out, "<p class=\"none\">%s</p>\n",
		    web_text(WT_NO_RESULTS, r->en));
	else {
		wbuf_puts(&r->out, "<ul class=\"products\">\n");
		for (i = 0; i < k; i++)
			web_product_html(r, &p[i], "li");
		wbuf_puts(&r->out, "</ul>\n");
	}
	if (more && off + n <= SEARCH_OFFSET_MAX) {
		wbuf_puts(&r->out, "<p><a class=\"next\" href=\"/cari?q=");
		wbuf_url(&r->out, q);
		wbuf_printf(&r->out, "&amp;o=%" PRId64 "%s\">%s</a></p>\n",
		    off + n, web_lang_amp(r), web_text(WT_NEXT, r->en));
	}
	web_page_end(r);
	return 200;
}
