/* issue 14, web: officers' login (auth.h): sessions and failure counters
 * in two bounded tables under one mutex, cookies, CSRF tokens, the client
 * address behind trusted proxies, and the place scope. The password is
 * checked outside the lock (Argon2id takes about 0.1 s). */
#include <arpa/inet.h>
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "web/auth.h"

#define KEY_BUF		80	/* "a:" address or "u:" name, or a sid */

/*
 * A bounded table of keys: a slot per entry (the payload arrays of the
 * caller run parallel to it), chained in buckets by a keyed FNV-1a hash
 * (the key is random per process, so a chain's length tells nothing of
 * the ids in it), and a stack of free slots.
 */
struct tab {
	int	  cap;
	int	  nb;			/* buckets: a power of two */
	int	 *bucket;		/* first slot, -1 */
	int	 *next;			/* next slot of the chain, -1 */
	char	(*key)[KEY_BUF];
	bool	 *used;
	int	 *freel;		/* free slots */
	int	  nfree;
	uint64_t  seed;
};

/* What a failure counter holds. */
struct fail {
	int64_t	first_s;		/* the window's start */
	int	n;			/* failures (and checks in flight) */
};

struct auth {
	pthread_mutex_t	 mu;
	pthread_cond_t	 verify_cv;	/* a check ended */
	int		 verifying;	/* password checks running */
	struct auth_conf c;
	int64_t		(*clock)(void *arg);
	void		*clock_arg;
	struct tab	 st;		/* sessions by id */
	struct auth_session *sess;
	struct tab	 ft;		/* failure counters by "a:"/"u:" key */
	struct fail	*fail;
	unsigned char	 key[WEBAUTH_KEY_BYTES];	/* pre-login MACs */
	struct in6_addr	 proxy[AUTH_MAX_PROXIES];
	int		 nproxy;
};

static void
tab_init(struct tab *t, int cap)
{
	char	seed[WEBAUTH_TOKEN_HEX];
	int	i;

	t->cap = cap;
	for (t->nb = 16; t->nb < cap; t->nb *= 2)
		;
	t->bucket = xcalloc((size_t)t->nb, sizeof(*t->bucket));
	t->next = xcalloc((size_t)cap, sizeof(*t->next));
	t->key = xcalloc((size_t)cap, sizeof(*t->key));
	t->used = xcalloc((size_t)cap, sizeof(*t->used));
	t->freel = xcalloc((size_t)cap, sizeof(*t->freel));
	for (i = 0; i < t->nb; i++)
		t->bucket[i] = -1;
	for (i = 0; i < cap; i++) {
		t->next[i] = -1;
		t->freel[i] = cap - 1 - i;	/* slot 0 handed out first */
	}
	t->nfree = cap;
	webauth_token(seed);
	t->seed = strtoull(seed + 48, NULL, 16);
	webauth_wipe(seed, sizeof(seed));
}

static void
tab_clear(struct tab *t)
{
	free(t->bucket);
	free(t->next);
	webauth_wipe(t->key, (size_t)t->cap * sizeof(*t->key));
	free(t->key);
	free(t->used);
	free(t->freel);
	memset(t, 0, sizeof(*t));
}

static int
tab_hash(const struct tab *t, const char *key)
{
	uint64_t	h = 14695981039346656037ULL ^ t->seed;

	for (; *key != '\0'; key++) {
		h ^= (unsigned char)*key;
		h *= 1099511628211ULL;
	}
	h ^= h >> 29;
	return (int)(h & (uint64_t)(t->nb - 1));
}

static int
tab_find(const struct tab *t, const char *key)
{
	int	i;

	for (i = t->bucket[tab_hash(t, key)]; i != -1; i = t->next[i])
		if (webauth_equal(t->key[i], key))
			return i;
	return -1;
}

static void
tab_del(struct tab *t, int i)
{
	int	*p;

	if (i < 0 || !t->used[i])
		return;
	for (p = &t->bucket[tab_hash(t, t->key[i])]; *p != -1;
	    p = &t->next[*p])
		if (*p == i) {
			*p = t->next[i];
			break;
		}
	webauth_wipe(t->key[i], sizeof(t->key[i]));
	t->used[i] = false;
	t->next[i] = -1;
	t->freel[t->nfree++] = i;
}

