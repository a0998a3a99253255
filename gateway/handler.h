/* Handlers turn one complete MO text into replies. The dispatch
 * (dispatch.h) owns the savepoint, the repeat window, rate limits and
 * routing; a handler only says whether a text changes state, and produces
 * the reply and any notifications through emit(). Two exist: "echo" (the gateway core's
 * built-in: BANTUAN/HELP and echo) and "commerce" (menus/ + store/). */
#ifndef LAPAK_HANDLER_H
#define LAPAK_HANDLER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct conf;
struct store;
struct handler;

/* Queues a message to "to" (E.164). Returns 0, or -1 when it cannot be
 * stored (the MO is then rolled back and retried by the SMSC). */
typedef int handler_emit_fn(void *arg, const char *to, const char *text);

/* What the dispatcher needs to know before acting. */
struct handler_prep {
	bool	mutates;		/* the repeat window applies */
	bool	again;			/* ULANG: repeat on purpose */
	char	key[200];		/* normalised command for the repeat window */
	char	masked[2048];		/* the text with PIN digits masked */
	bool	optout;			/* promotions: BERHENTI / STOP / UNREG,
					 * answered even over the rate limit */
};

struct handler *handler_new(const struct conf *c, char *err, size_t errlen);
void	handler_free(struct handler *h);
const char *handler_name(const struct handler *h);

/* Inside the MO's transaction (the store may be read, and keyed tags made). */
void	handler_prepare(struct handler *h, struct store *st, const char *text,
	    struct handler_prep *out);

/* Acts on text from src at now_s inside the caller's transaction. The reply
 * to src goes through emit() first, before any notification (the repeat
 * window remembers that outbox row). *changed tells whether the command changed state (done, or
 * a refusal that still counted, such as a wrong PIN or confirmation code):
 * only those are remembered for the repeat window, so a refused command can
 * be sent again once the reason is gone. Returns 0, or -1 on a store error
 * (caller rolls back). */
int	handler_sms(struct handler *h, struct store *st, const char *src,
	    const char *text, int64_t now_s, handler_emit_fn *emit, void *arg,
	    bool *changed);

/* The reply to a repeat: the earlier reply plus the "already done, ULANG"
 * note, in src's language. */
void	handler_repeat_note(struct handler *h, struct store *st,
	    const char *src, const char *key, const char *earlier, char *out,
	    size_t outsz);
/* promotions: renders m in lang ("" = the default) into out; -1 when
 * the handler has no templates. */
int	handler_render(struct handler *h, const struct act_msg *m,
	    const char *lang, char *out, size_t outsz);
/* The one notice a number over its rate limit gets. */
void	handler_rate_notice(struct handler *h, struct store *st,
	    const char *src, char *out, size_t outsz);

/* A read the dispatcher may run off the loop (CARI, LAGI of a find
 * list, LAPORAN) for text from src at now_s: 1 and *f planned, 0 (none:
 * act with handler_sms), -1 on a store error. Reads only. */
struct commerce_find;
int	handler_find_want(struct handler *h, struct store *st, const char *src,
	    const char *text, int64_t now_s, struct commerce_find *f);
/* handler_sms for that text with the search's result f. Read-only
 * commands: nothing for the repeat window. */
int	handler_sms_found(struct handler *h, struct store *st, const char *src,
	    const char *text, int64_t now_s, const struct commerce_find *f,
	    handler_emit_fn *emit, void *arg);

/* Periodic work (order expiry); emits notifications. Returns 0 or -1. */
int	handler_tick(struct handler *h, struct store *st, int64_t now_s,
	    handler_emit_fn *emit, void *arg);

#endif
