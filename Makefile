# Campaign contract checker - build, test and demo.
#
#   make          build the library and the four tools into bin/
#   make test     build and run every test; ends with "N passed, N failed"
#   make demo     build, start the mock, run the conformance suite, write reports/
#   make deps     install missing Debian packages (apt-get; sudo when not root)
#   make fuzz     build the libFuzzer targets with clang, run each FUZZ_SECONDS (fuzz/fuzz.mk)
#   make install  copy the built tools, data, manual pages, headers, library and
#                 pkg-config file under PREFIX (default /usr/local; DESTDIR staged)
#   make uninstall  remove exactly what install copies
#
# Variables: SANITIZE=1 builds with ASan+UBSan (into build-san/ and bin-san/).

CC      ?= cc
PKGS    := libcjson libpcre2-8 libcurl libmicrohttpd
SHARED  ?= $(abspath ../shared)

ifeq ($(SANITIZE),1)
BUILD   := build-san
BIN     := bin-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT     := -O1 -g
else
BUILD   := build
BIN     := bin
SANFLAGS :=
OPT     := -O2 -g
endif

CFLAGS  ?= $(OPT)
# -Wno-format-truncation: snprintf into a bounded buffer is how messages are
# cut on purpose; only GCC knows the warning, so it is asked for only where
# the compiler accepts it (clang -Werror refuses unknown warning options).
NO_TRUNC_WARN := $(shell $(CC) -Werror -Wno-format-truncation -fsyntax-only -x c /dev/null 2>/dev/null && echo -Wno-format-truncation)
CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror $(NO_TRUNC_WARN) $(SANFLAGS)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += $(PKG_LIBS) -lm -lpthread
LDFLAGS += $(SANFLAGS)

