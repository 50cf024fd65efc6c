#!/usr/bin/env bash
# Inputs that must be rejected with specific diagnostics.
#
#   run_negative.sh CUDA_WASM
#
# Each tests/negative/*.cu carries header comment lines:
#   // expect: TEXT     (one or more; each TEXT must appear in stderr, e.g.
#                        "bad.cu:7:3: error: goto is not supported")
#   // target: c        (optional; default wgsl)
#   // flags: ...       (optional extra CLI flags)
# The CLI must exit with status 1 exactly (not 0, not 2 = internal error, not
# a signal). Paths in expectations are relative to tests/negative/ (the CLI is
# run from there).
set -u
cw=${1:?usage: run_negative.sh CUDA_WASM}
case $cw in /*) ;; *) cw=$(pwd)/$cw ;; esac
here=$(cd "$(dirname "$0")" && pwd)
dir=$here/negative
work=$(mktemp -d "${TMPDIR:-/tmp}/cw-neg.XXXXXX")
trap 'rm -rf "$work"' EXIT

pass=0
fail=0
shopt -s nullglob
for f in "$dir"/*.cu; do
  base=$(basename "$f")
  target=$(sed -n 's#^[[:space:]]*//[[:space:]]*target:[[:space:]]*\([a-z]*\).*#\1#p' "$f" | head -1)
  flags=$(sed -n 's#^[[:space:]]*//[[:space:]]*flags:[[:space:]]*##p' "$f" | head -1)
  mapfile -t expects < <(sed -n 's#^[[:space:]]*//[[:space:]]*expect:[[:space:]]*##p' "$f" | sed 's/[[:space:]]*$//')
  if [ ${#expects[@]} -eq 0 ]; then
    echo "FAIL $base: no '// expect:' line"
    fail=$((fail + 1))
    continue
  fi
  # shellcheck disable=SC2086  # flags is a list by design
  (cd "$dir" && "$cw" transpile "$base" --target "${target:-wgsl}" $flags -o "$work/out") \
    >"$work/stdout" 2>"$work/stderr"
  rc=$?
  ok=1
  why=""
  if [ $rc -ne 1 ]; then
    ok=0
    if [ $rc -gt 128 ]; then why="killed by signal $((rc - 128))"; else why="exit status $rc, want 1"; fi
  fi
  for e in "${expects[@]}"; do
    if ! grep -qF -- "$e" "$work/stderr"; then
      ok=0
      why="${why:+$why; }missing: $e"
    fi
  done
  if [ $ok -eq 1 ]; then
    echo "ok   $base"
    pass=$((pass + 1))
  else
    echo "FAIL $base: $why"
    sed 's/^/  | /' "$work/stderr" | head -30
    fail=$((fail + 1))
  fi
done
echo "negative: $pass passed, $fail failed"
[ $fail -eq 0 ]
