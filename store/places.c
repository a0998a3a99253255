/* lapakctl places load: a CSV of the Ministry of Home Affairs' places
 * (code,name,level,parent[,replaced_by]) checked whole, then written in
 * one transaction: added, updated, never dropped; sellers of a replaced
 * place moved to its successor. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commerce/place.h"
#include "common/xalloc.h"
#include "store/places.h"
#include "store/store_internal.h"

#define BAD_MAX		50	/* bad lines reported before giving up */
#define CHAIN_MAX	16	/* replaced_by hops followed */
#define FIELDS		5

struct prow {
	char	code[PLACE_CODE_MAX];
	char	name[PLACE_NAME_MAX];
	char	parent[PLACE_CODE_MAX];
	char	repl[PLACE_CODE_MAX];
	int	level;
	long	line;
};

/* One entry of the by-code index: a row of the file. */
struct prow_ref {
	struct prow	*row;
};

struct load {
	const char	*path;
	places_bad_fn	 bad;
	void		*arg;
	int		 nbad;
	struct prow	*rows;
	size_t		 n, cap;
	struct prow_ref	*by_code;	/* the rows sorted by code */
};

static void
bad(struct load *l, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
bad(struct load *l, long line, const char *fmt, ...)
{
	char	msg[512];
	int	o;
	va_list	ap;

	if (l->nbad++ >= BAD_MAX)
		return;
	o = snprintf(msg, sizeof(msg), "%s:%ld: ", l->path, line);
	va_start(ap, fmt);
	vsnprintf(msg + o, sizeof(msg) - (size_t)o, fmt, ap);
	va_end(ap);
	if (l->nbad == BAD_MAX + 0)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
		    " (further bad lines not shown)");
	if (l->bad != NULL)
		l->bad(l->arg, msg);
}

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

/* Splits a CSV line in place (fields may be "quoted", "" an inner quote);
 * returns the number of fields (at most max; -1 on an unclosed quote, or
 * more than max). */
static int
split_csv(char *line, char **f, int max)
{
	char	*r = line, *w;
	int	 n = 0;

	for (;;) {
		if (n == max)
			return -1;
		while (*r == ' ' || *r == '\t')
			r++;
		f[n++] = w = r;
		if (*r == '"') {
			r++;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else
					*w++ = *r++;
			}
			while (*r != ',' && *r != '\0')
				r++;
		} else {
			while (*r != ',' && *r != '\0')
				*w++ = *r++;
		}
		if (*r == '\0') {
			*w = '\0';
			break;
		}
		r++;
		*w = '\0';
	}
	for (int i = 0; i < n; i++)
		f[i] = trim(f[i]);
	return n;
}

static int
level_of(const char *s)
{
	static const char *const names[] = { "province", "regency",
	    "district", "village" };
	int	i;

	for (i = 0; i < 4; i++)
		if (strcasecmp(s, names[i]) == 0)
			return i + 1;
	return 0;
}

static int
by_code_cmp(const void *a, const void *b)
{
	const struct prow_ref	*x = a, *y = b;

	return strcmp(x->row->code, y->row->code);
}

static struct prow *
in_file(const struct load *l, const char *code)
{
	struct prow	key;
	struct prow_ref	kr = { &key }, *hit;

	snprintf(key.code, sizeof(key.code), "%s", code);
	hit = bsearch(&kr, l->by_code, l->n, sizeof(l->by_code[0]),
	    by_code_cmp);
	return hit != NULL ? hit->row : NULL;
}

/* The level of code in the store: 0 when not there, -1 on error. */
static int
in_store(struct store *st, const char *code)
{
	static const char sql[] = "SELECT level FROM places WHERE code = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc, lv = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	if ((rc = store_step(st, s)) == SQLITE_ROW)
		lv = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? lv : -1;
}

