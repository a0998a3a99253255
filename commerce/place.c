/* Places (programme.md section 1): names folded and compared with the
 * loaded list (typo-tolerant), and the seller's side of it: the village
 * DAFTAR names, the choice among duplicates, DESA. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "commerce/cx.h"
#include "commerce/place.h"

static const char *const fold_prefixes[] = {
	"desa", "ds", "kelurahan", "kel", "kecamatan", "kec",
};

void
commerce_place_fold(const char *name, char *out, size_t len)
{
	const char	*p = name;
	size_t		 i, n = 0, w;

	if (len == 0)
		return;
	while (*p == ' ' || *p == '\t')
		p++;
	for (i = 0; i < sizeof(fold_prefixes) / sizeof(fold_prefixes[0]);
	    i++) {
		const char	*q;

		w = strlen(fold_prefixes[i]);
		if (strncasecmp(p, fold_prefixes[i], w) != 0 ||
		    (p[w] != ' ' && p[w] != '.'))
			continue;
		for (q = p + w; *q == ' ' || *q == '.'; q++)
			;
		if (*q != '\0')
			p = q;
		break;
	}
	for (; *p != '\0' && n + 1 < len; p++) {
		unsigned char	ch = (unsigned char)*p;

		if (ch >= 0x80 || isdigit(ch))
			out[n++] = (char)ch;
		else if (isalpha(ch))
			out[n++] = (char)tolower(ch);
	}
	out[n] = '\0';
}

void
commerce_place_rkey(const char *key, char *out, size_t len)
{
	size_t	n = strlen(key), i;

	if (len == 0)
		return;
	if (n >= len)
		n = len - 1;
	for (i = 0; i < n; i++)
		out[i] = key[n - 1 - i];
	out[n] = '\0';
}

int
commerce_place_tolerance(size_t n)
{
	if (n <= 3)
		return 0;
	return n <= 7 ? 1 : 2;
}

int
commerce_place_distance(const char *a, const char *b, int max)
{
	int	rows[3][PLACE_NAME_MAX + 1], *pp, *p, *c;
	size_t	la = strlen(a), lb = strlen(b), i, j;
	int	best;

	if (la > PLACE_NAME_MAX || lb > PLACE_NAME_MAX)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	pp = rows[0];
	p = rows[1];
	c = rows[2];
	for (j = 0; j <= lb; j++)
		p[j] = (int)j;
	for (i = 1; i <= la; i++) {
		int	*t;

		c[0] = (int)i;
		best = c[0];
		for (j = 1; j <= lb; j++) {
			int	cost = a[i - 1] == b[j - 1] ? 0 : 1, v;

			v = p[j - 1] + cost;
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[lb] > max ? max + 1 : p[lb];
}

bool
commerce_place_code_ok(const char *code, int level)
{
	static const int	digits[] = { 2, 2, 2, 4 };
	int			l, k;

	if (level < PLACE_PROVINCE || level > PLACE_VILLAGE)
		return false;
	for (l = 0; l < level; l++) {
		if (l > 0 && *code++ != '.')
			return false;
		for (k = 0; k < digits[l]; k++)
			if (!isdigit((unsigned char)*code++))
				return false;
	}
	return *code == '\0';
}

bool
commerce_place_code_any(const char *code)
{
	int	level;

	for (level = PLACE_PROVINCE; level <= PLACE_VILLAGE; level++)
		if (commerce_place_code_ok(code, level))
			return true;
	return false;
}

bool
commerce_place_in_scope(const char *code, const char *scope)
{
	size_t	n = strlen(scope);

	if (n == 0)
		return true;
	return strncmp(code, scope, n) == 0 &&
	    (code[n] == '\0' || code[n] == '.');
}

enum repo_rc
commerce_place_resolve(const struct repo *r, const char *scope, int level,
    const char *text, struct place *out, int max, int *n)
{
	char		key[PLACE_NAME_MAX];
	enum repo_rc	rc;
	int		i;

	*n = 0;
	commerce_place_fold(text, key, sizeof(key));
	if (key[0] == '\0')
		return REPO_OK;
	rc = r->ops->place_match(r->be, level, scope, key, false, out, max, n);
	if (rc != REPO_OK || *n > 0 ||
	    commerce_place_tolerance(strlen(key)) == 0)
		return rc;
	rc = r->ops->place_match(r->be, level, scope, key, true, out, max, n);
	if (rc != REPO_OK)
		return rc;
	/* Only the nearest: "Tlogoreja" is Tlogorejo, not also Tlogoreji. */
	for (i = 1; i < *n; i++)
		if (out[i].dist > out[0].dist)
			break;
	*n = i < *n ? i : *n;
	return REPO_OK;
}

