/* Programme reports (programme.md section 3): the one query layer for the
 * figures, per place, assistant, day or month, that lapakctl report, the
 * assistants' LAPORAN and lapak-web all read. Nothing else counts them. */
#ifndef LAPAK_STORE_REPORT_H
#define LAPAK_STORE_REPORT_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* How rows are grouped. By courier the columns are only group, name, jobs,
 * delivered, failed and fees_rp (report_columns). */
enum report_by {
	REPORT_BY_VILLAGE = 0,
	REPORT_BY_DISTRICT,
	REPORT_BY_REGENCY,
	REPORT_BY_AGENT,
	REPORT_BY_DAY,
	REPORT_BY_MONTH,
	REPORT_BY_COURIER,		/* couriers (programme.md section 4) */
	REPORT_BY__N
};

struct report_req {
	enum report_by	by;
	int64_t		from_s;		/* period [from_s, to_s), unix seconds */
	int64_t		to_s;
	char		place[32];	/* a places code: it and below; "" all */
};

enum report_kind {
	REPORT_ROW_GROUP = 0,
	REPORT_ROW_UNPLACED,		/* events whose place is no village code */
	REPORT_ROW_TOTAL
};

/* One row: every column of programme.md section 3 that exists so far. */
struct report_row {
	enum report_kind kind;
	char		group[40];	/* code, masked number, date, "unplaced",
					 * "total" */
	char		name[96];	/* place or assistant name */
	/* every grouping */
	int64_t		sellers_new;
	int64_t		sellers_total;
	int64_t		sellers_active;
	int64_t		products_listed;
	int64_t		updates;
	int64_t		orders_created;
	int64_t		orders_completed;
	int64_t		orders_cancelled;
	int64_t		orders_rejected;
	int64_t		orders_expired;
	int64_t		orders_returned;
	int64_t		value_completed_rp;
	int64_t		paid_rp;		/* of value_completed_rp: LUNAS
						 * with any method but TUNAI */
	int64_t		cod_rp;			/* of it: cash (TUNAI, or
						 * nothing recorded) */
	/* by assistant only */
	int64_t		sellers_linked;
	int64_t		via_agent;
	int64_t		flagged;
	/* by courier only */
	int64_t		jobs;
	int64_t		delivered;
	int64_t		failed;
	int64_t		fees_rp;
};

/* A column as CSV and JSON name it, and where it sits in the row. */
struct report_col {
	const char	*name;		/* "sellers_new" */
	size_t		 off;		/* offsetof(struct report_row, ...) */
	int		 text;		/* 1: group or name (char[]), 0: int64 */
};

/* The columns of a grouping, in order, *n of them (group, name, then the
 * figures; by agent adds sellers_linked, via_agent, flagged; by courier
 * the figures are jobs, delivered, failed, fees_rp only). */
const struct report_col *report_columns(enum report_by by, size_t *n);
/* A column's value in r (0 for a text column). */
int64_t		report_value(const struct report_row *r,
		    const struct report_col *c);
/* "village" ... "month"; by word (case-sensitive), -1 when unknown. */
const char	*report_by_name(enum report_by by);
int		 report_by_parse(const char *word);

/* Local midnight (TZ) starting the date "YYYY-MM-DD" into *out; -1 when the
 * text is not such a date (month 1-12, the day within its month, year
 * 1970-9999). */
int		report_day_start(const char *ymd, int64_t *out);
/* The local midnight days after (or before, negative) the one at day_s. */
int64_t		report_day_add(int64_t day_s, int days);
/* Local midnight starting the month that holds t_s. */
int64_t		report_month_start(int64_t t_s);

/*
 * Computes the report for rq over st (a reader, store_open_reader, or any
 * connection): *rows gets a calloc'ed array (free() it) of *n rows, the
 * groups sorted by group, then the unplaced row (place groupings only),
 * then the total row. Each query runs as its own short read transaction
 * (autocommit), never one over the whole report, so a running lapakd's WAL
 * checkpoints are not held back; figures of a report taken while lapakd
 * writes may therefore straddle a commit. A place code not in the places
 * table is refused (returns 1, err says so). 0 done, 1 refused, -1 store
 * error (err set).
 *
 * Definitions (programme.md section 3), each event in [from_s, to_s), by
 * the place kept on its row (products.place, orders.place, sellers.place:
 * a village code, else unplaced): sellers_new registered; sellers_total
 * registered before the period's end (for a day or month row: that day's
 * or month's end); sellers_active a listing, a price or stock change, or a
 * completed order; products_listed JUAL not delisted within 24 h; updates
 * price changes (price_history with an old price) and stock changes (audit
 * 'stock'); orders_* by the timestamp of the state (created_at,
 * delivered_at for completed, closed_at with the state); paid_rp and
 * cod_rp split value_completed_rp by orders.paid_method (a method but
 * TUNAI; TUNAI or NULL). By assistant: the
 * delivered_at for completed, returned_at for returned, closed_at with the
 * other states). By assistant: the
 * same over the sellers linked (agent_links, by number) at each event's
 * time, plus sellers_linked (at the period's end), via_agent (UNTUK actions)
 * and flagged (orders the assistant bought, products of linked sellers
 * delisted within 24 h), which are not counted above; the total row counts
 * each event of any linked seller once. By courier (courier_jobs, by the
 * place of the job's order): a row per courier enrolled at some time in
 * the period or holding a job in it, the group its masked number; jobs
 * assigned in the period, delivered and failed jobs ended so in it, fees_rp
 * the fees of those delivered.
 */
int		report_query(struct store *st, const struct report_req *rq,
		    struct report_row **rows, size_t *n, char *err,
		    size_t errlen);

/* The assistant's LAPORAN figures over [from_s, to_s): sellers linked at
 * to_s - 1 and links made in the period, products listed, updates, orders
 * completed and their value. 0, 1 when msisdn is not an enrolled assistant
 * (no agents row, or removed), -1 store error. */
struct report_agent {
	int64_t	linked_now;
	int64_t	linked_new;
	int64_t	products_listed;
	int64_t	updates;
	int64_t	orders_completed;
	int64_t	value_completed_rp;
};
int		report_agent(struct store *st, const char *msisdn,
		    int64_t from_s, int64_t to_s, struct report_agent *out);

#endif
