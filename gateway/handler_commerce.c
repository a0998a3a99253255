/* The commerce handler: SMS text -> menus/ parser -> a commerce action
 * through gw_act() (as USSD screens do) -> menus/ templates -> replies and
 * notifications. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/action.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "conf/conf.h"
#include "conf/templates.h"
#include "gateway/dispatch.h"
#include "gateway/gw_tmpl.h"
#include "gateway/handler_impl.h"
#include "menus/cmd.h"
#include "menus/reply.h"
#include "store/commerce.h"
#include "store/store.h"
#include "store/tag.h"

#define EXPIRE_BATCH	8
#define PIN_TAG		" #"	/* key suffix: a keyed hash of the PIN digits */
#define PIN_TAG_HEX	16

struct hcom {
	struct cmd_table	*cmds;
	struct templates	*tmpl;
};

/* Scratch of one command, too big for the stack (~300 KB): the parsed
 * command and the action's result, or a batch of expiry results. Nothing
 * is kept from one call to the next (one command at a time on the loop's
 * thread); shared by every handler, so a reload allocates none of it. */
static struct {
	struct action		 a;
	struct action		 inner;		/* UNTUK's command */
	struct act_result	 r;
	struct act_result	 expired[EXPIRE_BATCH];
} scratch;

static struct hcom *
impl(struct handler *h)
{
	return h->impl;
}

