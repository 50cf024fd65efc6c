// `cuda-wasm transpile` of the package (bin/cuda-wasm.js) against the native
// CLI: same stdout, stderr, exit status and written files for a set of option
// combinations, including #include search, stdin, errors and bad usage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const native = process.env.CUDA_WASM_NATIVE || path.join(repo, 'build/cuda-wasm');
const bin = path.resolve(here, '../bin/cuda-wasm.js');

function run(cmd, args, input, cwd) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-cli-'));
  const a = args.map((x) => x.replace('@OUT', out));
  const r = spawnSync(cmd[0], [...cmd.slice(1), ...a], { cwd, input, encoding: 'utf8' });
  const files = {};
  for (const f of fs.readdirSync(out).sort()) files[f] = fs.readFileSync(path.join(out, f), 'utf8');
  fs.rmSync(out, { recursive: true, force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, files };
}

const cases = [
  ['transpile', 'examples/saxpy.cu'],
  ['transpile', 'examples/saxpy.cu', '-o', '@OUT/k.wgsl', '--emit-metadata', '@OUT/k.json'],
  ['transpile', 'examples/saxpy.cu', '--target', 'c', '-o', '@OUT/k.c'],
  ['transpile', 'examples/saxpy.cu', '--target=c', '--emit-ir'],
  ['transpile', 'tests/kernels/nbody.cu', '--kernel', 'nbody_step'],
  ['transpile', 'tests/kernels/nbody.cu', '--kernel=nope'],
  ['transpile', 'tests/kernels/reduce_sum_shared.cu', '-DBLOCK=128', '-UNDEBUG'],
  ['transpile', 'tests/kernels/warp_scan_up.cu', '--subgroups'],
  ['transpile', 'tests/kernels/mem_half2_fma.cu', '--f16'],
  ['transpile', 'tests/kernels/mem_half2_fma.cu', '--f16-no-fma', '--emit-metadata', '@OUT/h.json'],
  ['transpile', 'tests/negative/' + fs.readdirSync(path.join(repo, 'tests/negative')).filter((f) => f.endsWith('.cu')).sort()[0]],
  ['transpile', 'no/such/file.cu'],
  ['transpile', 'examples/saxpy.cu', '--bogus'],
  ['transpile', 'examples/saxpy.cu', '--target', 'spirv'],
  ['transpile'],
  ['--version'],
  ['frobnicate'],
];

for (const args of cases)
  test(`cuda-wasm ${args.join(' ')}`, () => {
    const n = run([native], args, undefined, repo), w = run([process.execPath, bin], args, undefined, repo);
    assert.equal(w.status, n.status, `exit status; stderr: ${w.stderr}`);
    assert.equal(w.stdout, n.stdout);
    assert.equal(w.stderr.replace(/^cuda-wasm: /, ''), n.stderr.replace(/^cuda-wasm: /, ''));
    assert.deepEqual(w.files, n.files);
  });

test('cuda-wasm transpile - (standard input)', () => {
  const src = fs.readFileSync(path.join(repo, 'examples/saxpy.cu'), 'utf8');
  const n = run([native], ['transpile', '-'], src, repo), w = run([process.execPath, bin], ['transpile', '-'], src, repo);
  assert.equal(w.status, 0);
  assert.equal(w.stdout, n.stdout);
});

test('cuda-wasm transpile resolves #include from another working directory and -I', () => {
  const args = ['transpile', path.join(repo, 'tests/kernels/nbody.cu'), '-I', path.join(repo, 'tests/kernels')];
  const n = run([native], args, undefined, os.tmpdir()), w = run([process.execPath, bin], args, undefined, os.tmpdir());
  assert.equal(w.status, 0, w.stderr);
  assert.equal(w.stdout, n.stdout);
});
