/* Fuzz target: the USSD menu loader and walker. The input is written to a
 * temporary menu file and loaded with menu_def_load; a file that loads is
 * linted and, when clean, walked with a fixed set of answers (actions
 * answered ACT_OK with no rows). Inputs with libconfig's @include are
 * skipped, as in fuzz_conf. Properties: load is 0 or -1 with a message;
 * menu_fit leaves a screen that fits. */
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/action.h"
#include "conf/menu.h"
#include "menus/menu.h"
#include "tests/fuzz/fuzz.h"

static char		 dir[64], path[128];
static char		 err[8192];
static struct menu_state st;
static struct menu_out	 out;
static struct act_result res;

static void
cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/lapak-fuzz-menu.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	snprintf(path, sizeof(path), "%s/menu.cfg", dir);
	atexit(cleanup);
}

static bool
has_include(const uint8_t *data, size_t size)
{
	static const char	key[] = "@include";
	size_t			i, k = sizeof(key) - 1;

	for (i = 0; i + k <= size; i++)
		if (strncasecmp((const char *)data + i, key, k) == 0)
			return true;
	return false;
}

static void
walk(const struct menu *m)
{
	static const char *const answers[] = { "1", "2", "1", "0", "abc",
	    "99", "1234", "3", "#", "", "1", "2", "00", "5" };
	size_t	i;
	int	guard;

	memset(&st, 0, sizeof(st));
	menu_begin(m, &st, "id", &out);
	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
		for (guard = 0; out.kind == MENU_ACT && guard < 8; guard++) {
			memset(&res, 0, sizeof(res));
			res.rc = ACT_OK;
			menu_result(m, &st, &res, &out);
		}
		if (out.kind == MENU_END)
			break;
		FUZZ_ASSERT(memchr(out.text, '\0', sizeof(out.text)) != NULL);
		(void)menu_wants_secret(m, &st);
		menu_input(m, &st, answers[i], &out);
	}
	FUZZ_ASSERT(menu_state_fits(m, &st) || st.screen[0] == '\0');
	menu_show(m, &st, &out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct menu_def	*d = NULL;
	struct menu	*m;
	char		 text[512];
	bool		 gsm;
	size_t		 n;
	int		 fd, rc;

	if (dir[0] == '\0')
		setup();
	/* The screen fitter on the raw bytes. */
	n = size < sizeof(text) - 1 ? size : sizeof(text) - 1;
	memcpy(text, data, n);
	text[n] = '\0';
	menu_fit(text);
	n = menu_screen_len(text, &gsm);
	FUZZ_ASSERT(n <= (gsm ? MENU_GSM_MAX : MENU_UCS2_MAX));

	if (has_include(data, size))
		return 0;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    (size > 0 && write(fd, data, size) != (ssize_t)size)) {
		perror(path);
		abort();
	}
	close(fd);
	rc = menu_def_load(path, &d, err, sizeof(err));
	FUZZ_ASSERT(rc == 0 || rc == -1);
	if (rc == -1) {
		FUZZ_ASSERT(d == NULL && err[0] != '\0');
		return 0;
	}
	(void)menu_lint(d, NULL, NULL, NULL);
	if ((m = menu_new(d, NULL, err, sizeof(err))) != NULL) {
		walk(m);
		menu_free(m);
	}
	menu_def_free(d);
	return 0;
}
