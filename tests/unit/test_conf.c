/* conf_load: good files give the documented values and defaults; each bad
 * fixture (tests/conf/bad-*.cfg) gives "file:line: key: ..." for its rule. */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/conf.h"
#include "tests/t.h"

static char	tmpdir[256];	/* realpath of the scratch folder */
static char	made[64][PATH_MAX];	/* files to remove at the end */
static int	nmade;

/* Copies text to tmpdir/name with mode; returns the path (static per call). */
static const char *
put_file(const char *name, const char *text, mode_t mode)
{
	static char	 path[8][PATH_MAX];
	static int	 slot;
	char		*p = path[slot++ % 8];
	FILE		*fp;

	snprintf(p, PATH_MAX, "%s/%s", tmpdir, name);
	if ((fp = fopen(p, "w")) == NULL) {
		fprintf(stderr, "%s: %s\n", p, strerror(errno));
		exit(2);
	}
	fputs(text, fp);
	fclose(fp);
	if (chmod(p, mode) == -1) {
		fprintf(stderr, "chmod %s: %s\n", p, strerror(errno));
		exit(2);
	}
	if (nmade < 64)
		snprintf(made[nmade++], PATH_MAX, "%s", p);
	return p;
}

/* Reads a shipped file (relative to the source tree) into a heap string. */
static char *
slurp(const char *rel)
{
	char	 path[PATH_MAX], *buf;
	FILE	*fp;
	long	 n;

	snprintf(path, sizeof(path), "%s/%s", conf_datadir(), rel);
	if ((fp = fopen(path, "r")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(2);
	}
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, fp) != (size_t)n)
		exit(2);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Copies a shipped file into tmpdir with mode 0600 (git keeps 0644). */
static const char *
put_shipped(const char *rel, const char *name)
{
	char		*text = slurp(rel);
	const char	*p = put_file(name, text, 0600);

	free(text);
	return p;
}

static struct conf	cfg;	/* large: keep it off the stack */
static char		err[4096];

static void
test_defaults(void)
{
	struct conf_smsc	sc;
	char			menus[PATH_MAX];

	conf_defaults(&cfg);
	CHECK_INT(cfg.nsmsc, 0);
	CHECK_STR(cfg.store_path, "lapak.db");
	CHECK(cfg.store_durable);
	CHECK_INT(cfg.confirm_timeout_s, 1800);
	CHECK_INT(cfg.accept_timeout_s, 86400);
	CHECK_INT(cfg.max_pending, 3);
	CHECK_INT(cfg.confirm_attempts, 3);
	CHECK_INT(cfg.mo_per_minute, 20);
	CHECK_INT(cfg.repeat_window_s, 120);
	CHECK_INT(cfg.validity_s, 3600);
	CHECK_INT(cfg.drain_ms, 5000);
	CHECK_INT(cfg.retry_max, 10);
	CHECK_INT(cfg.concat_timeout_s, 300);
	CHECK_STR(cfg.default_lang, "id");
	CHECK_STR(cfg.country_code, "62");
	CHECK_INT(cfg.nown, 0);
	CHECK_STR(cfg.ussd_service_code, "*123*45#");
	CHECK_INT(cfg.ussd_session_timeout_s, 120);
	CHECK_INT(cfg.ussd_resume_s, 300);
	CHECK(cfg.ussd_receipt_sms);
	CHECK_STR(cfg.http_listen, "");
	CHECK_STR(cfg.http_secret, "");
	CHECK_STR(cfg.http_allow, "");
	CHECK_INT(cfg.pin_opslimit, 1);
	CHECK_INT(cfg.pin_memlimit, 8192 * 1024);
	CHECK_INT(cfg.pin_max_fail, 5);
	CHECK_INT(cfg.pin_lock_s, 1800);
	snprintf(menus, sizeof(menus), "%s/menus/default.cfg", conf_datadir());
	CHECK_STR(cfg.menus_path, menus);
	snprintf(menus, sizeof(menus), "%s/menus/templates", conf_datadir());
	CHECK_STR(cfg.templates_dir, menus);
	CHECK_INT(cfg.naliases, 0);
	CHECK_STR(cfg.pin_commands, "");
	CHECK_STR(cfg.handler, "commerce");
	CHECK_INT(cfg.log_level, 2);

	conf_smsc_defaults(&sc);
	CHECK_INT(sc.port, 0);
	CHECK(!sc.bind_pair);
	CHECK_INT(sc.dest_ton, 1);
	CHECK_INT(sc.dest_npi, 1);
	CHECK(!sc.gsm_packed);
	CHECK_INT(sc.window, 10);
	CHECK_INT(sc.enquire_link_ms, 30000);
	CHECK_INT(sc.max_pdu_bytes, 65536);
	CHECK_STR(sc.ussd_profile, "default");
	CHECK_INT(sc.ussd.op_start, 1);
	CHECK_INT(sc.ussd.op_abort, -1);
}

