/* Privacy over the SQLite store: erasure, its sweep, retention, export and
 * the operator block (store/privacy.h). Every statement is prepared once;
 * values are bound by name, each statement taking the names it uses. */
#include <ctype.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "store/privacy.h"
#include "store/store_internal.h"
#include "store/tag.h"

#define REDACT_MARK	"***"
#define SWEEP_GRACE_MS	2000	/* rows written with the erasure's reply */
#define SWEEP_LATEST_S	86400	/* a reply never sent: swept after a day */

/* The values a statement may name. */
struct pv {
	const char	*num;		/* :num  +6281234567890 */
	const char	*n62;		/* :n62  6281234567890 */
	const char	*n0;		/* :n0   081234567890 */
	const char	*shop;		/* :shop */
	const char	*ps;		/* :ps   the pseudonym */
	const char	*tag;		/* :tag  "t" + store_tag() */
	int64_t		 now;		/* :now  seconds */
	int64_t		 upto;		/* :upto ms: message rows up to it */
};

/* lapak_redact(text, needle...): text with every needle (ASCII case
 * ignored; empty ones skipped) replaced by REDACT_MARK. */
static void
redact_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*t;
	char		*out, *w;
	size_t		 n, cap, i;
	int		 k;
	bool		 hit = false;

	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	t = (const char *)sqlite3_value_text(argv[0]);
	n = (size_t)sqlite3_value_bytes(argv[0]);
	cap = n * (sizeof(REDACT_MARK)) + 1;
	out = w = xmalloc(cap);
	for (i = 0; i < n;) {
		for (k = 1; k < argc; k++) {
			const char *nd = (const char *)sqlite3_value_text(argv[k]);
			size_t	    m = nd != NULL ? strlen(nd) : 0;

			if (m > 0 && m <= n - i && strncasecmp(t + i, nd, m) == 0) {
				memcpy(w, REDACT_MARK, sizeof(REDACT_MARK) - 1);
				w += sizeof(REDACT_MARK) - 1;
				i += m;
				hit = true;
				break;
			}
		}
		if (k == argc)
			*w++ = t[i++];
	}
	*w = '\0';
	if (hit)
		sqlite3_result_text(ctx, out, (int)(w - out), SQLITE_TRANSIENT);
	else
		sqlite3_result_value(ctx, argv[0]);
	free(out);
}

static int
redact_ready(struct store *st)
{
	if (st->redact_fn)
		return 0;
	if (sqlite3_create_function(st->db, "lapak_redact", -1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, redact_fn, NULL,
	    NULL) != SQLITE_OK)
		return -1;
	st->redact_fn = true;
	return 0;
}

static void
bind_name(sqlite3_stmt *s, const char *name, const char *v)
{
	int	i = sqlite3_bind_parameter_index(s, name);

	if (i > 0)
		sqlite3_bind_text(s, i, v != NULL ? v : "", -1,
		    SQLITE_TRANSIENT);
}

/* Binds what sql names of v, steps once. */
static enum store_rc
pv_run(struct store *st, const char *sql, const struct pv *v)
{
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 i;

	if (s == NULL)
		return STORE_ERR;
	bind_name(s, ":num", v->num);
	bind_name(s, ":n62", v->n62);
	bind_name(s, ":n0", v->n0);
	bind_name(s, ":shop", v->shop);
	bind_name(s, ":ps", v->ps);
	bind_name(s, ":tag", v->tag);
	if ((i = sqlite3_bind_parameter_index(s, ":now")) > 0)
		sqlite3_bind_int64(s, i, v->now);
	if ((i = sqlite3_bind_parameter_index(s, ":upto")) > 0)
		sqlite3_bind_int64(s, i, v->upto);
	return store_run(st, s);
}

#define R(col)	"lapak_redact(" col ", :num, :n62, :n0, :shop)"
#define RX(col)	R(col) " IS NOT " col

/* The number's rows in every commerce and programme table: written once,
 * by privacy_erase. */
