/* GET /dash/export: the marketplace export (programme.md section 3) of the
 * officer's place as a download, written by export/ exactly as lapakctl
 * export --place writes it. XLSX goes through a file in a private
 * temporary folder (libxlsxwriter writes files), read back and removed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/export.h"
#include "store/export.h"
#include "web/dash.h"
#include "web/mask.h"

#define CT_CSV	"text/csv; charset=utf-8"
#define CT_XLSX	"application/vnd.openxmlformats-officedocument." \
		"spreadsheetml.sheet"

static int
fail_page(struct dash_resp *r, bool en, int status, const char *msg)
{
	wbuf_reset(&r->body);
	r->ctype = "text/html; charset=utf-8";
	r->filename[0] = '\0';
	wbuf_printf(&r->body, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>%s</title>\n</head>\n<body>\n"
	    "<main>\n<h1>%s</h1>\n<p class=\"error\">", en ? "en" : "id",
	    en ? "Export" : "Ekspor", en ? "Export" : "Ekspor");
	wbuf_html(&r->body, msg);
	wbuf_printf(&r->body, "</p>\n<p><a href=\"/dash%s\">%s</a></p>\n"
	    "</main>\n</body>\n</html>\n", en ? "?lang=en" : "",
	    en ? "Back to the dashboard" : "Kembali ke dasbor");
	return status;
}

/* Writes the XLSX of it into r->body through a private temporary file. */
static int
xlsx_bytes(struct dash_resp *r, const struct export_layout *lay,
    const struct export_items *it, char *err, size_t errlen)
{
	const char	*tmpdir = getenv("TMPDIR");
	char		 dir[512], path[600], buf[8192];
	ssize_t		 got;
	int		 fd = -1, rc = -1;

	snprintf(dir, sizeof(dir), "%s/lapak-web.XXXXXX",
	    tmpdir != NULL && tmpdir[0] == '/' ? tmpdir : "/tmp");
	if (mkdtemp(dir) == NULL) {		/* 0700: ours alone */
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/export.xlsx", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	if (export_write_xlsx(path, lay, it, err, errlen) != 0)
		goto out;
	if ((fd = open(path, O_RDONLY)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	while ((got = read(fd, buf, sizeof(buf))) > 0)
		wbuf_put(&r->body, buf, (size_t)got);
	if (got < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	(void)unlink(path);
	(void)rmdir(dir);
	return rc;
}

static void
mask_cell(char *text, size_t size, void *arg)
{
	(void)arg;
	web_mask_inplace(text, size);
}

int
dash_export(struct dash_resp *r, const struct dash_ctx *c,
    const struct dash_params *p)
{
	const struct export_layout	*lay;
	struct export_filter		 flt = { NULL, NULL };
	struct export_cats		 cats = { NULL, 0, 0 };
	struct export_items		 it = { NULL, 0, 0 };
	const char			*fmt = p->format != NULL ? p->format :
	    "csv", *place = c->place;
	char				 msg[256], err[512];
	char				*mem = NULL;
	size_t				 memlen = 0;
	FILE				*f;
	int				 status = DASH_ERROR;

	if ((lay = export_layout_find(fmt)) == NULL) {
		snprintf(msg, sizeof(msg), c->en ? "format=%.40s: use csv, "
		    "tokopedia, shopee or bukalapak." : "format=%.40s: pilih "
		    "csv, tokopedia, shopee atau bukalapak.", fmt);
		return fail_page(r, c->en, DASH_BAD, msg);
	}
	if (p->place != NULL && p->place[0] != '\0') {
		if (!export_place_code_ok(p->place)) {
			snprintf(msg, sizeof(msg), c->en ? "place=%.40s: not "
			    "a place code (e.g. 33.20.05)." : "place=%.40s: "
			    "bukan kode wilayah (mis. 33.20.05).", p->place);
			return fail_page(r, c->en, DASH_BAD, msg);
		}
		if (!dash_place_within(c->place, p->place)) {
			dash_forbidden(r, c->en);
			return DASH_FORBIDDEN;
		}
		place = p->place;
	}
	flt.place = place[0] != '\0' ? place : NULL;
	/* A bad category file is the operator's to fix (lapakctl check and
	 * export say where); the download goes on without categories. */
	if (c->categories != NULL && c->categories[0] != '\0' &&
	    export_cats_load(c->categories, &cats, "lapak-web: export") != 0)
		export_cats_free(&cats);
	if (export_collect(c->st, &flt, lay, &cats, &it) != 0) {
		snprintf(msg, sizeof(msg), "%s", c->en ? "The data cannot be "
		    "read now; try again." : "Data tidak dapat dibaca "
		    "sekarang; coba lagi.");
		status = fail_page(r, c->en, DASH_ERROR, msg);
		goto done;
	}
	/* No phone number leaves the web: digit runs in names are masked
	 * as on every page (lapakctl export keeps them as typed). */
	export_items_rewrite(&it, mask_cell, NULL);
	wbuf_reset(&r->body);
	if (export_layout_xlsx(lay)) {
		if (xlsx_bytes(r, lay, &it, err, sizeof(err)) != 0) {
			fprintf(stderr, "lapak-web: export: %s\n", err);
			status = fail_page(r, c->en, DASH_ERROR, c->en ?
			    "The export could not be written." :
			    "Ekspor tidak dapat ditulis.");
			goto done;
		}
		r->ctype = CT_XLSX;
	} else {
		if ((f = open_memstream(&mem, &memlen)) == NULL ||
		    export_write_csv(f, lay, &it) != 0) {
			if (f != NULL)
				fclose(f);
			free(mem);
			status = fail_page(r, c->en, DASH_ERROR, c->en ?
			    "The export could not be written." :
			    "Ekspor tidak dapat ditulis.");
			goto done;
		}
		fclose(f);
		wbuf_put(&r->body, mem, memlen);
		free(mem);
		r->ctype = CT_CSV;
	}
	snprintf(r->filename, sizeof(r->filename), "lapak-%s%s%s.%s", fmt,
	    place[0] != '\0' ? "-" : "", place,
	    export_layout_xlsx(lay) ? "xlsx" : "csv");
	status = DASH_OK;
done:
	export_cats_free(&cats);
	export_items_free(&it);
	return status;
}
