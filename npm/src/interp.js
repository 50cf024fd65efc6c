// The CPU fallback's FIRST STEP: an interpreter of the kernel IR running inside
// the transpiler's WebAssembly module (csrc/interp.c). Same shape as
// WebGpuRuntime: malloc/write/read/loadModule/launch/synchronize;
// `runtime.kind` says 'interpreter'. WasmCpuRuntime (wasmcpu.js), which runs
// kernels compiled by the WebAssembly back-end, extends it and uses it for
// kernels that back-end refuses; it is much faster.
import { Transpiler } from './transpiler.js';

const up8 = (n) => Math.max(8, Math.ceil(n / 8) * 8);

// Host bytes of a scalar or struct argument, as the C ABI lays it out.
export function hostBytes(p, a) {
  if (p.kind === 'struct') return ArrayBuffer.isView(a) ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : new Uint8Array(a);
  const d = new DataView(new ArrayBuffer(8));
  switch (p.elem_type) {
    case 'f32': d.setFloat32(0, Number(a), true); break;
    case 'f64': d.setFloat64(0, Number(a), true); break;
    case 'i64': case 'u64': d.setBigUint64(0, BigInt.asUintN(64, BigInt(a)), true); break;
    default: d.setBigUint64(0, BigInt.asUintN(64, BigInt(typeof a === 'boolean' ? Number(a) : Math.trunc(Number(a)))), true);
  }
  return new Uint8Array(d.buffer, 0, p.size);
}

// An allocation in the module's memory, or (from at()) a pointer into one:
// CUDA code passes `ptr + k` to kernels, so a view has the allocation's bytes
// from its offset on (ptr and size shifted), and every consumer that reads
// ptr/size (launches, read, write) needs no other change.
export class HostBuffer {
  constructor(rt, bytes, base = null, offset = 0) {
    this.rt = rt;
    this.size = bytes;
    this.base = base; // the allocation a view points into; null for an allocation
    this.offset = offset; // bytes from the start of that allocation
    if (base) return;
    this._ptr = rt.core._malloc(up8(bytes));
    if (!this._ptr) throw new Error(`cannot allocate ${bytes} bytes`);
    rt.core.HEAPU8.fill(0, this._ptr, this._ptr + up8(bytes));
  }
  // 0 once the allocation is freed, for views too (a launch then binds nothing).
  get ptr() {
    return this.base ? (this.base._ptr ? this.base._ptr + this.offset : 0) : this._ptr;
  }
  // The pointer `bytes` bytes further on (C's `(char *)p + bytes`), within the allocation.
  at(bytes) {
    if (!Number.isInteger(bytes) || bytes < 0 || bytes > this.size)
      throw new RangeError(`offset ${bytes} is outside this ${this.size}-byte buffer`);
    return new HostBuffer(this.rt, this.size - bytes, this.base || this, this.offset + bytes);
  }
  free() {
    if (this.base) throw new Error('free() takes the allocation, not a pointer into it (from at())');
    if (this._ptr) this.rt.core._free(this._ptr);
    this._ptr = 0;
  }
}

// A pointer argument into the middle of an allocation must keep its
// elements aligned: the kernel indexes whole elements from it (the native
// CPU backend would see a misaligned pointer, undefined behaviour in C).
export function checkPointerOffset(p, k, a) {
  const es = p.elem_size > 0 ? p.elem_size : 1;
  if (a && a.offset % es !== 0)
    throw new Error(`pointer argument '${p.name}' of kernel '${k.name}' is at byte offset ${a.offset} into its allocation, not a multiple of its ${es}-byte element`);
}

export class InterpreterRuntime {
  constructor(transpiler) {
    this.transpiler = transpiler;
    this.core = transpiler.core;
    this.kind = 'interpreter';
  }

  static async create({ transpiler } = {}) {
    return new InterpreterRuntime(transpiler || (await Transpiler.load()));
  }

  malloc(bytes) {
    return new HostBuffer(this, bytes);
  }

  write(buf, data, offset = 0) {
    const src = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
    if (offset + src.byteLength > buf.size) throw new RangeError('write past the end of the buffer');
    this.core.HEAPU8.set(src, buf.ptr + offset);
  }

