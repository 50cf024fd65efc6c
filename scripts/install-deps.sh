#!/usr/bin/env bash
# Installs what cuda-wasm needs to build and test, idempotently.
#
#   scripts/install-deps.sh
#
# On Debian 12 (bookworm), as root or through sudo:
#   - build tools: cmake ninja-build gcc clang libclang-rt-14-dev (libFuzzer and
#     sanitizer runtimes) make pkg-config, and npm when missing (node is assumed);
#   - libtcc-dev: libtcc, linked into libcudawasm.a as the cpu backend's
#     in-process compiler for machines without cc;
#   - Vulkan for CPU-only machines: mesa-vulkan-drivers >= 25 from
#     bookworm-backports (lavapipe; bookworm's 22.3 is rejected by Dawn) and
#     libvulkan1, adding the bookworm-backports suite when it is missing;
#   - HIP 5.2 (libamdhip64-5, libhiprtc-builtins5): hiprtc, with which the
#     hiprtc_corpus test compiles kernels for an AMD GPU without one (the hip
#     backend loads it with dlopen; nothing links against it);
#   - chromium: its SwiftShader Vulkan ICD (/usr/lib/chromium/vk_swiftshader_icd.json)
#     is the second CPU Vulkan driver the WebGPU tests run on (the *_swiftshader
#     ctest tests), and the browser tests drive it headless;
#   - emscripten (pinned) for the npm package's WebAssembly build, and npm ci in npm/
#     (playwright-core for its browser tests);
# and, for any user, Dawn (the WebGPU implementation, used through webgpu.h)
# from the npm package bun-webgpu-linux-x64 into .deps/dawn/, and Dawn's Node
# binding (dawn.node, from the npm package webgpu) into .deps/dawn-node/, with
# which npm_node runs the npm package's WebGPU runtime on lavapipe (no
# download when the pinned versions are already there).
# Only what is missing is installed; every action is printed.
set -euo pipefail

# ---- pinned versions ----
DAWN_NPM_PACKAGE=bun-webgpu-linux-x64
DAWN_NPM_VERSION=0.1.7
DAWN_LIB=libwebgpu_wrapper.so
# Dawn for Node (navigator.gpu's API as a native addon): only its linux-x64 dawn.node is kept
DAWN_NODE_NPM_PACKAGE=webgpu
DAWN_NODE_NPM_VERSION=0.6.2
DAWN_NODE_LIB=dist/linux-x64/dawn.node
MESA_MIN_MAJOR=25
BACKPORTS_SUITE=bookworm-backports
# libtcc-dev (0.9.27): the cpu backend's embedded C compiler, its last fallback
# when no system C compiler exists (optional: without it that step reports
# "not built with libtcc"). libamdhip64-5/libhiprtc-builtins5 (HIP 5.2): the
# hip backend's runtime and compiler (no AMD GPU needed to compile).
APT_PACKAGES=(cmake ninja-build gcc clang libclang-rt-14-dev make pkg-config libvulkan1 libtcc-dev
  libamdhip64-5 libhiprtc-builtins5)
# chromium is not pinned to a version: Debian's security suite replaces it
# often and drops the old build, so an exact pin would stop installing. What
# the tests need is this file, checked after the install.
SWIFTSHADER_ICD=/usr/lib/chromium/vk_swiftshader_icd.json

root=$(cd "$(dirname "$0")/.." && pwd)
dawn_dir=$root/.deps/dawn
dawn_node_dir=$root/.deps/dawn-node
did=()

say() { echo "install-deps: $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else
    say "need root for: $*  (run as root or install sudo)" >&2
    exit 1
  fi
}

installed_version() { # prints the installed version of a Debian package, or nothing
  dpkg-query -W -f='${Status} ${Version}\n' "$1" 2>/dev/null |
    awk '$1=="install" && $3=="installed" {print $4}'
}

