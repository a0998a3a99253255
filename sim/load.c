/* Load generator: placeholder until the benchmark mode lands. */
#include <stdio.h>

#include "sim/sim.h"

int
sim_load(struct smsc *s, int argc, char **argv)
{
	(void)s;
	(void)argc;
	(void)argv;
	fprintf(stderr, "lapak-sim: load mode not built yet\n");
	return 2;
}
