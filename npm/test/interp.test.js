// The CPU fallback (interpreter, first step) runs the corpus kernels
// (tests/kernels/*.cu) inside WebAssembly, in Node, with the arguments of
// their header specs; every buffer is compared with the native CPU backend's
// (`cuda-wasm run --backend cpu --out-dir`, itself checked against the
// plain-C references by the diff_cpu ctest), with diff_runner's rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InterpreterRuntime } from '../src/interp.js';
import { WasmCpuRuntime } from '../src/wasmcpu.js';
import { parseArg } from '../src/argspec.js';
import { parseSpecs } from './corpus_spec.js';
import { compare, comparePrintf, sortedElems, runNative, includes } from './compare.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

for (const [name, Runtime] of [['interpreter', InterpreterRuntime], ['wasm back-end', WasmCpuRuntime]])
test(`corpus kernels on the CPU fallback (${name}) match the native CPU backend`, async () => {
  const rt = await Runtime.create();
  const engines = { wasm: 0, interpreter: 0 }, refused = {};
  rt.transpiler.chdir(repo);
  const dir = path.join(repo, 'tests/kernels');
  const only = process.env.CW_KERNELS ? new Set(process.env.CW_KERNELS.split(';')) : null;
  const specs = fs.readdirSync(dir).filter((f) => f.endsWith('.cu')).sort()
    .flatMap((f) => parseSpecs(path.join(dir, f))).filter((s) => !only || only.has(s.kernel));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-interp-'));
  const fails = [];
  let pass = 0;
  // native references two at a time, ahead of the interpreter
  const refs = specs.map(() => null);
  let next = 0;
  const worker = async () => {
    for (let i; (i = next++) < specs.length;) {
      const d = fs.mkdtempSync(path.join(tmp, 'ref-'));
      refs[i] = runNative(specs[i], d).then((r) => ({ ...r, dir: d }));
      await refs[i];
    }
  };
  const workers = [worker(), worker()];
  const t0 = Date.now();
  for (const [i, s] of specs.entries()) {
    const label = `${path.basename(s.file)}:${s.kernel}`;
    while (!refs[i]) await new Promise((r) => setTimeout(r, 10));
    const ref = await refs[i];
    if (ref.code !== 0) { fails.push(`${label}: native run failed: ${ref.err.trim()}`); continue; }
    const parsed = s.args.map(parseArg);
    try {
      rt.transpiler.addFiles(includes(s.file));
      const mod = await rt.loadModule(fs.readFileSync(s.file, 'utf8'), { filename: path.relative(repo, s.file), defines: s.defines });
      const bufs = parsed.map((a) => {
        if (a.kind !== 'buffer') return null;
        const b = rt.malloc(a.bytes.byteLength);
        rt.write(b, a.bytes);
        return b;
      });
      const how = rt.launch(mod.kernel(s.kernel), { grid: s.grid, block: s.block, shared: s.shared, args: parsed.map((a, j) => bufs[j] || a.value) });
      engines[how?.engine || 'interpreter']++;
      if (how?.why) refused[how.why] = (refused[how.why] || 0) + 1;
      let msg = null;
      for (const [j, a] of parsed.entries()) {
        if (msg || a.kind !== 'buffer') continue;
        const got = new Uint8Array(await rt.read(bufs[j]));
        const want = new Uint8Array(fs.readFileSync(path.join(ref.dir, `arg${j}.bin`)));
        msg = compare(s, j, a.type, got, want);
        if (msg && s.multiset) msg = compare(s, j, a.type, sortedElems(got, a.type), sortedElems(want, a.type));
      }
      if (!msg) msg = comparePrintf(mod.output, ref.printf);
      for (const b of bufs) b?.free();
      for (const g of mod.globals) g.buf.free();
      if (msg) fails.push(`${label}: ${msg}`);
      else pass++;
    } catch (e) {
      fails.push(`${label}: ${e.message.split('\n')[0]}`);
    }
  }
  await Promise.all(workers);
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`${name}: ran ${engines.wasm} kernels compiled to WebAssembly, ${engines.interpreter} interpreted${Object.keys(refused).length ? ` (not compiled yet: ${JSON.stringify(refused)})` : ''}`);
  console.log(`${name}: ${pass} passed, ${fails.length} failed of ${specs.length} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  for (const f of fails) console.log(`FAIL ${f}`);
  assert.deepEqual(fails, []);
  assert.ok(pass >= (only ? 1 : 150));
  if (Runtime === WasmCpuRuntime) assert.ok(engines.wasm >= (only ? 1 : 150), 'most kernels must run compiled');
});

test('the interpreter reports out-of-bounds accesses instead of corrupting memory', async () => {
  const rt = await InterpreterRuntime.create();
  const mod = await rt.loadModule('__global__ void k(int *a) { a[threadIdx.x + 4] = 1; }', { filename: 'oob.cu' });
  const a = rt.malloc(16);
  assert.throws(() => rt.launch(mod.kernel('k'), { grid: 1, block: 1, args: [a] }), /out-of-bounds access: element 4 of 'a' \(4 elements\)/);
});

test('compiled kernels report out-of-bounds accesses and failed asserts', async () => {
  const rt = await WasmCpuRuntime.create();
  const mod = await rt.loadModule('__global__ void k(int *a) { a[threadIdx.x + 4] = 1; }', { filename: 'oob.cu' });
  const a = rt.malloc(16);
  assert.throws(() => rt.launch(mod.kernel('k'), { grid: 1, block: 1, args: [a] }), /oob\.cu:1: out-of-bounds access: element 4 of 'a'/);
  const m2 = await rt.loadModule('#include <assert.h>\n__global__ void k(int *a) { assert(a[threadIdx.x] == 0); }', { filename: 'as.cu' });
  const b = rt.malloc(16);
  rt.write(b, Int32Array.of(0, 0, 7, 0));
  assert.deepEqual(rt.launch(m2.kernel('k'), { grid: 1, block: 2, args: [b] }), { engine: 'wasm' });
  assert.throws(() => rt.launch(m2.kernel('k'), { grid: 1, block: 4, args: [b] }), /assertion 'a\[threadIdx.x\] == 0' failed at as.cu:2 in kernel k, block \(0,0,0\), thread \(2,0,0\)/);
});

// Pointers into the middle of an allocation (C's `x + 4`): the kernel sees the
// elements from the offset on, bounds checks count from there, and an offset
// that splits an element is refused.
const SAXPY_AT = `__global__ void saxpy(int n, float a, const float *x, float *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}`;
for (const [name, Runtime] of [['interpreter', InterpreterRuntime], ['wasm back-end', WasmCpuRuntime]])
test(`kernel arguments at offsets into allocations (${name})`, async () => {
  const rt = await Runtime.create();
  const mod = await rt.loadModule(SAXPY_AT, { filename: 'at.cu' });
  const N = 1000, xs = new Float32Array(N), ys = new Float32Array(N);
  for (let i = 0; i < N; i++) { xs[i] = i * 0.5 - 3; ys[i] = 1000 - i; }
  const x = rt.malloc(4 * N), y = rt.malloc(4 * N);
  rt.write(x, xs); rt.write(y, ys);
  // y + 40 elements gets 2.5 * (x + 4)[i] + (y + 40)[i] for i < n.
  const xo = 4, yo = 40, n = N - yo;
  const r = rt.launch(mod.kernel('saxpy'), { grid: Math.ceil(n / 128), block: 128, args: [n, 2.5, x.at(4 * xo), y.at(4 * yo)] });
  if (Runtime === WasmCpuRuntime) assert.deepEqual(r, { engine: 'wasm' });
  const got = new Float32Array(await rt.read(y));
  for (let i = 0; i < N; i++) {
    const want = i < yo ? ys[i] : Math.fround(Math.fround(2.5 * xs[i - yo + xo]) + ys[i]);
    assert.equal(got[i], want, `y[${i}]`);
  }
  // read and write through a view address the allocation at the view's offset
  const v = y.at(8);
  rt.write(v, Float32Array.of(-1, -2), 4);
  assert.deepEqual([...new Float32Array(await rt.read(y, 16))], [ys[0], ys[1], ys[2], -1]);
  assert.deepEqual([...new Float32Array(await rt.read(v, 8, 4))], [-1, -2]);
  // the view's size ends at the allocation's end: one element more is out of bounds
  assert.throws(() => rt.launch(mod.kernel('saxpy'), { grid: 8, block: 128, args: [n + 1, 1, x, y.at(4 * yo)] }),
    /out-of-bounds access: element 960 of 'y'/);
  assert.throws(() => rt.launch(mod.kernel('saxpy'), { grid: 1, block: 1, args: [1, 1, x.at(6), y] }),
    /pointer argument 'x' of kernel 'saxpy' is at byte offset 6 into its allocation, not a multiple of its 4-byte element/);
  assert.throws(() => x.at(4 * N + 4), /outside this 4000-byte buffer/);
  assert.throws(() => v.free(), /not a pointer into it/);
  x.free(); y.free();
});

// SIMD128 (src/back/wasm/simd.c): kernels whose barrier-free regions run four
// threads per v128 must give what the scalar code gives and what the test
// computes, including where the run-time checks send groups to the scalar
// path (divergent conditions, tails, blocks not a multiple of 4 wide, a
// guarded end of a buffer, an out-of-bounds access).
const fr = Math.fround;
const SIMD_CASES = [
  { name: 'saxpy tail', src: SAXPY_AT, kernel: 'saxpy', n: 1001, grid: 8, block: 128, vector: true,
    args: (b) => [1001, 2.5, b.x, b.y], init: { x: (i) => i * 0.25 - 9, y: (i) => 7 - i },
    want: (n, v) => ({ y: v.y.map((y, i) => fr(fr(2.5 * v.x[i]) + y)) }) },
  { name: 'divergent and uniform conditions', kernel: 'k', n: 1000, grid: 4, block: 256, vector: true,
    src: `__global__ void k(int n, const float *x, float *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) { if ((i & 1) == 0) y[i] = x[i] * 3.0f; else y[i] = -x[i]; }
  if (i < 500 && n > 10) { float t = x[i] / 7.0f; y[i] = y[i] + t; }
}`,
    args: (b) => [1000, b.x, b.y], init: { x: (i) => i * 1.5 - 100, y: () => 0 },
    want: (n, v) => ({ y: v.x.map((x, i) => { const a = i % 2 === 0 ? fr(x * 3) : -x; return i < 500 ? fr(a + fr(x / 7)) : a; }) }) },
  { name: 'integers, wrapping, unsigned compare, int to float', kernel: 'k', n: 1024, grid: 4, block: 256, vector: true,
    src: `__global__ void k(const int *a, const unsigned *u, int *c, float *f, unsigned lim) {
  unsigned j = blockIdx.x * blockDim.x + threadIdx.x;
  int v = a[j] * 65537 - (int)j + 2147483000;
  if ((j | 3u) * 3000000u < lim || j == 5u) c[j] = v ^ (int)u[j]; else c[j] = ~v;
  f[j] = (float)a[j] * 0.5f + (float)u[j];
}`,
    args: (b) => [b.a, b.u, b.c, b.f, 2000000000], init: { a: (i) => (i * 2654435761) | 0, u: (i) => (i * 40503 * 65537) >>> 0, c: () => 0, f: () => 0 },
    types: { a: Int32Array, u: Uint32Array, c: Int32Array },
    want: (n, v) => {
      const c = new Int32Array(n), f = new Float32Array(n);
      for (let j = 0; j < n; j++) {
        const w = (Math.imul(v.a[j], 65537) - j + 2147483000) | 0;
        c[j] = (Math.imul(j | 3, 3000000) >>> 0) < 2000000000 || j === 5 ? w ^ (v.u[j] | 0) : ~w;
        f[j] = fr(fr(fr(v.a[j]) * 0.5) + fr(v.u[j]));
      }
      return { c, f };
    } },
  { name: 'blocks 6 wide (scalar groups)', kernel: 'k', n: 96, grid: 2, block: [6, 8], vector: true,
    src: `__global__ void k(float *y) {
  int i = (blockIdx.x * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
  y[i] = (float)threadIdx.x + 10.0f * (float)threadIdx.y;
}`,
    args: (b) => [b.y], init: { y: () => 0 },
    want: (n) => ({ y: Float32Array.from({ length: n }, (_, i) => (i % 6) + 10 * (Math.floor(i / 6) % 8)) }) },
  { name: 'locals read after a barrier (frames written back)', kernel: 'k', n: 512, grid: 2, block: 256, vector: true,
    src: `__global__ void k(const float *x, float *y, float *z) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i] * 2.0f;
  y[i] = v;
  __syncthreads();
  z[i] = v + y[i ^ 1] + (float)i;
}`,
    args: (b) => [b.x, b.y, b.z], init: { x: (i) => i * 0.75, y: () => 0, z: () => 0 },
    want: (n, v) => {
      const y = v.x.map((x) => fr(x * 2));
      return { y, z: y.map((a, i) => fr(fr(a + y[i ^ 1]) + i)) };
    } },
];
test('SIMD128 regions match the scalar code and values computed here', async () => {
  const rts = [await WasmCpuRuntime.create({ simd: false }), await WasmCpuRuntime.create()];
  for (const cs of SIMD_CASES) {
    const outs = [];
    for (const rt of rts) {
      const mod = await rt.loadModule(cs.src, { filename: 'simd.cu' });
      const v = {}, b = {};
      for (const [name, f] of Object.entries(cs.init)) {
        v[name] = (cs.types?.[name] || Float32Array).from({ length: cs.n }, (_, i) => f(i));
        b[name] = rt.malloc(4 * cs.n);
        rt.write(b[name], v[name]);
      }
      const r = rt.launch(mod.kernel(cs.kernel), { grid: cs.grid, block: cs.block, args: cs.args(b) });
      assert.deepEqual(r, { engine: 'wasm' }, cs.name);
      const regions = rt.compile(mod, mod.kernel(cs.kernel).meta.name).layout.simd_regions;
      if (rt.simd && cs.vector) assert.ok(regions >= 1, `${cs.name}: a SIMD region`);
      if (!rt.simd) assert.equal(regions, 0);
      const want = cs.want(cs.n, v), got = {};
      for (const [name, w] of Object.entries(want)) {
        got[name] = new w.constructor(await rt.read(b[name]));
        for (let i = 0; i < cs.n; i++)
          if (!Object.is(got[name][i], w[i])) assert.fail(`${cs.name} (simd ${rt.simd}): ${name}[${i}] = ${got[name][i]}, want ${w[i]}`);
      }
      outs.push(got);
    }
    assert.deepEqual(outs[1], outs[0], cs.name);
  }
  // An out-of-bounds access in a SIMD region: the group goes scalar and
  // reports the same element as the scalar code.
  const oob = `__global__ void k(const float *x, float *y) { int i = blockIdx.x * blockDim.x + threadIdx.x; y[i + 2] = x[i]; }`;
  const msgs = [];
  for (const rt of rts) {
    const mod = await rt.loadModule(oob, { filename: 'oob.cu' });
    const x = rt.malloc(4 * 64), y = rt.malloc(4 * 64);
    assert.throws(() => rt.launch(mod.kernel('k'), { grid: 1, block: 64, args: [x, y] }), (e) => { msgs.push(e.message); return true; });
    assert.equal(rt.compile(mod, 'k').layout.simd_regions, rt.simd ? 1 : 0);
  }
  assert.equal(msgs[1], msgs[0]);
  assert.match(msgs[1], /oob\.cu:1: out-of-bounds access: element 64 of 'y'/);
});
