// The npm package's WebGPU runtime (src/webgpu.js) in Node on a device with
// shader-f16: Dawn's Node binding (dawn.node from the npm package `webgpu`,
// fetched into .deps/dawn-node/ by scripts/install-deps.sh; CW_DAWN_NODE
// names another) over Mesa's lavapipe, the Vulkan driver the native WebGPU
// tests use. No browser here offers an f16 adapter (chromium picks SwiftShader,
// docs/npm.md), so this is where the probe's dispatch path runs:
//   - rt.half equals what the native runtime's probe says on the same driver
//     (`cuda-wasm devices`, word for word), and on lavapipe it is level 1
//     (fma differs), as unit_test_half_webgpu measures natively;
//   - the corpus's half kernels run at that level (native f16 WGSL) and match
//     the native CPU backend;
//   - failures: a lost device, a probe that does not compile, a device
//     without shader-f16 give level 0 with the reason; forcing is honoured or
//     refused as documented.
// Skipped without dawn.node or lavapipe, except with CI=true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Transpiler } from '../src/transpiler.js';
import { WebGpuRuntime, probeHalf } from '../src/webgpu.js';
import { parseArg } from '../src/argspec.js';
import { compare, comparePrintf, sortedElems, runNative, includes } from './compare.js';
import { parseSpecs } from './corpus_spec.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const native = process.env.CUDA_WASM_NATIVE || path.join(repo, 'build/cuda-wasm');
const dawnNode = process.env.CW_DAWN_NODE || path.join(repo, '.deps/dawn-node/dawn.node');
const LVP = '/usr/share/vulkan/icd.d/lvp_icd.json';
const missing = !fs.existsSync(dawnNode) ? `no ${dawnNode} (scripts/install-deps.sh fetches it)`
  : !fs.existsSync(LVP) ? `no lavapipe (${LVP})` : null;
if (missing && process.env.CI === 'true') throw new Error(missing);

let gpu = null;
if (!missing) {
  process.env.VK_ICD_FILENAMES = LVP; // this process's Dawn and the native CLI below: the same driver
  const { create, globals } = createRequire(import.meta.url)(dawnNode);
  Object.assign(globalThis, globals); // GPUBufferUsage, GPUMapMode...
  gpu = create([]);
}
const t = await Transpiler.load();
const adapter = async () => {
  const a = await gpu.requestAdapter();
  assert.ok(a, 'no adapter from dawn.node');
  return a;
};
// the native runtime's words for a level (src/rt/webgpu/backend.c)
const words = (h) => (h.level === 2 ? 'f16' : h.level === 1 ? `f16, fma in f32 (${h.why})` : `f32 (${h.why})`);

test('the probe in JavaScript says what the native probe says on lavapipe', { skip: missing || false }, async () => {
  const rt = await WebGpuRuntime.create({ gpu, transpiler: t });
  assert.ok(rt.device.features.has('shader-f16'), 'the device was requested with shader-f16');
  const dev = spawnSync(native, ['devices'], { encoding: 'utf8' });
  assert.equal(dev.status, 0, dev.stderr);
  const line = dev.stdout.split('\n').find((l) => l.startsWith('webgpu '));
  assert.match(line, /llvmpipe/, `the native CLI is on lavapipe too: ${line}`);
  const nat = /; half: (.*)$/.exec(line)?.[1];
  assert.equal(words(rt.half), nat, `native: ${line}`);
  // measured natively (unit_test_half_webgpu): lavapipe's f16 fma rounds the product first
  assert.equal(rt.half.level, 1);
  assert.equal(rt.half.probed, true);
  assert.match(rt.half.why, /^native f16 fma2?\(0x[0-9a-f]{4}, 0x[0-9a-f]{4}, 0x[0-9a-f]{4}\) gave 0x[0-9a-f]{4}, CUDA 0x[0-9a-f]{4}; [0-9]+ of 12288 fma results differ$/);
  rt.device.destroy();
});

