/* USSD sessions over SMPP (per operator profile) and HTTP: one hop loads the
 * session row, walks the menu (menus/menu.c) running the commerce actions it
 * asks for through gw_act() (as SMS commands do), and saves the row in the
 * same transaction as the screen the dispatch queues. */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "conf/menu.h"
#include "conf/templates.h"
#include "gateway/dispatch.h"
#include "gateway/gw_internal.h"
#include "gateway/mo.h"
#include "gateway/gw_tmpl.h"
#include "gateway/ussd.h"
#include "menus/menu.h"
#include "menus/reply.h"
#include "store/commerce.h"
#include "store/ussd.h"

#define MAX_ACTS	8	/* actions one hop may chain */
#define GC_EVERY	30	/* housekeeping ticks between session prunes */

/* One loaded menu set. refs: 1 while it is the current set, plus 1 for
 * each hop running on it; a retired set (refs 0) is freed once no stored
 * session of its generation can still be answered or resumed. */
struct ussd_set {
	int64_t		 gen;
	int		 refs;
	struct menu_def	*def;
	struct templates *tmpl;
	struct menu	*menu;
	struct ussd_set	*next;		/* retired sets */
};

struct ussd {
	struct ussd_set	*cur;
	struct ussd_set	*old;
	int64_t		 next_gen;
	unsigned	 ticks;
	/* Scratch of one hop (one at a time on the loop's thread), too big
	 * for the stack: the session being walked, the one offered to resume,
	 * and an action's result. */
	struct menu_state st_cur, st_old, st_peek;
	struct act_result res;
};

bool
ussd_classify(const struct conf_ussd_map *m, const struct pdu_sm *sm,
    struct gw_ussd *out)
{
	memset(out, 0, sizeof(*out));
	out->sid = -1;
	if (m->service_type[0] != '\0' &&
	    strcmp(m->service_type, sm->service_type) != 0)
		return false;
	if (sm->ussd_op < 0 && m->session_in != USSD_SID_NONE)
		return false;
	if (sm->ussd_op < 0 && m->service_type[0] == '\0')
		return false;
	out->is = true;
	out->start = sm->ussd_op == m->op_start || sm->ussd_op < 0;
	if (m->op_abort >= 0 && sm->ussd_op == m->op_abort)
		out->abort = true;
	/* Any other op from the phone (release 0x81 and the like) ends it. */
	if (sm->ussd_op >= 0 && sm->ussd_op != m->op_start &&
	    sm->ussd_op != m->op_continue)
		out->abort = true;
	switch (m->session_in) {
	case USSD_SID_ITS:
		if (sm->its_len >= 1)
			out->sid = sm->its[0];
		if (sm->its_len >= 2) {
			out->seq = sm->its[1] >> 1;
			if (sm->its[1] & 1)
				out->abort = true;
		}
		break;
	case USSD_SID_UMR:
		out->sid = sm->umr;
		break;
	case USSD_SID_NONE:
		break;
	}
	if (out->abort)
		out->start = false;
	return true;
}

/* --- menu sets ---------------------------------------------------------- */

static void
set_free(struct ussd_set *s)
{
	if (s == NULL)
		return;
	menu_free(s->menu);
	templates_free(s->tmpl);
	menu_def_free(s->def);
	free(s);
}

static struct ussd_set *
set_load(const struct conf *c, int64_t gen, char *err, size_t errlen)
{
	struct ussd_set	*s = xcalloc(1, sizeof(*s));
	const char	*path = menu_def_path(c);

	s->gen = gen;
	if (gw_templates_load(c, &s->tmpl, err, errlen) == -1 ||
	    menu_def_load(path, &s->def, err, errlen) == -1 ||
	    (s->menu = menu_new(s->def, s->tmpl, err, errlen)) == NULL) {
		set_free(s);
		return NULL;
	}
	menu_set_country(s->menu, c->country_code);	/* input = "phone" */
	s->refs = 1;
	return s;
}

