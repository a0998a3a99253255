/* Schema migrations, oldest first. Each is applied once, in its own
 * transaction, and recorded in PRAGMA user_version. Never edit a shipped
 * migration: add a new one. */
#include "store/store_internal.h"

/* v1: the durable message flow (msg.c). */
static const char schema_v1_messages[] =
	"CREATE TABLE inbox ("
	"  id INTEGER PRIMARY KEY,"
	"  link TEXT NOT NULL,"
	"  src TEXT NOT NULL,"
	"  dst TEXT NOT NULL,"
	"  text TEXT NOT NULL,"		/* PINs masked */
	"  kind INTEGER NOT NULL DEFAULT 0,"	/* 0 sms, 1 ussd */
	"  received_ms INTEGER NOT NULL,"
	"  repeat_of INTEGER,"		/* earlier inbox id when a repeat */
	"  state INTEGER NOT NULL DEFAULT 0"	/* 0 new, 1 done */
	");"
	"CREATE INDEX inbox_state ON inbox(state) WHERE state = 0;"
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY,"
	"  inbox_id INTEGER,"
	"  link TEXT NOT NULL,"
	"  dst TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  kind INTEGER NOT NULL DEFAULT 0,"	/* 0 sms, 1 ussd */
	"  ussd_op INTEGER NOT NULL DEFAULT -1,"
	"  ussd_sid INTEGER NOT NULL DEFAULT -1,"
	"  ussd_seq INTEGER NOT NULL DEFAULT 0,"
	"  state INTEGER NOT NULL DEFAULT 0,"	/* msg.h enum msg_state */
	"  created_ms INTEGER NOT NULL,"
	"  expires_ms INTEGER NOT NULL,"
	"  next_try_ms INTEGER NOT NULL DEFAULT 0,"
	"  tries INTEGER NOT NULL DEFAULT 0,"
	"  segments INTEGER NOT NULL DEFAULT 1,"
	"  acked INTEGER NOT NULL DEFAULT 0,"	/* segments with a submit_sm_resp */
	"  message_id TEXT,"
	"  last_status INTEGER,"
	"  done_ms INTEGER"
	");"
	"CREATE INDEX outbox_queued ON outbox(next_try_ms) WHERE state = 0;"
	"CREATE INDEX outbox_msgid ON outbox(message_id) WHERE message_id IS NOT NULL;"
	"CREATE TABLE outbox_part ("	/* message ids of every segment, for receipts */
	"  message_id TEXT PRIMARY KEY,"
	"  outbox_id INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE concat_part ("
	"  link TEXT NOT NULL,"
	"  src TEXT NOT NULL,"
	"  ref INTEGER NOT NULL,"
	"  total INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  received_ms INTEGER NOT NULL,"
	"  PRIMARY KEY (link, src, ref, total, seq)"
	") WITHOUT ROWID;"
	"CREATE TABLE recent ("		/* the repeat window */
	"  src TEXT NOT NULL,"
	"  command TEXT NOT NULL,"
	"  at_ms INTEGER NOT NULL,"
	"  reply TEXT NOT NULL,"
	"  PRIMARY KEY (src, command)"
	") WITHOUT ROWID;"
	"CREATE TABLE route ("		/* the link a number last wrote in on */
	"  msisdn TEXT PRIMARY KEY,"
	"  link TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE ratelimit ("
	"  msisdn TEXT PRIMARY KEY,"
	"  tokens REAL NOT NULL,"
	"  at_ms INTEGER NOT NULL,"
	"  noticed INTEGER NOT NULL DEFAULT 0"
	") WITHOUT ROWID;";

const struct store_migration store_migrations[] = {
	{ 1, "messages", schema_v1_messages },
	/* { 2, "commerce", schema_v2_commerce }, added by store/commerce */
};
const int store_nmigrations =
    (int)(sizeof(store_migrations) / sizeof(store_migrations[0]));
