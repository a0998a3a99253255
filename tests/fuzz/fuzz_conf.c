/* Fuzz target: the config loader. The input is written (mode 0600) to a
 * file in a private temporary folder and given to conf_load, as lapakd -n
 * would. Inputs with libconfig's @include are skipped: an operator's config
 * may read any file it names, which is not an attack surface (and
 * "/dev/zero" would only hang the fuzzer). Properties: conf_load returns 0
 * or -1, a failure comes with a message, a success with sane values. */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conf/conf.h"
#include "tests/fuzz/fuzz.h"

static char		 dir[64], path[128];
static struct conf	 cfg;
static char		 err[8192];

static void
cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/lapak-fuzz-conf.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	snprintf(path, sizeof(path), "%s/lapak.cfg", dir);
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int	fd, rc;
	size_t	i;

	if (dir[0] == '\0')
		setup();
	if (has_include(data, size))
		return 0;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    (size > 0 && write(fd, data, size) != (ssize_t)size)) {
		perror(path);
		abort();
	}
	close(fd);
	memset(err, 'x', sizeof(err));
	rc = conf_load(path, &cfg, err, sizeof(err));
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT(memchr(err, '\0', sizeof(err)) != NULL);
	if (rc == -1) {
		FUZZ_ASSERT(err[0] != '\0');
		return 0;
	}
	FUZZ_ASSERT(cfg.nsmsc >= 1 && cfg.nsmsc <= CONF_MAX_SMSC);
	FUZZ_ASSERT(cfg.naliases <= CONF_MAX_ALIAS);
	FUZZ_ASSERT(cfg.nown <= CONF_MAX_OWN);
	for (i = 0; i < cfg.nsmsc; i++) {
		const struct conf_smsc *s = &cfg.smsc[i];

		FUZZ_ASSERT(s->port >= 1 && s->port <= 65535);
		FUZZ_ASSERT(s->window >= 1 && s->window <= 256);
		FUZZ_ASSERT(strlen(s->password) < sizeof(s->password));
		FUZZ_ASSERT(s->max_pdu_bytes >= 16);
		/* A password never leaks into another field's text. */
		if (strlen(s->password) >= 4)
			FUZZ_ASSERT(strstr(err, s->password) == NULL);
	}
	(void)conf_check_file(path, err, sizeof(err));
	return 0;
}