struct ussd *
ussd_new(const struct conf *c, char *err, size_t errlen)
{
	struct ussd	*u = xcalloc(1, sizeof(*u));

	u->next_gen = 1;
	if ((u->cur = set_load(c, u->next_gen, err, errlen)) == NULL) {
		free(u);
		return NULL;
	}
	u->next_gen++;
	return u;
}

void
ussd_free(struct ussd *u)
{
	struct ussd_set	*s, *n;

	if (u == NULL)
		return;
	for (s = u->old; s != NULL; s = n) {
		n = s->next;
		set_free(s);
	}
	set_free(u->cur);
	free(u);
}

int
ussd_reload(struct ussd *u, const struct conf *c, char *err, size_t errlen)
{
	struct ussd_set	*s = set_load(c, u->next_gen, err, errlen);

	if (s == NULL)
		return -1;
	if (menu_def_same(s->def, u->cur->def) &&
	    templates_same(s->tmpl, u->cur->tmpl)) {
		/* Nothing changed: sessions keep the running set, and no
		 * generation piles up behind reloads that change nothing. */
		set_free(s);
		log_info("ussd menus unchanged gen=%lld",
		    (long long)u->cur->gen);
		return 0;
	}
	u->next_gen++;
	u->cur->refs--;
	u->cur->next = u->old;
	u->old = u->cur;
	u->cur = s;
	log_info("ussd menus loaded gen=%lld file=%s", (long long)s->gen,
	    menu_def_path(c));
	return 0;
}

int
ussd_sets(const struct ussd *u)
{
	const struct ussd_set	*s;
	int			 n = 1;

	for (s = u->old; s != NULL; s = s->next)
		n++;
	return n;
}

void
ussd_gc(struct ussd *u, struct store *st, const struct conf *c,
    int64_t now_ms)
{
	struct ussd_set	**pp, *s;
	int64_t		 keep_ms = ((int64_t)c->ussd_session_timeout_s +
	    c->ussd_resume_s) * 1000;
	int		 n;

	if (u == NULL)
		return;
	for (pp = &u->old; (s = *pp) != NULL;) {
		if (s->refs == 0 &&
		    ussd_sess_gen_used(st, s->gen, now_ms - keep_ms) == 0) {
			*pp = s->next;
			log_info("ussd menus retired gen=%lld", (long long)s->gen);
			set_free(s);
			continue;
		}
		pp = &s->next;
	}
	if (++u->ticks % GC_EVERY == 0 &&
	    (n = ussd_sess_prune(st, now_ms - keep_ms)) > 0)
		log_info("ussd sessions pruned=%d", n);
}

static struct ussd_set *
set_of(struct ussd *u, int64_t gen)
{
	struct ussd_set	*s;

	if (u->cur->gen == gen)
		return u->cur;
	for (s = u->old; s != NULL; s = s->next)
		if (s->gen == gen)
			return s;
	return NULL;
}

/* --- one hop ------------------------------------------------------------ */

struct hop {
	struct mo_ctx		*m;
	struct gw		*g;
	struct ussd_set		*set;
	const char		*msisdn;
};

static int
emit_msg(struct hop *h, const struct act_msg *m, const char *to)
{
	char	buf[2048];

	reply_render(h->set->tmpl, m, m->lang[0] ? m->lang :
	    h->g->c->default_lang, buf, sizeof(buf));
	return gw_emit(h->m, to, buf);
}

/* r as the screen that says a read's answer comes by SMS. */
static void
by_sms(struct act_result *r, const char *lang)
{
	memset(&r->reply, 0, offsetof(struct act_msg, vars));
	r->rc = ACT_OK;
	r->nnotes = 0;
	r->reply.nvars = 0;
	r->reply.nrows = 0;
	r->reply.more = false;
	snprintf(r->reply.lang, sizeof(r->reply.lang), "%s", lang);
	snprintf(r->reply.tmpl, sizeof(r->reply.tmpl), "%s",
	    gw_tmpl_name(GW_TMPL_REPORT_SMS));
}

