/* conf_load: lapak.cfg (libconfig) -> validated struct conf. Every key is a row
 * of a table (kind, range, default, flags); conf_defaults() and the checks both
 * read it, so a key is described once. Errors are collected, never fatal. */
#include <sys/stat.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/action.h"
#include "common/xalloc.h"
#include "conf/conf.h"

#ifndef LAPAK_DATADIR
#define LAPAK_DATADIR "."
#endif

enum conf_kind {
	K_INT,		/* integer in min..max, times scale, stored by field size */
	K_BOOL,		/* true / false */
	K_STR,		/* string of min..max characters (max <= field size - 1) */
	K_PATH,		/* non-empty string; relative: against the config's folder */
	K_CHOICE,	/* one of choices ("a|b|c"): its index, stored by field size */
	K_CHOICE_STR,	/* one of choices, stored as the text */
	K_LIST,		/* list or array of strings, each checked, joined by "," */
	K_FUNC		/* anything else: fn does the work */
};

#define F_REQUIRED	0x01	/* no default: missing is an error */
#define F_SECRET	0x02	/* never printed; file must not be readable by others */
#define F_DATADIR	0x04	/* K_PATH default lives under conf_datadir() */
#define F_UPPER		0x08	/* K_LIST items stored in upper case */

struct ld;
struct conf_key;
typedef void	(*conf_fn)(struct ld *, const config_setting_t *,
		    const struct conf_key *, void *base);
/* Returns NULL when v is fine, else a short reason. */
typedef const char *(*conf_check)(const char *v);

struct conf_key {
	const char	*name;		/* "orders.confirm_timeout", "port" */
	enum conf_kind	 kind;
	long long	 min, max;	/* K_INT: value; K_STR: length; K_LIST: items */
	long long	 def;		/* K_INT, K_BOOL, K_CHOICE* (index) */
	const char	*def_s;		/* K_STR, K_PATH */
	const char	*choices;	/* K_CHOICE*: "err|warn|info|debug" */
	size_t		 off, size;	/* the field in struct conf / conf_smsc */
	int		 flags;
	long long	 scale;		/* K_INT: stored value = value * scale */
	conf_check	 check;		/* K_STR, K_LIST items: extra check */
	conf_fn		 fn;		/* K_FUNC */
};

#define FLD(type, f)	offsetof(struct type, f), sizeof(((struct type *)0)->f)
#define C(f)		FLD(conf, f)
#define S(f)		FLD(conf_smsc, f)
#define INT(n, lo, hi, d, fld)	{ n, K_INT, lo, hi, d, NULL, NULL, fld, 0, 1, NULL, NULL }
#define BOOL(n, d, fld)		{ n, K_BOOL, 0, 1, d, NULL, NULL, fld, 0, 1, NULL, NULL }
#define STR(n, lo, d, fld, fl, ck) \
	{ n, K_STR, lo, LLONG_MAX, 0, d, NULL, fld, fl, 1, ck, NULL }

/* Error collection: one "file:line: text" per line, all of them. */
struct ld {
	const char	*path;		/* as given: the prefix of every error */
	char		*err;
	size_t		 errlen, used;
	int		 nerr;
	struct conf	*cfg;
	const char	*secret_file;	/* already reported as readable */
	unsigned	 default_line;	/* first smsc with default_route = true */
};

static void	 ld_err(struct ld *, const config_setting_t *, unsigned,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

static void
ld_err(struct ld *ld, const config_setting_t *s, unsigned line,
    const char *fmt, ...)
{
	const char	*file = ld->path;
	char		 msg[512];
	int		 n;
	va_list		 ap;

	ld->nerr++;
	if (s != NULL) {
		line = config_setting_source_line(s);
		if (config_setting_source_file(s) != NULL)
			file = config_setting_source_file(s);
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ld->err == NULL || ld->errlen == 0 || ld->used + 1 >= ld->errlen)
		return;
	if (line > 0)
		n = snprintf(ld->err + ld->used, ld->errlen - ld->used,
		    "%s%s:%u: %s", ld->used ? "\n" : "", file, line, msg);
	else
		n = snprintf(ld->err + ld->used, ld->errlen - ld->used,
		    "%s%s: %s", ld->used ? "\n" : "", file, msg);
	if (n < 0)
		return;
	ld->used += (size_t)n;
	if (ld->used >= ld->errlen)
		ld->used = ld->errlen - 1;
}

static const char *
type_name(const config_setting_t *s)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_GROUP:		return "a group { }";
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:		return "an integer";
	case CONFIG_TYPE_FLOAT:		return "a decimal number";
	case CONFIG_TYPE_STRING:	return "a string";
	case CONFIG_TYPE_BOOL:		return "a boolean";
	case CONFIG_TYPE_ARRAY:		return "an array [ ]";
	case CONFIG_TYPE_LIST:		return "a list ( )";
	default:			return "nothing";
	}
}

/* Writes v into an integer or bool field of the given size. */
static void
put_int(void *base, const struct conf_key *k, long long v)
{
	char	*p = (char *)base + k->off;

	if (k->size == sizeof(bool) && k->kind != K_INT) {
		bool	b = v != 0;
		memcpy(p, &b, sizeof(b));
	} else if (k->size == sizeof(int32_t)) {
		int32_t	i = (int32_t)v;
		memcpy(p, &i, sizeof(i));
	} else if (k->size == sizeof(int64_t)) {
		int64_t	i = (int64_t)v;
		memcpy(p, &i, sizeof(i));
	} else
		abort();	/* a table row that does not fit its field */
}

