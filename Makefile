# dondoc - the two README commands (make run, make test) and a few more.
BUILD      ?= build
BUILD_SAN  ?= build-san
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DB         ?= $(BUILD)/run/dondoc.db
LISTEN     ?= 127.0.0.1:8080

.PHONY: all build run test test-fast test-san bench fuzz deps clean format

all: build

deps:
	@scripts/install-deps build

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Start the web application on a database seeded with the sample documents.
run: build
	@scripts/install-deps run
	@scripts/run-demo $(BUILD)/dondoc $(DB) $(LISTEN)

# Every test, then the whole suite again under AddressSanitizer + UBSan (leaks checked).
test: build
	@scripts/install-deps test
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-san

test-fast: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-san: deps
	@cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DDD_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_SAN) -j $(JOBS)
	@cd $(BUILD_SAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  DONDOC_SANITIZED=1 ctest --output-on-failure -j $(JOBS)

bench: build
	@scripts/install-deps bench
	@bench/run-all $(BUILD)/dondoc

# Build the libFuzzer harnesses (clang); run one with e.g. build-fuzz/fuzz_text -max_total_time=600
fuzz:
	@scripts/install-deps fuzz
	@CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DDD_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

format:
	@clang-format -i src/*/*.[ch] tests/unit/*.c fuzz/*.c

clean:
	rm -rf $(BUILD) $(BUILD_SAN) build-fuzz
