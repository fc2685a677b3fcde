# wasim — two commands on a fresh Debian 12 machine: `make run` and `make test`.
# Each installs what is missing (apt, via docker/install-deps.sh) and builds.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
ARGS ?=

.PHONY: all deps build run test bench clean format

all: build

deps:
	@bash docker/install-deps.sh build

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Starts the simulator with the default world and the realtime clock.
run: build
	$(BUILD_DIR)/bin/wasim serve $(ARGS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Load test over HTTP (wrk) plus micro-benchmarks; prints figures, never fails on them.
bench: build
	@bash docker/install-deps.sh bench
	cmake -S . -B $(BUILD_DIR) -DWASIM_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS)
	bash tests/bench/run.sh $(BUILD_DIR)

format:
	find simulator tests -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