static void
test_profiles(void)
{
	struct conf_ussd_map	m;

	CHECK_INT(conf_ussd_profile("default", &m), 0);
	CHECK_STR(m.service_type, "");
	CHECK_INT(m.op_start, 1);
	CHECK_INT(m.op_continue, 18);
	CHECK_INT(m.op_abort, -1);
	CHECK_INT(m.op_request, 2);
	CHECK_INT(m.op_response, 17);
	CHECK_INT(m.session_in, USSD_SID_ITS);
	CHECK_INT(m.data_coding, -1);
	CHECK_INT(conf_ussd_profile("umr", &m), 0);
	CHECK_INT(m.session_in, USSD_SID_UMR);
	CHECK_INT(m.op_abort, 0x81);
	CHECK_INT(conf_ussd_profile("p2", &m), 0);
	CHECK_STR(m.service_type, "P2");
	CHECK_INT(m.data_coding, 0x0F);
	CHECK_INT(m.session_in, USSD_SID_NONE);
	CHECK_INT(conf_ussd_profile("nokia", &m), -1);
	CHECK(conf_is_keyword("beli"));
	CHECK(conf_is_keyword("RECEIVED"));
	CHECK(!conf_is_keyword("TUKU"));
}

/* The two-line example of interfaces.md, anywhere on disk. */
static void
test_minimal(void)
{
	const char	*p = put_shipped("conf/lapak-min.cfg", "min.cfg");
	char		 want[PATH_MAX];

	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_STR(cfg.path, p);
	CHECK_STR(cfg.dir, tmpdir);
	CHECK_INT(cfg.nsmsc, 1);
	CHECK_STR(cfg.smsc[0].name, "smsc");
	CHECK_STR(cfg.smsc[0].host, "127.0.0.1");
	CHECK_INT(cfg.smsc[0].port, 2775);
	CHECK_STR(cfg.smsc[0].system_id, "lapak");
	CHECK_STR(cfg.smsc[0].password, "");	/* shipped without one */
	CHECK(cfg.smsc[0].default_route);
	CHECK_INT(cfg.smsc[0].window, 10);
	CHECK_INT(cfg.smsc[0].reconnect_max_ms, 60000);
	CHECK_INT(cfg.smsc[0].ussd.op_continue, 18);
	snprintf(want, sizeof(want), "%s/var/lapak.db", tmpdir);
	CHECK_STR(cfg.store_path, want);
	CHECK_INT(cfg.confirm_timeout_s, 1800);
	CHECK_INT(cfg.mo_per_minute, 20);
	CHECK_STR(cfg.http_listen, "");
	CHECK_STR(cfg.handler, "commerce");
	snprintf(want, sizeof(want), "%s/menus/default.cfg", conf_datadir());
	CHECK_STR(cfg.menus_path, want);
	CHECK_INT(conf_check_file(p, err, sizeof(err)), 0);

	/* A file with only smsc: store.path defaults next to it. */
	p = put_file("only-smsc.cfg", "smsc = { host = \"h\"; port = 1; "
	    "system_id = \"s\"; password = \"\"; };\n", 0644);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	snprintf(want, sizeof(want), "%s/lapak.db", tmpdir);
	CHECK_STR(cfg.store_path, want);
	CHECK_STR(cfg.smsc[0].password, "");

	p = put_file("mem.cfg", "smsc = { host = \"h\"; port = 1; "
	    "system_id = \"s\"; password = \"\"; };\n"
	    "store = { path = \":memory:\"; };\n", 0644);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK_STR(cfg.store_path, ":memory:");
}