/* The idx-th "|"-separated item of choices into buf. */
static const char *
choice_at(const char *choices, long long idx, char *buf, size_t len)
{
	const char	*p = choices, *bar;
	size_t		 n;

	for (; idx > 0 && (bar = strchr(p, '|')) != NULL; idx--)
		p = bar + 1;
	bar = strchr(p, '|');
	n = bar ? (size_t)(bar - p) : strlen(p);
	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

static long long
choice_count(const char *choices)
{
	long long	n = 1;

	for (; *choices; choices++)
		n += *choices == '|';
	return n;
}

static long long
choice_find(const char *choices, const char *v)
{
	const char	*p = choices;
	size_t		 n = strlen(v);
	long long	 idx = 0;

	for (;;) {
		const char	*bar = strchr(p, '|');
		size_t		 m = bar ? (size_t)(bar - p) : strlen(p);

		if (m == n && strncmp(p, v, n) == 0)
			return idx;
		if (bar == NULL)
			return -1;
		p = bar + 1;
		idx++;
	}
}

/* Joins dir and a relative path; absolute paths are kept. */
static int
resolve_path(const char *dir, const char *p, char *out, size_t len)
{
	int	n;

	if (p[0] == '/' || dir == NULL || dir[0] == '\0')
		n = snprintf(out, len, "%s", p);
	else
		n = snprintf(out, len, "%s/%s", dir, p);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* ---- value checks (return NULL or a reason) ---- */

static const char *
check_digits(const char *v)
{
	for (; *v; v++)
		if (!isdigit((unsigned char)*v))
			return "digits only";
	return NULL;
}

static const char *
check_name(const char *v)
{
	for (; *v; v++)
		if (!isalnum((unsigned char)*v) && *v != '-' && *v != '_')
			return "use letters, digits, '-' and '_' only";
	return NULL;
}

static const char *
check_service_code(const char *v)
{
	size_t	n = strlen(v);

	if (n == 0)
		return NULL;
	if (v[0] != '*' || v[n - 1] != '#')
		return "a USSD code starts with '*' and ends with '#' (\"*123*45#\")";
	for (; *v; v++)
		if (!isdigit((unsigned char)*v) && *v != '*' && *v != '#')
			return "only digits, '*' and '#'";
	return NULL;
}

static const char *
check_listen(const char *v)
{
	const char	*colon = strrchr(v, ':');
	char		*end;
	long		 port;

	if (v[0] == '\0')
		return NULL;
	if (colon == NULL || colon[1] == '\0')
		return "expected \"host:port\", e.g. \"127.0.0.1:8080\"";
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || errno != 0 || port < 1 || port > 65535)
		return "port after ':' must be 1..65535";
	return NULL;
}

static const char *
check_ip(const char *v)
{
	unsigned char	buf[sizeof(struct in6_addr)];

	if (inet_pton(AF_INET, v, buf) == 1 || inet_pton(AF_INET6, v, buf) == 1)
		return NULL;
	return "not an IPv4 or IPv6 address";
}

/* A time zone name as in /usr/share/zoneinfo ("Asia/Jakarta", "UTC"). */
static const char *
check_zone(const char *v)
{
	const char	*p;

	if (*v == '\0' || *v == '/' || strstr(v, "..") != NULL)
		return "not a time zone name (Asia/Jakarta, Asia/Makassar, "
		    "Asia/Jayapura)";
	for (p = v; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("/_+-", *p) == NULL)
			return "not a time zone name (Asia/Jakarta, "
			    "Asia/Makassar, Asia/Jayapura)";
	return NULL;
}

/* A local time of day, "HH:MM" (00:00..23:59). */
static const char *
check_hhmm(const char *v)
{
	if (strlen(v) != 5 || !isdigit((unsigned char)v[0]) ||
	    !isdigit((unsigned char)v[1]) || v[2] != ':' ||
	    !isdigit((unsigned char)v[3]) || !isdigit((unsigned char)v[4]) ||
	    (v[0] - '0') * 10 + (v[1] - '0') > 23 || v[3] > '5')
		return "not a time of day HH:MM (08:00)";
	return NULL;
}

/* A place code as the Ministry of Home Affairs writes it: "33" (province)
 * up to "33.20.05.2004" (village); "" = every loaded place. */
static const char *
check_place_code(const char *v)
{
	const char	*p;
	int		 digits = 0;

	if (*v == '\0')
		return NULL;
	for (p = v; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (*p != '.' || digits == 0 || p[1] == '\0')
			return "not a place code (\"33\", \"33.20\", "
			    "\"33.20.05.2004\")";
		else
			digits = 0;
	}
	return NULL;
}

/* Regional languages: a language code, the name of a templates folder. */
static const char *
check_lang(const char *v)
{
	size_t	n = strlen(v);

	if (n < 2 || n >= LANG_SZ || strspn(v, "abcdefghijklmnopqrstuvwxyz") !=
	    n)
		return "a language code: 2 or 3 lower-case letters (id, en, jv)";
	return NULL;
}

static const char *
check_keyword(const char *v)
{
	return conf_is_keyword(v) ? NULL : "not an SMS command keyword";
}

bool
conf_is_keyword(const char *word)
{
	return verb_by_word(word) != VERB_NONE;	/* common/action.c */
}

static void
upcase(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

/* issue 14, web: web.base_url is "" or an http(s) address. */
static const char *
check_base_url(const char *v)
{
	if (*v == '\0')
		return NULL;
	if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
		return "an address starting with https:// (or http://)";
	for (; *v; v++)
		if ((unsigned char)*v <= ' ' || *v == '"' || *v == '<' ||
		    *v == '>')
			return "no spaces, quotes or angle brackets";
	return NULL;
}

/* issue 14, web: an IP address or a prefix ("10.0.0.0/8", "fd00::/8"). */
static const char *
check_ip_prefix(const char *v)
{
	char		 ip[INET6_ADDRSTRLEN + 8], *slash, *end;
	unsigned char	 buf[sizeof(struct in6_addr)];
	long		 bits;
	int		 max;

	if (strlen(v) >= sizeof(ip))
		return "not an IP address or prefix (\"10.0.0.0/8\")";
	memcpy(ip, v, strlen(v) + 1);
	if ((slash = strchr(ip, '/')) != NULL)
		*slash = '\0';
	if (inet_pton(AF_INET, ip, buf) == 1)
		max = 32;
	else if (inet_pton(AF_INET6, ip, buf) == 1)
		max = 128;
	else
		return "not an IP address or prefix (\"10.0.0.0/8\")";
	if (slash == NULL)
		return NULL;
	errno = 0;
	bits = strtol(slash + 1, &end, 10);
	if (slash[1] == '\0' || *end != '\0' || errno != 0 || bits < 0 ||
	    bits > max)
		return "prefix length after '/' out of range";
	return NULL;
}

/* ---- special keys ---- */

static void
fn_own_numbers(struct ld *, const config_setting_t *, const struct conf_key *,
    void *);
static void
fn_aliases(struct ld *, const config_setting_t *, const struct conf_key *,
    void *);

/* Every key outside smsc. Defaults here are the documented ones
 * (conf/lapak.cfg repeats them for operators). */
static const struct conf_key global_keys[] = {
	{ "store.path", K_PATH, 0, 0, 0, "lapak.db", NULL, C(store_path),
	    0, 1, NULL, NULL },
	BOOL("store.durable", 1, C(store_durable)),

	INT("orders.confirm_timeout", 1, 2592000, 1800, C(confirm_timeout_s)),
	INT("orders.accept_timeout", 1, 2592000, 86400, C(accept_timeout_s)),
	INT("orders.max_pending", 1, 100, 3, C(max_pending)),
	INT("orders.confirm_attempts", 1, 20, 3, C(confirm_attempts)),

	INT("limits.mo_per_minute", 0, 100000, 20, C(mo_per_minute)),
	INT("limits.repeat_window", 0, 86400, 120, C(repeat_window_s)),

	INT("outbox.validity", 1, 604800, 3600, C(validity_s)),
	INT("outbox.drain_ms", 0, 600000, 5000, C(drain_ms)),
	INT("outbox.retry_max", 0, 1000, 10, C(retry_max)),

	INT("sms.concat_timeout", 1, 86400, 300, C(concat_timeout_s)),
	/* Regional languages: any templates folder (checked in conf_load). */
	STR("sms.default_lang", 2, "id", C(default_lang), 0, check_lang),
	STR("sms.country_code", 1, "62", C(country_code), 0, check_digits),
	{ "sms.own_numbers", K_FUNC, 0, CONF_MAX_OWN, 0, NULL, NULL,
	    C(own_numbers), 0, 1, NULL, fn_own_numbers },
	{ "sms.aliases", K_FUNC, 0, CONF_MAX_ALIAS, 0, NULL, NULL,
	    C(aliases), 0, 1, NULL, fn_aliases },
	{ "sms.pin_commands", K_LIST, 0, 32, 0, "", NULL, C(pin_commands),
	    F_UPPER, 1, check_keyword, NULL },

	STR("time.zone", 1, "Asia/Jakarta", C(time_zone), 0, check_zone),

	STR("places.scope", 0, "", C(places_scope), 0, check_place_code),
	INT("places.choose_timeout", 60, 86400, 600, C(places_choose_s)),

	BOOL("agents.pin_required", 0, C(agents_pin_required)),
	INT("agents.consent_timeout", 5, 86400, 1200, C(agents_consent_s)),
	INT("agents.requests_per_day", 1, 1000, 20, C(agents_requests_per_day)),

	/* issue 12, marketplace export: lapakctl export's keyword -> category
	 * file (docs/OPERATORS.md); default none. */
	{ "export.categories", K_PATH, 0, 0, 0, "", NULL,
	    C(export_categories), 0, 1, NULL, NULL },

	STR("ussd.service_code", 0, "*123*45#", C(ussd_service_code), 0,
	    check_service_code),
	INT("ussd.session_timeout", 1, 3600, 120, C(ussd_session_timeout_s)),
	INT("ussd.resume", 0, 86400, 300, C(ussd_resume_s)),
	BOOL("ussd.receipt_sms", 1, C(ussd_receipt_sms)),

	STR("http.listen", 0, "", C(http_listen), 0, check_listen),
	STR("http.secret", 0, "", C(http_secret), F_SECRET, NULL),
	{ "http.allow", K_LIST, 0, 64, 0, "", NULL, C(http_allow), 0, 1,
	    check_ip, NULL },

	INT("pin.opslimit", 1, 20, 1, C(pin_opslimit)),
	{ "pin.memlimit_kb", K_INT, 8, 1048576, 8192, NULL, NULL,
	    C(pin_memlimit), 0, 1024, NULL, NULL },
	INT("pin.max_fail", 1, 100, 5, C(pin_max_fail)),
	INT("pin.lock_time", 0, 2592000, 1800, C(pin_lock_s)),

	{ "menus.file", K_PATH, 0, 0, 0, "menus/default.cfg", NULL,
	    C(menus_path), F_DATADIR, 1, NULL, NULL },
	{ "menus.templates", K_PATH, 0, 0, 0, "menus/templates", NULL,
	    C(templates_dir), F_DATADIR, 1, NULL, NULL },

	{ "handler", K_CHOICE_STR, 0, 0, 0, NULL, "commerce|echo", C(handler),
	    0, 1, NULL, NULL },
	{ "log.level", K_CHOICE, 0, 0, 2, NULL, "err|warn|info|debug",
	    C(log_level), 0, 1, NULL, NULL },

	/* assistants: DAMPINGI's other limits (programme.md section 2) */
	INT("agents.assistants_per_seller", 1, 100, 3,
	    C(agents_per_number_day)),
	INT("agents.declined_days", 0, 3650, 30, C(agents_declined_days)),

	/* issue 13: couriers, payments, privacy, promotions (programme.md
	 * sections 4-6, 8) */
	INT("couriers.max_jobs", 1, 100, 3, C(couriers_max_jobs)),
	INT("couriers.pickup_timeout", 1, 2592000, 14400,
	    C(couriers_pickup_s)),
	INT("orders.deliver_timeout", 1, 31536000, 1209600,
	    C(deliver_timeout_s)),
	INT("orders.max_failed_deliveries", 0, 100, 2,
	    C(max_failed_deliveries)),
	INT("promotions.share", 0, 100, 20, C(promotions_share)),
	STR("promotions.digest_time", 1, "08:00", C(promotions_digest_time), 0,
	    check_hhmm),
	INT("privacy.retain_days", 1, 36500, 90, C(privacy_retain_days)),

	/* issue 14, web: lapak-web (docs/WEB.md); web_rules() cross-checks */
	STR("web.listen", 0, "", C(web_listen), 0, check_listen),
	STR("web.base_url", 0, "", C(web_base_url), 0, check_base_url),
	STR("web.title", 1, "Lapak", C(web_title), 0, NULL),
	STR("web.regency", 0, "", C(web_regency), 0, check_place_code),
	{ "web.trusted_proxy", K_LIST, 0, 16, 0, "", NULL,
	    C(web_trusted_proxy), 0, 1, check_ip, NULL },
	{ "web.allow", K_LIST, 0, 64, 0, "", NULL, C(web_allow), 0, 1,
	    check_ip_prefix, NULL },
	INT("web.threads", 1, 16, 4, C(web_threads)),
	BOOL("web.public_officer_pages", 0, C(web_public_officer)),
	INT("web.nice", 0, 19, 10, C(web_nice)),
	/* issue 15, operators: secure by default (http_exposure below) */
	BOOL("http.insecure", 0, C(http_insecure)),
};

/* Keys of one smsc group. The ussd_* rows override the profile's map. */
static const struct conf_key smsc_keys[] = {
	STR("name", 1, "smsc", S(name), 0, check_name),
	STR("host", 1, NULL, S(host), F_REQUIRED, NULL),
	{ "port", K_INT, 1, 65535, 0, NULL, NULL, S(port), F_REQUIRED, 1,
	    NULL, NULL },
	STR("system_id", 1, NULL, S(system_id), F_REQUIRED, NULL),
	STR("password", 0, NULL, S(password), F_REQUIRED | F_SECRET, NULL),
	STR("system_type", 0, "", S(system_type), 0, NULL),
	{ "bind", K_CHOICE, 0, 0, 0, NULL, "transceiver|pair", S(bind_pair),
	    0, 1, NULL, NULL },
	STR("source_addr", 0, "", S(source_addr), 0, NULL),
	INT("source_ton", 0, 6, 0, S(source_ton)),
	INT("source_npi", 0, 18, 0, S(source_npi)),
	INT("dest_ton", 0, 6, 1, S(dest_ton)),
	INT("dest_npi", 0, 18, 1, S(dest_npi)),
	BOOL("gsm_packed", 0, S(gsm_packed)),
	INT("window", 1, 256, 10, S(window)),
	INT("tps", 0, 100000, 0, S(tps)),
	INT("enquire_link_ms", 100, 3600000, 30000, S(enquire_link_ms)),
	INT("response_timeout_ms", 100, 600000, 10000, S(response_timeout_ms)),
	INT("reconnect_min_ms", 10, 3600000, 1000, S(reconnect_min_ms)),
	INT("reconnect_max_ms", 10, 3600000, 60000, S(reconnect_max_ms)),
	INT("throttle_ms", 10, 600000, 1000, S(throttle_ms)),
	INT("max_pdu_bytes", 1024, 16777216, 65536, S(max_pdu_bytes)),
	BOOL("default_route", 0, S(default_route)),
	{ "ussd_profile", K_CHOICE_STR, 0, 0, 0, NULL, "default|umr|p2",
	    S(ussd_profile), 0, 1, NULL, NULL },
	STR("ussd_service_type", 0, NULL, S(ussd.service_type), 0, NULL),
	INT("ussd_op_start", 0, 255, 1, S(ussd.op_start)),
	INT("ussd_op_continue", 0, 255, 18, S(ussd.op_continue)),
	INT("ussd_op_abort", -1, 255, -1, S(ussd.op_abort)),
	INT("ussd_op_request", 0, 255, 2, S(ussd.op_request)),
	INT("ussd_op_response", 0, 255, 17, S(ussd.op_response)),
	{ "ussd_session", K_CHOICE, 0, 0, USSD_SID_ITS, NULL, "its|umr|none",
	    S(ussd.session_in), 0, 1, NULL, NULL },
	INT("ussd_data_coding", -1, 255, -1, S(ussd.data_coding)),
};

#define NKEYS(t)	(sizeof(t) / sizeof((t)[0]))

static const struct conf_key *
key_find(const struct conf_key *tab, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(tab[i].name, name) == 0)
			return &tab[i];
	return NULL;
}

/* Edit distance of two short names (longer ones count as far apart). */
static size_t
distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, row[64], diag, up;

	if (la >= 64 || lb >= 64)
		return 64;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* An unknown key, with the nearest known one of the table as a hint. */
static void
err_unknown(struct ld *ld, const config_setting_t *s, const char *full,
    const struct conf_key *tab, size_t n, const char *name)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = 3;

	for (i = 0; i < n; i++)
		if ((d = distance(name, tab[i].name)) < bestd) {
			bestd = d;
			best = tab[i].name;
		}
	if (best != NULL)
		ld_err(ld, s, 0, "%s: unknown key (did you mean %s?)", full,
		    best);
	else
		ld_err(ld, s, 0, "%s: unknown key", full);
}

