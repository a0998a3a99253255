/* Tests for the load-time template check (conf/templates_check.c) and the
 * registry lapakd checks against (gateway/gw_tmpl.c): the shipped folder
 * passes; a copy missing one name, in each language, is refused naming
 * file:line, the name and who asks for it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/conf.h"
#include "conf/templates.h"
#include "gateway/gw_tmpl.h"
#include "tests/t.h"

#ifndef LAPAK_DATADIR
#define LAPAK_DATADIR "."
#endif

#define SHIPPED	LAPAK_DATADIR "/menus/templates"

static char	tmpdir[64];

static void
sh(const char *cmd)
{
	if (system(cmd) != 0) {
		fprintf(stderr, "failed: %s\n", cmd);
		exit(2);
	}
}

/* A fresh copy of the shipped templates in tmpdir. */
static void
copy_shipped(void)
{
	char	cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir '%s' && "
	    "cp -r '%s/id' '%s/en' '%s/'", tmpdir, tmpdir, SHIPPED, SHIPPED,
	    tmpdir);
	sh(cmd);
}

/* Deletes the line "  KEY = ..." inside group GROUP of tmpdir/rel, or the
 * whole group when key is NULL. Returns the group's line (1-based). */
static int
delete_line(const char *rel, const char *group, const char *key)
{
	char	 path[256], tmp[270], line[1024], open1[64], open2[64];
	char	 want[64];
	FILE	*in, *out;
	int	 n = 0, gline = 0, done = 0, skipping = 0;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	snprintf(open1, sizeof(open1), "%s = {", group);
	snprintf(open2, sizeof(open2), "%s: {", group);
	snprintf(want, sizeof(want), "  %s = ", key != NULL ? key : "");
	if ((in = fopen(path, "r")) == NULL || (out = fopen(tmp, "w")) ==
	    NULL) {
		perror(path);
		exit(2);
	}
	while (fgets(line, sizeof(line), in) != NULL) {
		n++;
		if (gline == 0 && (strncmp(line, open1, strlen(open1)) == 0 ||
		    strncmp(line, open2, strlen(open2)) == 0)) {
			gline = n;
			if (key == NULL)
				skipping = 1;
		}
		if (skipping) {
			if (strncmp(line, "};", 2) == 0)
				skipping = 0;
			continue;
		}
		if (gline != 0 && !done && key != NULL &&
		    strncmp(line, want, strlen(want)) == 0) {
			done = 1;
			continue;
		}
		fputs(line, out);
	}
	fclose(in);
	fclose(out);
	if (rename(tmp, path) == -1) {
		perror(tmp);
		exit(2);
	}
	CHECK(gline > 0);
	CHECK(key == NULL || done);
	return gline;
}

static int
load_tmp(struct templates **t, char *err, size_t errlen)
{
	struct conf	c;

	memset(&c, 0, sizeof(c));
	snprintf(c.templates_dir, sizeof(c.templates_dir), "%s", tmpdir);
	snprintf(c.default_lang, sizeof(c.default_lang), "id");
	return gw_templates_load(&c, t, err, errlen);
}

static void
test_shipped(void)
{
	struct templates	*t = NULL;
	char			 err[4096];

	CHECK_INT(templates_load(SHIPPED, "id", &t, err, sizeof(err)), 0);
	if (t == NULL)
		return;
	CHECK_INT(gw_templates_check(t, err, sizeof(err)), 0);
	if (err[0] != '\0')
		fprintf(stderr, "%s\n", err);
	CHECK_STR(err, "");
	templates_free(t);
}

/* One name deleted from one language: refused, one line, naming the file
 * and line of its group, the name and the module asking for it. */