/* The shipped reference: every key written out equals its default. */
static void
test_shipped_full(void)
{
	const char	*p = put_shipped("conf/lapak.cfg", "full.cfg");
	static struct conf def;
	char		 want[PATH_MAX];

	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	conf_defaults(&def);
	snprintf(want, sizeof(want), "%s/lapak.db", tmpdir);
	CHECK_STR(cfg.store_path, want);
	CHECK_INT(cfg.store_durable, def.store_durable);
	CHECK_INT(cfg.confirm_timeout_s, def.confirm_timeout_s);
	CHECK_INT(cfg.accept_timeout_s, def.accept_timeout_s);
	CHECK_INT(cfg.max_pending, def.max_pending);
	CHECK_INT(cfg.confirm_attempts, def.confirm_attempts);
	CHECK_INT(cfg.mo_per_minute, def.mo_per_minute);
	CHECK_INT(cfg.repeat_window_s, def.repeat_window_s);
	CHECK_INT(cfg.validity_s, def.validity_s);
	CHECK_INT(cfg.drain_ms, def.drain_ms);
	CHECK_INT(cfg.retry_max, def.retry_max);
	CHECK_INT(cfg.concat_timeout_s, def.concat_timeout_s);
	CHECK_STR(cfg.default_lang, def.default_lang);
	CHECK_STR(cfg.country_code, def.country_code);
	CHECK_INT(cfg.nown, 0);
	CHECK_INT(cfg.naliases, 0);
	CHECK_STR(cfg.pin_commands, "");
	CHECK_STR(cfg.ussd_service_code, def.ussd_service_code);
	CHECK_INT(cfg.ussd_session_timeout_s, def.ussd_session_timeout_s);
	CHECK_INT(cfg.ussd_resume_s, def.ussd_resume_s);
	CHECK_INT(cfg.ussd_receipt_sms, def.ussd_receipt_sms);
	CHECK_STR(cfg.http_listen, "");
	CHECK_STR(cfg.http_allow, "");
	CHECK_INT(cfg.pin_opslimit, def.pin_opslimit);
	CHECK_INT(cfg.pin_memlimit, def.pin_memlimit);
	CHECK_INT(cfg.pin_max_fail, def.pin_max_fail);
	CHECK_INT(cfg.pin_lock_s, def.pin_lock_s);
	CHECK_STR(cfg.menus_path, def.menus_path);
	CHECK_STR(cfg.templates_dir, def.templates_dir);
	CHECK_STR(cfg.handler, def.handler);
	CHECK_INT(cfg.log_level, def.log_level);
	CHECK_INT(cfg.nsmsc, 1);
	CHECK_INT(cfg.smsc[0].tps, 0);
	CHECK_INT(cfg.smsc[0].response_timeout_ms, 10000);
	CHECK_INT(cfg.smsc[0].throttle_ms, 1000);
	CHECK(cfg.smsc[0].default_route);

	/* The shipped files as git keeps them (0644) hold no secret, so
	 * they pass their own mode rule (issue 15, item 6) ... */
	p = put_shipped("conf/lapak.cfg", "full-0644.cfg");
	chmod(p, 0644);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_STR(cfg.smsc[0].password, "");
	p = put_shipped("conf/lapak-min.cfg", "min-0644.cfg");
	chmod(p, 0644);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	/* ... and the password an operator sets makes 0644 refused. */
	{
		char	*text = slurp("conf/lapak.cfg");
		char	*pw = strstr(text, "password = \"\";");
		static char set[65536];

		CHECK(pw != NULL);
		if (pw != NULL) {
			snprintf(set, sizeof(set), "%.*spassword = \"s3cret\";%s",
			    (int)(pw - text), text, pw + strlen("password = \"\";"));
			p = put_file("full-set-0644.cfg", set, 0644);
			CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), -1);
			CHECK(strstr(err, "mode 0644 lets other users read the "
			    "SMSC password; chmod 600 ") != NULL);
		}
		free(text);
	}
}

