#!/usr/bin/env bash
# Transpiles every tests/kernels/*.cu to TARGET and validates the output.
#
#   run_corpus.sh TARGET CUDA_WASM [WGSL_CHECK]
#
# Each kernel must transpile with exit 0 and nothing on stderr. WGSL outputs
# are then validated by wgsl-check (Tint inside Dawn) in as few invocations as
# possible, since creating a device is slow: files are grouped by the options
# of their `// wgsl-check: ...` comment line. C outputs are compiled with
# `cc -std=c11 -Wall -Wextra -Werror -O1 -c`. `// args:` lines are for the
# runtime tests and ignored here. A kernel whose `// flags:` line has
# --demote-double is transpiled with it (it matters for wgsl only); its stderr
# must then hold the demotion warnings and no error.
#
# Exit: 0 all passed, 1 any failed, 77 when wgsl-check reports no WebGPU.
set -u
target=${1:?usage: run_corpus.sh wgsl|c CUDA_WASM [WGSL_CHECK]}
cw=${2:?usage: run_corpus.sh wgsl|c CUDA_WASM [WGSL_CHECK]}
check=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
kernels=$here/kernels
name=corpus_$target
cc=${CC:-cc}

case $target in wgsl|c) ;; *) echo "$name: unknown target '$target'" >&2; exit 2 ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/cw-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT

pass=0
fail=0
declare -A opts_of   # output file -> wgsl-check options
declare -A src_of    # output file -> kernel source

# The --f16 forms need a device with shader-f16 to be checked (SwiftShader has none).
f16=0
if [ "$target" = wgsl ] && [ -n "$check" ] && "$cw" devices 2>/dev/null | grep '^webgpu ' | grep -q ', shader-f16'; then
  f16=1
elif [ "$target" = wgsl ] && [ -n "$check" ]; then
  echo "note: the --f16 forms of half kernels are not checked: the device has no shader-f16"
fi