/* A free slot for key (the caller made room first): its index. */
static int
tab_add(struct tab *t, const char *key)
{
	int	i, h;

	if (t->nfree == 0)
		return -1;
	i = t->freel[--t->nfree];
	snprintf(t->key[i], sizeof(t->key[i]), "%s", key);
	h = tab_hash(t, t->key[i]);
	t->next[i] = t->bucket[h];
	t->bucket[h] = i;
	t->used[i] = true;
	return i;
}

static int64_t
mono_s(void *arg)
{
	struct timespec	ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

bool
auth_https(const char *base_url)
{
	return base_url != NULL && strncasecmp(base_url, "https://", 8) == 0;
}

/* Text to an address (IPv4 as IPv4-mapped IPv6): true when it is one. */
static bool
addr_parse(const char *s, struct in6_addr *out)
{
	struct in_addr	v4;

	if (inet_pton(AF_INET, s, &v4) == 1) {
		memset(out, 0, sizeof(*out));
		out->s6_addr[10] = 0xff;
		out->s6_addr[11] = 0xff;
		memcpy(&out->s6_addr[12], &v4, 4);
		return true;
	}
	return inet_pton(AF_INET6, s, out) == 1;
}

static bool
addr_v4(const struct in6_addr *a)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0xff, 0xff };

	return memcmp(a->s6_addr, mapped, sizeof(mapped)) == 0;
}

static void
addr_text(const struct in6_addr *a, char *out, size_t len)
{
	if (addr_v4(a)) {
		if (inet_ntop(AF_INET, &a->s6_addr[12], out, (socklen_t)len) ==
		    NULL)
			snprintf(out, len, "?");
	} else if (inet_ntop(AF_INET6, a, out, (socklen_t)len) == NULL)
		snprintf(out, len, "?");
}

struct auth *
auth_new(const struct auth_conf *c, char *err, size_t errlen)
{
	struct auth	*a;
	int		 i;

	if (webauth_init() == -1) {
		snprintf(err, errlen, "libsodium cannot start");
		return NULL;
	}
	if (c->ntrusted < 0 || c->ntrusted > AUTH_MAX_PROXIES) {
		snprintf(err, errlen, "web.trusted_proxy: at most %d addresses",
		    AUTH_MAX_PROXIES);
		return NULL;
	}
	a = xcalloc(1, sizeof(*a));
	for (i = 0; i < c->ntrusted; i++)
		if (!addr_parse(c->trusted_proxy[i], &a->proxy[i])) {
			snprintf(err, errlen, "web.trusted_proxy: %s is not an "
			    "IPv4 or IPv6 address", c->trusted_proxy[i]);
			free(a);
			return NULL;
		}
	a->nproxy = c->ntrusted;
	a->c = *c;
	a->c.trusted_proxy = NULL;		/* kept parsed, above */
	if (a->c.idle_s <= 0)
		a->c.idle_s = 1800;
	if (a->c.max_age_s <= 0)
		a->c.max_age_s = 28800;
	if (a->c.max_sessions <= 0)
		a->c.max_sessions = 10000;
	if (a->c.fail_max <= 0)
		a->c.fail_max = 5;
	if (a->c.fail_window_s <= 0)
		a->c.fail_window_s = 900;
	if (a->c.max_fail_keys <= 0)
		a->c.max_fail_keys = 20000;
	if (a->c.max_verify <= 0)
		a->c.max_verify = 4;
	a->clock = c->clock != NULL ? c->clock : mono_s;
	a->clock_arg = c->clock_arg;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->verify_cv, NULL);
	tab_init(&a->st, a->c.max_sessions);
	a->sess = xcalloc((size_t)a->c.max_sessions, sizeof(*a->sess));
	tab_init(&a->ft, a->c.max_fail_keys);
	a->fail = xcalloc((size_t)a->c.max_fail_keys, sizeof(*a->fail));
	webauth_key(a->key);
	return a;
}

