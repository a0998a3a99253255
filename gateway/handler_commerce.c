/* The commerce handler: SMS text -> menus/ parser -> store/ action ->
 * menus/ templates -> replies and notifications. */
#include <stdio.h>

#include "gateway/handler_impl.h"

struct handler *
handler_commerce_new(const struct conf *c, char *err, size_t errlen)
{
	(void)c;
	snprintf(err, errlen, "handler \"commerce\" is not built yet");
	return NULL;
}
