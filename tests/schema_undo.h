/* SQL that takes a store back below a schema version, for tests that
 * make an older store and open it with the current build. */
#ifndef LAPAK_TESTS_SCHEMA_UNDO_H
#define LAPAK_TESTS_SCHEMA_UNDO_H

/* The objects of schema v9 (programme: places, assistants). */
#define SCHEMA_UNDO_V9 \
	" DROP TABLE places; DROP TABLE place_choice; DROP TABLE agents;" \
	" DROP TABLE agent_links; DROP TABLE consent_requests;" \
	" DROP TABLE agent_actions; DROP INDEX sellers_place;" \
	" ALTER TABLE sellers DROP COLUMN place;" \
	" ALTER TABLE products DROP COLUMN weight_g;" \
	" ALTER TABLE products DROP COLUMN delisted_s;" \
	" ALTER TABLE orders DROP COLUMN place;" \
	" ALTER TABLE audit DROP COLUMN via;"

/* v10 (places.rkey and its index) goes with SCHEMA_UNDO_V9's DROP TABLE
 * places. */

/* The objects of schema v11 (report indexes). */
#define SCHEMA_UNDO_V11 \
	" DROP INDEX audit_stock;"

/* The objects of schema v12 (couriers, payments, privacy, promotions);
 * the orders rebuild keeps every older column, so dropping its new ones
 * leaves the v11 table (but for the wider state CHECK, which older rows
 * satisfy). */
#define SCHEMA_UNDO_V12 \
	" DROP TABLE couriers; DROP TABLE courier_jobs;" \
	" DROP TABLE number_marks; DROP TABLE erase_requests;" \
	" DROP TABLE subscriptions; DROP TABLE promo_sent;" \
	" DROP TABLE broadcasts; DROP TABLE broadcast_to;" \
	" DROP INDEX orders_courier;" \
	" ALTER TABLE orders DROP COLUMN courier;" \
	" ALTER TABLE orders DROP COLUMN fee_rp;" \
	" ALTER TABLE orders DROP COLUMN assigned_at;" \
	" ALTER TABLE orders DROP COLUMN returned_at;" \
	" ALTER TABLE orders DROP COLUMN drop_hash;" \
	" ALTER TABLE orders DROP COLUMN drop_attempts;" \
	" ALTER TABLE orders DROP COLUMN paid_method;" \
	" ALTER TABLE orders DROP COLUMN paid_ref;" \
	" ALTER TABLE orders DROP COLUMN paid_at;" \
	" ALTER TABLE sellers DROP COLUMN consent_s;" \
	" ALTER TABLE numbers DROP COLUMN consent_s;" \
	" ALTER TABLE numbers DROP COLUMN promo_paused_s;" \
	" ALTER TABLE outbox DROP COLUMN lane;"

/* The objects of schema v13 (privacy). */
#define SCHEMA_UNDO_V13 \
	" ALTER TABLE sellers DROP COLUMN erased_s;" \
	" ALTER TABLE erase_requests DROP COLUMN done_s;" \
	" ALTER TABLE erase_requests DROP COLUMN pseudonym;"

/* issue 14, web: the objects of schema v14 (officer accounts). */
#define SCHEMA_UNDO_V14 \
	" DROP TABLE web_users;"

/* The objects of schema v15 (issue 15, operators). */
#define SCHEMA_UNDO_V15 \
	" DROP TABLE op_audit;" \
	" ALTER TABLE number_marks DROP COLUMN reason;" \
	" ALTER TABLE number_marks DROP COLUMN noticed_s;" \
	" ALTER TABLE products DROP COLUMN takedown;" \
	" ALTER TABLE ussd_session DROP COLUMN started_ms;"

/* issue 14, web: the objects of schema v16 (catalogue indexes). */
#define SCHEMA_UNDO_V16 \
	" DROP INDEX products_seller_active;"

#endif