/* Fields the ussd_* keys fill: skipped by defaults, the profile sets them. */
static bool
is_ussd_override(const struct conf_key *k)
{
	return strncmp(k->name, "ussd_", 5) == 0 &&
	    strcmp(k->name, "ussd_profile") != 0;
}

static void
key_default(const struct conf_key *k, void *base, const char *dir)
{
	char	*p = (char *)base + k->off;

	switch (k->kind) {
	case K_INT:
		if (k->flags & F_REQUIRED)
			break;
		put_int(base, k, k->def * k->scale);
		break;
	case K_BOOL:
	case K_CHOICE:
		put_int(base, k, k->def);
		break;
	case K_CHOICE_STR:
		choice_at(k->choices, k->def, p, k->size);
		break;
	case K_STR:
	case K_LIST:
		(void)strlcpy_ok(p, k->def_s ? k->def_s : "", k->size);
		break;
	case K_PATH:
		if (k->def_s[0] == '\0')	/* no default: stays "" */
			break;
		if (resolve_path((k->flags & F_DATADIR) ? conf_datadir() : dir,
		    k->def_s, p, k->size) == -1)
			(void)strlcpy_ok(p, k->def_s, k->size);
		break;
	case K_FUNC:
		break;
	}
}

static void
defaults_in(struct conf *cfg, const char *dir)
{
	size_t	i;

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < NKEYS(global_keys); i++)
		key_default(&global_keys[i], cfg, dir);
}

