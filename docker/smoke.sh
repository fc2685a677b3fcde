#!/usr/bin/env bash
# Container smoke test: builds docker/Dockerfile for real with podman (no Docker engine and no
# registry needed) and checks what a CI job relies on: healthy after start (HEALTHCHECK = wasim
# probe), the ready line, a Graph send with the default token, a signed webhook received on the
# host, WASIM_SCENARIO mounted or bundled, flag passthrough, non-root, `wasim run` inside the
# image, bad input refused before ready, and SIGTERM stopping promptly with exit 0. Prints the
# image size and the times it measures.
#
# Usage (root, Debian 12): bash docker/smoke.sh      (or `make container-test`)
#   WASIM_SMOKE_ROOTFS_TAR=/var/cache/wasim/bookworm-rootfs.tar   cache of the debootstrapped base:
#       imported when the file exists, written after debootstrap when it does not (never commit it)
#   WASIM_SMOKE_JOBS=2                                            compile jobs inside the build
# Containers run with --network host bound to 127.0.0.1 on free ports: all traffic stays on
# loopback. Everything (podman storage, containers, images) lives in a temp dir removed on exit;
# only the apt packages installed here stay on the machine.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGE=localhost/wasim:smoke
JOBS=${WASIM_SMOKE_JOBS:-2}
ROOTFS_TAR=${WASIM_SMOKE_ROOTFS_TAR:-}
T_SCRIPT=${EPOCHREALTIME/./}
PASSED=0
FAILED=0
CONTAINERS=()
RECEIVER_PID=""
WORK=""

usec() { echo "${EPOCHREALTIME/./}"; }
# seconds between two usec stamps, e.g. 1.234
secs() { printf '%d.%03d' $((($2 - $1) / 1000000)) $(((($2 - $1) / 1000) % 1000)); }
say() { echo "container smoke: $*"; }
die() {
  echo "container smoke: FATAL: $1" >&2
  [ -n "${2:-}" ] && [ -f "$2" ] && tail -n 40 "$2" | sed 's/^/    | /' >&2
  exit 1
}
pass() {
  echo "  ok    $1"
  PASSED=$((PASSED + 1))
}
# fail NAME [container]: prints the container's last log lines as evidence.
fail() {
  echo "  FAIL  $1"
  FAILED=$((FAILED + 1))
  [ -n "${2:-}" ] && podman logs --tail 30 "$2" 2>&1 | sed 's/^/    | /'
  return 0
}