# ---- the library and its boundary -------------------------------------------
# lib/ is one library, a folder per stage of the pipeline (bytes -> document
# -> compiled schema -> verdict or explanation); include/campaign/ is its
# public face.  Each object sees only what its folder may: library objects
# see include/ and the stage folders; tools, tests, bench see include/ and
# their own folder, so reaching into the library does not compile.  The
# white-box tests below (they test a stage from inside) are the declared
# exception, and so are the fuzz targets.
LIB_DIRS  := lib/base lib/json lib/schema lib/schema/formats lib/schema/regex lib/contract
LIB_INC   := -Iinclude -Iinclude/campaign $(addprefix -I,$(LIB_DIRS))
LIB_SRC   := $(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB       := $(BUILD)/libcampaign.a

LINT_SRC  := $(wildcard tools/lint/*.c)
MOCK_SRC  := $(wildcard tools/mock/*.c)
RUNNER_SRC:= $(wildcard tools/runner/*.c)
PROBE_SRC := $(wildcard tools/probe/*.c)
# each tool also as a library without its main, for its unit tests and fuzz targets
LINT_LIB  := $(BUILD)/tools/liblint.a
MOCK_LIB  := $(BUILD)/tools/libmock.a
RUNNER_LIB:= $(BUILD)/tools/librunner.a
PROBE_LIB := $(BUILD)/tools/libprobe.a
TEST_SRC  := $(wildcard tests/unit/*.c)
TEST_SUPPORT_SRC := $(wildcard tests/support/*.c)
TEST_BINS := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_INC  := -Iinclude -Itests/support
WHITEBOX_TESTS := test_engine test_schema_suite test_contract_rules test_hash_collide test_json_parse \
                  test_regex_ecma test_siphash test_map

TOOLS := $(BIN)/campaign-lint
ifneq ($(MOCK_SRC),)
TOOLS += $(BIN)/campaign-mock
# The mock again with its deliberate bugs compiled in (-DMOCK_MUTANTS, its
# own objects), for tests/cli/mutants.sh; never installed as a tool, and
# outside $(BUILD)/tests/ where every file is run as a unit test.
MOCK_MUTANTS := $(BUILD)/mutants/campaign-mock-mutants
endif
ifneq ($(RUNNER_SRC),)
TOOLS += $(BIN)/campaign-test
endif
ifneq ($(PROBE_SRC),)
TOOLS += $(BIN)/campaign-probes
endif

include bench/bench.mk

.PHONY: all build deps test demo clean bench fuzz install uninstall
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory build

# The manual pages, one per tool, written by the tool itself from the
# option table its --help is written from (opts_man, "--help-man").
MAN_PAGES := $(TOOLS:$(BIN)/%=$(BUILD)/man/%.1)

build: $(TOOLS) $(TEST_BINS) $(BENCH_TOOLS) $(MOCK_MUTANTS) $(MAN_PAGES)

deps:
	@sh scripts/deps.sh

# What each folder's objects may include (see the boundary above).
$(BUILD)/lib/%.o:          DIR_INC = $(LIB_INC)
$(BUILD)/tools/lint/%.o:   DIR_INC = -Iinclude -Itools/lint
$(BUILD)/tools/mock/%.o:   DIR_INC = -Iinclude -Itools/mock
$(BUILD)/tools/runner/%.o: DIR_INC = -Iinclude -Itools/runner
$(BUILD)/tools/probe/%.o:  DIR_INC = -Iinclude -Itools/probe
$(BUILD)/tests/%.o:        DIR_INC = $(TEST_INC) -Itools/mock -Itools/runner -Itools/probe
$(BUILD)/bench/%.o:        DIR_INC = -Iinclude -Itests/support
$(WHITEBOX_TESTS:%=$(BUILD)/tests/unit/%.o) $(BUILD)/tests/support/tape_compare.o \
$(BUILD)/bench/hash_collide.o: DIR_INC = $(TEST_INC) $(LIB_INC)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(DIR_INC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(LINT_LIB): $(patsubst %.c,$(BUILD)/%.o,$(filter-out tools/lint/lint_main.c,$(LINT_SRC)))
$(MOCK_LIB): $(patsubst %.c,$(BUILD)/%.o,$(filter-out tools/mock/mock_main.c,$(MOCK_SRC)))
$(RUNNER_LIB): $(patsubst %.c,$(BUILD)/%.o,$(filter-out tools/runner/runner_main.c,$(RUNNER_SRC)))
$(PROBE_LIB): $(patsubst %.c,$(BUILD)/%.o,$(filter-out tools/probe/probe_main.c,$(PROBE_SRC)))
$(LINT_LIB) $(MOCK_LIB) $(RUNNER_LIB) $(PROBE_LIB):
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BIN)/campaign-lint: $(BUILD)/tools/lint/lint_main.o $(LINT_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/campaign-mock: $(BUILD)/tools/mock/mock_main.o $(MOCK_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/mutants/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) -Iinclude -Itools/mock -DMOCK_MUTANTS $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(MOCK_MUTANTS): $(MOCK_SRC:%.c=$(BUILD)/mutants/%.o) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/campaign-test: $(BUILD)/tools/runner/runner_main.o $(RUNNER_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/campaign-probes: $(BUILD)/tools/probe/probe_main.o $(PROBE_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/man/%.1: $(BIN)/%
	@mkdir -p $(dir $@)
	$< --help-man >$@.tmp && mv $@.tmp $@

# A unit test links the support code, the tool library it tests (if any)
# and the library, in that order.
$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(TEST_SUPPORT_SRC:%.c=$(BUILD)/%.o) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(filter-out $(LIB),$^) $(LIB) $(LDLIBS)

# test_mock_oom and test_mock_state drive the mock in process;
# test_mock_oom fails its allocations one by one.
$(BUILD)/tests/test_mock_oom $(BUILD)/tests/test_mock_state: $(MOCK_LIB)
$(BUILD)/tests/test_mock_oom: LDFLAGS += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup
$(BUILD)/tests/test_runner_vars $(BUILD)/tests/test_runner_readback $(BUILD)/tests/test_runner_differ \
$(BUILD)/tests/test_traceability $(BUILD)/tests/test_runner_matrix $(BUILD)/tests/test_runner_report_html: $(RUNNER_LIB)
$(BUILD)/tests/test_probe_bounds: $(PROBE_LIB)

test: deps
	@$(MAKE) --no-print-directory build
	@BUILD=$(BUILD) BIN=$(BIN) SHARED=$(SHARED) sh tests/run.sh

demo: deps
	@$(MAKE) --no-print-directory build
	@BIN=$(BIN) sh scripts/demo.sh

bench: deps
	@$(MAKE) --no-print-directory build
	@BIN=$(BIN) sh bench/run.sh

clean:
	rm -rf build build-san build-fuzz bin bin-san

include install.mk
include fuzz/fuzz.mk

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