void
auth_free(struct auth *a)
{
	if (a == NULL)
		return;
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->verify_cv);
	webauth_wipe(a->sess, (size_t)a->c.max_sessions * sizeof(*a->sess));
	free(a->sess);
	free(a->fail);
	tab_clear(&a->st);
	tab_clear(&a->ft);
	webauth_wipe(a->key, sizeof(a->key));
	free(a);
}

void
auth_client_addr(const struct auth *a, const char *peer, const char *xff,
    char *out, size_t len)
{
	struct in6_addr	 p, h;
	const char	*last;
	char		 hop[AUTH_ADDR_BUF];
	size_t		 n;
	int		 i;
	bool		 trusted = false;

	if (peer == NULL || !addr_parse(peer, &p)) {
		snprintf(out, len, "%s", peer != NULL ? peer : "?");
		return;
	}
	for (i = 0; i < a->nproxy && !trusted; i++)
		trusted = memcmp(&p, &a->proxy[i], sizeof(p)) == 0;
	if (trusted && xff != NULL) {
		/* The last hop: the one our proxy added; earlier ones are
		 * the client's to write. */
		last = strrchr(xff, ',');
		last = last != NULL ? last + 1 : xff;
		while (*last == ' ' || *last == '\t')
			last++;
		n = strcspn(last, " \t");
		if (n > 0 && n < sizeof(hop)) {
			memcpy(hop, last, n);
			hop[n] = '\0';
			if (addr_parse(hop, &h)) {
				addr_text(&h, out, len);
				return;
			}
		}
	}
	addr_text(&p, out, len);
}

/* The counter key of a client: "a:" and its address, an IPv6 one cut to
 * its /64 (what one host is given); of a name: "u:" and the name. */
static void
client_key(const char *client, char *out, size_t len)
{
	struct in6_addr	a;
	char		txt[AUTH_ADDR_BUF];

	if (addr_parse(client, &a) && !addr_v4(&a)) {
		memset(&a.s6_addr[8], 0, 8);
		addr_text(&a, txt, sizeof(txt));
		snprintf(out, len, "a:%s/64", txt);
	} else
		snprintf(out, len, "a:%s", client);
}

/* The failure counter of key, its window ended ones reset; -1 none. With
 * the lock held. */
static int
fail_find(struct auth *a, const char *key, int64_t now)
{
	int	i = tab_find(&a->ft, key);

	if (i != -1 && now - a->fail[i].first_s >= a->c.fail_window_s) {
		tab_del(&a->ft, i);
		i = -1;
	}
	return i;
}

/* One more failure for key (a new counter when none; when the table is
 * full, a counter whose window ended goes, else the oldest). */
static void
fail_add(struct auth *a, const char *key, int64_t now)
{
	int	i = fail_find(a, key, now), j, old = -1;

	if (i == -1) {
		if (a->ft.nfree == 0) {
			for (j = 0; j < a->ft.cap; j++) {
				if (!a->ft.used[j])
					continue;
				if (old == -1 ||
				    a->fail[j].first_s < a->fail[old].first_s)
					old = j;
				if (now - a->fail[j].first_s >=
				    a->c.fail_window_s)
					break;
			}
			tab_del(&a->ft, j < a->ft.cap ? j : old);
		}
		if ((i = tab_add(&a->ft, key)) == -1)
			return;
		a->fail[i].first_s = now;
		a->fail[i].n = 0;
	}
	a->fail[i].n++;
}

/* Takes back one failure of key (a check that did not fail). */
static void
fail_undo(struct auth *a, const char *key, int64_t now)
{
	int	i = fail_find(a, key, now);

	if (i != -1 && a->fail[i].n > 0 && --a->fail[i].n == 0)
		tab_del(&a->ft, i);
}

/* Seconds left of key's window when it is spent, else 0. */
static int64_t
fail_limited(struct auth *a, const char *key, int64_t now)
{
	int	i = fail_find(a, key, now);

	if (i == -1 || a->fail[i].n < a->c.fail_max)
		return 0;
	return a->fail[i].first_s + a->c.fail_window_s - now;
}