void
conf_defaults(struct conf *out)
{
	defaults_in(out, NULL);
}

int
conf_ussd_profile(const char *name, struct conf_ussd_map *out)
{
	struct conf_ussd_map	m;

	memset(&m, 0, sizeof(m));
	m.op_start = 1;
	m.op_continue = 18;
	m.op_abort = -1;
	m.op_request = 2;
	m.op_response = 17;
	m.session_in = USSD_SID_ITS;
	m.data_coding = -1;
	if (strcmp(name, "umr") == 0) {
		m.session_in = USSD_SID_UMR;
		m.op_abort = 0x81;
	} else if (strcmp(name, "p2") == 0) {
		(void)strlcpy_ok(m.service_type, "P2", sizeof(m.service_type));
		m.data_coding = 0x0F;
		m.session_in = USSD_SID_NONE;
	} else if (strcmp(name, "default") != 0)
		return -1;
	*out = m;
	return 0;
}

void
conf_smsc_defaults(struct conf_smsc *out)
{
	size_t	i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < NKEYS(smsc_keys); i++)
		if (!is_ussd_override(&smsc_keys[i]))
			key_default(&smsc_keys[i], out, NULL);
	(void)conf_ussd_profile("default", &out->ussd);
}

const char *
conf_datadir(void)
{
	return LAPAK_DATADIR;
}

/* A secret was found in s's file: refuse it when group or others can read. */
static void
secret_seen(struct ld *ld, const config_setting_t *s, const char *what)
{
	const char	*file = config_setting_source_file(s);
	struct stat	 st;

	if (file == NULL)
		file = ld->path;
	if (ld->secret_file != NULL && strcmp(ld->secret_file, file) == 0)
		return;
	if (stat(file, &st) == -1) {
		ld_err(ld, NULL, 0, "%s: %s", file, strerror(errno));
		ld->secret_file = file;
		return;
	}
	if ((st.st_mode & 044) == 0)
		return;
	ld->secret_file = file;
	/* Not through ld_err's file:line prefix: the whole file is at fault. */
	ld_err(ld, NULL, 0, "mode %04o lets other users read the %s; chmod 600 %s",
	    (unsigned)(st.st_mode & 07777), what, file);
}

