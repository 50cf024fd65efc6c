// Kernel argument specs, the grammar of the native CLI's `run` (src/cli/args.c):
// a scalar TYPE:VALUE, or a buffer TYPE[COUNT]:INIT with INIT zero, fill(V),
// iota, iota(STEP) or rand(SEED). rand follows the CLI's contract bit for bit
// (splitmix64; floats in [-1,1) from 24/53 random bits, signed integers in
// [-1000,1000], unsigned over the type), so the same spec gives the same bytes.
export const TYPE_SIZE = { i8: 1, u8: 1, i16: 2, u16: 2, i32: 4, u32: 4, f32: 4, i64: 8, u64: 8, f64: 8 };
const M64 = (1n << 64n) - 1n;

function splitmix(state) {
  state.s = (state.s + 0x9e3779b97f4a7c15n) & M64;
  let z = state.s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
  return z ^ (z >> 31n);
}

function parseNum(t, s) {
  if (t === 'f32' || t === 'f64') {
    const v = Number(s);
    if (s === '' || Number.isNaN(v) && !/^[+-]?nan$/i.test(s)) throw new Error(`'${s}' is not a valid ${t} value`);
    return v;
  }
  if (!/^[+-]?(0x[0-9a-f]+|[0-9]+)$/i.test(s)) throw new Error(`'${s}' is not a valid ${t} value`);
  const neg = s[0] === '-';
  const body = s.replace(/^[+-]/, '');
  const v = BigInt(body);
  return neg ? -v : v;
}

// Writes value v (number or bigint) of type t at byte offset o of DataView d.
export function setValue(d, o, t, v) {
  switch (t) {
    case 'f32': d.setFloat32(o, Number(v), true); break;
    case 'f64': d.setFloat64(o, Number(v), true); break;
    case 'i8': case 'u8': d.setUint8(o, Number(BigInt.asUintN(8, BigInt(v)))); break;
    case 'i16': case 'u16': d.setUint16(o, Number(BigInt.asUintN(16, BigInt(v))), true); break;
    case 'i32': case 'u32': d.setUint32(o, Number(BigInt.asUintN(32, BigInt(v))), true); break;
    default: d.setBigUint64(o, BigInt.asUintN(64, BigInt(v)), true);
  }
}

// Host bytes of rand(SEED) for `count` elements of type t.
export function randBytes(t, count, seed) {
  const sz = TYPE_SIZE[t], out = new ArrayBuffer(count * sz), d = new DataView(out);
  const st = { s: BigInt.asUintN(64, BigInt(seed)) };
  for (let k = 0; k < count; k++) {
    const r = splitmix(st);
    const si = Number(r % 2001n) - 1000;
    const o = k * sz;
    switch (t) {
      case 'f32': d.setFloat32(o, Number(r >> 40n) * (1 / 8388608) - 1, true); break;
      case 'f64': d.setFloat64(o, Number(r >> 11n) * (1 / 4503599627370496) - 1, true); break;
      case 'i8': d.setInt8(o, Math.max(-128, Math.min(127, si))); break;
      case 'i16': d.setInt16(o, si, true); break;
      case 'i32': d.setInt32(o, si, true); break;
      case 'i64': d.setBigInt64(o, BigInt(si), true); break;
      case 'u8': d.setUint8(o, Number(r & 0xffn)); break;
      case 'u16': d.setUint16(o, Number(r & 0xffffn), true); break;
      case 'u32': d.setUint32(o, Number(r & 0xffffffffn), true); break;
      default: d.setBigUint64(o, r, true);
    }
  }
  return new Uint8Array(out);
}

// Parses one spec: {kind:'scalar', type, value} or {kind:'buffer', type, count, bytes}.
export function parseArg(spec) {
  const m = /^([a-z0-9]+)(?:\[(\d+)\])?:(.*)$/.exec(spec);
  if (!m || !(m[1] in TYPE_SIZE)) throw new Error(`bad argument spec '${spec}'`);
  const [, t, countText, init] = m;
  if (countText === undefined) return { kind: 'scalar', type: t, value: parseNum(t, init), spec };
  const count = Number(countText), sz = TYPE_SIZE[t];
  let bytes = new Uint8Array(count * sz);
  const d = new DataView(bytes.buffer);
  let c;
  if (init === 'zero') { /* already zero */ } else if (init === 'iota' || (c = /^iota\((\d+)\)$/.exec(init))) {
    const step = c ? BigInt(c[1]) : 1n;
    for (let k = 0; k < count; k++) setValue(d, k * sz, t, t[0] === 'f' ? Number(BigInt(k) * step) : BigInt(k) * step);
  } else if ((c = /^fill\((.*)\)$/.exec(init))) {
    const v = parseNum(t, c[1]);
    for (let k = 0; k < count; k++) setValue(d, k * sz, t, v);
  } else if ((c = /^rand\((.*)\)$/.exec(init))) {
    bytes = randBytes(t, count, parseNum('u64', c[1]));
  } else throw new Error(`unknown initialiser '${init}' (expected zero, fill(V), iota, iota(STEP) or rand(SEED))`);
  return { kind: 'buffer', type: t, count, bytes, spec };
}

// Reads element k of a buffer of type t as a number (bigint for 64-bit integers).
export function getValue(d, k, t) {
  const o = k * TYPE_SIZE[t];
  switch (t) {
    case 'f32': return d.getFloat32(o, true);
    case 'f64': return d.getFloat64(o, true);
    case 'i8': return d.getInt8(o);
    case 'u8': return d.getUint8(o);
    case 'i16': return d.getInt16(o, true);
    case 'u16': return d.getUint16(o, true);
    case 'i32': return d.getInt32(o, true);
    case 'u32': return d.getUint32(o, true);
    case 'i64': return d.getBigInt64(o, true);
    default: return d.getBigUint64(o, true);
  }
}
