/* issue 14, web: officers' login for lapak-web's dashboard, as plain C over
 * plain inputs (header values, form fields, the client's address) that the
 * HTTP server calls: sessions kept in memory, cookies, CSRF tokens, login
 * attempt limits, the password check and the place scope. No libmicrohttpd
 * here; every function may be called from several threads at once. */
#ifndef LAPAK_WEB_AUTH_H
#define LAPAK_WEB_AUTH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "store/webuser.h"

#define AUTH_SID_COOKIE		"lapak_sid"	/* the session */
#define AUTH_PRE_COOKIE		"lapak_pre"	/* the login form's */
#define AUTH_CSRF_FIELD		"csrf"		/* every POST form's */
#define AUTH_TOKEN_LEN		(WEBAUTH_TOKEN_HEX - 1)	/* 64 hex digits */
#define AUTH_TOKEN_BUF		WEBAUTH_TOKEN_HEX
#define AUTH_ADDR_BUF		64		/* an address as text */
#define AUTH_COOKIE_BUF		160		/* a Set-Cookie value */
#define AUTH_MAX_PROXIES	16

struct auth;

/* Limits and collaborators; zero fields take the default named. */
struct auth_conf {
	int64_t	 idle_s;		/* unused this long: ended; 1800 */
	int64_t	 max_age_s;		/* this old: ended; 28800 (8 h) */
	int	 max_sessions;		/* the oldest unused ends; 10000 */
	int	 fail_max;		/* failed logins per window; 5 */
	int64_t	 fail_window_s;		/* the window; 900 (15 min) */
	int	 max_fail_keys;		/* counters kept; 20000 */
	int	 max_verify;		/* password checks at once (each
					 * holds 64 MiB); more wait; 4 */
	bool	 secure;		/* cookies Secure: auth_https() */
	/* web.trusted_proxy: the peers whose X-Forwarded-For is believed
	 * (IPv4 or IPv6 addresses, at most AUTH_MAX_PROXIES). */
	const char *const *trusted_proxy;
	int	 ntrusted;
	/* Seconds of a clock that never steps back; NULL: CLOCK_MONOTONIC.
	 * Tests inject their own. */
	int64_t	(*clock)(void *arg);
	void	*clock_arg;
};

/* What lapak-web knows of a logged-in officer; a copy, the caller's. */
struct auth_session {
	char	id[AUTH_TOKEN_BUF];		/* the cookie's value */
	char	user[WEBUSER_NAME_MAX + 1];
	char	place[WEBUSER_PLACE_MAX];	/* their place: it and below */
	char	csrf[AUTH_TOKEN_BUF];		/* every POST form carries it */
	int64_t	created_s;			/* on the auth clock */
	int64_t	seen_s;
	int64_t	changed_s;			/* the account's, at login */
};

enum auth_rc {
	AUTH_OK,		/* logged in: a new session */
	AUTH_WRONG,		/* unknown name or wrong password (one answer) */
	AUTH_LIMITED,		/* too many failures: refused, even if right */
	AUTH_ERR		/* the store failed */
};

/* True when base_url (web.base_url) starts with https:// (any case): the
 * cookies are then marked Secure. */
bool	auth_https(const char *base_url);

/* A new login state (initialises libsodium). NULL with err set when a
 * trusted proxy is not an IP address or libsodium cannot start. */
struct auth	*auth_new(const struct auth_conf *c, char *err, size_t errlen);
/* NULL-safe; every session ends. */
void	 auth_free(struct auth *a);

/*
 * The client whose attempts are counted, into out[len] (AUTH_ADDR_BUF):
 * peer (the connection's address as text), or the last hop of xff (the
 * X-Forwarded-For header, NULL if absent) when peer is one of the trusted
 * proxies and that hop is an address. Otherwise X-Forwarded-For is
 * ignored. Addresses are written in their canonical form (an IPv4-mapped
 * IPv6 address as IPv4); a peer that is not an address is copied as is.
 */
void	auth_client_addr(const struct auth *a, const char *peer,
	    const char *xff, char *out, size_t len);

