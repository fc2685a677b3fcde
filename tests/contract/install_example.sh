#!/usr/bin/env bash
# Builds examples/contract-test against an INSTALLED wasim, in a clean
# directory, and runs its tests: what a project using wasim does.
#   1. cmake --install BUILD_DIR into a temporary prefix;
#   2. configure + build examples/contract-test in a temporary directory with
#      CMAKE_PREFIX_PATH=<prefix> (find_package(wasim CONFIG REQUIRED));
#   3. run its ctest.
# Usage: tests/contract/install_example.sh BUILD_DIR   (BUILD_DIR already built)
set -euo pipefail
build_dir="${1:?usage: install_example.sh BUILD_DIR}"
src="$(cd "$(dirname "$0")/../.." && pwd)"
[ -f "$build_dir/CMakeCache.txt" ] || { echo "install_example: $build_dir is not a configured build" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/wasim-example.XXXXXX")"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
echo "install_example: installing $build_dir into $prefix"
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
# The example is copied out of the source tree: nothing of the tree is visible to it.
cp -r "$src/examples/contract-test" "$work/src"
echo "install_example: configuring and building the example in $work/build"
cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/build" -j "${JOBS:-2}"
(cd "$work/build" && ctest --output-on-failure -j "${JOBS:-2}")
echo "install_example: OK"