static void
test_two_smsc(void)
{
	const char	*p = put_shipped("tests/conf/good-two-smsc.cfg", "two.cfg");
	char		 want[PATH_MAX];

	/* Its default_lang "en" must be a folder of its templates "tpl". */
	snprintf(want, sizeof(want), "%s/tpl", tmpdir);
	(void)mkdir(want, 0700);
	snprintf(want, sizeof(want), "%s/tpl/en", tmpdir);
	(void)mkdir(want, 0700);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_INT(cfg.nsmsc, 2);
	CHECK_STR(cfg.smsc[0].name, "tsel");
	CHECK_STR(cfg.smsc[1].name, "isat");
	CHECK(!cfg.smsc[0].default_route);
	CHECK(cfg.smsc[1].default_route);
	CHECK(!cfg.smsc[0].bind_pair);
	CHECK(cfg.smsc[1].bind_pair);
	CHECK_INT(cfg.smsc[1].port, 2776);
	CHECK_INT(cfg.smsc[1].window, 32);
	CHECK_INT(cfg.smsc[0].window, 10);
	/* umr profile, with its abort op overridden. */
	CHECK_STR(cfg.smsc[0].ussd_profile, "umr");
	CHECK_INT(cfg.smsc[0].ussd.session_in, USSD_SID_UMR);
	CHECK_INT(cfg.smsc[0].ussd.op_abort, 0x82);
	CHECK_INT(cfg.smsc[0].ussd.op_start, 1);
	CHECK_STR(cfg.smsc[1].ussd.service_type, "P2");
	CHECK_INT(cfg.smsc[1].ussd.data_coding, 0x0F);
	CHECK_INT(cfg.smsc[1].ussd.session_in, USSD_SID_NONE);

	snprintf(want, sizeof(want), "%s/data/lapak.db", tmpdir);
	CHECK_STR(cfg.store_path, want);
	CHECK(!cfg.store_durable);
	CHECK_STR(cfg.default_lang, "en");
	CHECK_INT(cfg.nown, 2);
	CHECK_STR(cfg.own_numbers[0], "4545");
	CHECK_STR(cfg.own_numbers[1], "6281100000");
	CHECK_INT(cfg.naliases, 2);
	CHECK_STR(cfg.aliases[0].word, "TUKU");
	CHECK_STR(cfg.aliases[0].verb, "BELI");
	CHECK_STR(cfg.aliases[1].word, "TUMBAS");
	CHECK_STR(cfg.aliases[1].verb, "BELI");
	CHECK_STR(cfg.pin_commands, "HAPUS,TERIMA");
	CHECK_STR(cfg.http_listen, "127.0.0.1:8080");
	CHECK_STR(cfg.http_allow, "127.0.0.1,::1");
	CHECK_STR(cfg.menus_path, "/opt/lapak/menu.cfg");
	snprintf(want, sizeof(want), "%s/tpl", tmpdir);
	CHECK_STR(cfg.templates_dir, want);
	CHECK_INT(cfg.log_level, 3);
	CHECK_STR(cfg.handler, "echo");
}

/* Loads tests/conf/<fixture> copied at 0600; err must hold
 * "<copy>:<line>: <key>:" and, when given, the text what. */