static const char *const erase_sql[] = {
	/* products delisted (their search postings go with the trigger) */
	"UPDATE products SET active = 0 WHERE active AND seller_id IN"
	" (SELECT id FROM sellers WHERE msisdn = :num)",
	/* orders: the buyer's own notes emptied, every note, reason and
	 * reference redacted, the number pseudonymised */
	"UPDATE orders SET note = '' WHERE buyer = :num AND note <> ''",
	"UPDATE orders SET note = " R("note") ", reason = " R("reason") ","
	" paid_ref = " R("paid_ref") " WHERE " RX("note") " OR " RX("reason")
	" OR " RX("paid_ref"),
	"UPDATE orders SET buyer = :ps WHERE buyer = :num",
	"UPDATE orders SET courier = :ps WHERE courier = :num",
	"UPDATE courier_jobs SET courier = :ps WHERE courier = :num",
	"UPDATE couriers SET msisdn = :ps, name = '', on_duty = 0,"
	" removed_s = coalesce(removed_s, :now) WHERE msisdn = :num",
	/* assistants: links end, rows stay for the counts */
	"UPDATE agents SET msisdn = :ps, name = '', pin_hash = NULL,"
	" removed_s = coalesce(removed_s, :now) WHERE msisdn = :num",
	"UPDATE agent_links SET ended_s = :now, ended_by = 'erased'"
	" WHERE ended_s IS NULL AND (agent = :num OR seller = :num)",
	"UPDATE agent_links SET agent = :ps WHERE agent = :num",
	"UPDATE agent_links SET seller = :ps WHERE seller = :num",
	"UPDATE agent_actions SET agent = :ps WHERE agent = :num",
	"UPDATE agent_actions SET seller = :ps WHERE seller = :num",
	"UPDATE consent_requests SET agent = :ps WHERE agent = :num",
	/* the number asked keeps its limits under the keyed tag */
	"UPDATE consent_requests SET msisdn = :tag, code_hash = NULL"
	" WHERE msisdn = :num",
	"UPDATE audit SET by = :ps WHERE by = :num",
	"UPDATE audit SET via = :ps WHERE via = :num",
	/* the anonymous seller row */
	"UPDATE sellers SET msisdn = :ps, shop = '', village = '',"
	" pin_hash = NULL, pin_fails = 0, pin_locked_until = 0,"
	" consent_s = NULL, erased_s = :now, updated_s = :now"
	" WHERE msisdn = :num",
	"DELETE FROM numbers WHERE msisdn = :num",
	"DELETE FROM place_choice WHERE msisdn = :num",
	"DELETE FROM subscriptions WHERE msisdn = :num",
	"DELETE FROM promo_sent WHERE msisdn = :num",
	"UPDATE broadcast_to SET msisdn = :ps WHERE msisdn = :num",
	"UPDATE broadcasts SET text = " R("text") " WHERE " RX("text"),
	NULL
};

/* Message rows: by privacy_erase, and again by the sweep once the reply
 * has left (rows up to :upto only: the number may write again). */
static const char *const message_sql[] = {
	/* MOs not yet processed are dropped; queued MTs to it given up */
	"UPDATE inbox SET state = 1 WHERE src = :num AND state = 0"
	" AND received_ms <= :upto",
	"UPDATE inbox SET src = :ps, text = '' WHERE src = :num"
	" AND received_ms <= :upto",
	"UPDATE inbox SET text = " R("text") " WHERE " RX("text"),
	"UPDATE outbox SET state = 4, done_ms = :now * 1000 WHERE state = 0"
	" AND dst = :num AND created_ms <= :upto",
	"UPDATE outbox SET dst = :ps, text = '' WHERE dst = :num"
	" AND state <> 0 AND created_ms <= :upto",
	"UPDATE outbox SET text = " R("text") " WHERE state <> 0 AND "
	RX("text"),
	"DELETE FROM concat_part WHERE src = :num AND received_ms <= :upto",
	"UPDATE concat_part SET text = " R("text") " WHERE " RX("text"),
	/* after recent_keep moved it under the tag */
	"DELETE FROM recent WHERE src = :num AND at_ms <= :upto",
	"UPDATE recent SET command = " R("command") " WHERE " RX("command"),
	"DELETE FROM route WHERE msisdn = :num",
	"DELETE FROM ratelimit WHERE msisdn = :num",
	"DELETE FROM ussd_session WHERE msisdn = :num"
	" OR instr(state, CAST(:num AS BLOB)) > 0"
	" OR instr(state, CAST(:n62 AS BLOB)) > 0"
	" OR instr(state, CAST(:n0 AS BLOB)) > 0",
	NULL
};


