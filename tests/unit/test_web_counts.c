/* The catalogue's count cache (store/catalogue.h cat_counts) on a real
 * store opened read-only: each place's count equals the one counted by
 * its own query; a district's is the sum of its villages' (and of shops
 * placed at the district itself), the regency's the sum of its
 * districts'; codes that merely start alike ("33.18.04.20") do not add
 * up; the table is read once, kept for max_age_s by the injected clock
 * (a product listed meanwhile shows only after it), then read again; an
 * erased seller's and a delisted product are never counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/catalogue.h"
#include "store/store_internal.h"
#include "tests/t.h"

static int64_t	clock_s = 1000;

static int64_t
fake_now(void)
{
	return clock_s;
}

/* code's count through cc (NULL: its own query). */
static int64_t
count(struct cat_counts *cc, struct store *rd, const char *code)
{
	struct cat_place	p;

	memset(&p, 0, sizeof(p));
	snprintf(p.code, sizeof(p.code), "%s", code);
	p.products = -7;
	CHECK_INT(catalogue_begin(rd), STORE_OK);
	CHECK_INT(catalogue_count(cc, rd, &p, 1), STORE_OK);
	catalogue_end(rd);
	return p.products;
}

static const char *const codes[] = {
	"33", "33.18", "33.18.04", "33.18.04.2001", "33.18.04.2002",
	"33.18.05", "33.18.05.2001", "33.19", "33.19.01.2001",
	"33.18.04.20", "33.18.0", "33.1", "3", "",
};
#define NCODES	(sizeof(codes) / sizeof(codes[0]))

