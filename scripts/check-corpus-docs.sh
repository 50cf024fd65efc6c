#!/usr/bin/env bash
# Checks that docs/corpus.md describes the corpus on disk:
#   - every row of the three file tables names an existing file,
#   - every tests/kernels/*.cu, tests/kernels/c_only/*.cu and tests/negative/*.cu has a row,
#   - the "Counts:" line gives the numbers of files on disk.
# Usage: scripts/check-corpus-docs.sh [REPO_ROOT]   (exit 0: consistent, 1: mismatch)
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
doc=$root/docs/corpus.md
[ -f "$doc" ] || { echo "missing $doc"; exit 1; }
cd "$root" || exit 1
fails=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# First column of each table row, by section: "K" corpus, "C" c_only, "N" negative.
awk -v dir="$tmp" '
  /^## /            { sec = "" }
  /^## Corpus kernels/ { sec = "K" }
  /^## C-only kernels/ { sec = "C" }
  /^## Negative inputs/ { sec = "N" }
  sec != "" && /^\| `/ {
    split($0, col, "|"); f = col[2]; gsub(/[ `]/, "", f)
    print f > (dir "/" sec)
  }' "$doc"
touch "$tmp/K" "$tmp/C" "$tmp/N"
sed -i 's#^c_only/##' "$tmp/C"

check() { # section-file dir label
  sort -u "$1" > "$1.doc"
  (cd "$2" && ls -1 -- *.cu) | sort > "$1.disk"
  for f in $(comm -23 "$1.doc" "$1.disk"); do echo "docs/corpus.md: $3 row for '$f', but $2/$f does not exist"; fails=$((fails + 1)); done
  for f in $(comm -13 "$1.doc" "$1.disk"); do echo "docs/corpus.md: no $3 row for $2/$f"; fails=$((fails + 1)); done
}
check "$tmp/K" tests/kernels corpus
check "$tmp/C" tests/kernels/c_only c_only
check "$tmp/N" tests/negative negative

nk=$(ls -1 tests/kernels/*.cu | wc -l)
nc=$(ls -1 tests/kernels/c_only/*.cu | wc -l)
nn=$(ls -1 tests/negative/*.cu | wc -l)
want="Counts: $nk top-level kernel files, $nc C-only files, $nn negative inputs."
if ! grep -qxF "$want" "$doc"; then
  echo "docs/corpus.md: the counts line must read: $want"
  echo "  found: $(grep -m1 '^Counts:' "$doc" || echo '(none)')"
  fails=$((fails + 1))
fi
[ $fails -eq 0 ] && echo "docs/corpus.md matches the corpus ($nk kernels, $nc C-only, $nn negative)"
[ $fails -eq 0 ]