/*
 * The verify step of POST /login, after auth_prelogin_ok(). Looks user up
 * in st (the caller's connection: read-only will do; names are compared
 * in lower case), checks password, and answers:
 * - AUTH_LIMITED when client or user had fail_max failures in the
 *   current window (the password is not even checked); *retry_s (may be
 *   NULL) gets the seconds left of that window;
 * - AUTH_WRONG for an unknown name or a wrong password alike (the same
 *   time spent: an unknown name is checked against a dummy hash); the
 *   failure counts for client and for user;
 * - AUTH_OK: a new session with a new random id and CSRF token in *out;
 *   the session old_sid (the request's cookie, NULL if none) ends, so an
 *   id set before login is never the one logged in (session fixation).
 *   A success clears user's failures (not client's);
 * - AUTH_ERR when the store failed (counted for nothing).
 * Logs one line (user, client, outcome); never the password.
 */
enum auth_rc	auth_login(struct auth *a, struct store *st, const char *client,
		    const char *user, const char *password, const char *old_sid,
		    struct auth_session *out, int64_t *retry_s);
/* The message a login page shows for rc (Indonesian, or English when en)
 * into out[len]; retry_s from auth_login for AUTH_LIMITED. */
void	auth_message(enum auth_rc rc, int64_t retry_s, bool en, char *out,
	    size_t len);

/*
 * The session of cookie value sid into *out, marked seen now: true; false
 * when sid is NULL, unknown, idle for idle_s, older than max_age_s (those
 * end here) or, when st is not NULL, its officer was removed, moved to
 * another place or given a new password since the login (it ends too).
 */
bool	auth_session_get(struct auth *a, struct store *st, const char *sid,
	    struct auth_session *out);
/* Ends the session sid (logout); unknown ids are ignored. */
void	auth_logout(struct auth *a, const char *sid);
/* Sessions open now (expired ones not yet swept included). */
int	auth_session_count(struct auth *a);

/* The form's token (the csrf field, NULL if absent) is the session's:
 * compared in constant time. */
bool	auth_csrf_ok(const struct auth_session *s, const char *token);

enum auth_post {
	AUTH_POST_OK,		/* session and token good: *out filled */
	AUTH_POST_NOSESSION,	/* no session: to the login page */
	AUTH_POST_FORBIDDEN	/* session but the token missing or wrong: 403 */
};
/* Any POST but /login: auth_session_get() then auth_csrf_ok(). */
enum auth_post	auth_post_check(struct auth *a, struct store *st,
		    const char *sid, const char *token,
		    struct auth_session *out);

/*
 * The login form, before any session: GET /login calls auth_prelogin()
 * with the request's lapak_pre cookie (NULL if none): pre gets that
 * cookie's value when it is well formed, else a new random one (*fresh
 * set: send it with auth_cookie()), and csrf the form's token, a MAC of
 * pre under this process's key. POST /login must carry both:
 * auth_prelogin_ok(), else 403. A restart of lapak-web makes the forms
 * shown before it stale (403: load the page again).
 */
void	auth_prelogin(struct auth *a, const char *cookie, char *pre,
	    char *csrf, bool *fresh);
bool	auth_prelogin_ok(struct auth *a, const char *cookie,
	    const char *token);

/* The Set-Cookie value for name=value into out[len] (AUTH_COOKIE_BUF):
 * "name=value; Path=/; HttpOnly; SameSite=Strict" and "; Secure" when the
 * conf says so. value NULL: the cookie is deleted ("name=; Path=/;
 * Max-Age=0; ..."). -1 when it does not fit, else 0. */
int	auth_cookie(const struct auth *a, const char *name, const char *value,
	    char *out, size_t len);
/* The value of cookie name in a Cookie header ("a=1; b=2") into out[len]:
 * true; false when header is NULL, has no such cookie or its value does
 * not fit. The first of several with that name wins. */
bool	auth_cookie_get(const char *header, const char *name, char *out,
	    size_t len);

/* An officer of place mine may see asked: asked is mine or below it
 * (places codes are dotted: 33.18 holds 33.18.04 and 33.18.04.2001, not
 * 33.180). False when either is empty: the caller turns an absent place=
 * into the officer's own; another place is answered 403. */
bool	auth_place_allowed(const char *mine, const char *asked);

#endif
