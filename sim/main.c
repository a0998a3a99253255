/* lapak-sim: command line, signals, and mode dispatch. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "sim/sim.h"

volatile sig_atomic_t	sim_stop;

static void
on_signal(int sig)
{
	(void)sig;
	sim_stop = 1;
}

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: lapak-sim [-p port] [-a addr] [-u system_id] [-w password]\n"
"                 [-c shortcode] [-i hex|dec|hex-dec|dec-hex] [-R on|off] [-7 unpacked|packed]\n"
"                 [-U default|umr|p2] [-L udh|sar|payload] [-W window] [-v]\n"
"                 [console | serve | script FILE | load [load options]]\n"
"\n"
"An SMSC simulator speaking SMPP 3.4 on loopback; lapakd connects to it.\n"
"  -p port      listen port (default 2775; 0 = any free port, printed)\n"
"  -a addr      listen address (default 127.0.0.1)\n"
"  -u, -w       system_id and password the ESME must bind with (lapak/secret)\n"
"  -c code      short code MOs are sent to (default 1234)\n"
"  -i STYLE     message_id in submit_sm_resp: hex (default) or dec; hex-dec or\n"
"               dec-hex: the receipt spells the same id the other way\n"
"  -R on|off    delivery receipts when registered_delivery asks (default on)\n"
"  -7 packed    decode MT data_coding 0 as packed 7-bit (default unpacked)\n"
"  -U profile   USSD operator profile: default (its_session_info), umr\n"
"               (user_message_reference, abort op 0x81), p2 (service_type P2)\n"
"  -L mode      long MO as udh (default), sar TLVs, or one message_payload\n"
"  -W n         deliver_sm outstanding per link (default 10)\n"
"  -v           log links, binds and faults on stderr\n"
"modes:\n"
"  console      type as a phone: '+6281200000001 JUAL Keripik 15rb 20';\n"
"               /help lists the commands (default mode)\n"
"  serve        be an SMSC only; each MT is printed on stdout, one line;\n"
"               console commands are read from stdin when it is not a tty\n"
"  script FILE  run a scenario; exit 0 when every expectation passes\n"
"  load -n PHONES -r RATE -d SECONDS [-W window] [--mix sms|commerce|ussd]\n"
"               benchmark; prints one JSON line last\n"
"  fill -N PRODUCTS [-P PER_SELLER] [--seed N]\n"
"               lists a seeded catalogue over SMPP (DAFTAR, JUAL ...); JSON last\n"
"  search --products N -r CARI_PER_S -d SECONDS [--other-rate MO_PER_S]\n"
"               buyers' CARI (typos included) on a filled store; JSON last\n"
"See docs/SIM.md.\n");
}

int
main(int argc, char **argv)
{
	struct sim_opts	 o;
	struct smsc	*s;
	struct sigaction sa;
	char		 err[256];
	const char	*mode;
	int		 ch, rc;
	bool		 bench;

	memset(&o, 0, sizeof(o));
	o.addr = "127.0.0.1";
	o.port = 2775;
	o.system_id = "lapak";
	o.password = "secret";
	o.shortcode = "1234";
	o.receipts = 1;
	o.window = 10;
	o.enquire_s = 30;
	o.resp_timeout_ms = 5000;
	log_init(LOG_LVL_INFO, "lapak-sim");
	/* UTF-8 regexes: case folding beyond ASCII in expect. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		(void)setlocale(LC_CTYPE, "");
	while ((ch = getopt(argc, argv, "+p:a:u:w:c:i:R:7:U:L:W:vh")) != -1) {
		switch (ch) {
		case 'p':
			o.port = atoi(optarg);
			break;
		case 'a':
			o.addr = optarg;
			break;
		case 'u':
			o.system_id = optarg;
			break;
		case 'w':
			o.password = optarg;
			break;
		case 'c':
			o.shortcode = optarg;
			break;
		case 'i':
			/* hex-dec: hex in submit_sm_resp, decimal in the
			 * receipt (both occur in the field), dec-hex alike. */
			o.id_dec = strncmp(optarg, "dec", 3) == 0;
			o.id_flip = strchr(optarg, '-') != NULL;
			break;
		case 'R':
			o.receipts = strcmp(optarg, "off") != 0;
			break;
		case '7':
			o.packed = strcmp(optarg, "packed") == 0;
			break;
		case 'U':
			if (strcmp(optarg, "umr") == 0)
				o.ussd = SIM_USSD_UMR;
			else if (strcmp(optarg, "p2") == 0)
				o.ussd = SIM_USSD_P2;
			else if (strcmp(optarg, "default") == 0)
				o.ussd = SIM_USSD_DEFAULT;
			else {
				fprintf(stderr, "lapak-sim: unknown USSD "
				    "profile %s\n", optarg);
				return 2;
			}
			break;
		case 'L':
			o.long_mode = strcmp(optarg, "sar") == 0 ? SIM_LONG_SAR :
			    strcmp(optarg, "payload") == 0 ? SIM_LONG_PAYLOAD :
			    SIM_LONG_UDH;
			break;
		case 'W':
			o.window = atoi(optarg);
			break;
		case 'v':
			o.verbose++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	mode = argc > 0 ? argv[0] : "console";
	if (o.port < 0 || o.port > 65535 || o.window < 1) {
		fprintf(stderr, "lapak-sim: bad port or window\n");
		return 2;
	}
	if (strcmp(mode, "script") == 0 && argc < 2) {
		fprintf(stderr, "lapak-sim: script needs a FILE\n");
		return 2;
	}
	if (strcmp(mode, "console") != 0 && strcmp(mode, "serve") != 0 &&
	    strcmp(mode, "script") != 0 && strcmp(mode, "load") != 0 &&
	    strcmp(mode, "fill") != 0 && strcmp(mode, "search") != 0) {
		fprintf(stderr, "lapak-sim: unknown mode %s\n", mode);
		usage(stderr);
		return 2;
	}
	bench = strcmp(mode, "load") == 0 || strcmp(mode, "fill") == 0 ||
	    strcmp(mode, "search") == 0;
	if (bench && o.window == 10)
		o.window = 64;
	/* A search benchmark overloads lapakd on purpose: a late
	 * deliver_sm_resp is measured, not redelivered as a lost one. */
	if (strcmp(mode, "fill") == 0 || strcmp(mode, "search") == 0)
		o.resp_timeout_ms = 60000;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);

	s = smsc_new(&o, err, sizeof(err));
	if (s == NULL) {
		fprintf(stderr, "lapak-sim: %s\n", err);
		return 3;
	}
	if (strcmp(mode, "script") == 0)
		rc = sim_script(s, argv[1]);
	else if (strcmp(mode, "load") == 0)
		rc = sim_load(s, argc, argv);
	else if (strcmp(mode, "fill") == 0)
		rc = sim_fill(s, argc, argv);
	else if (strcmp(mode, "search") == 0)
		rc = sim_search(s, argc, argv);
	else
		rc = sim_console(s, strcmp(mode, "serve") == 0);
	smsc_free(s);
	return rc;
}
