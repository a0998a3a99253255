/* web/catalogue.c on a real store opened read-only: names from the store
 * render as text (<script>, quotes, &), phone-like runs masked, prices as
 * the SMS replies write them, stock states, the sms: links of each short
 * code once, the language switch; the web's connection cannot write. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "tests/t.h"
#include "web/catalogue.h"
#include "web/text.h"

static struct conf	cf;
static struct store	*rd;
static const char	*q_value;

static const char *
arg(const struct web_req *r, const char *name)
{
	(void)r;
	return strcmp(name, "q") == 0 ? q_value : NULL;
}

/* Renders one page by handler at path (rest after the prefix). */
static int
render(struct web_req *r, web_handler fn, const char *path, const char *rest,
    bool en)
{
	wbuf_free(&r->out);
	memset(r, 0, sizeof(*r));
	r->cf = &cf;
	r->rd = rd;
	r->path = path;
	r->rest = rest;
	r->en = en;
	r->arg = arg;
	r->status = 200;
	r->status = fn(r);
	return r->status;
}

static bool
has(const struct web_req *r, const char *s)
{
	if (r->out.p != NULL && strstr(r->out.p, s) != NULL)
		return true;
	fprintf(stderr, "missing: %s\n", s);
	return false;
}

int
main(void)
{
	char		 dir[] = "/tmp/lapak-webcat-XXXXXX", path[256], err[512];
	struct store	*st = NULL;
	struct web_req	 r;

	memset(&r, 0, sizeof(r));
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
		    " ('33.18', 'KABUPATEN PATI', 2, '33', 'pati'),"
		    " ('33.18.04', 'Winong', 3, '33.18', 'winong'),"
		    " ('33.18.04.2009', 'Tlogorejo', 4, '33.18.04', 'tlogorejo'),"
		    " ('33.19', 'KABUPATEN KUDUS', 2, '33', 'kudus'),"
		    " ('33.19.01.2001', 'Jati', 4, '33.19.01', 'jati')",
		    "INSERT INTO sellers (id, msisdn, shop, village, place,"
		    " created_s, updated_s) VALUES"
		    " (1, '+6281200000001', 'Toko \"Sri\" & <i>Anak</i>',"
		    "  'Tlogorejo', '33.18.04.2009', 1, 1),"
		    " (2, '+6281200000002', 'Warung Erased', '', '33.18.04.2009',"
		    "  1, 1),"
		    " (3, '+6281200000003', 'Toko Kudus', 'Jati', '33.19.01.2001',"
		    "  1, 1)",
		    "UPDATE sellers SET erased_s = 5 WHERE id = 2",
		    "INSERT INTO products (id, seller_id, name, unit, price_rp,"
		    " stock, created_s, place) VALUES"
		    " (17, 1, '<script>alert(1)</script> \"Q\" & Co', 'bks',"
		    "  15000, 4, 1, '33.18.04.2009'),"
		    " (18, 1, 'Gula WA 0812-3456-7890', '', 20000, 0, 1,"
		    "  '33.18.04.2009'),"
		    " (19, 2, 'Kopi erased', 'kg', 1000, 3, 1, '33.18.04.2009'),"
		    " (20, 3, 'Jenang Kudus', 'pcs', 5000, 3, 1, '33.19.01.2001')",
		    "INSERT INTO products (id, seller_id, name, price_rp, stock,"
		    " created_s, active) VALUES (21, 1, 'Delisted', 1000, 3, 1, 0)",
		};
		size_t	i;

		for (i = 0; i < sizeof(setup) / sizeof(setup[0]); i++)
			CHECK_INT(store_exec(st, setup[i]), STORE_OK);
	}
	store_close(st);

	conf_defaults(&cf);
	cf.nsmsc = 3;
	snprintf(cf.smsc[0].source_addr, sizeof(cf.smsc[0].source_addr), "1234");
	snprintf(cf.smsc[1].source_addr, sizeof(cf.smsc[1].source_addr), "1234");
	snprintf(cf.smsc[2].source_addr, sizeof(cf.smsc[2].source_addr), "4545");
	snprintf(cf.web_regency, sizeof(cf.web_regency), "33.18");
	snprintf(cf.web_title, sizeof(cf.web_title), "Lapak <Pati>");
	if (store_open_reader(&rd, path, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}

	/* The product page. */
	CHECK_INT(render(&r, web_item, "/i/P17", "P17", false), 200);
	CHECK(has(&r, "<h1 class=\"name\">&lt;script&gt;alert(1)&lt;/script&gt; "
	    "&quot;Q&quot; &amp; Co</h1>"));
	CHECK(strstr(r.out.p, "<script>") == NULL);
	CHECK(has(&r, "<title>&lt;script&gt;"));
	CHECK(has(&r, "Lapak &lt;Pati&gt;"));
	CHECK(has(&r, "<article class=\"product\" data-code=\"P17\">"));
	CHECK(has(&r, "<span class=\"price\">Rp15.000/bks</span>"));
	CHECK(has(&r, "<span class=\"stock in\">Tersedia</span>"));
	CHECK(has(&r, "Toko &quot;Sri&quot; &amp; &lt;i&gt;Anak&lt;/i&gt;"));
	CHECK(has(&r, "<a class=\"sms\" href=\"sms:1234?body=BELI%20P17\">SMS "
	    "<code>BELI P17</code> ke 1234</a>"));
	CHECK(has(&r, "href=\"sms:4545?body=BELI%20P17\""));
	CHECK(r.out.p != NULL && strstr(r.out.p, "sms:1234") != NULL &&
	    strstr(strstr(r.out.p, "sms:1234") + 1, "sms:1234") == NULL);
	CHECK(has(&r, "<a class=\"ussd\" href=\"tel:%2A123%2A45%23\">*123*45#"));
	CHECK(has(&r, "<html lang=\"id\">"));
	CHECK(has(&r, "href=\"/i/P17?lang=en\">English</a>"));
	CHECK(has(&r, "<a class=\"place\" href=\"/p/33.18.04\">Winong</a>"));
	CHECK(r.out.len < 30 * 1024);

	/* English: words, links keep the language, the switch goes back. */
	CHECK_INT(render(&r, web_item, "/i/P18", "P18", true), 200);
	CHECK(has(&r, "<html lang=\"en\">"));
	CHECK(has(&r, "<span class=\"stock out\">Sold out</span>"));
	CHECK(has(&r, "Gula WA 08\xe2\x80\xa2"));
	CHECK(strstr(r.out.p, "3456") == NULL);
	CHECK(has(&r, "<span class=\"price\">Rp20.000</span>"));
	CHECK(has(&r, "href=\"/i/P18\">Bahasa Indonesia</a>"));
	CHECK(has(&r, "href=\"/s/1?lang=en\""));
	CHECK(has(&r, "SMS <code>BELI P18</code> to 1234"));
	CHECK(has(&r, "name=\"lang\" value=\"en\""));

	/* Not shown: delisted, an erased seller's, outside the regency,
	 * codes that are not product codes. */
	CHECK_INT(render(&r, web_item, "/i/P21", "P21", false), 404);
	CHECK_INT(render(&r, web_item, "/i/P19", "P19", false), 404);
	CHECK_INT(render(&r, web_item, "/i/P20", "P20", false), 404);
	CHECK_INT(render(&r, web_item, "/i/P0", "P0", false), 404);
	CHECK_INT(render(&r, web_item, "/i/X17", "X17", false), 404);
	CHECK_INT(render(&r, web_item, "/i/P1x", "P1x", false), 404);
	CHECK(has(&r, "Halaman tidak ditemukan."));
	CHECK_INT(render(&r, web_shop, "/s/2", "2", false), 404);
	CHECK_INT(render(&r, web_shop, "/s/3", "3", false), 404);
	CHECK_INT(render(&r, web_shop, "/s/+6281200000001", "+6281200000001",
	    false), 404);

	/* The shop, the village, the district, the regency. */
	CHECK_INT(render(&r, web_shop, "/s/1", "1", false), 200);
	CHECK(has(&r, "<li class=\"product\" data-code=\"P17\">"));
	CHECK(has(&r, "<li class=\"product\" data-code=\"P18\">"));
	CHECK(strstr(r.out.p, "Delisted") == NULL);
	CHECK_INT(render(&r, web_place, "/p/33.18.04.2009", "33.18.04.2009",
	    false), 200);
	CHECK(has(&r, "<a class=\"shop\" href=\"/s/1\">"));
	CHECK(has(&r, "2 produk"));
	CHECK(strstr(r.out.p, "Erased") == NULL);
	CHECK_INT(render(&r, web_place, "/p/33.18.04", "33.18.04", false), 200);
	CHECK(has(&r, "<a class=\"place\" href=\"/p/33.18.04.2009\">Tlogorejo"
	    "</a> <span class=\"count\">2 produk</span>"));
	CHECK_INT(render(&r, web_home, "/", "", true), 200);
	CHECK(has(&r, "<h1>KABUPATEN PATI</h1>"));
	CHECK(has(&r, "href=\"/p/33.18.04?lang=en\">Winong</a> <span "
	    "class=\"count\">2 products</span>"));
	CHECK(has(&r, "<form id=\"search\""));
	CHECK_INT(render(&r, web_place, "/p/33.19", "33.19", false), 404);
	CHECK_INT(render(&r, web_place, "/p/33", "33", false), 404);
	CHECK_INT(render(&r, web_place, "/p/33.18.99", "33.18.99", false), 404);
	CHECK_INT(render(&r, web_place, "/p/x", "x';--", false), 404);

	/* Search: the query comes back escaped; a long one is refused. */
	q_value = "\"><script>x</script>";
	CHECK_INT(render(&r, web_search, "/cari", "", false), 200);
	CHECK(strstr(r.out.p, "<script>") == NULL);
	CHECK(has(&r, "value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
	CHECK(has(&r, "href=\"/cari?q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E&amp;"
	    "lang=en\""));
	q_value = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
	CHECK_INT(render(&r, web_search, "/cari", "", false), 400);
	q_value = NULL;

	/* Every UI string exists in both languages. */
	{
		int	i;

		for (i = 0; i < WT_COUNT; i++)
			CHECK(web_text(i, false)[0] != '\0' &&
			    web_text(i, true)[0] != '\0');
	}

	/* The web's connection is read-only: a write fails as such. */
	CHECK(store_exec(rd, "UPDATE products SET price_rp = 1") != STORE_OK);
	CHECK_INT(sqlite3_errcode(rd->db), SQLITE_READONLY);
	CHECK(store_exec(rd, "CREATE TABLE x (a)") != STORE_OK);
	CHECK_INT(sqlite3_errcode(rd->db), SQLITE_READONLY);

	wbuf_free(&r.out);
	store_close(rd);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 2;
	return T_DONE();
}