/* One data line into l->rows, or reported bad. */
static void
parse_line(struct load *l, char *text, long line, int ncols)
{
	char		*f[FIELDS + 1];
	struct prow	 r;
	const char	*dot;
	int		 nf;

	if ((nf = split_csv(text, f, FIELDS + 1)) < 0 || nf > ncols) {
		bad(l, line, nf < 0 && strchr(text, '"') != NULL ?
		    "unclosed quote" : "more than %d fields", ncols);
		return;
	}
	if (nf < 4) {
		bad(l, line, "%d fields, want code,name,level,parent", nf);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.line = line;
	if ((r.level = level_of(f[2])) == 0) {
		bad(l, line, "level '%s': want province, regency, district "
		    "or village", f[2]);
		return;
	}
	if (!commerce_place_code_ok(f[0], r.level)) {
		bad(l, line, "code '%s' is not a %s code (like %s)", f[0], f[2],
		    (const char *[]){ "33", "33.18", "33.18.04",
		    "33.18.04.2001" }[r.level - 1]);
		return;
	}
	snprintf(r.code, sizeof(r.code), "%s", f[0]);
	if (f[1][0] == '\0' || strlen(f[1]) >= sizeof(r.name)) {
		bad(l, line, "name %s", f[1][0] == '\0' ? "empty" :
		    "longer than 63 bytes");
		return;
	}
	snprintf(r.name, sizeof(r.name), "%s", f[1]);
	dot = strrchr(r.code, '.');
	if (r.level == PLACE_PROVINCE ? f[3][0] != '\0' :
	    dot == NULL || strlen(f[3]) != (size_t)(dot - r.code) ||
	    strncmp(f[3], r.code, (size_t)(dot - r.code)) != 0) {
		if (r.level == PLACE_PROVINCE)
			bad(l, line, "a province has no parent");
		else
			bad(l, line, "parent '%s' is not %.*s, the start of "
			    "code %s", f[3], (int)(dot - r.code), r.code,
			    r.code);
		return;
	}
	snprintf(r.parent, sizeof(r.parent), "%s", f[3]);
	if (nf == 5 && f[4][0] != '\0') {
		if (!commerce_place_code_ok(f[4], r.level) ||
		    strcmp(f[4], r.code) == 0) {
			bad(l, line, "replaced_by '%s' is not another %s code",
			    f[4], f[2]);
			return;
		}
		snprintf(r.repl, sizeof(r.repl), "%s", f[4]);
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->rows = xrealloc(l->rows, l->cap * sizeof(*l->rows));
	}
	l->rows[l->n++] = r;
}

/* Reads and checks the whole file; -1 when it cannot be read. */
static int
read_file(struct load *l, struct store *st, char *err, size_t errlen)
{
	FILE	*fp;
	char	*buf = NULL, *t;
	size_t	 bl = 0, i;
	long	 line = 0;
	int	 ncols = 0, rc = -1;

	if ((fp = fopen(l->path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", l->path, strerror(errno));
		return -1;
	}
	while (getline(&buf, &bl, fp) != -1) {
		line++;
		t = trim(buf);
		if (t[0] == '\0' || t[0] == '#')
			continue;
		if (ncols == 0) {
			char	*f[FIELDS + 1];
			int	 nf = split_csv(t, f, FIELDS + 1);

			if (nf < 4 || strcasecmp(f[0], "code") != 0 ||
			    strcasecmp(f[1], "name") != 0 ||
			    strcasecmp(f[2], "level") != 0 ||
			    strcasecmp(f[3], "parent") != 0 ||
			    (nf == 5 && strcasecmp(f[4], "replaced_by") != 0)) {
				bad(l, line, "header must be code,name,level,"
				    "parent[,replaced_by]");
				break;
			}
			ncols = nf;
			continue;
		}
		parse_line(l, t, line, ncols);
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "%s: %s", l->path, strerror(errno));
		goto out;
	}
	if (ncols == 0 && l->nbad == 0)
		bad(l, line, "no header row");
	l->by_code = xrealloc(NULL, (l->n ? l->n : 1) *
	    sizeof(l->by_code[0]));
	for (i = 0; i < l->n; i++)
		l->by_code[i].row = &l->rows[i];
	qsort(l->by_code, l->n, sizeof(l->by_code[0]), by_code_cmp);
	for (i = 1; i < l->n; i++)
		if (strcmp(l->by_code[i].row->code,
		    l->by_code[i - 1].row->code) == 0)
			bad(l, l->by_code[i].row->line,
			    "code %s also on line %ld", l->by_code[i].row->code,
			    l->by_code[i - 1].row->line);
	/* Parents and successors: in the file or in the store already. */
	for (i = 0; i < l->n; i++) {
		const struct prow	*r = &l->rows[i];
		const struct prow	*f;
		int			 lv;

		if (r->parent[0] != '\0' && in_file(l, r->parent) == NULL) {
			if ((lv = in_store(st, r->parent)) < 0)
				goto store_err;
			if (lv == 0)
				bad(l, r->line, "parent %s is neither in the "
				    "file nor loaded", r->parent);
		}
		if (r->repl[0] != '\0') {
			if ((f = in_file(l, r->repl)) != NULL)
				lv = f->level;
			else if ((lv = in_store(st, r->repl)) < 0)
				goto store_err;
			if (lv == 0)
				bad(l, r->line, "replaced_by %s is neither in "
				    "the file nor loaded", r->repl);
		}
	}
	rc = 0;
	goto out;
store_err:
	snprintf(err, errlen, "%s", store_errmsg(st));
out:
	free(buf);
	fclose(fp);
	return rc;
}

/* added 1, updated 2, unchanged 3; -1 on error. */
static int
upsert(struct store *st, const struct prow *r)
{
	static const char get[] = "SELECT name, coalesce(parent, ''), "
	    "coalesce(replaced_by, '') FROM places WHERE code = ?1";
	static const char put[] = "INSERT INTO places (code, name, level, "
	    "parent, replaced_by, key, rkey) VALUES (?1, ?2, ?3, nullif(?4, ''),"
	    " nullif(?5, ''), ?6, ?7) ON CONFLICT (code) DO UPDATE SET "
	    "name = excluded.name, level = excluded.level, parent = "
	    "excluded.parent, replaced_by = excluded.replaced_by, key = "
	    "excluded.key, rkey = excluded.rkey";
	sqlite3_stmt	*s;
	char		 key[PLACE_NAME_MAX], rkey[PLACE_NAME_MAX];
	char		 name[PLACE_NAME_MAX], parent[PLACE_CODE_MAX];
	char		 repl[PLACE_CODE_MAX];
	int		 rc, what = 1;

	if ((s = store_stmt(st, get)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, r->code, -1, SQLITE_TRANSIENT);
	if ((rc = store_step(st, s)) == SQLITE_ROW) {
		store_col_text(s, 0, name, sizeof(name));
		store_col_text(s, 1, parent, sizeof(parent));
		store_col_text(s, 2, repl, sizeof(repl));
		what = strcmp(name, r->name) == 0 &&
		    strcmp(parent, r->parent) == 0 &&
		    strcmp(repl, r->repl) == 0 ? 3 : 2;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (what == 3)
		return 3;
	commerce_place_fold(r->name, key, sizeof(key));
	commerce_place_rkey(key, rkey, sizeof(rkey));
	if ((s = store_stmt(st, put)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, r->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, r->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 3, r->level);
	sqlite3_bind_text(s, 4, r->parent, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, r->repl, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, rkey, -1, SQLITE_TRANSIENT);
	rc = store_step(st, s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? what : -1;
}

/* The current successor of code (following replaced_by); "" on error. */
static int
successor(struct store *st, const char *code, char *out, size_t len)
{
	static const char sql[] = "SELECT coalesce(replaced_by, '') FROM "
	    "places WHERE code = ?1";
	char	cur[PLACE_CODE_MAX], next[PLACE_CODE_MAX];
	int	hop, rc;

	snprintf(cur, sizeof(cur), "%s", code);
	for (hop = 0; hop < CHAIN_MAX; hop++) {
		sqlite3_stmt	*s = store_stmt(st, sql);

		if (s == NULL)
			return -1;
		sqlite3_bind_text(s, 1, cur, -1, SQLITE_TRANSIENT);
		next[0] = '\0';
		if ((rc = store_step(st, s)) == SQLITE_ROW)
			store_col_text(s, 0, next, sizeof(next));
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
		if (next[0] == '\0')
			break;
		snprintf(cur, sizeof(cur), "%s", next);
	}
	snprintf(out, len, "%s", cur);
	return 0;
}

/* Moves what used old (sellers, their active products) to its successor;
 * the sellers moved, -1 on error. */
static int
move(struct store *st, const char *old)
{
	static const char sellers[] = "UPDATE sellers SET place = ?2, "
	    "village = coalesce((SELECT name FROM places WHERE code = ?2), "
	    "village) WHERE place = ?1";
	static const char products[] = "UPDATE products SET place = ?2 "
	    "WHERE place = ?1 AND active = 1";
	char		 to[PLACE_CODE_MAX];
	sqlite3_stmt	*s;
	int		 rc, n;

	if (successor(st, old, to, sizeof(to)) != 0)
		return -1;
	if (strcmp(to, old) == 0)
		return 0;
	if ((s = store_stmt(st, sellers)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, old, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_TRANSIENT);
	rc = store_step(st, s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return -1;
	n = sqlite3_changes(st->db);
	if ((s = store_stmt(st, products)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, old, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_TRANSIENT);
	rc = store_step(st, s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? n : -1;
}

int
store_places_load(struct store *st, const char *path, places_bad_fn badfn,
    void *arg, struct places_sum *sum, char *err, size_t errlen)
{
	struct load	l = { path, badfn, arg, 0, NULL, 0, 0, NULL };
	size_t		i;
	int		rc = -1, k;

	memset(sum, 0, sizeof(*sum));
	if (read_file(&l, st, err, errlen) != 0)
		goto out;
	if (l.nbad > 0) {
		snprintf(err, errlen, "%s: %d bad line%s, nothing loaded",
		    path, l.nbad, l.nbad == 1 ? "" : "s");
		goto out;
	}
	if (store_begin(st) != STORE_OK)
		goto store_err;
	for (i = 0; i < l.n; i++) {
		if ((k = upsert(st, &l.rows[i])) < 0)
			goto rollback;
		if (k == 1)
			sum->added++;
		else if (k == 2)
			sum->updated++;
		else
			sum->unchanged++;
	}
	for (i = 0; i < l.n; i++) {
		if (l.rows[i].repl[0] == '\0')
			continue;
		if ((k = move(st, l.rows[i].code)) < 0)
			goto rollback;
		sum->moved += k;
	}
	if (store_commit(st) != STORE_OK)
		goto store_err;
	rc = 0;
	goto out;
rollback:
	snprintf(err, errlen, "%s", store_errmsg(st));
	store_rollback(st);
	goto out;
store_err:
	snprintf(err, errlen, "%s", store_errmsg(st));
out:
	free(l.by_code);
	free(l.rows);
	return rc;
}
