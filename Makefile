# Lapak: one GNU Makefile, pkg-config, a static archive per module.
#   make            all programs into build/bin
#   make test       every test (unit + integration) under ASan+UBSan
#   make demo       lapakd against lapak-sim with a phone console
#   make bench      load test; prints one JSON line last
#   make bench-search  CARI on a store filled to BENCH_PRODUCTS; JSON last
#   make SANITIZE=address,undefined   sanitizer build of anything

BUILD     ?= build
SANITIZE  ?=
CC        ?= cc
PKGS      := libsmpp34 sqlite3 libconfig libsodium libmicrohttpd xlsxwriter
DATADIR   ?= $(CURDIR)

DEPS_OK := $(shell pkg-config --exists $(PKGS) && test -f /usr/include/ev.h && echo yes)
ifneq ($(DEPS_OK),yes)
$(info lapak: installing missing build dependencies (scripts/deps.sh))
$(shell sh scripts/deps.sh >&2)
endif

WARN    := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wcast-qual \
	   -Wno-format-truncation
OPT     ?= -O2 -g
override CFLAGS  += $(OPT) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	   -I. $(shell pkg-config --cflags $(PKGS)) \
	   -DLAPAK_DATADIR='"$(DATADIR)"'
override LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lev -lm
ifneq ($(SANITIZE),)
override CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
override LDFLAGS += -fsanitize=$(SANITIZE)
endif

