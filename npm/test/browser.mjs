// Browser tests in Debian's headless chromium (playwright-core), WebGPU on
// SwiftShader (flags from shared/WEBGPU.md):
//   1. every corpus kernel (tests/kernels/*.cu) runs through the JS runtime
//      with arguments from its header spec (JS port of the CLI's generator)
//      and its buffers are compared with the native CPU backend's
//      (`cuda-wasm run --backend cpu --out-dir`), itself checked against the
//      plain-C references by the diff_cpu ctest; floats within 2*tol (both
//      sides are within tol of the reference), integers exact (int-tol aside);
//      The same corpus then runs in a chromium started without WebGPU (as an
//      older browser), where the runtime falls back to kernels compiled to
//      WebAssembly (no skips there: no workgroup limit, doubles allowed);
//   2. the playground loads, transpiles, runs a kernel and shows its result
//      (screenshot saved to $CW_ARTIFACTS or build/npm-artifacts), with and
//      without WebGPU.
// Exit 77 (skip) when chromium is missing, outside CI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.js';
import { parseArg } from '../src/argspec.js';
import { compare, comparePrintf, sortedElems, runNative, includes } from './compare.js';
import { parseSpecs } from './corpus_spec.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

const artifacts = process.env.CW_ARTIFACTS || path.join(repo, 'build/npm-artifacts');
const only = process.env.CW_KERNELS ? new Set(process.env.CW_KERNELS.split(';')) : null;
// CW_BROWSER_PARTS=corpus,playground (default both) picks the parts to run.
const parts = new Set((process.env.CW_BROWSER_PARTS || 'corpus,playground').split(','));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader',
  '--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const MAX_THREADS = 256; // SwiftShader's maxComputeInvocationsPerWorkgroup (HACKING.md)

