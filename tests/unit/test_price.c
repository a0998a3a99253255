/* Table tests for the rupiah price parser (menus/price.c). */
#include <stdint.h>

#include "menus/price.h"
#include "tests/t.h"

static const struct {
	const char	*in;
	int64_t		 rp;
	const char	*unit;
} good[] = {
	{ "15000", 15000, "" },
	{ "15.000", 15000, "" },
	{ "15,000", 15000, "" },
	{ "Rp15.000", 15000, "" },
	{ "Rp 15.000", 15000, "" },
	{ "rp15000", 15000, "" },
	{ "RP15000", 15000, "" },
	{ "Rp.15.000", 15000, "" },
	{ "Rp15.000,-", 15000, "" },
	{ "15rb", 15000, "" },
	{ "15RB", 15000, "" },
	{ "15ribu", 15000, "" },
	{ "15k", 15000, "" },
	{ "15K", 15000, "" },
	{ "2,5rb", 2500, "" },
	{ "2.5rb", 2500, "" },
	{ "2,25rb", 2250, "" },
	{ "2,50rb", 2500, "" },
	{ "1,5jt", 1500000, "" },
	{ "1.5jt", 1500000, "" },
	{ "1,25jt", 1250000, "" },
	{ "2jt", 2000000, "" },
	{ "2JT", 2000000, "" },
	{ "1juta", 1000000, "" },
	{ "1.250.000", 1250000, "" },
	{ "1,250,000", 1250000, "" },
	{ "1.000.000.000", 1000000000, "" },
	{ "1000jt", 1000000000, "" },
	{ "1", 1, "" },
	{ "500", 500, "" },
	{ "15rb/bks", 15000, "bks" },
	{ "Rp15.000/kg", 15000, "kg" },
	{ "25000/pcs", 25000, "pcs" },
	{ "  15rb  ", 15000, "" },
	{ "Rp150rb", 150000, "" },
	{ "IDR 20000", 20000, "" },
	{ "1.500rb", 1500000, "" },	/* three digits: thousands */
	/* issue 9: a suffix apart, "per" unit, printed zero cents */
	{ "15 ribu", 15000, "" },
	{ "12 rb/liter", 12000, "liter" },
	{ "1,5 jt", 1500000, "" },
	{ "15rb per bks", 15000, "bks" },
	{ "15 RB PER kg", 15000, "kg" },
	{ "15rb / bks", 15000, "bks" },
	{ "Rp 15 ribu", 15000, "" },
	{ "Rp15.000,00", 15000, "" },
	{ "15.000,00", 15000, "" },
	{ "Rp15,00", 15, "" },
	{ "25000 per pcs", 25000, "pcs" },
	{ "Rp50", 50, "" },
};

static const struct {
	const char	*in;
	enum price_rc	 rc;
} bad[] = {
	{ "", PRICE_EMPTY },
	{ "   ", PRICE_EMPTY },
	{ "Rp", PRICE_EMPTY },
	{ "tujuh", PRICE_NOT_NUMBER },
	{ "Keripik", PRICE_NOT_NUMBER },
	{ "rb", PRICE_NOT_NUMBER },
	{ "Rpabc", PRICE_NOT_NUMBER },
	{ "15,5", PRICE_DECIMAL_NO_SUFFIX },
	{ "1.5", PRICE_DECIMAL_NO_SUFFIX },
	{ "15,0000", PRICE_DECIMAL_NO_SUFFIX },
	{ "2,5555rb", PRICE_NOT_WHOLE },
	{ "1,0000005jt", PRICE_NOT_WHOLE },
	{ "0", PRICE_ZERO },
	{ "0rb", PRICE_ZERO },
	{ "Rp0", PRICE_ZERO },
	{ "-5000", PRICE_NEGATIVE },
	{ "Rp-15.000", PRICE_NEGATIVE },
	{ "1000000001", PRICE_TOO_LARGE },
	{ "2000jt", PRICE_TOO_LARGE },
	{ "1,5juta000", PRICE_TRAILING },
	{ "99999999999999999999999", PRICE_TOO_LARGE },
	{ "5kg", PRICE_TRAILING },
	{ "15rbx", PRICE_TRAILING },
	{ "15rb 20", PRICE_TRAILING },
	{ "15.", PRICE_TRAILING },
	{ "15000abc", PRICE_TRAILING },
	{ "1.50.000", PRICE_BAD_GROUPING },
	{ "1234.567", PRICE_BAD_GROUPING },
	{ "1.250,000", PRICE_BAD_GROUPING },
	{ "1.2.3jt", PRICE_BAD_GROUPING },
	{ "1.250.5jt", PRICE_BAD_GROUPING },
	{ "15rb/", PRICE_BAD_UNIT },
	{ "15rb/abcdefghijklmnopq", PRICE_BAD_UNIT },
	{ "15rb/b-s", PRICE_BAD_UNIT },
	{ "1,5,-", PRICE_DECIMAL_NO_SUFFIX },
	{ "-", PRICE_NOT_NUMBER },
	{ "15 kg", PRICE_TRAILING },
	{ "15 ribu per", PRICE_TRAILING },
	{ "15 per", PRICE_TRAILING },
	{ "15 ribu 20", PRICE_TRAILING },
	{ "15.000,- rb", PRICE_TRAILING },
	{ "15.00", PRICE_DECIMAL_NO_SUFFIX },	/* zero cents: only printed */
	{ "15.000,01", PRICE_DECIMAL_NO_SUFFIX },
	{ "15.000.00", PRICE_BAD_GROUPING },
	{ "0 rb", PRICE_ZERO },
	{ "15rb per b-s", PRICE_BAD_UNIT },
};

