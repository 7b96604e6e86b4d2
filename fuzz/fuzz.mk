# fuzz/fuzz.mk - libFuzzer targets (included by the top-level Makefile).
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="contract schema case mock"]
#       installs clang and the sanitizer runtimes when missing
#       (scripts/deps.sh fuzz), builds each target with clang
#       -fsanitize=fuzzer,address,undefined into build-fuzz/ and runs it
#       for FUZZ_SECONDS on its seed corpus (fuzz/corpus/TARGET/) plus
#       fuzz/regressions/TARGET/; see fuzz/README.md.
#
# The same targets are also linked, with the ordinary compiler and no
# libFuzzer, to a replay driver ($(BUILD)/fuzz/replay_TARGET, part of
# `make build`); tests/cli/fuzz_replay.sh runs every seed and regression
# input through them on each `make test` (under ASan/UBSan with SANITIZE=1).

FUZZ_TARGETS ?= contract schema case mock
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_BUILD   := build-fuzz
# the fuzz targets test the library and the tools from inside: they see every folder
FUZZ_INC     := $(LIB_INC) -Itools/mock -Itools/runner -Itools/lint -Itests/support
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS  := -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
                -Wno-unknown-warning-option -Wno-format-truncation $(FUZZ_SAN)

# What each target links besides the library: a tool's sources without its main.
FUZZ_LINT_SRC   := $(filter-out tools/lint/lint_main.c,$(LINT_SRC))
FUZZ_MOCK_SRC   := $(filter-out tools/mock/mock_main.c,$(MOCK_SRC))
FUZZ_RUNNER_SRC := $(filter-out tools/runner/runner_main.c,$(RUNNER_SRC))
fuzz_extra_contract := $(FUZZ_LINT_SRC) tests/support/tape_compare.c
fuzz_extra_schema   :=
fuzz_extra_case     := $(FUZZ_RUNNER_SRC)
fuzz_extra_mock     := $(FUZZ_MOCK_SRC)

# fuzz_objs DIR,TARGET: the extra objects of TARGET under DIR
fuzz_objs = $(patsubst %.c,$(1)/%.o,$(fuzz_extra_$(2)))

FUZZ_BINS   := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
REPLAY_BINS := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)

.PHONY: fuzz fuzz-build
# objects reached only through pattern rules: keep them between builds
.SECONDARY: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz/fuzz_%.o) $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%.o) \
            $(BUILD)/fuzz/replay_main.o

# ---- libFuzzer build (clang) -------------------------------------------------

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_INC) $(PKG_CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/libcampaign.a: $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
	rm -f $@ && ar rcs $@ $^

.SECONDEXPANSION:
$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/fuzz/fuzz_%.o $$(call fuzz_objs,$(FUZZ_BUILD),$$*) $(FUZZ_BUILD)/libcampaign.a
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

fuzz-build: $(FUZZ_BINS)

fuzz:
	@sh scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUILD=$(FUZZ_BUILD) sh fuzz/run.sh $(FUZZ_TARGETS)

# ---- replay drivers (ordinary compiler, part of `make build`) ------------------

$(BUILD)/fuzz/%.o: DIR_INC = $(FUZZ_INC)

$(BUILD)/fuzz/replay_%: $(BUILD)/fuzz/replay_main.o $(BUILD)/fuzz/fuzz_%.o $$(call fuzz_objs,$(BUILD),$$*) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build: $(REPLAY_BINS)

-include $(shell find $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
