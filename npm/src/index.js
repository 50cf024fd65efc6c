// cuda-wasm for JavaScript: the transpiler (WebAssembly) and a WebGPU runtime.
//   const cw = await CudaWasm.load();
//   const { wgsl, metadata, diagnostics } = cw.transpile(src, { target: 'wgsl' });
//   const rt = await cw.createRuntime();            // navigator.gpu, or { device }
//   const mod = await rt.loadModule(src); rt.launch(mod.kernel('saxpy'), {...});
import { Transpiler } from './transpiler.js';
import { WebGpuRuntime, GpuModule, DeviceBuffer, probeHalf } from './webgpu.js';
import { InterpreterRuntime, HostBuffer } from './interp.js';
import { WasmCpuRuntime } from './wasmcpu.js';
export { Transpiler, WebGpuRuntime, GpuModule, DeviceBuffer, probeHalf, InterpreterRuntime, HostBuffer, WasmCpuRuntime };
export { parseArg, randBytes, getValue, setValue, TYPE_SIZE } from './argspec.js';

let shared = null;

export class CudaWasm {
  constructor(transpiler) {
    this.transpiler = transpiler;
  }

  // Loads the WebAssembly transpiler (once per options object; cached by default).
  static async load(opts) {
    if (opts) return new CudaWasm(await Transpiler.load(opts));
    shared = shared || Transpiler.load().then((t) => new CudaWasm(t));
    return shared;
  }

  // Static convenience: loads on first use, so it returns a Promise.
  static async transpile(source, opts) {
    return (await CudaWasm.load()).transpile(source, opts);
  }

  get version() {
    return this.transpiler.version;
  }

  transpile(source, opts) {
    return this.transpiler.transpile(source, opts);
  }

  // A WebGPU runtime over navigator.gpu (or opts.device); where there is no
  // WebGPU, the CPU fallback unless opts.fallback is false: kernels compiled
  // to WebAssembly by the wasm back-end (kind 'wasm'), the IR interpreter for
  // what that back-end refuses. opts.backend picks one: 'webgpu', 'wasm',
  // 'interpreter' (the interpreter alone, a first step kept for comparison).
  // opts.halfNative (0, 1, 2) overrides the WebGPU runtime's f16 probe (rt.half).
  async createRuntime(opts = {}) {
    const { fallback = true, backend } = opts;
    if (backend === 'interpreter') return InterpreterRuntime.create({ transpiler: this.transpiler });
    if (backend === 'wasm') return WasmCpuRuntime.create({ transpiler: this.transpiler });
    try {
      const rt = await WebGpuRuntime.create({ ...opts, transpiler: this.transpiler });
      rt.kind = 'webgpu';
      return rt;
    } catch (e) {
      if (!fallback || backend === 'webgpu' || opts.device) throw e;
      // halfNative 1 or 2 asks for WebGPU with shader-f16: no CPU fallback then
      if (opts.halfNative > 0) {
        if (!e.message.includes('halfNative'))
          e.message += `; halfNative ${opts.halfNative} needs WebGPU with shader-f16, so there is no CPU fallback`;
        throw e;
      }
      const rt = await WasmCpuRuntime.create({ transpiler: this.transpiler });
      rt.whyNotWebGpu = e.message;
      return rt;
    }
  }
}

export default CudaWasm;
