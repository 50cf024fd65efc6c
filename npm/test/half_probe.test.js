// The native f16 probe as the WebAssembly build exports it (npm/csrc/wasm_api.c,
// Transpiler.halfProbe/halfProbeCheck; used by the WebGPU runtime, src/webgpu.js):
//   - its WGSL and input buffer are the native runtime's, byte for byte (the
//     native side from tests/tools/half_probe_dump.c, CW_HALF_PROBE_DUMP);
//   - its check, given result buffers filled here from an exact reference
//     written in this file (BigInt rationals, independent of the C code),
//     gives level 2; 1 when one fma result is one ulp off; 0, naming the
//     operation, operands and bits, when an add result is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Transpiler } from '../src/transpiler.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const t = await Transpiler.load();
const hex = (h) => `0x${h.toString(16).padStart(4, '0')}`;

// ---- exact half arithmetic: |value| = N / D as BigInts, rounded once to nearest even ----
const bitlen = (x) => x.toString(2).length;
function roundHalf(neg, N, D) {
  const sign = neg ? 0x8000 : 0;
  if (N === 0n) return sign;
  let l = bitlen(N) - bitlen(D); // 2^l <= N/D < 2^(l+1) after the adjustment
  if (l >= 0 ? N < D << BigInt(l) : N << BigInt(-l) < D) l--;
  const s = Math.max(-24, l - 10); // the grid: 2^s (11 significant bits, subnormals at 2^-24)
  const num = s < 0 ? N << BigInt(-s) : N, den = s > 0 ? D << BigInt(s) : D;
  let q = num / den;
  const r2 = 2n * (num % den);
  if (r2 > den || (r2 === den && (q & 1n))) q++;
  const bits = (s + 25) * 1024 + Number(q) - 1024; // q in [1024, 2048] (or below on the subnormal grid)
  return sign | Math.min(bits, 0x7c00);
}
const isNan = (h) => (h & 0x7fff) > 0x7c00;
const isInf = (h) => (h & 0x7fff) === 0x7c00;
const neg = (h) => (h & 0x8000) !== 0;
const mag = (h) => { // |value| in units of 2^-24
  const e = (h >> 10) & 0x1f, m = h & 0x3ff;
  return e === 0 ? BigInt(m) : BigInt(1024 + m) << BigInt(e - 1);
};
const NAN = 0x7fff, INF = 0x7c00;
// signed sum of two signed values in a common unit, with IEEE's zero signs
function sum(na, A, nb, B, unit) {
  const v = (na ? -A : A) + (nb ? -B : B);
  if (v === 0n) return A === 0n && B === 0n && na && nb ? 0x8000 : 0;
  return roundHalf(v < 0n, v < 0n ? -v : v, unit);
}
function add(a, b) {
  if (isNan(a) || isNan(b)) return NAN;
  if (isInf(a) || isInf(b)) return isInf(a) && isInf(b) && neg(a) !== neg(b) ? NAN : isInf(a) ? a : b;
  return sum(neg(a), mag(a), neg(b), mag(b), 1n << 24n);
}
function mul(a, b) {
  if (isNan(a) || isNan(b)) return NAN;
  const sign = neg(a) !== neg(b) ? 0x8000 : 0;
  if (isInf(a) || isInf(b)) return mag(a) === 0n || mag(b) === 0n ? NAN : sign | INF;
  return roundHalf(sign !== 0, mag(a) * mag(b), 1n << 48n);
}
function div(a, b) {
  if (isNan(a) || isNan(b)) return NAN;
  const sign = neg(a) !== neg(b) ? 0x8000 : 0;
  if (isInf(a)) return isInf(b) ? NAN : sign | INF;
  if (isInf(b)) return sign;
  if (mag(b) === 0n) return mag(a) === 0n ? NAN : sign | INF;
  return roundHalf(sign !== 0, mag(a), mag(b));
}
function fma(a, b, c) {
  if (isNan(a) || isNan(b) || isNan(c)) return NAN;
  const np = neg(a) !== neg(b);
  if (isInf(a) || isInf(b)) {
    if (mag(a) === 0n || mag(b) === 0n) return NAN;
    return isInf(c) && neg(c) !== np ? NAN : (np ? 0x8000 : 0) | INF;
  }
  if (isInf(c)) return c;
  return sum(np, mag(a) * mag(b), neg(c), mag(c) << 24n, 1n << 48n);
}
const REF = [(a, b) => add(a, b), (a, b) => add(a, b ^ 0x8000), mul, div, fma];

