// The transpiler: the project's C sources compiled to WebAssembly by
// Emscripten (dist/cudawasm-core.{mjs,wasm}, built by scripts/build-wasm.sh).
// One instance keeps its wasm memory between calls; each call frees what it
// allocated, so repeated transpiles do not grow memory without bound.
import createCore from '../dist/cudawasm-core.mjs';

const SEVERITY = ['error', 'warning', 'note'];
const STATUS = ['ok', 'rejected', 'internal'];
const isNode = typeof process === 'object' && !!process.versions?.node;

async function wasmBytes(url) {
  if (isNode && url.protocol === 'file:') {
    const fs = await import('node:fs/promises');
    return fs.readFile(url);
  }
  const r = await fetch(url);
  if (!r.ok) throw new Error(`cuda-wasm: cannot fetch ${url}: ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

function list(v) {
  if (v == null) return [];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'object') // {NAME: value}: value true/'' means "NAME" alone
    return Object.entries(v).map(([k, x]) => (x === true || x === '' || x == null ? k : `${k}=${x}`));
  return [String(v)];
}

export class Transpiler {
  constructor(core) {
    this.core = core;
  }

  static async load({ wasmUrl } = {}) {
    const url = wasmUrl ? new URL(wasmUrl) : new URL('../dist/cudawasm-core.wasm', import.meta.url);
    const core = await createCore({ wasmBinary: await wasmBytes(url), print: () => {}, printErr: () => {} });
    return new Transpiler(core);
  }

  get version() {
    return this.core.UTF8ToString(this.core._cwj_version());
  }

  // Writes files into the module's in-memory file system, for #include.
  addFiles(files) {
    const FS = this.core.FS;
    for (let [path, text] of Object.entries(files || {})) {
      if (!path.startsWith('/')) path = `${FS.cwd().replace(/\/$/, '')}/${path}`;
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      if (dir) FS.mkdirTree(dir);
      FS.writeFile(path, typeof text === 'string' ? text : new Uint8Array(text));
    }
  }

  // Makes relative paths (filename, #include "...") resolve against dir.
  chdir(dir) {
    this.core.FS.mkdirTree(dir);
    this.core.FS.chdir(dir);
  }

  // The native f16 probe (src/back/wgsl/half_probe.c, the same bytes the
  // native runtime dispatches): its WGSL, entry point, the override n, the
  // workgroup size and the input buffer (operands, then results preset to
  // 0xffffffff). npm/src/webgpu.js dispatches it; halfProbeCheck judges it.
  halfProbe() {
    const c = this.core;
    const p = c._cwj_half_probe_wgsl();
    if (!p) throw new Error('cuda-wasm: out of memory building the f16 probe');
    let wgsl;
    try {
      wgsl = c.UTF8ToString(p);
    } finally {
      c._free(p);
    }
    const words = c._cwj_half_probe_words();
    const q = c._malloc(4 * words);
    let input;
    try {
      c._cwj_half_probe_input(q);
      input = c.HEAPU32.slice(q >> 2, (q >> 2) + words);
    } finally {
      c._free(q);
    }
    return { wgsl, entryPoint: 'probe', n: c._cwj_half_probe_n(), workgroupSize: c._cwj_half_probe_workgroup(), input };
  }

  // The probe's buffer as read back after the dispatch (Uint32Array or
  // ArrayBuffer of the input's length) -> { level: 0|1|2, why } as the native
  // runtime judges it: 2 all results CUDA's (why ''), 1 all but fma, else 0.
  halfProbeCheck(result) {
    const c = this.core;
    const words = c._cwj_half_probe_words();
    const w = result instanceof ArrayBuffer ? new Uint32Array(result) : result;
    if (!(w instanceof Uint32Array) || w.length !== words)
      throw new TypeError(`halfProbeCheck takes the probe's ${words} u32 words`);
    const q = c._malloc(4 * words);
    try {
      c.HEAPU32.set(w, q >> 2);
      const level = c._cwj_half_probe_check(q);
      return { level, why: c.UTF8ToString(c._cwj_half_probe_why()) };
    } finally {
      c._free(q);
    }
  }

  transpile(source, opts = {}) {
    const c = this.core;
    if (opts.files) this.addFiles(opts.files);
    const target = opts.target === 'c' ? 1 : 0;
    const ptrs = [];
    const str = (s) => {
      const n = c.lengthBytesUTF8(s) + 1;
      const p = c._malloc(n);
      c.stringToUTF8(s, p, n);
      ptrs.push(p);
      return p;
    };
    const src = String(source);
    const srcLen = c.lengthBytesUTF8(src);
    const halfNative = opts.halfNative ?? 0;
    if (![0, 1, 2].includes(halfNative)) throw new TypeError('halfNative must be 0, 1 or 2');
    const flags = (opts.emitIr ? 1 : 0) | (opts.demoteDouble ? 2 : 0) | (opts.subgroups ? 4 : 0) |
      (opts.boundsCheck ? 8 : 0) | (halfNative << 4);
    let r = 0;
    try {
      r = c._cwj_transpile(str(src), srcLen, target, str(opts.filename || ''),
        str(list(opts.kernels).join('\n')), str(list(opts.defines).join('\n')),
        str(list(opts.undefines).join('\n')), str(list(opts.includeDirs).join('\n')), flags);
      const get = (p) => (p ? c.UTF8ToString(p) : null);
      const status = STATUS[c._cwj_status(r)] || 'internal';
      const diagnostics = [];
      for (let i = 0, n = c._cwj_ndiags(r); i < n; i++)
        diagnostics.push({
          severity: SEVERITY[c._cwj_diag_severity(r, i)] || 'error',
          file: get(c._cwj_diag_file(r, i)),
          line: c._cwj_diag_line(r, i),
          column: c._cwj_diag_column(r, i),
          message: get(c._cwj_diag_message(r, i)),
          rendered: get(c._cwj_diag_rendered(r, i)),
        });
      const code = get(c._cwj_code(r));
      const metadataJson = get(c._cwj_metadata(r));
      return {
        ok: status === 'ok',
        status,
        target: target ? 'c' : 'wgsl',
        code,
        wgsl: target ? null : code,
        c: target ? code : null,
        metadataJson,
        metadata: metadataJson ? JSON.parse(metadataJson) : null,
        ir: get(c._cwj_ir(r)),
        diagnostics,
      };
    } finally {
      if (r) c._cwj_free(r);
      for (const p of ptrs) c._free(p);
    }
  }
}