/* Checks one setting against its key and stores it into base. */
static void
key_apply(struct ld *ld, const config_setting_t *s, const struct conf_key *k,
    const char *full, void *base)
{
	char		*p = (char *)base + k->off;
	const char	*v, *why;
	long long	 n;
	size_t		 len, maxlen;
	int		 type = config_setting_type(s);

	switch (k->kind) {
	case K_INT:
		if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64) {
			ld_err(ld, s, 0, "%s: expected an integer, not %s", full,
			    type_name(s));
			return;
		}
		n = config_setting_get_int64(s);
		if (n < k->min || n > k->max) {
			ld_err(ld, s, 0, "%s: %lld not in %lld..%lld", full, n,
			    k->min, k->max);
			return;
		}
		put_int(base, k, n * k->scale);
		return;
	case K_BOOL:
		if (type != CONFIG_TYPE_BOOL) {
			ld_err(ld, s, 0, "%s: expected true or false, not %s",
			    full, type_name(s));
			return;
		}
		put_int(base, k, config_setting_get_bool(s));
		return;
	case K_FUNC:
		k->fn(ld, s, k, base);
		return;
	case K_LIST:
		if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) {
			ld_err(ld, s, 0, "%s: expected a list of strings "
			    "[ \"a\", \"b\" ], not %s", full, type_name(s));
			return;
		}
		break;
	default:
		if (type != CONFIG_TYPE_STRING) {
			ld_err(ld, s, 0, "%s: expected a string, not %s", full,
			    type_name(s));
			return;
		}
		break;
	}

	if (k->kind == K_LIST) {
		int	i, cnt = config_setting_length(s);
		bool	ok = true;

		p[0] = '\0';
		if (cnt > k->max) {
			ld_err(ld, s, 0, "%s: more than %lld items", full,
			    k->max);
			return;
		}
		for (i = 0; i < cnt; i++) {
			const config_setting_t *e = config_setting_get_elem(s,
			    (unsigned)i);
			char	item[128];

			if (config_setting_type(e) != CONFIG_TYPE_STRING) {
				ld_err(ld, e, 0, "%s: item %d: expected a "
				    "string, not %s", full, i + 1, type_name(e));
				ok = false;
				continue;
			}
			v = config_setting_get_string(e);
			if (!strlcpy_ok(item, v, sizeof(item)) || item[0] == '\0' ||
			    strchr(item, ',') != NULL) {
				ld_err(ld, e, 0, "%s: item %d: \"%.40s\" is "
				    "empty, too long or holds a comma", full,
				    i + 1, v);
				ok = false;
				continue;
			}
			if (k->check != NULL && (why = k->check(item)) != NULL) {
				ld_err(ld, e, 0, "%s: \"%s\": %s", full, item,
				    why);
				ok = false;
				continue;
			}
			if (k->flags & F_UPPER)
				upcase(item);
			len = strlen(p);
			if (ok && snprintf(p + len, k->size - len, "%s%s",
			    len ? "," : "", item) >= (int)(k->size - len)) {
				ld_err(ld, s, 0, "%s: items longer than %zu "
				    "characters in all", full, k->size - 1);
				p[0] = '\0';
				return;
			}
		}
		if (!ok)
			p[0] = '\0';
		return;
	}

	v = config_setting_get_string(s);
	len = strlen(v);
	switch (k->kind) {
	case K_CHOICE:
	case K_CHOICE_STR:
		n = choice_find(k->choices, v);
		if (n < 0) {
			char		 list[128], item[32];
			long long	 i;
			size_t		 used = 0;

			list[0] = '\0';
			for (i = 0; i < choice_count(k->choices) &&
			    used < sizeof(list); i++)
				used += (size_t)snprintf(list + used,
				    sizeof(list) - used, "%s%s", i ? ", " : "",
				    choice_at(k->choices, i, item, sizeof(item)));
			ld_err(ld, s, 0, "%s: \"%.40s\" is not one of %s", full,
			    v, list);
			return;
		}
		if (k->kind == K_CHOICE)
			put_int(base, k, n);
		else
			(void)strlcpy_ok(p, v, k->size);
		return;
	case K_PATH:
		if (len == 0) {
			ld_err(ld, s, 0, "%s: empty path", full);
			return;
		}
		if (strcmp(v, ":memory:") == 0)	/* SQLite: no file */
			(void)strlcpy_ok(p, v, k->size);
		else if (resolve_path(ld->cfg->dir, v, p, k->size) == -1)
			ld_err(ld, s, 0, "%s: path too long", full);
		return;
	default:
		break;
	}

	/* K_STR */
	maxlen = k->size - 1;
	if (k->max >= 0 && (unsigned long long)k->max < maxlen)
		maxlen = (size_t)k->max;
	if (len > maxlen) {
		if (k->flags & F_SECRET)
			ld_err(ld, s, 0, "%s: longer than %zu characters%s", full,
			    maxlen, strcmp(k->name, "password") == 0 ?
			    " (SMPP limit)" : "");
		else
			ld_err(ld, s, 0, "%s: \"%.40s%s\" is longer than %zu "
			    "characters", full, v, len > 40 ? "..." : "",
			    maxlen);
		return;
	}
	if ((long long)len < k->min) {
		ld_err(ld, s, 0, "%s: must not be empty", full);
		return;
	}
	if (k->check != NULL && (why = k->check(v)) != NULL) {
		ld_err(ld, s, 0, "%s: \"%s\": %s", full, v, why);
		return;
	}
	memcpy(p, v, len + 1);
	if ((k->flags & F_SECRET) && len > 0)
		secret_seen(ld, s, strcmp(k->name, "password") == 0 ?
		    "SMSC password" : "http.secret");
}

static void
fn_own_numbers(struct ld *ld, const config_setting_t *s,
    const struct conf_key *k, void *base)
{
	struct conf	*cfg = base;
	int		 i, cnt;

	(void)k;
	cfg->nown = 0;
	if (!config_setting_is_array(s) && !config_setting_is_list(s)) {
		ld_err(ld, s, 0, "sms.own_numbers: expected a list of strings "
		    "[ \"6281100\" ], not %s", type_name(s));
		return;
	}
	cnt = config_setting_length(s);
	if (cnt > CONF_MAX_OWN) {
		ld_err(ld, s, 0, "sms.own_numbers: more than %d numbers",
		    CONF_MAX_OWN);
		return;
	}
	for (i = 0; i < cnt; i++) {
		const config_setting_t *e = config_setting_get_elem(s,
		    (unsigned)i);
		const char	*v;

		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			ld_err(ld, e, 0, "sms.own_numbers: item %d: expected a "
			    "string, not %s", i + 1, type_name(e));
			continue;
		}
		v = config_setting_get_string(e);
		if (v[0] == '+')
			v++;
		if (v[0] == '\0' || check_digits(v) != NULL ||
		    strlen(v) >= sizeof(cfg->own_numbers[0])) {
			ld_err(ld, e, 0, "sms.own_numbers: \"%.40s\": expected "
			    "1..%zu digits", config_setting_get_string(e),
			    sizeof(cfg->own_numbers[0]) - 1);
			continue;
		}
		memcpy(cfg->own_numbers[cfg->nown++], v, strlen(v) + 1);
	}
}

/* sms.aliases = { TUKU = "BELI"; TUMBAS = "BELI"; }; word = keyword. */
static void
fn_aliases(struct ld *ld, const config_setting_t *s, const struct conf_key *k,
    void *base)
{
	struct conf	*cfg = base;
	int		 i, cnt;

	(void)k;
	cfg->naliases = 0;
	if (!config_setting_is_group(s)) {
		ld_err(ld, s, 0, "sms.aliases: expected a group "
		    "{ TUKU = \"BELI\"; }, not %s", type_name(s));
		return;
	}
	cnt = config_setting_length(s);
	if (cnt > CONF_MAX_ALIAS) {
		ld_err(ld, s, 0, "sms.aliases: more than %d aliases",
		    CONF_MAX_ALIAS);
		return;
	}
	for (i = 0; i < cnt; i++) {
		const config_setting_t *e = config_setting_get_elem(s,
		    (unsigned)i);
		const char	*word = config_setting_name(e), *verb;
		struct conf_alias *a = &cfg->aliases[cfg->naliases];

		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			ld_err(ld, e, 0, "sms.aliases.%s: expected a keyword "
			    "string (\"BELI\"), not %s", word, type_name(e));
			continue;
		}
		verb = config_setting_get_string(e);
		if (strlen(word) >= sizeof(a->word)) {
			ld_err(ld, e, 0, "sms.aliases.%s: alias longer than %zu "
			    "characters", word, sizeof(a->word) - 1);
			continue;
		}
		if (conf_is_keyword(word)) {
			ld_err(ld, e, 0, "sms.aliases.%s: already a built-in "
			    "keyword", word);
			continue;
		}
		if (!conf_is_keyword(verb)) {
			ld_err(ld, e, 0, "sms.aliases.%s: \"%.40s\" is not an "
			    "SMS command keyword", word, verb);
			continue;
		}
		(void)strlcpy_ok(a->word, word, sizeof(a->word));
		(void)strlcpy_ok(a->verb, verb, sizeof(a->verb));
		upcase(a->word);
		upcase(a->verb);
		cfg->naliases++;
	}
}

