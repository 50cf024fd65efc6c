// The WebGPU runtime: buffers, modules, launches and readback over
// navigator.gpu or a GPUDevice passed in, driven by the launch metadata
// exactly as the native backend (src/rt/webgpu/backend.c) is: binding 0 the
// uniform buffer (gridDim header, then scalar fields copied from the host
// argument bytes), pointer parameters and globals at their bindings, block
// size and dynamic shared length as override constants, and the linear
// dispatch rule (docs/metadata.md).
const LINEAR_X = 65535;
const IO_BYTES = 1 << 20; // device printf/assert buffer, as CW_IO_DEFAULT_BYTES
const IO_HEADER_WORDS = 16;
const BATCH = 64; // launches recorded into one command buffer before a submit (as the native backend)
const up4 = (n) => Math.ceil(n / 4) * 4;
const NO_F16 = 'the device has no shader-f16'; // the native runtime's words (src/rt/webgpu/half.c)

// What halfNative 1 or 2 needs; refused where the device lacks it, rather
// than failing later on the first kernel's `enable f16;`.
function needF16(level, hasF16, where, whose = 'this device') {
  if (level > 0 && !hasF16)
    throw new Error(`cuda-wasm: halfNative ${level} (${where}) needs a WebGPU device with the 'shader-f16' feature, and ${whose} has none; halfNative 0 (the exact f32 code) runs everywhere`);
}

// The native f16 probe (src/back/wgsl/half_probe.c, from the wasm core: the
// same WGSL, operands and check as the native runtime's cw_wg_half_native)
// dispatched on `device`: { level: 0|1|2, why, probed }. 2: <cuda_fp16.h>
// add, sub, mul, div and fma round as CUDA's on every probed operand, so
// kernels use native f16; 1: all but fma (__hfma stays the exact f32 code);
// 0: the exact f32 code, why says why. Never throws: a failure (compile
// error, validation error, lost device...) is level 0 with the reason.
export async function probeHalf(device, transpiler) {
  if (!device.features.has('shader-f16')) return { level: 0, why: NO_F16, probed: false };
  if (!transpiler?.halfProbe) return { level: 0, why: 'no transpiler to take the f16 probe from', probed: false };
  const fail = (why) => ({ level: 0, why, probed: true });
  let lost = null;
  const lostP = device.lost.then((i) => { lost = `f16 probe: the device was lost (${i.reason}${i.message ? `: ${i.message}` : ''})`; });
  const lostErr = lostP.then(() => { throw new Error(lost); });
  lostErr.catch(() => {}); // a device lost after the probe is no one's error here
  const orLost = (p) => Promise.race([p, lostErr]);
  const made = [];
  let scopes = 0;
  const popScopes = async () => { // the errors of everything since the push, in order
    const errs = [];
    while (scopes > 0) { scopes--; errs.unshift(await orLost(device.popErrorScope())); }
    return errs.filter(Boolean).map((e) => e.message);
  };
  try {
    const p = transpiler.halfProbe();
    device.pushErrorScope('validation'); scopes++;
    device.pushErrorScope('out-of-memory'); scopes++;
    const module = device.createShaderModule({ code: p.wgsl });
    const info = await orLost(module.getCompilationInfo());
    const errs = info.messages.filter((x) => x.type === 'error');
    if (errs.length) {
      await popScopes();
      return fail(`the f16 probe did not compile: ${errs.map((x) => `${x.lineNum}:${x.linePos}: ${x.message}`).join('; ')}`);
    }
    const pipe = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: p.entryPoint, constants: { n: p.n } } });
    const bytes = p.input.byteLength;
    const buf = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    const staging = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    made.push(buf, staging);
    device.queue.writeBuffer(buf, 0, p.input);
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipe);
    pass.setBindGroup(0, device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: buf } }] }));
    pass.dispatchWorkgroups(p.n / p.workgroupSize);
    pass.end();
    enc.copyBufferToBuffer(buf, 0, staging, 0, bytes);
    device.queue.submit([enc.finish()]);
    const errors = await popScopes();
    if (errors.length) return fail(`f16 probe: ${errors.join('; ')}`);
    await orLost(staging.mapAsync(GPUMapMode.READ));
    const out = new Uint32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    return { ...transpiler.halfProbeCheck(out), probed: true };
  } catch (e) {
    if (!lost) await popScopes().catch(() => {});
    return fail(lost || `f16 probe: ${e?.message || e}`);
  } finally {
    for (const b of made) b.destroy();
  }
}