int
main(void)
{
	char			 dir[] = "/tmp/lapak-webcnt-XXXXXX", path[256];
	char			 err[512];
	struct store		*st = NULL, *rd = NULL;
	struct cat_counts	*cc;
	struct cat_place	 many[3];
	size_t			 i;
	int64_t			 v1, v2, d4, d5, reg;

	if (mkdtemp(dir) == NULL)
		return 2;
	snprintf(path, sizeof(path), "%s/lapak.db", dir);
	if (store_open(&st, path, false, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	{
		static const char *const setup[] = {
		    "INSERT INTO places (code, name, level, parent, key) VALUES"
		    " ('33', 'JAWA TENGAH', 1, NULL, 'jawa tengah'),"
		    " ('33.18', 'PATI', 2, '33', 'pati'),"
		    " ('33.18.04', 'Winong', 3, '33.18', 'winong'),"
		    " ('33.18.04.2001', 'Pohgading', 4, '33.18.04', 'poh'),"
		    " ('33.18.04.2002', 'Godo', 4, '33.18.04', 'godo'),"
		    " ('33.18.05', 'Jakenan', 3, '33.18', 'jakenan'),"
		    " ('33.18.05.2001', 'Bungasrejo', 4, '33.18.05', 'b'),"
		    " ('33.19', 'KUDUS', 2, '33', 'kudus'),"
		    " ('33.19.01.2001', 'Jati', 4, '33.19.01', 'jati')",
		    /* 1, 2: villages of Winong; 3 erased; 4 placed at the
		     * district Jakenan itself; 5 Jakenan's village; 6 in
		     * Kudus; 7 unplaced */
		    "INSERT INTO sellers (id, msisdn, shop, place, created_s,"
		    " updated_s) VALUES"
		    " (1, '+6281200000001', 'A', '33.18.04.2001', 1, 1),"
		    " (2, '+6281200000002', 'B', '33.18.04.2002', 1, 1),"
		    " (3, '+6281200000003', 'C', '33.18.04.2001', 1, 1),"
		    " (4, '+6281200000004', 'D', '33.18.05', 1, 1),"
		    " (5, '+6281200000005', 'E', '33.18.05.2001', 1, 1),"
		    " (6, '+6281200000006', 'F', '33.19.01.2001', 1, 1),"
		    " (7, '+6281200000007', 'G', '', 1, 1)",
		    "UPDATE sellers SET erased_s = 5 WHERE id = 3",
		    "INSERT INTO products (seller_id, name, price_rp, stock,"
		    " created_s, active) VALUES"
		    " (1, 'a1', 1000, 1, 1, 1), (1, 'a2', 1000, 0, 1, 1),"
		    " (1, 'a3 delisted', 1000, 1, 1, 0),"
		    " (2, 'b1', 1000, 1, 1, 1), (2, 'b2', 1000, 1, 1, 1),"
		    " (2, 'b3', 1000, 1, 1, 1),"
		    " (3, 'c1 erased', 1000, 1, 1, 1),"
		    " (4, 'd1', 1000, 1, 1, 1),"
		    " (5, 'e1', 1000, 1, 1, 1), (5, 'e2', 1000, 1, 1, 1),"
		    " (6, 'f1', 1000, 1, 1, 1), (7, 'g1', 1000, 1, 1, 1)",
		};

		for (i = 0; i < sizeof(setup) / sizeof(setup[0]); i++)
			CHECK_INT(store_exec(st, setup[i]), STORE_OK);
	}
	if (store_open_reader(&rd, path, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	cc = cat_counts_new(60, fake_now);
	CHECK_INT(cat_counts_reads(cc), 0);

	/* The cache agrees with each place's own count, code by code. */
	for (i = 0; i < NCODES; i++) {
		int64_t	want = count(NULL, rd, codes[i]);

		CHECK_INT(count(cc, rd, codes[i]), want);
		if (count(cc, rd, codes[i]) != want)
			fprintf(stderr, "  code \"%s\"\n", codes[i]);
	}
	CHECK_INT(cat_counts_reads(cc), 1);	/* one table for all */
	v1 = count(cc, rd, "33.18.04.2001");
	v2 = count(cc, rd, "33.18.04.2002");
	d4 = count(cc, rd, "33.18.04");
	d5 = count(cc, rd, "33.18.05");
	reg = count(cc, rd, "33.18");
	CHECK_INT(v1, 2);		/* a1, a2: not delisted a3, erased c1 */
	CHECK_INT(v2, 3);
	CHECK_INT(d4, v1 + v2);
	CHECK_INT(d5, 1 + count(cc, rd, "33.18.05.2001"));	/* d1 + e1, e2 */
	CHECK_INT(d5, 3);
	CHECK_INT(reg, d4 + d5);
	CHECK_INT(count(cc, rd, "33"), reg + count(cc, rd, "33.19"));
	CHECK_INT(count(cc, rd, "33.18.04.20"), 0);	/* a prefix only */
	CHECK_INT(count(cc, rd, "33.18.0"), 0);
	CHECK_INT(count(cc, rd, "33.1"), 0);
	CHECK_INT(count(cc, rd, "33.19"), 1);

	/* Several places in one call. */
	memset(many, 0, sizeof(many));
	snprintf(many[0].code, sizeof(many[0].code), "33.18.04");
	snprintf(many[1].code, sizeof(many[1].code), "33.18.05");
	snprintf(many[2].code, sizeof(many[2].code), "33.19");
	CHECK_INT(catalogue_count(cc, rd, many, 3), STORE_OK);
	CHECK_INT(many[0].products, d4);
	CHECK_INT(many[1].products, d5);
	CHECK_INT(many[2].products, 1);

	/* A product listed now: the old table until it is 60 s old. */
	CHECK_INT(store_exec(st, "INSERT INTO products (seller_id, name,"
	    " price_rp, stock, created_s) VALUES (2, 'b4', 1000, 1, 2)"),
	    STORE_OK);
	CHECK_INT(count(NULL, rd, "33.18.04.2002"), v2 + 1);
	clock_s += 59;
	CHECK_INT(count(cc, rd, "33.18.04.2002"), v2);
	CHECK_INT(count(cc, rd, "33.18"), reg);
	CHECK_INT(cat_counts_reads(cc), 1);
	clock_s += 1;
	CHECK_INT(count(cc, rd, "33.18.04.2002"), v2 + 1);
	CHECK_INT(count(cc, rd, "33.18.04"), d4 + 1);
	CHECK_INT(count(cc, rd, "33.18"), reg + 1);
	CHECK_INT(cat_counts_reads(cc), 2);
	/* a clock that went back reads again rather than trusting it */
	clock_s -= 100;
	CHECK_INT(count(cc, rd, "33.18"), reg + 1);
	CHECK_INT(cat_counts_reads(cc), 3);

	/* Delisting and erasing show after the next read too. */
	CHECK_INT(store_exec(st, "UPDATE products SET active = 0 WHERE"
	    " name = 'b1'"), STORE_OK);
	CHECK_INT(store_exec(st, "UPDATE sellers SET erased_s = 9 WHERE"
	    " id = 4"), STORE_OK);
	clock_s += 60;
	CHECK_INT(count(cc, rd, "33.18.04.2002"), v2);
	CHECK_INT(count(cc, rd, "33.18.05"), 2);
	CHECK_INT(count(cc, rd, "33.18"), reg - 1);
	for (i = 0; i < NCODES; i++)
		CHECK_INT(count(cc, rd, codes[i]), count(NULL, rd, codes[i]));
	CHECK_INT(cat_counts_reads(cc), 4);

	cat_counts_free(cc);
	store_close(rd);
	store_close(st);
	snprintf(err, sizeof(err), "%s/lapak.db", dir);
	remove(err);
	snprintf(err, sizeof(err), "%s/lapak.db-wal", dir);
	remove(err);
	snprintf(err, sizeof(err), "%s/lapak.db-shm", dir);
	remove(err);
	rmdir(dir);
	return T_DONE();
}