# Module sources: every .c in the folder, minus programs' mains.
COMMON_SRC  := $(sort $(wildcard common/*.c))
CONF_SRC    := $(sort $(wildcard conf/*.c))
MENUS_SRC   := $(sort $(wildcard menus/*.c))
COMMERCE_SRC := $(sort $(wildcard commerce/*.c))
STORE_SRC   := $(sort $(wildcard store/*.c))
GATEWAY_SRC := $(sort $(filter-out gateway/main.c, \
		 $(wildcard gateway/*.c)))
SIM_SRC     := $(sort $(wildcard sim/*.c))
CTL_SRC     := $(sort $(wildcard ctl/*.c))
WEB_SRC     := $(sort $(wildcard web/*.c))
# issue 14, web: the marketplace export both lapakctl and lapak-web write
EXPORT_SRC  := $(sort $(wildcard export/*.c))

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))

LIB_COMMON  := $(BUILD)/lib/libcommon.a
LIB_CONF    := $(BUILD)/lib/libconf.a
LIB_MENUS   := $(BUILD)/lib/libmenus.a
LIB_COMMERCE := $(BUILD)/lib/libcommerce.a
LIB_STORE   := $(BUILD)/lib/libstore.a
LIB_GATEWAY := $(BUILD)/lib/libgateway.a
LIB_EXPORT  := $(BUILD)/lib/libexport.a
# Link order: dependents first. store/ implements commerce/'s repository
# and binds the core for the gateway, so it comes before commerce/.
LIBS := $(LIB_GATEWAY) $(LIB_EXPORT) $(LIB_STORE) $(LIB_COMMERCE) \
	$(LIB_MENUS) $(LIB_CONF) $(LIB_COMMON)

BINS := $(BUILD)/bin/lapakd $(BUILD)/bin/lapakctl $(BUILD)/bin/lapak-sim \
	$(BUILD)/bin/lapak-web
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: all test unit integ demo run bench bench-ussd bench-ipm bench-search fuzz depcheck clean check-deps
.PHONY: bench-report bench-promo
all: $(BINS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

define archive
$(1): $(call obj,$(2))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && ar rcs $$@ $$^
endef
$(eval $(call archive,$(LIB_COMMON),$(COMMON_SRC)))
$(eval $(call archive,$(LIB_CONF),$(CONF_SRC)))
$(eval $(call archive,$(LIB_MENUS),$(MENUS_SRC)))
$(eval $(call archive,$(LIB_COMMERCE),$(COMMERCE_SRC)))
$(eval $(call archive,$(LIB_STORE),$(STORE_SRC)))
$(eval $(call archive,$(LIB_GATEWAY),$(GATEWAY_SRC)))
$(eval $(call archive,$(LIB_EXPORT),$(EXPORT_SRC)))

$(BUILD)/bin/lapakd: $(call obj,gateway/main.c) $(LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bin/lapakctl: $(call obj,$(CTL_SRC)) $(LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# lapak-web: the read-only catalogue and dashboard (web/, docs/WEB.md).
# Its objects minus main.c form libweb.a so unit tests can link them.
LIB_WEB := $(BUILD)/lib/libweb.a
$(eval $(call archive,$(LIB_WEB),$(filter-out web/main.c,$(WEB_SRC))))
$(BUILD)/bin/lapak-web: $(call obj,web/main.c) $(LIB_WEB) $(LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The simulator shares no code with the gateway (only common/ utilities).
$(BUILD)/bin/lapak-sim: $(call obj,$(SIM_SRC)) $(LIB_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: $(call obj,tests/unit/%.c) $(LIB_WEB) $(LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Tests: sanitizer build in its own folder, then unit + integration.
test:
	$(MAKE) BUILD=build/asan SANITIZE=address,undefined OPT="-O1 -g" all-tests
	sh tests/run.sh build/asan

all-tests: $(BINS) $(UNIT_BIN)

unit: all-tests
	sh tests/run.sh $(BUILD) unit

demo run: all
	sh scripts/demo.sh $(BUILD)

bench:
	$(MAKE) BUILD=build/bench OPT="-O2 -g" all
	sh scripts/bench.sh build/bench

bench-ussd:
	$(MAKE) BUILD=build/bench OPT="-O2 -g" all
	sh scripts/bench_ussd.sh build/bench

# Instructions per MO under a fixed commerce load (perf stat), for comparing
# trees where throughput on a shared VM moves too much to tell.
bench-ipm:
	$(MAKE) BUILD=build/bench OPT="-O2 -g" all
	sh scripts/bench_ipm.sh build/bench

# CARI at regency scale: fills a store over SMPP to BENCH_PRODUCTS (100000)
# products, then max searches/s, fixed rates, and searches mixed with other
# commerce MOs (scripts/bench_search.sh lists the knobs).
bench-search:
	$(MAKE) BUILD=build/bench OPT="-O2 -g" all
	sh scripts/bench_search.sh build/bench

# issue 12, reports: lapakctl report on a store of BENCH_ORDERS (1000000)
# orders and BENCH_SELLERS (100000) sellers built by SQL; every --by over
# a month and a year, wall and CPU ms (scripts/bench_report.sh).
bench-report:
	$(MAKE) BUILD=build/bench OPT="-O2 -g" all
	sh scripts/bench_report.sh build/bench

# issue 13, promotions: tests/integ/test_promo.sh on the -O2 build at
# BENCH_PROMO_RATE (2000) commerce MO/s with an 8 s baseline (CI runs it
# under ASan at 400 MO/s inside make test); docs/PERFORMANCE.md.
bench-promo:
	$(MAKE) BUILD=build/bench OPT="-O2 -g" all
	PROMO_RATE=$${BENCH_PROMO_RATE:-2000} PROMO_BEFORE=8 \
	    sh tests/integ/test_promo.sh build/bench

depcheck:
	sh scripts/depcheck.sh

check-deps:
	sh scripts/deps.sh

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# ---- hardening: fuzzing and static analysis (tests/fuzz, scripts/) ----
#   make fuzz          every libFuzzer target for FUZZ_SECONDS (default 600)
#   make fuzz-short    20 s each, as CI does after the corpus replay
#   make static        cppcheck + clang-tidy (.clang-tidy), zero findings
.PHONY: fuzz-short static
fuzz:
	sh scripts/fuzz.sh

fuzz-short:
	FUZZ_SECONDS=20 sh scripts/fuzz.sh

static:
	sh scripts/static.sh

# ---- hardening: soak and the long kill -9 run (scripts/soak.sh, crash.sh) ----
#   make soak     SOAK_SECONDS (1200) at SOAK_RATE (300) MO/s, SMS commerce +
#                 USSD on two links; RSS, fds, DB and WAL sampled into a CSV
#   make crash    CRASH_ROUNDS (200) kill -9 of lapakd in a row under load
.PHONY: soak crash
soak:
	$(MAKE) BUILD=build/soak OPT="-O2 -g" SANITIZE= all
	sh scripts/soak.sh build/soak

crash:
	$(MAKE) BUILD=build/crash SANITIZE=address,undefined OPT="-O1 -g" all
	sh scripts/crash.sh build/crash

# ---- issue 14, web: make bench-web (scripts/bench_web.sh) ----
# bench/webload.c: the open-loop HTTP load generator (libc only; a tool of
# the benches and tests, not a shipped program, so not in BINS).
TOOLS := $(BUILD)/tools/webload
$(BUILD)/tools/webload: $(call obj,bench/webload.c)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^
all-tests: $(TOOLS)
tools: $(TOOLS)
.PHONY: tools bench-web
bench-web:
	$(MAKE) BUILD=build/bench OPT="-O2 -g" all tools
	sh scripts/bench_web.sh build/bench
# ---- issue 15, package: the Debian package (debian/, docs/OPERATORS.md) ----
#   make deb      dpkg-buildpackage -b into build/deb (lapak_VERSION_ARCH.deb,
#                 .buildinfo, .changes); the package's own build in build/pkg
.PHONY: deb
DEB_DIR := $(CURDIR)/build/deb
deb:
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)
	LAPAK_DEB_DIR=$(DEB_DIR) DEB_BUILD_OPTIONS="parallel=2 $(DEB_BUILD_OPTIONS)" \
	    dpkg-buildpackage -us -uc -b \
	    --buildinfo-option=-u$(DEB_DIR) --changes-option=-u$(DEB_DIR) \
	    --buildinfo-file=$(DEB_DIR)/lapak.buildinfo \
	    --changes-file=$(DEB_DIR)/lapak.changes
	@ls $(DEB_DIR)/*.deb

# ---- issue 15, man pages (man/, docs/OPERATORS.md "Man pages") ----
#   make man      $(BUILD)/man/lapak.cfg.5 generated from the config key
#                 table (lapakctl keys --man); the other pages are in man/
.PHONY: man
man: $(BUILD)/bin/lapakctl
	@mkdir -p $(BUILD)/man
	$(BUILD)/bin/lapakctl keys --man > $(BUILD)/man/lapak.cfg.5.tmp
	mv $(BUILD)/man/lapak.cfg.5.tmp $(BUILD)/man/lapak.cfg.5
