/* Programme reports (store/report.h): one pass per source table (sellers,
 * products, price and stock changes, orders, assistants' links and
 * actions), each event counted into its group by the place kept on its row,
 * its local day or month, or the assistants linked to its seller then. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "store/report.h"
#include "store/store_internal.h"

#define DAY_S		86400
#define PLACE_RAW	64	/* raw place text kept in the cache */
#define G_TOTAL		0	/* group index of the total row */
#define G_UNPLACED	1	/* of the unplaced row */
#define G_FIRST		2
#define G_NONE		(-1)	/* filtered out by the place filter */

#define COL(f, t)	{ #f, offsetof(struct report_row, f), t }
static const struct report_col cols[] = {
	COL(group, 1), COL(name, 1),
	COL(sellers_new, 0), COL(sellers_total, 0), COL(sellers_active, 0),
	COL(products_listed, 0), COL(updates, 0),
	COL(orders_created, 0), COL(orders_completed, 0),
	COL(orders_cancelled, 0), COL(orders_rejected, 0),
	COL(orders_expired, 0), COL(orders_returned, 0),
	COL(value_completed_rp, 0), COL(paid_rp, 0), COL(cod_rp, 0),
	/* by assistant only: keep these last */
	COL(sellers_linked, 0), COL(via_agent, 0), COL(flagged, 0),
};
#define NCOLS		(sizeof(cols) / sizeof(cols[0]))
#define NCOLS_AGENT	3
/* by courier: its own figures only */
static const struct report_col cols_courier[] = {
	COL(group, 1), COL(name, 1),
	COL(jobs, 0), COL(delivered, 0), COL(failed, 0), COL(fees_rp, 0),
};
#define NCOLS_COURIER	(sizeof(cols_courier) / sizeof(cols_courier[0]))

static const char *const by_names[REPORT_BY__N] = {
	[REPORT_BY_VILLAGE] = "village",
	[REPORT_BY_DISTRICT] = "district",
	[REPORT_BY_REGENCY] = "regency",
	[REPORT_BY_AGENT] = "agent",
	[REPORT_BY_DAY] = "day",
	[REPORT_BY_MONTH] = "month",
	[REPORT_BY_COURIER] = "courier",
};

const struct report_col *
report_columns(enum report_by by, size_t *n)
{
	if (by == REPORT_BY_COURIER) {
		*n = NCOLS_COURIER;
		return cols_courier;
	}
	*n = by == REPORT_BY_AGENT ? NCOLS : NCOLS - NCOLS_AGENT;
	return cols;
}

int64_t
report_value(const struct report_row *r, const struct report_col *c)
{
	int64_t	v;

	if (c->text)
		return 0;
	memcpy(&v, (const char *)r + c->off, sizeof(v));
	return v;
}

const char *
report_by_name(enum report_by by)
{
	return (unsigned)by < REPORT_BY__N ? by_names[by] : "";
}

int
report_by_parse(const char *word)
{
	int	i;

	for (i = 0; i < REPORT_BY__N; i++)
		if (strcmp(word, by_names[i]) == 0)
			return i;
	return -1;
}

/* ---- local days ---- */

static int64_t
local_midnight(int y, int mon, int d)
{
	struct tm	tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int
report_day_start(const char *ymd, int64_t *out)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int	y, m, d, i;
	bool	leap;

	if (strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (ymd[i] < '0' || ymd[i] > '9'))
			return -1;
	y = atoi(ymd);
	m = atoi(ymd + 5);
	d = atoi(ymd + 8);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return -1;
	*out = local_midnight(y, m, d);
	return 0;
}

int64_t
report_day_add(int64_t day_s, int days)
{
	struct tm	tm;
	time_t		t = (time_t)day_s;

	localtime_r(&t, &tm);
	return local_midnight(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday + days);
}

int64_t
report_month_start(int64_t t_s)
{
	struct tm	tm;
	time_t		t = (time_t)t_s;

	localtime_r(&t, &tm);
	return local_midnight(tm.tm_year + 1900, tm.tm_mon + 1, 1);
}

/* ---- the counting state ---- */

struct grp {
	char			key[40];	/* place code, full number, date */
	char			place[32];	/* an assistant's enrolment place */
	struct report_row	row;
};

struct pl_slot {			/* raw place text -> group */
	char		raw[PLACE_RAW];
	uint32_t	hash;
	int		grp;
	bool		used;
};

struct link {				/* an assistant's link to a seller */
	int64_t	seller_id;		/* 0: the number has no seller row */
	int	grp;
	int64_t	from_s, to_s;		/* [from_s, to_s]: times are whole
					 * seconds, and what a seller's
					 * CABUT ends came before it within
					 * its second */
};

struct rep {
	struct store		*st;
	const struct report_req	*rq;
	const char		*agent;	/* one assistant (report_agent) */
	struct grp		*g;
	size_t			 ng, capg;
	struct pl_slot		*pl;	/* open addressing, cappl a power of 2 */
	size_t			 npl, cappl;
	uint64_t		 rowno;	/* rows stepped: the memo's key */
	uint64_t		 memo_row;
	const char		*memo_raw;	/* place_group of this row */
	int			 memo_grp;
	int64_t			*bound;	/* day/month: group i is [bound[i],
					 * bound[i+1]) */
	size_t			 nbound;
	int64_t			*gone;	/* day/month: sellers erased in group
					 * i (issue 13, privacy) */
	size_t			 ngone;
	struct link		*ln;	/* sorted by seller_id */
	size_t			 nln;
	uint64_t		*act;	/* active(): (group, seller) set */
	size_t			 nact, capact;
	int32_t			*last;	/* by seller id: last group + 1 */
	size_t			 nlast;
	char			*err;
	size_t			 errlen;
};

