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

#endif
