// The CPU fallback through the WebAssembly back-end (src/back/wasm): each
// kernel is compiled from the IR to its own WebAssembly module that shares
// the transpiler module's memory (buffers are the same HostBuffers as the
// interpreter's). A kernel the back-end does not handle yet runs on the
// interpreter instead; `launch` returns which engine ran it.
import { InterpreterRuntime, HostBuffer, hostBytes, checkPointerOffset } from './interp.js';
import { Transpiler } from './transpiler.js';

const MATH = ['cbrt', 'exp', 'exp2', 'exp10', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sin', 'cos', 'tan', 'asin',
  'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'erf', 'erfc', 'round', 'pow', 'atan2', 'fmod',
  'remainder', 'hypot', 'fmin', 'fmax', 'fdim', 'ldexp', 'fma'];
const INFO_HEADER = 64;

function brev(x, bits) {
  let r = 0n;
  for (let i = 0n; i < bits; i++) r |= ((x >> i) & 1n) << (bits - 1n - i);
  return r;
}

export class WasmCpuRuntime extends InterpreterRuntime {
  constructor(transpiler) {
    super(transpiler);
    this.kind = 'wasm';
    const c = this.core;
    this.memory = Object.values(c.asm).find((v) => v instanceof WebAssembly.Memory);
    const math = {};
    for (const f of MATH) {
      c[`_cwj_m_${f}`](0, 0, 0); // Emscripten swaps its lazy wrapper for the raw export on first call
      math[f] = c[`_cwj_m_${f}`];
    }
    this.math = math;
    this.simd = true; // four threads per v128 where the back-end can (src/back/wasm/simd.c)
  }

  // simd: false compiles kernels without the SIMD128 path (scalar code only).
  static async create({ transpiler, simd = true } = {}) {
    const rt = new WasmCpuRuntime(transpiler || (await Transpiler.load()));
    rt.simd = simd;
    return rt;
  }

  compile(m, name) {
    m.compiled = m.compiled || new Map();
    const key = `${name}\0${this.simd ? 1 : 0}`;
    if (m.compiled.has(key)) return m.compiled.get(key);
    const c = this.core, tmp = [];
    const str = (s) => { const n = c.lengthBytesUTF8(s) + 1, p = c._malloc(n); c.stringToUTF8(s, p, n); tmp.push(p); return p; };
    const h = c._cwj_wasm_compile(str(m.source), c.lengthBytesUTF8(m.source), str(m.opts.filename || ''),
      str((m.opts.defines || []).join('\n')), str(name), this.simd ? 1 : 0);
    let r;
    try {
      const st = c._cwj_wasm_status(h);
      if (st === 2) throw new Error('transpilation failed');
      if (st === 1) r = { refused: c.UTF8ToString(c._cwj_wasm_why(h)) };
      else {
        const bytes = c.HEAPU8.slice(c._cwj_wasm_bytes(h), c._cwj_wasm_bytes(h) + c._cwj_wasm_len(h));
        r = { module: new WebAssembly.Module(bytes), layout: JSON.parse(c.UTF8ToString(c._cwj_wasm_layout(h))), size: bytes.length };
      }
    } finally {
      c._cwj_wasm_free(h);
      for (const p of tmp) c._free(p);
    }
    m.compiled.set(key, r);
    return r;
  }

  launch(kernel, opts) {
    const m = kernel.module, k = kernel.meta;
    const comp = this.compile(m, k.name);
    if (comp.refused) {
      super.launch(kernel, opts);
      return { engine: 'interpreter', why: comp.refused };
    }
    this.runCompiled(kernel, comp, opts);
    return { engine: 'wasm' };
  }

