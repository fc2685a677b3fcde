#!/usr/bin/env bash
# Installs what wasim needs to build, test and benchmark on Debian 12 (bookworm).
# Used by `make` (run/test/build/bench) and by the container build, so both install the same set.
# Usage: install-deps.sh [build|binary|runtime|bench|format]   (default: build = build + test tools)
#   binary: only what compiling the wasim binary needs (the container's build stage)
#   runtime: the shared libraries the binary loads (the container's runtime stage)
set -euo pipefail
profile="${1:-build}"
binary_pkgs=(g++ make cmake pkg-config ca-certificates
  libcpp-httplib-dev nlohmann-json3-dev libyaml-cpp-dev libssl-dev zlib1g-dev libbrotli-dev libsqlite3-dev)
test_pkgs=(libgtest-dev libgmock-dev googletest curl jq python3 python3-yaml python3-jsonschema)
build_pkgs=("${binary_pkgs[@]}" "${test_pkgs[@]}")
runtime_pkgs=(libcpp-httplib0.11 libyaml-cpp0.7 libssl3 libsqlite3-0 ca-certificates)
bench_pkgs=(wrk libbenchmark-dev curl)
case "$profile" in
  build) want=("${build_pkgs[@]}") ;;
  binary) want=("${binary_pkgs[@]}") ;;
  runtime) want=("${runtime_pkgs[@]}") ;;
  bench) want=("${build_pkgs[@]}" "${bench_pkgs[@]}") ;;
  format) want=(clang-format) ;;  # Debian 12: clang-format 14, the version the tree is formatted with
  *) echo "install-deps.sh: unknown profile '$profile' (build|binary|runtime|bench|format)" >&2; exit 2 ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
