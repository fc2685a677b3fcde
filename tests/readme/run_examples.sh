#!/usr/bin/env bash
# Runs the README's shell examples, in order, against a real `wasim serve`, as a
# reader following it in one terminal would (variables carry from block to block).
#
#   run_examples.sh WASIM_BINARY README.md SOURCE_DIR
#
# Every ```sh block runs unless a marker comment on the line just before its fence says
# otherwise (several markers may be stacked, one per line):
#   <!-- readme-test: skip REASON -->   not run (docker, make, installs: other CI stages run those)
#   <!-- readme-test: errors-ok -->     its Graph/admin calls may answer 4xx/5xx (it shows errors)
#   <!-- readme-test: continue -->      keeps the previous block's server state (default: POST /_sim/reset first)
#   <!-- readme-test: fresh-server -->  restarts the server with the default flags (--clock manual) first
#   <!-- readme-test: background -->    a ```python or ```js block started in the background (a receiver)
# A line `wasim serve ARGS` / `build/bin/wasim serve ARGS` / `make run ARGS="..."` (re)starts the server
# with those flags; ports 8080 and 3000 are replaced by free ones so the test runs next to others.
# Every curl must answer (exit 0) and, outside errors-ok blocks, with a status below 400.
set -euo pipefail
wasim_bin=$(realpath "$1"); readme=$(realpath "$2"); src=$(realpath "$3")

work=$(mktemp -d); server_pid=""; bg_pids=()
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); receiver_port=$(free_port)
ports() { sed -e "s/\b8080\b/$port/g" -e "s/\b3000\b/$receiver_port/g"; }

# The reader's working directory: the scenario library, the binary where the README says it
# is, and the sample files the examples upload.
cd "$work"
ln -s "$src/scenarios" scenarios
mkdir -p build/bin && ln -s "$wasim_bin" build/bin/wasim
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9' > photo.jpg
{ printf '\x89PNG\r\n\x1a\n'; head -c 2040 /dev/zero; } > header.png

start_server() {  # ARGS...: the flags as printed
  [[ -n "$server_pid" ]] && { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; }
  "$wasim_bin" serve "$@" --port "$port" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do
    grep -q "wasim ready on" "$work/server.log" 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "wasim did not start with: $*"; cat "$work/server.log"; exit 1
}

# Splits the README into a script: one segment per block, with its line number.
script="$work/examples.sh"
python3 - "$readme" "$script" "$work" <<'PY'
import re, shlex, sys
readme, out, work = sys.argv[1:4]
lines = open(readme, encoding="utf-8").read().split("\n")
segs, markers, i = [], [], 0
while i < len(lines):
    m = re.match(r"<!-- readme-test: (\S+)\s*(.*?)\s*-->", lines[i])
    if m:
        markers.append(m.group(1)); i += 1; continue
    f = re.match(r"```(\w+)\s*$", lines[i])
    if not f:
        if lines[i].strip(): markers = []
        i += 1; continue
    lang, start, body = f.group(1), i + 1, []
    i += 1
    while i < len(lines) and not lines[i].startswith("```"):
        body.append(lines[i]); i += 1
    i += 1
    if "skip" in markers or lang not in ("sh", "python", "js"):
        markers = []; continue
    segs.append((start, lang, list(markers), body)); markers = []
with open(out, "w") as o:
    for start, lang, marks, body in segs:
        if "fresh-server" in marks: o.write("__serve --clock manual\n")
        o.write(f"\n__block {start} {'errors-ok' if 'errors-ok' in marks else 'strict'} "
                f"{'continue' if 'continue' in marks else 'reset'}\n")
        if lang != "sh":
            ext = "py" if lang == "python" else "js"
            path = f"{work}/receiver_{start}.{ext}"
            open(path, "w").write("\n".join(body) + "\n")
            o.write(f"__background {start} {'python3' if ext == 'py' else 'node'} {path}\n")
            continue
        joined, cur = [], ""
        for l in body:  # serve lines become server restarts (their continuations joined)
            cur = cur + l[:-1] + " " if l.endswith("\\") else cur + l
            if not l.endswith("\\"):
                joined.append(cur); cur = ""
        for l in joined:
            s = l.split(" #")[0].strip()
            m = re.match(r"(?:build/bin/)?wasim serve(.*)$", s)
            mm = re.match(r'make run(?: ARGS="(.*)")?$', s)
            if m: o.write(f"__serve {m.group(1)}\n")
            elif mm: o.write(f"__serve {mm.group(1) or ''}\n")
            else: o.write(l + "\n")
        o.write("__end_block\n")
PY
ports < "$script" > "$script.ported"

status_file="$work/statuses"
# Each call's status line (and any curl error) is appended to $status_file before
# curl returns: no background writer to wait for.
curl() { command curl -sS --max-time 30 -w '%{stderr}HTTP_STATUS %{http_code}\n' "$@" 2>>"$status_file"; }
__block() {
  block_line=$1; block_mode=$2; : > "$status_file"
  echo "== README.md:$1 ($2, $3)"
  if [[ "$3" == reset && -n "$server_pid" ]]; then command curl -sf -X POST -d '{}' "localhost:$port/_sim/reset" > /dev/null; fi
}
__end_block() {
  local bad; bad=$(grep -E '^HTTP_STATUS [45][0-9][0-9]' "$status_file" || true)
  if [[ "$block_mode" == strict && -n "$bad" ]]; then
    echo "README.md:$block_line: a call answered an error:"; cat "$status_file"; tail -5 "$work/server.log"
    [[ -n "${README_KEEP_GOING:-}" ]] || exit 1
  fi
  if grep -q '^HTTP_STATUS 000' "$status_file"; then echo "README.md:$block_line: a call got no answer"; exit 1; fi
}
__serve() { start_server "$@"; }
__background() {
  ports < "$3" > "$3.ported"
  "$2" "$3.ported" > "$work/background_$1.log" 2>&1 & bg_pids+=($!)
  for _ in $(seq 1 100); do command curl -s -o /dev/null "localhost:$receiver_port" && return 0; sleep 0.05; done
  echo "README.md:$1: the background block did not start listening"; cat "$work/background_$1.log" "$3.ported" | head -20; exit 1
}
trap 'echo "README.md:${block_line:-?}: example failed (exit $?)"; tail -20 "$work/server.log"' ERR

start_server --clock manual
# shellcheck disable=SC1090
[[ -n "${README_KEEP_GOING:-}" ]] && set +e  # debugging: report every failing block
source "$script.ported"
for f in "$work"/background_*.log; do
  [[ -e "$f" ]] || continue
  if ! grep -q "signature ok" "$f"; then echo "a background receiver saw no valid signed webhook: $f"; cat "$f"; exit 1; fi
done
echo "README examples: all passed"
