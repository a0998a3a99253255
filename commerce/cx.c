/* The request in flight: the reply helpers every handler of commerce/
 * shares (ending a request, notes, list positions, formatting). Handlers
 * call these; only core.c calls the handlers, so no file calls back into
 * the dispatcher. */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "commerce/cx.h"
#include "common/log.h"

void
cx_tmpl(struct act_msg *m, enum commerce_tmpl t)
{
	const char	*name = commerce_tmpl_name(t);
	size_t		 n = strlen(name);

	if (n >= sizeof(m->tmpl))
		n = sizeof(m->tmpl) - 1;
	memcpy(m->tmpl, name, n);
	m->tmpl[n] = '\0';
}

enum act_rc
cx_end(struct cx *c, enum act_rc rc, enum commerce_tmpl t)
{
	c->res->rc = rc;
	cx_tmpl(&c->res->reply, t);
	return rc;
}

enum act_rc
cx_repo(struct cx *c, enum repo_rc rc, const char *where)
{
	char	m[LOG_MSISDN_LEN];

	log_warnx("commerce db from=%s at=%s rc=%d err=\"%s\"",
	    log_msisdn(c->who->msisdn, m, sizeof(m)), where, (int)rc,
	    c->r->ops->errmsg(c->r->be));
	/* Results are rolled back: drop any note already built. */
	c->res->nnotes = 0;
	return rc == REPO_BUSY ? cx_end(c, ACT_BUSY, TMPL_COM_BUSY) :
	    cx_end(c, ACT_ERR, TMPL_COM_ERROR);
}

struct act_msg *
cx_note(struct cx *c, const char *to, enum commerce_tmpl t)
{
	struct act_msg	*m;

	if (c->res->nnotes >= ACT_MAX_NOTES)
		return NULL;
	m = &c->res->notes[c->res->nnotes++];
	memset(m, 0, sizeof(*m));
	snprintf(m->to, sizeof(m->to), "%s", to);
	snprintf(m->lang, sizeof(m->lang), "%s",
	    commerce_lang_of(c->r, to, c->cf->default_lang));
	cx_tmpl(m, t);
	return m;
}

int
cx_need_seller(struct cx *c, struct seller *s)
{
	enum repo_rc	rc;

	rc = REPO(c, seller_get, c->who->msisdn, 0, s);
	if (rc == REPO_NOTFOUND) {
		cx_end(c, ACT_NOT_REGISTERED, TMPL_COM_NOT_REGISTERED);
		return 0;
	}
	if (rc != REPO_OK) {
		cx_repo(c, rc, "seller");
		return 0;
	}
	return 1;
}

int
cx_list_save(struct cx *c, const char *kind, const char *query,
    int64_t next_offset)
{
	enum repo_rc	rc;

	rc = REPO(c, list_save, c->who->msisdn, kind, query, next_offset);
	if (rc != REPO_OK) {
		cx_repo(c, rc, kind[0] != '\0' ? kind : "list");
		return -1;
	}
	return 0;
}

int
cx_page_cut(struct cx *c, int n)
{
	if (n <= COMMERCE_PAGE)
		return n;
	c->res->reply.more = true;
	return COMMERCE_PAGE;
}

enum act_rc
cx_page_end(struct cx *c, const char *kind, int64_t offset, int n,
    enum commerce_tmpl empty, enum commerce_tmpl ok)
{
	if (cx_list_save(c, kind, "", offset + n) != 0)
		return c->res->rc;
	if (n == 0)
		return offset == 0 ? cx_end(c, ACT_OK, empty) :
		    cx_end(c, ACT_NO_MORE, TMPL_MORE_NONE);
	return cx_end(c, ACT_OK, ok);
}

const char *
cx_price(int64_t rp, const char *unit, char *buf, size_t len)
{
	char	rup[32];

	act_rupiah(rp, rup, sizeof(rup));
	if (unit != NULL && unit[0] != '\0')
		snprintf(buf, len, "%s/%s", rup, unit);
	else
		snprintf(buf, len, "%s", rup);
	return buf;
}

const char *
cx_count(int64_t n, char *buf, size_t len)
{
	char	rup[40];

	/* act_rupiah groups thousands; drop its "Rp". */
	act_rupiah(n, rup, sizeof(rup));
	if (n < 0)
		snprintf(buf, len, "-%s", rup + 3);
	else
		snprintf(buf, len, "%s", rup + 2);
	return buf;
}

const char *
cx_shop_label(const char *shop, const char *lang, char *buf, size_t len)
{
	/* The words the templates would add: "Toko Pak Budi" stays as it
	 * is (also in English: Toko is the shop's own name there). The
	 * language's own word comes from its templates (word.shop). */
	const char	*words[3] = { "toko", "shop", NULL };
	size_t		 i, n;

	words[2] = commerce_word(lang, WORD_SHOP);
	for (n = 0; shop[n] != '\0' && shop[n] != ' '; n++)
		;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && strncasecmp(shop, words[i], n) == 0) {
			snprintf(buf, len, "%s", shop);
			return buf;
		}
	if (words[2][0] == '\0')
		snprintf(buf, len, "%s", shop);
	else
		snprintf(buf, len, "%s %s", words[2], shop);
	return buf;
}

const char *
commerce_lang_of(const struct repo *r, const char *msisdn, const char *dflt)
{
	char		 got[LANG_SZ];
	const char	*known;

	if (r->ops->number_lang(r->be, msisdn, got) != REPO_OK)
		return dflt;
	/* A language whose folder went away since: the default. */
	return (known = commerce_lang_known(got)) != NULL ? known : dflt;
}