/* Uppercase, single spaces: "beli  p17 2" and "BELI P17 2" are one command. */
static void
normalise(const char *text, char *out, size_t outsz)
{
	size_t	o = 0;
	bool	space = false;

	while (isspace((unsigned char)*text) || *text == '#')
		text++;
	for (; *text && o + 2 < outsz; text++) {
		unsigned char c = (unsigned char)*text;

		if (isspace(c) || c == '#') {
			space = true;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = false;
		out[o++] = (char)toupper(c);
	}
	out[o] = '\0';
}

/* Appends PIN_TAG and PIN_TAG_HEX hex digits of a keyed hash of the
 * normalised unmasked command (ULANG stripped) to key. The hash key is made
 * once and kept in the store (store/tag.h); the repeat window keeps only
 * the tag, which cannot be brute-forced back to a 4-6 digit PIN. */
static bool
pin_tag(struct store *st, const char *text, bool again, char *key,
    size_t keysz)
{
	bool		ok;
	char		full[sizeof(((struct handler_prep *)0)->masked)];
	char		hex[STORE_TAG_HEX + 1];
	const char	*p = full, *sp;
	size_t		 n;

	normalise(text, full, sizeof(full));
	if (again && (sp = strchr(full, ' ')) != NULL)
		p = sp + 1;
	ok = store_tag(st, p, hex, sizeof(hex)) == 0;
	memset(full, 0, sizeof(full));
	if (ok && (n = strlen(key)) + strlen(PIN_TAG) + PIN_TAG_HEX < keysz)
		snprintf(key + n, keysz - n, "%s%s", PIN_TAG, hex);
	return ok;
}

static void
commerce_prepare(struct handler *h, struct store *st, const char *text,
    struct handler_prep *out)
{
	struct hcom		*c = impl(h);
	struct action		*a = &scratch.a;
	struct cmd_error	 e;
	char			*sp;

	memset(out, 0, sizeof(*out));
	if (!cmd_mask_pin(c->cmds, text, out->masked, sizeof(out->masked)))
		snprintf(out->masked, sizeof(out->masked), "%s", text);
	if (cmd_parse(c->cmds, text, a, &e) != CMD_OK)
		return;		/* errors change nothing: answered each time */
	out->mutates = verb_mutates(a->verb);
	/* promotions: the refusal works for a rate-limited number too; the
	 * LANGGANAN list changes nothing */
	out->optout = a->verb == VERB_STOP;
	if (a->verb == VERB_SUBSCRIBE && a->sub_op == SUB_LIST)
		out->mutates = false;
	/* UNTUK: as its command (UNTUK 0812 PRODUK is read-only). */
	if (a->verb == VERB_FOR)
		out->mutates = cmd_parse(c->cmds, a->text, &scratch.inner, &e) ==
		    CMD_OK && verb_mutates(scratch.inner.verb);
	out->again = a->again;
	/* The key is the masked command; ULANG x is keyed as x. */
	normalise(out->masked, out->key, sizeof(out->key) - sizeof(PIN_TAG) -
	    PIN_TAG_HEX);
	if (a->again && (sp = strchr(out->key, ' ')) != NULL)
		memmove(out->key, sp + 1, strlen(sp + 1) + 1);
	/* Masking makes "PIN 1234" and "PIN 5678" look the same: tell them
	 * apart by a keyed hash of the digits, or a new PIN would be answered
	 * as a repeat of the old one and never set. */
	/* Without a tag two different PINs would look alike: then no repeat
	 * check at all rather than a wrong one. */
	if (strcmp(out->masked, text) != 0 &&
	    !pin_tag(st, text, a->again, out->key, sizeof(out->key)))
		out->mutates = false;
}

static int
render_emit(struct hcom *c, const struct act_msg *m, const char *to,
    const char *lang, handler_emit_fn *emit, void *arg)
{
	char	buf[2048];

	reply_render(c->tmpl, m, m->lang[0] ? m->lang : lang, buf, sizeof(buf));
	return emit(arg, to, buf);
}

static int
emit_result(struct hcom *c, const struct act_result *r, const char *src,
    const char *lang, handler_emit_fn *emit, void *arg)
{
	int	i;

	/* No template: no reply (issue 15: a blocked number after its one
	 * notice). */
	if (r->reply.tmpl[0] != '\0' && render_emit(c, &r->reply,
	    r->reply.to[0] ? r->reply.to : src, lang, emit, arg) == -1)
		return -1;
	for (i = 0; i < r->nnotes; i++)
		if (r->notes[i].to[0] != '\0' && render_emit(c, &r->notes[i],
		    r->notes[i].to, lang, emit, arg) == -1)
			return -1;
	return 0;
}

/* Results that changed state: done, or refusals that still count against
 * the sender (a wrong PIN or confirmation code). A duplicate of those must
 * not count twice; any other refusal changed nothing and may be retried. */
static bool
state_changed(enum act_rc rc)
{
	switch (rc) {
	case ACT_OK:
	case ACT_WRONG_CODE:
	case ACT_CODE_CANCELLED:
	case ACT_PIN_WRONG:
		return true;
	default:
		return false;
	}
}

static int
act_text(struct handler *h, struct store *st, const char *src,
    const char *text, int64_t now_s, const struct commerce_find *f,
    handler_emit_fn *emit, void *arg, bool *changed)
{
	struct hcom		*c = impl(h);
	struct action		*a = &scratch.a;
	struct act_result	*r = &scratch.r;
	struct cmd_error	 e, ie;
	struct actor		 who;
	char			 lang[8];
	bool			 inner_ok;

	snprintf(lang, sizeof(lang), "%s", commerce_lang(st, src,
	    h->conf->default_lang));
	/* No memset of r (~34 KB) here: cmd_error_msg and cmd_help_msg clear
	 * r.reply, the only part those paths use, and commerce_do clears r. */
	if (cmd_parse(c->cmds, text, a, &e) != CMD_OK) {
		cmd_error_msg(&e, &r->reply);
		return render_emit(c, &r->reply, src, lang, emit, arg);
	}
	if (a->verb == VERB_HELP) {
		cmd_help_msg(a, &r->reply);
		return render_emit(c, &r->reply, src, lang, emit, arg);
	}
	/* UNTUK <nomor> <perintah>: the command is a message of its own. Its
	 * parse error is told only once the core has checked the sender is an
	 * enrolled assistant (its for.bad answer). */
	inner_ok = a->verb == VERB_FOR && cmd_parse(c->cmds, a->text,
	    &scratch.inner, &ie) == CMD_OK;
	a->inner = inner_ok ? &scratch.inner : NULL;
	memset(&who, 0, sizeof(who));
	snprintf(who.msisdn, sizeof(who.msisdn), "%s", src);
	who.now_s = now_s;
	snprintf(who.lang, sizeof(who.lang), "%s", lang);	/* one lookup */
	if (gw_act(st, h->conf, &who, a, f, r) == -1)
		return -1;	/* not acked: the SMSC delivers it again */
	*changed = state_changed(r->rc);
	if (a->verb == VERB_FOR && !inner_ok && r->rc == ACT_INVALID &&
	    strcmp(r->reply.tmpl, commerce_tmpl_name(TMPL_FOR_BAD)) == 0) {
		cmd_error_msg(&ie, &r->reply);
		return render_emit(c, &r->reply, src, lang, emit, arg);
	}
	return emit_result(c, r, src, lang, emit, arg);
}

static int
commerce_sms(struct handler *h, struct store *st, const char *src,
    const char *text, int64_t now_s, handler_emit_fn *emit, void *arg,
    bool *changed)
{
	return act_text(h, st, src, text, now_s, NULL, emit, arg, changed);
}

static int
commerce_sms_found(struct handler *h, struct store *st, const char *src,
    const char *text, int64_t now_s, const struct commerce_find *f,
    handler_emit_fn *emit, void *arg)
{
	bool	changed = false;

	return act_text(h, st, src, text, now_s, f, emit, arg, &changed);
}

static int
commerce_find_want_(struct handler *h, struct store *st, const char *src,
    const char *text, int64_t now_s, struct commerce_find *f)
{
	struct action		*a = &scratch.a;
	struct cmd_error	 e;
	struct actor		 who;

	if (cmd_parse(impl(h)->cmds, text, a, &e) != CMD_OK ||
	    (a->verb != VERB_FIND && a->verb != VERB_MORE &&
	    a->verb != VERB_REPORT))
		return 0;
	memset(&who, 0, sizeof(who));
	snprintf(who.msisdn, sizeof(who.msisdn), "%s", src);
	who.now_s = now_s;
	return commerce_find_want(st, h->conf, &who, a, f);
}

static void
commerce_repeat(struct handler *h, struct store *st, const char *src,
    const char *key, const char *earlier, char *out, size_t outsz)
{
	struct act_msg	m;
	char		note[512], cmd[sizeof(((struct handler_prep *)0)->key)];
	char		*tag;

	memset(&m, 0, sizeof(m));
	snprintf(m.tmpl, sizeof(m.tmpl), "%s", gw_tmpl_name(GW_TMPL_REPEAT));
	/* The note shows the masked command, not its PIN tag. */
	snprintf(cmd, sizeof(cmd), "%s", key);
	if ((tag = strstr(cmd, PIN_TAG)) != NULL)
		*tag = '\0';
	act_set(&m, "cmd", "%s", cmd);
	reply_render(impl(h)->tmpl, &m, commerce_lang(st, src,
	    h->conf->default_lang), note, sizeof(note));
	snprintf(out, outsz, "%s\n%s", earlier, note);
}

static void
commerce_rate(struct handler *h, struct store *st, const char *src, char *out,
    size_t outsz)
{
	struct act_msg	m;

	memset(&m, 0, sizeof(m));
	snprintf(m.tmpl, sizeof(m.tmpl), "%s",
	    gw_tmpl_name(GW_TMPL_RATE_LIMIT));
	reply_render(impl(h)->tmpl, &m, commerce_lang(st, src,
	    h->conf->default_lang), out, outsz);
}

/* promotions */
static int
commerce_render(struct handler *h, const struct act_msg *m, const char *lang,
    char *out, size_t outsz)
{
	reply_render(impl(h)->tmpl, m, lang, out, outsz);
	return 0;
}

static int
commerce_tick(struct handler *h, struct store *st, int64_t now_s,
    handler_emit_fn *emit, void *arg)
{
	struct act_result	*r = scratch.expired;
	int			 n, i, rounds = 0;

	do {
		memset(r, 0, sizeof(scratch.expired));
		if ((n = commerce_expire(st, h->conf, now_s, r, EXPIRE_BATCH)) < 0)
			return -1;
		for (i = 0; i < n; i++)
			if (emit_result(impl(h), &r[i], r[i].reply.to,
			    h->conf->default_lang, emit, arg) == -1)
				return -1;
	} while (n == EXPIRE_BATCH && ++rounds < 16);
	return 0;
}

static void
commerce_free(struct handler *h)
{
	struct hcom	*c = impl(h);

	if (c == NULL)
		return;
	cmd_table_free(c->cmds);
	templates_free(c->tmpl);
	free(c);
}

static const struct handler_ops commerce_ops = {
	.name = "commerce",
	.prepare = commerce_prepare,
	.sms = commerce_sms,
	.repeat_note = commerce_repeat,
	.rate_notice = commerce_rate,
	.tick = commerce_tick,
	.find_want = commerce_find_want_,
	.sms_found = commerce_sms_found,
	.free = commerce_free,
	.render = commerce_render,
};

struct handler *
handler_commerce_new(const struct conf *cf, char *err, size_t errlen)
{
	struct handler	*h = xcalloc(1, sizeof(*h));
	struct hcom	*c = xcalloc(1, sizeof(*c));

	h->ops = &commerce_ops;
	h->conf = cf;
	h->impl = c;
	if (gw_templates_load(cf, &c->tmpl, err, errlen) == -1 ||
	    (c->cmds = cmd_table_new(cf)) == NULL) {
		if (c->cmds == NULL && err[0] == '\0')
			snprintf(err, errlen, "cannot build the command table");
		handler_free(h);
		return NULL;
	}
	return h;
}