cleanup() {
  [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null
  [ -z "$WORK" ] && return
  if command -v podman >/dev/null; then
    for c in "${CONTAINERS[@]}"; do podman rm -f -t 0 "$c" >/dev/null 2>&1; done
    podman rmi -af >/dev/null 2>&1
  fi
  # Overlay mounts podman may leave under the temp store, deepest first.
  awk -v w="$WORK" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
    umount "$m" 2>/dev/null
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools ----------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || die "run as root (rootful podman builds and runs the image)"
need=()
for tool in podman runc debootstrap iptables curl python3; do
  command -v "$tool" >/dev/null || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends \
    podman runc debootstrap iptables curl python3 ca-certificates >/dev/null ||
    die "apt-get install of podman runc debootstrap iptables curl python3 failed"
fi
PY=$(command -v /usr/bin/python3 || command -v python3)

WORK=$(mktemp -d /tmp/wasim-smoke.XXXXXX)
# This VM's quirks (see the README "Container" section): no CAP_SYS_RESOURCE, so the ulimits
# must stay within the hard limit; hybrid cgroups, which crun 1.8 rejects, so runc.
nofile=$(ulimit -Hn)
[ "$nofile" = unlimited ] && nofile=1048576
cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$WORK/libpod-tmp"
EOF
cat >"$WORK/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$WORK/storage"
runroot = "$WORK/run"
EOF
export CONTAINERS_CONF=$WORK/containers.conf CONTAINERS_STORAGE_CONF=$WORK/storage.conf

# --- base image: debian:bookworm(-slim) from a local debootstrap ------------------------------
T_BASE=$(usec)
if [ -n "$ROOTFS_TAR" ] && [ -s "$ROOTFS_TAR" ]; then
  say "base image from the cached rootfs $ROOTFS_TAR"
  tar_file=$ROOTFS_TAR
else
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  say "debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$WORK/rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 ||
    die "debootstrap failed" "$WORK/debootstrap.log"
  rm -f "$WORK"/rootfs/var/cache/apt/archives/*.deb
  rm -rf "$WORK"/rootfs/var/lib/apt/lists/*
  # The image's apt sources: the host's (same mirror, updates and security), else the mirror.
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    cp /etc/apt/sources.list.d/debian.sources "$WORK/rootfs/etc/apt/sources.list.d/"
    rm -f "$WORK/rootfs/etc/apt/sources.list"
  else
    printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" \
      >"$WORK/rootfs/etc/apt/sources.list"
  fi
  tar_file=$WORK/rootfs.tar
  tar -C "$WORK/rootfs" -cf "$tar_file" . || die "cannot tar the rootfs"
  rm -rf "$WORK/rootfs"
  if [ -n "$ROOTFS_TAR" ]; then
    mkdir -p "$(dirname "$ROOTFS_TAR")" && cp "$tar_file" "$ROOTFS_TAR.tmp.$$" &&
      mv "$ROOTFS_TAR.tmp.$$" "$ROOTFS_TAR" && say "cached the rootfs in $ROOTFS_TAR"
  fi
fi
podman import -q --change 'CMD ["bash"]' "$tar_file" localhost/debian:bookworm >/dev/null ||
  die "podman import of the base rootfs failed"
podman tag localhost/debian:bookworm docker.io/library/debian:bookworm \
  docker.io/library/debian:bookworm-slim || die "podman tag failed"
T_BASE_DONE=$(usec)

# --- build ------------------------------------------------------------------------------------
say "building docker/Dockerfile (podman build --format docker, $JOBS jobs)"
podman build --pull=never --format docker --network host --build-arg "JOBS=$JOBS" \
  -f "$ROOT/docker/Dockerfile" -t "$IMAGE" "$ROOT" >"$WORK/build.log" 2>&1 ||
  die "podman build failed" "$WORK/build.log"
T_BUILD_DONE=$(usec)
size_bytes=$(podman image inspect --format '{{.Size}}' "$IMAGE")
base_bytes=$(podman image inspect --format '{{.Size}}' docker.io/library/debian:bookworm-slim)
version=$(sed -n 's/^project(wasim VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")

# --- helpers for running the image ------------------------------------------------------------
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# start NAME PORT [podman run options...] -- [wasim serve flags...]
start() {
  local name=$1 port=$2
  shift 2
  local opts=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ "${1:-}" = -- ] && shift
  CONTAINERS+=("$name")
  # Without systemd, podman logs that it cannot add healthcheck timers: kept out of the way in
  # podman.log (the checks run the HEALTHCHECK themselves with `podman healthcheck run`).
  podman run -d --name "$name" --network host -e WASIM_BIND=127.0.0.1 -e "WASIM_PORT=$port" \
    "${opts[@]}" "$IMAGE" "$@" >/dev/null 2>>"$WORK/podman.log"
}
running() { [ "$(podman inspect --format '{{.State.Running}}' "$1" 2>/dev/null)" = true ]; }
# Runs the image's HEALTHCHECK (wasim probe, inside the container) until healthy; 60 s at most.
wait_healthy() {
  local i
  for i in $(seq 600); do
    podman healthcheck run "$1" >/dev/null 2>&1 && return 0
    running "$1" || return 1
    sleep 0.1
  done
  return 1
}
ready_line() { podman logs "$1" 2>/dev/null | grep -m1 '^wasim ready on '; }
# banner_value NAME LABEL: a value from the banner ("Access token     EAA...").
banner_value() { podman logs "$1" 2>/dev/null | awk -v l="$2" 'index($0, "  " l " ") == 1 {print $NF; exit}'; }

# A webhook receiver on the host (loopback): answers Meta's verification handshake and checks
# X-Hub-Signature-256 on every POST the way an app must, logging "verified FIELD" or "BAD".
SECRET=smoke-secret-$$
VERIFY=smoke-verify-$$
cat >"$WORK/receiver.py" <<'EOF'
import hashlib, hmac, http.server, json, sys, urllib.parse
port, secret, verify, log = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3], sys.argv[4]
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        q = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        ok = q.get("hub.mode") == ["subscribe"] and q.get("hub.verify_token") == [verify]
        body = (q.get("hub.challenge", [""])[0] if ok else "forbidden").encode()
        self.send_response(200 if ok else 403); self.end_headers(); self.wfile.write(body)
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        want = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        good = hmac.compare_digest(want, self.headers.get("X-Hub-Signature-256", ""))
        field = json.loads(body)["entry"][0]["changes"][0]["field"] if good else "-"
        with open(log, "a") as f: f.write(("verified " + field if good else "BAD signature") + "\n")
        self.send_response(200); self.end_headers()
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
EOF
HOOK_PORT=$(free_port)
"$PY" "$WORK/receiver.py" "$HOOK_PORT" "$SECRET" "$VERIFY" "$WORK/webhooks.log" &
RECEIVER_PID=$!

# --- checks -----------------------------------------------------------------------------------
say "checks"
[ "$(podman image inspect --format '{{.Config.User}}' "$IMAGE")" != "" ] &&
  podman image inspect --format '{{json .HealthCheck}}' "$IMAGE" | grep -q probe &&
  pass "the image has a HEALTHCHECK (wasim probe) and a USER" ||
  fail "the image has no HEALTHCHECK or no USER (built without --format docker?)"

out=$(podman run --rm --no-healthcheck --network none --entrypoint wasim "$IMAGE" --version 2>&1)
[ "$out" = "wasim $version" ] && pass "wasim --version in the image: $out" ||
  fail "wasim --version printed '$out', want 'wasim $version'"

out=$(podman run --rm --no-healthcheck --network none --entrypoint ldd "$IMAGE" /usr/local/bin/wasim 2>&1)
echo "$out" | grep -q 'not found' && fail "the runtime stage lacks libraries: $(echo "$out" | grep 'not found')" ||
  pass "every shared library of the binary is in the runtime stage"

P=$(free_port)
T_START=$(usec)
start wasim-smoke-main "$P" -e "WASIM_WEBHOOK_URL=http://127.0.0.1:$HOOK_PORT/webhook" \
  -e "WASIM_APP_SECRET=$SECRET" -e "WASIM_VERIFY_TOKEN=$VERIFY" || die "podman run failed"
T_READY=""
for _ in $(seq 300); do
  ready_line wasim-smoke-main >/dev/null && T_READY=$(usec) && break
  running wasim-smoke-main || break
  sleep 0.05
done
if wait_healthy wasim-smoke-main; then
  T_HEALTHY=$(usec)
  pass "healthy (podman healthcheck run → wasim probe) $(secs "$T_START" "$T_HEALTHY") s after podman run"
else
  T_HEALTHY=""
  fail "never healthy" wasim-smoke-main
fi
line=$(ready_line wasim-smoke-main)
[ "$line" = "wasim ready on http://127.0.0.1:$P" ] && pass "ready line: $line" ||
  fail "ready line '$line', want 'wasim ready on http://127.0.0.1:$P'" wasim-smoke-main

[ "$(podman exec wasim-smoke-main id -u)" != 0 ] &&
  pass "runs as a non-root user (uid $(podman exec wasim-smoke-main id -u))" || fail "runs as root"

token=$(banner_value wasim-smoke-main "Access token")
phone=$(podman logs wasim-smoke-main 2>/dev/null | awk '/^  Phone number id / {print $4; exit}')
resp=$(curl -sS --max-time 10 -w '\n%{http_code}' "http://127.0.0.1:$P/v23.0/$phone/messages" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}')
[ "${resp##*$'\n'}" = 200 ] && echo "$resp" | grep -q '"wamid\.' &&
  pass "Graph API send with the banner's token answers 200 with a wamid" ||
  fail "Graph API send: $resp" wasim-smoke-main

for _ in $(seq 300); do grep -q '^verified messages' "$WORK/webhooks.log" 2>/dev/null && break; sleep 0.1; done
if grep -q '^verified messages' "$WORK/webhooks.log" 2>/dev/null && ! grep -q BAD "$WORK/webhooks.log"; then
  pass "signed status webhook received on the host ($(grep -c verified "$WORK/webhooks.log") verified)"
else
  fail "no correctly signed webhook on the host: $(tr '\n' ';' <"$WORK/webhooks.log" 2>/dev/null)" wasim-smoke-main
fi
podman logs wasim-smoke-main 2>/dev/null | grep -q '^Webhook verification OK' &&
  pass "start-up webhook verification handshake against the host receiver" ||
  fail "no 'Webhook verification OK' line" wasim-smoke-main

T_STOP=$(usec)
podman stop -t 5 wasim-smoke-main >/dev/null 2>&1
T_STOPPED=$(usec)
code=$(podman inspect --format '{{.State.ExitCode}}' wasim-smoke-main)
[ "$code" = 0 ] && pass "podman stop -t 5 (SIGTERM): exit 0 in $(secs "$T_STOP" "$T_STOPPED") s" ||
  fail "podman stop: exit code $code (137 = SIGKILLed after the 5 s grace)" wasim-smoke-main

# A mounted scenario file, read by the non-root user.
mkdir -p "$WORK/scenarios"
cat >"$WORK/scenarios/smoke.yaml" <<'EOF'
version: 1
name: smoke-mounted
description: A scenario mounted into the container at /scenarios.
timeline:
  - at: 1h
    admin: {method: PATCH, path: /_sim/wabas/102290129340398, body: {locked: true}}
EOF
chmod 755 "$WORK/scenarios" && chmod 644 "$WORK/scenarios/smoke.yaml"
P=$(free_port)
start wasim-smoke-mounted "$P" -v "$WORK/scenarios:/scenarios:ro" -e WASIM_SCENARIO=/scenarios/smoke.yaml
if wait_healthy wasim-smoke-mounted &&
  curl -fsS --max-time 5 "http://127.0.0.1:$P/_sim/scenarios/current" | grep -q '"smoke-mounted"'; then
  pass "WASIM_SCENARIO=/scenarios/smoke.yaml (mounted) is loaded (GET /_sim/scenarios/current)"
else
  fail "the mounted scenario is not loaded" wasim-smoke-mounted
fi

# A bundled scenario by name, and a `wasim serve` flag after the image name.
bundled=reengagement-131047
P=$(free_port)
start wasim-smoke-bundled "$P" -e WASIM_SCENARIO=$bundled -- --clock manual
if wait_healthy wasim-smoke-bundled &&
  curl -fsS --max-time 5 "http://127.0.0.1:$P/_sim/scenarios/current" | grep -q "\"$bundled\""; then
  pass "WASIM_SCENARIO=$bundled (bundled, by name) is loaded"
else
  fail "the bundled scenario $bundled is not loaded" wasim-smoke-bundled
fi
curl -fsS --max-time 5 "http://127.0.0.1:$P/_sim/health" | grep -Eq '"clock": *"manual"' &&
  pass "flag passthrough: docker run IMAGE --clock manual gives a manual clock" ||
  fail "--clock manual did not reach wasim serve" wasim-smoke-bundled

out=$(podman run --rm --no-healthcheck --network none --entrypoint wasim "$IMAGE" \
  run /usr/share/wasim/scenarios/$bundled.yaml 2>&1)
[ $? -eq 0 ] && pass "wasim run of a bundled scenario inside the image meets its expectations" ||
  fail "wasim run in the image: $(echo "$out" | tail -n 5)"

# Bad input: non-zero with a clear message, and never the ready line.
P=$(free_port)
out=$(podman run --rm --no-healthcheck --network host -e WASIM_BIND=127.0.0.1 -e "WASIM_PORT=$P" \
  -e WASIM_SCENARIO=no-such-scenario "$IMAGE" 2>&1)
code=$?
[ $code -ne 0 ] && ! echo "$out" | grep -q '^wasim ready' && echo "$out" | grep -q no-such-scenario &&
  pass "a missing scenario exits $code before ready: $(echo "$out" | head -n 1)" ||
  fail "a missing scenario: exit $code, output: $out"
out=$(podman run --rm --no-healthcheck --network host -e WASIM_BIND=127.0.0.1 -e WASIM_PORT=eighty "$IMAGE" 2>&1)
code=$?
[ $code -ne 0 ] && ! echo "$out" | grep -q '^wasim ready' && echo "$out" | grep -q WASIM_PORT &&
  pass "a bad WASIM_PORT exits $code before ready: $out" || fail "a bad WASIM_PORT: exit $code, output: $out"

# --- figures ----------------------------------------------------------------------------------
T_END=$(usec)
say "figures"
bin_bytes=$(podman run --rm --no-healthcheck --network none --entrypoint stat "$IMAGE" -c %s /usr/local/bin/wasim)
echo "  image size              $((size_bytes / 1000000)) MB (base $((base_bytes / 1000000)) MB, wasim binary $((bin_bytes / 1000000)) MB)"
echo "  base image              $(secs "$T_BASE" "$T_BASE_DONE") s ($([ "$tar_file" = "${ROOTFS_TAR:-}" ] && echo cached rootfs || echo debootstrap))"
echo "  image build             $(secs "$T_BASE_DONE" "$T_BUILD_DONE") s"
[ -n "$T_READY" ] && echo "  podman run -> ready line $(secs "$T_START" "$T_READY") s"
[ -n "$T_HEALTHY" ] && echo "  podman run -> healthy    $(secs "$T_START" "$T_HEALTHY") s"
echo "  SIGTERM -> exited       $(secs "$T_STOP" "$T_STOPPED") s"
echo "  whole script            $(secs "$T_SCRIPT" "$T_END") s"
say "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