// Host bytes of one scalar of metadata type t (little-endian, as the C ABI).
export function encodeScalar(t, v, size) {
  const b = new ArrayBuffer(Math.max(size, 8));
  const d = new DataView(b);
  switch (t) {
    case 'f32': d.setFloat32(0, Number(v), true); break;
    case 'f64': d.setFloat64(0, Number(v), true); break;
    case 'i64': d.setBigInt64(0, BigInt(v), true); break;
    case 'u64': d.setBigUint64(0, BigInt.asUintN(64, BigInt(v)), true); break;
    case 'i8': case 'u8': case 'bool': d.setUint8(0, Number(v) & 0xff); break;
    case 'i16': case 'u16': d.setUint16(0, Number(v) & 0xffff, true); break;
    default: d.setUint32(0, Number(v) >>> 0, true);
  }
  return new Uint8Array(b, 0, size);
}

function hexBytes(hex, size) {
  const out = new Uint8Array(up4(Math.max(size, 4)));
  if (hex) for (let i = 0; i < size; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

// A GPU allocation, or (from at()) a pointer into one: CUDA code passes
// `ptr + k` to kernels. A view shares its allocation's GPUBuffer; launches
// bind it at its offset (as the native backend does), read and write add it.
export class DeviceBuffer {
  constructor(rt, bytes, base = null, offset = 0) {
    this.rt = rt;
    this.size = bytes;
    this.base = base; // the allocation a view points into; null for an allocation
    this.offset = offset; // bytes from the start of that allocation
    if (base) return;
    this.gpuSize = up4(Math.max(bytes, 4));
    this._buffer = rt.device.createBuffer({
      size: this.gpuSize,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
  }
  get buffer() { return (this.base || this)._buffer; }
  // The pointer `bytes` bytes further on (C's `(char *)p + bytes`), within the allocation.
  at(bytes) {
    if (!Number.isInteger(bytes) || bytes < 0 || bytes > this.size)
      throw new RangeError(`offset ${bytes} is outside this ${this.size}-byte buffer`);
    return new DeviceBuffer(this.rt, this.size - bytes, this.base || this, this.offset + bytes);
  }
  free() {
    if (this.base) throw new Error('free() takes the allocation, not a pointer into it (from at())');
    this.rt.flush(); // recorded launches may still use it
    this._buffer.destroy();
  }
}

export class WebGpuRuntime {
  constructor(device, transpiler, half = { level: 0, why: 'not probed', probed: false }) {
    this.device = device;
    this.transpiler = transpiler;
    this.limits = device.limits;
    // <cuda_fp16.h> arithmetic: the halfNative every module loaded from CUDA
    // source is transpiled with (create() probes it; see probeHalf)
    this.half = half;
    // Launches are recorded into one compute pass and submitted together
    // (flush): before a write, a read, a synchronize, a device printf header
    // reset, or after BATCH launches. queue.writeBuffer runs at submit order,
    // so anything written while launches wait unsubmitted would overtake them.
    this.enc = null;
    this.pass = null;
    this.pending = 0;
    this.transient = [];
    this.ioModules = new Set(); // modules whose last launch used device printf/assert
  }

  flush() {
    if (!this.enc) return;
    this.pass.end();
    this.device.queue.submit([this.enc.finish()]);
    for (const b of this.transient) b.destroy(); // freed once the submitted work is done
    this.enc = this.pass = null;
    this.pending = 0;
    this.transient = [];
  }

  // device: a GPUDevice; else one is requested from navigator.gpu (or gpu),
  // with 'shader-f16' when the adapter has it. Half arithmetic: the f16 probe
  // runs once on a device with 'shader-f16' (probeHalf) and its level is used
  // for every module; halfNative (0, 1, 2) sets the level unprobed instead,
  // as CW_WEBGPU_F16 does natively (1 and 2 are refused without shader-f16).
  static async create({ device, gpu, transpiler, adapterOptions, halfNative } = {}) {
    if (halfNative !== undefined && ![0, 1, 2].includes(halfNative))
      throw new TypeError('halfNative must be 0, 1 or 2');
    if (!device) {
      gpu = gpu || (typeof navigator !== 'undefined' ? navigator.gpu : undefined);
      if (!gpu) throw new Error('cuda-wasm: WebGPU is not available here (no navigator.gpu)');
      const adapter = await gpu.requestAdapter(adapterOptions);
      if (!adapter) throw new Error('cuda-wasm: no WebGPU adapter');
      const f16 = adapter.features.has('shader-f16');
      needF16(halfNative ?? 0, f16, 'create()', 'the adapter');
      const lim = adapter.limits;
      device = await adapter.requestDevice({
        requiredFeatures: f16 ? ['shader-f16'] : [],
        requiredLimits: {
          maxComputeInvocationsPerWorkgroup: lim.maxComputeInvocationsPerWorkgroup,
          maxComputeWorkgroupSizeX: lim.maxComputeWorkgroupSizeX,
          maxComputeWorkgroupSizeY: lim.maxComputeWorkgroupSizeY,
          maxComputeWorkgroupSizeZ: lim.maxComputeWorkgroupSizeZ,
          maxComputeWorkgroupStorageSize: lim.maxComputeWorkgroupStorageSize,
          maxStorageBuffersPerShaderStage: lim.maxStorageBuffersPerShaderStage,
          maxStorageBufferBindingSize: lim.maxStorageBufferBindingSize,
          maxBufferSize: lim.maxBufferSize,
        },
      });
    }
    needF16(halfNative ?? 0, device.features.has('shader-f16'), 'create()');
    const half = halfNative === undefined ? await probeHalf(device, transpiler)
      : { level: halfNative, why: `halfNative ${halfNative} given to create(), not probed`, probed: false };
    return new WebGpuRuntime(device, transpiler, half);
  }

  malloc(bytes) {
    if (up4(bytes) > this.limits.maxBufferSize)
      throw new Error(`allocation of ${bytes} bytes exceeds this adapter's maximum buffer size of ${this.limits.maxBufferSize} bytes`);
    return new DeviceBuffer(this, bytes);
  }

  // data: an ArrayBuffer or a typed array; written at byte offset.
  write(buf, data, offset = 0) {
    this.flush();
    const src = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
    if (offset + src.byteLength > buf.size) throw new RangeError('write past the end of the buffer');
    const end = offset + src.byteLength === buf.size; // reaches the allocation's end (views end there too)
    offset += buf.offset;
    // writeBuffer needs 4-byte multiples: a write that reaches the end of the
    // buffer is padded into the allocation's slack; elsewhere padding would
    // overwrite the caller's neighbouring bytes, so it is refused.
    if (offset % 4) throw new RangeError('write offsets must be multiples of 4');
    if (src.byteLength % 4 === 0) this.device.queue.writeBuffer(buf.buffer, offset, src);
    else if (end) {
      const p = new Uint8Array(up4(src.byteLength));
      p.set(src);
      this.device.queue.writeBuffer(buf.buffer, offset, p);
    } else throw new RangeError('write sizes must be multiples of 4 unless the write reaches the end of the buffer');
  }

  // Resolves to an ArrayBuffer with `bytes` bytes (default: all) of buf after
  // every launch submitted so far.
  async read(buf, bytes = buf.size, offset = 0) {
    this.flush();
    offset += buf.offset;
    const n = up4(bytes + (offset % 4));
    const start = offset - (offset % 4);
    const staging = this.device.createBuffer({ size: n, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = this.device.createCommandEncoder();
    enc.copyBufferToBuffer(buf.buffer, start, staging, 0, n);
    this.device.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const out = staging.getMappedRange().slice(offset - start, offset - start + bytes);
    staging.unmap();
    staging.destroy();
    return out;
  }

  // Waits for every launch; then, as the native runtime does, appends device
  // printf text to each module's `output` and throws on a failed assert.
  // Records of a module's earlier launches are lost when it is launched again
  // before a synchronize (one printf buffer per module).
  async synchronize() {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
    const mods = [...this.ioModules];
    this.ioModules.clear();
    let failed = null;
    for (const m of mods) {
      const io = await m.deviceIo();
      if (io.text) m.output += io.text;
      failed = failed || io.failed;
    }
    if (failed) throw new Error(failed.message);
  }

  // source: CUDA text (transpiled here, needs a transpiler; halfNative
  // defaults to this.half.level) or a transpile result {wgsl, metadata}.
  async loadModule(source, opts = {}) {
    let r = source;
    if (typeof source === 'string') {
      if (!this.transpiler) throw new Error('cuda-wasm: loadModule from CUDA source needs a transpiler');
      const halfNative = opts.halfNative ?? this.half.level;
      needF16(halfNative, this.device.features.has('shader-f16'), 'loadModule()');
      r = this.transpiler.transpile(source, { ...opts, target: 'wgsl', halfNative });
      if (!r.ok) {
        const e = new Error(r.diagnostics.map((d) => d.rendered).join('') || 'transpilation failed');
        e.diagnostics = r.diagnostics;
        throw e;
      }
    }
    const m = new GpuModule(this, r.wgsl, r.metadata);
    const info = await m.shader.getCompilationInfo();
    const errs = info.messages.filter((x) => x.type === 'error');
    if (errs.length) throw new Error(`WGSL rejected: ${errs.map((x) => `${x.lineNum}:${x.linePos}: ${x.message}`).join('; ')}`);
    return m;
  }

  // args: one per kernel parameter: a DeviceBuffer (or null) for a pointer,
  // a number/bigint for a scalar, the host bytes (ArrayBuffer/typed array) of
  // a struct passed by value.
  launch(kernel, { grid, block, shared = 0, args = [] }) {
    const dim = (d) => (typeof d === 'number' ? [d, 1, 1] : [d[0] ?? 1, d[1] ?? 1, d[2] ?? 1]);
    const [gx, gy, gz] = dim(grid), [bx, by, bz] = dim(block);
    const k = kernel.meta, m = kernel.module, lim = this.limits;
    const threads = bx * by * bz;
    if (threads === 0) throw new Error(`block (${bx},${by},${bz}) has no threads`);
    if (threads > lim.maxComputeInvocationsPerWorkgroup)
      throw new Error(`block of ${threads} threads exceeds this adapter's limit of ${lim.maxComputeInvocationsPerWorkgroup} invocations per workgroup`);
    if (bx > lim.maxComputeWorkgroupSizeX || by > lim.maxComputeWorkgroupSizeY || bz > lim.maxComputeWorkgroupSizeZ)
      throw new Error(`block (${bx},${by},${bz}) exceeds this adapter's workgroup size limits`);
    if (k.workgroup_size_limit && threads > k.workgroup_size_limit)
      throw new Error(`block of ${threads} threads exceeds kernel '${k.name}''s __launch_bounds__ of ${k.workgroup_size_limit}`);
    let dynLen = 1, dynBytes = 0;
    if (k.dyn_shared) {
      dynLen = Math.max(1, Math.ceil(shared / k.dyn_shared.elem_size));
      dynBytes = dynLen * k.dyn_shared.elem_size;
    }
    if (k.static_shared_bytes + dynBytes > lim.maxComputeWorkgroupStorageSize)
      throw new Error(`kernel '${k.name}' needs ${k.static_shared_bytes + dynBytes} bytes of shared memory, more than this adapter's limit of ${lim.maxComputeWorkgroupStorageSize} bytes of workgroup storage`);
    const total = gx * gy * gz;
    if (total === 0) return;
    const wx = Math.min(total, LINEAR_X), wy = Math.ceil(total / LINEAR_X);
    if (wy > LINEAR_X || wy > lim.maxComputeWorkgroupsPerDimension)
      throw new Error(`grid (${gx},${gy},${gz}) of ${total} blocks exceeds what this adapter can dispatch`);
    if (args.length !== k.params.length)
      throw new Error(`kernel '${k.name}' takes ${k.params.length} arguments, got ${args.length}`);

    // Uniforms: gridDim header, then every field from its argument's host bytes.
    const usize = Math.max(16, k.uniform.size);
    const u = new Uint8Array(usize);
    new Uint32Array(u.buffer, 0, 4).set([gx, gy, gz, 0]);
    const host = k.params.map((p, i) => {
      if (p.kind === 'buffer') return null;
      const a = args[i];
      if (p.kind === 'struct') {
        const b = ArrayBuffer.isView(a) ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : new Uint8Array(a);
        if (b.byteLength < p.size) throw new Error(`struct argument '${p.name}' needs ${p.size} host bytes`);
        return b;
      }
      return encodeScalar(p.elem_type === 'f32' && p.demoted ? 'f64' : p.elem_type, a, p.size);
    });
    for (const f of k.uniform.fields) {
      const src = host[f.param];
      if (f.demoted) { // a host double stored as an f32 slot
        const d = new DataView(src.buffer, src.byteOffset + f.host_offset, 8).getFloat64(0, true);
        new DataView(u.buffer).setFloat32(f.offset, d, true);
      } else u.set(src.subarray(f.host_offset, f.host_offset + f.size), f.offset);
    }
    const ubuf = this.device.createBuffer({ size: usize, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(ubuf, 0, u);

    const entries = [{ binding: 0, resource: { buffer: ubuf } }];
    k.params.forEach((p, i) => {
      if (p.kind !== 'buffer' || !p.used || p.binding < 0) return;
      let b = args[i];
      if (b == null) b = this.dummy(p.elem_size);
      if (!(b instanceof DeviceBuffer)) throw new Error(`argument '${p.name}' of kernel '${k.name}' must be a device buffer`);
      // As the native backend: bound from its offset to the allocation's end;
      // WebGPU takes only offsets that are multiples of the adapter's alignment.
      const off = b.offset, whole = (b.base || b).gpuSize, es = p.elem_size;
      if (off % lim.minStorageBufferOffsetAlignment !== 0)
        throw new Error(`pointer argument '${p.name}' of kernel '${k.name}' is at byte offset ${off} into its allocation; the webgpu backend can only bind offsets that are multiples of ${lim.minStorageBufferOffsetAlignment} (minStorageBufferOffsetAlignment) for now`);
      if (off + up4(es > 0 ? es : 4) > whole)
        throw new Error(`pointer argument '${p.name}' of kernel '${k.name}' points at byte ${off} of a ${(b.base || b).size}-byte allocation, leaving less than one ${es}-byte element`);
      if (whole - off > lim.maxStorageBufferBindingSize)
        throw new Error(`pointer argument '${p.name}' of kernel '${k.name}' would bind ${whole - off} bytes, more than this adapter's maxStorageBufferBindingSize of ${lim.maxStorageBufferBindingSize} bytes`);
      entries.push({ binding: p.binding, resource: { buffer: b.buffer, offset: off } });
    });
    for (const g of k.globals) entries.push({ binding: g.binding, resource: { buffer: m.globalBuffer(g.name).buffer } });
    if (k.device_io && m.meta.device_io) {
      m.lastKernel = k.name;
      this.ioModules.add(m);
      this.flush(); // earlier launches still write this buffer
      this.device.queue.writeBuffer(m.io.buffer, 0, new Uint32Array(IO_HEADER_WORDS));
      entries.push({ binding: m.meta.device_io.binding, resource: { buffer: m.io.buffer } });
    }
    const pipe = m.pipeline(k, [bx, by, bz], dynLen);
    const group = this.device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries });
    if (!this.enc) {
      this.enc = this.device.createCommandEncoder();
      this.pass = this.enc.beginComputePass();
    }
    this.pass.setPipeline(pipe);
    this.pass.setBindGroup(0, group);
    this.pass.dispatchWorkgroups(wx, wy, 1);
    this.transient.push(ubuf);
    if (++this.pending >= BATCH) this.flush();
  }

  dummy(elemSize) {
    const need = Math.max(256, up4(elemSize || 4));
    if (!this._dummy || this._dummy.size < need) this._dummy = this.malloc(need);
    return this._dummy;
  }
}

export class GpuModule {
  constructor(rt, wgsl, meta) {
    this.rt = rt;
    this.wgsl = wgsl;
    this.meta = meta;
    this.shader = rt.device.createShaderModule({ code: wgsl });
    this.pipes = new Map();
    this.globals = new Map();
    this.output = ''; // device printf text collected by synchronize()
    for (const g of meta.globals) {
      const b = rt.malloc(g.size);
      if (g.init) rt.write(b, hexBytes(g.init, g.size).subarray(0, g.size)); // else zero, as created
      this.globals.set(g.ir_name, { meta: g, buf: b });
    }
    if (meta.device_io) this.io = rt.malloc(IO_BYTES);
  }

  kernel(name) {
    // Template instances match with or without blanks: reduce<float,256>.
    const bare = (s) => s.replace(/\s+/g, '');
    const k = this.meta.kernels.find((x) => x.name === name) || this.meta.kernels.find((x) => bare(x.name) === bare(name));
    if (!k) throw new Error(`no kernel '${name}' in this module (has: ${this.meta.kernels.map((x) => x.name).join(', ')})`);
    return { module: this, meta: k, name };
  }

  globalBuffer(irName) {
    const g = this.globals.get(irName);
    if (!g) throw new Error(`global '${irName}' has no device memory`);
    return g.buf;
  }

  pipeline(k, block, dynLen) {
    const key = `${k.name}/${block.join(',')}/${dynLen}`;
    let p = this.pipes.get(key);
    if (!p) {
      const constants = { [k.overrides.block[0]]: block[0], [k.overrides.block[1]]: block[1], [k.overrides.block[2]]: block[2] };
      if (k.overrides.dyn_shared_len) constants[k.overrides.dyn_shared_len] = dynLen;
      p = this.rt.device.createComputePipeline({ layout: 'auto', compute: { module: this.shader, entryPoint: k.entry_point, constants } });
      this.pipes.set(key, p);
    }
    return p;
  }

  // After a launch of a kernel with device printf/assert (and synchronize):
  // the printf text formatted by the native formatter inside the wasm module
  // (when the runtime has a transpiler), the raw records, lost records, and
  // the first assertion failure worded as the native runtime does.
  async deviceIo() {
    if (!this.io) return null;
    const w = new Uint32Array(await this.rt.read(this.io));
    const strings = this.meta.device_io.strings;
    const end = Math.min(w[0], w.length - IO_HEADER_WORDS) + IO_HEADER_WORDS;
    const records = [];
    let text = '';
    const core = this.rt.transpiler?.core;
    for (let i = IO_HEADER_WORDS; i + 2 <= end;) {
      const n = w[i + 1];
      if (i + 2 + n > end || w[i] >= strings.length) break;
      const rec = { format: strings[w[i]], args: Array.from(w.subarray(i + 2, i + 2 + n)) };
      records.push(rec);
      if (core) {
        const f = core._malloc(core.lengthBytesUTF8(rec.format) + 1), a = core._malloc(4 * n + 4);
        core.stringToUTF8(rec.format, f, core.lengthBytesUTF8(rec.format) + 1);
        core.HEAPU32.set(rec.args, a >> 2);
        const p = core._cwj_format_record(f, a, n);
        core._free(f);
        core._free(a);
        if (!p) break; // not what this format writes
        text += core.UTF8ToString(p);
      }
      i += 2 + n;
    }
    if (w[1]) text += `printf buffer full: ${w[1]} records lost\n`;
    const failed = w[2] > 0 ? { message: `${strings[w[3]]} in kernel ${this.lastKernel || '?'}, block (${w[4]},${w[5]},${w[6]}), thread (${w[7]},${w[8]},${w[9]})`,
      block: [w[4], w[5], w[6]], thread: [w[7], w[8], w[9]] } : null;
    return { text: core ? text : null, records, lost: w[1], assertFailures: w[2], failed };
  }
}
