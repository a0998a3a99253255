/* lapak-sim: a fake SMSC (SMPP 3.4 server side) with a phone console, a
 * scenario runner and a load generator. This header is the SMSC core's API
 * (smsc.c) plus the entry points of each mode. */
#ifndef SIM_SIM_H
#define SIM_SIM_H
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_NUM_LEN	24
#define SIM_TEXT_MAX	4096

enum sim_ussd_profile { SIM_USSD_DEFAULT, SIM_USSD_UMR, SIM_USSD_P2 };
enum sim_long_mode { SIM_LONG_UDH, SIM_LONG_SAR, SIM_LONG_PAYLOAD };

struct sim_opts {
	const char		*addr;
	int			 port;
	const char		*system_id;
	const char		*password;
	const char		*shortcode;
	int			 verbose;
	bool			 id_dec;	/* decimal message ids, else hex */
	bool			 id_flip;	/* receipts spell the id the other way */
	int			 receipts;	/* 1 when registered_delivery asks, 0 never */
	bool			 packed;	/* MT dcs 0 is packed 7-bit */
	enum sim_ussd_profile	 ussd;
	enum sim_long_mode	 long_mode;
	int			 window;	/* outstanding deliver_sm per link */
	int			 enquire_s;	/* idle time before our enquire_link */
	int			 resp_timeout_ms; /* deliver_sm_resp wait before redelivery */
};

/* One complete MT as the phone would show it. */
struct sim_mt {
	char		num[SIM_NUM_LEN];	/* "+62..." for TON 1 */
	char		text[SIM_TEXT_MAX];	/* reassembled, UTF-8 */
	int		segments;
	int		dcs;
	int		ussd_op;		/* -1: plain SMS */
	bool		ussd_end;		/* USSD screen closes the session */
	uint64_t	at_ms;
};

struct smsc_stats {
	uint64_t	mo_queued;
	uint64_t	mo_sent;		/* deliver_sm written (first time) */
	uint64_t	mo_acked;		/* deliver_sm_resp OK (MOs) */
	uint64_t	receipts_acked;		/* deliver_sm_resp OK (receipts) */
	uint64_t	redelivered;
	uint64_t	mt_parts;		/* submit_sm accepted */
	uint64_t	mt_full;		/* complete MTs */
	uint64_t	binds;
	uint64_t	drops;
};

struct smsc;
typedef void	smsc_mt_fn(void *arg, const struct sim_mt *mt);

/* Milliseconds, microseconds from a monotonic clock. */
uint64_t	sim_now_ms(void);
uint64_t	sim_now_us(void);

/* Listens on opts->addr:port (0 = any free port) and prints
 * "lapak-sim: listening on ADDR:PORT" on stderr. opts is borrowed for the
 * lifetime of the smsc. NULL with err filled on failure. */
struct smsc	*smsc_new(const struct sim_opts *opts, char *err, size_t len);
void		 smsc_free(struct smsc *);	/* NULL allowed */

/* Runs one loop round, blocking at most timeout_ms. When extra_fd >= 0 it is
 * polled too: returns 1 when it is readable, else 0. */
int		 smsc_step(struct smsc *, int timeout_ms, int extra_fd);

/* An ESME can both receive MO and submit MT (trx, or tx plus rx). */
bool		 smsc_bound(const struct smsc *);
void		 smsc_set_mt_cb(struct smsc *, smsc_mt_fn *fn, void *arg);

/* Queues an MO from number (leading '+' stripped on the wire) to the short
 * code, split when long. 0, or -1 with err filled. */
int		 smsc_mo(struct smsc *, const char *from, const char *text,
		    char *err, size_t len);
/* USSD: starts a session (dialled string) or answers the open one; abort
 * ends it from the user's side. */
int		 smsc_ussd(struct smsc *, const char *from, const char *text,
		    bool abort, char *err, size_t len);
bool		 smsc_ussd_open(const struct smsc *, const char *from);

/* Applies a fault spec ("drop", "silent 3", "throttle 0.2", "none", ...). */
int		 smsc_fault(struct smsc *, const char *spec, char *err, size_t len);
const char	*smsc_fault_help(void);

const struct smsc_stats *smsc_stats(const struct smsc *);
/* Overrides opts->window (deliver_sm outstanding per link). */
void		 smsc_set_window(struct smsc *, int window);
int		 smsc_window(const struct smsc *);
/* MOs not yet acknowledged (queued or in flight). */
size_t		 smsc_backlog(const struct smsc *);

/* Number comparison ignoring a leading '+'. */
bool		 sim_same_number(const char *a, const char *b);

/* Set by SIGINT/SIGTERM; every mode loop ends when it is set. */
extern volatile sig_atomic_t sim_stop;

/* Modes. Each returns the process exit code. */
int	sim_console(struct smsc *, bool serve);
int	sim_script(struct smsc *, const char *file);
int	sim_load(struct smsc *, int argc, char **argv);
/* The search benchmark (search.c): fill lists a seeded catalogue as sellers
 * would; search sends buyers' CARI (and other MOs) and prints JSON last. */
int	sim_fill(struct smsc *, int argc, char **argv);
int	sim_search(struct smsc *, int argc, char **argv);

/* The number after prefix ("P" product code, "YA " confirmation code)
 * where it starts a word in a reply; -1 when absent (load.c). */
long	sim_code_after(const char *t, const char *prefix);

#endif