shopt -s nullglob
files=("$kernels"/*.cu)
if [ ${#files[@]} -eq 0 ]; then
  echo "$name: no kernels in $kernels"
  echo "$name: 0 passed, 0 failed"
  exit 0
fi

for f in "${files[@]}"; do
  base=$(basename "$f" .cu)
  out=$work/$base.$target
  demote=()
  if grep -q '^// flags:.*--demote-double' "$f"; then demote=(--demote-double); fi
  if ! "$cw" transpile "$f" --target "$target" -o "$out" --emit-metadata "$out.json" "${demote[@]}" \
      >"$work/$base.stdout" 2>"$work/$base.stderr"; then
    echo "FAIL $base: transpile failed"
    sed 's/^/  /' "$work/$base.stderr"
    fail=$((fail + 1))
    continue
  fi
  if [ ${#demote[@]} -gt 0 ] && [ "$target" = wgsl ]; then
    if grep -q 'error:' "$work/$base.stderr" || ! grep -q 'warning: double demoted to float' "$work/$base.stderr"; then
      echo "FAIL $base: --demote-double: expected its warnings and no error"
      sed 's/^/  /' "$work/$base.stderr"
      fail=$((fail + 1))
      continue
    fi
  elif [ -s "$work/$base.stderr" ]; then
    echo "FAIL $base: diagnostics on stderr"
    sed 's/^/  /' "$work/$base.stderr"
    fail=$((fail + 1))
    continue
  fi
  if [ ! -s "$out" ]; then
    echo "FAIL $base: empty output"
    fail=$((fail + 1))
    continue
  fi
  if [ "$target" = c ]; then
    if "$cc" -std=c11 -Wall -Wextra -Werror -O1 -c "$out" -o "$work/$base.o" \
        2>"$work/$base.ccerr"; then
      echo "ok   $base"
      pass=$((pass + 1))
    else
      echo "FAIL $base: generated C does not compile"
      sed 's/^/  /' "$work/$base.ccerr" | head -40
      fail=$((fail + 1))
    fi
  else
    src_of[$out]=$f
    opts_of[$out]=$(sed -n 's#^[[:space:]]*//[[:space:]]*wgsl-check:[[:space:]]*##p' "$f" | head -1)
    # Kernels with warp operations also compile in their native-subgroup form
    # (--subgroups, used on GPUs with 32-wide subgroups): Tint must accept it
    # too. Results of that form are checked on such a GPU (docs/results/).
    if grep -qE '__shfl|__ballot_sync|__any_sync|__all_sync|__activemask|__syncwarp|__reduce_[a-z]+_sync|cooperative_groups' "$f"; then
      sg=$work/$base.subgroups.wgsl
      if "$cw" transpile "$f" --target wgsl --subgroups -o "$sg" "${demote[@]}" >/dev/null 2>"$work/$base.sg.stderr" &&
          grep -q '^enable subgroups;' "$sg"; then
        src_of[$sg]=$f
        opts_of[$sg]=${opts_of[$out]}
      else
        echo "FAIL $base: --subgroups transpile failed (or made no subgroup code)"
        sed 's/^/  /' "$work/$base.sg.stderr"
        fail=$((fail + 1))
      fi
    fi
    # Kernels with <cuda_fp16.h> also compile in their native-f16 form (--f16,
    # used on devices whose f16 rounds as CUDA's; lavapipe runs it, the
    # diff_webgpu_f16 test): Tint must accept it too, where the device has
    # shader-f16. Kernels with conversions only have no f16 code to check.
    if [ $f16 = 1 ] && grep -q '#include <cuda_fp16.h>' "$f"; then
      hf=$work/$base.f16.wgsl
      if ! "$cw" transpile "$f" --target wgsl --f16 -o "$hf" "${demote[@]}" >/dev/null 2>"$work/$base.f16.stderr"; then
        echo "FAIL $base: --f16 transpile failed"
        sed 's/^/  /' "$work/$base.f16.stderr"
        fail=$((fail + 1))
      elif grep -q '^enable f16;' "$hf"; then
        src_of[$hf]=$f
        opts_of[$hf]=${opts_of[$out]}
      fi
    fi
  fi
done

skipped=0
if [ "$target" = wgsl ]; then
  if [ -z "$check" ]; then
    # No checker built: count transpiled files, but say loudly they are unchecked.
    for out in "${!src_of[@]}"; do
      echo "ok   $(basename "$out" .wgsl) (transpiled; WGSL NOT validated: no wgsl-check)"
      pass=$((pass + 1))
    done
  else
    # One wgsl-check run per distinct option set.
    declare -A groups
    # Keys carry a prefix: bash rejects an empty associative-array key.
    for out in "${!opts_of[@]}"; do groups["k:${opts_of[$out]}"]+="$out"$'\n'; done
    for key in "${!groups[@]}"; do
      opts=${key#k:}
      mapfile -t outs < <(printf '%s' "${groups[$key]}" | sort)
      # shellcheck disable=SC2086  # opts is a list of options by design
      "$check" $opts "${outs[@]}" >"$work/check.out" 2>"$work/check.err"
      rc=$?
      if [ $rc -eq 77 ]; then
        cat "$work/check.err" >&2
        skipped=1
        break
      fi
      for out in "${outs[@]}"; do
        base=$(basename "$out" .wgsl)
        if grep -qF "ok $out (" "$work/check.out"; then
          echo "ok   $base"
          pass=$((pass + 1))
        else
          echo "FAIL $base: wgsl-check${opts:+ $opts}"
          grep -F "$out" "$work/check.err" | sed "s#$work/#  #" | head -40
          fail=$((fail + 1))
        fi
      done
      if [ $rc -ne 0 ] && ! grep -q . "$work/check.err"; then
        echo "FAIL wgsl-check exited with $rc"
        fail=$((fail + 1))
      fi
      grep -v -F "$work/" "$work/check.err" | sed 's/^/  /' || true
    done
  fi
fi

if [ $skipped -eq 1 ]; then
  echo "$name: skipped (no WebGPU adapter)"
  exit 77
fi
echo "$name: $pass passed, $fail failed"
[ $fail -eq 0 ]
