/* Configuration: libconfig files -> a validated, immutable struct conf.
 * conf/ is the only module that includes <libconfig.h>. Every key is checked
 * against a table (type, range, default); errors are "file:line: text", all
 * collected before failing. */
#ifndef LAPAK_CONF_H
#define LAPAK_CONF_H
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/action.h"	/* LANG_SZ */

#define CONF_MAX_SMSC	8
#define CONF_MAX_ALIAS	64
#define CONF_MAX_OWN	8

/* How USSD travels over one SMSC's SMPP link (interfaces.md, USSD). */
enum conf_ussd_sid { USSD_SID_ITS, USSD_SID_UMR, USSD_SID_NONE };
struct conf_ussd_map {
	char	service_type[6];	/* "" = any; else must match ("USSD", "P2") */
	int	op_start;		/* inbound ussd_service_op: 1 */
	int	op_continue;		/* 18 */
	int	op_abort;		/* -1 = abort only by the its end bit; 0x81 */
	int	op_request;		/* outbound, expects an answer: 2 */
	int	op_response;		/* outbound, last screen: 17 */
	enum conf_ussd_sid session_in;	/* where the session id travels */
	int	data_coding;		/* -1: GSM-7 default; 0x0F for "P2" */
};

#define CONF_MAX_ROUTES	64	/* routes: prefixes in all */

struct conf_smsc {
	char	name[32];
	char	host[256];
	int	port;
	char	system_id[16];
	char	password[9];
	char	system_type[13];
	bool	bind_pair;		/* false: bind_transceiver; true: tx + rx */
	char	source_addr[21];	/* our short code for MT */
	int	source_ton, source_npi;
	int	dest_ton, dest_npi;	/* MT destination: default 1/1, no '+' */
	bool	gsm_packed;		/* data_coding 0 packed 7-bit; default false */
	int	window;			/* outstanding submit_sm, 1..256, default 10 */
	int	tps;			/* submits per second, 0 = no cap */
	int	enquire_link_ms;	/* idle keepalive, default 30000 */
	int	response_timeout_ms;	/* no resp in this time: reconnect, default 10000 */
	int	reconnect_min_ms;	/* backoff start, default 1000 */
	int	reconnect_max_ms;	/* backoff cap, default 60000 */
	int	throttle_ms;		/* pause after ESME_RTHROTTLED/RMSGQFUL, default 1000 */
	uint32_t max_pdu_bytes;		/* larger command_length drops the link, default 65536 */
	bool	default_route;		/* MT to numbers never seen go here */
	char	ussd_profile[16];	/* "default", "umr", "p2" */
	struct conf_ussd_map ussd;
};

struct conf_alias {
	char	word[16];		/* "TUKU" */
	char	verb[16];		/* canonical keyword it stands for: "BELI" */
};

struct conf {
	char	path[PATH_MAX];		/* the file as given */
	char	dir[PATH_MAX];		/* its folder: relative paths resolve here */

	struct conf_smsc smsc[CONF_MAX_SMSC];
	size_t	nsmsc;

	char	store_path[PATH_MAX];	/* resolved */
	bool	store_durable;		/* synchronous=FULL (default true) */

	int	confirm_timeout_s;	/* orders.confirm_timeout 1800 */
	int	accept_timeout_s;	/* orders.accept_timeout 86400 */
	int	max_pending;		/* orders.max_pending 3 */
	int	confirm_attempts;	/* orders.confirm_attempts 3 */

	int	mo_per_minute;		/* limits.mo_per_minute 20; 0 = off */
	int	repeat_window_s;	/* limits.repeat_window 120 */

	int	validity_s;		/* outbox.validity 3600 */
	int	drain_ms;		/* outbox.drain_ms 5000: SIGTERM drain */
	int	retry_max;		/* outbox.retry_max 10 temporary failures */
	int	concat_timeout_s;	/* sms.concat_timeout 300 */
	char	default_lang[LANG_SZ];	/* "id"; any templates folder */
	char	country_code[5];	/* "62" */
	char	own_numbers[CONF_MAX_OWN][21];	/* never answered (loops); digits, no '+' */
	size_t	nown;