static bool
is_place_by(enum report_by by)
{
	return by == REPORT_BY_VILLAGE || by == REPORT_BY_DISTRICT ||
	    by == REPORT_BY_REGENCY;
}

static int
grp_add(struct rep *r, const char *key, const char *name)
{
	struct grp	*g;

	if (r->ng == r->capg) {
		r->capg = r->capg ? r->capg * 2 : 64;
		r->g = xrealloc(r->g, r->capg * sizeof(*r->g));
	}
	g = &r->g[r->ng];
	memset(g, 0, sizeof(*g));
	snprintf(g->key, sizeof(g->key), "%s", key);
	snprintf(g->row.group, sizeof(g->row.group), "%s", key);
	snprintf(g->row.name, sizeof(g->row.name), "%s", name);
	return (int)r->ng++;
}

static int
grp_find(const struct rep *r, const char *key)
{
	size_t	i;

	for (i = G_FIRST; i < r->ng; i++)
		if (strcmp(r->g[i].key, key) == 0)
			return (int)i;
	return G_NONE;
}

/* code is place or below it (codes are dotted: 33.20 holds 33.20.05). */
static bool
under(const char *code, const char *place)
{
	size_t	n = strlen(place);

	if (n == 0)
		return true;
	return strncmp(code, place, n) == 0 &&
	    (code[n] == '\0' || code[n] == '.');
}

static int
store_fail(struct rep *r, const char *what)
{
	snprintf(r->err, r->errlen, "report: %s: %s", what,
	    sqlite3_errmsg(r->st->db));
	return -1;
}

/* The places row of code: its level, name and parent. 1 found, 0 not, -1
 * error. */
static int
place_get(struct rep *r, const char *code, int *level, char *name,
    size_t namelen, char *parent, size_t parentlen)
{
	static const char sql[] = "SELECT level, name, coalesce(parent, '') "
	    "FROM places WHERE code = ?1";
	sqlite3_stmt	*s = store_stmt(r->st, sql);
	int		 rc;

	if (s == NULL)
		return store_fail(r, "places");
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	rc = store_step(r->st, s);
	if (rc == SQLITE_ROW) {
		*level = sqlite3_column_int(s, 0);
		store_col_text(s, 1, name, namelen);
		store_col_text(s, 2, parent, parentlen);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	return rc == SQLITE_ROW ? 1 : store_fail(r, "places");
}

/* The group of a raw place text (a village code, '' or free text) when
 * grouping by place; for other groupings G_UNPLACED when it passes the
 * place filter. G_NONE when the filter leaves it out; -2 on error. */
static int
place_resolve(struct rep *r, const char *raw)
{
	static const int want[REPORT_BY__N] = { [REPORT_BY_VILLAGE] = 4,
	    [REPORT_BY_DISTRICT] = 3, [REPORT_BY_REGENCY] = 2 };
	char	code[32], name[96], parent[32];
	int	level, f, w = want[r->rq->by];

	if (raw[0] == '\0' || strlen(raw) >= sizeof(code) ||
	    (f = place_get(r, raw, &level, name, sizeof(name), parent,
	    sizeof(parent))) == 0 || level != 4)
		return r->rq->place[0] != '\0' ? G_NONE : G_UNPLACED;
	if (f < 0)
		return -2;
	if (!under(raw, r->rq->place))
		return G_NONE;
	if (w == 0)
		return G_UNPLACED;	/* not a place grouping: passes */
	snprintf(code, sizeof(code), "%s", raw);
	while (level > w) {
		snprintf(code, sizeof(code), "%s", parent);
		if ((f = place_get(r, code, &level, name, sizeof(name), parent,
		    sizeof(parent))) < 0)
			return -2;
		if (f == 0)
			return G_UNPLACED;	/* a broken parent chain */
	}
	if ((f = grp_find(r, code)) != G_NONE)
		return f;
	return grp_add(r, code, name);
}

static uint32_t
hash_str(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* place_resolve through a cache of the raw texts seen, and a memo of the
 * current row's (an order's events ask for the same text). */
static int
place_group(struct rep *r, const char *raw)
{
	struct pl_slot	*sl;
	uint32_t	 h;
	size_t		 i, j;
	int		 g;

	if (raw == NULL)
		raw = "";
	if (raw == r->memo_raw && r->memo_row == r->rowno)
		return r->memo_grp;
	if (r->npl * 2 >= r->cappl) {
		struct pl_slot	*old = r->pl;
		size_t		 oldcap = r->cappl;

		r->cappl = oldcap ? oldcap * 2 : 256;
		r->pl = xcalloc(r->cappl, sizeof(*r->pl));
		for (i = 0; i < oldcap; i++) {
			if (!old[i].used)
				continue;
			j = old[i].hash & (r->cappl - 1);
			while (r->pl[j].used)
				j = (j + 1) & (r->cappl - 1);
			r->pl[j] = old[i];
		}
		free(old);
	}
	h = hash_str(raw);
	j = h & (r->cappl - 1);
	for (sl = &r->pl[j]; sl->used; sl = &r->pl[j]) {
		if (sl->hash == h && strncmp(sl->raw, raw, PLACE_RAW - 1) == 0) {
			g = sl->grp;
			goto out;
		}
		j = (j + 1) & (r->cappl - 1);
	}
	if ((g = place_resolve(r, raw)) == -2)
		return -2;
	snprintf(sl->raw, sizeof(sl->raw), "%s", raw);
	sl->hash = h;
	sl->grp = g;
	sl->used = true;
	r->npl++;
out:
	r->memo_raw = raw;
	r->memo_row = r->rowno;
	r->memo_grp = g;
	return g;
}

/* The day or month group holding t; G_NONE outside the period. */
static int
time_group(const struct rep *r, int64_t t)
{
	size_t	lo = 0, hi = r->nbound - 1, mid;

	if (r->nbound < 2 || t < r->bound[0] || t >= r->bound[r->nbound - 1])
		return G_NONE;
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (t >= r->bound[mid])
			lo = mid;
		else
			hi = mid;
	}
	return (int)(G_FIRST + lo);
}

