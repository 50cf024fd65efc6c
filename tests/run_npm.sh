#!/usr/bin/env bash
# The npm package's suites (npm/, docs/npm.md) under ctest:
#   run_npm.sh build   BINDIR          WebAssembly transpiler into npm/dist (objects in BINDIR/npm-obj)
#   run_npm.sh node    BINDIR NATIVE   node:test: corpus byte-for-byte against the native CLI
#   run_npm.sh browser BINDIR NATIVE   headless chromium: corpus on WebGPU, playground (screenshot in BINDIR/npm-artifacts)
#   run_npm.sh pack    BINDIR NATIVE   npm pack, offline install into an empty directory, use
#   run_npm.sh bench   BINDIR          size (gzip) and transpile-time budgets
# A missing tool (emcc, node, chromium, npm/node_modules from `npm ci`) skips
# (77), except with CI=true, where it fails: scripts/install-deps.sh installs them.
set -u
what=$1 bindir=$2 native=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
npmdir=$root/npm
missing() {
  echo "run_npm: $1 missing (scripts/install-deps.sh installs it)"
  if [ "${CI:-}" = true ]; then exit 1; fi
  exit 77
}
command -v node >/dev/null || missing node
export CUDA_WASM_NATIVE=$native
case $what in
  build)
    command -v emcc >/dev/null || missing emcc
    CW_WASM_OBJDIR=$bindir/npm-obj exec "$npmdir/scripts/build-wasm.sh" ;;
  node)
    cd "$npmdir" && exec node --test test/ ;;
  browser)
    [ -x /usr/bin/chromium ] || missing chromium
    [ -d "$npmdir/node_modules/playwright-core" ] || missing "npm/node_modules (npm ci)"
    cd "$npmdir" && CW_ARTIFACTS=$bindir/npm-artifacts exec node test/browser.mjs ;;
  bench)
    cd "$npmdir" && exec node scripts/bench.js ;;
  pack)
    command -v npm >/dev/null || missing npm
    exec "$npmdir/scripts/pack-test.sh" "$native" ;;
  *) echo "run_npm: unknown suite '$what'" >&2; exit 2 ;;
esac
