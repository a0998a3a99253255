/* Tiny test harness: CHECK counts and reports failures loudly; T_DONE() prints
 * "name: N passed, N failed" and returns non-zero when anything failed.
 *
 *	int main(void) { test_a(); test_b(); return T_DONE(); }
 */
#ifndef LAPAK_T_H
#define LAPAK_T_H
#include <stdio.h>
#include <string.h>

static int t_run, t_fail;

#define CHECK(c) do {							\
	t_run++;							\
	if (!(c)) {							\
		t_fail++;						\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n",		\
		    __FILE__, __LINE__, #c);				\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *t_a = (a), *t_b = (b);				\
	t_run++;							\
	if (t_a == NULL || t_b == NULL || strcmp(t_a, t_b) != 0) {	\
		t_fail++;						\
		fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__,	\
		    __LINE__, t_a ? t_a : "(null)", t_b ? t_b : "(null)");	\
	}								\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long t_a = (long long)(a), t_b = (long long)(b);		\
	t_run++;							\
	if (t_a != t_b) {						\
		t_fail++;						\
		fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n",	\
		    __FILE__, __LINE__, #a, t_a, t_b);			\
	}								\
} while (0)

#define T_DONE() (printf("%s: %d passed, %d failed\n", __FILE__,	\
	t_run - t_fail, t_fail), t_fail != 0 || t_run == 0)

#endif