/* "Tlogorejo, Kec. Jakenan" (en: "Tlogorejo, Jakenan district"). */
static const char *
place_label(const struct place *p, const char *lang, char *buf, size_t len)
{
	if (p->parent_name[0] == '\0')
		snprintf(buf, len, "%s", p->name);
	else if (strcmp(lang, "en") == 0)
		snprintf(buf, len, "%s, %s district", p->name, p->parent_name);
	else
		snprintf(buf, len, "%s, Kec. %s", p->name, p->parent_name);
	return buf;
}

/* The villages (village, district) names within the scope; naming a
 * district keeps those in it when some are. */
static enum repo_rc
match_village(struct cx *c, const char *village, const char *district,
    struct place *out, int *n)
{
	struct place	d[PLACE_MATCH_MAX];
	enum repo_rc	rc;
	int		nd, i, j, k = 0;

	rc = commerce_place_resolve(c->r, c->cf->places_scope, PLACE_VILLAGE,
	    village, out, PLACE_MATCH_MAX, n);
	if (rc != REPO_OK || *n == 0 || district == NULL ||
	    district[0] == '\0')
		return rc;
	rc = commerce_place_resolve(c->r, c->cf->places_scope,
	    PLACE_DISTRICT, district, d, PLACE_MATCH_MAX, &nd);
	if (rc != REPO_OK)
		return rc;
	for (i = 0; i < *n; i++)
		for (j = 0; j < nd; j++)
			if (strcmp(out[i].parent, d[j].code) == 0) {
				out[k++] = out[i];
				break;
			}
	if (k > 0)
		*n = k;
	return REPO_OK;
}

/* Places s at p: the seller, its products, the reply's village label. */
static int
place_at(struct cx *c, struct seller *s, const struct place *p)
{
	char		label[2 * PLACE_NAME_MAX + 16];
	enum repo_rc	rc;

	if ((rc = REPO(c, seller_place, s->id, p->code, p->name,
	    c->who->now_s)) != REPO_OK ||
	    (rc = REPO(c, place_choice_set, c->who->msisdn, "", 0)) !=
	    REPO_OK) {
		cx_repo(c, rc, "place");
		return -1;
	}
	snprintf(s->place, sizeof(s->place), "%s", p->code);
	act_set(&c->res->reply, "village", "%s",
	    place_label(p, c->lang, label, sizeof(label)));
	act_set(&c->res->reply, "district", "%s", p->parent_name);
	return 0;
}

/* Lists up to PLACE_CHOICES of p[0..n-1] and keeps them for DESA <n>. */
static int
offer_choice(struct cx *c, const struct place *p, int n, const char *typed)
{
	char		codes[PLACE_CHOICES * PLACE_CODE_MAX + 4];
	struct act_msg	*m = &c->res->reply;
	enum repo_rc	 rc;
	size_t		 o = 0;
	int		 i;

	codes[0] = '\0';
	for (i = 0; i < n && i < PLACE_CHOICES; i++) {
		struct act_row	*r = &m->rows[m->nrows++];

		o += (size_t)snprintf(codes + o, sizeof(codes) - o, "%s%s",
		    i > 0 ? "," : "", p[i].code);
		act_row_set(r, "n", "%d", i + 1);
		act_row_set(r, "village", "%s", p[i].name);
		act_row_set(r, "district", "%s", p[i].parent_name);
	}
	act_set(m, "name", "%s", typed);
	if ((rc = REPO(c, place_choice_set, c->who->msisdn, codes,
	    c->who->now_s + c->cf->places_choose_s)) != REPO_OK) {
		cx_repo(c, rc, "place");
		return -1;
	}
	return 0;
}

int
cx_place_register(struct cx *c, struct seller *s, const char *village,
    const char *district, enum cx_placed *out)
{
	struct place	p[PLACE_MATCH_MAX];
	enum repo_rc	rc;
	int		n;
	bool		any;

	*out = CX_PLACED_NONE;
	if ((rc = match_village(c, village, district, p, &n)) != REPO_OK) {
		cx_repo(c, rc, "place");
		return -1;
	}
	if (n == 1) {
		*out = CX_PLACED_ONE;
		return place_at(c, s, &p[0]);
	}
	if (n > 1) {
		*out = CX_PLACED_MANY;
		return offer_choice(c, p, n, village);
	}
	/* Not a loaded village: kept as written, unplaced. */
	if ((rc = REPO(c, places_any, c->cf->places_scope, &any)) != REPO_OK) {
		cx_repo(c, rc, "place");
		return -1;
	}
	if (any)
		*out = CX_PLACED_UNKNOWN;
	if (s->place[0] != '\0') {
		if ((rc = REPO(c, seller_place, s->id, "", NULL,
		    c->who->now_s)) != REPO_OK) {
			cx_repo(c, rc, "place");
			return -1;
		}
		s->place[0] = '\0';
	}
	return 0;
}

