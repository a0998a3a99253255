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
	"  inbox_id INTEGER NOT NULL,"
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

/* v2: commerce (store/commerce.h). Every number that writes in, sellers and
 * their PINs (Argon2id strings), products with a trigram index for CARI,
 * price history, orders with their timers, and an audit trail. */
static const char schema_v2_commerce[] =
	"CREATE TABLE numbers ("
	"  msisdn TEXT PRIMARY KEY,"
	"  lang TEXT,"			/* NULL: the configured default */
	"  list_kind TEXT NOT NULL DEFAULT '',"	/* last list for LAGI */
	"  list_query TEXT NOT NULL DEFAULT '',"
	"  list_offset INTEGER NOT NULL DEFAULT 0,"	/* next row to show */
	"  created_s INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE sellers ("
	"  id INTEGER PRIMARY KEY,"
	"  msisdn TEXT NOT NULL UNIQUE,"
	"  shop TEXT NOT NULL,"
	"  village TEXT NOT NULL DEFAULT '',"
	"  pin_hash TEXT,"			/* crypto_pwhash_str, NULL = none */
	"  pin_fails INTEGER NOT NULL DEFAULT 0,"
	"  pin_locked_until INTEGER NOT NULL DEFAULT 0,"
	"  created_s INTEGER NOT NULL,"
	"  updated_s INTEGER NOT NULL"
	");"
	"CREATE TABLE products ("
	"  id INTEGER PRIMARY KEY,"		/* P17 */
	"  seller_id INTEGER NOT NULL REFERENCES sellers(id),"
	"  name TEXT NOT NULL,"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  price_rp INTEGER NOT NULL CHECK (price_rp BETWEEN 1 AND 1000000000),"
	"  stock INTEGER NOT NULL CHECK (stock >= 0),"
	"  reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created_s INTEGER NOT NULL,"
	"  CHECK (reserved <= stock)"
	");"
	"CREATE INDEX products_seller ON products(seller_id, id);"
	"CREATE VIRTUAL TABLE product_fts USING fts5(name, tokenize='trigram');"
	"CREATE TRIGGER products_fts_ins AFTER INSERT ON products WHEN new.active "
	"BEGIN INSERT INTO product_fts(rowid, name) VALUES (new.id, new.name); END;"
	"CREATE TRIGGER products_fts_upd AFTER UPDATE OF name, active ON products "
	"BEGIN DELETE FROM product_fts WHERE rowid = old.id;"
	"  INSERT INTO product_fts(rowid, name) SELECT new.id, new.name "
	"  WHERE new.active; END;"
	"CREATE TABLE price_history ("
	"  id INTEGER PRIMARY KEY,"
	"  product_id INTEGER NOT NULL REFERENCES products(id),"
	"  old_rp INTEGER,"			/* NULL: first listing */
	"  new_rp INTEGER NOT NULL,"
	"  at_s INTEGER NOT NULL"
	");"
	"CREATE INDEX price_history_product ON price_history(product_id, at_s);"
	"CREATE TABLE orders ("
	"  id INTEGER PRIMARY KEY,"		/* O42 */
	"  buyer TEXT NOT NULL,"
	"  seller_id INTEGER NOT NULL REFERENCES sellers(id),"
	"  product_id INTEGER NOT NULL REFERENCES products(id),"
	"  qty INTEGER NOT NULL CHECK (qty BETWEEN 1 AND 1000000),"
	"  unit_price_rp INTEGER NOT NULL,"	/* snapshot: HARGA later keeps it */
	"  note TEXT NOT NULL DEFAULT '',"
	"  state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed',"
	"    'accepted', 'shipped', 'delivered', 'cancelled', 'rejected',"
	"    'expired')),"
	"  code_hash BLOB,"			/* salt || generichash; NULL once used */
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER,"		/* timer of pending/confirmed, else NULL */
	"  confirmed_at INTEGER,"
	"  accepted_at INTEGER,"
	"  shipped_at INTEGER,"
	"  delivered_at INTEGER,"
	"  closed_at INTEGER"			/* cancelled, rejected, expired */
	");"
	"CREATE INDEX orders_expiry ON orders(expires_at) WHERE expires_at IS NOT NULL;"
	"CREATE INDEX orders_buyer ON orders(buyer, state);"
	"CREATE INDEX orders_seller ON orders(seller_id, state);"
	"CREATE INDEX orders_product ON orders(product_id, state);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  order_id INTEGER,"
	"  product_id INTEGER,"
	"  what TEXT NOT NULL,"		/* state, stock, price, active */
	"  from_val TEXT,"
	"  to_val TEXT,"
	"  by TEXT NOT NULL,"			/* E.164 or 'timer' */
	"  at_s INTEGER NOT NULL"
	");"
	"CREATE INDEX audit_order ON audit(order_id) WHERE order_id IS NOT NULL;";