/* Runs the actions the walk asks for until it shows a screen. */
static int
run(struct hop *h, struct menu_state *s, struct menu_out *out)
{
	struct act_result	*r = &h->g->ussd->res;
	struct actor		 who;
	struct action		 as;
	const struct action	*a;
	int			 n, i;

	for (n = 0; out->kind == MENU_ACT && n < MAX_ACTS; n++) {
		memset(&who, 0, sizeof(who));
		snprintf(who.msisdn, sizeof(who.msisdn), "%s", h->msisdn);
		who.now_s = h->m->now_ms / 1000;
		a = &out->act;
		if (out->as[0] != '\0') {
			/* An assistant's "act for a seller" branch: the action
			 * runs as UNTUK <seller> <action>, by the same rules;
			 * the PIN typed is the assistant's. */
			memset(&as, 0, sizeof(as));
			as.verb = VERB_FOR;
			as.confirm_code = -1;
			as.ussd = true;
			as.pin_ok = a->pin_ok;
			snprintf(as.pin, sizeof(as.pin), "%s", a->pin);
			snprintf(as.target, sizeof(as.target), "%s", out->as);
			as.inner = a;
			a = &as;
		}
		if (a->verb == VERB_REPORT && out->as[0] == '\0') {
			/* LAPORAN is report work: the search thread reads it
			 * and the figures come by SMS (dispatch.c). */
			int	w = gw_defer_sms(h->m, h->msisdn,
				    verb_keyword(VERB_REPORT));

			if (w == -1)
				return -1;
			if (w == 1) {
				by_sms(r, s->lang);
				menu_result(h->set->menu, s, r, out);
				continue;
			}
		}
		if (gw_act(h->g->st, h->g->c, &who, a, NULL, r) == -1)
			return -1;
		/* Other parties hear by SMS now; the user only at the end. */
		for (i = 0; i < r->nnotes; i++)
			if (r->notes[i].to[0] != '\0' &&
			    strcmp(r->notes[i].to, h->msisdn) != 0 &&
			    emit_msg(h, &r->notes[i], r->notes[i].to) == -1)
				return -1;
		menu_result(h->set->menu, s, r, out);
	}
	if (out->kind == MENU_ACT) {
		log_warnx("ussd from=%s: more than %d actions in one hop",
		    h->msisdn, MAX_ACTS);
		snprintf(out->text, sizeof(out->text), "%s",
		    menu_message(h->set->menu, "error", s->lang));
		out->kind = MENU_END;
	}
	return 0;
}

/* "*123*45*1*2#" after "*123*45#": the inputs "1*2" ride along. */
static const char *
dial_extra(const char *code, const char *dialled)
{
	size_t	n = strlen(code);

	if (n < 2 || code[n - 1] != '#' || strncmp(code, dialled, n - 1) != 0 ||
	    dialled[n - 1] != '*')
		return NULL;
	return dialled + n;
}

/* Feeds "a*b*c" (optionally ending '#') as answers, one by one. */
static int
feed(struct hop *h, struct menu_state *s, const char *seq,
    struct menu_out *out)
{
	char	buf[160], *p, *e;

	snprintf(buf, sizeof(buf), "%s", seq);
	if ((e = strchr(buf, '#')) != NULL)
		*e = '\0';
	for (p = buf; p != NULL && *p != '\0' && out->kind == MENU_CON; p = e) {
		if ((e = strchr(p, '*')) != NULL)
			*e++ = '\0';
		menu_input(h->set->menu, s, p, out);
		if (run(h, s, out) == -1)
			return -1;
	}
	return 0;
}

static bool
looks_dialled(const char *t)
{
	size_t	n = strlen(t);

	return n >= 2 && (t[0] == '*' || t[0] == '#') && t[n - 1] == '#';
}

static void
hold(struct hop *h, struct ussd_set *set)
{
	h->set = set;
	set->refs++;
}