/* The pending choice's codes, n of them; 0 when none or expired. */
static int
choice_codes(struct cx *c, char codes[][PLACE_CODE_MAX], int *n)
{
	char		 all[PLACE_CHOICES * PLACE_CODE_MAX + 4], *w, *save;
	int64_t		 exp;
	enum repo_rc	 rc;

	*n = 0;
	rc = REPO(c, place_choice_get, c->who->msisdn, all, sizeof(all),
	    &exp);
	if (rc == REPO_NOTFOUND)
		return 0;
	if (rc != REPO_OK) {
		cx_repo(c, rc, "place");
		return -1;
	}
	if (exp <= c->who->now_s)
		return 0;
	for (w = strtok_r(all, ",", &save); w != NULL && *n < PLACE_CHOICES;
	    w = strtok_r(NULL, ",", &save))
		snprintf(codes[(*n)++], PLACE_CODE_MAX, "%s", w);
	return 0;
}

/* DESA <n> or DESA <district> while a choice waits: the village chosen
 * (1), nothing chosen (0), or the request ended (-1). */
static int
choose(struct cx *c, struct seller *s)
{
	char		codes[PLACE_CHOICES][PLACE_CODE_MAX], key[PLACE_NAME_MAX];
	char		dkey[PLACE_NAME_MAX];
	struct place	p;
	enum repo_rc	rc;
	int		n, i, pick = -1;

	if (choice_codes(c, codes, &n) != 0)
		return -1;
	if (c->a->choice > 0) {
		if (n == 0) {
			cx_end(c, ACT_INVALID, TMPL_PLACE_EXPIRED);
			return -1;
		}
		if (c->a->choice > n) {
			act_set(&c->res->reply, "max", "%d", n);
			cx_end(c, ACT_INVALID, TMPL_PLACE_BAD_NUMBER);
			return -1;
		}
		pick = c->a->choice - 1;
	}
	commerce_place_fold(c->a->district[0] != '\0' ? c->a->district :
	    c->a->village, key, sizeof(key));
	for (i = 0; pick < 0 && i < n && key[0] != '\0'; i++) {
		rc = REPO(c, place_get, codes[i], &p);
		if (rc == REPO_NOTFOUND)
			continue;	/* dropped from the list since */
		if (rc != REPO_OK) {
			cx_repo(c, rc, "place");
			return -1;
		}
		commerce_place_fold(p.parent_name, dkey, sizeof(dkey));
		if (commerce_place_distance(key, dkey,
		    commerce_place_tolerance(strlen(key))) <=
		    commerce_place_tolerance(strlen(key)))
			pick = i;
	}
	if (pick < 0)
		return 0;
	if ((rc = REPO(c, place_get, codes[pick], &p)) != REPO_OK) {
		cx_repo(c, rc == REPO_NOTFOUND ? REPO_ERR : rc, "place");
		return -1;
	}
	return place_at(c, s, &p) == 0 ? 1 : -1;
}

enum act_rc
cx_village(struct cx *c)
{
	struct seller	 s;
	char		 label[96];
	enum cx_placed	 po;
	int		 k;

	if (!cx_need_seller(c, &s))
		return c->res->rc;
	act_set(&c->res->reply, "shop_label", "%s",
	    cx_shop_label(s.shop, c->lang, label, sizeof(label)));
	if ((k = choose(c, &s)) < 0)
		return c->res->rc;
	if (k == 1)
		return cx_end(c, ACT_OK, TMPL_PLACE_OK);
	if (c->a->village[0] == '\0') {
		act_set(&c->res->reply, "max", "%d", PLACE_CHOICES);
		return cx_end(c, ACT_INVALID, TMPL_PLACE_EXPIRED);
	}
	if (cx_place_register(c, &s, c->a->village, c->a->district, &po) != 0)
		return c->res->rc;
	if (po == CX_PLACED_ONE)
		return cx_end(c, ACT_OK, TMPL_PLACE_OK);
	if (po == CX_PLACED_MANY)
		return cx_end(c, ACT_OK, TMPL_PLACE_CHOOSE);
	/* Unknown: the text as written becomes the seller's village. */
	{
		enum repo_rc rc = REPO(c, seller_place, s.id, "",
		    c->a->village, c->who->now_s);

		if (rc != REPO_OK)
			return cx_repo(c, rc, "place");
	}
	act_set(&c->res->reply, "village", "%s", c->a->village);
	return cx_end(c, ACT_OK, TMPL_PLACE_UNKNOWN);
}