  runCompiled(kernel, comp, { grid, block, shared = 0, args = [] }) {
    const c = this.core, k = kernel.meta, m = kernel.module, L = comp.layout;
    const dim = (d) => (typeof d === 'number' ? [d, 1, 1] : [d[0] ?? 1, d[1] ?? 1, d[2] ?? 1]);
    const g = dim(grid), b = dim(block), n = b[0] * b[1] * b[2];
    if (args.length !== k.params.length) throw new Error(`kernel '${k.name}' takes ${k.params.length} arguments, got ${args.length}`);
    if (n < 1 || n > 1024) throw new Error(`block of ${n} threads (1 to 1024)`);
    const frame = Math.max(8, Math.ceil(L.frame / 8) * 8);
    const allocs = [];
    const alloc = (bytes) => { const p = c._malloc(Math.max(8, bytes)); if (!p) throw new Error('out of memory'); allocs.push(p); return p; };
    try {
      const info = alloc(INFO_HEADER + 8 * L.vars.length);
      const frames = alloc(n * frame), status = alloc(n), masks = alloc(Math.max(1, L.levels) * n);
      const scratch = alloc(Math.max(1, L.nswitch) * 4 * n);
      const sharedVars = [];
      const table = L.vars.map((v) => {
        if (v.kind === 'buffer') {
          const a = args[v.param];
          if (a != null && !(a instanceof HostBuffer)) throw new Error(`argument ${v.param} must be a buffer of this runtime`);
          checkPointerOffset(k.params[v.param], k, a); // a view: its ptr and size already start at the offset
          return a ? [a.ptr, a.size] : [0, 0];
        }
        if (v.kind === 'global') {
          const gl = m.globals.find((x) => x.meta.ir_name === v.name);
          return gl ? [gl.buf.ptr, gl.meta.size] : [0, 0];
        }
        const size = v.kind === 'dyn_shared' ? shared : v.size;
        const p = alloc(size);
        sharedVars.push([p, size]);
        return [p, size];
      });
      const params = L.pslots.map((s) => [s.offset, hostBytes(k.params[s.param], args[s.param]).slice(0, s.size)]);
      let pending = [];
      const strings = m.meta.device_io?.strings || [];
      const instance = new WebAssembly.Instance(comp.module, {
        env: { memory: this.memory },
        cw: {
          ...this.math,
          oob: (line, slot, idx) => {
            const v = slot >= 0 ? L.vars[slot] : null;
            const what = v ? (v.kind === 'buffer' ? k.params[v.param].name : v.name) : 'a local array';
            throw new Error(`${m.opts.filename || '<input>'}:${line}: out-of-bounds access: element ${idx} of '${what}' in kernel ${k.name}, block (${cur.join(',')})`);
          },
          fail: (id, t) => {
            throw new Error(`${strings[id] || 'assertion failed'} in kernel ${k.name}, block (${cur.join(',')}), thread (${t % b[0]},${Math.floor(t / b[0]) % b[1]},${Math.floor(t / (b[0] * b[1]))})`);
          },
          pf_arg: (i, slot) => { pending[i] = slot; },
          pf_emit: (id, cnt) => {
            const sp = c._malloc(8 * Math.max(1, cnt)), fp = c._malloc(c.lengthBytesUTF8(strings[id]) + 1);
            const dv = new DataView(c.HEAPU8.buffer);
            for (let i = 0; i < cnt; i++) dv.setBigUint64(sp + 8 * i, BigInt.asUintN(64, pending[i]), true);
            c.stringToUTF8(strings[id], fp, c.lengthBytesUTF8(strings[id]) + 1);
            m.output += c.UTF8ToString(c._cwj_format_slots(fp, sp, cnt));
            c._free(sp);
            c._free(fp);
            pending = [];
          },
          mulhi64: (x, y, sg) => (sg ? BigInt.asIntN(64, (BigInt.asIntN(64, x) * BigInt.asIntN(64, y)) >> 64n)
            : BigInt.asIntN(64, (BigInt.asUintN(64, x) * BigInt.asUintN(64, y)) >> 64n)),
          brev32: (x) => Number(BigInt.asIntN(32, brev(BigInt.asUintN(32, BigInt(x)), 32n))),
          brev64: (x) => BigInt.asIntN(64, brev(BigInt.asUintN(64, x), 64n)),
        },
      });
      const run = instance.exports.block;
      const image = new Uint8Array(n * frame);
      for (const [off, bytes] of params)
        for (let t = 0; t < n; t++) image.set(bytes, t * frame + off);
      const cur = [0, 0, 0];
      let u32 = new Uint32Array(c.HEAPU8.buffer);
      const hdr = [n, b[0], b[1], b[2], g[0], g[1], g[2], 0, 0, 0, frames, status, masks, scratch, 0, frame];
      u32.set(hdr, info >> 2);
      table.forEach(([p, len], i) => u32.set([p, len], (info + INFO_HEADER + 8 * i) >> 2));
      for (let bz = 0; bz < g[2]; bz++)
        for (let by = 0; by < g[1]; by++)
          for (let bx = 0; bx < g[0]; bx++) {
            cur[0] = bx; cur[1] = by; cur[2] = bz;
            const h8 = c.HEAPU8; // memory may have grown (printf formatting allocates)
            u32 = new Uint32Array(h8.buffer);
            u32.set(cur, (info + 28) >> 2);
            h8.set(image, frames); // zeroed frames holding the scalar arguments
            h8.fill(0, status, status + n);
            for (const [p, size] of sharedVars) h8.fill(0, p, p + size);
            run(info);
          }
    } finally {
      for (const p of allocs) c._free(p);
    }
  }
}
