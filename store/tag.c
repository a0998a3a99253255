/* Keyed tags with a key kept in the meta table (made on first use). */
#include <sodium.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/tag.h"

static const char sql_key_get[] = "SELECT v FROM meta WHERE k = 'tag_key'";
static const char sql_key_put[] =
    "INSERT OR IGNORE INTO meta(k, v) VALUES ('tag_key', ?1)";

static int
tag_key(struct store *st)
{
	unsigned char	 key[crypto_generichash_KEYBYTES];
	sqlite3_stmt	*s;
	int		 rc, tries;

	if (st->tag_key_ok)
		return 0;
	for (tries = 0; tries < 2; tries++) {
		if ((s = store_stmt(st, sql_key_get)) == NULL)
			return -1;
		rc = store_step(st, s);
		if (rc == SQLITE_ROW && sqlite3_column_bytes(s, 0) ==
		    (int)sizeof(st->tag_key)) {
			memcpy(st->tag_key, sqlite3_column_blob(s, 0),
			    sizeof(st->tag_key));
			sqlite3_reset(s);
			st->tag_key_ok = true;
			return 0;
		}
		sqlite3_reset(s);
		if (sodium_init() < 0 || (s = store_stmt(st, sql_key_put)) == NULL)
			return -1;
		randombytes_buf(key, sizeof(key));
		sqlite3_bind_blob(s, 1, key, sizeof(key), SQLITE_TRANSIENT);
		sodium_memzero(key, sizeof(key));
		rc = store_step(st, s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return -1;
	}
	return -1;
}

int
store_tag(struct store *st, const char *text, char *hex, size_t hexsz)
{
	unsigned char	h[STORE_TAG_HEX / 2];

	if (hexsz <= STORE_TAG_HEX || tag_key(st) == -1)
		return -1;
	crypto_generichash(h, sizeof(h), (const unsigned char *)text,
	    strlen(text), st->tag_key, sizeof(st->tag_key));
	sodium_bin2hex(hex, hexsz, h, sizeof(h));
	return 0;
}