static void
add(struct rep *r, int g, size_t off, int64_t v)
{
	int64_t	*p = (int64_t *)(void *)((char *)&r->g[g].row + off);

	*p += v;
}

/* Adds (g, seller_id) to the set of (group, seller) keys (open
 * addressing, never more than half full); true when it was not there. */
static bool
act_insert(struct rep *r, int64_t seller_id, int g)
{
	uint64_t	key = (((uint64_t)(unsigned)g << 40) ^
			    (uint64_t)seller_id) + 1;	/* 0: a free slot */
	uint64_t	h;
	size_t		i, j;

	if (r->nact * 2 >= r->capact) {
		uint64_t	*old = r->act;
		size_t		 oldcap = r->capact;

		r->capact = oldcap ? oldcap * 2 : 4096;
		r->act = xcalloc(r->capact, sizeof(*r->act));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == 0)
				continue;
			h = old[i] * 0x9e3779b97f4a7c15ull;
			for (j = (size_t)(h >> 20) & (r->capact - 1);
			    r->act[j] != 0; j = (j + 1) & (r->capact - 1))
				;
			r->act[j] = old[i];
		}
		free(old);
	}
	h = key * 0x9e3779b97f4a7c15ull;
	for (j = (size_t)(h >> 20) & (r->capact - 1); r->act[j] != 0;
	    j = (j + 1) & (r->capact - 1))
		if (r->act[j] == key)
			return false;
	r->act[j] = key;
	r->nact++;
	return true;
}

/* Seller seller_id was active in group g (and, with total, in the total
 * row): each counted once per group. Most events of a seller fall in the
 * group of its last one, which a table by seller id answers without the
 * set. */
static void
active(struct rep *r, int64_t seller_id, int g, bool total)
{
	bool	memo = seller_id >= 0 && seller_id < ((int64_t)1 << 26);

	if (memo && (size_t)seller_id >= r->nlast) {
		size_t	n = r->nlast ? r->nlast : 1024;

		while (n <= (size_t)seller_id)
			n *= 2;
		r->last = xrealloc(r->last, n * sizeof(*r->last));
		memset(r->last + r->nlast, 0, (n - r->nlast) *
		    sizeof(*r->last));
		r->nlast = n;
	}
	if (memo && total && r->last[seller_id] == g + 1)
		return;
	if (act_insert(r, seller_id, g))
		r->g[g].row.sellers_active++;
	if (total && act_insert(r, seller_id, G_TOTAL))
		r->g[G_TOTAL].row.sellers_active++;
	if (memo && total)
		r->last[seller_id] = g + 1;
}

