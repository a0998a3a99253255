/* Replay driver: the main() a fuzz target gets when built without libFuzzer
 * (gcc, CI). Runs LLVMFuzzerTestOneInput on every file named on the command
 * line, and on every file inside a named directory (one level). */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"

int	main(int, char **);

static int
run_file(const char *path)
{
	FILE		*fp;
	uint8_t		*buf = NULL;
	long		 n;
	int		 rc = -1;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		perror(path);
		goto out;
	}
	/* An exact-size heap copy, so ASan sees any read past the input. */
	if ((buf = malloc(n > 0 ? (size_t)n : 1)) == NULL)
		goto out;
	if (n > 0 && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		perror(path);
		goto out;
	}
	(void)LLVMFuzzerTestOneInput(buf, (size_t)n);
	rc = 0;
out:
	free(buf);
	fclose(fp);
	return rc;
}

static int
run_dir(const char *dir, int *count)
{
	DIR		*d;
	struct dirent	*e;
	char		 path[4096];
	struct stat	 sb;
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    e->d_name) >= sizeof(path))
			continue;
		if (stat(path, &sb) == -1 || !S_ISREG(sb.st_mode))
			continue;
		if (run_file(path) == -1)
			rc = -1;
		else
			(*count)++;
	}
	closedir(d);
	return rc;
}

int
main(int argc, char **argv)
{
	struct stat	sb;
	int		i, count = 0, rc = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) == -1) {
			perror(argv[i]);
			rc = 1;
		} else if (S_ISDIR(sb.st_mode)) {
			if (run_dir(argv[i], &count) == -1)
				rc = 1;
		} else if (run_file(argv[i]) == -1)
			rc = 1;
		else
			count++;
	}
	printf("%s: %d inputs replayed\n", argc > 0 ? argv[0] : "replay",
	    count);
	return rc;
}
