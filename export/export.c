/* The marketplace export (programme.md section 3), shared by lapakctl
 * export and lapak-web's download: active products in a marketplace's
 * bulk-upload layout, Tokopedia, Shopee and Bukalapak as XLSX
 * (export/export_xlsx.c), or UTF-8 CSV. Categories come from the
 * operator's keyword file, weights from BERAT or the unit. */
#include "export/export.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/place.h"
#include "commerce/search.h"
#include "common/xalloc.h"
#include "menus/weight.h"
#include "store/export.h"
#include "store/store.h"

#define CAT_CODE_MAX	64
#define CAT_CODES_MAX	8	/* codes on one line */
#define CAT_LINE_MAX	1024
#define SKU_FALLBACK	"LAPAK"	/* prefix of products with no village code */

/* What a column holds. */
enum xfield {
	XF_BLANK,		/* left for the operator (photos, videos ...) */
	XF_NAME, XF_DESC, XF_CATEGORY, XF_WEIGHT, XF_PRICE, XF_STOCK, XF_SKU,
	XF_CODE, XF_UNIT, XF_SHOP, XF_PLACE, XF_PLACE_NAME,
	XF_ONE,			/* the number 1: minimum order */
	XF_NEW,			/* condition: "Baru" */
	XF_ACTIVE,		/* status: "Aktif" */
	XF_INSURANCE		/* shipping insurance: "Opsional" */
};

struct xcol {
	const char	*head;
	enum xfield	 f;
	const char	*need;	/* the marketplace requires it: the word on
				 * stderr when a product lacks it */
};

struct export_layout {
	const char		*name;		/* --format */
	bool			 xlsx;
	const char		*sheet;
	const char *const	*pre;		/* lines above the header */
	int			 npre;
	const struct xcol	*cols;
	int			 ncols;
	const char		*blank_note;	/* what is always left blank */
};

#define NITEMS(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* Tokopedia, "Tambah Produk Sekaligus": the column names of programme.md
 * section 3, on the sheet it names, data from row 4. Rows 1 and 2 carry a
 * title and instructions, row 3 the header. The values for condition,
 * status and insurance are the words the Indonesian template offers as we
 * know them ("Baru", "Aktif", "Opsional"); check them against the
 * template you download. */
static const char *const tokopedia_pre[] = {
	"Tambah Produk Sekaligus - ISI Template Impor Produk (dari Lapak)",
	"Kolom bertanda * wajib diisi. Data mulai baris 4. Isi Foto Produk "
	    "dengan URL foto sebelum diunggah.",
};
static const struct xcol tokopedia_cols[] = {
	{ "Nama Produk*", XF_NAME, NULL },
	{ "Deskripsi Produk", XF_DESC, NULL },
	{ "Kode Kategori*", XF_CATEGORY, "category" },
	{ "Berat* (Gram)", XF_WEIGHT, "weight" },
	{ "Minimum Pemesanan*", XF_ONE, NULL },
	{ "Nomor Etalase", XF_BLANK, NULL },
	{ "Waktu Proses Preorder", XF_BLANK, NULL },
	{ "Kondisi*", XF_NEW, NULL },
	{ "Foto Produk 1*", XF_BLANK, NULL },
	{ "Foto Produk 2", XF_BLANK, NULL },
	{ "Foto Produk 3", XF_BLANK, NULL },
	{ "Foto Produk 4", XF_BLANK, NULL },
	{ "Foto Produk 5", XF_BLANK, NULL },
	{ "URL Video Produk 1", XF_BLANK, NULL },
	{ "URL Video Produk 2", XF_BLANK, NULL },
	{ "URL Video Produk 3", XF_BLANK, NULL },
	{ "SKU Name", XF_SKU, NULL },
	{ "Status*", XF_ACTIVE, NULL },
	{ "Jumlah Stok*", XF_STOCK, NULL },
	{ "Harga (Rp)*", XF_PRICE, NULL },
	{ "Asuransi Pengiriman*", XF_INSURANCE, NULL },
};

/* Shopee's basic mass-upload template: the fields programme.md names
 * (category code, name, description, parent SKU, price, stock, weight in
 * grams, cover and item images). NOT VERIFIED against a downloaded
 * template: the Indonesian column names below ("Kategori", "SKU Induk",
 * "Foto Sampul" ...), the sheet name "Template" and a single header row
 * are our best knowledge. Shopee's own file carries extra header rows; copy
 * the data rows under them. */