/* Ends session slot i. With the lock held. */
static void
sess_end(struct auth *a, int i)
{
	webauth_wipe(&a->sess[i], sizeof(a->sess[i]));
	tab_del(&a->st, i);
}

/* A slot for a new session: an expired one goes, else the one unused the
 * longest, when the table is full. With the lock held. */
static int
sess_new(struct auth *a, const char *id, int64_t now)
{
	int	j, old = -1;

	if (a->st.nfree == 0) {
		for (j = 0; j < a->st.cap; j++) {
			if (!a->st.used[j])
				continue;
			if (now - a->sess[j].seen_s >= a->c.idle_s ||
			    now - a->sess[j].created_s >= a->c.max_age_s)
				sess_end(a, j);
			else if (old == -1 ||
			    a->sess[j].seen_s < a->sess[old].seen_s)
				old = j;
		}
		if (a->st.nfree == 0 && old != -1)
			sess_end(a, old);
	}
	return tab_add(&a->st, id);
}

static bool
token_form(const char *s)
{
	size_t	i;

	if (s == NULL)
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == AUTH_TOKEN_LEN;
}

enum auth_rc
auth_login(struct auth *a, struct store *st, const char *client,
    const char *user, const char *password, const char *old_sid,
    struct auth_session *out, int64_t *retry_s)
{
	struct webuser	 u;
	char		 name[WEBUSER_NAME_MAX + 1], ka[KEY_BUF], ku[KEY_BUF];
	char		 id[AUTH_TOKEN_BUF], csrf[AUTH_TOKEN_BUF];
	enum store_rc	 src;
	enum auth_rc	 rc;
	int64_t		 now, left, l2;
	size_t		 i;
	bool		 good, known = false;
	int		 k;

	memset(out, 0, sizeof(*out));
	if (retry_s != NULL)
		*retry_s = 0;
	if (client == NULL || client[0] == '\0')
		client = "?";
	if (user == NULL)
		user = "";
	if (password == NULL)
		password = "";
	/* Names are lower case; one too long (no account has it) is
	 * counted under the empty name. */
	for (i = 0; i < WEBUSER_NAME_MAX && user[i] != '\0'; i++)
		name[i] = (char)tolower((unsigned char)user[i]);
	name[i] = '\0';
	if (user[i] != '\0')
		name[0] = '\0';
	client_key(client, ka, sizeof(ka));
	snprintf(ku, sizeof(ku), "u:%s", name);

	/* Count the attempt before checking it, so that checks running at
	 * once cannot pass the limit; a success takes its count back. */
	pthread_mutex_lock(&a->mu);
	now = a->clock(a->clock_arg);
	left = fail_limited(a, ka, now);
	l2 = fail_limited(a, ku, now);
	if (l2 > left)
		left = l2;
	if (left == 0) {
		fail_add(a, ka, now);
		fail_add(a, ku, now);
		/* Each check holds 64 MiB for 0.1 s: a few at a time. */
		while (a->verifying >= a->c.max_verify)
			pthread_cond_wait(&a->verify_cv, &a->mu);
		a->verifying++;
	}
	pthread_mutex_unlock(&a->mu);
	if (left > 0) {
		if (retry_s != NULL)
			*retry_s = left;
		log_info("web login user=%s from=%s rc=limited retry_s=%lld",
		    name[0] != '\0' && webuser_name_check(name) ==
		    WEBUSER_GOOD ? name : "?", client, (long long)left);
		return AUTH_LIMITED;
	}

	src = store_webuser_get(st, name, &u);
	if (src == STORE_OK) {
		known = true;
		good = webuser_verify(&u, password);
	} else if (src == STORE_NOTFOUND)
		good = webuser_verify_dummy(password);
	else
		good = false;