static void
check_bad(const char *fixture, int line, const char *key, const char *what)
{
	char		 rel[128], want[PATH_MAX + 64];
	const char	*p;
	int		 rc;

	snprintf(rel, sizeof(rel), "tests/conf/%s", fixture);
	p = put_shipped(rel, fixture);
	rc = conf_load(p, &cfg, err, sizeof(err));
	CHECK_INT(rc, -1);
	snprintf(want, sizeof(want), "%s:%d: %s%s", p, line, key,
	    key[0] ? ":" : "");
	if (strstr(err, want) == NULL) {
		t_fail++;
		fprintf(stderr, "%s: want \"%s\" in:\n%s\n", fixture, want, err);
	}
	t_run++;
	if (what != NULL)
		CHECK(strstr(err, what) != NULL);
}

static void
test_bad(void)
{
	check_bad("bad-unknown-key.cfg", 4, "orders.confirm_timout",
	    "unknown key (did you mean orders.confirm_timeout?)");
	CHECK(strchr(err, '\n') == NULL);	/* exactly one error */
	check_bad("bad-wrong-type.cfg", 2, "limits.mo_per_minute",
	    "expected an integer, not a string");
	check_bad("bad-range.cfg", 6, "smsc.window", "300 not in 1..256");
	check_bad("bad-missing-port.cfg", 2, "smsc.port", "missing");
	check_bad("bad-password-long.cfg", 5, "smsc.password",
	    "longer than 8 characters");
	CHECK(strstr(err, "hunter2") == NULL);
	check_bad("bad-dup-name.cfg", 3, "smsc.name", "\"tsel\"");
	check_bad("bad-two-defaults.cfg", 5, "smsc.default_route",
	    "also line 3");
	check_bad("bad-syntax.cfg", 4, "", "syntax error");
	CHECK(strchr(err, '\n') == NULL);
	check_bad("bad-ussd-profile.cfg", 2, "smsc.ussd_profile", "\"huawei\"");
	/* Regional languages: any templates folder; jv is not shipped. */
	check_bad("bad-lang.cfg", 3, "sms.default_lang",
	    "no language \"jv\" in ");
	check_bad("bad-lang-code.cfg", 3, "sms.default_lang",
	    "2 or 3 lower-case letters");
	check_bad("bad-list-name.cfg", 2, "smsc.name", "required");
	check_bad("bad-alias.cfg", 2, "sms.aliases.TUKU", "\"NGUTANG\"");

	/* Two errors in one file: both reported, one per line, in order. */
	check_bad("bad-two-errors.cfg", 3, "ussd.session_timeout",
	    "0 not in 1..3600");
	check_bad("bad-two-errors.cfg", 6, "http.listen",
	    "expected a string, not an integer");
	CHECK(strchr(err, '\n') != NULL &&
	    strchr(strchr(err, '\n') + 1, '\n') == NULL);
	CHECK(strstr(err, "session_timeout") < strstr(err, "http.listen"));
}

/* issue 15, operators (secure by default): an HTTP listener other hosts
 * can reach needs http.secret or http.allow, or http.insecure. */
static void
test_http_exposure(void)
{
	static const char *const open_ok[] = {
		"listen = \"0.0.0.0:8080\"; secret = \"s3kret\";",
		"listen = \"0.0.0.0:8080\"; allow = [ \"10.1.2.3\" ];",
		"listen = \"10.0.0.5:8080\"; insecure = true;",
		"listen = \"127.0.0.1:8080\";",
		"listen = \"127.9.9.9:8080\";",
		"listen = \"localhost:8080\";",
		"listen = \"[::1]:8080\";",
		"listen = \"\";",
	};
	char		 text[512];
	const char	*p;
	size_t		 i;

	check_bad("bad-http-open.cfg", 4, "http.listen",
	    "\"0.0.0.0:8080\" is reachable from other hosts");
	CHECK(strstr(err, "http.secret or http.allow") != NULL);
	CHECK(strchr(err, '\n') == NULL);
	check_bad("bad-http-open6.cfg", 2, "http.listen", "[::]:8080");
	for (i = 0; i < sizeof(open_ok) / sizeof(open_ok[0]); i++) {
		snprintf(text, sizeof(text), "smsc = { host = \"h\"; port = 1; "
		    "system_id = \"s\"; password = \"p\"; };\nhttp = { %s };\n",
		    open_ok[i]);
		p = put_file("http-ok.cfg", text, 0600);
		if (conf_load(p, &cfg, err, sizeof(err)) != 0) {
			t_fail++;
			fprintf(stderr, "http: refused \"%s\": %s\n",
			    open_ok[i], err);
		}
		t_run++;
	}
	CHECK(cfg.http_insecure == false);
	CHECK(conf_http_loopback("127.0.0.1:1"));
	CHECK(conf_http_loopback("[::1]:1"));
	CHECK(conf_http_loopback("::1:1"));
	CHECK(!conf_http_loopback("0.0.0.0:1"));
	CHECK(!conf_http_loopback(":8080"));
	CHECK(!conf_http_loopback("128.0.0.1:1"));
	CHECK(!conf_http_loopback("[::]:1"));
	CHECK(!conf_http_loopback("lapak.example:1"));
}

