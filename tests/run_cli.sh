#!/usr/bin/env bash
# Tests of `cuda-wasm run` and `cuda-wasm devices`.
#
#   tests/run_cli.sh CUDA_WASM
#
# saxpy runs on every backend present with iota/fill inputs, so the expected
# outputs (y[i] = 2*i + 1) are known without running anything else; every
# error path must exit 1 with its message; --check must catch the planted
# out-of-bounds write of tests/cli/oob.cu. When the webgpu backend is absent
# the cpu tests still run and the script exits 77 (skip) at the end, except
# with CI=true, where that is a failure.
set -u
CW=${1:?usage: run_cli.sh CUDA_WASM}
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/     /'; }

SAXPY=$T/saxpy.cu
cat >"$SAXPY" <<'EOF'
__global__ void saxpy(int n, float a, const float *x, float *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}
EOF
SAX_ARGS=(i32:1000 f32:2 'f32[1000]:iota' 'f32[1000]:fill(1)')

# Checks that FILE holds 1000 floats equal to 2*i + 1 (computed here by awk).
check_saxpy_out() {
  od -An -v -tf4 -w4 "$1" | awk '{ v = $1 + 0; if (v != 2 * (NR - 1) + 1) { printf "y[%d] = %s, want %d\n", NR - 1, $1, 2 * (NR - 1) + 1; bad = 1; exit } }
    END { if (!bad && NR != 1000) { printf "%d elements, want 1000\n", NR; bad = 1 } exit bad }'
}