/* ---- smsc ---- */

static void
smsc_one(struct ld *ld, const config_setting_t *g, bool in_list)
{
	struct conf		*cfg = ld->cfg;
	struct conf_smsc	*sc = &cfg->smsc[cfg->nsmsc];
	const config_setting_t	*m, *name, *rmax;
	bool			 seen[NKEYS(smsc_keys)];
	size_t			 i;
	int			 cnt, j;
	char			 full[96];

	memset(seen, 0, sizeof(seen));
	conf_smsc_defaults(sc);
	/* The profile first: explicit ussd_* keys then override its map. */
	m = config_setting_get_member(g, "ussd_profile");
	if (m != NULL && config_setting_type(m) == CONFIG_TYPE_STRING)
		(void)conf_ussd_profile(config_setting_get_string(m), &sc->ussd);

	cnt = config_setting_length(g);
	for (j = 0; j < cnt; j++) {
		const struct conf_key	*k;

		m = config_setting_get_elem(g, (unsigned)j);
		snprintf(full, sizeof(full), "smsc.%s", config_setting_name(m));
		k = key_find(smsc_keys, NKEYS(smsc_keys),
		    config_setting_name(m));
		if (k == NULL) {
			err_unknown(ld, m, full, smsc_keys, NKEYS(smsc_keys),
			    config_setting_name(m));
			continue;
		}
		seen[k - smsc_keys] = true;
		key_apply(ld, m, k, full, sc);
	}
	for (i = 0; i < NKEYS(smsc_keys); i++) {
		const struct conf_key *k = &smsc_keys[i];

		if (!seen[i] && ((k->flags & F_REQUIRED) ||
		    (in_list && strcmp(k->name, "name") == 0)))
			ld_err(ld, g, 0, "smsc.%s: missing (required%s)",
			    k->name, in_list && strcmp(k->name, "name") == 0 ?
			    " when smsc is a list" : "");
	}
	rmax = config_setting_get_member(g, "reconnect_max_ms");
	if (sc->reconnect_min_ms > sc->reconnect_max_ms)
		ld_err(ld, rmax ? rmax : g, 0, "smsc.reconnect_max_ms: %d is "
		    "below reconnect_min_ms %d", sc->reconnect_max_ms,
		    sc->reconnect_min_ms);

	name = config_setting_get_member(g, "name");
	for (i = 0; i < cfg->nsmsc; i++)
		if (strcmp(cfg->smsc[i].name, sc->name) == 0)
			ld_err(ld, name ? name : g, 0, "smsc.name: \"%s\" is "
			    "used by another smsc", sc->name);
	if (sc->default_route) {
		m = config_setting_get_member(g, "default_route");
		if (ld->default_line != 0)
			ld_err(ld, m, 0, "smsc.default_route: only one smsc may "
			    "be the default route (also line %u)",
			    ld->default_line);
		else
			ld->default_line = config_setting_source_line(m);
	}
	cfg->nsmsc++;
}

static void
smsc_load(struct ld *ld, const config_setting_t *s)
{
	struct conf	*cfg = ld->cfg;
	int		 i, cnt;

	if (config_setting_is_group(s)) {
		smsc_one(ld, s, false);
	} else if (config_setting_is_list(s)) {
		cnt = config_setting_length(s);
		if (cnt == 0)
			ld_err(ld, s, 0, "smsc: empty list; at least one smsc "
			    "group is required");
		if (cnt > CONF_MAX_SMSC) {
			ld_err(ld, s, 0, "smsc: %d SMSCs, at most %d", cnt,
			    CONF_MAX_SMSC);
			cnt = CONF_MAX_SMSC;
		}
		for (i = 0; i < cnt; i++) {
			const config_setting_t *e = config_setting_get_elem(s,
			    (unsigned)i);

			if (!config_setting_is_group(e)) {
				ld_err(ld, e, 0, "smsc: item %d: expected a "
				    "group { host = ...; }, not %s", i + 1,
				    type_name(e));
				continue;
			}
			smsc_one(ld, e, true);
		}
	} else {
		ld_err(ld, s, 0, "smsc: expected a group { } or a list of "
		    "groups ( { }, { } ), not %s", type_name(s));
		return;
	}
	if (cfg->nsmsc == 1)
		cfg->smsc[0].default_route = true;
	else if (cfg->nsmsc > 1 && ld->default_line == 0)
		cfg->smsc[0].default_route = true;
}

/* ---- routes: number prefixes -> link (programme.md section 0) ---- */

/* routes = ( { prefix = ["0811", "0812"]; link = "telkomsel"; }, ... );
 * Prefixes are kept as written until the country code is known
 * (routes_check). */
static void
routes_load(struct ld *ld, const config_setting_t *s)
{
	struct conf	*cfg = ld->cfg;
	int		 i, j, cnt, np;

	if (!config_setting_is_list(s)) {
		ld_err(ld, s, 0, "routes: expected a list of groups ( { prefix = "
		    "[\"0811\"]; link = \"name\"; } ), not %s", type_name(s));
		return;
	}
	cnt = config_setting_length(s);
	for (i = 0; i < cnt; i++) {
		const config_setting_t	*g = config_setting_get_elem(s,
		    (unsigned)i), *px, *lk, *m;
		const char		*link;

		if (!config_setting_is_group(g)) {
			ld_err(ld, g, 0, "routes: item %d: expected a group { "
			    "prefix = [...]; link = \"...\"; }", i + 1);
			continue;
		}
		for (j = 0; j < config_setting_length(g); j++) {
			m = config_setting_get_elem(g, (unsigned)j);
			if (strcmp(config_setting_name(m), "prefix") != 0 &&
			    strcmp(config_setting_name(m), "link") != 0)
				ld_err(ld, m, 0, "routes.%s: unknown key (known: "
				    "prefix, link)", config_setting_name(m));
		}
		px = config_setting_get_member(g, "prefix");
		lk = config_setting_get_member(g, "link");
		if (lk == NULL || (link = config_setting_get_string(lk)) ==
		    NULL) {
			ld_err(ld, lk != NULL ? lk : g, 0, "routes.link: missing "
			    "or not a string");
			continue;
		}
		if (px == NULL || (!config_setting_is_array(px) &&
		    config_setting_type(px) != CONFIG_TYPE_STRING)) {
			ld_err(ld, px != NULL ? px : g, 0, "routes.prefix: "
			    "missing; a string or an array of strings");
			continue;
		}
		np = config_setting_is_array(px) ? config_setting_length(px) : 1;
		for (j = 0; j < np; j++) {
			const config_setting_t	*e = config_setting_is_array(px) ?
			    config_setting_get_elem(px, (unsigned)j) : px;
			const char		*v = config_setting_get_string(e);
			struct conf_route	*r;

			if (cfg->nroutes == CONF_MAX_ROUTES) {
				ld_err(ld, e, 0, "routes: more than %d prefixes",
				    CONF_MAX_ROUTES);
				return;
			}
			if (v == NULL) {
				ld_err(ld, e, 0, "routes.prefix: not a string");
				continue;
			}
			r = &cfg->routes[cfg->nroutes++];
			r->line = config_setting_source_line(e);
			if (!strlcpy_ok(r->prefix, v, sizeof(r->prefix)) ||
			    !strlcpy_ok(r->link, link, sizeof(r->link)))
				ld_err(ld, e, 0, "routes: \"%s\" too long", v);
		}
	}
}

