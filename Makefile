# Campaign contract checker - build, test and demo.
#
#   make          build the library and the three tools into bin/
#   make test     build and run every test; ends with "N passed, N failed"
#   make demo     build, start the mock, run the conformance suite, write reports/
#   make deps     install missing Debian packages (apt-get; sudo when not root)
#   make fuzz     build the libFuzzer targets with clang, run each FUZZ_SECONDS (fuzz/fuzz.mk)
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
CPPFLAGS += -Ivalidator/include -Ivalidator/src -Itests/support
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += $(PKG_LIBS) -lm -lpthread
LDFLAGS += $(SANFLAGS)

LIB_SRC   := $(wildcard validator/src/*.c)
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB       := $(BUILD)/libvalidator.a

LINT_SRC  := $(wildcard validator/cli/*.c)
MOCK_SRC  := $(wildcard mock/src/*.c)
RUNNER_SRC:= $(wildcard runner/src/*.c)
TEST_SRC  := $(wildcard tests/unit/*.c)
TEST_SUPPORT_SRC := $(wildcard tests/support/*.c)
TEST_BINS := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

TOOLS := $(BIN)/campaign-lint
ifneq ($(MOCK_SRC),)
TOOLS += $(BIN)/campaign-mock
endif
ifneq ($(RUNNER_SRC),)
TOOLS += $(BIN)/campaign-test
endif

include bench/bench.mk

.PHONY: all build deps test demo clean bench fuzz
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory build

build: $(TOOLS) $(TEST_BINS) $(BENCH_TOOLS)

deps:
	@sh scripts/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BIN)/campaign-lint: $(LINT_SRC:%.c=$(BUILD)/%.o) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/campaign-mock: $(MOCK_SRC:%.c=$(BUILD)/%.o) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/campaign-test: $(RUNNER_SRC:%.c=$(BUILD)/%.o) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(TEST_SUPPORT_SRC:%.c=$(BUILD)/%.o) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# test_mock_oom and test_mock_state drive the mock in process: they link it
# without its main; test_mock_oom fails its allocations one by one.
$(BUILD)/tests/test_mock_oom $(BUILD)/tests/test_mock_state: $(patsubst %.c,$(BUILD)/%.o,$(filter-out mock/src/mock_main.c,$(MOCK_SRC)))
$(BUILD)/tests/test_mock_oom: LDFLAGS += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup

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

include fuzz/fuzz.mk

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