/* v3: USSD sessions (store/ussd.h): position and answers per session, kept
 * after a drop so that redialling can continue. */
static const char schema_v3_ussd[] =
	"CREATE TABLE ussd_session ("
	"  key TEXT PRIMARY KEY,"		/* link/sid/number or http/id */
	"  msisdn TEXT NOT NULL,"
	"  gen INTEGER NOT NULL,"		/* menu set generation */
	"  status INTEGER NOT NULL,"		/* 0 open, 1 dropped, 2 offer */
	"  seq INTEGER NOT NULL DEFAULT 0,"
	"  text_len INTEGER NOT NULL DEFAULT 0,"
	"  updated_ms INTEGER NOT NULL,"
	"  state BLOB NOT NULL"
	") WITHOUT ROWID;"
	"CREATE INDEX ussd_session_msisdn ON ussd_session(msisdn, updated_ms);"
	"CREATE INDEX ussd_session_updated ON ussd_session(updated_ms);";

/* v4: small named values the store keeps for itself (the tag key). */
static const char schema_v4_meta[] =
	"CREATE TABLE meta ("
	"  k TEXT PRIMARY KEY,"
	"  v BLOB NOT NULL"
	") WITHOUT ROWID;";

/* v5: two indexes no query used, each rewritten on every change of their
 * rows: orders(product_id, state) on every order state change, and
 * outbox(message_id) beside outbox_part, which receipts look up. Together
 * a sixth of the WAL pages of a busy group commit. */
static const char schema_v5_lean[] =
	"DROP INDEX IF EXISTS orders_product;"
	"DROP INDEX IF EXISTS outbox_msgid;";

/* v6: fewer pages a busy commit writes. The repeat window keeps no copy of
 * the reply but the id of its outbox row (rows carried over from v4 have
 * none: their repeat is answered by the note alone), and is pruned by
 * at_ms through an index instead of a full scan; orders by seller are
 * indexed by seller alone, so a state change no longer moves the entry
 * (PESANAN reads the seller's orders and filters the state). */
static const char schema_v6_lean[] =
	"CREATE TABLE recent_v6 ("
	"  src TEXT NOT NULL,"
	"  command TEXT NOT NULL,"
	"  at_ms INTEGER NOT NULL,"
	"  inbox_id INTEGER NOT NULL,"
	"  reply_id INTEGER,"		/* outbox row of the reply */
	"  PRIMARY KEY (src, command)"
	") WITHOUT ROWID;"
	"INSERT INTO recent_v6 SELECT src, command, at_ms, inbox_id, NULL"
	"  FROM recent;"
	"DROP TABLE recent;"
	"ALTER TABLE recent_v6 RENAME TO recent;"
	"CREATE INDEX recent_at ON recent(at_ms);"
	"DROP INDEX orders_seller;"
	"CREATE INDEX orders_seller ON orders(seller_id);";

/* v7: the repeat window holds one row per number: its most recent
 * state-changing command (a repeat is only an identical copy of that one,
 * so any other command in between ends the window), plus in earlier the
 * hashes of the few commands before it, newest first, which only answer
 * an SMSC redelivering them after a reconnect (msg.h). A number's latest
 * v6 row is carried over; its older rows and their hashes are not. */
