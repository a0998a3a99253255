/* lapak-web: the read-only web catalogue and officers' dashboard beside
 * lapakd (issue 14). Placeholder until the server lands. */
#include <stdio.h>

int
main(void)
{
	fprintf(stderr, "lapak-web: not built yet\n");
	return 1;
}