static void
test_one_missing(void)
{
	static const struct {
		const char	*file, *group, *key, *module;
	} cases[] = {
		{ "commerce.cfg", "sell", "ok", "commerce" },
		{ "commerce.cfg", "orders", "row", "commerce" },
		{ "commerce.cfg", "com", "error", "menus/reply.c, gateway, "
		    "commerce" },
		{ "parser.cfg", "bad", "sell", "menus/cmd.c" },
		{ "parser.cfg", "badqty", "word", "menus/cmd.c" },
		{ "parser.cfg", "help", "lang", "menus/cmd.c" },
		{ "parser.cfg", "common", "more", "menus/reply.c" },
		{ "parser.cfg", "common", "repeat", "gateway" },
	};
	static const char *const langs[] = { "id", "en" };
	struct templates	*t = NULL;
	char			 err[4096], rel[64], want[512];
	size_t			 i, l;
	int			 gline;

	for (l = 0; l < 2; l++)
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			copy_shipped();
			snprintf(rel, sizeof(rel), "%s/%s", langs[l],
			    cases[i].file);
			gline = delete_line(rel, cases[i].group, cases[i].key);
			CHECK_INT(load_tmp(&t, err, sizeof(err)), -1);
			CHECK(t == NULL);
			snprintf(want, sizeof(want), "%s/%s:%d: missing template "
			    "%s.%s (asked for by %s)", tmpdir, rel, gline,
			    cases[i].group, cases[i].key, cases[i].module);
			CHECK_STR(err, want);
			templates_free(t);
			t = NULL;
		}
}

/* A whole group gone from one language: each of its names, all collected,
 * at the language's folder. */
static void
test_group_missing(void)
{
	struct templates	*t = NULL;
	char			 err[4096], want[512];

	copy_shipped();
	(void)delete_line("en/commerce.cfg", "lang", NULL);
	CHECK_INT(load_tmp(&t, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s/en: missing template lang.bad (asked "
	    "for by commerce)\n%s/en: missing template lang.name (asked for "
	    "by commerce/lang.c)\n%s/en: missing template lang.ok (asked for "
	    "by commerce)", tmpdir, tmpdir, tmpdir);
	CHECK_STR(err, want);
	templates_free(t);
}

/* templates_check itself: holes skipped, a name several modules ask for
 * reported once with all of them, every language, nested groups. */
static void
test_check(void)
{
	static const char *const a[] = { "x.y", NULL, "deep.er.z", "x.y" };
	static const char *const b[] = { "x.y", "q.r" };
	const struct tmpl_keys	 sets[] = {
		{ "A", a, 4 }, { "B", b, 2 },
	};
	struct templates	*t = NULL;
	char			 err[2048], want[1024], cmd[256];
	FILE			*f;

	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s/id' '%s/en'",
	    tmpdir, tmpdir, tmpdir);
	sh(cmd);
	snprintf(want, sizeof(want), "%s/id/a.cfg", tmpdir);
	if ((f = fopen(want, "w")) == NULL)
		exit(2);
	fputs("x: { y = \"1\"; };\nq: { r = \"2\"; };\n"
	    "deep: {\n  er: {\n    z = \"3\";\n  };\n};\n", f);
	fclose(f);
	snprintf(want, sizeof(want), "%s/en/a.cfg", tmpdir);
	if ((f = fopen(want, "w")) == NULL)
		exit(2);
	fputs("q: { r = \"2\"; };\n\ndeep: {\n  er: {\n  };\n};\n", f);
	fclose(f);
	CHECK_INT(templates_load(tmpdir, "id", &t, err, sizeof(err)), 0);
	if (t == NULL)
		return;
	CHECK_INT(templates_check(t, sets, 2, err, sizeof(err)), 2);
	/* Languages in folder order (en, id); names sorted. */
	snprintf(want, sizeof(want),
	    "%s/en/a.cfg:4: missing template deep.er.z (asked for by A)\n"
	    "%s/en: missing template x.y (asked for by A, B)", tmpdir, tmpdir);
	CHECK_STR(err, want);
	CHECK_INT(templates_check(t, sets, 1, NULL, 0), 2);
	CHECK_INT(templates_check(t, &sets[1], 1, err, sizeof(err)), 1);
	templates_free(t);
}

int
main(void)
{
	char	cmd[128];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lapak-tmplchk-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	test_shipped();
	test_one_missing();
	test_group_missing();
	test_check();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	sh(cmd);
	return T_DONE();
}