test('the half kernels of the corpus at the probed level match the native CPU backend', { skip: missing || false }, async () => {
  const rt = await WebGpuRuntime.create({ gpu, transpiler: t });
  assert.equal(rt.half.level, 1);
  const dir = path.join(repo, 'tests/kernels');
  const specs = fs.readdirSync(dir).filter((f) => f.endsWith('.cu')).sort().map((f) => path.join(dir, f))
    .filter((f) => fs.readFileSync(f, 'utf8').includes('<cuda_fp16.h>')).flatMap(parseSpecs);
  assert.ok(specs.length >= 5, `${specs.length} half kernels`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-f16-'));
  const fails = [];
  let native16 = 0;
  for (const s of specs) {
    const label = `${path.basename(s.file)}:${s.kernel}`;
    const d = fs.mkdtempSync(path.join(tmp, 'ref-'));
    const ref = await runNative(s, d);
    if (ref.code !== 0) { fails.push(`${label}: native run failed: ${ref.err.trim()}`); continue; }
    const parsed = s.args.map(parseArg);
    t.addFiles(includes(s.file));
    const mod = await rt.loadModule(fs.readFileSync(s.file, 'utf8'), { filename: path.relative(repo, s.file), defines: s.defines });
    if (mod.wgsl.includes('enable f16;')) native16++;
    const bufs = parsed.map((a) => {
      if (a.kind !== 'buffer') return null;
      const b = rt.malloc(a.bytes.byteLength);
      rt.write(b, a.bytes);
      return b;
    });
    rt.launch(mod.kernel(s.kernel), { grid: s.grid, block: s.block, shared: s.shared, args: parsed.map((a, j) => bufs[j] || a.value) });
    await rt.synchronize();
    let msg = null;
    for (const [j, a] of parsed.entries()) {
      if (msg || a.kind !== 'buffer') continue;
      const got = new Uint8Array(await rt.read(bufs[j]));
      const want = new Uint8Array(fs.readFileSync(path.join(d, `arg${j}.bin`)));
      msg = compare(s, j, a.type, got, want);
      if (msg && s.multiset) msg = compare(s, j, a.type, sortedElems(got, a.type), sortedElems(want, a.type));
    }
    msg = msg || comparePrintf(mod.output, ref.printf);
    for (const b of bufs) b?.free();
    if (msg) fails.push(`${label}: ${msg}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  rt.device.destroy();
  assert.deepEqual(fails, []);
  // the kernels with half arithmetic really ran native f16 code
  assert.ok(native16 >= 3, `${native16} modules with 'enable f16;'`);
});

test('probe failures give level 0 with the reason; halfNative forces or is refused', { skip: missing || false }, async () => {
  // a lost device
  const d1 = await (await adapter()).requestDevice({ requiredFeatures: ['shader-f16'] });
  d1.destroy();
  const lost = await probeHalf(d1, t);
  assert.equal(lost.level, 0);
  assert.match(lost.why, /^f16 probe: the device was lost \(destroyed/);
  // a probe that does not compile (its WGSL cut short)
  const d2 = await (await adapter()).requestDevice({ requiredFeatures: ['shader-f16'] });
  const cut = { halfProbe: () => { const p = t.halfProbe(); return { ...p, wgsl: p.wgsl.slice(0, p.wgsl.indexOf('fn probe(') + 12) }; },
    halfProbeCheck: (x) => t.halfProbeCheck(x) };
  const bad = await probeHalf(d2, cut);
  assert.equal(bad.level, 0);
  assert.match(bad.why, /^the f16 probe did not compile: [0-9]+:[0-9]+: /);
  // forced on a device with shader-f16: unprobed
  const forced = await WebGpuRuntime.create({ device: d2, transpiler: t, halfNative: 2 });
  assert.deepEqual(forced.half, { level: 2, why: 'halfNative 2 given to create(), not probed', probed: false });
  const m = await forced.loadModule('#include <cuda_fp16.h>\n__global__ void k(__half *a) { a[0] = __hfma(a[0], a[1], a[2]); }');
  assert.ok(m.wgsl.includes('cw_hfma('), 'level 2: __hfma in native f16');
  d2.destroy();
  // a device without shader-f16 (requested without it)
  const d3 = await (await adapter()).requestDevice();
  assert.deepEqual(await probeHalf(d3, t), { level: 0, why: 'the device has no shader-f16', probed: false });
  await assert.rejects(WebGpuRuntime.create({ device: d3, transpiler: t, halfNative: 1 }),
    { message: "cuda-wasm: halfNative 1 (create()) needs a WebGPU device with the 'shader-f16' feature, and this device has none; halfNative 0 (the exact f32 code) runs everywhere" });
  const rt3 = await WebGpuRuntime.create({ device: d3, transpiler: t });
  assert.equal(rt3.half.level, 0);
  await assert.rejects(rt3.loadModule('__global__ void k(int *a) { a[0] = 1; }', { halfNative: 2 }), /halfNative 2 \(loadModule\(\)\) needs/);
  d3.destroy();
});
