/* issue 14, web: officers' login (web/auth.c) with an injected clock:
 * a login makes a new session id (an id fixed before is never promoted),
 * logout, idle and absolute expiry, a removed officer's session ends, the
 * table stays bounded; CSRF tokens (session and login form) missing or
 * wrong are refused; brute force: the 6th attempt is refused even with
 * the right password, per address (an IPv6 /64 as one) and per name,
 * until the window ends; X-Forwarded-For believed only from a trusted
 * peer; cookies; the place scope. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "store/webuser.h"
#include "web/auth.h"
#include "tests/t.h"

#define DB	"/tmp/lapak-test-web-auth.db"
#define PW	"kopi-luwak-2025"
#define BAD	"kopi-luwak-2024"

static struct store	*st;
static int64_t		 now = 1000;

static int64_t
test_clock(void *arg)
{
	(void)arg;
	return now;
}

static struct auth *
mk(int max_sessions, const char *const *proxies, int nproxies, bool secure)
{
	struct auth_conf	c;
	struct auth		*a;
	char			err[256];

	memset(&c, 0, sizeof(c));
	c.clock = test_clock;
	c.max_sessions = max_sessions;
	c.trusted_proxy = proxies;
	c.ntrusted = nproxies;
	c.secure = secure;
	a = auth_new(&c, err, sizeof(err));
	if (a == NULL)
		fprintf(stderr, "auth_new: %s\n", err);
	return a;
}

static enum auth_rc
login(struct auth *a, const char *client, const char *user, const char *pw,
    struct auth_session *s)
{
	int64_t	retry;

	return auth_login(a, st, client, user, pw, NULL, s, &retry);
}

static bool
hex64(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

static void
test_place(void)
{
	CHECK(auth_place_allowed("33.18", "33.18"));
	CHECK(auth_place_allowed("33.18", "33.18.04"));
	CHECK(auth_place_allowed("33.18", "33.18.04.2001"));
	CHECK(auth_place_allowed("33.18.04", "33.18.04.2001"));
	CHECK(!auth_place_allowed("33.18.04", "33.18"));	/* above */
	CHECK(!auth_place_allowed("33.18.04", "33.18.09"));	/* beside */
	CHECK(!auth_place_allowed("33.18.04", "33.18.09.2001"));
	CHECK(!auth_place_allowed("33.1", "33.18"));	/* not a prefix code */
	CHECK(!auth_place_allowed("33.18", "33.180"));
	CHECK(!auth_place_allowed("33.18", ""));
	CHECK(!auth_place_allowed("", "33.18"));
	CHECK(!auth_place_allowed("33.18", NULL));
}