	char	time_zone[64];	/* time.zone "Asia/Jakarta": local days */

	char	places_scope[32];	/* places.scope, "" = all loaded */
	int	places_choose_s;	/* places.choose_timeout 600 */

	bool	agents_pin_required;	/* agents.pin_required false */
	int	agents_consent_s;	/* agents.consent_timeout 1200 */
	int	agents_requests_per_day;	/* agents.requests_per_day 20 */
	int	agents_per_number_day;	/* agents.assistants_per_seller 3:
					 * different assistants asking one
					 * number a day */
	int	agents_declined_days;	/* agents.declined_days 30: no new
					 * request after TIDAK */

	/* issue 13 (programme.md sections 4-6) */
	int	couriers_max_jobs;	/* couriers.max_jobs 3: undelivered
					 * jobs a free courier holds fewer of */
	int	couriers_pickup_s;	/* couriers.pickup_timeout 14400 */
	int	deliver_timeout_s;	/* orders.deliver_timeout 1209600:
					 * shipped -> delivered */
	int	max_failed_deliveries;	/* orders.max_failed_deliveries 2,
					 * in 90 days */
	int	promotions_share;	/* promotions.share 20: percent of a
					 * link's send rate */
	char	promotions_digest_time[6];	/* promotions.digest_time
						 * "08:00", local */
	int	privacy_retain_days;	/* privacy.retain_days 90: stored
					 * message bodies */

	/* issue 12, marketplace export */
	char	export_categories[PATH_MAX];	/* export.categories: keyword
						 * -> category file, resolved;
						 * "" = none */

	char	ussd_service_code[32];	/* "*123*45#" */
	int	ussd_session_timeout_s;	/* 120 */
	int	ussd_resume_s;		/* 300: redial within this offers resume */
	bool	ussd_receipt_sms;	/* true */

	char	http_listen[64];	/* "" = off */
	char	http_secret[64];	/* "" = none */
	char	http_allow[256];	/* comma-separated source IPs ("a,b"), "" = any */

	unsigned long long pin_opslimit;	/* crypto_pwhash opslimit, default 1 (min) */
	size_t	pin_memlimit;		/* bytes; pin.memlimit_kb 8192 (8 MiB, ~3 ms) */
	int	pin_max_fail;		/* 5 */
	int	pin_lock_s;		/* 1800 */

	char	menus_path[PATH_MAX];	/* default: shipped menus/default.cfg */
	char	templates_dir[PATH_MAX];/* default: shipped menus/templates, one folder per language */
	struct conf_alias aliases[CONF_MAX_ALIAS];	/* sms.aliases, upper case */
	size_t	naliases;
	char	pin_commands[128];	/* comma-separated upper-case keywords that need
					 * a trailing PIN over SMS ("JUAL,HAPUS"), "" = none */

	/* routes (programme.md section 0): number prefixes -> link for an MT to
	 * a number that never wrote in. prefix: digits with the country code,
	 * no '+' ("62811" for 0811, 62811 or +62811). */
	struct conf_route {
		char		prefix[16];
		char		link[32];
		unsigned	line;		/* where it was written */
	}	routes[CONF_MAX_ROUTES];
	size_t	nroutes;

	char	handler[16];		/* "commerce" (default) or "echo" */
	int	log_level;		/* enum log_level: 0 err .. 3 debug, default 2 info */