	pthread_mutex_lock(&a->mu);
	a->verifying--;
	pthread_cond_signal(&a->verify_cv);
	now = a->clock(a->clock_arg);
	if (src != STORE_OK && src != STORE_NOTFOUND) {
		fail_undo(a, ka, now);
		fail_undo(a, ku, now);
		rc = AUTH_ERR;
	} else if (!good)
		rc = AUTH_WRONG;
	else {
		fail_undo(a, ka, now);
		if ((k = fail_find(a, ku, now)) != -1)
			tab_del(&a->ft, k);
		if (old_sid != NULL && (k = tab_find(&a->st, old_sid)) != -1)
			sess_end(a, k);
		/* A new id, whatever the request carried. */
		do
			webauth_token(id);
		while (tab_find(&a->st, id) != -1);
		webauth_token(csrf);
		if ((k = sess_new(a, id, now)) == -1)
			rc = AUTH_ERR;
		else {
			struct auth_session *s = &a->sess[k];

			memset(s, 0, sizeof(*s));
			memcpy(s->id, id, sizeof(s->id));
			memcpy(s->csrf, csrf, sizeof(s->csrf));
			memcpy(s->user, u.name, sizeof(s->user));
			memcpy(s->place, u.place, sizeof(s->place));
			s->created_s = now;
			s->seen_s = now;
			s->changed_s = u.changed_s;
			*out = *s;
			rc = AUTH_OK;
		}
	}
	pthread_mutex_unlock(&a->mu);
	webauth_wipe(id, sizeof(id));
	webauth_wipe(csrf, sizeof(csrf));
	webauth_wipe(u.pw_hash, sizeof(u.pw_hash));

	switch (rc) {
	case AUTH_OK:
		log_info("web login user=%s from=%s rc=ok place=%s", name,
		    client, out->place);
		break;
	case AUTH_WRONG:
		/* An unknown name may be a password typed in the wrong
		 * field: only known names are logged. */
		log_info("web login user=%s from=%s rc=wrong", known ? name :
		    "?", client);
		break;
	default:
		log_warnx("web login user=%s from=%s rc=error err=\"%s\"",
		    known ? name : "?", client, store_errmsg(st));
		break;
	}
	return rc;
}

void
auth_message(enum auth_rc rc, int64_t retry_s, bool en, char *out,
    size_t len)
{
	int64_t	min = (retry_s + 59) / 60;

	if (min < 1)
		min = 1;
	switch (rc) {
	case AUTH_OK:
		snprintf(out, len, "%s", "");
		break;
	case AUTH_WRONG:
		snprintf(out, len, "%s", en ? "Wrong user name or password." :
		    "Nama pengguna atau kata sandi salah.");
		break;
	case AUTH_LIMITED:
		snprintf(out, len, en ? "Too many failed logins. Try again in "
		    "%lld minute%s." : "Terlalu banyak percobaan masuk yang "
		    "gagal. Coba lagi dalam %lld menit%s.", (long long)min,
		    en && min != 1 ? "s" : "");
		break;
	case AUTH_ERR:
		snprintf(out, len, "%s", en ? "The service failed; try again "
		    "later." : "Layanan sedang bermasalah; coba lagi nanti.");
		break;
	}
}

bool
auth_session_get(struct auth *a, struct store *st, const char *sid,
    struct auth_session *out)
{
	struct webuser	 u;
	enum store_rc	 src;
	int64_t		 now;
	int		 i;
	bool		 ok = false;

	memset(out, 0, sizeof(*out));
	if (!token_form(sid))
		return false;
	pthread_mutex_lock(&a->mu);
	now = a->clock(a->clock_arg);
	if ((i = tab_find(&a->st, sid)) != -1) {
		if (now - a->sess[i].seen_s >= a->c.idle_s ||
		    now - a->sess[i].created_s >= a->c.max_age_s)
			sess_end(a, i);
		else {
			a->sess[i].seen_s = now;
			*out = a->sess[i];
			ok = true;
		}
	}
	pthread_mutex_unlock(&a->mu);
	if (!ok || st == NULL)
		return ok;
	/* The account as it is now: removed, moved or a new password ends
	 * the session. A store that fails keeps it (a read error is not a
	 * logout). */
	src = store_webuser_get(st, out->user, &u);
	webauth_wipe(u.pw_hash, sizeof(u.pw_hash));
	if (src == STORE_NOTFOUND || (src == STORE_OK &&
	    (strcmp(u.place, out->place) != 0 ||
	    u.changed_s != out->changed_s))) {
		log_info("web session user=%s ended: account %s", out->user,
		    src == STORE_NOTFOUND ? "removed" : "changed");
		auth_logout(a, sid);
		memset(out, 0, sizeof(*out));
		return false;
	}
	return true;
}

