# jiceng — one hand-written Makefile.
#   make            build build/jiceng (and the web console, embedded)
#   make run        build, create var/jiceng.db with divisions + demo data, serve :8080
#   make test       the whole suite: unit (ASan+UBSan), API on SQLite and PostgreSQL, the
#                   short access-control, load, crash, fuzz and browser suites
#   make unit | api | e2e | bench | fuzz | load | authz | crash   the parts, long ones whole

CC ?= cc
# Declaration tables (fields, enums, actions) leave optional trailing members
# out; C zero-initializes them, so that warning is off.
PKGS = libmicrohttpd jansson sqlite3 libpq libsodium xlsxwriter libzip expat libxml-2.0 liboath freexl
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wwrite-strings -Wno-unused-parameter -Wno-missing-field-initializers -Werror
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -I/usr/include/postgresql
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpq -lz -lpthread
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -Isrc -Ibuild/gen $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Every .c under src/ except main.c is library code; the layer is the folder
# (src/modules/<mechanism>/ holds one mechanism each).
LIB_SRCS = $(sort $(filter-out src/main.c,$(wildcard src/*/*.c src/modules/*/*.c)))
GEN_SRCS = build/gen/divisions_data.c build/gen/migrations.c build/gen/web_assets.c
LIB_OBJS = $(LIB_SRCS:src/%.c=build/obj/%.o) $(GEN_SRCS:build/gen/%.c=build/obj/gen/%.o)
ASAN_OBJS = $(LIB_SRCS:src/%.c=build/asan/%.o) $(GEN_SRCS:build/gen/%.c=build/asan/gen/%.o)
UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=build/asan/tests/%)
WEB_SRCS = $(shell find web/src web/index.html web/vite.config.js web/package.json -type f 2>/dev/null)

.PHONY: all deps run test unit api api-sqlite api-pg e2e bench fuzz load authz leak-scan crash clean web

all: build/jiceng

deps:
	@scripts/deps.sh

build/jiceng: $(LIB_OBJS) build/obj/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/jiceng: $(ASAN_OBJS) build/asan/main.o
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(PKG_LIBS)

build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/asan/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

build/asan/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The console is built by Vite and compiled into the binary as a table of files.
build/web/index.html: $(WEB_SRCS) web/package-lock.json
	@scripts/build-web.sh

build/gen/web_assets.c: build/web/index.html scripts/embed-assets.sh
	@mkdir -p build/gen
	scripts/embed-assets.sh build/web > $@.tmp && mv $@.tmp $@

web: build/gen/web_assets.c

build/gen/divisions_data.c: data/divisions-522700.csv scripts/embed-file.sh
	@mkdir -p build/gen
	scripts/embed-file.sh divisions_default_csv $< > $@.tmp && mv $@.tmp $@

build/gen/migrations.c: $(wildcard sql/*/*.sql) scripts/embed-sql.sh
	@mkdir -p build/gen
	scripts/embed-sql.sh > $@.tmp && mv $@.tmp $@

build/asan/tests/%: tests/unit/%.c $(ASAN_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(PKG_LIBS) -lcmocka

# the builds inside run and test use every core (CI calls plain `make test`)
NPROC := $(shell nproc 2>/dev/null || echo 2)

run:
	@scripts/deps.sh
	@$(MAKE) --no-print-directory -j$(NPROC) build/jiceng
	@scripts/run.sh

unit: $(UNIT_BINS)
	@scripts/run-unit.sh $(UNIT_BINS)

api: api-sqlite api-pg

api-sqlite: build/asan/jiceng
	@JICENG_BIN=build/asan/jiceng scripts/run-api.sh sqlite

api-pg: build/asan/jiceng
	@JICENG_BIN=build/asan/jiceng scripts/run-api.sh postgresql

e2e: build/jiceng
	@scripts/run-e2e.sh

test:
	@scripts/deps.sh
	@$(MAKE) --no-print-directory -j$(NPROC) build/jiceng build/asan/jiceng
	@scripts/test-all.sh

bench: build/jiceng
	@scripts/bench.sh

# libFuzzer targets (clang, ASan+UBSan), one per parser or entry point, over
# the whole library: `make fuzz` replays tests/fuzz/regressions/ and fuzzes
# each target FUZZ_SECONDS (default 15; `make test` runs 5; 3600 for the long run).
FUZZ_TARGETS = $(sort $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -Isrc -Ibuild/gen -Itests/fuzz $(PKG_CFLAGS) \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJS = $(LIB_SRCS:src/%.c=build/fuzz/obj/%.o) $(GEN_SRCS:build/gen/%.c=build/fuzz/obj/gen/%.o) \
	build/fuzz/obj/harness.o

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@clang $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@clang $(FUZZ_CFLAGS) -Wno-overlength-strings -c -o $@ $<

build/fuzz/obj/harness.o: tests/fuzz/harness.c tests/fuzz/harness.h
	@mkdir -p $(dir $@)
	@clang $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	@clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

# The availability suite on the release build: `make load` measures the
# figures of docs/security.md; `make test` runs its short version.
# the access-control matrix (AUTHZ_SHORT=1: the short one make test runs), on
# SQLite and on PostgreSQL
authz: build/jiceng
	@JICENG_BIN=build/jiceng JICENG_TEST_BACKEND=sqlite node tests/authz/matrix.mjs
	@JICENG_BIN=build/jiceng JICENG_TEST_BACKEND=postgresql scripts/with-pg.sh node tests/authz/matrix.mjs

leak-scan: build/jiceng
	@scripts/leak-scan.sh

load: build/jiceng
	@JICENG_BIN=build/jiceng node tests/load/load.mjs

# The durability suite (docs/api.md, Idempotency-Key): kill -9 under write
# load, CRASH_ROUNDS times (default 20) per backend; `make test` runs 5.
crash: build/asan/jiceng
	@scripts/crash.sh

.PRECIOUS: build/fuzz/obj/%.o build/fuzz/obj/gen/%.o

fuzz: build/jiceng $(FUZZ_TARGETS:%=build/fuzz/%)
	@scripts/fuzz.sh $(FUZZ_TARGETS)

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
