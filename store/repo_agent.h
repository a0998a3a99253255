/* Assistants on the SQLite store (programme.md section 2): the repository
 * operations of commerce/repo.h for enrolment, links, consent requests and
 * actions on behalf (repo_agent.c, in repo_sqlite.c's table), and what
 * lapakctl agent does to them. */
#ifndef LAPAK_STORE_REPO_AGENT_H
#define LAPAK_STORE_REPO_AGENT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "commerce/repo.h"
#include "store/store.h"

/* Repository operations (be is the struct store). */
enum repo_rc	sq_agent_get(void *be, const char *msisdn, struct agent *out);
enum repo_rc	sq_agent_set_pin(void *be, const char *msisdn,
		    const char *hash);
enum repo_rc	sq_agent_pin_fails(void *be, const char *msisdn, int fails,
		    int64_t locked_until);
enum repo_rc	sq_link_get(void *be, const char *agent, const char *seller);
enum repo_rc	sq_link_add(void *be, const char *agent, const char *seller,
		    int64_t now_s);
enum repo_rc	sq_link_end(void *be, const char *agent, const char *seller,
		    const char *by, int64_t now_s);
enum repo_rc	sq_consent_counts(void *be, const char *agent,
		    const char *msisdn, int64_t day_start_s, int64_t now_s,
		    int64_t refused_since_s, struct consent_counts *out);
enum repo_rc	sq_consent_add(void *be, const char *agent, const char *msisdn,
		    const unsigned char *sealed, size_t sealed_len, int64_t now_s,
		    int64_t expires_s);
enum repo_rc	sq_consent_pending(void *be, const char *msisdn, int64_t now_s,
		    struct consent_pending *out, int max, int *n);
enum repo_rc	sq_consent_set(void *be, int64_t id, const char *state,
		    int attempts, int64_t now_s);
enum repo_rc	sq_agent_sellers(void *be, const char *agent,
		    int64_t month_start_s, int64_t offset,
		    struct agent_seller_line *out, int max, int *n,
		    int64_t *total);
enum repo_rc	sq_agent_action_add(void *be, const char *agent,
		    const char *seller, const char *verb, int64_t now_s);
enum repo_rc	sq_audit_via(void *be, const char *via);

/* lapakctl agent. add: enrols msisdn (again after a removal: name and
 * place replaced). remove: STORE_NOTFOUND when not enrolled; else marks it
 * removed, voids its pending consent requests and ends its live links
 * (ended_by 'operator'), the sellers of
 * which go to fn(arg, seller) (called inside the caller's transaction).
 * list: fn(arg, row) per enrolled assistant, by number. */
struct store_agent_row {
	char	msisdn[16];
	char	name[64];
	char	place[32];
	int64_t	created_s;
	int64_t	sellers;		/* linked now */
};
enum store_rc	store_agent_add(struct store *st, const char *msisdn,
		    const char *name, const char *place, int64_t now_s);
enum store_rc	store_agent_remove(struct store *st, const char *msisdn,
		    int64_t now_s, void (*fn)(void *arg, const char *seller),
		    void *arg);
enum store_rc	store_agent_list(struct store *st,
		    void (*fn)(void *arg, const struct store_agent_row *row),
		    void *arg);

#endif
