/* One line on each key of conf.c's tables, for lapak.cfg(5) and `lapakctl
 * keys` (issue 15). Kept apart so rows of the key table stay as they are;
 * tests/unit/test_conf_keys.c fails on a key without a line here or a line
 * for a key that does not exist. Say what the key does; the type, range and
 * default come from the table itself. */
#include <stddef.h>
#include <string.h>

#include "conf/conf.h"

static const struct {
	const char	*name;
	const char	*what;
} keydoc[] = {
	{ "store.path", "The SQLite database; \":memory:\" keeps none (tests "
	    "only). Its folder holds the WAL and the pid file." },
	{ "store.durable", "true: every commit is flushed (fdatasync) before "
	    "its acks and replies go out; false: a power cut may lose the last "
	    "commits." },
	{ "orders.confirm_timeout", "Seconds a pending order waits for the "
	    "buyer's YA before it expires." },
	{ "orders.accept_timeout", "Seconds a confirmed order waits for the "
	    "seller to accept before it expires." },
	{ "orders.max_pending", "Pending orders one buyer may hold at once." },
	{ "orders.confirm_attempts", "Wrong YA codes allowed per order." },
	{ "limits.mo_per_minute", "Messages per number per minute, with a "
	    "burst of the same size; 0: no limit." },
	{ "limits.repeat_window", "Seconds within which the same state-changing "
	    "command sent again unchanged counts as a repeat; 0: off." },
	{ "outbox.validity", "Seconds a reply may stay queued before it is "
	    "dropped as expired." },
	{ "outbox.drain_ms", "On SIGTERM, milliseconds to wait for submits in "
	    "flight." },
	{ "outbox.retry_max", "Temporary failures before a reply is given up." },
	{ "sms.concat_timeout", "Seconds the parts of a long SMS wait for the "
	    "rest." },
	{ "sms.default_lang", "Language of replies to numbers that chose none: "
	    "a folder of menus.templates (id, en, jv, ...)." },
	{ "sms.country_code", "Country calling code, digits; how local 08... "
	    "numbers are read." },
	{ "sms.own_numbers", "Our own numbers and short codes, never answered "
	    "(stops reply loops)." },
	{ "sms.aliases", "Extra keywords: ALIAS = \"KEYWORD\", the keyword a "
	    "built-in command (TUKU = \"BELI\")." },
	{ "sms.pin_commands", "Commands that need the seller's PIN as the last "
	    "field over SMS (\"HAPUS\", \"TERIMA\")." },
	{ "time.zone", "Local time for days and months (reports, timers): a "
	    "name of /usr/share/zoneinfo." },
	{ "places.scope", "A province or regency code: DAFTAR matches villages "
	    "only under it; \"\": every loaded place." },
	{ "places.choose_timeout", "Seconds a seller whose village matched "
	    "several places has to answer DESA <n>." },
	{ "agents.pin_required", "true: an assistant's PIN is the last field "
	    "of every UNTUK." },
	{ "agents.consent_timeout", "Seconds a consent code (SETUJU <code>) "
	    "stays valid." },
	{ "agents.requests_per_day", "DAMPINGI requests per assistant per local "
	    "day." },
	{ "export.categories", "lapakctl export's file of keyword<TAB>category "
	    "code lines." },
	{ "ussd.service_code", "The USSD code users dial." },
	{ "ussd.session_timeout", "Seconds after which an idle USSD session "
	    "closes." },
	{ "ussd.resume", "Seconds within which dialling again offers to "
	    "continue the last session; 0: off." },
	{ "ussd.receipt_sms", "One SMS with the order code after a purchase "
	    "over USSD." },
	{ "http.listen", "Address:port of the HTTP listener (USSD callback, "
	    "/metrics, /status); \"\": off." },
	{ "http.secret", "Shared secret HTTP callers must send; \"\": none." },
	{ "http.allow", "Source addresses allowed to call the HTTP listener; "
	    "empty: any." },
	{ "pin.opslimit", "Argon2id passes per PIN hash." },
	{ "pin.memlimit_kb", "Argon2id memory per PIN hash, KiB." },
	{ "pin.max_fail", "Wrong PINs before PIN use locks." },
	{ "pin.lock_time", "Seconds a PIN lock lasts (lapakctl pin-unlock lifts "
	    "it)." },
	{ "menus.file", "The USSD menu tree (default: the shipped one)." },
	{ "menus.templates", "Reply templates: one folder per language, each "
	    "holding *.cfg files; id and en must be complete." },
	{ "handler", "What answers messages: \"commerce\" (Lapak's commands) or "
	    "\"echo\" (every SMS back, for link tests)." },
	{ "log.level", "Lowest level logged (lapakd -d: debug)." },
	{ "agents.assistants_per_seller", "Different assistants that may ask "
	    "one number per local day." },
	{ "agents.declined_days", "Days an assistant may not ask a number again "
	    "after TIDAK." },
	{ "couriers.max_jobs", "Undelivered jobs at which a courier is no "
	    "longer free." },
	{ "couriers.pickup_timeout", "Seconds a job waits to be picked up "
	    "(AMBIL) before it is unassigned." },
	{ "orders.deliver_timeout", "Seconds after which a shipped order not "
	    "confirmed becomes delivered." },
	{ "orders.max_failed_deliveries", "Failed deliveries in 90 days above "
	    "which a buyer's BELI is refused." },
	{ "promotions.share", "Percent of each link's send rate promotions may "
	    "use." },
	{ "promotions.digest_time", "Local time (HH:MM) of the daily digest of "
	    "new products." },
	{ "privacy.retain_days", "Days after which stored message bodies are "
	    "erased (counts kept)." },

	/* issue 14, web: lapak-web (docs/WEB.md) */
	{ "web.listen", "lapak-web's address, e.g. \"127.0.0.1:8081\"; \"\": "
	    "lapak-web does not start." },
	{ "web.base_url", "The public address of the catalogue (behind a "
	    "proxy); https:// marks the officers' cookies Secure." },
	{ "web.title", "The site's name in every page's title and header." },
	{ "web.regency", "The places code (a regency) whose districts, "
	    "villages, shops and products the catalogue shows; \"\": all." },
	{ "web.trusted_proxy", "Proxies (IPs) whose X-Forwarded-For is "
	    "believed for login limits and web.allow." },
	{ "web.allow", "Addresses or prefixes allowed to reach the officers' "
	    "pages; empty: any (the catalogue is always public)." },
	{ "web.threads", "Worker threads, each with its own read-only store "
	    "connection." },
	{ "web.nice", "lapak-web's nice value (0-19), set at start so its "
	    "workers yield the CPU to lapakd." },
	{ "web.public_officer_pages", "true: allow a non-loopback web.listen "
	    "with neither web.allow nor web.trusted_proxy (logged as a "
	    "warning)." },
	/* issue 15, operators: secure by default */
	{ "http.insecure", "true: allow a non-loopback http.listen with "
	    "neither http.secret nor http.allow (test rigs; logged as a "
	    "warning at every start)." },

	/* smsc = { ... } or smsc = ( { ... }, ... ): one group per link */
	{ "smsc.name", "The link's name in logs, routes and metrics; required "
	    "and unique in a list." },
	{ "smsc.host", "The SMSC's address." },
	{ "smsc.port", "The SMSC's SMPP port." },
	{ "smsc.system_id", "SMPP system_id to bind with." },
	{ "smsc.password", "SMPP password (\"\" allowed)." },
	{ "smsc.system_type", "SMPP system_type to bind with." },
	{ "smsc.bind", "One transceiver bind, or a pair (transmitter and "
	    "receiver)." },
	{ "smsc.source_addr", "Our short code or sender for MT; \"\": the SMSC "
	    "decides." },
	{ "smsc.source_ton", "TON of source_addr (0 unknown, 1 international, "
	    "5 alphanumeric)." },
	{ "smsc.source_npi", "NPI of source_addr (0 unknown, 1 E.164)." },
	{ "smsc.dest_ton", "TON of MT destinations (international form, no "
	    "'+')." },
	{ "smsc.dest_npi", "NPI of MT destinations." },
	{ "smsc.gsm_packed", "true: data_coding 0 sent packed 7-bit; false: one "
	    "septet per octet." },
	{ "smsc.window", "submit_sm outstanding at once." },
	{ "smsc.tps", "Submits per second; 0: no cap." },
	{ "smsc.enquire_link_ms", "Keepalive interval when the link is idle." },
	{ "smsc.response_timeout_ms", "No response within this: the link "
	    "reconnects." },
	{ "smsc.reconnect_min_ms", "Reconnect backoff starts here and doubles."
	    },
	{ "smsc.reconnect_max_ms", "Reconnect backoff cap (at least "
	    "reconnect_min_ms)." },
	{ "smsc.throttle_ms", "Pause after ESME_RTHROTTLED or ESME_RMSGQFUL." },
	{ "smsc.max_pdu_bytes", "A larger command_length drops the link." },
	{ "smsc.default_route", "MT to numbers never seen goes here; at most "
	    "one in a list (none: the first)." },
	{ "smsc.ussd_profile", "How USSD travels over SMPP: its_session_info, "
	    "user_message_reference, or service_type P2." },
	{ "smsc.ussd_service_type", "Inbound USSD must carry this service_type; "
	    "\"\": any." },
	{ "smsc.ussd_op_start", "Inbound ussd_service_op of a session start." },
	{ "smsc.ussd_op_continue", "Inbound ussd_service_op of the user's "
	    "answer." },
	{ "smsc.ussd_op_abort", "Inbound ussd_service_op of an abort; -1: only "
	    "by the its end bit." },
	{ "smsc.ussd_op_request", "Outbound ussd_service_op of a screen that "
	    "expects an answer." },
	{ "smsc.ussd_op_response", "Outbound ussd_service_op of the last "
	    "screen." },
	{ "smsc.ussd_session", "Where the session id travels." },
	{ "smsc.ussd_data_coding", "-1: GSM 03.38 default; 0..255: forced "
	    "data_coding." },
};

const char *
conf_key_what(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(keydoc) / sizeof(keydoc[0]); i++)
		if (strcmp(keydoc[i].name, name) == 0)
			return keydoc[i].what;
	return NULL;
}

const char *
conf_key_what_at(size_t i)
{
	return i < sizeof(keydoc) / sizeof(keydoc[0]) ? keydoc[i].name : NULL;
}
