# bench/bench.mk - the C drivers of make bench (included by the top-level
# Makefile, built with its flags and library as part of `make build`, so a
# change that breaks them breaks the build; `make bench-tools` builds just
# them).

BENCH_TOOLS := $(BUILD)/bench/gen_corpus $(BUILD)/bench/engine_overhead \
               $(BUILD)/bench/scale_inproc $(BUILD)/bench/timeit \
               $(BUILD)/bench/hash_collide

.PHONY: bench-tools
bench-tools: $(BENCH_TOOLS)

$(BENCH_TOOLS): $(BUILD)/bench/%: $(BUILD)/bench/%.o $(BUILD)/bench/bench_util.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# crafted keys come from the tests' generator (tests/support/fnv_collide.c)
$(BUILD)/bench/hash_collide: $(BUILD)/tests/support/fnv_collide.o
