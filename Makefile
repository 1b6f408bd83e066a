# A thin wrapper over CMake so that the README's commands stay short.
BUILD ?= build
ASAN_BUILD ?= build-asan
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
EXAMPLE = docs/examples/network.json

.PHONY: all build test asan test-asan valgrind demo clean

all: build

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

asan:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DADVISOR_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)

test-asan: asan
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# Every unit test and the advisor itself under valgrind's memcheck.
valgrind: build
	ctest --test-dir $(BUILD) --output-on-failure -L valgrind

# The advisor's main job on the bundled example network.
demo: build
	@sh docs/examples/demo.sh $(BUILD)/advisor $(EXAMPLE)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