static const char schema_v7_recent[] =
	"CREATE TABLE recent_v7 ("
	"  src TEXT PRIMARY KEY,"
	"  command TEXT NOT NULL,"		/* '' after a refused command */
	"  hash INTEGER,"			/* of command; NULL: none kept */
	"  at_ms INTEGER NOT NULL,"
	"  inbox_id INTEGER NOT NULL,"
	"  reply_id INTEGER,"		/* outbox row of the reply */
	"  earlier TEXT NOT NULL DEFAULT ''"	/* "hash at_ms inbox reply;"... */
	") WITHOUT ROWID;"
	"INSERT OR REPLACE INTO recent_v7(src, command, at_ms, inbox_id,"
	"  reply_id) SELECT src, command, at_ms, inbox_id, reply_id FROM recent"
	"  ORDER BY at_ms, inbox_id;"
	"DROP TABLE recent;"
	"ALTER TABLE recent_v7 RENAME TO recent;"
	"CREATE INDEX recent_at ON recent(at_ms);";

/* v8: CARI's word index (store/search.c, commerce/search.h) in place of the
 * trigram FTS: a vocabulary with product counts and one posting per word
 * and listed product (active, stock left), read in (name length, id)
 * order, also by place, each with a signature of the name's words (a
 * product lacking another query word is passed over unread). Products keep the place (today the seller's
 * village, lower-case) they were listed in. The postings are written by
 * TEMP triggers of each writing connection, and built once on the next
 * open (meta 'search_index'). */
static const char schema_v8_search[] =
	"CREATE TABLE search_vocab ("
	"  id INTEGER PRIMARY KEY,"
	"  word TEXT NOT NULL UNIQUE,"
	"  n INTEGER NOT NULL DEFAULT 0"	/* listed products with it */
	");"
	"CREATE TABLE search_post ("
	"  wid INTEGER NOT NULL,"		/* search_vocab.id */
	"  nlen INTEGER NOT NULL,"		/* length of the name, bytes */
	"  pid INTEGER NOT NULL,"		/* products.id */
	"  place TEXT NOT NULL,"
	"  sig INTEGER NOT NULL,"		/* the name's word signature */
	"  PRIMARY KEY (wid, nlen, pid)"
	") WITHOUT ROWID;"
	"CREATE INDEX search_post_place ON search_post(place, wid, nlen, pid,"
	"  sig);"
	"ALTER TABLE products ADD COLUMN place TEXT NOT NULL DEFAULT '';"
	"UPDATE products SET place = coalesce((SELECT lower(trim(village))"
	"  FROM sellers WHERE sellers.id = products.seller_id), '');"
	"DROP TRIGGER IF EXISTS products_fts_ins;"
	"DROP TRIGGER IF EXISTS products_fts_upd;"
	"DROP TABLE IF EXISTS product_fts;"
	"DELETE FROM meta WHERE k = 'search_index';";

/* v9: the programme layer (programme.md sections 1-3).
 * - places: the Ministry of Home Affairs' administrative places (lapakctl
 *   places load); level 1 province .. 4 village; key is the name folded for
 *   matching (lower case, letters and digits only); replaced_by moves what
 *   used a split or merged place.
 * - sellers.place: the seller's village code ('' = unplaced: the typed
 *   village text stays in sellers.village); place_choice: a DAFTAR that
 *   matched several villages, waiting for DESA <n>.
 * - products.place keeps the seller's place at listing time: the village
 *   code when placed, else the folded village text as v8 did; orders.place
 *   the seller's village code when the order was made ('' = unplaced).
 * - products.weight_g (BERAT; NULL: not given) and products.delisted_s
 *   (the time of HAPUS, for "not counting those delisted within 24 h").
 * - agents (digital assistants) enrolled by an operator, their links to
 *   sellers (by number: a seller may register after consenting), consent
 *   requests with sealed codes, and what they did through UNTUK
 *   (agent_actions, one row per command run on a seller's behalf); audit
 *   rows name the assistant in via. */
