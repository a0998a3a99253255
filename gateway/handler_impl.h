/* For handler implementations only: the ops table behind struct handler. */
#ifndef LAPAK_HANDLER_IMPL_H
#define LAPAK_HANDLER_IMPL_H
#include "gateway/handler.h"

struct handler_ops {
	const char	*name;
	void	(*prepare)(struct handler *, struct store *, const char *,
		    struct handler_prep *);
	int	(*sms)(struct handler *, struct store *, const char *,
		    const char *, int64_t, handler_emit_fn *, void *, bool *);
	void	(*repeat_note)(struct handler *, struct store *, const char *,
		    const char *, const char *, char *, size_t);
	void	(*rate_notice)(struct handler *, struct store *, const char *,
		    char *, size_t);
	int	(*tick)(struct handler *, struct store *, int64_t,
		    handler_emit_fn *, void *);
	/* Searches off the loop; NULL when the handler has none. */
	int	(*find_want)(struct handler *, struct store *, const char *,
		    const char *, int64_t, struct commerce_find *);
	int	(*sms_found)(struct handler *, struct store *, const char *,
		    const char *, int64_t, const struct commerce_find *,
		    handler_emit_fn *, void *);
	void	(*free)(struct handler *);	/* frees what impl holds, not h */
	/* promotions: renders m in lang; NULL when the handler has no
	 * templates (no promotions then). */
	int	(*render)(struct handler *, const struct act_msg *,
		    const char *, char *, size_t);
};

struct handler {
	const struct handler_ops *ops;
	const struct conf	 *conf;
	void			 *impl;
};

/* handler_commerce.c */
struct handler *handler_commerce_new(const struct conf *c, char *err,
	    size_t errlen);

#endif
