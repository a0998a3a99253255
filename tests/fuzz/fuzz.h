/* Shared by every fuzz target: the libFuzzer entry point, and FUZZ_ASSERT, a
 * property check that aborts (so libFuzzer and the replay driver both see a
 * crash and keep the input). */
#ifndef LAPAK_FUZZ_H
#define LAPAK_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Runs one input; always returns 0 (libFuzzer contract). */
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: property failed: %s\n",		\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

#endif