/* Once the whole file is read: every prefix to digits with the country
 * code, every link a configured SMSC's name. */
static void
routes_check(struct ld *ld)
{
	struct conf	*cfg = ld->cfg;
	char		 d[sizeof(cfg->routes[0].prefix)];
	const char	*p;
	size_t		 i, k, n;

	for (i = 0; i < cfg->nroutes; i++) {
		struct conf_route	*r = &cfg->routes[i];

		p = r->prefix[0] == '+' ? r->prefix + 1 : r->prefix;
		n = strlen(p);
		for (k = 0; k < n && p[k] >= '0' && p[k] <= '9'; k++)
			;
		if (n < 2 || k != n) {
			ld_err(ld, NULL, r->line, "routes.prefix: \"%s\" is not "
			    "a number prefix (digits, as 0811, 62811 or +62811)",
			    r->prefix);
			continue;
		}
		if (r->prefix[0] != '+' && p[0] == '0')
			snprintf(d, sizeof(d), "%s%s", cfg->country_code, p + 1);
		else
			snprintf(d, sizeof(d), "%s", p);
		memcpy(r->prefix, d, sizeof(d));
		for (k = 0; k < cfg->nsmsc; k++)
			if (strcmp(cfg->smsc[k].name, r->link) == 0)
				break;
		if (k == cfg->nsmsc)
			ld_err(ld, NULL, r->line, "routes.link: \"%s\" is no "
			    "smsc's name", r->link);
	}
}

const char *
conf_route_link(const struct conf *c, const char *e164)
{
	const char	*best = NULL;
	size_t		 i, n, bestn = 0;

	if (e164[0] != '+')
		return NULL;
	for (i = 0; i < c->nroutes; i++) {
		n = strlen(c->routes[i].prefix);
		if (n > bestn && strncmp(e164 + 1, c->routes[i].prefix, n) == 0) {
			best = c->routes[i].link;
			bestn = n;
		}
	}
	return best;
}

/* ---- the file ---- */

static bool
is_group_name(const char *name)
{
	size_t	i, n = strlen(name);

	for (i = 0; i < NKEYS(global_keys); i++)
		if (strncmp(global_keys[i].name, name, n) == 0 &&
		    global_keys[i].name[n] == '.')
			return true;
	return false;
}

static void
global_member(struct ld *ld, const config_setting_t *s, const char *full)
{
	const struct conf_key	*k;

	k = key_find(global_keys, NKEYS(global_keys), full);
	if (k == NULL) {
		err_unknown(ld, s, full, global_keys, NKEYS(global_keys), full);
		return;
	}
	key_apply(ld, s, k, full, ld->cfg);
}

static void
root_load(struct ld *ld, const config_setting_t *root)
{
	int	i, j, cnt = config_setting_length(root);
	bool	have_smsc = false;
	char	full[128];

	for (i = 0; i < cnt; i++) {
		const config_setting_t	*s = config_setting_get_elem(root,
		    (unsigned)i);
		const char		*name = config_setting_name(s);

		if (strcmp(name, "smsc") == 0) {
			have_smsc = true;
			smsc_load(ld, s);
		} else if (strcmp(name, "routes") == 0) {
			routes_load(ld, s);
		} else if (is_group_name(name)) {
			if (!config_setting_is_group(s)) {
				ld_err(ld, s, 0, "%s: expected a group { }, not "
				    "%s", name, type_name(s));
				continue;
			}
			for (j = 0; j < config_setting_length(s); j++) {
				const config_setting_t *m =
				    config_setting_get_elem(s, (unsigned)j);

				snprintf(full, sizeof(full), "%s.%s", name,
				    config_setting_name(m));
				global_member(ld, m, full);
			}
		} else
			global_member(ld, s, name);
	}
	if (!have_smsc)
		ld_err(ld, NULL, 0, "smsc: missing; at least one SMSC "
		    "connection (host, port, system_id, password) is required");
	routes_check(ld);
}

/* Regional languages: sms.default_lang must name a folder of
 * menus.templates (the languages are what that folder holds). */
static void
lang_folder(struct ld *ld, config_t *lc)
{
	const config_setting_t	*s = config_lookup(lc, "sms.default_lang");
	struct stat		 st;
	char			 p[PATH_MAX + LANG_SZ + 1];

	if (s == NULL || ld->nerr > 0)
		return;
	snprintf(p, sizeof(p), "%s/%s", ld->cfg->templates_dir,
	    ld->cfg->default_lang);
	if (stat(p, &st) == -1 || !S_ISDIR(st.st_mode))
		ld_err(ld, s, 0, "sms.default_lang: no language \"%s\" in "
		    "%s (one folder per language)", ld->cfg->default_lang,
		    ld->cfg->templates_dir);
}

/* issue 14, web (issue 15 item 7): lapak-web on a non-loopback address
 * needs web.allow or web.trusted_proxy (the officers' pages must not be
 * open to the world by accident), or the explicit override. */