# ---- devices ----
out=$("$CW" devices 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q '^cpu  *available: ' <<<"$out" &&
   grep -Eq '^cuda  *(available|unavailable): .+' <<<"$out" && ! grep -q 'not implemented\|not built into' <<<"$out" &&
   grep -Eq '^hip  *(available|unavailable): .+' <<<"$out" &&
   grep -Eq '^cpu-tcc  *(available: libtcc|unavailable: not built with libtcc)' <<<"$out" &&
   grep -Eq '^(gpu [0-9]+ |gpus  *none found$)' <<<"$out" && grep -q '^probe  *sysfs: ' <<<"$out" &&
   grep -q '^probe  *nvml: ' <<<"$out" &&
   grep -Eq '^webgpu  *(available|unavailable): .+' <<<"$out" && grep -Eq '^auto  *picks (cuda|hip|cpu|webgpu)$' <<<"$out"; then
  ok "devices"
else
  bad "devices (rc=$rc)" "$out"
fi
have_webgpu=0
grep -q '^webgpu  *available: ' <<<"$out" && have_webgpu=1
# disabling steps: by name in CW_DISABLE, and the whole chain
out=$(CW_DISABLE=cuda,hip,webgpu,cc "$CW" devices 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q '^cpu  *disabled (CW_DISABLE)$' <<<"$out" &&
   { grep -q '^auto  *picks cpu-tcc$' <<<"$out" || grep -q '^cpu-tcc  *unavailable: not built with libtcc' <<<"$out"; }; then
  ok "devices with CW_DISABLE"
else
  bad "devices with CW_DISABLE (rc=$rc)" "$out"
fi
out=$(CW_DISABLE=cuda,hip,webgpu,cpu "$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 256 -- i32:1000 f32:2 'f32[1000]:iota' 'f32[1000]:fill(1)' 2>&1); rc=$?
if [ $rc -eq 1 ] && grep -q 'no usable backend (every backend requested is disabled); tried:' <<<"$out" &&
   grep -q '^cpu-tcc: disabled (CW_DISABLE)$' <<<"$out"; then
  ok "run with every backend disabled"
else
  bad "run with every backend disabled (rc=$rc)" "$out"
fi
# -v names the step chosen and why the others were not (here: no C compiler)
out=$(CW_FAULT=no-cc "$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 256 -v --out-dir "$T/tcc" -- i32:1000 f32:2 'f32[1000]:iota' 'f32[1000]:fill(1)' 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q "^  cpu: unavailable: C compiler '.*' not found: install gcc or set CC (simulated: CW_FAULT=no-cc)$" <<<"$out" &&
   grep -q '^  cpu-tcc: available (libtcc ' <<<"$out" && check_saxpy_out "$T/tcc/arg3.bin"; then
  ok "run -v on the libtcc step"
elif grep -q 'cpu-tcc: unavailable: not built with libtcc' <<<"$out"; then
  ok "run -v on the libtcc step (not built with libtcc: refused as expected)"
else
  bad "run -v on the libtcc step (rc=$rc)" "$out"
fi

# ---- saxpy on each backend ----
backends=(cpu)
[ $have_webgpu -eq 1 ] && backends+=(webgpu)
for b in "${backends[@]}"; do
  mkdir -p "$T/$b"
  out=$("$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 256 --backend "$b" --out-dir "$T/$b" -- "${SAX_ARGS[@]}" 2>&1)
  rc=$?
  # sum of y = sum(2i+1) = 1000000; x (iota) unchanged: sum 499500
  if [ $rc -eq 0 ] && grep -q "^backend: $b$" <<<"$out" && grep -q '^arg3 y f32\[1000\]: .* sum 1000000 ' <<<"$out" &&
     grep -q '^arg2 x f32\[1000\]: .* sum 499500 ' <<<"$out" && msg=$(check_saxpy_out "$T/$b/arg3.bin"); then
    ok "run saxpy --backend $b"
  else
    bad "run saxpy --backend $b (rc=$rc)" "$out
${msg:-}"
  fi
  # repeats start from the initial contents: the outputs stay y = 2i+1
  out=$("$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 256 --backend "$b" --repeat 3 --out-dir "$T/$b" -- "${SAX_ARGS[@]}" 2>&1)
  rc=$?
  if [ $rc -eq 0 ] && grep -q 'median of 3' <<<"$out" && msg=$(check_saxpy_out "$T/$b/arg3.bin"); then
    ok "run saxpy --repeat 3 --backend $b"
  else
    bad "run saxpy --repeat 3 --backend $b (rc=$rc)" "$out
${msg:-}"
  fi
done
if [ $have_webgpu -eq 1 ]; then
  if cmp -s "$T/cpu/arg3.bin" "$T/webgpu/arg3.bin"; then ok "cpu and webgpu outputs identical"
  else bad "cpu and webgpu outputs differ"; fi
fi

out=$("$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 256 --backend cpu --json -- "${SAX_ARGS[@]}" 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q '"backend": "cpu"' <<<"$out" && grep -q '"name": "y", "type": "f32", "count": 1000, "fnv1a64": "[0-9a-f]\{16\}", "sum": 1000000}' <<<"$out" &&
   grep -q '"name": "n", "type": "i32", "value": 1000}' <<<"$out"; then
  ok "run --json"
else
  bad "run --json (rc=$rc)" "$out"
fi

# -v names the backends not used and why
out=$("$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 256 --backend cpu -v -- "${SAX_ARGS[@]}" 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -q '^  webgpu: skipped: backend cpu requested$' <<<"$out"; then ok "run -v"; else bad "run -v (rc=$rc)" "$out"; fi

# rand(SEED) is reproducible and honours the contract: u32 full range, i32 in [-1000, 1000]
cat >"$T/copy.cu" <<'EOF'
__global__ void copy_i(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = in[i];
}
EOF
"$CW" run "$T/copy.cu" --kernel copy_i --grid 8 --block 128 --backend cpu --out-dir "$T" -- 'i32[1000]:rand(7)' 'i32[1000]:zero' i32:1000 >/dev/null 2>&1
if od -An -v -td4 -w4 "$T/arg1.bin" | awk '{ v = $1 + 0; if (v < -1000 || v > 1000) exit 1; if (v < 0) neg++; d[v] = 1 }
     END { n = 0; for (k in d) n++; exit !(NR == 1000 && neg > 300 && n > 500) }' && cmp -s "$T/arg0.bin" "$T/arg1.bin"; then
  ok "rand(7) i32 in [-1000, 1000] and copied exactly"
else
  bad "rand(7) i32 contract"
fi

# file(PATH) input: the previous output fed back in
out=$("$CW" run "$T/copy.cu" --kernel copy_i --grid 8 --block 128 --backend cpu --out-dir "$T" -- "i32[1000]:file($T/arg1.bin)" 'i32[1000]:fill(5)' i32:1000 2>&1); rc=$?
if [ $rc -eq 0 ] && cmp -s "$T/arg0.bin" "$T/arg1.bin"; then ok "file(PATH) input"; else bad "file(PATH) input (rc=$rc)" "$out"; fi

# ---- error paths: exit 1 with a precise message ----
expect_error() { # NAME EXPECTED-SUBSTRING CMD...
  local name=$1 want=$2
  shift 2
  local out rc
  out=$("$@" 2>&1 >/dev/null); rc=$?
  if [ $rc -eq 1 ] && grep -qF -- "$want" <<<"$out"; then ok "error: $name"
  else bad "error: $name: rc=$rc, wanted '$want' in:" "$out"; fi
}
R=("$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 256 --backend cpu)
expect_error "unknown kernel" "no kernel named 'nope' in the module (kernels: 'saxpy')" \
  "$CW" run "$SAXPY" --kernel nope --grid 4 --block 256 --backend cpu -- "${SAX_ARGS[@]}"
expect_error "too few arguments" "kernel 'saxpy' takes 4 arguments, 3 given" "${R[@]}" -- i32:1000 f32:2 'f32[1000]:iota'
expect_error "scalar for a pointer" "argument 2 ('x', declared 'const float *') is a pointer" \
  "${R[@]}" -- i32:1000 f32:2 f32:1 'f32[1000]:zero'
expect_error "buffer for a value" "argument 0 ('n', declared 'int') is a value" \
  "${R[@]}" -- 'i32[4]:zero' f32:2 'f32[1000]:iota' 'f32[1000]:zero'
expect_error "float for an int" "argument 0 ('n', declared 'int') needs a value of type i32; got f32" \
  "${R[@]}" -- f32:1000 f32:2 'f32[1000]:iota' 'f32[1000]:zero'
expect_error "element type" "argument 3 ('y', declared 'float *') points at f32 elements; the buffer is i32" \
  "${R[@]}" -- i32:1000 f32:2 'f32[1000]:iota' 'i32[1000]:zero'
expect_error "bad grid 0,1" "--grid '0,1': dimension 1 is 0" \
  "$CW" run "$SAXPY" --kernel saxpy --grid 0,1 --block 256 -- "${SAX_ARGS[@]}"
expect_error "bad block 1,2,3,4" "has more than 3 dimensions" \
  "$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 1,2,3,4 -- "${SAX_ARGS[@]}"
expect_error "block too large" "the limits are 1024 threads per block" \
  "$CW" run "$SAXPY" --kernel saxpy --grid 1 --block 2048 --backend cpu -- "${SAX_ARGS[@]}"
expect_error "bad type" "unknown type 'f16'" "${R[@]}" -- i32:1000 f16:2 'f32[1000]:iota' 'f32[1000]:zero'
expect_error "bad value" "'2x' is not a valid f32 value" "${R[@]}" -- i32:1000 f32:2x 'f32[1000]:iota' 'f32[1000]:zero'
expect_error "value out of range" "i32 value '3000000000' is out of range" \
  "${R[@]}" -- i32:3000000000 f32:2 'f32[1000]:iota' 'f32[1000]:zero'
expect_error "bad initialiser" "unknown initialiser 'ones'" "${R[@]}" -- i32:1000 f32:2 'f32[1000]:ones' 'f32[1000]:zero'
expect_error "zero count" "a buffer needs at least 1 element" "${R[@]}" -- i32:1000 f32:2 'f32[0]:zero' 'f32[1000]:zero'
expect_error "unreadable file" "cannot open '$T/none.bin'" \
  "${R[@]}" -- i32:1000 f32:2 "f32[1000]:file($T/none.bin)" 'f32[1000]:zero'
printf '12345678' >"$T/eight.bin"
expect_error "file of the wrong size" "'$T/eight.bin' has 8 bytes; the buffer needs exactly 4000" \
  "${R[@]}" -- i32:1000 f32:2 "f32[1000]:file($T/eight.bin)" 'f32[1000]:zero'
expect_error "missing input file" "cannot read '$T/none.cu'" \
  "$CW" run "$T/none.cu" --kernel saxpy --grid 1 --block 1 -- i32:1
expect_error "syntax error" "error: expected ';'" \
  "$CW" run "$HERE/negative/missing_semicolon.cu" --kernel k --grid 1 --block 1 --backend cpu --
expect_error "unknown backend" "unknown backend 'metal'" \
  "$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 256 --backend metal -- "${SAX_ARGS[@]}"
expect_error "no --kernel" "run needs --kernel NAME" "$CW" run "$SAXPY" --grid 4 --block 256 -- "${SAX_ARGS[@]}"
expect_error "--check with webgpu" "--check needs the cpu backend" \
  "$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 256 --backend webgpu --check -- "${SAX_ARGS[@]}"
if [ $have_webgpu -eq 1 ]; then
  expect_error "kernel the wgsl target rejects" "double-precision arithmetic is not supported by the wgsl target" \
    "$CW" run "$HERE/kernels/c_only/double_saxpy.cu" --kernel daxpy --grid 1 --block 64 --backend webgpu -- \
    i32:64 f64:2 'f64[64]:iota' 'f64[64]:zero'
  # --demote-double: the same kernel in float, f64 buffers passed as float and read back;
  # every demoted parameter named in a warning. y = 2 * iota + 0.5: sum 2 * 2016 + 32 = 4064
  out=$("$CW" run "$HERE/kernels/c_only/double_saxpy.cu" --kernel daxpy --grid 1 --block 64 --backend webgpu \
    --demote-double -- i32:64 f64:2 'f64[64]:iota' 'f64[64]:fill(0.5)' 2>&1); rc=$?
  if [ $rc -eq 0 ] && grep -q '^arg3 y f64\[64\]: .* sum 4064$' <<<"$out" &&
     grep -q "warning: double demoted to float: buffer 'y' holds float elements" <<<"$out" &&
     grep -q "warning: double demoted to float: parameter 'a' is converted to float" <<<"$out"; then
    ok "--demote-double on webgpu"
  else
    bad "--demote-double on webgpu (rc $rc)" "$out"
  fi
else
  expect_error "webgpu unavailable" "cannot create a webgpu context" \
    "$CW" run "$SAXPY" --kernel saxpy --grid 4 --block 256 --backend webgpu -- "${SAX_ARGS[@]}"
fi

# ---- --check catches the planted out-of-bounds write ----
OOB=$HERE/cli/oob.cu
expect_error "--check out of bounds" "memcheck: kernel 'oob_write': out-of-bounds write at $OOB:6:" \
  "$CW" run "$OOB" --kernel oob_write --grid 1 --block 64 --check -- 'f32[64]:zero' i32:64
expect_error "--check names the element" "accessed out[64] but 'out' has 64 elements" \
  "$CW" run "$OOB" --kernel oob_write --grid 1 --block 64 --check -- 'f32[64]:zero' i32:64
# with room for the extra element the same launch is clean: --check does not cry wolf
out=$("$CW" run "$OOB" --kernel oob_write --grid 1 --block 64 --check -- 'f32[65]:zero' i32:64 2>&1); rc=$?
# sum of out[1..64] = 0 + 1 + ... + 63 = 2016
if [ $rc -eq 0 ] && grep -q '^arg0 out f32\[65\]: .* sum 2016' <<<"$out"; then ok "--check in bounds"; else bad "--check in bounds (rc=$rc)" "$out"; fi

# ---- device printf and assert (docs/runtime.md) ----
PR=$T/print.cu
cat >"$PR" <<'EOF'
#include <cstdio>
#include <assert.h>
__global__ void pr(const int *a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    printf("thread %d: a=%4d %s\n", i, a[i], "ok");
    assert(a[i] < 3);
  }
}
EOF
prb=(cpu)
[ $have_webgpu -eq 1 ] && prb+=(webgpu)
for b in "${prb[@]}"; do
  out=$("$CW" run "$PR" --kernel pr --grid 2 --block 2 --backend "$b" -- 'i32[4]:iota' i32:3 2>/dev/null); rc=$?
  want=$'thread 0: a=   0 ok\nthread 1: a=   1 ok\nthread 2: a=   2 ok'
  if [ $rc -eq 0 ] && [ "$(grep '^thread' <<<"$out" | sort)" = "$want" ]; then ok "printf lines on stdout ($b)"
  else bad "printf lines on stdout ($b): rc=$rc" "$out"; fi
  expect_error "assert fails ($b)" "assertion 'a[i] < 3' failed at print.cu:7 in kernel pr, block (1,0,0), thread (1,0,0)" \
    "$CW" run "$PR" --kernel pr --grid 2 --block 2 --backend "$b" -- 'i32[4]:iota' i32:4
done

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ] || exit 1
if [ $have_webgpu -eq 0 ]; then
  if [ "${CI:-}" = true ]; then echo "cli: webgpu backend unavailable in CI"; exit 1; fi
  echo "cli: webgpu backend unavailable: its tests were skipped"
  exit 77
fi
exit 0