static const struct xcol shopee_cols[] = {
	{ "Kategori", XF_CATEGORY, "category" },
	{ "Nama Produk", XF_NAME, NULL },
	{ "Deskripsi Produk", XF_DESC, NULL },
	{ "SKU Induk", XF_SKU, NULL },
	{ "Harga", XF_PRICE, NULL },
	{ "Stok", XF_STOCK, NULL },
	{ "Berat (gram)", XF_WEIGHT, "weight" },
	{ "Foto Sampul", XF_BLANK, NULL },
	{ "Foto Produk 1", XF_BLANK, NULL },
	{ "Foto Produk 2", XF_BLANK, NULL },
	{ "Foto Produk 3", XF_BLANK, NULL },
	{ "Foto Produk 4", XF_BLANK, NULL },
	{ "Foto Produk 5", XF_BLANK, NULL },
	{ "Foto Produk 6", XF_BLANK, NULL },
	{ "Foto Produk 7", XF_BLANK, NULL },
	{ "Foto Produk 8", XF_BLANK, NULL },
};

/* Bukalapak's bulk upload: name, stock, weight, price, condition,
 * description, insurance, couriers, images, SKU (programme.md). NOT
 * VERIFIED: the Indonesian names, the sheet name "Barang" and the
 * insurance word. Bukalapak asks for no category code here. */
static const struct xcol bukalapak_cols[] = {
	{ "Nama Barang*", XF_NAME, NULL },
	{ "Stok*", XF_STOCK, NULL },
	{ "Berat (gram)*", XF_WEIGHT, "weight" },
	{ "Harga (Rp)*", XF_PRICE, NULL },
	{ "Kondisi*", XF_NEW, NULL },
	{ "Deskripsi*", XF_DESC, NULL },
	{ "Asuransi", XF_INSURANCE, NULL },
	{ "Kurir", XF_BLANK, NULL },
	{ "Gambar 1", XF_BLANK, NULL },
	{ "Gambar 2", XF_BLANK, NULL },
	{ "Gambar 3", XF_BLANK, NULL },
	{ "Gambar 4", XF_BLANK, NULL },
	{ "Gambar 5", XF_BLANK, NULL },
	{ "SKU", XF_SKU, NULL },
};

/* CSV for aggregators and other tools: everything the marketplaces take,
 * plus the Lapak code, unit and place. Category and weight are reported
 * when missing, as most marketplaces need them. */
static const struct xcol csv_cols[] = {
	{ "sku", XF_SKU, NULL },
	{ "code", XF_CODE, NULL },
	{ "name", XF_NAME, NULL },
	{ "description", XF_DESC, NULL },
	{ "category", XF_CATEGORY, "category" },
	{ "weight_g", XF_WEIGHT, "weight" },
	{ "price_rp", XF_PRICE, NULL },
	{ "unit", XF_UNIT, NULL },
	{ "stock", XF_STOCK, NULL },
	{ "shop", XF_SHOP, NULL },
	{ "place_code", XF_PLACE, NULL },
	{ "place_name", XF_PLACE_NAME, NULL },
};

static const struct export_layout layouts[] = {
	{ "tokopedia", true, "ISI Template Impor Produk", tokopedia_pre,
	    NITEMS(tokopedia_pre), tokopedia_cols, NITEMS(tokopedia_cols),
	    "photos (Foto Produk 1* is required)" },
	{ "shopee", true, "Template", NULL, 0, shopee_cols,
	    NITEMS(shopee_cols), "photos (the cover photo is required)" },
	{ "bukalapak", true, "Barang", NULL, 0, bukalapak_cols,
	    NITEMS(bukalapak_cols), "couriers and photos" },
	{ "csv", false, NULL, NULL, 0, csv_cols, NITEMS(csv_cols), NULL },
};

/* The operator's keyword -> category file. */
struct cat_code {
	char	fmt[16];		/* "" = every marketplace */
	char	code[CAT_CODE_MAX + 1];
};

struct export_cat_entry {
	char		key[ACT_TEXT_MAX];	/* folded: commerce_name_key */
	struct cat_code	codes[CAT_CODES_MAX];
	int		ncodes;
};

/* One product as written. */
struct export_item {
	struct export_row	r;
	char			sku[96];
	char			code[24];
	char			desc[400];
	const char		*cat;		/* "" none */
	int64_t			weight_g;	/* 0 none */
};

const struct export_layout *
export_layout_find(const char *name)
{
	int	i;

	for (i = 0; i < NITEMS(layouts); i++)
		if (strcmp(layouts[i].name, name) == 0)
			return &layouts[i];
	return NULL;
}