static const char schema_v9_programme[] =
	"CREATE TABLE places ("
	"  code TEXT PRIMARY KEY,"		/* '33.20.05.2004' */
	"  name TEXT NOT NULL,"
	"  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),"
	"  parent TEXT,"			/* code; NULL for a province */
	"  replaced_by TEXT,"			/* code, NULL = current */
	"  key TEXT NOT NULL"			/* name folded for matching */
	") WITHOUT ROWID;"
	"CREATE INDEX places_parent ON places(parent, level);"
	"CREATE INDEX places_key ON places(key, level);"
	"ALTER TABLE sellers ADD COLUMN place TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX sellers_place ON sellers(place);"
	"CREATE TABLE place_choice ("
	"  msisdn TEXT PRIMARY KEY,"
	"  codes TEXT NOT NULL,"		/* 'code,code,code' as listed */
	"  expires_s INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"ALTER TABLE products ADD COLUMN weight_g INTEGER;"
	"ALTER TABLE products ADD COLUMN delisted_s INTEGER;"
	"ALTER TABLE orders ADD COLUMN place TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE audit ADD COLUMN via TEXT;"	/* assistant, UNTUK */
	"CREATE TABLE agents ("
	"  msisdn TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  place TEXT NOT NULL DEFAULT '',"	/* code given at enrolment */
	"  pin_hash TEXT,"			/* when not a seller too */
	"  pin_fails INTEGER NOT NULL DEFAULT 0,"
	"  pin_locked_until INTEGER NOT NULL DEFAULT 0,"
	"  created_s INTEGER NOT NULL,"
	"  removed_s INTEGER"			/* NULL: enrolled */
	") WITHOUT ROWID;"
	"CREATE TABLE agent_links ("
	"  id INTEGER PRIMARY KEY,"
	"  agent TEXT NOT NULL,"
	"  seller TEXT NOT NULL,"		/* the seller's number */
	"  created_s INTEGER NOT NULL,"
	"  ended_s INTEGER,"			/* NULL: linked now */
	"  ended_by TEXT"			/* seller, operator */
	");"
	"CREATE INDEX agent_links_agent ON agent_links(agent, ended_s);"
	"CREATE INDEX agent_links_seller ON agent_links(seller, ended_s);"
	"CREATE TABLE consent_requests ("
	"  id INTEGER PRIMARY KEY,"
	"  agent TEXT NOT NULL,"
	"  msisdn TEXT NOT NULL,"		/* the number asked */
	"  code_hash BLOB,"			/* sealed; NULL once answered */
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  state TEXT NOT NULL CHECK (state IN ('pending', 'accepted',"
	"    'refused', 'expired', 'void')),"
	"  created_s INTEGER NOT NULL,"
	"  expires_s INTEGER NOT NULL,"
	"  answered_s INTEGER"
	");"
	"CREATE INDEX consent_msisdn ON consent_requests(msisdn, state);"
	"CREATE INDEX consent_agent ON consent_requests(agent, created_s);"
	"CREATE TABLE agent_actions ("
	"  id INTEGER PRIMARY KEY,"
	"  agent TEXT NOT NULL,"
	"  seller TEXT NOT NULL,"
	"  verb TEXT NOT NULL,"		/* 'JUAL' */
	"  at_s INTEGER NOT NULL"
	");"
	"CREATE INDEX agent_actions_agent ON agent_actions(agent, at_s);";

/* v10: places.rkey, the folded name reversed (commerce_place_rkey), indexed, so that
 * DAFTAR's typo candidates are found by a name's last letters as well as
 * by its first (places.key) without reading every village. */
static const char schema_places_rkey[] =
	"ALTER TABLE places ADD COLUMN rkey TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX places_rkey ON places(rkey, level);";

/* v11 (issue 12, reports): stock changes by product and time, for the
 * reports' updates column (store/report.c): one entry per STOK only, so
 * orders' state audit rows, the bulk of the table, never touch it. */
static const char schema_v11_report[] =
	"CREATE INDEX audit_stock ON audit(product_id, at_s) "
	"WHERE what = 'stock';";

/* v12 (issue 13): couriers, payment records, privacy and promotions
 * (programme.md sections 4-6).
 * - orders gains the states 'assigned' (a courier holds the job, not yet
 *   picked up) and 'returned' (delivery failed, stock back): SQLite cannot
 *   change a CHECK, so the table is rebuilt with every v2/v9 column kept.
 *   New columns: courier (the assigned courier's number, NULL none), fee_rp
 *   (the courier's fee, fixed at assignment), assigned_at, returned_at,
 *   drop_hash/drop_attempts (the buyer's sealed delivery code, NULL once
 *   used), paid_method/paid_ref/paid_at (LUNAS; NULL method: cash on
 *   delivery, nothing recorded). expires_at also times 'assigned'
 *   (couriers.pickup_timeout) and 'shipped' (orders.deliver_timeout).
 * - couriers enrolled by an operator; courier_jobs one row per assignment
 *   with how it ended ('delivered', 'failed', 'given_back', 'timeout',
 *   'unassigned'; NULL open), for PESANAN and report --by courier.
 * - number_marks: what must outlive an erasure to stop abuse, keyed by the
 *   store's keyed tag of the number (store/tag.h), never the number:
 *   'failed' (a failed delivery, counted against a buyer for 90 days),
 *   'block' (operator block), 'declined' (a refused assistant's consent).
 * - consent: sellers.consent_s (DAFTAR's privacy line), numbers.consent_s
 *   (a buyer's first order reply); erase_requests: HAPUS DATA waiting for
 *   its code.
 * - promotions: numbers.promo_paused_s (BERHENTI; NULL: not paused),
 *   subscriptions (LANGGANAN: a place code or a keyword; seen_pid the last
 *   product a digest covered), promo_sent (the local day a number last had
 *   a promotion or announcement), broadcasts and broadcast_to (every
 *   recipient fixed when the broadcast is made; sent_s set in the same
 *   transaction as its outbox row, so a restart sends nobody a second
 *   copy), outbox.lane (0 replies and notifications, 1 promotions). */
static const char schema_v12_village_order[] =
	"CREATE TABLE orders_v12 ("
	"  id INTEGER PRIMARY KEY,"
	"  buyer TEXT NOT NULL,"
	"  seller_id INTEGER NOT NULL REFERENCES sellers(id),"
	"  product_id INTEGER NOT NULL REFERENCES products(id),"
	"  qty INTEGER NOT NULL CHECK (qty BETWEEN 1 AND 1000000),"
	"  unit_price_rp INTEGER NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed',"
	"    'accepted', 'assigned', 'shipped', 'delivered', 'cancelled',"
	"    'rejected', 'expired', 'returned')),"
	"  code_hash BLOB,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER,"
	"  confirmed_at INTEGER,"
	"  accepted_at INTEGER,"
	"  shipped_at INTEGER,"
	"  delivered_at INTEGER,"
	"  closed_at INTEGER,"
	"  place TEXT NOT NULL DEFAULT '',"
	"  courier TEXT,"
	"  fee_rp INTEGER NOT NULL DEFAULT 0,"
	"  assigned_at INTEGER,"
	"  returned_at INTEGER,"
	"  drop_hash BLOB,"
	"  drop_attempts INTEGER NOT NULL DEFAULT 0,"
	"  paid_method TEXT,"
	"  paid_ref TEXT NOT NULL DEFAULT '',"
	"  paid_at INTEGER"
	");"
	"INSERT INTO orders_v12(id, buyer, seller_id, product_id, qty,"
	"  unit_price_rp, note, state, code_hash, attempts, reason, created_at,"
	"  expires_at, confirmed_at, accepted_at, shipped_at, delivered_at,"
	"  closed_at, place) SELECT id, buyer, seller_id, product_id, qty,"
	"  unit_price_rp, note, state, code_hash, attempts, reason, created_at,"
	"  expires_at, confirmed_at, accepted_at, shipped_at, delivered_at,"
	"  closed_at, place FROM orders;"
	"DROP TABLE orders;"
	"ALTER TABLE orders_v12 RENAME TO orders;"
	"CREATE INDEX orders_expiry ON orders(expires_at)"
	"  WHERE expires_at IS NOT NULL;"
	"CREATE INDEX orders_buyer ON orders(buyer, state);"
	"CREATE INDEX orders_seller ON orders(seller_id);"
	"CREATE INDEX orders_courier ON orders(courier, state)"
	"  WHERE courier IS NOT NULL;"
	"CREATE TABLE couriers ("
	"  msisdn TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  place TEXT NOT NULL DEFAULT '',"	/* code given at enrolment */
	"  fee_rp INTEGER NOT NULL DEFAULT 0 CHECK (fee_rp >= 0),"
	"  on_duty INTEGER NOT NULL DEFAULT 1,"	/* SIAP 1, LIBUR 0 */
	"  created_s INTEGER NOT NULL,"
	"  removed_s INTEGER"			/* NULL: enrolled */
	") WITHOUT ROWID;"
	"CREATE INDEX couriers_place ON couriers(place);"
	"CREATE TABLE courier_jobs ("
	"  id INTEGER PRIMARY KEY,"
	"  order_id INTEGER NOT NULL,"
	"  courier TEXT NOT NULL,"
	"  fee_rp INTEGER NOT NULL DEFAULT 0,"
	"  assigned_s INTEGER NOT NULL,"
	"  picked_s INTEGER,"
	"  ended_s INTEGER,"			/* NULL: open */
	"  outcome TEXT"			/* see above; NULL open */
	");"
	"CREATE INDEX courier_jobs_courier ON courier_jobs(courier, ended_s);"
	"CREATE INDEX courier_jobs_order ON courier_jobs(order_id);"
	"CREATE TABLE number_marks ("
	"  id INTEGER PRIMARY KEY,"
	"  tag TEXT NOT NULL,"			/* store_tag() of the number */
	"  kind TEXT NOT NULL CHECK (kind IN ('failed', 'block',"
	"    'declined')),"
	"  order_id INTEGER,"
	"  at_s INTEGER NOT NULL"
	");"
	"CREATE INDEX number_marks_tag ON number_marks(tag, kind, at_s);"
	"ALTER TABLE sellers ADD COLUMN consent_s INTEGER;"
	"ALTER TABLE numbers ADD COLUMN consent_s INTEGER;"
	"ALTER TABLE numbers ADD COLUMN promo_paused_s INTEGER;"
	"CREATE TABLE erase_requests ("
	"  msisdn TEXT PRIMARY KEY,"
	"  code_hash BLOB NOT NULL,"		/* sealed */
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  expires_s INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE subscriptions ("
	"  id INTEGER PRIMARY KEY,"
	"  msisdn TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('place', 'word')),"
	"  value TEXT NOT NULL,"		/* place code, or folded word */
	"  label TEXT NOT NULL DEFAULT '',"	/* as shown: place name, word */
	"  created_s INTEGER NOT NULL,"
	"  seen_pid INTEGER NOT NULL DEFAULT 0"	/* digest high-water mark */
	");"
	"CREATE INDEX subscriptions_msisdn ON subscriptions(msisdn);"
	"CREATE INDEX subscriptions_value ON subscriptions(kind, value);"
	"CREATE TABLE promo_sent ("
	"  msisdn TEXT PRIMARY KEY,"
	"  day INTEGER NOT NULL"		/* local day: days since epoch */
	") WITHOUT ROWID;"
	"CREATE TABLE broadcasts ("
	"  id INTEGER PRIMARY KEY,"
	"  audience TEXT NOT NULL CHECK (audience IN ('subscribers',"
	"    'sellers', 'agents')),"
	"  place TEXT NOT NULL DEFAULT '',"
	"  keyword TEXT NOT NULL DEFAULT '',"
	"  text TEXT NOT NULL,"
	"  created_s INTEGER NOT NULL,"
	"  done_s INTEGER"			/* NULL: still sending */
	");"
	"CREATE TABLE broadcast_to ("
	"  broadcast_id INTEGER NOT NULL,"
	"  msisdn TEXT NOT NULL,"
	"  sent_s INTEGER,"			/* NULL: not yet queued */
	"  PRIMARY KEY (broadcast_id, msisdn)"
	") WITHOUT ROWID;"
	"CREATE INDEX broadcast_to_unsent ON broadcast_to(broadcast_id)"
	"  WHERE sent_s IS NULL;"
	"ALTER TABLE outbox ADD COLUMN lane INTEGER NOT NULL DEFAULT 0;";

/* v13 (issue 13, privacy; programme.md section 6): sellers.erased_s, the
 * time a seller's data was erased (HAPUS DATA, lapakctl privacy erase):
 * the row stays, anonymous (a random pseudonym for the number, no shop,
 * village text or PIN), so reports keep their counts; sellers_total
 * leaves it out. erase_requests gains done_s and pseudonym: once the
 * erasure is done the row waits (number and pseudonym) until the reply to
 * HAPUS DATA has left, then store/privacy.c redacts the messages written
 * around it (the MO, its reply, the repeat window, the route) and drops
 * the row. */
static const char schema_v13_privacy[] =
	"ALTER TABLE sellers ADD COLUMN erased_s INTEGER;"
	"ALTER TABLE erase_requests ADD COLUMN done_s INTEGER;"
	"ALTER TABLE erase_requests ADD COLUMN pseudonym TEXT;";

/* v14 (issue 14, web: officer accounts): the programme officers who log
 * in to lapak-web's dashboard (lapakctl web-user). place is the places
 * code they see (it and below); pw_hash is crypto_pwhash_str's Argon2id
 * string ("$argon2id$..."), never the password; changed_s the last time
 * the password was set. lapak-web only reads this table. */
static const char schema_v14_web_users[] =
	"CREATE TABLE web_users ("
	"  name TEXT PRIMARY KEY,"		/* [a-z0-9._-], 1-32 */
	"  place TEXT NOT NULL,"
	"  pw_hash TEXT NOT NULL,"
	"  created_s INTEGER NOT NULL,"
	"  changed_s INTEGER NOT NULL"
	") WITHOUT ROWID;";

/* v15 (issue 15, operators): op_audit, one row per lapakctl verb that
 * changed something (the operator's Unix user, the verb, its target with
 * numbers masked, the outcome), written in the change's transaction;
 * number_marks' block reason and the time its one notice was given;
 * products.takedown, the operator's reason for a takedown; and the time a
 * USSD session started (lapakctl sessions). */
static const char schema_v15_operators[] =
	"CREATE TABLE op_audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at_s INTEGER NOT NULL,"
	"  user TEXT NOT NULL,"			/* "root (sudo: ana)" */
	"  verb TEXT NOT NULL,"			/* "block", "outbox retry" */
	"  target TEXT NOT NULL DEFAULT '',"	/* masked number, code, file */
	"  outcome TEXT NOT NULL,"		/* "ok", "refused", "failed" */
	"  detail TEXT NOT NULL DEFAULT ''"
	");"
	"ALTER TABLE number_marks ADD COLUMN reason TEXT;"
	"ALTER TABLE number_marks ADD COLUMN noticed_s INTEGER;"
	"ALTER TABLE products ADD COLUMN takedown TEXT;"
	"ALTER TABLE ussd_session ADD COLUMN started_ms INTEGER;";

/* v16 (issue 14, web: catalogue indexes): a village's shops page counts
 * each shop's listed products (store/catalogue.c q_shops: sellers by
 * place, then products by seller with active = 1), and a shop page lists
 * its active products by id. products_seller (seller_id, id) makes each
 * of those products a table row read for its active flag (~600 random
 * rows for a village of 100k products); with active in the index both
 * are answered from the index alone (1.6 ms -> 0.5 ms CPU a village
 * page, docs/PERFORMANCE.md). */
static const char schema_v16_web_catalogue[] =
	"CREATE INDEX products_seller_active ON products(seller_id, active);";

const struct store_migration store_migrations[] = {
	{ 1, "messages", schema_v1_messages },
	{ 2, "commerce", schema_v2_commerce },
	{ 3, "ussd", schema_v3_ussd },
	{ 4, "meta", schema_v4_meta },
	{ 5, "lean indexes", schema_v5_lean },
	{ 6, "lean repeat window", schema_v6_lean },
	{ 7, "repeat window per number", schema_v7_recent },
	{ 8, "search word index", schema_v8_search },
	{ 9, "programme: places, assistants", schema_v9_programme },
	{ 10, "places: reversed key", schema_places_rkey },
	{ 11, "report indexes", schema_v11_report },
	{ 12, "couriers, payments, privacy, promotions",
	    schema_v12_village_order },
	{ 13, "privacy: erased sellers, erasure sweep", schema_v13_privacy },
	/* issue 14, web: officer accounts */
	{ 14, "web: officer accounts", schema_v14_web_users },
	/* issue 15, operators */
	{ 15, "operators: audit, block reason, takedown", schema_v15_operators },
	/* issue 14, web: catalogue indexes */
	{ 16, "web: catalogue indexes", schema_v16_web_catalogue },
};
const int store_nmigrations =
    (int)(sizeof(store_migrations) / sizeof(store_migrations[0]));