static void
test_secret_mode(void)
{
	const char	*min = "smsc = { host = \"h\"; port = 1; "
	    "system_id = \"s\"; password = \"s3cr3t\"; };\n";
	const char	*http = "smsc = { host = \"h\"; port = 1; "
	    "system_id = \"s\"; password = \"\"; };\n"
	    "http = { listen = \"127.0.0.1:8080\"; secret = \"t0ps3cr3t\"; };\n";
	const char	*p;
	char		 want[PATH_MAX * 2 + 128];

	p = put_file("world.cfg", min, 0644);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: mode 0644 lets other users read the "
	    "SMSC password; chmod 600 %s", p, p);
	CHECK_STR(err, want);
	CHECK(strstr(err, "s3cr3t") == NULL);
	CHECK_INT(conf_check_file(p, err, sizeof(err)), -1);

	p = put_file("group.cfg", min, 0640);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), -1);
	CHECK(strstr(err, "mode 0640 lets other users read") != NULL);

	p = put_file("private.cfg", min, 0600);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK_STR(cfg.smsc[0].password, "s3cr3t");

	p = put_file("http.cfg", http, 0604);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), -1);
	CHECK(strstr(err, "read the http.secret; chmod 600") != NULL);
	CHECK(strstr(err, "t0ps3cr3t") == NULL);
	chmod(p, 0600);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK_STR(cfg.http_secret, "t0ps3cr3t");
}

static void
test_misc(void)
{
	const char	*p;
	char		 small[40];

	/* A missing file: one line naming it. */
	CHECK_INT(conf_load("/nonexistent/lapak.cfg", &cfg, err, sizeof(err)),
	    -1);
	CHECK_STR(err, "/nonexistent/lapak.cfg: No such file or directory");

	/* No smsc at all. */
	p = put_file("nosmsc.cfg", "store = { path = \"x.db\"; };\n", 0644);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), -1);
	CHECK(strstr(err, ": smsc: missing") != NULL);

	/* Several SMSCs without default_route: the first is the default. */
	p = put_file("nodef.cfg", "smsc = (\n"
	    " { name = \"a\"; host = \"h\"; port = 1; system_id = \"s\"; "
	    "password = \"\"; },\n"
	    " { name = \"b\"; host = \"h\"; port = 2; system_id = \"s\"; "
	    "password = \"\"; });\n", 0644);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK(cfg.smsc[0].default_route);
	CHECK(!cfg.smsc[1].default_route);

	/* Backoff order, system_id length, float for an int, a group as key. */
	p = put_file("misc.cfg", "smsc = { host = \"h\"; port = 1;\n"
	    " system_id = \"0123456789abcdef\"; password = \"\";\n"
	    " reconnect_min_ms = 5000; reconnect_max_ms = 100; windw = 3; };\n"
	    "pin = { memlimit_kb = 4; max_fail = 2.5; };\n"
	    "handler = { x = 1; };\n", 0644);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), -1);
	CHECK(strstr(err, "misc.cfg:2: smsc.system_id: ") != NULL);
	CHECK(strstr(err, "misc.cfg:3: smsc.reconnect_max_ms: ") != NULL);
	CHECK(strstr(err, "misc.cfg:3: smsc.windw: unknown key (did you mean "
	    "window?)") != NULL);
	CHECK(strstr(err, "misc.cfg:4: pin.memlimit_kb: 4 not in") != NULL);
	CHECK(strstr(err, "misc.cfg:4: pin.max_fail: expected an integer")
	    != NULL);
	CHECK(strstr(err, "misc.cfg:5: handler: expected a string") != NULL);

	/* A small err buffer is truncated, never overrun. */
	CHECK_INT(conf_load(p, &cfg, small, sizeof(small)), -1);
	CHECK_INT(strlen(small), sizeof(small) - 1);
	CHECK_INT(conf_load(p, &cfg, NULL, 0), -1);
}

