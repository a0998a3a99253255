/* The one phone-number normaliser (common/phone.c), with every form that
 * commands.md and interfaces.md name, the SMPP address forms by TON, and
 * what must be refused. */
#include <string.h>

#include "common/phone.h"
#include "tests/t.h"

static void
test_forms(void)
{
	static const struct {
		const char	*in, *cc;
		bool		 intl;		/* SMPP TON international */
		const char	*out;
		int		 rc;
	} cases[] = {
		/* commands.md: 0812..., 62812..., +62812... */
		{ "081234567890", "62", false, "+6281234567890", 0 },
		{ "6281234567890", "62", false, "+6281234567890", 0 },
		{ "+6281234567890", "62", false, "+6281234567890", 0 },
		{ "0812-3456-7890", "62", false, "+6281234567890", 0 },
		{ "0812 3456 7890", NULL, false, "+6281234567890", 0 },
		{ "(0812) 3456.7890", "62", false, "+6281234567890", 0 },
		{ "006281234567890", "62", false, "+6281234567890", 0 },
		/* the country code is config */
		{ "0712345678", "254", false, "+254712345678", 0 },
		{ "254712345678", "254", false, "+254712345678", 0 },
		{ "+254712345678", "62", false, "+254712345678", 0 },
		/* a national number without its trunk 0: over SMPP (TON
		 * unknown/national) and HTTP alike */
		{ "812345678", "62", false, "+62812345678", 0 },
		{ "81234567890", "62", false, "+6281234567890", 0 },
		/* SMPP, TON international: the digits carry their country */
		{ "6281234567890", "62", true, "+6281234567890", 0 },
		{ "254712345678", "62", true, "+254712345678", 0 },
		/* a leading 0 is national whatever the TON says */
		{ "081234567890", "62", true, "+6281234567890", 0 },
		/* refused */
		{ "0812abc", "62", false, "", -1 },
		{ "", "62", false, "", -1 },
		{ "+", "62", false, "", -1 },
		{ "0123", "62", false, "", -1 },
		{ "1234", "62", false, "", -1 },	/* a short code */
		{ "1234", "62", true, "", -1 },
		{ "+1234567890123456", "62", false, "", -1 },
		{ "00", "62", false, "", -1 },
		{ "0062", "62", false, "", -1 },
		{ "+0812345678", "62", false, "", -1 },
		{ "LAPAK", "62", false, "", -1 },
		{ "0812345678901234567890123456789012", "62", false, "", -1 },
	};
	char	out[PHONE_E164_MAX];
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(phone_e164(cases[i].in, cases[i].cc, cases[i].intl,
		    out, sizeof(out)), cases[i].rc);
		CHECK_STR(out, cases[i].out);
	}
	CHECK_INT(phone_e164("081234567890", "62", false, out, 10), -1);
	CHECK_STR(out, "");
	CHECK_INT(phone_e164(NULL, "62", false, out, sizeof(out)), -1);
}

int
main(void)
{
	test_forms();
	return T_DONE();
}
