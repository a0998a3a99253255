/* web/mask.c: phone-like digit runs in names are masked on the web;
 * prices, sizes and short codes are kept. */
#include <stdlib.h>

#include "tests/t.h"
#include "web/mask.h"

static void
want(const char *in, const char *out)
{
	struct wbuf	b = { 0 };

	web_mask(&b, in);
	CHECK_STR(b.p != NULL ? b.p : "", out);
	wbuf_free(&b);
}

#define D "\xe2\x80\xa2"

int
main(void)
{
	want("Keripik 081234567890", "Keripik 08" D D D D D D D D "90");
	want("WA 0812-3456-7890 ya", "WA 08" D D D D D D D D "90 ya");
	want("hub +62 812 3456 7890", "hub +62" D D D D D D D D D "90");
	want("0812.3456.7890", "08" D D D D D D D D "90");
	want("0812 - 3456 - 7890", "08" D D D D D D D D "90");
	want("12345678", "12" D D D D "78");		/* 8 digits: masked */
	want("1234567", "1234567");			/* 7: kept */
	want("Beras 25kg Rp15.000", "Beras 25kg Rp15.000");
	want("SMS 1234 ke 4545", "SMS 1234 ke 4545");
	/* 8 digits joined by a dash look like a number too: masked. */
	want("Kopi 2024-2025", "Kopi 20" D D D D "25");
	want("", "");
	want("tanpa angka", "tanpa angka");
	want("a+b 1-2", "a+b 1-2");
	want("x0812345678901234y", "x08" D D D D D D D D D D D D "34y");
	want("ends 0812345678.", "ends 08" D D D D D D "78.");

	{
		struct wbuf	b = { 0 };

		wbuf_html_masked(&b, "<b>0812-3456-7890</b> & \"x\"");
		CHECK_STR(b.p, "&lt;b&gt;08" D D D D D D D D "90&lt;/b&gt; "
		    "&amp; &quot;x&quot;");
		wbuf_free(&b);
	}
	{
		/* a download's cell, in place: masked, and what no longer
		 * fits is cut between characters, never inside a bullet */
		char	cell[64] = "Madu 081234567890";
		char	tiny[13] = "081234567890";

		web_mask_inplace(cell, sizeof(cell));
		CHECK_STR(cell, "Madu 08" D D D D D D D D "90");
		web_mask_inplace(tiny, sizeof(tiny));
		CHECK_STR(tiny, "08" D D D);	/* 12 bytes at most: 2 + 3 x 3 */
	}
	return T_DONE();
}