/*
 * The repeat window after an erasure. A state-changing command the SMSC
 * delivers again after the erasure must not run again (a DAFTAR would
 * register the shop anew), so the number's row of recent is kept under
 * "t" + store_tag() of the number, with no words: command emptied, the
 * reply dropped (it was redacted), and each command hash (recent.hash and
 * those in recent.earlier, msg.h) replaced by a keyed one, the first 64
 * bits of store_tag("recent:<hash>"). The lookup (privacy_redelivery)
 * reads such rows only while some exist: their presence is cached per
 * connection at PRAGMA data_version like the block count (repo_privacy.c);
 * this connection's erasures, sweeps and prunes clear tagged_known.
 */
#define KEPT_MAX	16	/* entries of one tagged row */
#define KEPT_EARLIER_SZ	512	/* its earlier text */

struct kept {
	int64_t	h, at, mo;
};

static const char sql_kept_get[] =
    "SELECT hash, at_ms, inbox_id, earlier FROM recent"
    " WHERE src = ?1 AND at_ms <= ?2";
static const char sql_kept_put[] =
    "INSERT OR REPLACE INTO recent(src, command, hash, at_ms, inbox_id,"
    " reply_id, earlier) VALUES (?1, '', ?2, ?3, ?4, NULL, ?5)";
static const char sql_tagged_dv[] = "PRAGMA data_version";
static const char sql_tagged_any[] =
    "SELECT EXISTS (SELECT 1 FROM recent WHERE src >= 't' AND src < 'u'"
    " AND length(src) = 17 AND command = '')";

/* The keyed form of a command hash. */
static int
kept_key(struct store *st, int64_t h, int64_t *out)
{
	char	text[32], hex[STORE_TAG_HEX + 1];

	snprintf(text, sizeof(text), "recent:%lld", (long long)h);
	if (store_tag(st, text, hex, sizeof(hex)) == -1)
		return -1;
	*out = (int64_t)strtoull(hex, NULL, 16);
	return 0;
}

/* Reads the row of src (at_ms <= upto) into k[*n..]: its command hash
 * first (when kept), then those of earlier; keyed says they are keyed
 * already (a tagged row), else they are keyed here. 1 a row, 0 none,
 * -1 error. */
