/* The key table as text (conf_key_doc, issue 15): every key of the table
 * has a one-line description in conf/keydoc.c and every description names a
 * key of the table, names are unique, and a few rows read as conf/lapak.cfg
 * documents them (type, range, default). */
#include <stdio.h>
#include <string.h>

#include "conf/conf.h"
#include "tests/t.h"

#define MAXKEYS	512

static char	names[MAXKEYS][64];
static size_t	nnames;

static const struct conf_key_doc *
find(const char *name)
{
	static struct conf_key_doc	d;
	size_t				i;

	for (i = 0; conf_key_doc(i, &d); i++)
		if (strcmp(d.name, name) == 0)
			return &d;
	return NULL;
}

static void
test_cover(void)
{
	struct conf_key_doc	d;
	const char		*w;
	size_t			i, j;

	for (i = 0; conf_key_doc(i, &d); i++) {
		CHECK(i < MAXKEYS);
		if (i >= MAXKEYS)
			break;
		if (d.what == NULL)
			fprintf(stderr, "key %s: no line in conf/keydoc.c\n",
			    d.name);
		CHECK(d.what != NULL && strlen(d.what) > 5);
		CHECK(d.type != NULL && d.range[0] != '\0' && d.def[0] != '\0');
		for (j = 0; j < nnames; j++)
			if (strcmp(names[j], d.name) == 0)
				break;
		CHECK(j == nnames);	/* not seen before */
		snprintf(names[nnames++], sizeof(names[0]), "%s", d.name);
	}
	CHECK(nnames > 70);
	for (i = 0; (w = conf_key_what_at(i)) != NULL; i++) {
		for (j = 0; j < nnames; j++)
			if (strcmp(names[j], w) == 0)
				break;
		if (j == nnames)
			fprintf(stderr, "conf/keydoc.c: %s is no key\n", w);
		CHECK(j < nnames);
	}
	CHECK_INT(i, nnames);	/* one line per key, no more */
}

static void
test_rows(void)
{
	const struct conf_key_doc	*d;

	CHECK((d = find("orders.confirm_timeout")) != NULL);
	if (d != NULL) {
		CHECK_STR(d->type, "integer");
		CHECK_STR(d->range, "1..2592000");
		CHECK_STR(d->def, "1800");
	}
	CHECK((d = find("log.level")) != NULL);
	if (d != NULL) {
		CHECK_STR(d->type, "choice");
		CHECK_STR(d->range, "err|warn|info|debug");
		CHECK_STR(d->def, "\"info\"");
	}
	CHECK((d = find("smsc.password")) != NULL);
	if (d != NULL) {
		CHECK(d->secret);
		CHECK_STR(d->def, "(required)");
		CHECK_STR(d->range, "at most 8 characters; secret: the file "
		    "must be 0600");
	}
	CHECK((d = find("smsc.system_id")) != NULL);
	if (d != NULL)
		CHECK_STR(d->range, "1..15 characters");
	CHECK((d = find("store.durable")) != NULL);
	if (d != NULL)
		CHECK_STR(d->def, "true");
	CHECK((d = find("smsc.ussd_op_abort")) != NULL);
	if (d != NULL) {
		CHECK_STR(d->range, "-1..255");
		CHECK_STR(d->def, "(the ussd_profile's)");
	}
	CHECK((d = find("export.categories")) != NULL);
	if (d != NULL)
		CHECK_STR(d->def, "(none)");
	CHECK((d = find("sms.aliases")) != NULL);
	if (d != NULL)
		CHECK_STR(d->def, "{ }");
	CHECK(find("no.such_key") == NULL);
	CHECK(conf_key_what("no.such_key") == NULL);
}

int
main(void)
{
	test_cover();
	test_rows();
	return T_DONE();
}
