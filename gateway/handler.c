/* The handlers: "echo", the gateway core's built-in (BANTUAN/HELP and an
 * echo of anything else, for tests and benchmarks of the message flow), and
 * "commerce" (see handler_commerce.c). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "conf/conf.h"
#include "gateway/handler.h"
#include "gateway/handler_impl.h"
#include "store/msg.h"

static void
normalise(const char *text, char *out, size_t outsz)
{
	size_t	o = 0;
	bool	space = false;

	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	for (; *text && o + 1 < outsz; text++) {
		unsigned char c = (unsigned char)*text;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = true;
			continue;
		}
		if (space && o + 2 < outsz)
			out[o++] = ' ';
		space = false;
		out[o++] = (char)toupper(c);
	}
	out[o] = '\0';
}

static void
echo_prepare(struct handler *h, struct store *st, const char *text,
    struct handler_prep *out)
{
	(void)h;
	(void)st;
	normalise(text, out->key, sizeof(out->key));
	out->mutates = true;	/* so a redelivered MO is answered, not redone */
	out->again = false;
	out->optout = false;
	snprintf(out->masked, sizeof(out->masked), "%s", text);
}

static int
echo_sms(struct handler *h, struct store *st, const char *src,
    const char *text, int64_t now_s, handler_emit_fn *emit, void *arg,
    bool *changed)
{
	char	key[32], reply[MSG_TEXT_MAX];

	(void)h;
	*changed = true;
	(void)st;
	(void)now_s;
	normalise(text, key, sizeof(key));
	if (strcmp(key, "BANTUAN") == 0 || strcmp(key, "HELP") == 0)
		snprintf(reply, sizeof(reply), "Lapak: JUAL CARI BELI YA PESANAN "
		    "BANTUAN. Contoh: JUAL Keripik 15rb 20");
	else
		snprintf(reply, sizeof(reply), "%s", text);
	return emit(arg, src, reply);
}

static void
echo_repeat(struct handler *h, struct store *st, const char *src,
    const char *key, const char *earlier, char *out, size_t outsz)
{
	(void)h;
	(void)st;
	(void)src;
	snprintf(out, outsz, "%s (sudah dilakukan; ULANG %s untuk mengulang)",
	    earlier, key);
}

static void
echo_rate(struct handler *h, struct store *st, const char *src, char *out,
    size_t outsz)
{
	(void)h;
	(void)st;
	(void)src;
	snprintf(out, outsz, "Lapak: terlalu banyak pesan. Coba lagi sebentar.");
}

static const struct handler_ops echo_ops = {
	.name = "echo",
	.prepare = echo_prepare,
	.sms = echo_sms,
	.repeat_note = echo_repeat,
	.rate_notice = echo_rate,
	.tick = NULL,
	.free = NULL,
};

struct handler *
handler_new(const struct conf *c, char *err, size_t errlen)
{
	struct handler	*h;

	if (strcmp(c->handler, "echo") == 0) {
		h = xcalloc(1, sizeof(*h));
		h->ops = &echo_ops;
		h->conf = c;
		return h;
	}
	return handler_commerce_new(c, err, errlen);
}

void
handler_free(struct handler *h)
{
	if (h == NULL)
		return;
	if (h->ops->free != NULL)
		h->ops->free(h);
	free(h);
}

const char *
handler_name(const struct handler *h)
{
	return h->ops->name;
}

void
handler_prepare(struct handler *h, struct store *st, const char *text,
    struct handler_prep *out)
{
	h->ops->prepare(h, st, text, out);
}

int
handler_sms(struct handler *h, struct store *st, const char *src,
    const char *text, int64_t now_s, handler_emit_fn *emit, void *arg,
    bool *changed)
{
	*changed = false;
	return h->ops->sms(h, st, src, text, now_s, emit, arg, changed);
}

int
handler_find_want(struct handler *h, struct store *st, const char *src,
    const char *text, int64_t now_s, struct commerce_find *f)
{
	if (h->ops->find_want == NULL)
		return 0;
	return h->ops->find_want(h, st, src, text, now_s, f);
}

int
handler_sms_found(struct handler *h, struct store *st, const char *src,
    const char *text, int64_t now_s, const struct commerce_find *f,
    handler_emit_fn *emit, void *arg)
{
	bool	changed = false;

	if (h->ops->sms_found == NULL)
		return h->ops->sms(h, st, src, text, now_s, emit, arg, &changed);
	return h->ops->sms_found(h, st, src, text, now_s, f, emit, arg);
}

void
handler_repeat_note(struct handler *h, struct store *st, const char *src,
    const char *key, const char *earlier, char *out, size_t outsz)
{
	h->ops->repeat_note(h, st, src, key, earlier, out, outsz);
}

void
handler_rate_notice(struct handler *h, struct store *st, const char *src,
    char *out, size_t outsz)
{
	h->ops->rate_notice(h, st, src, out, outsz);
}

int
handler_render(struct handler *h, const struct act_msg *m, const char *lang,
    char *out, size_t outsz)
{
	if (h->ops->render == NULL)
		return -1;
	return h->ops->render(h, m, lang[0] != '\0' ? lang :
	    h->conf->default_lang, out, outsz);
}

int
handler_tick(struct handler *h, struct store *st, int64_t now_s,
    handler_emit_fn *emit, void *arg)
{
	return h->ops->tick != NULL ? h->ops->tick(h, st, now_s, emit, arg) : 0;
}
