/* lapak-web's officer routes: the session and CSRF checks around the
 * dashboard's renderers, and the cookies they set. */
#include "web/officer.h"

#include <string.h>
#include <time.h>

#include "common/log.h"
#include "web/auth.h"
#include "web/dash.h"

/* Adds a Set-Cookie of name=value (value NULL deletes it). */
static void
set_cookie(struct web_req *r, const char *name, const char *value)
{
	if (r->ncookie >= WEB_SET_COOKIE_MAX)
		return;
	if (auth_cookie(r->auth, name, value, r->set_cookie[r->ncookie],
	    sizeof(r->set_cookie[0])) == 0)
		r->ncookie++;
}

static bool
cookie(const struct web_req *r, const char *name, char *out, size_t len)
{
	return auth_cookie_get(r->cookies, name, out, len);
}

/* Copies a renderer's answer into the request; returns its status. */
static int
answer(struct web_req *r, struct dash_resp *d, int status)
{
	wbuf_put(&r->out, d->body.p != NULL ? d->body.p : "", d->body.len);
	wbuf_free(&d->body);
	r->content_type = d->ctype;
	r->cache = "no-store";
	if (d->filename[0] != '\0') {
		memcpy(r->attach, d->filename, sizeof(r->attach));
		r->filename = r->attach;
	}
	return status;
}

static int
redirect(struct web_req *r, const char *to)
{
	r->location = to;
	r->cache = "no-store";
	wbuf_puts(&r->out, "<!DOCTYPE html><html lang=\"id\"><head>"
	    "<meta charset=\"utf-8\"><title>Lapak</title></head><body><p>"
	    "<a href=\"");
	wbuf_html(&r->out, to);
	wbuf_puts(&r->out, "\">Lapak</a></p></body></html>\n");
	return 303;
}

/* The login form; after a refused login (rc not AUTH_OK) with
 * auth_message()'s words for it: a wrong password, or the limit and when
 * to try again (retry_s). */
static int
login_page(struct web_req *r, const char *user, enum auth_rc rc,
    int64_t retry_s)
{
	struct dash_resp	d = { 0 };
	char			pre[AUTH_TOKEN_BUF], csrf[AUTH_TOKEN_BUF];
	char			have[AUTH_TOKEN_BUF], msg[256];
	bool			fresh;

	auth_prelogin(r->auth, cookie(r, AUTH_PRE_COOKIE, have, sizeof(have)) ?
	    have : NULL, pre, csrf, &fresh);
	if (fresh)
		set_cookie(r, AUTH_PRE_COOKIE, pre);
	if (rc != AUTH_OK)
		auth_message(rc, retry_s, r->en, msg, sizeof(msg));
	dash_login(&d, r->en, csrf, user, rc != AUTH_OK ? msg : NULL);
	return answer(r, &d, 200);
}

int
web_login_get(struct web_req *r)
{
	struct auth_session	s;
	char			sid[AUTH_TOKEN_BUF];

	if (cookie(r, AUTH_SID_COOKIE, sid, sizeof(sid)) &&
	    auth_session_get(r->auth, r->rd, sid, &s))
		return redirect(r, r->en ? "/dash?lang=en" : "/dash");
	return login_page(r, NULL, AUTH_OK, 0);
}

int
web_login_post(struct web_req *r)
{
	struct auth_session	s;
	struct dash_resp	d = { 0 };
	const char		*user = r->arg(r, "user");
	const char		*pw = r->arg(r, "password");
	char			pre[AUTH_TOKEN_BUF], sid[AUTH_TOKEN_BUF];
	int64_t			retry = 0;
	enum auth_rc		rc;

	if (!cookie(r, AUTH_PRE_COOKIE, pre, sizeof(pre)) ||
	    !auth_prelogin_ok(r->auth, pre, r->arg(r, AUTH_CSRF_FIELD))) {
		dash_forbidden(&d, r->en);
		return answer(r, &d, 403);
	}
	if (user == NULL || pw == NULL || user[0] == '\0')
		return login_page(r, user, AUTH_WRONG, 0);
	rc = auth_login(r->auth, r->rd, r->client_ip, user, pw,
	    cookie(r, AUTH_SID_COOKIE, sid, sizeof(sid)) ? sid : NULL, &s,
	    &retry);
	switch (rc) {
	case AUTH_OK:
		set_cookie(r, AUTH_SID_COOKIE, s.id);
		return redirect(r, r->en ? "/dash?lang=en" : "/dash");
	case AUTH_WRONG:
		login_page(r, user, AUTH_WRONG, 0);
		return 401;
	case AUTH_LIMITED:
		login_page(r, user, AUTH_LIMITED, retry);
		return 429;
	case AUTH_ERR:
	default:
		return web_page_error(r, 500);
	}
}

int
web_logout(struct web_req *r)
{
	struct auth_session	s;
	struct dash_resp	d = { 0 };
	char			sid[AUTH_TOKEN_BUF];
	bool			have = cookie(r, AUTH_SID_COOKIE, sid,
				    sizeof(sid));

	switch (auth_post_check(r->auth, r->rd, have ? sid : NULL,
	    r->arg(r, AUTH_CSRF_FIELD), &s)) {
	case AUTH_POST_OK:
		auth_logout(r->auth, sid);
		set_cookie(r, AUTH_SID_COOKIE, NULL);
		return redirect(r, r->en ? "/?lang=en" : "/");
	case AUTH_POST_NOSESSION:
		return redirect(r, "/login");
	case AUTH_POST_FORBIDDEN:
	default:
		dash_forbidden(&d, r->en);
		return answer(r, &d, 403);
	}
}

typedef int (*dash_fn)(struct dash_resp *, const struct dash_ctx *,
    const struct dash_params *);

/* A /dash page: the session, then the renderer over the request's
 * parameters; no session: to the login page. */
static int
dash_page(struct web_req *r, dash_fn fn)
{
	struct auth_session	s;
	struct dash_resp	d = { 0 };
	struct dash_ctx		c;
	struct dash_params	p;
	char			sid[AUTH_TOKEN_BUF];

	if (!cookie(r, AUTH_SID_COOKIE, sid, sizeof(sid)) ||
	    !auth_session_get(r->auth, r->rd, sid, &s))
		return redirect(r, r->en ? "/login?lang=en" : "/login");
	memset(&c, 0, sizeof(c));
	c.st = r->rd;
	c.place = s.place;
	c.user = s.user;
	c.csrf = s.csrf;
	c.title = r->cf->web_title[0] != '\0' ? r->cf->web_title : NULL;
	c.categories = r->cf->export_categories[0] != '\0' ?
	    r->cf->export_categories : NULL;
	c.en = r->en;
	c.now_s = (int64_t)time(NULL);
	p.by = r->arg(r, "by");
	p.from = r->arg(r, "from");
	p.to = r->arg(r, "to");
	p.place = r->arg(r, "place");
	p.span = r->arg(r, "span");
	p.format = r->arg(r, "format");
	return answer(r, &d, fn(&d, &c, &p));
}

int
web_dash(struct web_req *r)
{
	return dash_page(r, dash_overview);
}

int
web_dash_report(struct web_req *r)
{
	return dash_page(r, dash_report);
}

int
web_dash_csv(struct web_req *r)
{
	return dash_page(r, dash_report_csv);
}

int
web_dash_agents(struct web_req *r)
{
	return dash_page(r, dash_agents);
}

int
web_dash_export(struct web_req *r)
{
	return dash_page(r, dash_export);
}
