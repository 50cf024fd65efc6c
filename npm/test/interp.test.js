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
