#!/usr/bin/env bash
# Builds the transpiler (the C sources of src/util, front, ir, back, api: the
# same files as the native library, without the runtime) to WebAssembly with
# Emscripten, into npm/dist/cudawasm-core.{mjs,wasm}.
#   npm/scripts/build-wasm.sh [OUTDIR]
# Emscripten, not clang --target=wasm32-wasi: the front-end reports errors by
# longjmp (src/util/diag.c) and Debian's wasi-libc (2022) has no setjmp;
# Emscripten implements setjmp/longjmp. See docs/npm.md.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$here/dist}
mkdir -p "$out"
# Debian's emcc runs its JS optimizer with node; Debian keeps acorn in /usr/share/nodejs.
export NODE_PATH=${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs
command -v emcc >/dev/null || { echo "build-wasm: emcc not found (scripts/install-deps.sh installs emscripten)" >&2; exit 1; }
srcs=$(cd "$root" && ls src/util/*.c src/front/*.c src/ir/*.c src/ir/passes/*.c src/back/*.c src/back/*/*.c src/api/*.c)
objdir=${CW_WASM_OBJDIR:-$root/build/npm-obj}
mkdir -p "$objdir"
# A small make-like loop: recompile only what changed (2 shared cores).
objs=()
pids=()
for s in $srcs npm/csrc/wasm_api.c npm/csrc/interp.c npm/csrc/interp_expr.c npm/csrc/wasm_compile.c; do
  o=$objdir/$(echo "$s" | tr / _).o
  objs+=("$o")
  if [ ! -f "$o" ] || [ "$root/$s" -nt "$o" ] || [ -n "$(find "$root/src" "$root/include" "$root/npm/csrc" -name '*.h' -newer "$o" -o -name '*.inc' -newer "$o" | head -1)" ]; then
    emcc -std=c11 -Oz -Wall -Wextra -Wno-unused-parameter -Werror -D_GNU_SOURCE \
      -I"$root/include" -I"$root/src" -c "$root/$s" -o "$o" &
    pids+=($!)
    if [ ${#pids[@]} -ge "${CW_JOBS:-2}" ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
  fi
done
for p in "${pids[@]}"; do wait "$p"; done
emcc -Oz "${objs[@]}" -o "$out/cudawasm-core.mjs" \
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createCudaWasmCore -sENVIRONMENT=web,worker \
  -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=1 -sFORCE_FILESYSTEM=1 -sINCOMING_MODULE_JS_API=[wasmBinary,print,printErr] \
  -sEXPORTED_RUNTIME_METHODS=[FS,UTF8ToString,stringToUTF8,lengthBytesUTF8] \
  -sEXPORTED_FUNCTIONS=[_malloc,_free] -sTOTAL_STACK=1048576
ls -l "$out"/cudawasm-core.*