int
ussd_hop(struct mo_ctx *m, const char *key, const char *msisdn, bool start,
    bool abort, const char *input, bool joined, struct ussd_screen *out)
{
	struct gw		*g = m->g;
	const struct conf	*c = g->c;
	struct ussd		*u = g->ussd;
	struct menu_state	*st_cur = &u->st_cur, *st_old = &u->st_old;
	struct menu_out		 mo;
	struct ussd_row		 row, old;
	struct hop		 h = { m, g, NULL, msisdn };
	int64_t			 now_ms = m->now_ms;
	struct ussd_set		*set;
	const char		*in = input, *extra = NULL;
	char			 lang[8];
	int			 found, rc = -1;
	bool			 offer = false, fresh = false;

	memset(out, 0, sizeof(*out));
	memset(&mo, 0, sizeof(mo));
	if ((found = ussd_sess_get(g->st, key, &row, st_cur,
	    sizeof(*st_cur))) < 0)
		return -1;
	if (found && row.status == USSD_DROPPED)
		found = 0;	/* a closed session: only resumable */
	if (abort) {
		out->none = true;
		if (found) {
			row.status = USSD_DROPPED;
			row.updated_ms = now_ms;
			if (ussd_sess_put(g->st, &row, st_cur,
			    sizeof(*st_cur)) != STORE_OK)
				return -1;
		}
		return 0;
	}
	if (joined) {
		/* HTTP: text is every answer so far; "" is the dial. */
		start = !found || input[0] == '\0';
		if (!found)
			extra = input[0] != '\0' ? input : NULL;
		else if ((size_t)row.text_len < strlen(input)) {
			in = input + row.text_len;
			if (*in == '*')
				in++;
			if (row.text_len > 0 && input[row.text_len] != '*' &&
			    strrchr(input, '*') != NULL)
				in = strrchr(input, '*') + 1;
		} else
			in = NULL;	/* the same request again */
	} else if (start && found && row.status != USSD_OFFER &&
	    !looks_dialled(input))
		start = false;	/* keyed by number: an answer, not a dial */
	else if (start)
		extra = dial_extra(c->ussd_service_code, input);
	if (!start && found && now_ms - row.updated_ms >
	    (int64_t)c->ussd_session_timeout_s * 1000) {
		/* The network gave up on it long ago: keep it resumable. */
		row.status = USSD_DROPPED;
		if (ussd_sess_put(g->st, &row, st_cur, sizeof(*st_cur)) !=
		    STORE_OK)
			return -1;
		found = 0;
	}
	if (!start && !found) {
		out->end = true;
		snprintf(out->text, sizeof(out->text), "%s",
		    menu_message(u->cur->menu, "expired",
		    commerce_lang(g->st, msisdn, c->default_lang)));
		return 0;
	}
	if (start) {
		snprintf(lang, sizeof(lang), "%s", commerce_lang(g->st, msisdn,
		    c->default_lang));
		/* A session dropped within ussd.resume: offer to continue. */
		if (c->ussd_resume_s > 0 && extra == NULL &&
		    (found = ussd_sess_last(g->st, msisdn, now_ms -
		    (int64_t)c->ussd_resume_s * 1000, &old, st_old,
		    sizeof(*st_old))) < 0)
			return -1;
		if (c->ussd_resume_s > 0 && extra == NULL && found &&
		    st_old->started && (set = set_of(u, old.gen)) != NULL &&
		    menu_state_fits(set->menu, st_old)) {
			if (strcmp(old.key, key) != 0 &&
			    ussd_sess_del(g->st, old.key) != STORE_OK)
				return -1;
			hold(&h, set);
			offer = true;
			memset(&row, 0, sizeof(row));
			snprintf(row.key, sizeof(row.key), "%s", key);
			snprintf(row.msisdn, sizeof(row.msisdn), "%s", msisdn);
			row.gen = old.gen;
			row.status = USSD_OFFER;
			*st_cur = *st_old;
			mo.kind = MENU_CON;
			snprintf(mo.text, sizeof(mo.text), "%s", menu_message(
			    set->menu, "resume", st_cur->lang));
		} else {
			hold(&h, u->cur);
			fresh = true;
			memset(&row, 0, sizeof(row));
			snprintf(row.key, sizeof(row.key), "%s", key);
			snprintf(row.msisdn, sizeof(row.msisdn), "%s", msisdn);
			row.gen = u->cur->gen;
			row.status = USSD_OPEN;
			menu_begin(u->cur->menu, st_cur, lang, &mo);
		}
	} else {
		if ((set = set_of(u, row.gen)) == NULL ||
		    !menu_state_fits(set->menu, st_cur)) {
			/* Its menus are gone (a restart): carry on with the
			 * current ones, from the start if the screen left. */
			set = u->cur;
			row.gen = set->gen;
		}
		hold(&h, set);
		if (row.status == USSD_OFFER) {
			row.status = USSD_OPEN;
			if (in != NULL && strcmp(in, "1") == 0)
				menu_show(set->menu, st_cur, &mo);
			else {
				snprintf(lang, sizeof(lang), "%s", st_cur->lang);
				if (set != u->cur) {
					h.set->refs--;
					hold(&h, u->cur);
					row.gen = u->cur->gen;
				}
				menu_begin(h.set->menu, st_cur, lang, &mo);
			}
		} else if (in == NULL)
			menu_show(set->menu, st_cur, &mo);
		else if (joined && strchr(in, '*') != NULL) {
			/* Several answers since the last request. */
			mo.kind = MENU_CON;
			if (feed(&h, st_cur, in, &mo) == -1)
				goto out;
		} else
			menu_input(set->menu, st_cur, in, &mo);
	}
	if (!offer && run(&h, st_cur, &mo) == -1)
		goto out;
	if (fresh && extra != NULL && feed(&h, st_cur, extra, &mo) == -1)
		goto out;
	out->end = mo.kind == MENU_END;
	snprintf(out->text, sizeof(out->text), "%s", mo.text);
	if (out->end) {
		if (ussd_sess_del(g->st, key) != STORE_OK)
			goto out;
	} else {
		row.updated_ms = now_ms;
		row.text_len = joined ? (int)strlen(input) : 0;
		if (ussd_sess_put(g->st, &row, st_cur, sizeof(*st_cur)) !=
		    STORE_OK)
			goto out;
	}
	if (out->end && mo.receipt && c->ussd_receipt_sms)
		snprintf(out->receipt, sizeof(out->receipt), "%s",
		    mo.receipt_text);
	rc = 0;
out:
	if (h.set != NULL)
		h.set->refs--;
	return rc;
}

void
ussd_masked_text(struct gw *g, const char *key, const char *input,
    bool joined, char *out, size_t outsz)
{
	struct menu_state	*s = &g->ussd->st_peek;
	struct ussd_row		 row;
	struct ussd_set		*set;
	const char		*in = input;
	int			 found;

	found = ussd_sess_get(g->st, key, &row, s, sizeof(*s));
	if (found == 1 && joined && (size_t)row.text_len < strlen(input)) {
		in = input + row.text_len;
		if (*in == '*')
			in++;
	}
	if (found == 1 && row.status == USSD_OPEN &&
	    (set = set_of(g->ussd, row.gen)) != NULL &&
	    menu_wants_secret(set->menu, s)) {
		snprintf(out, outsz, "****");
		return;
	}
	snprintf(out, outsz, "%s", in);
}

void
ussd_mo_key(struct gw *g, const struct gw_mo *mo, char *out, size_t outsz)
{
	const struct conf_smsc	*sc = g->links[mo->link].c;

	if (mo->ussd.sid >= 0)
		snprintf(out, outsz, "%s/%d/%s", sc->name, mo->ussd.sid,
		    mo->in.src);
	else
		snprintf(out, outsz, "%s//%s", sc->name, mo->in.src);
}
