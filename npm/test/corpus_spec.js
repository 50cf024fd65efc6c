// The corpus header specs (docs/corpus.md; parsed natively by tests/diff/spec.c):
// one block per "// kernel: NAME" with args, grid/block/shmem, flags, tol, int-tol.
import fs from 'node:fs';

export function parseSpecs(file) {
  const specs = [];
  let cur = null;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\/\/ ([a-z-]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, key, v] = m;
    if (key === 'kernel') {
      cur = { file, kernel: v.split(/\s/)[0], defines: [], demoteDouble: false, tol: 1e-5, intTol: null,
        grid: [1, 1, 1], block: [1, 1, 1], shared: 0, args: null };
      specs.push(cur);
    } else if (!cur) continue;
    else if (key === 'args') cur.args = v.trim().split(/\s+/);
    else if (key === 'grid') {
      const w = v.trim().split(/\s+/);
      const dim = (s) => { const d = s.split(',').map(Number); while (d.length < 3) d.push(1); return d; };
      cur.grid = dim(w[0]);
      cur.block = dim(w[2]);
      if (w[3] === 'shmem:') cur.shared = Number(w[4]);
    } else if (key === 'flags') {
      for (const f of v.trim().split(/\s+/)) {
        if (f === '--demote-double') cur.demoteDouble = true;
        else if (f.startsWith('-D')) cur.defines.push(f.slice(2));
      }
    } else if (key === 'reference') cur.multiset = /multiset/.test(v);
    else if (key === 'tol') cur.tol = Number(v);
    else if (key === 'int-tol') { const [d, n] = v.trim().split(/\s+/).map(Number); cur.intTol = { d, n }; }
  }
  return specs.filter((s) => s.args);
}
