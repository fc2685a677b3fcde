# wasim — two commands on a fresh Debian 12 machine: `make run` and `make test`.
# Each installs what is missing (apt, via docker/install-deps.sh) and builds.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
ARGS ?=
ASAN_BUILD_DIR ?= build-asan
# Any sanitizer report fails the test (and leaks are reported at exit).
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: all deps build run test test-asan bench clean format check-format example-test container-test

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

# The suite under AddressSanitizer + UndefinedBehaviorSanitizer, in its own
# Debug build directory (the test binaries' discovery also runs sanitized).
test-asan: deps
	cmake -S . -B $(ASAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=Debug -DWASIM_SANITIZE=ON
	$(SANITIZER_ENV) cmake --build $(ASAN_BUILD_DIR) -j $(JOBS)
	cd $(ASAN_BUILD_DIR) && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS)

# The worked example (examples/contract-test) built against an installed copy
# of this build in a clean directory, and its tests run.
example-test: build
	bash tests/contract/install_example.sh $(BUILD_DIR)

# Load test over HTTP (wrk) plus micro-benchmarks; prints figures, never fails on them.
bench: build
	@bash docker/install-deps.sh bench
	cmake -S . -B $(BUILD_DIR) -DWASIM_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS)
	bash tests/bench/run.sh $(BUILD_DIR)

# Builds docker/Dockerfile with podman (installed if missing; root, Debian 12) and checks the
# image for real: healthy, ready line, a send, a signed webhook, scenarios, SIGTERM. Set
# WASIM_SMOKE_ROOTFS_TAR=/path/rootfs.tar to cache the debootstrapped base between runs.
container-test:
	bash docker/smoke.sh

# Both use the git-known *.h/*.cc under simulator/ tests/ include/ examples/.
format:
	@bash docker/install-deps.sh format
	@bash tests/format_check.sh --fix

# Fails listing the files clang-format would change.
check-format:
	@bash docker/install-deps.sh format
	@bash tests/format_check.sh --check

clean:
	rm -rf $(BUILD_DIR) $(ASAN_BUILD_DIR)