	/* issue 14, web: lapak-web (docs/WEB.md) */
	char	web_listen[64];		/* web.listen "host:port", "" = off */
	char	web_base_url[256];	/* web.base_url "https://..." or "" */
	char	web_title[128];		/* web.title "Lapak" */
	char	web_regency[32];	/* web.regency: the place code "/" shows */
	char	web_trusted_proxy[512];	/* comma-separated IPs whose
					 * X-Forwarded-For is believed */
	char	web_allow[1024];	/* comma-separated IPs or prefixes
					 * (a.b.c.0/24) that may reach the
					 * officer pages; "" = any */
	int	web_threads;		/* web.threads 4: worker threads */
	bool	web_public_officer;	/* web.public_officer_pages false:
					 * override of the listen rule */
	/* issue 15, operators (secure by default): http.insecure lets an HTTP
	 * listener other hosts can reach run with neither http.secret nor
	 * http.allow (test rigs only; lapakd warns at every start). */
	bool	http_insecure;		/* false */
	int	web_nice;		/* web.nice 10: lapak-web's nice
					 * value, below lapakd (0..19) */
};

/* issue 15, operators: true when listen ("host:port", http.listen) binds
 * loopback only: 127.0.0.0/8, ::1 ([::1]) or localhost. */
bool	conf_http_loopback(const char *listen);

/* Loads and validates path into *out (zeroed first, then defaults). On failure
 * returns -1 and writes every error, one "file:line: key: what" per line (no
 * trailing newline), into err[errlen]; *out is then unspecified. A file whose
 * SMSC password or http.secret is readable by group or others is refused.
 * Passwords are never written into err. */
int	conf_load(const char *path, struct conf *out, char *err, size_t errlen);

/* Makes c->time_zone the process's local time (TZ), for days and months
 * of reports and timers. Call once at start, before any thread. */
void	conf_apply_zone(const struct conf *c);

/* Validates path without keeping the result (lapakctl check, -n). Same return
 * and err contract as conf_load. */
int	conf_check_file(const char *path, char *err, size_t errlen);

/* Fills *out with every default (no SMSC; paths as in conf/lapak.cfg, with
 * store_path relative to the working directory). */
void	conf_defaults(struct conf *out);

/* Fills *out with every per-SMSC default (ussd_profile "default"); name,
 * host, system_id and password are left empty, port 0. */
void	conf_smsc_defaults(struct conf_smsc *out);

/* Fills *out with the USSD mapping of a named profile: "default" (ITS session
 * info, ops 1/18 in, 2/17 out), "umr" (session id in user_message_reference,
 * abort op 0x81), "p2" (service_type "P2", data_coding 0x0F, sessions keyed by
 * number only). Returns -1 for an unknown name, leaving *out untouched. */
int	conf_ussd_profile(const char *name, struct conf_ussd_map *out);

/* True when word is one of the built-in SMS keywords of commands.md (either
 * language, case-insensitive): what aliases and pin_commands may name. */
bool	conf_is_keyword(const char *word);

/* The link routes send an MT to e164 ("+62811...") on: the longest
 * matching prefix's, or NULL (the caller's default: the first link). */
const char *conf_route_link(const struct conf *c, const char *e164);

/* Where shipped data (menus, templates) lives: LAPAK_DATADIR at build time. */
const char *conf_datadir(void);

/* issue 15, man pages: the key table as text, for lapak.cfg(5) and
 * `lapakctl keys` (one source with the checks, so they cannot disagree). */
struct conf_key_doc {
	char		 name[64];	/* "orders.confirm_timeout", "smsc.port" */
	const char	*type;		/* "integer", "boolean", "string", ... */
	char		 range[160];	/* "1..2592000", "at most 15 characters" */
	char		 def[96];	/* "1800", "true", "\"id\"", "(required)" */
	const char	*what;		/* one line (conf/keydoc.c); NULL: none */
	bool		 secret;	/* never printed; file must be private */
};
/* Fills *out with the i-th key (every global key, then each smsc group's
 * as "smsc.KEY"); returns false past the last. */
bool	conf_key_doc(size_t i, struct conf_key_doc *out);
/* The one-line description of a key (conf/keydoc.c), NULL when it has none;
 * conf_key_what_at(i) is the name of the i-th key described (NULL past the
 * last), so a test can find descriptions of keys that do not exist. */
const char *conf_key_what(const char *name);
const char *conf_key_what_at(size_t i);

#endif
