/* The page frame every lapak-web page shares (web.h): one small inline
 * style, no script, nothing from elsewhere. */
#include <string.h>

#include "web/mask.h"
#include "web/text.h"
#include "web/web.h"

/* The whole style of the site: small screens first, system fonts. */
static const char style[] =
	"body{font-family:sans-serif;margin:0 auto;max-width:46em;"
	"padding:0 .6em;line-height:1.4;color:#222}"
	"header{display:flex;justify-content:space-between;"
	"align-items:baseline;border-bottom:2px solid #2a7;padding:.4em 0}"
	"header .home{font-weight:bold;font-size:1.2em;color:#2a7;"
	"text-decoration:none}"
	"form#search{margin:.6em 0;display:flex;gap:.3em}"
	"form#search input[name=q]{flex:1;padding:.4em;font-size:1em}"
	"ul{padding-left:1.1em}li{margin:.3em 0}"
	"li.product,article.product{list-style:none;border-bottom:1px solid"
	" #ddd;padding:.4em 0}"
	".price{font-weight:bold}.stock{margin-left:.4em;font-size:.9em}"
	".stock.out{color:#b22}.stock.in{color:#2a7}"
	".order{font-size:.9em}.order code{background:#eee;padding:0 .2em}"
	"nav.crumbs{font-size:.9em;margin:.4em 0}"
	".count{color:#666;font-size:.9em}"
	"table{border-collapse:collapse}td,th{border:1px solid #ccc;"
	"padding:.2em .4em;text-align:left}"
	".error{color:#b22}";

const char *
web_lang_q(const struct web_req *r)
{
	return r->en ? "?lang=en" : "";
}

const char *
web_lang_amp(const struct web_req *r)
{
	return r->en ? "&amp;lang=en" : "";
}

void
web_page_begin(struct web_req *r, const char *title, const char *q,
    const char *switch_q)
{
	struct wbuf	*b = &r->out;
	bool		 en = r->en;

	wbuf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>",
	    web_text(WT_LANG_CODE, en));
	if (title != NULL) {
		wbuf_html_masked(b, title);	/* names from the store */
		wbuf_puts(b, " - ");
	}
	wbuf_html(b, r->cf->web_title);
	wbuf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n"
	    "<header><a class=\"home\" href=\"/%s\">", style,
	    web_lang_q(r));
	wbuf_html(b, r->cf->web_title);
	/* The switch: the same page in the other language. */
	wbuf_puts(b, "</a> <a class=\"lang\" hreflang=\"");
	wbuf_puts(b, en ? "id" : "en");
	wbuf_puts(b, "\" href=\"");
	wbuf_html(b, r->path);
	if (switch_q != NULL && switch_q[0] != '\0') {
		wbuf_puts(b, "?");
		wbuf_html(b, switch_q);
		wbuf_puts(b, en ? "" : "&amp;lang=en");
	} else
		wbuf_puts(b, en ? "" : "?lang=en");
	wbuf_puts(b, "\">");
	wbuf_html(b, web_text(WT_LANG_OTHER, en));
	wbuf_puts(b, "</a></header>\n<form id=\"search\" action=\"/cari\" "
	    "method=\"get\" role=\"search\"><input type=\"search\" "
	    "name=\"q\" maxlength=\"100\" aria-label=\"");
	wbuf_html(b, web_text(WT_SEARCH_LABEL, en));
	wbuf_puts(b, "\" value=\"");
	if (q != NULL)
		wbuf_html(b, q);
	wbuf_puts(b, "\">");
	if (en)
		wbuf_puts(b, "<input type=\"hidden\" name=\"lang\" "
		    "value=\"en\">");
	wbuf_puts(b, "<button type=\"submit\">");
	wbuf_html(b, web_text(WT_SEARCH, en));
	wbuf_puts(b, "</button></form>\n<main>\n");
}

void
web_page_end(struct web_req *r)
{
	wbuf_puts(&r->out, "</main>\n</body>\n</html>\n");
}

int
web_page_error(struct web_req *r, int status)
{
	enum web_text	t;

	switch (status) {
	case 400: t = WT_E400; break;
	case 403: t = WT_E403; break;
	case 404: t = WT_E404; break;
	case 405: t = WT_E405; break;
	case 414: t = WT_E414; break;
	case 503: t = WT_E503; break;
	default: t = WT_E500; status = 500; break;
	}
	wbuf_reset(&r->out);
	r->status = status;
	r->content_type = NULL;
	r->cache = "no-store";
	web_page_begin(r, web_text(t, r->en), NULL, "");
	wbuf_printf(&r->out, "<h1>%d</h1>\n<p class=\"error\">", status);
	wbuf_html(&r->out, web_text(t, r->en));
	wbuf_puts(&r->out, "</p>\n");
	web_page_end(r);
	return status;
}
