// Shared by the corpus runs (browser on WebGPU, Node on the interpreter):
// the native reference run and the comparison rules of tests/diff/diff_main.c.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getValue, setValue, TYPE_SIZE } from '../src/argspec.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const native = process.env.CUDA_WASM_NATIVE || path.join(repo, 'build/cuda-wasm');

export function runNative(spec, dir) {
  const args = ['run', spec.file, '--kernel', spec.kernel, '--grid', spec.grid.join(','), '--block', spec.block.join(','),
    '--shared', String(spec.shared), '--backend', 'cpu', '--out-dir', dir, ...spec.defines.map((d) => `-D${d}`), '--', ...spec.args];
  return new Promise((resolve) => {
    const p = spawn(native, args, { cwd: repo });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    // device printf text comes before run's summary ("backend: ...")
    p.on('close', (code) => resolve({ code, err, printf: out.slice(0, Math.max(0, out.search(/^backend: /m))) }));
  });
}

// Quoted includes of a kernel, relative to the repository root (the page's
// in-memory file system resolves them there).
export function includes(file, out = {}) {
  const re = /^[ \t]*#[ \t]*include[ \t]*"([^"\n]+)"/gm;
  for (let m, text = fs.readFileSync(file, 'utf8'); (m = re.exec(text));) {
    const p = path.resolve(path.dirname(file), m[1]);
    const rel = path.relative(repo, p);
    if (fs.existsSync(p) && !(rel in out)) { out[rel] = fs.readFileSync(p, 'utf8'); includes(p, out); }
  }
  return out;
}

export function compare(spec, i, type, got, want) {
  const g = new DataView(got.buffer, got.byteOffset, got.byteLength), w = new DataView(want.buffer, want.byteOffset, want.byteLength);
  const n = want.byteLength / TYPE_SIZE[type];
  if (got.byteLength < want.byteLength) return `arg${i}: ${got.byteLength} bytes, want ${want.byteLength}`;
  let intOff = spec.intTol ? spec.intTol.n : 0;
  for (let k = 0; k < n; k++) {
    const a = getValue(g, k, type), b = getValue(w, k, type);
    let ok;
    if (type === 'f32' || type === 'f64') {
      if (Number.isNaN(b)) ok = Buffer.compare(Buffer.from(got.subarray(k * 4, k * 4 + 4)), Buffer.from(want.subarray(k * 4, k * 4 + 4))) === 0 || Number.isNaN(a);
      else ok = !Number.isNaN(a) && Math.abs(a - b) <= 2 * spec.tol * Math.max(1, Math.abs(b));
    } else {
      ok = a === b;
      if (!ok && intOff > 0 && Math.abs(Number(a) - Number(b)) <= spec.intTol.d) { intOff--; ok = true; }
    }
    if (!ok) return `arg${i}[${k}]: got ${a}, want ${b}`;
  }
  return null;
}

export function sortedElems(buf, type) {
  const sz = TYPE_SIZE[type], n = buf.byteLength / sz, d = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const v = Array.from({ length: n }, (_, k) => getValue(d, k, type)).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const out = new Uint8Array(buf.byteLength), o = new DataView(out.buffer);
  v.forEach((x, k) => setValue(o, k * sz, type, x));
  return out;
}


// Device printf output: threads print in a backend-dependent order, so the
// lines are compared as a multiset.
export function comparePrintf(got, want) {
  const g = (got || '').split('\n').filter(Boolean).sort(), w = (want || '').split('\n').filter(Boolean).sort();
  if (g.length !== w.length) return `printf: ${g.length} lines, want ${w.length}`;
  for (let i = 0; i < w.length; i++) if (g[i] !== w[i]) return `printf: got line '${g[i]}', want '${w[i]}'`;
  return null;
}
