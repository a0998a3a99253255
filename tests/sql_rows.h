/* Tests that write rows straight into a store's schema (test_report,
 * test_web_dash): one statement with its ?N bound to integers. */
#ifndef LAPAK_TESTS_SQL_ROWS_H
#define LAPAK_TESTS_SQL_ROWS_H
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

/* Runs q on db with ?1..?n bound to the n int64_t in ap; aborts with the
 * statement's error when it fails (a broken fixture, not a test result). */
static void
sql_rows(sqlite3 *db, const char *q, int n, va_list ap)
{
	sqlite3_stmt	*s = NULL;
	int		 i;

	if (sqlite3_prepare_v2(db, q, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", q, sqlite3_errmsg(db));
		abort();
	}
	for (i = 1; i <= n; i++)
		sqlite3_bind_int64(s, i, va_arg(ap, int64_t));
	if (sqlite3_step(s) != SQLITE_DONE) {
		fprintf(stderr, "%s: %s\n", q, sqlite3_errmsg(db));
		abort();
	}
	sqlite3_finalize(s);
}

#endif