# ---------------- system packages (Debian only) ----------------
if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  apt_updated=0
  apt_update() { if [ $apt_updated -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi; }

  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    [ -n "$(installed_version "$p")" ] || missing+=("$p")
  done
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    apt_update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    did+=("installed ${missing[*]}")
  fi

  mesa=$(installed_version mesa-vulkan-drivers)
  mesa_major=${mesa%%.*}
  mesa_major=${mesa_major#*:}
  if [ -z "$mesa" ] || [ "${mesa_major:-0}" -lt $MESA_MIN_MAJOR ] 2>/dev/null; then
    if [ "$codename" = bookworm ]; then
      if ! grep -rqs "^deb .*$BACKPORTS_SUITE" /etc/apt/sources.list /etc/apt/sources.list.d/; then
        say "adding $BACKPORTS_SUITE to /etc/apt/sources.list.d/backports.list"
        echo "deb http://deb.debian.org/debian $BACKPORTS_SUITE main" |
          as_root tee /etc/apt/sources.list.d/backports.list >/dev/null
        apt_updated=0
        did+=("added $BACKPORTS_SUITE")
      fi
      apt_update
      say "apt-get install -t $BACKPORTS_SUITE mesa-vulkan-drivers (have: ${mesa:-none})"
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t "$BACKPORTS_SUITE" \
        mesa-vulkan-drivers
      did+=("installed mesa-vulkan-drivers $(installed_version mesa-vulkan-drivers)")
    else
      say "warning: mesa-vulkan-drivers >= $MESA_MIN_MAJOR needed for lavapipe (have: ${mesa:-none});" \
        "not Debian bookworm, so not installing it: install it yourself or use a GPU driver" >&2
    fi
  fi

  # chromium alone (no recommends: avahi, samba, cups helpers are not needed
  # and cost CI minutes).
  if [ -z "$(installed_version chromium)" ]; then
    say "apt-get install --no-install-recommends chromium (SwiftShader Vulkan ICD, headless browser)"
    apt_update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
    did+=("installed chromium $(installed_version chromium)")
  fi
  if [ ! -f "$SWIFTSHADER_ICD" ]; then
    say "warning: chromium is installed but has no $SWIFTSHADER_ICD:" \
      "the *_swiftshader tests will skip (and fail under CI=true)" >&2
  fi
else
  say "not a Debian system: install cmake, ninja, gcc, clang (with libFuzzer), npm, a" \
    "Vulkan driver (mesa >= $MESA_MIN_MAJOR lavapipe or a GPU driver) and chromium" \
    "(for SwiftShader's Vulkan ICD, $SWIFTSHADER_ICD) yourself"
fi

# ---------------- Dawn, Dawn for Node: files of pinned npm packages ----------------
# have_npm_files DIR FILE NAME VERSION: DIR holds FILE and the package.json of NAME@VERSION.
have_npm_files() {
  [ -f "$1/$2" ] && [ -f "$1/package.json" ] &&
    node -e 'const p=require(process.argv[1]); process.exit(p.name===process.argv[2] && p.version===process.argv[3] ? 0 : 1)' \
      "$1/package.json" "$3" "$4" 2>/dev/null
}
# npm_files WHAT NAME VERSION DIR FILE LICENSE: makes DIR hold FILE (a path in
# the npm package NAME@VERSION, kept under its base name), the package's
# package.json and its LICENSE file when it has one, fetched with `npm pack`
# unless that version is there already. WHAT names it in messages.
pack_tmp=
trap '[ -z "$pack_tmp" ] || rm -rf "$pack_tmp"' EXIT
npm_files() {
  local what=$1 name=$2 version=$3 dir=$4 file=$5 license=$6
  if have_npm_files "$dir" "${file##*/}" "$name" "$version"; then
    say "$what $name@$version already in $dir"
    return
  fi
  if ! command -v npm >/dev/null 2>&1; then
    say "npm is needed to fetch $what ($name@$version)" >&2
    exit 1
  fi
  say "fetching $name@$version (npm pack) into $dir"
  pack_tmp=$(mktemp -d "${TMPDIR:-/tmp}/cw-npm-pack.XXXXXX")
  (cd "$pack_tmp" && npm pack --silent "$name@$version" >/dev/null)
  # only the files kept (the webgpu package holds every platform's build); tar
  # fails on a member the package lacks (LICENSE may be one): FILE is checked below
  tar -xzf "$(ls "$pack_tmp"/*.tgz)" -C "$pack_tmp" package/package.json "package/$file" "package/$license" \
    2>/dev/null || true
  if [ ! -f "$pack_tmp/package/$file" ] || [ ! -f "$pack_tmp/package/package.json" ]; then
    say "$name@$version has no package/$file" >&2
    exit 1
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$pack_tmp/package/$file" "$pack_tmp/package/package.json" "$dir/"
  if [ -f "$pack_tmp/package/$license" ]; then cp "$pack_tmp/package/$license" "$dir/"; fi
  rm -rf "$pack_tmp"
  pack_tmp=
  have_npm_files "$dir" "${file##*/}" "$name" "$version" || { say "$what install check failed in $dir" >&2; exit 1; }
  did+=("fetched $what $version")
}

# Dawn (webgpu.h, for the webgpu backend)
npm_files Dawn "$DAWN_NPM_PACKAGE" "$DAWN_NPM_VERSION" "$dawn_dir" "$DAWN_LIB" LICENSE
# Dawn for Node (npm_node: the npm package's WebGPU runtime)
if [ "$(uname -m)" = x86_64 ] ||
   have_npm_files "$dawn_node_dir" "${DAWN_NODE_LIB##*/}" "$DAWN_NODE_NPM_PACKAGE" "$DAWN_NODE_NPM_VERSION"; then
  npm_files "Dawn for Node" "$DAWN_NODE_NPM_PACKAGE" "$DAWN_NODE_NPM_VERSION" "$dawn_node_dir" "$DAWN_NODE_LIB" \
    LICENSE.md
else
  say "Dawn for Node: only its linux-x64 build is fetched; npm_node skips its WebGPU part here"
fi

# ---------------- the npm package (npm/, docs/npm.md) ----------------
# Emscripten builds the transpiler to WebAssembly (npm/scripts/build-wasm.sh;
# Emscripten rather than clang + wasi-libc because the front-end needs
# setjmp/longjmp, which Debian's wasi-libc lacks). `npm ci` installs the
# browser tests' playwright-core from npm/package-lock.json.
EMSCRIPTEN_VERSION=3.1.6~dfsg-5
install_npm_package_deps() {
  if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
    if [ -z "$(installed_version emscripten)" ]; then
      say "apt-get install --no-install-recommends emscripten=$EMSCRIPTEN_VERSION (WebAssembly transpiler build)"
      apt_update
      if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
          "emscripten=$EMSCRIPTEN_VERSION"; then
        say "emscripten $EMSCRIPTEN_VERSION not available; installing the distribution's version"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends emscripten
      fi
      did+=("installed emscripten $(installed_version emscripten)")
    fi
  elif ! command -v emcc >/dev/null 2>&1; then
    say "not a Debian system: install Emscripten (emcc) yourself for the npm package"
  fi
  local npmdir=$root/npm
  if [ -f "$npmdir/package-lock.json" ] && command -v npm >/dev/null 2>&1; then
    # npm ci only when node_modules does not match the lock file.
    if ! (cd "$npmdir" && node -e '
        const lock = require("./package-lock.json").packages;
        for (const [p, v] of Object.entries(lock)) {
          if (!p) continue;
          let have; try { have = require("./" + p + "/package.json").version; } catch { process.exit(1); }
          if (have !== v.version) process.exit(1);
        }' 2>/dev/null); then
      say "npm ci in npm/ (playwright-core for the browser tests)"
      (cd "$npmdir" && npm ci --silent --no-audit --no-fund)
      did+=("npm ci in npm/")
    else
      say "npm/node_modules matches npm/package-lock.json"
    fi
  fi
}
install_npm_package_deps

# NVRTC (ctest nvrtc_corpus, the cuda backend) comes with NVIDIA's CUDA
# toolkit, which no Debian main package provides: it is part of this project's
# machine image (/usr/local/cuda). Say so when it is missing rather than fail
# later with a less clear message.
if ! compgen -G "/usr/local/cuda/lib64/libnvrtc.so*" >/dev/null &&
   ! compgen -G "${CUDA_PATH:-/nonexistent}/lib64/libnvrtc.so*" >/dev/null; then
  say "warning: NVRTC not found in /usr/local/cuda or \$CUDA_PATH: nvrtc_corpus needs the CUDA toolkit (not installable from Debian main)"
fi

if [ ${#did[@]} -eq 0 ]; then
  say "everything already installed"
else
  for d in "${did[@]}"; do say "done: $d"; done
fi