const char *
export_layout_name(const struct export_layout *lay)
{
	return lay->name;
}

bool
export_layout_xlsx(const struct export_layout *lay)
{
	return lay->xlsx;
}

const char *
export_layout_blank(const struct export_layout *lay)
{
	return lay->blank_note;
}

bool
export_place_code_ok(const char *s)
{
	return commerce_place_code_any(s);
}

static bool
cat_code_ok(const char *s)
{
	size_t	n = strlen(s);

	if (n == 0 || n > CAT_CODE_MAX)
		return false;
	return strspn(s, "0123456789abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ._-/") == n;
}

/* Format (docs/OPERATORS.md): "keyword<TAB>code" lines, more codes after
 * more tabs, a code either bare (every marketplace) or "tokopedia:1234";
 * '#' starts a comment line. */
int
export_cats_load(const char *path, struct export_cats *c, const char *who)
{
	FILE	*f;
	char	 line[CAT_LINE_MAX + 2], *p, *field, *save, *colon;
	int	 ln = 0, bad = 0;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", who, path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		struct export_cat_entry	e;
		size_t			n = strlen(line);

		ln++;
		if (n > 0 && line[n - 1] != '\n' && !feof(f)) {
			fprintf(stderr, "%s:%d: line longer than %d bytes\n",
			    path, ln, CAT_LINE_MAX);
			bad++;
			while ((n = strlen(line)) > 0 && line[n - 1] != '\n' &&
			    fgets(line, sizeof(line), f) != NULL)
				;
			continue;
		}
		line[strcspn(line, "\r\n")] = '\0';
		for (p = line; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\0' || *p == '#')
			continue;
		memset(&e, 0, sizeof(e));
		if (strchr(p, '\t') == NULL) {
			fprintf(stderr, "%s:%d: no tab between the keyword "
			    "and its category code\n", path, ln);
			bad++;
			continue;
		}
		field = strtok_r(p, "\t", &save);
		commerce_name_key(field, e.key, sizeof(e.key));
		if (e.key[0] == '\0') {
			fprintf(stderr, "%s:%d: empty keyword\n", path, ln);
			bad++;
			continue;
		}
		while ((field = strtok_r(NULL, "\t", &save)) != NULL) {
			struct cat_code	*k;

			n = strlen(field);
			while (n > 0 && field[n - 1] == ' ')
				field[--n] = '\0';
			while (*field == ' ')
				field++;
			if (*field == '\0')
				continue;
			if (e.ncodes == CAT_CODES_MAX) {
				fprintf(stderr, "%s:%d: more than %d codes\n",
				    path, ln, CAT_CODES_MAX);
				bad++;
				break;
			}
			k = &e.codes[e.ncodes];
			if ((colon = strchr(field, ':')) != NULL) {
				*colon = '\0';
				if (export_layout_find(field) == NULL) {
					fprintf(stderr, "%s:%d: %s: not a "
					    "format (tokopedia, shopee, "
					    "bukalapak, csv)\n", path, ln,
					    field);
					bad++;
					continue;
				}
				snprintf(k->fmt, sizeof(k->fmt), "%s", field);
				field = colon + 1;
			}
			if (!cat_code_ok(field)) {
				fprintf(stderr, "%s:%d: \"%s\": a category code "
				    "is 1-%d letters, digits, '.', '_', '-' "
				    "or '/'\n", path, ln, field, CAT_CODE_MAX);
				bad++;
				continue;
			}
			snprintf(k->code, sizeof(k->code), "%s", field);
			e.ncodes++;
		}
		if (e.ncodes == 0) {
			fprintf(stderr, "%s:%d: keyword without a category "
			    "code\n", path, ln);
			bad++;
			continue;
		}
		if (c->n == c->cap) {
			c->cap = c->cap == 0 ? 32 : 2 * c->cap;
			c->e = xrealloc(c->e, (size_t)c->cap * sizeof(*c->e));
		}
		c->e[c->n++] = e;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		bad++;
	}
	fclose(f);
	return bad > 0 ? -1 : 0;
}

/* The category of name for format fmt: the first line of the file whose
 * keyword is in the name as whole words and that has a code for fmt (or
 * a bare one). "" when none. */