test('the exact reference on known answers', () => {
  assert.equal(add(0x3c00, 0x1000), 0x3c00); // 1 + 2^-11 ties to 1
  assert.equal(add(0x3c01, 0x1000), 0x3c02); // ties up to even
  assert.equal(add(0x7bff, 0x4c00), 0x7c00); // 65504 + 16 = 65520 overflows
  assert.equal(add(0x7bff, 0x4bff), 0x7bff);
  assert.equal(mul(0x0001, 0x3800), 0x0000); // 2^-25 ties to 0
  assert.equal(mul(0x0001, 0x3e00), 0x0002);
  assert.equal(mul(0x8000, 0x3c00), 0x8000);
  assert.equal(add(0x3c00, 0xbc00), 0x0000); // x - x = +0
  assert.equal(add(0x8000, 0x8000), 0x8000);
  assert.equal(add(0x7c00, 0xfc00), NAN);
  assert.equal(div(0x0000, 0x0000), NAN);
  assert.equal(div(0x3c00, 0x4200), 0x3555); // 1/3
  assert.equal(div(0x3c00, 0x0000), 0x7c00);
  assert.equal(fma(0x68b3, 0xbc01, 0x68b3), 0xc0b3); // lavapipe's f16 fma gives 0xc000
  assert.equal(fma(0x3c00, 0x3c00, 0xbc00), 0x0000);
  assert.equal(fma(0x7c00, 0x0000, 0x3c00), NAN);
});

// The probe's results for input words io as CUDA computes them: triple i's
// nine results at 3n + 9i (add sub mul div fma; add2 sub2 mul2 fma2 with
// triple (7i + 3) % n in the high half).
function referenceResults(p) {
  const io = p.input.slice(), n = p.n;
  for (let i = 0; i < n; i++) {
    const j = (i * 7 + 3) % n, o = 3 * n + 9 * i;
    const q = [io[3 * i], io[3 * i + 1], io[3 * i + 2]], r = [io[3 * j], io[3 * j + 1], io[3 * j + 2]];
    for (let k = 0; k < 9; k++) {
      const op = k < 5 ? k : k === 8 ? 4 : k - 5;
      const lo = REF[op](...q);
      io[o + k] = k < 5 ? lo : (lo | (REF[op](...r) << 16)) >>> 0;
    }
  }
  return io;
}

test('the probe WGSL and input buffer are the native ones, byte for byte', (ctx) => {
  const tool = process.env.CW_HALF_PROBE_DUMP || path.join(repo, 'build/tests/half-probe-dump');
  if (!fs.existsSync(tool)) {
    assert.notEqual(process.env.CI, 'true', `no native half-probe-dump (${tool})`);
    ctx.skip(`no ${tool} (build the native tree, or run through ctest npm_node)`);
    return;
  }
  const p = t.halfProbe();
  const wgsl = spawnSync(tool, ['wgsl'], { encoding: 'utf8' });
  assert.equal(wgsl.status, 0, wgsl.stderr);
  assert.ok(p.wgsl.startsWith('enable f16;\n') && p.wgsl.includes('fn probe('));
  assert.equal(p.wgsl, wgsl.stdout);
  const input = spawnSync(tool, ['input']);
  assert.equal(input.status, 0, String(input.stderr));
  assert.equal(p.input.length, 12 * p.n);
  assert.ok(Buffer.from(p.input.buffer, p.input.byteOffset, p.input.byteLength).equals(input.stdout),
    'input buffers differ');
  assert.deepEqual([p.n, p.workgroupSize, p.entryPoint], [4096, 64, 'probe']);
});

test('the check: reference results give 2, one fma ulp off 1, a wrong add 0', () => {
  const p = t.halfProbe(), n = p.n;
  assert.ok(p.input.subarray(3 * n).every((w) => w === 0xffffffff), 'results preset to 0xffffffff');
  const untouched = t.halfProbeCheck(p.input);
  assert.equal(untouched.level, 0);
  assert.match(untouched.why, /^native f16 add\(0x[0-9a-f]{4}, 0x[0-9a-f]{4}\) gave 0xffffffff, CUDA 0x[0-9a-f]{4}; 40960 of 40960 add\/sub\/mul\/div results differ$/);

  const io = referenceResults(p);
  assert.deepEqual(t.halfProbeCheck(io), { level: 2, why: '' });
  assert.deepEqual(t.halfProbeCheck(io.buffer), { level: 2, why: '' }, 'an ArrayBuffer too');

  // one scalar fma result one ulp off (a finite, non-zero one)
  let i0 = 0;
  while ((io[3 * n + 9 * i0 + 4] & 0x7fff) >= 0x7bff || !(io[3 * n + 9 * i0 + 4] & 0x7fff)) i0++;
  const f = 3 * n + 9 * i0 + 4, fwant = io[f];
  io[f] = fwant + 1;
  const ops = (i, k) => [...io.subarray(3 * i, 3 * i + k)].map(hex).join(', ');
  assert.deepEqual(t.halfProbeCheck(io), { level: 1,
    why: `native f16 fma(${ops(i0, 3)}) gave ${hex(fwant + 1)}, CUDA ${hex(fwant)}; 1 of ${3 * n} fma results differ` });

  // and an add result of a later triple wrong
  const i1 = n >> 1, a = 3 * n + 9 * i1, awant = io[a];
  io[a] = awant ^ 1;
  assert.deepEqual(t.halfProbeCheck(io), { level: 0,
    why: `native f16 add(${ops(i1, 2)}) gave ${hex(awant ^ 1)}, CUDA ${hex(awant)}; 1 of ${10 * n} add/sub/mul/div results differ` });
  io[a] = awant;
  io[f] = fwant;
  assert.deepEqual(t.halfProbeCheck(io), { level: 2, why: '' });
  assert.throws(() => t.halfProbeCheck(io.subarray(1)), /takes the probe's 49152 u32 words/);
});