static void
test_cookies(void)
{
	struct auth	*a = mk(0, NULL, 0, false), *s = mk(0, NULL, 0, true);
	char		 buf[AUTH_COOKIE_BUF], v[80];

	CHECK(auth_https("https://lapak.example.id/"));
	CHECK(auth_https("HTTPS://x"));
	CHECK(!auth_https("http://x"));
	CHECK(!auth_https(""));
	CHECK(!auth_https(NULL));
	if (a == NULL || s == NULL)
		goto out;
	CHECK_INT(auth_cookie(a, AUTH_SID_COOKIE, "abc", buf, sizeof(buf)), 0);
	CHECK_STR(buf, "lapak_sid=abc; Path=/; HttpOnly; SameSite=Strict");
	CHECK_INT(auth_cookie(s, AUTH_SID_COOKIE, "abc", buf, sizeof(buf)), 0);
	CHECK_STR(buf, "lapak_sid=abc; Path=/; HttpOnly; SameSite=Strict; "
	    "Secure");
	CHECK_INT(auth_cookie(s, AUTH_SID_COOKIE, NULL, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "lapak_sid=; Path=/; Max-Age=0; HttpOnly; "
	    "SameSite=Strict; Secure");
	CHECK_INT(auth_cookie(a, AUTH_SID_COOKIE, "abc", buf, 10), -1);

	CHECK(auth_cookie_get("lapak_sid=abc", "lapak_sid", v, sizeof(v)));
	CHECK_STR(v, "abc");
	CHECK(auth_cookie_get("a=1; lapak_sid=def ; b=2", "lapak_sid", v,
	    sizeof(v)));
	CHECK_STR(v, "def");
	CHECK(auth_cookie_get("x_lapak_sid=1;lapak_sid=ghi", "lapak_sid", v,
	    sizeof(v)));
	CHECK_STR(v, "ghi");
	CHECK(auth_cookie_get("lapak_sid=first; lapak_sid=second",
	    "lapak_sid", v, sizeof(v)));
	CHECK_STR(v, "first");
	CHECK(!auth_cookie_get("lapak_sidx=1; lapak_pre=2", "lapak_sid", v,
	    sizeof(v)));
	CHECK(!auth_cookie_get("", "lapak_sid", v, sizeof(v)));
	CHECK(!auth_cookie_get(NULL, "lapak_sid", v, sizeof(v)));
	CHECK(!auth_cookie_get("lapak_sid=0123456789", "lapak_sid", v, 5));
	CHECK(auth_cookie_get("lapak_sid=", "lapak_sid", v, sizeof(v)));
	CHECK_STR(v, "");
out:
	auth_free(a);
	auth_free(s);
}

static void
test_proxy(void)
{
	static const char *const proxies[] = { "10.0.0.1", "fd00::1" };
	static const char *const bad[] = { "10.0.0.1", "nginx.local" };
	struct auth_conf	 c;
	struct auth		*a = mk(0, proxies, 2, false), *none;
	char			 ip[AUTH_ADDR_BUF], err[256];

	memset(&c, 0, sizeof(c));
	c.trusted_proxy = bad;
	c.ntrusted = 2;
	CHECK(auth_new(&c, err, sizeof(err)) == NULL);
	CHECK(strstr(err, "nginx.local is not an IPv4 or IPv6") != NULL);
	none = mk(0, NULL, 0, false);
	if (a == NULL || none == NULL)
		goto out;
	/* No proxy trusted: X-Forwarded-For is ignored. */
	auth_client_addr(none, "10.0.0.1", "203.0.113.9", ip, sizeof(ip));
	CHECK_STR(ip, "10.0.0.1");
	/* From the trusted proxy: its hop, the last. */
	auth_client_addr(a, "10.0.0.1", "203.0.113.9", ip, sizeof(ip));
	CHECK_STR(ip, "203.0.113.9");
	auth_client_addr(a, "10.0.0.1", "1.2.3.4, 198.51.100.7", ip,
	    sizeof(ip));
	CHECK_STR(ip, "198.51.100.7");
	auth_client_addr(a, "::ffff:10.0.0.1", "198.51.100.8", ip, sizeof(ip));
	CHECK_STR(ip, "198.51.100.8");
	auth_client_addr(a, "fd00:0::1", "2001:db8::5", ip, sizeof(ip));
	CHECK_STR(ip, "2001:db8::5");
	/* The trusted proxy without the header, or with junk: itself. */
	auth_client_addr(a, "10.0.0.1", NULL, ip, sizeof(ip));
	CHECK_STR(ip, "10.0.0.1");
	auth_client_addr(a, "10.0.0.1", "203.0.113.9, unknown", ip,
	    sizeof(ip));
	CHECK_STR(ip, "10.0.0.1");
	/* Any other peer: its own address, whatever it claims. */
	auth_client_addr(a, "192.0.2.44", "10.0.0.1", ip, sizeof(ip));
	CHECK_STR(ip, "192.0.2.44");
	auth_client_addr(a, "::ffff:192.0.2.45", NULL, ip, sizeof(ip));
	CHECK_STR(ip, "192.0.2.45");
	auth_client_addr(a, "not-an-address", "203.0.113.9", ip, sizeof(ip));
	CHECK_STR(ip, "not-an-address");
out:
	auth_free(a);
	auth_free(none);
}

static void
test_sessions(void)
{
	struct auth		*a = mk(3, NULL, 0, false);
	struct auth_session	 s, s2, got;
	const char		*fixed = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaa";
	char			 msg[160], attacker[AUTH_TOKEN_BUF];
	int64_t			 retry = -1;
	int			 i;

	if (a == NULL)
		return;
	/* Unknown name and wrong password: one answer, one message. */
	CHECK_INT(login(a, "192.0.2.1", "nobody", PW, &s), AUTH_WRONG);
	CHECK_INT(login(a, "192.0.2.1", "ani", BAD, &s), AUTH_WRONG);
	CHECK_STR(s.id, "");
	auth_message(AUTH_WRONG, 0, false, msg, sizeof(msg));
	CHECK_STR(msg, "Nama pengguna atau kata sandi salah.");
	auth_message(AUTH_WRONG, 0, true, msg, sizeof(msg));
	CHECK_STR(msg, "Wrong user name or password.");

	/* A login: a new random id and CSRF token; names in any case. */
	CHECK_INT(auth_login(a, st, "192.0.2.2", "ANI", PW, fixed, &s,
	    &retry), AUTH_OK);
	CHECK_INT(retry, 0);
	CHECK(hex64(s.id));
	CHECK(hex64(s.csrf));
	CHECK(strcmp(s.id, s.csrf) != 0);
	CHECK_STR(s.user, "ani");
	CHECK_STR(s.place, "33.18.04");
	/* The id fixed before login is not the session. */
	CHECK(strcmp(s.id, fixed) != 0);
	CHECK(!auth_session_get(a, st, fixed, &got));
	CHECK(auth_session_get(a, st, s.id, &got));
	CHECK_STR(got.user, "ani");
	CHECK_STR(got.csrf, s.csrf);
	/* An attacker's own session planted in the victim's browser ends
	 * when the victim logs in: the victim gets a new id. */
	CHECK_INT(login(a, "192.0.2.66", "budi", PW, &s2), AUTH_OK);
	memcpy(attacker, s2.id, sizeof(attacker));
	CHECK_INT(auth_login(a, st, "192.0.2.2", "ani", PW, attacker, &s2,
	    NULL), AUTH_OK);
	CHECK(strcmp(s2.id, attacker) != 0);
	CHECK(!auth_session_get(a, st, attacker, &got));
	CHECK(auth_session_get(a, st, s2.id, &got));
	/* Two logins, two sessions, two tokens. */
	CHECK(strcmp(s2.id, s.id) != 0);
	CHECK(strcmp(s2.csrf, s.csrf) != 0);

	/* Logout ends it; again is harmless; garbage is not a session. */
	auth_logout(a, s2.id);
	CHECK(!auth_session_get(a, st, s2.id, &got));
	auth_logout(a, s2.id);
	auth_logout(a, "x");
	CHECK(!auth_session_get(a, st, "", &got));
	CHECK(!auth_session_get(a, st, NULL, &got));
	CHECK(!auth_session_get(a, st, "zz", &got));

	/* Idle expiry: 30 minutes unused. */
	CHECK(auth_session_get(a, st, s.id, &got));
	now += 1799;
	CHECK(auth_session_get(a, st, s.id, &got));	/* seen: moves on */
	now += 1799;
	CHECK(auth_session_get(a, st, s.id, &got));
	now += 1800;
	CHECK(!auth_session_get(a, st, s.id, &got));
	now += 1;
	CHECK(!auth_session_get(a, st, s.id, &got));	/* ended for good */

	/* Absolute expiry: 8 hours even when in use. */
	CHECK_INT(login(a, "192.0.2.2", "ani", PW, &s), AUTH_OK);
	for (i = 0; i < 16; i++) {
		now += 1790;
		CHECK(auth_session_get(a, st, s.id, &got));
	}
	now += 28800 - 16 * 1790;
	CHECK(!auth_session_get(a, st, s.id, &got));

	/* Bounded: 3 sessions here; a 4th ends the one unused longest. */
	auth_free(a);
	if ((a = mk(3, NULL, 0, false)) == NULL)
		return;
	CHECK_INT(login(a, "192.0.2.3", "ani", PW, &s), AUTH_OK);
	now++;
	CHECK_INT(login(a, "192.0.2.3", "ani", PW, &s2), AUTH_OK);
	now++;
	CHECK_INT(login(a, "192.0.2.3", "budi", PW, &got), AUTH_OK);
	now++;
	CHECK(auth_session_get(a, st, s.id, &got));	/* s2 unused longest */
	now++;
	CHECK_INT(login(a, "192.0.2.3", "budi", PW, &got), AUTH_OK);
	CHECK_INT(auth_session_count(a), 3);
	CHECK(!auth_session_get(a, st, s2.id, &got));
	CHECK(auth_session_get(a, st, s.id, &got));

	/* The account removed, or its password replaced: the session ends. */
	CHECK_INT(store_webuser_add(st, "cici", "33.18", PW, false, 1), STORE_OK);
	CHECK_INT(login(a, "192.0.2.4", "cici", PW, &s), AUTH_OK);
	CHECK_INT(login(a, "192.0.2.4", "budi", PW, &s2), AUTH_OK);
	CHECK(auth_session_get(a, NULL, s.id, &got));
	CHECK_INT(store_webuser_remove(st, "cici"), STORE_OK);
	CHECK(auth_session_get(a, NULL, s.id, &got));	/* not asked */
	CHECK(!auth_session_get(a, st, s.id, &got));
	CHECK(!auth_session_get(a, NULL, s.id, &got));	/* ended */
	CHECK(auth_session_get(a, st, s2.id, &got));
	CHECK_INT(store_webuser_add(st, "budi", "33.18", BAD "x", true, 999),
	    STORE_OK);
	CHECK(!auth_session_get(a, st, s2.id, &got));
	CHECK_INT(store_webuser_add(st, "budi", "33.18", PW, true, 1000),
	    STORE_OK);
	auth_free(a);
}

static void
test_csrf(void)
{
	struct auth		*a = mk(0, NULL, 0, false), *b = mk(0, NULL, 0,
	    false);
	struct auth_session	 s, got;
	char			 pre[AUTH_TOKEN_BUF], csrf[AUTH_TOKEN_BUF];
	char			 pre2[AUTH_TOKEN_BUF], csrf2[AUTH_TOKEN_BUF];
	char			 wrong[AUTH_TOKEN_BUF];
	bool			 fresh;

	if (a == NULL || b == NULL)
		goto out;
	CHECK_INT(login(a, "192.0.2.5", "ani", PW, &s), AUTH_OK);
	CHECK(auth_csrf_ok(&s, s.csrf));
	CHECK(!auth_csrf_ok(&s, NULL));
	CHECK(!auth_csrf_ok(&s, ""));
	snprintf(wrong, sizeof(wrong), "%s", s.csrf);
	wrong[10] = wrong[10] == '0' ? '1' : '0';
	CHECK(!auth_csrf_ok(&s, wrong));
	CHECK(!auth_csrf_ok(&s, s.id));
	CHECK(!auth_csrf_ok(NULL, s.csrf));
	/* A POST: no session, a session without or with a wrong token, a
	 * good one. */
	CHECK_INT(auth_post_check(a, st, "nope", s.csrf, &got),
	    AUTH_POST_NOSESSION);
	CHECK_INT(auth_post_check(a, st, s.id, NULL, &got),
	    AUTH_POST_FORBIDDEN);
	CHECK_INT(auth_post_check(a, st, s.id, wrong, &got),
	    AUTH_POST_FORBIDDEN);
	CHECK_INT(auth_post_check(a, st, s.id, s.csrf, &got), AUTH_POST_OK);
	CHECK_STR(got.user, "ani");

	/* The login form: a pre-login cookie and a token bound to it. */
	auth_prelogin(a, NULL, pre, csrf, &fresh);
	CHECK(fresh);
	CHECK(hex64(pre));
	CHECK(hex64(csrf));
	CHECK(auth_prelogin_ok(a, pre, csrf));
	CHECK(!auth_prelogin_ok(a, pre, NULL));
	CHECK(!auth_prelogin_ok(a, pre, ""));
	CHECK(!auth_prelogin_ok(a, NULL, csrf));
	CHECK(!auth_prelogin_ok(a, pre, pre));	/* the cookie echoed back */
	/* The form shown again keeps its cookie and token. */
	auth_prelogin(a, pre, pre2, csrf2, &fresh);
	CHECK(!fresh);
	CHECK_STR(pre2, pre);
	CHECK_STR(csrf2, csrf);
	/* Another browser's cookie with this token: refused. */
	auth_prelogin(a, "junk", pre2, csrf2, &fresh);
	CHECK(fresh);
	CHECK(strcmp(pre2, pre) != 0);
	CHECK(!auth_prelogin_ok(a, pre2, csrf));
	CHECK(auth_prelogin_ok(a, pre2, csrf2));
	/* Another process (a restart): its key differs. */
	CHECK(!auth_prelogin_ok(b, pre, csrf));
out:
	auth_free(a);
	auth_free(b);
}

static void
test_limits(void)
{
	static const char *const proxies[] = { "10.0.0.1" };
	struct auth		*a = mk(0, proxies, 1, false);
	struct auth_session	 s;
	char			 ip[AUTH_ADDR_BUF], msg[160], addr[32];
	int64_t			 retry = 0;
	int			 i;

	if (a == NULL)
		return;
	/* Per name: 5 failures from 5 addresses; the 6th attempt, right
	 * password, from a 6th address, is refused. */
	for (i = 0; i < 5; i++) {
		snprintf(addr, sizeof(addr), "198.51.100.%d", i + 1);
		CHECK_INT(login(a, addr, "ani", BAD, &s), AUTH_WRONG);
	}
	now += 60;
	CHECK_INT(auth_login(a, st, "198.51.100.99", "ani", PW, NULL, &s,
	    &retry), AUTH_LIMITED);
	CHECK_STR(s.id, "");
	CHECK_INT(retry, 900 - 60);
	auth_message(AUTH_LIMITED, retry, false, msg, sizeof(msg));
	CHECK_STR(msg, "Terlalu banyak percobaan masuk yang gagal. Coba lagi "
	    "dalam 14 menit.");
	auth_message(AUTH_LIMITED, retry, true, msg, sizeof(msg));
	CHECK_STR(msg, "Too many failed logins. Try again in 14 minutes.");
	/* Other names are not held back. */
	CHECK_INT(login(a, "198.51.100.99", "budi", PW, &s), AUTH_OK);
	/* The window ends: the right password is taken again. */
	now += 839;
	CHECK_INT(login(a, "198.51.100.98", "ani", PW, &s), AUTH_LIMITED);
	now += 1;
	CHECK_INT(login(a, "198.51.100.98", "ani", PW, &s), AUTH_OK);

	/* Per address: 5 failures on 5 names, then the 6th refused. */
	now += 1000;
	for (i = 0; i < 5; i++) {
		snprintf(addr, sizeof(addr), "guess%d", i);
		CHECK_INT(login(a, "203.0.113.7", addr, BAD, &s), AUTH_WRONG);
	}
	CHECK_INT(login(a, "203.0.113.7", "ani", PW, &s), AUTH_LIMITED);
	CHECK_INT(login(a, "203.0.113.8", "ani", PW, &s), AUTH_OK);

	/* A success clears the name's count, not the address's. */
	now += 1000;
	for (i = 0; i < 4; i++)
		CHECK_INT(login(a, "203.0.113.9", "ani", BAD, &s), AUTH_WRONG);
	CHECK_INT(login(a, "203.0.113.9", "ani", PW, &s), AUTH_OK);
	CHECK_INT(login(a, "203.0.113.10", "ani", BAD, &s), AUTH_WRONG);
	CHECK_INT(login(a, "203.0.113.9", "budi", BAD, &s), AUTH_WRONG);
	CHECK_INT(login(a, "203.0.113.9", "budi", PW, &s), AUTH_LIMITED);
	CHECK_INT(login(a, "203.0.113.11", "ani", PW, &s), AUTH_OK);

	/* An IPv6 client's /64 counts as one. */
	now += 1000;
	for (i = 0; i < 5; i++) {
		snprintf(addr, sizeof(addr), "2001:db8:1:2::%x", i + 1);
		snprintf(ip, sizeof(ip), "v6guess%d", i);
		CHECK_INT(login(a, addr, ip, BAD, &s), AUTH_WRONG);
	}
	CHECK_INT(login(a, "2001:db8:1:2:ffff::1", "ani", PW, &s),
	    AUTH_LIMITED);
	CHECK_INT(login(a, "2001:db8:1:3::1", "ani", PW, &s), AUTH_OK);

	/* Behind the trusted proxy each client counts for itself... */
	now += 1000;
	for (i = 0; i < 5; i++) {
		snprintf(addr, sizeof(addr), "192.0.2.%d", 100 + i);
		auth_client_addr(a, "10.0.0.1", addr, ip, sizeof(ip));
		snprintf(addr, sizeof(addr), "p%d", i);
		CHECK_INT(login(a, ip, addr, BAD, &s), AUTH_WRONG);
	}
	auth_client_addr(a, "10.0.0.1", "192.0.2.200", ip, sizeof(ip));
	CHECK_INT(login(a, ip, "ani", PW, &s), AUTH_OK);
	auth_client_addr(a, "10.0.0.1", "192.0.2.100", ip, sizeof(ip));
	CHECK_INT(login(a, ip, "p0", BAD, &s), AUTH_WRONG);	/* 2nd */
	/* ...but a client that writes its own X-Forwarded-For is counted
	 * on its own address, whatever it claims. */
	for (i = 0; i < 5; i++) {
		snprintf(addr, sizeof(addr), "192.0.2.%d", 150 + i);
		auth_client_addr(a, "198.18.0.5", addr, ip, sizeof(ip));
		CHECK_STR(ip, "198.18.0.5");
		snprintf(addr, sizeof(addr), "q%d", i);
		CHECK_INT(login(a, ip, addr, BAD, &s), AUTH_WRONG);
	}
	auth_client_addr(a, "198.18.0.5", "192.0.2.199", ip, sizeof(ip));
	CHECK_INT(login(a, ip, "ani", PW, &s), AUTH_LIMITED);
	auth_free(a);
}

/* Sessions and logins from several threads at once, each thread with
 * its own read-only connection as lapak-web's are; one password check at
 * a time (max_verify 1), none lost. */
struct worker {
	struct auth	*a;
	int		 ok;
	int		 logins;
};

static void *
work(void *arg)
{
	struct worker		*w = arg;
	struct auth_session	 s, got;
	char			 pre[AUTH_TOKEN_BUF], csrf[AUTH_TOKEN_BUF];
	struct store		*rd = NULL;
	char			 err[256], client[32];
	bool			 fresh;
	int			 i;

	if (store_open_reader(&rd, DB, err, sizeof(err)) == 0) {
		snprintf(client, sizeof(client), "192.0.2.%d",
		    (int)((uintptr_t)w % 200));
		for (i = 0; i < 3; i++)
			if (auth_login(w->a, rd, client, "ani", PW, NULL, &s,
			    NULL) == AUTH_OK && auth_session_get(w->a, rd,
			    s.id, &got))
				w->logins++;
		store_close(rd);
	}
	for (i = 0; i < 200; i++) {
		auth_prelogin(w->a, NULL, pre, csrf, &fresh);
		if (!auth_prelogin_ok(w->a, pre, csrf))
			continue;
		/* A store connection is one thread's: no store here. */
		if (auth_session_get(w->a, NULL, pre, &got))
			continue;
		memset(&s, 0, sizeof(s));
		w->ok++;
	}
	return NULL;
}

static void
test_threads(void)
{
	struct auth_conf	 c;
	struct auth		*a;
	struct auth_session	 s, got;
	struct worker		 w[4];
	pthread_t		 t[4];
	char			 err[256];
	int			 i, ok = 0, logins = 0;

	memset(&c, 0, sizeof(c));
	c.clock = test_clock;
	c.max_verify = 1;
	if ((a = auth_new(&c, err, sizeof(err))) == NULL)
		return;
	CHECK_INT(login(a, "192.0.2.50", "ani", PW, &s), AUTH_OK);
	for (i = 0; i < 4; i++) {
		w[i].a = a;
		w[i].ok = 0;
		w[i].logins = 0;
		CHECK_INT(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (i = 0; i < 50; i++)
		CHECK(auth_session_get(a, NULL, s.id, &got));
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		ok += w[i].ok;
		logins += w[i].logins;
	}
	CHECK_INT(ok, 800);
	CHECK_INT(logins, 12);
	CHECK_INT(auth_session_count(a), 13);
	auth_free(a);
}

int
main(void)
{
	char	err[256];

	log_init(LOG_LVL_WARN, "test_web_auth");
	webuser_set_limits(1, 8192 * 1024);
	remove(DB);
	remove(DB "-wal");
	remove(DB "-shm");
	CHECK_INT(store_open(&st, DB, false, err, sizeof(err)), 0);
	if (st == NULL)
		return T_DONE();
	CHECK_INT(sqlite3_exec(st->db, "INSERT INTO places (code, name, level,"
	    " parent, key) VALUES ('33.18', 'PATI', 2, '33', 'pati'),"
	    " ('33.18.04', 'Winong', 3, '33.18', 'winong')",
	    NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(store_webuser_add(st, "ani", "33.18.04", PW, false, 1),
	    STORE_OK);
	CHECK_INT(store_webuser_add(st, "budi", "33.18", PW, false, 1),
	    STORE_OK);
	test_place();
	test_cookies();
	test_proxy();
	test_sessions();
	test_csrf();
	test_limits();
	test_threads();
	store_close(st);
	remove(DB);
	remove(DB "-wal");
	remove(DB "-shm");
	return T_DONE();
}
