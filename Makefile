# A thin wrapper over CMake so that the README's commands stay short.
BUILD ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
EXAMPLE = docs/examples/network.json

.PHONY: all build test test-fast asan test-asan tsan test-tsan valgrind demo clean

all: build

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

# Every test: unit, policy cases, end to end, and all of them under valgrind.
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The same without valgrind, for the edit-compile-test loop.
test-fast: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) -LE valgrind

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

# Only the valgrind runs: every unit test and the advisor itself.
valgrind: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) -L valgrind

# The advisor's main job on the bundled example network.
demo: build
	@sh docs/examples/demo.sh $(BUILD)/advisor $(EXAMPLE)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD)
