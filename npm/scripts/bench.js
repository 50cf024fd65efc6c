#!/usr/bin/env node
// Budgets of issue 7: the WebAssembly transpiler <= 2 MB gzipped; transpiling
// a typical kernel in Node <= 10 ms after load. Prints the numbers (JSON with
// --json) and exits 1 when a budget is exceeded.
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Transpiler } from '../src/transpiler.js';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(here, '..');
const gz = (p) => zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length;
const wasm = path.join(here, 'dist/cudawasm-core.wasm'), glue = path.join(here, 'dist/cudawasm-core.mjs');
const size = { wasm: fs.statSync(wasm).size, wasm_gzip: gz(wasm), glue_gzip: gz(glue) };
size.total_gzip = size.wasm_gzip + size.glue_gzip;

const t0 = performance.now();
const t = await Transpiler.load();
const loadMs = performance.now() - t0;
// "Typical" kernels: the README's saxpy, a shared-memory reduction, a tiled
// n-body step, and a warp-shuffle scan from the corpus.
const kernels = ['examples/saxpy.cu', 'tests/kernels/reduce_sum_shared.cu', 'tests/kernels/nbody_tiled.cu',
  'tests/kernels/warp_scan_up.cu'].filter((f) => fs.existsSync(path.join(repo, f)));
const times = {};
for (const f of kernels) {
  const src = fs.readFileSync(path.join(repo, f), 'utf8');
  for (let i = 0; i < 5; i++) t.transpile(src, { filename: f }); // warm-up (JIT tiers)
  const ms = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    const r = t.transpile(src, { filename: f });
    ms.push(performance.now() - s);
    if (!r.ok) throw new Error(`${f}: ${r.diagnostics.map((d) => d.rendered).join('')}`);
  }
  ms.sort((a, b) => a - b);
  times[f] = { median_ms: +ms[25].toFixed(3), max_ms: +ms[49].toFixed(3) };
}
// CPU fallback speed (reported, no budget): saxpy on 1M floats, compiled by the
// wasm back-end with its SIMD128 path (four threads per v128), without it
// (scalar code only), and interpreted. The two compiled forms alternate launch
// by launch (21 each after a warm-up) so that the other jobs on a shared
// machine slow both alike; medians. The interpreter: median of 5 after one.
const { WasmCpuRuntime } = await import('../src/wasmcpu.js');
const { InterpreterRuntime } = await import('../src/interp.js');
const cpu = {};
{
  const rt = new WasmCpuRuntime(t);
  const mod = await rt.loadModule(fs.readFileSync(path.join(repo, 'examples/saxpy.cu'), 'utf8'), { filename: 'saxpy.cu' });
  const n = 1 << 20, x = rt.malloc(4 * n), y = rt.malloc(4 * n);
  rt.write(x, Float32Array.from({ length: n }, (_, i) => i));
  const args = { grid: n / 256, block: 256, args: [n, 2, x, y] };
  const compiled = { wasm_simd: [], wasm_scalar: [] };
  for (let i = 0; i < 22; i++)
    for (const [name, simd] of [['wasm_simd', true], ['wasm_scalar', false]]) {
      rt.simd = simd;
      const s = performance.now();
      rt.launch(mod.kernel('saxpy'), args);
      if (i) compiled[name].push(performance.now() - s);
    }
  rt.simd = true;
  if (!(rt.compile(mod, 'saxpy').layout.simd_regions >= 1)) throw new Error('saxpy did not get the SIMD128 path');
  for (const [name, ms] of Object.entries(compiled)) {
    ms.sort((a, b) => a - b);
    cpu[`saxpy_1M_${name}_ms`] = +ms[10].toFixed(2);
  }
  const ms = [];
  for (let i = 0; i < 6; i++) {
    const s = performance.now();
    InterpreterRuntime.prototype.launch.call(rt, mod.kernel('saxpy'), args);
    ms.push(performance.now() - s);
  }
  ms.shift();
  ms.sort((a, b) => a - b);
  cpu.saxpy_1M_interpreter_ms = +ms[2].toFixed(1);
  x.free(); y.free();
}
const out = { size, load_ms: +loadMs.toFixed(1), transpile: times, cpu_fallback: cpu,
  budgets: { total_gzip_max: 2 * 1024 * 1024, transpile_median_max_ms: 10 } };
const over = size.total_gzip > out.budgets.total_gzip_max ||
  Object.values(times).some((x) => x.median_ms > out.budgets.transpile_median_max_ms);
if (process.argv.includes('--json')) console.log(JSON.stringify(out, null, 2));
else {
  console.log(`wasm ${size.wasm} bytes, gzip ${size.wasm_gzip}; JS glue gzip ${size.glue_gzip}; total gzip ${size.total_gzip} (budget 2 MiB)`);
  console.log(`load (compile + instantiate) ${out.load_ms} ms`);
  for (const [f, x] of Object.entries(times)) console.log(`transpile ${f}: median ${x.median_ms} ms, max ${x.max_ms} ms (budget 10 ms)`);
  console.log(`CPU fallback, saxpy 1M floats: compiled to wasm ${cpu.saxpy_1M_wasm_simd_ms} ms with SIMD128, ${cpu.saxpy_1M_wasm_scalar_ms} ms scalar only; interpreter ${cpu.saxpy_1M_interpreter_ms} ms (median launch)`);
}
if (over) { console.log('over budget'); process.exit(1); }
