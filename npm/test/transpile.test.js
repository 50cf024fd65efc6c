// Every corpus input (tests/kernels, c_only, negative) transpiled by the
// WebAssembly build must give exactly the native CLI's bytes: code, metadata
// JSON, rendered diagnostics and exit status, for both targets (and the
// subgroup form of WGSL for kernels with warp intrinsics).
// CUDA_WASM_NATIVE names the native CLI (default: ../build/cuda-wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Transpiler } from '../src/transpiler.js';
import { mirrorIncludes } from '../src/node_files.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const native = process.env.CUDA_WASM_NATIVE || path.join(repo, 'build/cuda-wasm');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-npm-'));

function corpus() {
  const files = [];
  for (const d of ['tests/kernels', 'tests/kernels/c_only', 'tests/negative'])
    for (const f of fs.readdirSync(path.join(repo, d)).sort())
      if (f.endsWith('.cu')) files.push(`${d}/${f}`);
  return files;
}

function runNative(file, args) {
  const out = path.join(tmp, 'out'), meta = path.join(tmp, 'meta.json');
  fs.rmSync(out, { force: true });
  fs.rmSync(meta, { force: true });
  const r = spawnSync(native, ['transpile', file, '-o', out, '--emit-metadata', meta, ...args],
    { cwd: repo, encoding: 'utf8' });
  const read = (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : null);
  return { status: r.status, stderr: r.stderr, code: read(out), meta: read(meta) };
}

test('native CLI is there', () => {
  assert.ok(fs.existsSync(native), `build the native CLI first (${native})`);
});

test('corpus transpiles to the native CLI output, byte for byte', async () => {
  const t = await Transpiler.load();
  t.chdir(repo);
  const files = corpus();
  assert.ok(files.length > 250, `corpus too small: ${files.length}`);
  let compared = 0, ok = 0, rejected = 0;
  for (const file of files) {
    const src = fs.readFileSync(path.join(repo, file), 'utf8');
    mirrorIncludes(t, path.join(repo, file), src);
    const variants = [['wgsl', []], ['c', ['--target', 'c']]];
    if (/__(shfl|ballot|any|all|reduce_\w+)_sync|__activemask/.test(src)) variants.push(['wgsl', ['--subgroups']]);
    if (/cuda_fp16\.h/.test(src)) variants.push(['wgsl', ['--f16']], ['wgsl', ['--f16-no-fma']]);
    for (const [target, args] of variants) {
      const n = runNative(file, args);
      const halfNative = args.includes('--f16') ? 2 : args.includes('--f16-no-fma') ? 1 : 0;
      const w = t.transpile(src, { filename: file, target, subgroups: args.includes('--subgroups'), halfNative });
      const label = `${file} ${args.join(' ') || '--target wgsl'}`;
      const status = w.status === 'ok' ? 0 : w.status === 'internal' ? 2 : 1;
      assert.equal(status, n.status, `${label}: exit status`);
      assert.equal(w.diagnostics.map((d) => d.rendered).join(''), n.stderr, `${label}: diagnostics`);
      if (w.ok) {
        assert.equal(w.code, n.code, `${label}: code`);
        assert.equal(w.metadataJson, n.meta, `${label}: metadata`);
        ok++;
      } else rejected++;
      compared++;
    }
  }
  console.log(`compared ${compared} transpilations (${ok} ok, ${rejected} rejected) with ${native}`);
  assert.ok(ok > 300 && rejected > 100);
});

test('diagnostics are objects with line, column, severity, message', async () => {
  const t = await Transpiler.load();
  const r = t.transpile('__global__ void k(float *a) {\n  a[0] = nope;\n}\n', { filename: 'k.cu' });
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.diagnostics.map(({ severity, file, line, column, message }) => ({ severity, file, line, column, message })),
    [{ severity: 'error', file: 'k.cu', line: 2, column: 10, message: "use of undeclared identifier 'nope'" }]);
});

test('kernels and defines options select and configure', async () => {
  const t = await Transpiler.load();
  const src = '__global__ void a(int *p) { p[0] = N; }\n__global__ void b(int *p) { p[0] = 2; }\n';
  const r = t.transpile(src, { kernels: ['a'], defines: { N: 7 } });
  assert.equal(r.ok, true, JSON.stringify(r.diagnostics));
  assert.deepEqual(r.metadata.kernels.map((k) => k.name), ['a']);
  assert.match(r.wgsl, /7/);
  assert.equal(t.transpile(src, { kernels: ['a'] }).ok, false); // N undefined
});