  async read(buf, bytes = buf.size, offset = 0) {
    return this.core.HEAPU8.slice(buf.ptr + offset, buf.ptr + offset + bytes).buffer;
  }

  async synchronize() {}

  // The interpreter works from CUDA source (it re-derives the IR per launch).
  async loadModule(source, opts = {}) {
    if (typeof source !== 'string') throw new Error('the interpreter runtime loads modules from CUDA source text');
    const r = this.transpiler.transpile(source, { ...opts, target: 'c' });
    if (!r.ok) {
      const e = new Error(r.diagnostics.map((d) => d.rendered).join('') || 'transpilation failed');
      e.diagnostics = r.diagnostics;
      throw e;
    }
    const globals = r.metadata.globals.map((g) => {
      const b = this.malloc(g.size);
      if (g.init) this.write(b, Uint8Array.from(g.init.match(/../g), (h) => parseInt(h, 16)));
      return { meta: g, buf: b };
    });
    return { source, opts, meta: r.metadata, globals, output: '',
      kernel(name) {
        const bare = (s) => s.replace(/\s+/g, '');
        const k = this.meta.kernels.find((x) => x.name === name || bare(x.name) === bare(name));
        if (!k) throw new Error(`no kernel '${name}' in this module`);
        return { module: this, meta: k, name: k.name };
      } };
  }

  launch(kernel, { grid, block, shared = 0, args = [] }) {
    const c = this.core, k = kernel.meta, m = kernel.module;
    const dim = (d) => (typeof d === 'number' ? [d, 1, 1] : [d[0] ?? 1, d[1] ?? 1, d[2] ?? 1]);
    if (args.length !== k.params.length) throw new Error(`kernel '${k.name}' takes ${k.params.length} arguments, got ${args.length}`);
    const tmp = [];
    const alloc = (n) => { const p = c._malloc(Math.max(n, 8)); tmp.push(p); return p; };
    const str = (s) => { const n = c.lengthBytesUTF8(s) + 1, p = alloc(n); c.stringToUTF8(s, p, n); return p; };
    const u32s = (a) => { const p = alloc(a.length * 4); c.HEAPU32.set(a, p >> 2); return p; };
    try {
      const ptrs = [], lens = [];
      k.params.forEach((p, i) => {
        const a = args[i];
        if (p.kind === 'buffer') {
          if (a != null && !(a instanceof HostBuffer)) throw new Error(`argument '${p.name}' must be a buffer of this runtime`);
          checkPointerOffset(p, k, a);
          ptrs.push(a ? a.ptr : 0);
          lens.push(a ? a.size : 0);
          return;
        }
        const bytes = hostBytes(p, a);
        const q = alloc(bytes.byteLength);
        c.HEAPU8.set(bytes, q);
        ptrs.push(q);
        lens.push(bytes.byteLength);
      });
      const src = str(m.source), res = alloc(4);
      const g = m.globals;
      const rc = c._cwj_interp_run(src, c.lengthBytesUTF8(m.source), str(m.opts.filename || ''),
        str((m.opts.defines || []).join('\n')), str(k.name), u32s([...dim(grid), ...dim(block)]), shared >>> 0,
        ptrs.length, u32s(ptrs), u32s(lens), g.length, str(g.map((x) => x.meta.ir_name).join('\n')),
        u32s(g.map((x) => x.buf.ptr)), u32s(g.map((x) => x.meta.size)), res);
      const r = c.HEAPU32[res >> 2];
      let diags = '';
      if (r) {
        for (let i = 0, n = c._cwj_ndiags(r); i < n; i++) diags += c.UTF8ToString(c._cwj_diag_rendered(r, i));
        c._cwj_free(r);
      }
      m.output += c.UTF8ToString(c._cwj_interp_output());
      if (rc === 2) throw new Error(diags || 'transpilation failed');
      if (rc === 1) throw new Error(c.UTF8ToString(c._cwj_interp_error()));
    } finally {
      for (const p of tmp) c._free(p);
    }
  }
}