static int
kept_read(struct store *st, const char *src, int64_t upto, bool keyed,
    struct kept *k, int *n)
{
	sqlite3_stmt	*s = store_stmt(st, sql_kept_get);
	char		 earlier[KEPT_EARLIER_SZ];
	const char	*p, *semi;
	long long	 h, at, mo, rep;
	int		 rc, i, first = *n;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, src, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, upto);
	if ((rc = store_step(st, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	if (sqlite3_column_type(s, 0) != SQLITE_NULL && *n < KEPT_MAX)
		k[(*n)++] = (struct kept){ sqlite3_column_int64(s, 0),
		    sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2) };
	store_col_text(s, 3, earlier, sizeof(earlier));
	sqlite3_reset(s);
	for (p = earlier; (semi = strchr(p, ';')) != NULL && *n < KEPT_MAX;
	    p = semi + 1)
		if (sscanf(p, "%lld %lld %lld %lld", &h, &at, &mo, &rep) == 4)
			k[(*n)++] = (struct kept){ h, at, mo };
	if (!keyed)
		for (i = first; i < *n; i++)
			if (kept_key(st, k[i].h, &k[i].h) == -1)
				return -1;
	return 1;
}

static int
kept_newer(const void *a, const void *b)
{
	const struct kept *x = a, *y = b;

	return x->at < y->at ? 1 : x->at > y->at ? -1 : 0;
}

/* Moves what the number's row (at_ms <= v->upto) holds to its tagged
 * row, joined with what that row kept already; message_sql then deletes
 * the number's row. */
static enum store_rc
recent_keep(struct store *st, const struct pv *v)
{
	struct kept	 k[KEPT_MAX];
	sqlite3_stmt	*s;
	char		 earlier[KEPT_EARLIER_SZ], one[80];
	size_t		 len = 0, l;
	int		 n = 0, r, i;

	if ((r = kept_read(st, v->num, v->upto, false, k, &n)) <= 0)
		return r == 0 ? STORE_OK : STORE_ERR;
	if (kept_read(st, v->tag, INT64_MAX, true, k, &n) == -1)
		return STORE_ERR;
	st->tagged_known = false;
	if (n == 0)
		return STORE_OK;	/* only refusals: nothing to repeat */
	qsort(k, (size_t)n, sizeof(k[0]), kept_newer);
	earlier[0] = '\0';
	for (i = 1; i < n; i++) {
		l = (size_t)snprintf(one, sizeof(one), "%lld %lld %lld 0;",
		    (long long)k[i].h, (long long)k[i].at, (long long)k[i].mo);
		if (len + l >= sizeof(earlier))
			break;
		memcpy(earlier + len, one, l + 1);
		len += l;
	}
	if ((s = store_stmt(st, sql_kept_put)) == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, v->tag, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, k[0].h);
	sqlite3_bind_int64(s, 3, k[0].at);
	sqlite3_bind_int64(s, 4, k[0].mo);
	sqlite3_bind_text(s, 5, earlier, -1, SQLITE_TRANSIENT);
	return store_run(st, s);
}

/* Whether any tagged row exists (cached, see above). */
static int
tagged_any(struct store *st, bool *any)
{
	sqlite3_stmt	*s;
	int64_t		 dv;

	if ((s = store_stmt(st, sql_tagged_dv)) == NULL)
		return -1;
	if (store_step(st, s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return -1;
	}
	dv = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (!st->tagged_known || dv != st->tagged_dv) {
		if ((s = store_stmt(st, sql_tagged_any)) == NULL)
			return -1;
		if (store_step(st, s) != SQLITE_ROW) {
			sqlite3_reset(s);
			return -1;
		}
		st->tagged_n = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		st->tagged_dv = dv;
		st->tagged_known = true;
	}
	*any = st->tagged_n > 0;
	return 0;
}

static enum store_rc
run_all(struct store *st, const char *const *sql, const struct pv *v)
{
	enum store_rc	rc;
	int		i;

	for (i = 0; sql[i] != NULL; i++)
		if ((rc = pv_run(st, sql[i], v)) != STORE_OK)
			return rc;
	return STORE_OK;
}

/* The forms of msisdn: n62 without '+', n0 the national one. */
static void
forms(const char *msisdn, const char *cc, char *n62, size_t n62sz, char *n0,
    size_t n0sz)
{
	const char	*d = msisdn[0] == '+' ? msisdn + 1 : msisdn;
	size_t		 ccl = strlen(cc);

	snprintf(n62, n62sz, "%s", d);
	if (ccl > 0 && strncmp(d, cc, ccl) == 0 && d[ccl] != '\0')
		snprintf(n0, n0sz, "0%s", d + ccl);
	else
		snprintf(n0, n0sz, "%s", d);
}

static int
tag_form(struct store *st, const char *msisdn, char *out, size_t len)
{
	char	hex[STORE_TAG_HEX + 1];

	if (store_tag(st, msisdn, hex, sizeof(hex)) == -1)
		return -1;
	snprintf(out, len, "t%s", hex);
	return 0;
}

static const char sql_shop[] =
    "SELECT shop FROM sellers WHERE msisdn = ?1 AND erased_s IS NULL";
static const char sql_req_done[] =
    "INSERT INTO erase_requests(msisdn, code_hash, attempts, expires_s,"
    " done_s, pseudonym) VALUES (?1, x'00', 0, ?2, ?2, ?3)"
    " ON CONFLICT(msisdn) DO UPDATE SET code_hash = x'00', attempts = 0,"
    " done_s = ?2, pseudonym = ?3";

enum store_rc
privacy_erase(struct store *st, const char *msisdn, const char *cc,
    int64_t now_s, char pseudo[PRIVACY_PSEUDO_SZ])
{
	unsigned char	 rnd[(PRIVACY_PSEUDO_SZ - 2) / 2];
	char		 ps[PRIVACY_PSEUDO_SZ], n62[24], n0[24], shop[128];
	char		 tag[STORE_TAG_HEX + 2];
	sqlite3_stmt	*s;
	struct pv	 v;
	enum store_rc	 rc;

	if (sodium_init() < 0 || redact_ready(st) == -1 ||
	    tag_form(st, msisdn, tag, sizeof(tag)) == -1)
		return STORE_ERR;
	randombytes_buf(rnd, sizeof(rnd));
	ps[0] = 'x';
	sodium_bin2hex(ps + 1, sizeof(ps) - 1, rnd, sizeof(rnd));
	forms(msisdn, cc, n62, sizeof(n62), n0, sizeof(n0));
	shop[0] = '\0';
	if ((s = store_stmt(st, sql_shop)) == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if (store_step(st, s) == SQLITE_ROW)
		store_col_text(s, 0, shop, sizeof(shop));
	sqlite3_reset(s);
	v = (struct pv){ msisdn, n62, n0, shop, ps, tag, now_s, INT64_MAX };
	if ((rc = run_all(st, erase_sql, &v)) != STORE_OK ||
	    (rc = recent_keep(st, &v)) != STORE_OK ||
	    (rc = run_all(st, message_sql, &v)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, sql_req_done)) == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, now_s);
	sqlite3_bind_text(s, 3, ps, -1, SQLITE_TRANSIENT);
	if ((rc = store_run(st, s)) != STORE_OK)
		return rc;
	if (pseudo != NULL)
		snprintf(pseudo, PRIVACY_PSEUDO_SZ, "%s", ps);
	return STORE_OK;
}

static const char sql_sweep_list[] =
    "SELECT msisdn, pseudonym, done_s FROM erase_requests"
    " WHERE done_s IS NOT NULL ORDER BY done_s LIMIT 8";
static const char sql_sweep_queued[] =
    "SELECT 1 FROM outbox WHERE state = 0 AND dst = ?1 LIMIT 1";
static const char sql_sweep_drop[] =
    "DELETE FROM erase_requests WHERE msisdn = ?1";

int
privacy_sweep(struct store *st, int64_t now_ms)
{
	struct {
		char	num[24], ps[PRIVACY_PSEUDO_SZ];
		int64_t	done_s;
	}		 w[8];
	sqlite3_stmt	*s;
	struct pv	 v;
	char		 n62[24], n0[24], tag[STORE_TAG_HEX + 2];
	int		 n = 0, i, done = 0;
	bool		 queued;

	if ((s = store_stmt(st, sql_sweep_list)) == NULL)
		return -1;
	while (n < 8 && store_step(st, s) == SQLITE_ROW) {
		store_col_text(s, 0, w[n].num, sizeof(w[n].num));
		store_col_text(s, 1, w[n].ps, sizeof(w[n].ps));
		w[n].done_s = sqlite3_column_int64(s, 2);
		n++;
	}
	sqlite3_reset(s);
	if (n == 0)
		return 0;
	if (redact_ready(st) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((s = store_stmt(st, sql_sweep_queued)) == NULL)
			return -1;
		sqlite3_bind_text(s, 1, w[i].num, -1, SQLITE_TRANSIENT);
		queued = store_step(st, s) == SQLITE_ROW;
		sqlite3_reset(s);
		if (queued && now_ms / 1000 - w[i].done_s < SWEEP_LATEST_S)
			continue;
		if (tag_form(st, w[i].num, tag, sizeof(tag)) == -1)
			return -1;
		/* The country code is no longer known: the national form is
		 * redacted by its digits after the first two (62...). */
		forms(w[i].num, w[i].num[0] == '+' && w[i].num[1] == '6' &&
		    w[i].num[2] == '2' ? "62" : "", n62, sizeof(n62), n0,
		    sizeof(n0));
		v = (struct pv){ w[i].num, n62, n0, "", w[i].ps, tag,
		    now_ms / 1000, (w[i].done_s * 1000) + SWEEP_GRACE_MS };
		if (recent_keep(st, &v) != STORE_OK ||
		    run_all(st, message_sql, &v) != STORE_OK)
			return -1;
		if ((s = store_stmt(st, sql_sweep_drop)) == NULL)
			return -1;
		sqlite3_bind_text(s, 1, w[i].num, -1, SQLITE_TRANSIENT);
		if (store_run(st, s) != STORE_OK)
			return -1;
		done++;
	}
	return done;
}

/* A redelivery's traces are swept like the erasure's: the request row is
 * made again (done, a new pseudonym) unless one is waiting for its code. */
static const char sql_redo_req[] =
    "INSERT INTO erase_requests(msisdn, code_hash, attempts, expires_s,"
    " done_s, pseudonym) VALUES (?1, x'00', 0, ?2, ?2, ?3)"
    " ON CONFLICT(msisdn) DO UPDATE SET done_s = max(done_s, excluded.done_s)"
    " WHERE done_s IS NOT NULL";

int
privacy_redelivery(struct store *st, const char *src, const char *command,
    int64_t since_ms, int64_t now_ms, int64_t *inbox_id)
{
	unsigned char	 rnd[(PRIVACY_PSEUDO_SZ - 2) / 2];
	struct kept	 k[KEPT_MAX];
	sqlite3_stmt	*s;
	char		 tag[STORE_TAG_HEX + 2], ps[PRIVACY_PSEUDO_SZ];
	int64_t		 key;
	int		 n = 0, i, r;
	bool		 any = false;

	if (command[0] == '\0')
		return 0;
	if (tagged_any(st, &any) == -1)
		return -1;
	if (!any)
		return 0;
	if (tag_form(st, src, tag, sizeof(tag)) == -1 ||
	    (r = kept_read(st, tag, INT64_MAX, true, k, &n)) == -1)
		return -1;
	if (r == 0)
		return 0;
	if (kept_key(st, msg_recent_hash(command), &key) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (k[i].h == key && k[i].at >= since_ms)
			break;
	if (i == n)
		return 0;
	if (sodium_init() < 0 || (s = store_stmt(st, sql_redo_req)) == NULL)
		return -1;
	randombytes_buf(rnd, sizeof(rnd));
	ps[0] = 'x';
	sodium_bin2hex(ps + 1, sizeof(ps) - 1, rnd, sizeof(rnd));
	sqlite3_bind_text(s, 1, src, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, now_ms / 1000);
	sqlite3_bind_text(s, 3, ps, -1, SQLITE_TRANSIENT);
	if (store_run(st, s) != STORE_OK)
		return -1;
	if (inbox_id != NULL)
		*inbox_id = k[i].mo;
	return 1;
}

static const char *const retain_sql[] = {
	"UPDATE inbox SET text = '' WHERE received_ms < :upto AND text <> ''"
	" AND state <> 0",
	"UPDATE outbox SET text = '' WHERE created_ms < :upto AND text <> ''"
	" AND state <> 0",
	"UPDATE concat_part SET text = '' WHERE received_ms < :upto"
	" AND text <> ''",
	"DELETE FROM ussd_session WHERE updated_ms < :upto",
	"UPDATE recent SET command = '' WHERE at_ms < :upto"
	" AND command <> ''",
	NULL
};

int64_t
privacy_retain(struct store *st, int64_t now_ms, int retain_days)
{
	struct pv	v;
	int64_t		n = 0;
	int		i;

	memset(&v, 0, sizeof(v));
	v.upto = now_ms - (int64_t)retain_days * 86400 * 1000;
	for (i = 0; retain_sql[i] != NULL; i++) {
		if (pv_run(st, retain_sql[i], &v) != STORE_OK)
			return -1;
		n += sqlite3_changes(st->db);
	}
	return n;
}

/* JSON. */

static void
json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* One array of the rows of sql (bound ?1 msisdn, ?2 the seller id), each
 * column by its name; text as strings, numbers as numbers, NULL null. */
static int
json_rows(struct store *st, FILE *f, const char *key, const char *sql,
    const char *msisdn, int64_t seller_id, int64_t *count)
{
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc, i, n = 0;

	if (s == NULL)
		return -1;
	if (sqlite3_bind_parameter_count(s) >= 1)
		sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_int64(s, 2, seller_id);
	fprintf(f, ",\n  ");
	json_str(f, key);
	fprintf(f, ": [");
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		fprintf(f, "%s\n    {", n++ > 0 ? "," : "");
		for (i = 0; i < sqlite3_column_count(s); i++) {
			fprintf(f, "%s", i > 0 ? ", " : "");
			json_str(f, sqlite3_column_name(s, i));
			fputs(": ", f);
			switch (sqlite3_column_type(s, i)) {
			case SQLITE_NULL:
				fputs("null", f);
				break;
			case SQLITE_INTEGER:
				fprintf(f, "%lld",
				    (long long)sqlite3_column_int64(s, i));
				break;
			default:
				json_str(f, store_col_str(s, i));
				break;
			}
		}
		fputc('}', f);
	}
	sqlite3_reset(s);
	fprintf(f, "%s]", n > 0 ? "\n  " : "");
	if (count != NULL)
		*count = n;
	return rc == SQLITE_DONE ? 0 : -1;
}

static const char sql_x_seller_id[] =
    "SELECT id FROM sellers WHERE msisdn = ?1";
/* Every category, in the order DATAKU names them. */
static const struct {
	const char	*key;
	const char	*sql;
} export_sets[] = {
	{ "number", "SELECT msisdn, lang, created_s, consent_s,"
	    " promo_paused_s FROM numbers WHERE msisdn = ?1" },
	{ "shop", "SELECT id, shop, village, place, pin_hash IS NOT NULL"
	    " AS pin_set, created_s, updated_s, consent_s FROM sellers"
	    " WHERE msisdn = ?1" },
	{ "products", "SELECT id, name, unit, price_rp, stock, reserved,"
	    " active, weight_g, place, created_s, delisted_s FROM products"
	    " WHERE seller_id = ?2 ORDER BY id" },
	{ "orders", "SELECT id, CASE WHEN buyer = ?1 THEN 'buyer' ELSE"
	    " 'seller' END AS role, buyer, seller_id, product_id, qty,"
	    " unit_price_rp, note, state, reason, created_at, closed_at,"
	    " delivered_at, courier, paid_method, paid_ref FROM orders"
	    " WHERE buyer = ?1 OR seller_id = ?2 ORDER BY id" },
	{ "assistant_links", "SELECT agent, seller, created_s FROM"
	    " agent_links WHERE ended_s IS NULL AND (agent = ?1 OR"
	    " seller = ?1) ORDER BY id" },
	{ "subscriptions", "SELECT kind, value, label, created_s FROM"
	    " subscriptions WHERE msisdn = ?1 ORDER BY id" },
	{ "assistant", "SELECT msisdn, name, place, created_s, removed_s"
	    " FROM agents WHERE msisdn = ?1" },
	{ "courier", "SELECT msisdn, name, place, fee_rp, on_duty,"
	    " created_s, removed_s FROM couriers WHERE msisdn = ?1" },
	{ "messages_in", "SELECT id, text, received_ms FROM inbox"
	    " WHERE src = ?1 ORDER BY id" },
	{ "messages_out", "SELECT id, text, created_ms, state FROM outbox"
	    " WHERE dst = ?1 ORDER BY id" },
};

int
privacy_export(struct store *st, const char *msisdn, FILE *f)
{
	sqlite3_stmt	*s;
	int64_t		 sid = -1;
	size_t		 i;

	if ((s = store_stmt(st, sql_x_seller_id)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if (store_step(st, s) == SQLITE_ROW)
		sid = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	fprintf(f, "{\n  \"msisdn\": ");
	json_str(f, msisdn);
	for (i = 0; i < sizeof(export_sets) / sizeof(export_sets[0]); i++)
		if (json_rows(st, f, export_sets[i].key, export_sets[i].sql,
		    msisdn, sid, NULL) == -1)
			return -1;
	fprintf(f, "\n}\n");
	return ferror(f) ? -1 : 0;
}

static const char sql_block_has[] =
    "SELECT 1 FROM number_marks WHERE tag = ?1 AND kind = 'block'";
static const char sql_block_add[] =
    "INSERT INTO number_marks(tag, kind, at_s) VALUES (?1, 'block', ?2)";
static const char sql_block_del[] =
    "DELETE FROM number_marks WHERE tag = ?1 AND kind = 'block'";

int
privacy_block(struct store *st, const char *msisdn, bool on, int64_t now_s)
{
	sqlite3_stmt	*s;
	char		 hex[STORE_TAG_HEX + 1];
	bool		 has;

	if (store_tag(st, msisdn, hex, sizeof(hex)) == -1 ||
	    (s = store_stmt(st, sql_block_has)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, hex, -1, SQLITE_TRANSIENT);
	has = store_step(st, s) == SQLITE_ROW;
	sqlite3_reset(s);
	if (has == on)
		return 0;
	st->block_known = false;	/* repo_privacy.c's cached count */
	if ((s = store_stmt(st, on ? sql_block_add : sql_block_del)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, hex, -1, SQLITE_TRANSIENT);
	if (on)
		sqlite3_bind_int64(s, 2, now_s);
	return store_run(st, s) == STORE_OK ? 1 : -1;
}