/* issue 14, web: every web.* key checked by the table; a public listen
 * without web.allow / web.trusted_proxy refused unless overridden. */
static void
test_web(void)
{
	const char	*smsc = "smsc = { host = \"h\"; port = 1; "
	    "system_id = \"s\"; password = \"s3cr3t\"; };\n";
	char		 text[1024];
	const char	*p;

	check_bad("bad-web-keys.cfg", 4, "web.regency", "not a place code");
	check_bad("bad-web-keys.cfg", 5, "web.base_url", "https://");
	check_bad("bad-web-keys.cfg", 6, "web.allow", "prefix length");
	check_bad("bad-web-keys.cfg", 7, "web.trusted_proxy",
	    "not an IPv4 or IPv6 address");
	check_bad("bad-web-keys.cfg", 8, "web.threads", "0 not in 1..16");
	check_bad("bad-web-public.cfg", 3, "web.listen",
	    "neither web.allow nor web.trusted_proxy");
	CHECK(strchr(err, '\n') == NULL);

	snprintf(text, sizeof(text), "%sweb = { listen = \"0.0.0.0:8081\"; "
	    "allow = [ \"10.0.0.0/8\", \"192.168.1.7\" ]; "
	    "regency = \"33.18\"; title = \"Pati\"; };\n", smsc);
	p = put_file("web-allow.cfg", text, 0600);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK_STR(cfg.web_allow, "10.0.0.0/8,192.168.1.7");
	CHECK_STR(cfg.web_regency, "33.18");
	CHECK_STR(cfg.web_title, "Pati");
	CHECK_INT(cfg.web_threads, 4);
	snprintf(text, sizeof(text), "%sweb = { listen = \"0.0.0.0:8081\"; "
	    "trusted_proxy = [ \"127.0.0.1\" ]; };\n", smsc);
	p = put_file("web-proxy.cfg", text, 0600);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	snprintf(text, sizeof(text), "%sweb = { listen = \"0.0.0.0:8081\"; "
	    "public_officer_pages = true; };\n", smsc);
	p = put_file("web-public.cfg", text, 0600);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK(cfg.web_public_officer);
	snprintf(text, sizeof(text), "%sweb = { listen = \"[::1]:8081\"; };\n",
	    smsc);
	p = put_file("web-lo6.cfg", text, 0600);
	CHECK_INT(conf_load(p, &cfg, err, sizeof(err)), 0);
	CHECK_STR(cfg.web_listen, "[::1]:8081");
}

int
main(void)
{
	char	tmpl[] = "/tmp/lapak-conf-XXXXXX", *real;
	int	i;

	if (mkdtemp(tmpl) == NULL || (real = realpath(tmpl, NULL)) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(tmpdir, sizeof(tmpdir), "%s", real);
	free(real);

	test_defaults();
	test_profiles();
	test_minimal();
	test_shipped_full();
	test_two_smsc();
	test_bad();
	test_secret_mode();
	test_http_exposure();	/* issue 15, operators */
	test_misc();
	test_web();	/* issue 14, web */

	for (i = 0; i < nmade; i++)
		unlink(made[i]);
	rmdir(tmpdir);
	return T_DONE();
}
