/* web/buf.c: the page buffer and the one HTML / URL escaper. */
#include <stdlib.h>

#include "tests/t.h"
#include "web/buf.h"

static void
test_html(void)
{
	struct wbuf b = { 0 };

	wbuf_html(&b, "<script>alert(1)</script> \"a\" & 'b'");
	CHECK_STR(b.p, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;a&quot; "
	    "&amp; &#39;b&#39;");
	wbuf_reset(&b);
	wbuf_html(&b, "Keripik \xc3\xa9 ok");		/* é kept */
	CHECK_STR(b.p, "Keripik \xc3\xa9 ok");
	wbuf_reset(&b);
	wbuf_html(&b, "a\xff" "b\x01" "c\xc2\x85");	/* bad byte, C0, C1 */
	CHECK_STR(b.p, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd");
	wbuf_free(&b);
}

static void
test_url_and_take(void)
{
	struct wbuf b = { 0 };
	size_t n;

	wbuf_url(&b, "BELI P17 2&x=é");
	CHECK_STR(b.p, "BELI%20P17%202%26x%3D%C3%A9");
	wbuf_printf(&b, "|%d|%s", 42, "z");
	char *s = wbuf_take(&b, &n);
	CHECK_STR(s, "BELI%20P17%202%26x%3D%C3%A9|42|z");
	CHECK_INT(n, strlen(s));
	CHECK(b.p == NULL && b.len == 0);
	free(s);
	s = wbuf_take(&b, NULL);			/* empty: "" not NULL */
	CHECK_STR(s, "");
	free(s);
}

int
main(void)
{
	test_html();
	test_url_and_take();
	return T_DONE();
}