static void
test_good(void)
{
	struct price	p;
	size_t		i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		enum price_rc rc = price_parse(good[i].in, &p);

		if (rc != PRICE_OK)
			fprintf(stderr, "good[%zu] \"%s\": %s\n", i,
			    good[i].in, price_rc_name(rc));
		CHECK_INT(rc, PRICE_OK);
		CHECK_INT(p.rp, good[i].rp);
		CHECK_STR(p.unit, good[i].unit);
	}
}

static void
test_bad(void)
{
	struct price	p;
	size_t		i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum price_rc rc = price_parse(bad[i].in, &p);

		if (rc != bad[i].rc)
			fprintf(stderr, "bad[%zu] \"%s\": got %s want %s\n",
			    i, bad[i].in, price_rc_name(rc),
			    price_rc_name(bad[i].rc));
		CHECK_INT(rc, bad[i].rc);
		CHECK_INT(p.rp, 0);
	}
	CHECK(sizeof(bad) / sizeof(bad[0]) >= 20);
}

static void
test_two_tokens(void)
{
	struct price	p;

	CHECK(price_is_currency("Rp"));
	CHECK(price_is_currency("rp"));
	CHECK(price_is_currency("Rp."));
	CHECK(price_is_currency("IDR"));
	CHECK(!price_is_currency("Rp15"));
	CHECK(!price_is_currency("Rpx"));
	CHECK(!price_is_currency(""));
	CHECK_INT(price_parse2("Rp", "15.000", &p), PRICE_OK);
	CHECK_INT(p.rp, 15000);
	CHECK_INT(price_parse2("Rp", "25rb/bks", &p), PRICE_OK);
	CHECK_STR(p.unit, "bks");
	CHECK_INT(price_parse2("Kopi", "15.000", &p), PRICE_NOT_NUMBER);
	CHECK_INT(price_parse2("Rp", "Rp15.000", &p), PRICE_NOT_NUMBER);
	CHECK_INT(price_parse2("Rp", "15,5", &p), PRICE_DECIMAL_NO_SUFFIX);
	CHECK_STR(price_rc_name(PRICE_BAD_GROUPING), "bad-grouping");
}

/* "bare": neither Rp nor a suffix (JUAL asks again under Rp100). */
static void
test_bare(void)
{
	struct price	p;

	CHECK_INT(price_parse("50", &p), PRICE_OK);
	CHECK(p.bare);
	CHECK_INT(price_parse("15.000/kg", &p), PRICE_OK);
	CHECK(p.bare);
	CHECK_INT(price_parse("Rp50", &p), PRICE_OK);
	CHECK(!p.bare);
	CHECK_INT(price_parse("Rp 50", &p), PRICE_OK);
	CHECK(!p.bare);
	CHECK_INT(price_parse("15rb", &p), PRICE_OK);
	CHECK(!p.bare);
	CHECK_INT(price_parse("15 ribu", &p), PRICE_OK);
	CHECK(!p.bare);
	CHECK_STR(price_rc_name(PRICE_TOO_SMALL), "too-small");
}

int
main(void)
{
	test_good();
	test_bare();
	test_bad();
	test_two_tokens();
	return T_DONE();
}