static void
web_rules(struct ld *ld, config_t *lc)
{
	const struct conf	*c = ld->cfg;
	const config_setting_t	*s = config_lookup(lc, "web.listen");

	if (s == NULL || c->web_listen[0] == '\0' ||
	    conf_http_loopback(c->web_listen) || c->web_allow[0] != '\0' ||
	    c->web_trusted_proxy[0] != '\0' || c->web_public_officer)
		return;
	ld_err(ld, s, 0, "web.listen: \"%s\" is not a loopback address and "
	    "neither web.allow nor web.trusted_proxy is set: the officers' "
	    "pages would be open to anyone; set one of them (or "
	    "web.public_officer_pages = true)", c->web_listen);
}
bool
conf_http_loopback(const char *listen)
{
	struct in_addr	a4;
	struct in6_addr	a6;
	char		host[64], *colon;

	if (snprintf(host, sizeof(host), "%s", listen) >= (int)sizeof(host) ||
	    (colon = strrchr(host, ':')) == NULL)
		return false;
	*colon = '\0';
	if (host[0] == '[' && colon > host + 1 && colon[-1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	if (strcmp(host, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return false;
}

/* issue 15, operators (secure by default): anyone who reaches the HTTP
 * listener can act as any phone number through POST /ussd, so a listener
 * on an address other hosts can reach needs http.secret or http.allow;
 * http.insecure = true runs one anyway (test rigs; lapakd warns). */
static void
http_exposure(struct ld *ld, config_t *lc)
{
	const struct conf	*c = ld->cfg;
	const config_setting_t	*s = config_lookup(lc, "http.listen");

	if (s == NULL || c->http_listen[0] == '\0' ||
	    conf_http_loopback(c->http_listen) || c->http_secret[0] != '\0' ||
	    c->http_allow[0] != '\0' || c->http_insecure)
		return;
	ld_err(ld, s, 0, "http.listen: \"%s\" is reachable from other hosts "
	    "and anyone there could act as any phone number: set http.secret "
	    "or http.allow (or listen on 127.0.0.1; http.insecure = true only "
	    "for a test rig)", c->http_listen);
}

/* dir[PATH_MAX]: the absolute folder of path (as given if that fails). */
static int
dir_of(const char *path, char *dir)
{
	char	given[PATH_MAX], *slash, *real;

	if (!strlcpy_ok(given, path, sizeof(given)))
		return -1;
	slash = strrchr(given, '/');
	if (slash == NULL)
		(void)strlcpy_ok(given, ".", sizeof(given));
	else if (slash == given)
		given[1] = '\0';
	else
		*slash = '\0';
	real = realpath(given, NULL);
	(void)strlcpy_ok(dir, real ? real : given, PATH_MAX);
	free(real);
	return 0;
}

int
conf_load(const char *path, struct conf *out, char *err, size_t errlen)
{
	struct ld	 ld;
	config_t	 lc;
	FILE		*fp;
	char		 dir[PATH_MAX];

	memset(&ld, 0, sizeof(ld));
	ld.path = path;
	ld.err = err;
	ld.errlen = errlen;
	ld.cfg = out;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	memset(out, 0, sizeof(*out));
	if (strlen(path) >= sizeof(out->path) || dir_of(path, dir) == -1) {
		ld_err(&ld, NULL, 0, "path too long");
		return -1;
	}
	defaults_in(out, dir);
	(void)strlcpy_ok(out->path, path, sizeof(out->path));
	(void)strlcpy_ok(out->dir, dir, sizeof(out->dir));

	if ((fp = fopen(path, "r")) == NULL) {
		ld_err(&ld, NULL, 0, "%s", strerror(errno));
		return -1;
	}
	config_init(&lc);
	config_set_include_dir(&lc, out->dir);
	if (config_read(&lc, fp) != CONFIG_TRUE) {
		const char *file = config_error_file(&lc);

		ld.path = file ? file : path;
		ld_err(&ld, NULL, (unsigned)config_error_line(&lc), "%s",
		    config_error_text(&lc));
	} else {
		root_load(&ld, config_root_setting(&lc));
		lang_folder(&ld, &lc);
		web_rules(&ld, &lc);	/* issue 14, web */
		http_exposure(&ld, &lc);	/* issue 15, operators */
	}
	config_destroy(&lc);
	fclose(fp);
	return ld.nerr ? -1 : 0;
}

void
conf_apply_zone(const struct conf *c)
{
	setenv("TZ", c->time_zone, 1);
	tzset();
}

int
conf_check_file(const char *path, char *err, size_t errlen)
{
	struct conf	*cfg = xmalloc(sizeof(*cfg));
	int		 rc;

	rc = conf_load(path, cfg, err, errlen);
	free(cfg);
	return rc;
}

/* ---- issue 15, man pages: the key table as text (conf_key_doc) ---- */

/* What a key's range is, in words, from its row. */
static void
doc_range(const struct conf_key *k, char *buf, size_t len)
{
	long long	maxlen;
	size_t		n;

	buf[0] = '\0';
	switch (k->kind) {
	case K_INT:
		snprintf(buf, len, "%lld..%lld", k->min, k->max);
		break;
	case K_BOOL:
		snprintf(buf, len, "true|false");
		break;
	case K_STR:
		maxlen = (long long)k->size - 1;
		if (k->max >= 0 && k->max < maxlen)
			maxlen = k->max;
		if (k->min > 0)
			snprintf(buf, len, "%lld..%lld characters", k->min, maxlen);
		else
			snprintf(buf, len, "at most %lld characters", maxlen);
		break;
	case K_PATH:
		snprintf(buf, len, "a file name; relative: to the %s",
		    (k->flags & F_DATADIR) ? "data folder" : "config's folder");
		break;
	case K_CHOICE:
	case K_CHOICE_STR:
		snprintf(buf, len, "%s", k->choices);
		break;
	case K_LIST:
	case K_FUNC:
		snprintf(buf, len, "at most %lld items", k->max);
		break;
	}
	if (k->flags & F_SECRET) {
		n = strlen(buf);
		snprintf(buf + n, len - n, "; secret: the file must be 0600");
	}
}

/* A key's default, in the file's syntax. */
static void
doc_default(const struct conf_key *k, char *buf, size_t len)
{
	char	item[64];

	if (k->flags & F_REQUIRED) {
		snprintf(buf, len, "(required)");
		return;
	}
	if (is_ussd_override(k)) {
		snprintf(buf, len, "(the ussd_profile's)");
		return;
	}
	switch (k->kind) {
	case K_INT:
		snprintf(buf, len, "%lld", k->def);
		break;
	case K_BOOL:
		snprintf(buf, len, "%s", k->def ? "true" : "false");
		break;
	case K_CHOICE:
	case K_CHOICE_STR:
		snprintf(buf, len, "\"%s\"", choice_at(k->choices, k->def, item,
		    sizeof(item)));
		break;
	case K_STR:
		snprintf(buf, len, "\"%s\"", k->def_s ? k->def_s : "");
		break;
	case K_PATH:
		if (k->def_s[0] == '\0')
			snprintf(buf, len, "(none)");
		else
			snprintf(buf, len, "\"%s\"", k->def_s);
		break;
	case K_LIST:
		snprintf(buf, len, "[ ]");
		break;
	case K_FUNC:
		snprintf(buf, len, k->fn == fn_aliases ? "{ }" : "[ ]");
		break;
	}
}

static const char *
doc_type(const struct conf_key *k)
{
	switch (k->kind) {
	case K_INT:		return "integer";
	case K_BOOL:		return "boolean";
	case K_STR:		return "string";
	case K_PATH:		return "path";
	case K_CHOICE:
	case K_CHOICE_STR:	return "choice";
	case K_LIST:		return "list of strings";
	case K_FUNC:
		return k->fn == fn_aliases ? "group of WORD = \"KEYWORD\"" :
		    "list of strings";
	}
	return "?";
}

bool
conf_key_doc(size_t i, struct conf_key_doc *out)
{
	const struct conf_key	*k;
	const char		*prefix = "";

	memset(out, 0, sizeof(*out));
	if (i < NKEYS(global_keys))
		k = &global_keys[i];
	else if (i - NKEYS(global_keys) < NKEYS(smsc_keys)) {
		k = &smsc_keys[i - NKEYS(global_keys)];
		prefix = "smsc.";
	} else
		return false;
	snprintf(out->name, sizeof(out->name), "%s%s", prefix, k->name);
	out->type = doc_type(k);
	doc_range(k, out->range, sizeof(out->range));
	doc_default(k, out->def, sizeof(out->def));
	out->what = conf_key_what(out->name);
	out->secret = (k->flags & F_SECRET) != 0;
	return true;
}