if (!fs.existsSync(CHROMIUM)) {
  console.log(`no ${CHROMIUM}`);
  process.exit(process.env.CI === 'true' ? 1 : 77);
}
fs.mkdirSync(artifacts, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-browser-'));



const b64 = (u8) => Buffer.from(u8).toString('base64');
const PLAIN = ['--disable-gpu', '--no-sandbox', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const dir = path.join(repo, 'tests/kernels');
const specs = fs.readdirSync(dir).filter((f) => f.endsWith('.cu')).sort()
  .flatMap((f) => parseSpecs(path.join(dir, f))).filter((s) => !only || only.has(s.kernel));
// Native references, two at a time, ahead of the browser; kept for both runs.
const refs = new Map();
const queue = parts.has('corpus') ? specs.slice() : [];
const worker = async () => {
  for (let s; (s = queue.shift());) {
    const d = fs.mkdtempSync(path.join(tmp, 'ref-'));
    refs.set(s, runNative(s, d).then((r) => ({ ...r, dir: d })));
    await refs.get(s);
  }
};
const workers = [worker(), worker()];

async function harness(browser) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto(`${base}/test/harness.html`);
  await page.waitForFunction(() => window.cwReady === true);
  return page;
}

// Runs every corpus kernel in the page; webgpu: skip what SwiftShader or WGSL cannot run.
async function corpus(page, what, webgpu) {
  let pass = 0, skip = 0, fails = 0, engine = '';
  const t0 = Date.now();
  for (const s of specs) {
    const label = `${path.basename(s.file)}:${s.kernel}`;
    const threads = s.block[0] * s.block[1] * s.block[2];
    const parsed = s.args.map(parseArg);
    const why = !webgpu ? null : threads > MAX_THREADS ? `block of ${threads} threads > SwiftShader's ${MAX_THREADS}`
      : parsed.some((a) => a.type === 'f64' && !s.demoteDouble) ? 'f64 data (wgsl has no double)' : null;
    if (why) { console.log(`skip ${label}: ${why}`); skip++; continue; }
    while (!refs.has(s)) await new Promise((r) => setTimeout(r, 20));
    const ref = await refs.get(s);
    if (ref.code !== 0) { console.log(`FAIL ${label}: native run failed: ${ref.err.trim()}`); fails++; continue; }
    const args = parsed.map((a) => (a.kind === 'buffer' ? { kind: 'buffer', bytes64: b64(a.bytes) }
      : { kind: 'scalar', value: typeof a.value === 'bigint' ? a.value.toString() : a.value, bigint: typeof a.value === 'bigint' }));
    let res;
    try {
      res = await page.evaluate((x) => window.cwRun(x), {
        src: fs.readFileSync(s.file, 'utf8'), file: path.relative(repo, s.file), files: includes(s.file), kernel: s.kernel,
        defines: s.defines, demoteDouble: webgpu && s.demoteDouble, grid: s.grid, block: s.block, shared: s.shared, args });
    } catch (e) {
      console.log(`FAIL ${label}: ${e.message.split('\n')[0]}`); fails++; continue;
    }
    engine = res.adapter;
    let msg = null;
    parsed.forEach((a, i) => {
      if (msg || a.kind !== 'buffer') return;
      const want = fs.readFileSync(path.join(ref.dir, `arg${i}.bin`));
      const got = Buffer.from(res.out[i], 'base64');
      msg = compare(s, i, a.type, new Uint8Array(got), new Uint8Array(want));
      // "compare as a multiset" in the reference line: slots reserved by atomics
      // come in any order, so compare the sorted elements (as diff_runner does).
      if (msg && s.multiset) msg = compare(s, i, a.type, sortedElems(got, a.type), sortedElems(want, a.type));
    });
    if (!msg) msg = comparePrintf(res.printf, ref.printf);
    if (msg) { console.log(`FAIL ${label}: ${msg}`); fails++; } else { pass++; console.log(`ok ${label} (${res.ms.toFixed(1)} ms)`); }
  }
  console.log(`corpus ${what} (${engine}): ${pass} passed, ${fails} failed, ${skip} skipped, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (pass < (only ? 1 : 100)) { console.log('too few kernels ran'); fails++; }
  return fails;
}

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
// A browser without WebGPU, as older browsers: kernels go to the CPU fallback.
const plain = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: PLAIN });
let failures = 0;
try {
  // ---- 1. the corpus on WebGPU, then on the CPU fallback of a browser without WebGPU ----
  if (parts.has('corpus')) {
    failures += await corpus(await harness(browser), 'on WebGPU', true);
    failures += await corpus(await harness(plain), 'without WebGPU (CPU fallback)', false);
  }
  // ---- launch order (165 launches, a write between them, a dependent kernel); a failed assert ----
  for (const [b, what] of [[browser, 'WebGPU'], [plain, 'without WebGPU']]) {
    const page = await harness(b);
    const r = await page.evaluate(() => window.cwSequence());
    const ok = JSON.stringify(r.first) === '[150]' && JSON.stringify(r.second) === '[24]';
    console.log(`${ok ? 'ok' : 'FAIL'} launch sequence ${what} (${r.kind}): ${JSON.stringify(r)}`);
    if (!ok) failures++;
    const msg = await page.evaluate(() => window.cwAssert());
    const want = "assertion 'a[threadIdx.x] == 0' failed at as.cu:3 in kernel k, block (0,0,0), thread (2,0,0)";
    console.log(`${msg === want ? 'ok' : 'FAIL'} failed assert ${what}: ${msg}`);
    if (msg !== want) failures++;
    const o = await page.evaluate(() => window.cwOffsets());
    const wantMsg = o.kind === 'webgpu' && o.align > 4
      ? `pointer argument 'x' of kernel 'saxpy' is at byte offset 4 into its allocation; the webgpu backend can only bind offsets that are multiples of ${o.align} (minStorageBufferOffsetAlignment) for now`
      : 'no error';
    const okOff = o.bad === 0 && o.misaligned === wantMsg && o.align >= 4;
    console.log(`${okOff ? 'ok' : 'FAIL'} arguments at offsets ${what} (${o.kind}): ${JSON.stringify(o)}`);
    if (!okOff) failures++;
    // native f16: SwiftShader has no shader-f16, so level 0 with the native
    // runtime's words, and halfNative 1/2 refused; without WebGPU, asking for
    // native f16 does not fall back to the CPU. A device with shader-f16 (not
    // here) must have been probed, and forcing is allowed there.
    const h = await page.evaluate(() => window.cwHalf());
    const hs = [];
    const hc = (ok, what) => { if (!ok) hs.push(what); };
    hc(h.bad === 0, `half kernel: ${h.bad} wrong results (${h.first})`);
    if (h.kind === 'webgpu') {
      const refused = (m, lvl, where, whose) => m === `cuda-wasm: halfNative ${lvl} (${where}) needs a WebGPU device with the 'shader-f16' feature, and ${whose} has none; halfNative 0 (the exact f32 code) runs everywhere`;
      if (!h.hasF16) {
        hc(JSON.stringify(h.half) === JSON.stringify({ level: 0, why: 'the device has no shader-f16', probed: false }), 'rt.half');
        hc(refused(h.forced, 1, 'create()', 'the adapter'), 'createRuntime({halfNative: 1}) refused');
        hc(refused(h.forcedDevice, 2, 'create()', 'this device'), 'create({device, halfNative: 2}) refused');
        hc(refused(h.forcedLoad, 1, 'loadModule()', 'this device'), 'loadModule(src, {halfNative: 1}) refused');
      } else {
        hc(h.half.probed && [0, 1, 2].includes(h.half.level) && (h.half.level === 2) === (h.half.why === ''), 'rt.half probed');
        hc(h.forced === 'no error' && h.forcedDevice === 'no error' && h.forcedLoad === 'no error', 'forcing allowed with shader-f16');
      }
      hc(h.badLevel === 'halfNative must be 0, 1 or 2', 'halfNative 3 refused');
      hc(JSON.stringify(h.forced0) === JSON.stringify({ level: 0, why: 'halfNative 0 given to create(), not probed', probed: false }), 'halfNative 0 forced');
      hc(JSON.stringify(h.probeAgain) === JSON.stringify(h.half), 'probeHalf again agrees');
      hc(h.enablesF16 === h.half.level > 0, 'module WGSL enables f16 exactly when the level is above 0');
    } else {
      hc(h.half === null, 'no rt.half on the CPU fallback');
      hc(/^cuda-wasm: (WebGPU is not available here \(no navigator\.gpu\)|no WebGPU adapter); halfNative 1 needs WebGPU with shader-f16, so there is no CPU fallback$/.test(h.forced),
        'createRuntime({halfNative: 1}) without WebGPU refused');
    }
    console.log(`${hs.length ? 'FAIL' : 'ok'} native f16 ${what} (${h.kind}): ${JSON.stringify(h)}${hs.length ? `: ${hs.join('; ')}` : ''}`);
    if (hs.length) failures++;
    await page.close();
  }
  // ---- 2. the playground, with and without WebGPU ----
  if (parts.has('playground')) {
    const { checkPlayground } = await import('./playground_check.mjs');
    failures += await checkPlayground(browser, base, artifacts);
    failures += await checkPlayground(plain, base, artifacts, { on: 'the CPU fallback (WebAssembly)', shot: 'playground-no-webgpu.png' });
  }
} finally {
  queue.length = 0;
  await Promise.all(workers);
  await browser.close();
  await plain.close();
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
