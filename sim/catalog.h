/* A seeded, reproducible village catalogue for the search benchmark: shop
 * names, villages, unique product names from everyday Indonesian product
 * words, prices and stock, and the queries buyers type (typos included). */
#ifndef SIM_CATALOG_H
#define SIM_CATALOG_H
#include <stddef.h>
#include <stdint.h>

struct catalog {
	uint64_t	seed;
	uint64_t	mult[64];	/* per base: the permutation of its names */
	uint64_t	add[64];
};

/* How many distinct product names the vocabulary can make. */
uint64_t	catalog_capacity(void);
/* Prepares the permutation for seed. */
void		catalog_init(struct catalog *, uint64_t seed);
/* Product i (0-based, below catalog_capacity()): a name no other index
 * gives, a price in thousands of rupiah and a stock of 1..50. */
void		catalog_product(const struct catalog *, uint64_t i, char *name,
		    size_t len, int *price_rb, int *stock);
/* Seller s: a shop name and a village (one of about 200). */
void		catalog_shop(const struct catalog *, uint64_t s, char *shop,
		    size_t shoplen, char *village, size_t villagelen);

/* The buyers' queries, as typed; every one finds products in any catalogue
 * of a few hundred products or more. */
size_t		catalog_nqueries(void);
const char	*catalog_query(size_t i);

/* A 64-bit mix of x (splitmix64's finaliser): the seeded choices. */
uint64_t	catalog_hash(uint64_t x);

#endif
