/* lapak-web's request as every page handler sees it, the route table's
 * handler type, and the page frame (head, header with the language switch
 * and the search form, foot) shared by the catalogue and the dashboard. */
#ifndef LAPAK_WEB_WEB_H
#define LAPAK_WEB_WEB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"
#include "store/store.h"
#include "web/buf.h"

#define WEB_URL_MAX	1024	/* longer request URLs: 414 */
#define WEB_QUERY_MAX	100	/* a search's q, bytes */
#define WEB_SET_COOKIE_MAX 2	/* Set-Cookie headers of one answer */
#define WEB_MAX_AGE	60	/* s: the public pages' Cache-Control
				 * max-age, and how old the catalogue's
				 * counts may be (store/catalogue.h) */

struct auth;
struct cat_counts;

/* One request. The handler fills out (the body), status and, when it is
 * not a cacheable public HTML page, content_type and cache. */
struct web_req {
	const struct conf	*cf;
	struct store		*rd;	/* this worker's read-only connection */
	struct cat_counts	*counts;	/* the shared product counts
						 * (NULL: counted per page) */
	const char		*method;
	const char		*path;	/* "/i/P17", no query */
	const char		*rest;	/* path after the route's prefix */
	const char		*client_ip;	/* X-Forwarded-For when the peer
						 * is a web.trusted_proxy */
	bool			 en;	/* ?lang=en */
	/* the request's arguments (query string, and form fields of a POST
	 * once parsed), looked up by name; NULL when absent */
	const char		*(*arg)(const struct web_req *, const char *);
	void			*conn;	/* the server's handle for arg */
	struct wbuf		 out;
	int			 status;	/* 200 */
	const char		*content_type;	/* NULL: text/html; utf-8 */
	const char		*cache;		/* NULL: public, max-age=WEB_MAX_AGE */
	const char		*location;	/* redirects */
	const char		*filename;	/* downloads: attachment name */
	/* the officers' pages (web/officer.c) */
	struct auth		*auth;		/* the login state */
	const char		*cookies;	/* the Cookie header, or NULL */
	char			 set_cookie[WEB_SET_COOKIE_MAX][192];
	int			 ncookie;
	char			 attach[64];	/* filename's storage */
};

/* A route's handler: renders r->out and returns the HTTP status. */
typedef int	(*web_handler)(struct web_req *r);

/* "?lang=en" when r is in English, else "" (links keep the language);
 * with amp, "&amp;lang=en" to add to a query already begun. */
const char	*web_lang_q(const struct web_req *r);
const char	*web_lang_amp(const struct web_req *r);

/* Opens the page: doctype, head with title ("TITLE - web.title", or the
 * site's name alone for NULL) and the inline style, the header (site name,
 * language switch to the same page: switch_q is the page's own query
 * without lang, "" or "q=kopi"), the search form with value q (NULL
 * none), and <main>. Escapes title and q. */
void	web_page_begin(struct web_req *r, const char *title, const char *q,
	    const char *switch_q);
/* Closes <main>, the body and the page. */
void	web_page_end(struct web_req *r);
/* A whole error page with status (400, 403, 404, 405, 414, 500, 503);
 * returns status. */
int	web_page_error(struct web_req *r, int status);

#endif
