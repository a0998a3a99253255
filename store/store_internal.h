/* For store/ modules only: the struct, the statement cache and the stepping
 * wrapper that applies injected faults. Nothing outside store/ includes it. */
#ifndef LAPAK_STORE_INTERNAL_H
#define LAPAK_STORE_INTERNAL_H
#include <sqlite3.h>
#include <stdint.h>

#include "store/store.h"

#define STORE_STMT_CACHE 384

struct store_stmt {
	const char	*sql;		/* static string: its address is the key */
	sqlite3_stmt	*stmt;
};

struct store {
	sqlite3			*db;
	struct store_stmt	 cache[STORE_STMT_CACHE];
	int			 depth;		/* savepoint nesting */
	bool			 in_txn;
	long			 fault_nth;
	int			 fault_rc;
	bool			 fault_sticky;
	long			 fault_fired;	/* since the last inject */
	unsigned char		 tag_key[32];	/* store_tag(): from the meta table */
	bool			 tag_key_ok;
	struct store_ckpt	*ckpt;		/* store_checkpointer_start() */
	struct store_sync	*sync;		/* store_syncer_start(), sync.c */
	struct vocab_copy	*vocab;		/* CARI's words, search.c */
	bool			 durable;	/* opened durable, on a file */
	uint64_t		 commits;	/* COMMITs so far: their sequence */
	char			 audit_via[16];	/* audit rows name this assistant
						 * (UNTUK); "" none: repo_agent.c */
	bool			 redact_fn;	/* lapak_redact() made: privacy.c */
	/* issue 13, privacy: 'block' marks counted at data_version
	 * block_dv (block_known false: count again); repo_privacy.c */
	bool			 block_known;
	int64_t			 block_dv;
	int64_t			 block_n;
	/* issue 13, privacy: rows of the repeat window kept under a tag
	 * after an erasure, counted at data_version tagged_dv
	 * (tagged_known false: count again); privacy.c */
	bool			 tagged_known;
	int64_t			 tagged_dv;
	int64_t			 tagged_n;
};

/* The prepared statement for sql (a string literal or other static string;
 * prepared once, reset and cleared of bindings on every call). NULL on error
 * (message via store_errmsg). */
sqlite3_stmt	*store_stmt(struct store *st, const char *sql);
/* sqlite3_step through the fault hook. Returns the SQLite code. */
int		 store_step(struct store *st, sqlite3_stmt *s);
/* Steps a bound statement once and resets it: STORE_OK when it is done (or
 * gave a row), else the error as a store_rc. */
enum store_rc	 store_run(struct store *st, sqlite3_stmt *s);
/* Runs a statement that returns no rows; binds nothing. */
enum store_rc	 store_exec(struct store *st, const char *sql);
/* Maps an SQLite result code to a store_rc. */
enum store_rc	 store_rc_of(int sqlite_rc);

/* Schema migrations, oldest first; store_open applies those above the
 * database's PRAGMA user_version, each in its own transaction. */
struct store_migration {
	int		 version;
	const char	*name;
	const char	*sql;
};
extern const struct store_migration store_migrations[];
extern const int store_nmigrations;

/* msg.c: the repeat window's unkeyed 64-bit hash of a command (FNV-1a),
 * the one kept in recent.hash and recent.earlier. */
int64_t	msg_recent_hash(const char *command);

/* sync.c: after each COMMIT of st, the sequence the syncer may cover. */
void	store_sync_committed(struct store *st);

/* Column text (or "" for NULL), borrowed from s: valid until the next
 * step or reset of s. */
const char	*store_col_str(sqlite3_stmt *s, int col);
/* Copies column text (or "") into buf[len] before the next step. */
void	store_col_text(sqlite3_stmt *s, int col, char *buf, size_t len);

#endif