void
auth_logout(struct auth *a, const char *sid)
{
	int	i;

	if (!token_form(sid))
		return;
	pthread_mutex_lock(&a->mu);
	if ((i = tab_find(&a->st, sid)) != -1)
		sess_end(a, i);
	pthread_mutex_unlock(&a->mu);
}

int
auth_session_count(struct auth *a)
{
	int	n;

	pthread_mutex_lock(&a->mu);
	n = a->st.cap - a->st.nfree;
	pthread_mutex_unlock(&a->mu);
	return n;
}

bool
auth_csrf_ok(const struct auth_session *s, const char *token)
{
	return s != NULL && token_form(s->csrf) && token != NULL &&
	    webauth_equal(s->csrf, token);
}

enum auth_post
auth_post_check(struct auth *a, struct store *st, const char *sid,
    const char *token, struct auth_session *out)
{
	if (!auth_session_get(a, st, sid, out))
		return AUTH_POST_NOSESSION;
	if (!auth_csrf_ok(out, token)) {
		log_info("web post user=%s refused: CSRF token %s", out->user,
		    token == NULL || token[0] == '\0' ? "missing" : "wrong");
		return AUTH_POST_FORBIDDEN;
	}
	return AUTH_POST_OK;
}

/* The login form's token for pre-login cookie pre. */
static void
pre_mac(const struct auth *a, const char *pre, char *out)
{
	char	msg[KEY_BUF];

	snprintf(msg, sizeof(msg), "lapak-web login\n%s", pre);
	webauth_mac(a->key, msg, out);
}

void
auth_prelogin(struct auth *a, const char *cookie, char *pre, char *csrf,
    bool *fresh)
{
	*fresh = !token_form(cookie);
	if (*fresh)
		webauth_token(pre);
	else
		memcpy(pre, cookie, AUTH_TOKEN_BUF);
	pre_mac(a, pre, csrf);
}

bool
auth_prelogin_ok(struct auth *a, const char *cookie, const char *token)
{
	char	want[AUTH_TOKEN_BUF];
	bool	ok;

	if (!token_form(cookie) || token == NULL)
		return false;
	pre_mac(a, cookie, want);
	ok = webauth_equal(want, token);
	webauth_wipe(want, sizeof(want));
	return ok;
}

int
auth_cookie(const struct auth *a, const char *name, const char *value,
    char *out, size_t len)
{
	int	n;

	if (value != NULL)
		n = snprintf(out, len, "%s=%s; Path=/; HttpOnly; "
		    "SameSite=Strict%s", name, value, a->c.secure ?
		    "; Secure" : "");
	else
		n = snprintf(out, len, "%s=; Path=/; Max-Age=0; HttpOnly; "
		    "SameSite=Strict%s", name, a->c.secure ? "; Secure" : "");
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

bool
auth_cookie_get(const char *header, const char *name, char *out, size_t len)
{
	const char	*p, *v, *end;
	size_t		 nl, vl;

	if (header == NULL || name == NULL || len == 0)
		return false;
	nl = strlen(name);
	for (p = header; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, ";");
		while (*p == ' ' || *p == '\t')
			p++;
		if ((size_t)(end - p) <= nl || strncmp(p, name, nl) != 0 ||
		    p[nl] != '=')
			continue;
		v = p + nl + 1;
		vl = (size_t)(end - v);
		while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
			vl--;
		if (vl >= len)
			return false;
		memcpy(out, v, vl);
		out[vl] = '\0';
		return true;
	}
	return false;
}

bool
auth_place_allowed(const char *mine, const char *asked)
{
	size_t	n;

	if (mine == NULL || asked == NULL || mine[0] == '\0' ||
	    asked[0] == '\0')
		return false;
	n = strlen(mine);
	return strncmp(asked, mine, n) == 0 &&
	    (asked[n] == '\0' || asked[n] == '.');
}