/* The first link of seller_id (r->ln sorted by seller), or nln. */
static size_t
link_first(const struct rep *r, int64_t seller_id)
{
	size_t	lo = 0, hi = r->nln, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (r->ln[mid].seller_id < seller_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* What an event adds: column off += v for the seller's event at t with
 * place. Flags: */
#define EV_ACTIVE	0x1	/* makes the seller active */
#define EV_AGENT_FLAG	0x2	/* by assistant: counts in flagged instead */
static int
count(struct rep *r, int64_t seller_id, const char *place, int64_t t,
    size_t off, int64_t v, unsigned flags, const char *buyer)
{
	int	g = G_UNPLACED;
	size_t	i;
	bool	any = false;

	if (is_place_by(r->rq->by) || r->rq->place[0] != '\0') {
		if ((g = place_group(r, place)) == -2)
			return -1;
		if (g == G_NONE)
			return 0;
	}
	if (r->rq->by == REPORT_BY_DAY || r->rq->by == REPORT_BY_MONTH) {
		if ((g = time_group(r, t)) == G_NONE)
			return 0;
	}
	if (r->rq->by != REPORT_BY_AGENT) {
		if (flags & EV_AGENT_FLAG)
			return 0;
		add(r, g, off, v);
		add(r, G_TOTAL, off, v);
		if (flags & EV_ACTIVE)
			active(r, seller_id, g, true);
		return 0;
	}
	for (i = link_first(r, seller_id); i < r->nln &&
	    r->ln[i].seller_id == seller_id; i++) {
		const struct link	*l = &r->ln[i];

		if (seller_id == 0 || t < l->from_s || t > l->to_s)
			continue;
		if (buyer != NULL && strcmp(buyer, r->g[l->grp].key) == 0)
			continue;	/* counted in flagged */
		add(r, l->grp, (flags & EV_AGENT_FLAG) ?
		    offsetof(struct report_row, flagged) : off, v);
		if (flags & EV_ACTIVE)
			active(r, seller_id, l->grp, false);
		any = true;
	}
	if (any) {
		add(r, G_TOTAL, (flags & EV_AGENT_FLAG) ?
		    offsetof(struct report_row, flagged) : off, v);
		if (flags & EV_ACTIVE && act_insert(r, seller_id, G_TOTAL))
			r->g[G_TOTAL].row.sellers_active++;
	}
	return 0;
}

#define OFF(f)	offsetof(struct report_row, f)

/* Binds the period (?1, ?2) and, for one assistant's sellers, the seller
 * (?3); steps s through fn; resets s (ending its read transaction). */
typedef int	(*row_fn)(struct rep *r, sqlite3_stmt *s);
static int
each(struct rep *r, const char *sql, int64_t seller_id, row_fn fn,
    const char *what)
{
	sqlite3_stmt	*s = store_stmt(r->st, sql);
	int		 rc;

	if (s == NULL)
		return store_fail(r, what);
	sqlite3_bind_int64(s, 1, r->rq->from_s);
	sqlite3_bind_int64(s, 2, r->rq->to_s);
	if (seller_id > 0)
		sqlite3_bind_int64(s, 3, seller_id);
	while ((rc = store_step(r->st, s)) == SQLITE_ROW) {
		r->rowno++;
		if (fn(r, s) == -1) {
			sqlite3_reset(s);
			return -1;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(r, what);
}

/* Sellers: id, place, created_s (registered before the period's end),
 * erased_s (0: not erased). An erased seller's anonymous row keeps its
 * sellers_new; sellers_total leaves it out once erased before the end. */
static int
row_seller(struct rep *r, sqlite3_stmt *s)
{
	int64_t		 id = sqlite3_column_int64(s, 0);
	const char	*place = store_col_str(s, 1);
	int64_t		 at = sqlite3_column_int64(s, 2);
	int64_t		 erased = sqlite3_column_int64(s, 3);
	enum report_by	 by = r->rq->by;

	if (at >= r->rq->from_s &&
	    count(r, id, place, at, OFF(sellers_new), 1, 0, NULL) == -1)
		return -1;
	if (by == REPORT_BY_DAY || by == REPORT_BY_MONTH) {
		bool	in = r->rq->place[0] == '\0' ||
			    place_group(r, place) != G_NONE;
		int	g;

		/* issue 13, privacy: erased before the period, never counted;
		 * erased in it, counted until its day (month) */
		if (erased != 0 && erased < r->rq->from_s)
			return 0;
		/* before the period: the base every day's total starts from */
		if (at < r->rq->from_s && in)
			r->g[G_TOTAL].row.sellers_total++;
		if (erased != 0 && erased < r->rq->to_s && in &&
		    (g = time_group(r, erased)) != G_NONE) {
			if ((size_t)g >= r->ngone) {
				r->gone = xrealloc(r->gone, r->ng *
				    sizeof(*r->gone));
				memset(r->gone + r->ngone, 0, (r->ng -
				    r->ngone) * sizeof(*r->gone));
				r->ngone = r->ng;
			}
			r->gone[g]++;
		}
		return 0;
	}
	if (erased != 0 && erased < r->rq->to_s)
		return 0;	/* issue 13, privacy */
	return count(r, id, place, r->rq->to_s - 1, OFF(sellers_total), 1, 0,
	    NULL);
}

/* Products listed in the period: seller_id, place, created_s,
 * delisted_s. */
static int
row_product(struct rep *r, sqlite3_stmt *s)
{
	int64_t		 sid = sqlite3_column_int64(s, 0);
	const char	*place = store_col_str(s, 1);
	int64_t		 at = sqlite3_column_int64(s, 2);
	bool		 quick = sqlite3_column_type(s, 3) != SQLITE_NULL &&
	    sqlite3_column_int64(s, 3) - at < DAY_S;

	if (quick)
		return count(r, sid, place, at, OFF(flagged), 1,
		    EV_AGENT_FLAG, NULL);
	return count(r, sid, place, at, OFF(products_listed), 1, EV_ACTIVE,
	    NULL);
}

/* Price and stock changes: seller_id, place, at_s. */
static int
row_update(struct rep *r, sqlite3_stmt *s)
{
	return count(r, sqlite3_column_int64(s, 0), store_col_str(s, 1),
	    sqlite3_column_int64(s, 2), OFF(updates), 1, EV_ACTIVE, NULL);
}

static bool
in_period(const struct rep *r, sqlite3_stmt *s, int i, int64_t *t)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return false;
	*t = sqlite3_column_int64(s, i);
	return *t >= r->rq->from_s && *t < r->rq->to_s;
}

/* issue 13, payment records: column i (orders.paid_method) records a
 * payment by any method but cash. */
static bool
paid_by_lunas(sqlite3_stmt *s, int i)
{
	const char	*m;

	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return false;
	m = store_col_str(s, i);
	return m[0] != '\0' && strcmp(m, "TUNAI") != 0;
}

/* Orders with an event in the period: seller_id, place, state,
 * created_at, delivered_at, closed_at, value, buyer, paid_method,
 * returned_at. */
static int
row_order(struct rep *r, sqlite3_stmt *s)
{
	int64_t		 sid = sqlite3_column_int64(s, 0);
	const char	*place = store_col_str(s, 1);
	const char	*state = store_col_str(s, 2);
	const char	*buyer = r->rq->by == REPORT_BY_AGENT ? store_col_str(s, 7) :
	    NULL;
	int64_t		 t;
	size_t		 off = 0;

	if (in_period(r, s, 3, &t) &&
	    count(r, sid, place, t, OFF(orders_created), 1, 0, buyer) == -1)
		return -1;
	if (strcmp(state, "delivered") == 0 && in_period(r, s, 4, &t)) {
		if (count(r, sid, place, t, OFF(orders_completed), 1,
		    EV_ACTIVE, buyer) == -1 ||
		    count(r, sid, place, t, OFF(value_completed_rp),
		    sqlite3_column_int64(s, 6), 0, buyer) == -1)
			return -1;
		/* issue 13, payment records: of that value, paid by LUNAS
		 * with any method but TUNAI, or cash (TUNAI, or nothing
		 * recorded: cash on delivery). */
		return count(r, sid, place, t, paid_by_lunas(s, 8) ?
		    OFF(paid_rp) : OFF(cod_rp), sqlite3_column_int64(s, 6), 0,
		    buyer);
	}
	if (strcmp(state, "cancelled") == 0)
		off = OFF(orders_cancelled);
	else if (strcmp(state, "rejected") == 0)
		off = OFF(orders_rejected);
	else if (strcmp(state, "expired") == 0)
		off = OFF(orders_expired);
	else if (strcmp(state, "returned") == 0) {
		if (in_period(r, s, 9, &t))
			return count(r, sid, place, t, OFF(orders_returned), 1,
			    0, buyer);
		return 0;
	}
	if (off != 0 && in_period(r, s, 5, &t))
		return count(r, sid, place, t, off, 1, 0, buyer);
	return 0;
}

/* The source queries: all sellers (?3 unbound) or one (?3). */
static const char q_sellers[] = "SELECT id, place, created_s, "
    "coalesce(erased_s, 0) FROM sellers "
    "WHERE created_s < ?2";
static const char q_sellers1[] = "SELECT id, place, created_s, "
    "coalesce(erased_s, 0) FROM sellers "
    "WHERE id = ?3 AND created_s < ?2";
static const char q_products[] = "SELECT seller_id, place, created_s, "
    "delisted_s FROM products WHERE created_s >= ?1 AND created_s < ?2";
static const char q_products1[] = "SELECT seller_id, place, created_s, "
    "delisted_s FROM products WHERE seller_id = ?3 AND created_s >= ?1 "
    "AND created_s < ?2";
static const char q_prices[] = "SELECT p.seller_id, p.place, h.at_s "
    "FROM price_history h JOIN products p ON p.id = h.product_id "
    "WHERE h.old_rp IS NOT NULL AND h.at_s >= ?1 AND h.at_s < ?2";
static const char q_prices1[] = "SELECT p.seller_id, p.place, h.at_s "
    "FROM products p JOIN price_history h ON h.product_id = p.id "
    "WHERE p.seller_id = ?3 AND h.old_rp IS NOT NULL AND h.at_s >= ?1 "
    "AND h.at_s < ?2";
static const char q_stock[] = "SELECT p.seller_id, p.place, a.at_s "
    "FROM audit a JOIN products p ON p.id = a.product_id "
    "WHERE a.what = 'stock' AND a.at_s >= ?1 AND a.at_s < ?2";
static const char q_stock1[] = "SELECT p.seller_id, p.place, a.at_s "
    "FROM products p JOIN audit a ON a.product_id = p.id "
    "WHERE p.seller_id = ?3 AND a.what = 'stock' AND a.at_s >= ?1 "
    "AND a.at_s < ?2";
#define ORDER_COLS "SELECT seller_id, place, state, created_at, " \
    "delivered_at, closed_at, qty * unit_price_rp, buyer, paid_method, " \
    "returned_at " \
    "FROM orders "
static const char q_orders[] = ORDER_COLS
    "WHERE (created_at >= ?1 AND created_at < ?2) "
    "OR (delivered_at >= ?1 AND delivered_at < ?2) "
    "OR (closed_at >= ?1 AND closed_at < ?2) "
    "OR (returned_at >= ?1 AND returned_at < ?2)";
static const char q_orders1[] = ORDER_COLS "WHERE seller_id = ?3 AND "
    "((created_at >= ?1 AND created_at < ?2) "
    "OR (delivered_at >= ?1 AND delivered_at < ?2) "
    "OR (closed_at >= ?1 AND closed_at < ?2) "
    "OR (returned_at >= ?1 AND returned_at < ?2))";

/* Every event source, for all sellers or (seller_id > 0) one. Each is its
 * own statement: its own short read transaction. */
static int
sources(struct rep *r, int64_t seller_id)
{
	bool	one = seller_id > 0;

	if (each(r, one ? q_sellers1 : q_sellers, seller_id, row_seller,
	    "sellers") == -1 ||
	    each(r, one ? q_products1 : q_products, seller_id, row_product,
	    "products") == -1 ||
	    each(r, one ? q_prices1 : q_prices, seller_id, row_update,
	    "price changes") == -1 ||
	    each(r, one ? q_stock1 : q_stock, seller_id, row_update,
	    "stock changes") == -1 ||
	    each(r, one ? q_orders1 : q_orders, seller_id, row_order,
	    "orders") == -1)
		return -1;
	return 0;
}

/* ---- assistants ---- */

static int
link_cmp(const void *a, const void *b)
{
	const struct link	*x = a, *y = b;

	if (x->seller_id != y->seller_id)
		return x->seller_id < y->seller_id ? -1 : 1;
	return x->grp - y->grp;
}

/* The assistants enrolled at some time in the period (or the one asked
 * for) as groups, and their links. */
static int
agents_load(struct rep *r)
{
	static const char q_agents[] = "SELECT msisdn, name, place FROM agents "
	    "WHERE created_s < ?2 AND (removed_s IS NULL OR removed_s >= ?1) "
	    "ORDER BY msisdn";
	static const char q_agent1[] = "SELECT msisdn, name, place FROM agents "
	    "WHERE msisdn = ?3";
	static const char q_links[] = "SELECT l.agent, coalesce(s.id, 0), "
	    "l.created_s, coalesce(l.ended_s, 9223372036854775807), "
	    "coalesce(s.place, '') FROM agent_links l "
	    "LEFT JOIN sellers s ON s.msisdn = l.seller";
	static const char q_links1[] = "SELECT l.agent, coalesce(s.id, 0), "
	    "l.created_s, coalesce(l.ended_s, 9223372036854775807), "
	    "coalesce(s.place, '') FROM agent_links l "
	    "LEFT JOIN sellers s ON s.msisdn = l.seller WHERE l.agent = ?1";
	sqlite3_stmt	*s;
	char		 key[40], name[96];
	size_t		 cap = 0;
	int		 rc, g;

	s = store_stmt(r->st, r->agent != NULL ? q_agent1 : q_agents);
	if (s == NULL)
		return store_fail(r, "agents");
	if (r->agent != NULL)
		sqlite3_bind_text(s, 3, r->agent, -1, SQLITE_TRANSIENT);
	else {
		sqlite3_bind_int64(s, 1, r->rq->from_s);
		sqlite3_bind_int64(s, 2, r->rq->to_s);
	}
	while ((rc = store_step(r->st, s)) == SQLITE_ROW) {
		store_col_text(s, 0, key, sizeof(key));
		store_col_text(s, 1, name, sizeof(name));
		g = grp_add(r, key, name);
		store_col_text(s, 2, r->g[g].place, sizeof(r->g[g].place));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(r, "agents");

	if ((s = store_stmt(r->st, r->agent != NULL ? q_links1 : q_links)) ==
	    NULL)
		return store_fail(r, "agent links");
	if (r->agent != NULL)
		sqlite3_bind_text(s, 1, r->agent, -1, SQLITE_TRANSIENT);
	while ((rc = store_step(r->st, s)) == SQLITE_ROW) {
		struct link	 l;
		const char	*place = store_col_str(s, 4);

		r->rowno++;

		if ((l.grp = grp_find(r, store_col_str(s, 0))) == G_NONE)
			continue;
		l.seller_id = sqlite3_column_int64(s, 1);
		l.from_s = sqlite3_column_int64(s, 2);
		l.to_s = sqlite3_column_int64(s, 3);
		/* linked at the period's end (the number may not be a
		 * seller yet; a place filter needs a placed seller) */
		if (l.from_s < r->rq->to_s && l.to_s >= r->rq->to_s &&
		    (r->rq->place[0] == '\0' || (l.seller_id > 0 &&
		    (g = place_group(r, place)) != G_NONE && g != -2)))
			r->g[l.grp].row.sellers_linked++;
		if (r->nln == cap) {
			cap = cap ? cap * 2 : 256;
			r->ln = xrealloc(r->ln, cap * sizeof(*r->ln));
		}
		r->ln[r->nln++] = l;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(r, "agent links");
	if (r->nln > 0)
		qsort(r->ln, r->nln, sizeof(*r->ln), link_cmp);
	return 0;
}

/* sellers_linked of the total row: distinct numbers linked at the end. */
static int
agents_total_linked(struct rep *r)
{
	static const char sql[] = "SELECT count(DISTINCT l.seller) "
	    "FROM agent_links l JOIN agents a ON a.msisdn = l.agent "
	    "LEFT JOIN sellers s ON s.msisdn = l.seller "
	    "WHERE l.created_s < ?2 AND coalesce(l.ended_s, ?2) >= ?2 "
	    "AND a.created_s < ?2 AND (a.removed_s IS NULL OR a.removed_s >= ?1) "
	    "AND (?3 = '' OR s.place = ?3 OR s.place LIKE ?3 || '.%')";
	sqlite3_stmt	*s = store_stmt(r->st, sql);
	int		 rc;
	size_t		 i;

	if (r->agent != NULL) {
		for (i = G_FIRST; i < r->ng; i++)
			r->g[G_TOTAL].row.sellers_linked +=
			    r->g[i].row.sellers_linked;
		return 0;
	}
	if (s == NULL)
		return store_fail(r, "agent links");
	sqlite3_bind_int64(s, 1, r->rq->from_s);
	sqlite3_bind_int64(s, 2, r->rq->to_s);
	sqlite3_bind_text(s, 3, r->rq->place, -1, SQLITE_TRANSIENT);
	if ((rc = store_step(r->st, s)) == SQLITE_ROW)
		r->g[G_TOTAL].row.sellers_linked = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : store_fail(r, "agent links");
}

/* UNTUK actions in the period (agent, seller's place) and orders an
 * assistant bought (buyer, place): straight to the assistant's row. */
static int
agents_direct(struct rep *r)
{
	static const char q_actions[] = "SELECT a.agent, coalesce(s.place, '') "
	    "FROM agent_actions a LEFT JOIN sellers s ON s.msisdn = a.seller "
	    "WHERE a.at_s >= ?1 AND a.at_s < ?2";
	static const char q_actions1[] = "SELECT a.agent, "
	    "coalesce(s.place, '') FROM agent_actions a "
	    "LEFT JOIN sellers s ON s.msisdn = a.seller "
	    "WHERE a.agent = ?3 AND a.at_s >= ?1 AND a.at_s < ?2";
	/* CROSS JOIN keeps the assistants outside: orders by buyer, never a
	 * scan of all orders */
	static const char q_bought[] = "SELECT a.msisdn, o.place FROM agents a "
	    "CROSS JOIN orders o ON o.buyer = a.msisdn "
	    "WHERE o.created_at >= ?1 AND o.created_at < ?2";
	static const char q_bought1[] = "SELECT a.msisdn, o.place "
	    "FROM agents a CROSS JOIN orders o ON o.buyer = a.msisdn "
	    "WHERE a.msisdn = ?3 AND o.created_at >= ?1 AND o.created_at < ?2";
	const char	*sql[2] = { r->agent ? q_actions1 : q_actions,
			    r->agent ? q_bought1 : q_bought };
	size_t		 off[2] = { OFF(via_agent), OFF(flagged) };
	sqlite3_stmt	*s;
	int		 i, rc, g;

	for (i = 0; i < 2; i++) {
		if ((s = store_stmt(r->st, sql[i])) == NULL)
			return store_fail(r, "agent actions");
		sqlite3_bind_int64(s, 1, r->rq->from_s);
		sqlite3_bind_int64(s, 2, r->rq->to_s);
		if (r->agent != NULL)
			sqlite3_bind_text(s, 3, r->agent, -1, SQLITE_TRANSIENT);
		while ((rc = store_step(r->st, s)) == SQLITE_ROW) {
			r->rowno++;
			if ((g = grp_find(r, store_col_str(s, 0))) == G_NONE)
				continue;
			if (r->rq->place[0] != '\0' &&
			    place_group(r, store_col_str(s, 1)) == G_NONE)
				continue;
			add(r, g, off[i], 1);
			add(r, G_TOTAL, off[i], 1);
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_fail(r, "agent actions");
	}
	return 0;
}

/* Every assistant: the sources once over all sellers, each event counted
 * for the assistants linked to its seller then. One assistant (LAPORAN):
 * the sources per seller it had linked at some time, through the seller
 * indexes, so the work is that of its own sellers. */
static int
agent_sellers(struct rep *r)
{
	size_t	i;

	if (r->agent == NULL)
		return sources(r, 0);
	for (i = 0; i < r->nln; i++) {
		if (r->ln[i].seller_id == 0 || (i > 0 &&
		    r->ln[i - 1].seller_id == r->ln[i].seller_id))
			continue;
		if (sources(r, r->ln[i].seller_id) == -1)
			return -1;
	}
	return 0;
}

/* ---- couriers ---- */

/* The couriers enrolled at some time in the period as groups, then every
 * job assigned or ended in it counted into its courier's row (a courier
 * removed before the period who still ended a job in it gets a row too),
 * when the job's order passes the place filter. */
static int
couriers_load(struct rep *r)
{
	static const char q_couriers[] = "SELECT msisdn, name, place "
	    "FROM couriers WHERE created_s < ?2 AND "
	    "(removed_s IS NULL OR removed_s >= ?1)";
	static const char q_jobs[] = "SELECT j.courier, j.fee_rp, "
	    "j.assigned_s, j.ended_s, coalesce(j.outcome, ''), "
	    "coalesce(o.place, '') FROM courier_jobs j "
	    "LEFT JOIN orders o ON o.id = j.order_id "
	    "WHERE (j.assigned_s >= ?1 AND j.assigned_s < ?2) "
	    "OR (j.ended_s >= ?1 AND j.ended_s < ?2)";
	sqlite3_stmt	*s;
	char		 key[40], name[96];
	int		 rc, g;
	int64_t		 t, fee;
	const char	*outcome;

	if ((s = store_stmt(r->st, q_couriers)) == NULL)
		return store_fail(r, "couriers");
	sqlite3_bind_int64(s, 1, r->rq->from_s);
	sqlite3_bind_int64(s, 2, r->rq->to_s);
	while ((rc = store_step(r->st, s)) == SQLITE_ROW) {
		store_col_text(s, 0, key, sizeof(key));
		store_col_text(s, 1, name, sizeof(name));
		g = grp_add(r, key, name);
		store_col_text(s, 2, r->g[g].place, sizeof(r->g[g].place));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(r, "couriers");

	if ((s = store_stmt(r->st, q_jobs)) == NULL)
		return store_fail(r, "courier jobs");
	sqlite3_bind_int64(s, 1, r->rq->from_s);
	sqlite3_bind_int64(s, 2, r->rq->to_s);
	while ((rc = store_step(r->st, s)) == SQLITE_ROW) {
		r->rowno++;
		if (r->rq->place[0] != '\0') {
			g = place_group(r, store_col_str(s, 5));
			if (g == -2)
				goto fail;
			if (g == G_NONE)
				continue;
		}
		store_col_text(s, 0, key, sizeof(key));
		if ((g = grp_find(r, key)) == G_NONE)
			g = grp_add(r, key, "");
		fee = sqlite3_column_int64(s, 1);
		outcome = store_col_str(s, 4);
		t = sqlite3_column_int64(s, 2);
		if (t >= r->rq->from_s && t < r->rq->to_s) {
			add(r, g, OFF(jobs), 1);
			add(r, G_TOTAL, OFF(jobs), 1);
		}
		if (!in_period(r, s, 3, &t))
			continue;
		if (strcmp(outcome, "delivered") == 0) {
			add(r, g, OFF(delivered), 1);
			add(r, G_TOTAL, OFF(delivered), 1);
			add(r, g, OFF(fees_rp), fee);
			add(r, G_TOTAL, OFF(fees_rp), fee);
		} else if (strcmp(outcome, "failed") == 0) {
			add(r, g, OFF(failed), 1);
			add(r, G_TOTAL, OFF(failed), 1);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(r, "courier jobs");
	return 0;
fail:
	sqlite3_reset(s);
	return -1;
}

/* ---- assembly ---- */

static int
grp_cmp(const void *a, const void *b)
{
	return strcmp(((const struct grp *)a)->key,
	    ((const struct grp *)b)->key);
}

static bool
row_empty(const struct report_row *w)
{
	size_t	i;

	for (i = 0; i < NCOLS; i++)
		if (!cols[i].text && report_value(w, &cols[i]) != 0)
			return false;
	for (i = 0; i < NCOLS_COURIER; i++)
		if (!cols_courier[i].text &&
		    report_value(w, &cols_courier[i]) != 0)
			return false;
	return true;
}

/* The day or month groups of the period, zeros included. */
static void
time_groups(struct rep *r)
{
	int64_t		 t = r->rq->from_s, next;
	size_t		 cap = 0;
	char		 key[16];
	struct tm	 tm;
	time_t		 tt;

	while (t < r->rq->to_s) {
		tt = (time_t)t;
		localtime_r(&tt, &tm);
		if (r->rq->by == REPORT_BY_DAY) {
			strftime(key, sizeof(key), "%Y-%m-%d", &tm);
			next = report_day_add(t, 1);
		} else {
			strftime(key, sizeof(key), "%Y-%m", &tm);
			next = local_midnight(tm.tm_year + 1900,
			    tm.tm_mon + 2, 1);
		}
		if (next <= t)
			next = t + 1;	/* cannot happen; never loop forever */
		grp_add(r, key, "");
		if (r->nbound + 2 > cap) {
			cap = cap ? cap * 2 : 64;
			r->bound = xrealloc(r->bound, cap *
			    sizeof(*r->bound));
		}
		r->bound[r->nbound++] = t;
		t = next;
	}
	if (r->nbound > 0)
		r->bound[r->nbound++] = r->rq->to_s;
}

static int
check_place(struct rep *r)
{
	char	name[96], parent[32];
	int	level, f;

	if (r->rq->place[0] == '\0')
		return 0;
	if ((f = place_get(r, r->rq->place, &level, name, sizeof(name),
	    parent, sizeof(parent))) < 0)
		return -1;
	if (f == 0) {
		snprintf(r->err, r->errlen, "place %s is not a loaded place "
		    "code (lapakctl places load)", r->rq->place);
		return 1;
	}
	return 0;
}

static int
report_run(struct rep *r, struct report_row **rows, size_t *n)
{
	enum report_by	 by = r->rq->by;
	struct report_row *out;
	size_t		 i, k = 0;
	int		 rc;

	*rows = NULL;
	*n = 0;
	if ((unsigned)by >= REPORT_BY__N || r->rq->to_s <= r->rq->from_s) {
		snprintf(r->err, r->errlen, "report: bad grouping or an empty "
		    "period");
		return 1;
	}
	if ((rc = check_place(r)) != 0)
		return rc;
	grp_add(r, "total", "");
	grp_add(r, "unplaced", "");
	if (by == REPORT_BY_DAY || by == REPORT_BY_MONTH)
		time_groups(r);
	if (by == REPORT_BY_AGENT) {
		if (agents_load(r) == -1 || agents_total_linked(r) == -1 ||
		    agents_direct(r) == -1 || agent_sellers(r) == -1)
			return -1;
	} else if (by == REPORT_BY_COURIER) {
		if (couriers_load(r) == -1)
			return -1;
	} else if (sources(r, 0) == -1)
		return -1;
	if (by == REPORT_BY_DAY || by == REPORT_BY_MONTH) {
		int64_t	run = r->g[G_TOTAL].row.sellers_total;

		for (i = G_FIRST; i < r->ng; i++) {
			run += r->g[i].row.sellers_new;
			if (i < r->ngone)
				run -= r->gone[i];
			r->g[i].row.sellers_total = run;
		}
		r->g[G_TOTAL].row.sellers_total = run;
	}
	if (by != REPORT_BY_DAY && by != REPORT_BY_MONTH)
		qsort(r->g + G_FIRST, r->ng - G_FIRST, sizeof(*r->g), grp_cmp);
	out = xcalloc(r->ng, sizeof(*out));
	for (i = G_FIRST; i < r->ng; i++) {
		struct grp	*g = &r->g[i];

		if (by == REPORT_BY_AGENT || by == REPORT_BY_COURIER) {
			char	masked[LOG_MSISDN_LEN];

			if (r->rq->place[0] != '\0' &&
			    !under(g->place, r->rq->place) && row_empty(&g->row))
				continue;
			log_msisdn(g->key, masked, sizeof(masked));
			snprintf(g->row.group, sizeof(g->row.group), "%s",
			    masked);
		}
		out[k] = g->row;
		out[k++].kind = REPORT_ROW_GROUP;
	}
	if (is_place_by(by)) {
		out[k] = r->g[G_UNPLACED].row;
		out[k++].kind = REPORT_ROW_UNPLACED;
	}
	out[k] = r->g[G_TOTAL].row;
	out[k++].kind = REPORT_ROW_TOTAL;
	*rows = out;
	*n = k;
	return 0;
}

static void
rep_free(struct rep *r)
{
	free(r->g);
	free(r->pl);
	free(r->bound);
	free(r->gone);
	free(r->ln);
	free(r->act);
	free(r->last);
}

int
report_query(struct store *st, const struct report_req *rq,
    struct report_row **rows, size_t *n, char *err, size_t errlen)
{
	struct rep	r = { .st = st, .rq = rq, .err = err, .errlen = errlen };
	int		rc;

	/* Whole-table scans: read the file through a mapping rather than
	 * copy it page by page into the cache (a no-op where SQLite cannot
	 * map; harmless on a writer, whose commits are not affected). */
	(void)store_exec(st, "PRAGMA mmap_size = 1073741824");
	rc = report_run(&r, rows, n);
	rep_free(&r);
	return rc;
}

int
report_agent(struct store *st, const char *msisdn, int64_t from_s,
    int64_t to_s, struct report_agent *out)
{
	static const char q_enrolled[] = "SELECT 1 FROM agents "
	    "WHERE msisdn = ?1 AND removed_s IS NULL";
	static const char q_new[] = "SELECT count(*) FROM agent_links "
	    "WHERE agent = ?1 AND created_s >= ?2 AND created_s < ?3";
	struct report_req	 rq;
	struct rep		 r;
	struct report_row	*rows = NULL;
	sqlite3_stmt		*s;
	char			 err[256];
	size_t			 n = 0;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((s = store_stmt(st, q_enrolled)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	rc = store_step(st, s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return -1;
	if ((s = store_stmt(st, q_new)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, from_s);
	sqlite3_bind_int64(s, 3, to_s);
	rc = store_step(st, s);
	if (rc == SQLITE_ROW)
		out->linked_new = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return -1;

	memset(&rq, 0, sizeof(rq));
	rq.by = REPORT_BY_AGENT;
	rq.from_s = from_s;
	rq.to_s = to_s;
	memset(&r, 0, sizeof(r));
	r.st = st;
	r.rq = &rq;
	r.agent = msisdn;
	r.err = err;
	r.errlen = sizeof(err);
	rc = report_run(&r, &rows, &n);
	rep_free(&r);
	if (rc != 0) {
		free(rows);
		return -1;
	}
	if (n == 2) {		/* the assistant's row, then the total */
		out->linked_now = rows[0].sellers_linked;
		out->products_listed = rows[0].products_listed;
		out->updates = rows[0].updates;
		out->orders_completed = rows[0].orders_completed;
		out->value_completed_rp = rows[0].value_completed_rp;
	}
	free(rows);
	return 0;
}
