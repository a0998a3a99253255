/* lapakctl export: active products in a marketplace's bulk-upload layout
 * (programme.md section 3): Tokopedia, Shopee and Bukalapak as XLSX, or
 * UTF-8 CSV, written by export/ (shared with lapak-web). What a
 * marketplace needs and a product lacks is listed on stderr, and the
 * product written all the same. This file reads the options and writes
 * the file. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/xalloc.h"
#include "ctl/ctl.h"
#include "export/export.h"
#include "store/export.h"
#include "store/store.h"

/* Writes into a temporary file beside path, created 0600, then renames it
 * over path: a reader never sees half a file, and the export (seller
 * shops and places) is the operator's alone. 0, 1 or 3. */
static int
write_file(const char *path, const struct export_layout *lay,
    const struct export_items *it)
{
	char	*tmp, err[512];
	FILE	*f;
	int	 fd, rc = 3;
	size_t	 n = strlen(path) + 8;

	tmp = xmalloc(n);
	snprintf(tmp, n, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		fprintf(stderr, "lapakctl: export: %s: %s\n", path,
		    strerror(errno));
		free(tmp);
		return 3;
	}
	(void)fchmod(fd, 0600);
	if (export_layout_xlsx(lay)) {
		close(fd);
		if (export_write_xlsx(tmp, lay, it, err, sizeof(err)) != 0) {
			fprintf(stderr, "lapakctl: export: %s\n", err);
			goto out;
		}
	} else {
		if ((f = fdopen(fd, "w")) == NULL) {
			close(fd);
			fprintf(stderr, "lapakctl: export: %s: %s\n", tmp,
			    strerror(errno));
			goto out;
		}
		if (export_write_csv(f, lay, it) != 0 || fflush(f) != 0 ||
		    fsync(fileno(f)) != 0) {
			fprintf(stderr, "lapakctl: export: %s: %s\n", tmp,
			    strerror(errno));
			fclose(f);
			goto out;
		}
		if (fclose(f) != 0) {
			fprintf(stderr, "lapakctl: export: %s: %s\n", tmp,
			    strerror(errno));
			goto out;
		}
	}
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "lapakctl: export: %s: %s\n", path,
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		(void)unlink(tmp);
	free(tmp);
	return rc;
}

int
ctl_export(const struct ctl *x, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "place", required_argument, NULL, 'P' },
		{ "seller", required_argument, NULL, 's' },
		{ "categories", required_argument, NULL, 'C' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const struct export_layout *lay = NULL;
	const char		*out = NULL, *place = NULL, *catpath = NULL;
	char			 seller[16] = "", err[1024];
	struct export_filter	 flt = { NULL, NULL };
	struct export_cats	 cats = { NULL, 0, 0 };
	struct export_items	 it = { NULL, 0, 0 };
	struct store		*st = NULL;
	int			 ch, rc = 1, nbad;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((lay = export_layout_find(optarg)) == NULL) {
				fprintf(stderr, "lapakctl: export: --format "
				    "%s: one of tokopedia, shopee, bukalapak, "
				    "csv\n", optarg);
				return 1;
			}
			break;
		case 'P':
			place = optarg;
			break;
		case 's':
			if (ctl_number(x, optarg, seller, sizeof(seller)) != 0)
				return 1;
			break;
		case 'C':
			catpath = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return 2;
		}
	}
	if (optind != argc)
		return 2;
	if (lay == NULL || out == NULL || out[0] == '\0') {
		fprintf(stderr, "lapakctl: export: --format and -o FILE are "
		    "required\n");
		return 1;
	}
	if (place != NULL && !export_place_code_ok(place)) {
		fprintf(stderr, "lapakctl: export: --place %s: not a place code "
		    "(33, 33.20, 33.20.05 or 33.20.05.2004)\n", place);
		return 1;
	}
	if (catpath == NULL && x->conf->export_categories[0] != '\0')
		catpath = x->conf->export_categories;
	if (catpath != NULL && export_cats_load(catpath, &cats,
	    "lapakctl: export") != 0)
		goto done;
	flt.place = place;
	flt.seller = seller[0] != '\0' ? seller : NULL;
	if (store_open_reader(&st, x->conf->store_path, err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "lapakctl: export: %s\n", err);
		rc = 3;
		goto done;
	}
	if (export_collect(st, &flt, lay, &cats, &it) != 0) {
		fprintf(stderr, "lapakctl: export: %s\n", store_errmsg(st));
		rc = 3;
		goto done;
	}
	store_close(st);
	st = NULL;
	nbad = export_missing(stderr, lay, &it);
	if ((rc = write_file(out, lay, &it)) != 0)
		goto done;
	fprintf(stderr, "lapakctl: export: %d product%s written to %s (%s)",
	    it.n, it.n == 1 ? "" : "s", out, export_layout_name(lay));
	if (nbad > 0)
		fprintf(stderr, "; %d lack%s a field %s requires (listed "
		    "above)", nbad, nbad == 1 ? "s" : "",
		    export_layout_name(lay));
	fputc('\n', stderr);
	if (export_layout_blank(lay) != NULL && it.n > 0)
		fprintf(stderr, "lapakctl: export: Lapak keeps no %s: add them "
		    "before uploading\n", export_layout_blank(lay));
done:
	store_close(st);
	export_cats_free(&cats);
	export_items_free(&it);
	return rc;
}