static const char *
cats_match(const struct export_cats *c, const char *name, const char *fmt)
{
	char	folded[ACT_TEXT_MAX], hay[ACT_TEXT_MAX + 2];
	char	needle[ACT_TEXT_MAX + 2];
	int	i, j;

	commerce_name_key(name, folded, sizeof(folded));
	snprintf(hay, sizeof(hay), " %s ", folded);
	for (i = 0; i < c->n; i++) {
		const struct export_cat_entry *e = &c->e[i];
		const char		*any = NULL, *own = NULL;

		snprintf(needle, sizeof(needle), " %s ", e->key);
		if (strstr(hay, needle) == NULL)
			continue;
		for (j = 0; j < e->ncodes; j++) {
			if (e->codes[j].fmt[0] == '\0' && any == NULL)
				any = e->codes[j].code;
			else if (strcmp(e->codes[j].fmt, fmt) == 0 &&
			    own == NULL)
				own = e->codes[j].code;
		}
		if (own != NULL)
			return own;
		if (any != NULL)
			return any;
	}
	return "";
}

void
export_cats_free(struct export_cats *c)
{
	free(c->e);
	c->e = NULL;
	c->n = c->cap = 0;
}

struct collect {
	struct export_items		*it;
	const struct export_cats	*cats;
	const struct export_layout	*lay;
};

static int
collect_row(void *arg, const struct export_row *r)
{
	struct collect	*k = arg;
	struct export_item	*x;

	if (k->it->n == k->it->cap) {
		k->it->cap = k->it->cap == 0 ? 256 : 2 * k->it->cap;
		k->it->v = xrealloc(k->it->v, (size_t)k->it->cap *
		    sizeof(*k->it->v));
	}
	x = &k->it->v[k->it->n++];
	memset(x, 0, sizeof(*x));
	x->r = *r;
	/* The SKU stays the same across exports so a re-upload updates the
	 * listing: the village code the product was listed under (products
	 * keep it), else SKU_FALLBACK; never the seller's current place,
	 * which may be set or change later. */
	snprintf(x->sku, sizeof(x->sku), "%s-P%" PRId64,
	    export_place_code_ok(r->product_place) ? r->product_place : SKU_FALLBACK,
	    r->id);
	snprintf(x->code, sizeof(x->code), "P%" PRId64, r->id);
	x->cat = k->cats != NULL ? cats_match(k->cats, r->name,
	    k->lay->name) : "";
	if (r->weight_g > 0)
		x->weight_g = r->weight_g;
	else if (!weight_of_unit(r->unit, &x->weight_g))
		x->weight_g = 0;
	{
		char	per[48] = "", from[200] = "";

		if (r->unit[0] != '\0')
			snprintf(per, sizeof(per), " Harga per %s.", r->unit);
		if (r->place_name[0] != '\0')
			snprintf(from, sizeof(from), " Produk UMKM %s, %s.",
			    r->shop, r->place_name);
		else
			snprintf(from, sizeof(from), " Produk UMKM %s.",
			    r->shop);
		snprintf(x->desc, sizeof(x->desc), "%s.%s%s", r->name, per,
		    from);
	}
	return 0;
}

void
export_items_rewrite(struct export_items *it,
    void (*fn)(char *text, size_t size, void *arg), void *arg)
{
	int	i;

	for (i = 0; i < it->n; i++) {
		fn(it->v[i].r.name, sizeof(it->v[i].r.name), arg);
		fn(it->v[i].r.shop, sizeof(it->v[i].r.shop), arg);
		fn(it->v[i].desc, sizeof(it->v[i].desc), arg);
	}
}

/* The cell of column col for x. */
static struct xcell
cell_of(const struct xcol *col, const struct export_item *x)
{
	struct xcell	c = { XC_EMPTY, "", 0 };

#define TEXT(s)	do { c.kind = XC_TEXT; c.text = (s); } while (0)
#define NUM(n)	do { c.kind = XC_NUM; c.num = (n); } while (0)
	switch (col->f) {
	case XF_BLANK:		break;
	case XF_NAME:		TEXT(x->r.name); break;
	case XF_DESC:		TEXT(x->desc); break;
	case XF_CATEGORY:	if (x->cat[0] != '\0') TEXT(x->cat); break;
	case XF_WEIGHT:		if (x->weight_g > 0) NUM(x->weight_g); break;
	case XF_PRICE:		NUM(x->r.price_rp); break;
	case XF_STOCK:		NUM(x->r.available > 0 ? x->r.available : 0);
				break;
	case XF_SKU:		TEXT(x->sku); break;
	case XF_CODE:		TEXT(x->code); break;
	case XF_UNIT:		TEXT(x->r.unit); break;
	case XF_SHOP:		TEXT(x->r.shop); break;
	case XF_PLACE:		TEXT(x->r.place); break;
	case XF_PLACE_NAME:	TEXT(x->r.place_name); break;
	case XF_ONE:		NUM(1); break;
	case XF_NEW:		TEXT("Baru"); break;
	case XF_ACTIVE:		TEXT("Aktif"); break;
	case XF_INSURANCE:	TEXT("Opsional"); break;
	}
#undef TEXT
#undef NUM
	return c;
}

