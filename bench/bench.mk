# bench/bench.mk - the C drivers of make bench, built with the top-level
# Makefile's own flags and library (run from the project root:
#   make -f bench/bench.mk bench-tools).
include Makefile

BENCH_TOOLS := $(BUILD)/bench/gen_corpus $(BUILD)/bench/engine_overhead \
               $(BUILD)/bench/scale_inproc $(BUILD)/bench/timeit

.PHONY: bench-tools
bench-tools: $(BENCH_TOOLS)

$(BENCH_TOOLS): $(BUILD)/bench/%: $(BUILD)/bench/%.o $(BUILD)/bench/bench_util.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
