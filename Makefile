# A thin wrapper over CMake so that the README's commands stay short.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 20
FUZZERS = network_json network_ndjson request csv import policy snapshot annotations
TSAN_BUILD ?= build-tsan
RELEASE_BUILD ?= build-release
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
EXAMPLE = docs/examples/network.json

.PHONY: all build test test-fast docs-check asan test-asan tsan test-tsan valgrind fuzz release demo clean

all: build

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

# Every test but the valgrind runs: unit, policy cases, end to end, the
# package. Fast enough for the edit-compile-test loop.
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) -LE valgrind

# Kept as a name for the same thing.
test-fast: test

asan:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DADVISOR_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)

test-asan: asan
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# The threaded tests under ThreadSanitizer: eight engines on one network,
# and batch --jobs.
tsan:
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DADVISOR_SANITIZE_THREAD=ON >/dev/null
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target advisor tsan_threads

test-tsan: tsan
	ctest --test-dir $(TSAN_BUILD) --output-on-failure -R '^(tsan/threads|cli/batch)$$'

# The slow check, on its own: every unit test and the advisor itself under
# valgrind's memcheck (CI runs it after `make test`).
valgrind: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) -L valgrind

# The optimised build the benchmarks use (bench/*.sh): -O3 finds warnings
# (-Werror) that -O2 does not, so CI builds it too.
release:
	cmake -S . -B $(RELEASE_BUILD) -DCMAKE_BUILD_TYPE=Release -DADVISOR_TESTS=OFF >/dev/null
	cmake --build $(RELEASE_BUILD) -j $(JOBS)

# libFuzzer (clang): each harness for FUZZ_SECONDS on its seeds
# (tests/fuzz/corpus/NAME); what it finds goes to $(FUZZ_BUILD)/corpus, a
# crash to $(FUZZ_BUILD)/crash-NAME-* and fails the target.
fuzz:
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DADVISOR_FUZZ=ON -DADVISOR_TESTS=OFF >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZERS))
	@for f in $(FUZZERS); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$f || exit 1; \
		echo "fuzz_$$f: $(FUZZ_SECONDS) s"; \
		$(FUZZ_BUILD)/tests/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) \
			-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/crash-$$f- \
			$(FUZZ_BUILD)/corpus/$$f tests/fuzz/corpus/$$f 2>$(FUZZ_BUILD)/fuzz_$$f.log \
			|| { tail -40 $(FUZZ_BUILD)/fuzz_$$f.log; exit 1; }; \
		grep -E '^stat::(number_of_executed_units|peak_rss_mb)' $(FUZZ_BUILD)/fuzz_$$f.log; \
	done

# Every transcript of README.md and docs/ run and its output compared with
# the page (tests/docs/transcripts.py says what a transcript is), and every
# link between the pages followed (tests/docs/links.py).
docs-check: build
	python3 tests/docs/transcripts.py --bin $(BUILD)/advisor --src .
	python3 tests/docs/links.py --src .

# The advisor's main job on the bundled example network.
demo: build
	@sh docs/examples/demo.sh $(BUILD)/advisor $(EXAMPLE)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(TSAN_BUILD) $(RELEASE_BUILD)