/*
 * CSV (RFC 4180): CRLF line ends, a field in double quotes when it holds a
 * comma, quote, CR or LF, quotes doubled. A text field that starts with
 * '=', '+', '-', '@' (or a tab or CR, which some spreadsheets skip before
 * reading the rest as a formula) gets an apostrophe in front, the usual
 * defence against CSV formula injection: a spreadsheet opening the file
 * shows the text instead of running it, and a person sees why. The
 * apostrophe stays in the data for any other reader of the CSV; XLSX
 * needs none (ctl/export_xlsx.c writes string cells, never formulas).
 * Numbers are written as plain digits and are never escaped.
 */
static void
csv_text(FILE *f, const char *s)
{
	const char	*p;
	bool		 esc = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
	bool		 quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		fputc('"', f);
	if (esc)
		fputc('\'', f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' && quote)
			fputc('"', f);
		fputc(*p, f);
	}
	if (quote)
		fputc('"', f);
}

int
export_write_csv(FILE *f, const struct export_layout *lay,
    const struct export_items *it)
{
	int	i, c;

	for (c = 0; c < lay->ncols; c++) {
		if (c > 0)
			fputc(',', f);
		csv_text(f, lay->cols[c].head);
	}
	fputs("\r\n", f);
	for (i = 0; i < it->n; i++) {
		for (c = 0; c < lay->ncols; c++) {
			struct xcell	x = cell_of(&lay->cols[c], &it->v[i]);

			if (c > 0)
				fputc(',', f);
			if (x.kind == XC_TEXT)
				csv_text(f, x.text);
			else if (x.kind == XC_NUM)
				fprintf(f, "%" PRId64, x.num);
		}
		fputs("\r\n", f);
	}
	return ferror(f) ? -1 : 0;
}

int
export_write_xlsx(const char *path, const struct export_layout *lay,
    const struct export_items *it, char *err, size_t errlen)
{
	struct xtable	 t;
	struct xcell	*cells;
	const char	**head;
	int		 i, c, rc;

	cells = xcalloc((size_t)(it->n > 0 ? it->n : 1) * (size_t)lay->ncols,
	    sizeof(*cells));
	head = xcalloc((size_t)lay->ncols, sizeof(*head));
	for (c = 0; c < lay->ncols; c++)
		head[c] = lay->cols[c].head;
	for (i = 0; i < it->n; i++)
		for (c = 0; c < lay->ncols; c++)
			cells[i * lay->ncols + c] = cell_of(&lay->cols[c],
			    &it->v[i]);
	memset(&t, 0, sizeof(t));
	t.sheet = lay->sheet;
	t.pre = lay->pre;
	t.npre = lay->npre;
	t.head = head;
	t.ncols = lay->ncols;
	t.cells = cells;
	t.nrows = it->n;
	rc = export_xlsx_write(path, &t, err, errlen);
	free(head);
	free(cells);
	return rc;
}

int
export_missing(FILE *f, const struct export_layout *lay,
    const struct export_items *it)
{
	int	i, c, nbad = 0;

	for (i = 0; i < it->n; i++) {
		const struct export_item *x = &it->v[i];
		int			 n = 0;

		for (c = 0; c < lay->ncols; c++) {
			struct xcell	v;

			if (lay->cols[c].need == NULL)
				continue;
			v = cell_of(&lay->cols[c], x);
			if (v.kind != XC_EMPTY)
				continue;
			if (n == 0)
				fprintf(f, "%s %s:", x->code, x->r.name);
			fprintf(f, "%s no %s", n == 0 ? "" : ",",
			    lay->cols[c].need);
			n++;
		}
		if (n > 0) {
			fputc('\n', f);
			nbad++;
		}
	}
	return nbad;
}

int
export_collect(struct store *st, const struct export_filter *f,
    const struct export_layout *lay, const struct export_cats *cats,
    struct export_items *it)
{
	struct collect	k;

	k.it = it;
	k.cats = cats;
	k.lay = lay;
	return export_each(st, f, collect_row, &k) != 0 ? -1 : 0;
}

void
export_items_free(struct export_items *it)
{
	free(it->v);
	it->v = NULL;
	it->n = it->cap = 0;
}
