// Types of the cuda-wasm npm package (ES module). WebGPU objects are typed
// loosely (GpuDevice = any) so that no @webgpu/types dependency is needed.

export type GpuDeviceLike = any; // a WebGPU GPUDevice
export type GpuBufferLike = any; // a WebGPU GPUBuffer
export type GpuLike = any; // navigator.gpu

export type Target = 'wgsl' | 'c';
export type Severity = 'error' | 'warning' | 'note';

export interface TranspileOptions {
  target?: Target;                       // default 'wgsl'
  filename?: string;                     // for diagnostics and #include "..." lookup
  kernels?: string[];                    // emit only these kernels (default: all)
  defines?: string[] | Record<string, string | number | boolean>; // "N=4" or {N: 4}
  undefines?: string[];
  includeDirs?: string[];
  files?: Record<string, string | Uint8Array>; // virtual files for #include
  demoteDouble?: boolean;                // wgsl: compute double as float
  subgroups?: boolean;                   // wgsl: warp intrinsics as 32-wide subgroup operations
  halfNative?: 0 | 1 | 2;                // wgsl: <cuda_fp16.h> arithmetic in native f16 (2; 1: __hfma stays exact)
  emitIr?: boolean;
  boundsCheck?: boolean;                 // c target: checked memory accesses
}

export interface Diagnostic {
  severity: Severity;
  file: string | null;
  line: number;                          // 1-based; 0 when unlocated
  column: number;
  message: string;
  rendered: string;                      // "file:line:col: error: message\n  source\n  ^\n"
}

/** Launch metadata, docs/metadata.md (kept loose: the schema document is the reference). */
export interface KernelMetadata {
  name: string;
  entry_point?: string;
  params: Array<{ name: string; index: number; kind: 'buffer' | 'scalar' | 'struct'; type: string;
    elem_type: string; elem_size: number; size: number; binding: number; uniform_offset: number;
    read_only: boolean; atomic: boolean; used: boolean; demoted?: boolean }>;
  globals: Array<{ name: string; binding: number }>;
  uniform: { binding: number; size: number; fields: Array<{ name: string; offset: number; type: string;
    size: number; param: number; host_offset: number; demoted?: boolean }> };
  overrides: { block: [string, string, string]; dyn_shared_len: string | null };
  dyn_shared: { elem_type: string; elem_size: number } | null;
  static_shared_bytes: number;
  launch_bounds: [number, number] | null;
  workgroup_size_limit: number | null;
  device_io?: boolean;
}
export interface Metadata {
  target: Target;
  dispatch?: 'linear';
  kernels: KernelMetadata[];
  globals: Array<{ name: string; ir_name: string; space: 'constant' | 'device'; elem_type: string;
    elem_size: number; size: number; binding: number; read_only: boolean; atomic: boolean; init: string | null }>;
  device_io?: { binding: number; header_words: number; strings: string[] };
}

export interface TranspileResult {
  ok: boolean;
  status: 'ok' | 'rejected' | 'internal';
  target: Target;
  code: string | null;
  wgsl: string | null;                   // code when target is 'wgsl'
  c: string | null;                      // code when target is 'c'
  metadata: Metadata | null;
  metadataJson: string | null;           // the exact text the native CLI writes
  ir: string | null;
  diagnostics: Diagnostic[];
}

export class Transpiler {
  static load(opts?: { wasmUrl?: string | URL }): Promise<Transpiler>;
  readonly version: string;
  transpile(source: string, opts?: TranspileOptions): TranspileResult;
  addFiles(files: Record<string, string | Uint8Array>): void;
  chdir(dir: string): void;
  /** the native runtime's f16 probe (src/back/wgsl/half_probe.c): WGSL, entry point, override n,
   *  workgroup size, and the input buffer (operands, results preset to 0xffffffff) */
  halfProbe(): { wgsl: string; entryPoint: string; n: number; workgroupSize: number; input: Uint32Array };
  /** judges the probe's buffer as read back, as the native runtime does */
  halfProbeCheck(result: Uint32Array | ArrayBuffer): { level: 0 | 1 | 2; why: string };
}

export type Dim3 = number | [number, number?, number?];
export type KernelArg = DeviceBuffer | null | number | bigint | boolean | ArrayBuffer | ArrayBufferView;

export class DeviceBuffer {
  /** bytes from this pointer to the allocation's end */
  readonly size: number;
  readonly buffer: GpuBufferLike;
  /** byte offset into the allocation (0 for an allocation; set by at()) */
  readonly offset: number;
  /** the pointer `bytes` further on (C's `(char *)p + bytes`), for kernel arguments, read and write;
   *  launches bind it at its offset, which must be a multiple of minStorageBufferOffsetAlignment */
  at(bytes: number): DeviceBuffer;
  /** allocations only, not pointers from at() */
  free(): void;
}

export interface Kernel { module: GpuModule; meta: KernelMetadata; name: string }

export class GpuModule {
  readonly wgsl: string;
  readonly meta: Metadata;
  /** device printf text, appended by WebGpuRuntime.synchronize() */
  output: string;
  kernel(name: string): Kernel;
  /** after synchronize(): device printf text (null without a transpiler), raw records, first failed assert */
  deviceIo(): Promise<null | { text: string | null; records: Array<{ format: string; args: number[] }>; lost: number;
    assertFailures: number; failed: null | { message: string; block: number[]; thread: number[] } }>;
}

/** <cuda_fp16.h> arithmetic on a WebGPU device (docs/npm.md, "Native f16"): the halfNative its modules
 *  are transpiled with. level 2: native f16 (the probe found add, sub, mul, div and fma rounding as
 *  CUDA's on every probed operand); 1: native f16 but __hfma (fma differs); 0: the exact f32 code.
 *  why: '' at a probed 2, else the reason ("the device has no shader-f16", the first differing
 *  result, a probe failure, or that the level was given). probed: whether the probe ran. */
export interface HalfNative { level: 0 | 1 | 2; why: string; probed: boolean }

/** The native runtime's f16 probe dispatched on a device (level 0 without 'shader-f16'); never throws. */
export function probeHalf(device: GpuDeviceLike, transpiler: Transpiler): Promise<HalfNative>;

export class WebGpuRuntime {
  readonly kind: 'webgpu';
  /** requests 'shader-f16' when the adapter has it and then probes it (rt.half); halfNative sets the
   *  level unprobed instead (1 and 2 throw on a device without 'shader-f16') */
  static create(opts?: { device?: GpuDeviceLike; gpu?: GpuLike; transpiler?: Transpiler;
    adapterOptions?: object; halfNative?: 0 | 1 | 2 }): Promise<WebGpuRuntime>;
  readonly device: GpuDeviceLike;
  /** the halfNative of every module loadModule transpiles from CUDA source (its opts.halfNative overrides) */
  readonly half: HalfNative;
  malloc(bytes: number): DeviceBuffer;
  write(buf: DeviceBuffer, data: ArrayBuffer | ArrayBufferView, offset?: number): void;
  read(buf: DeviceBuffer, bytes?: number, offset?: number): Promise<ArrayBuffer>;
  /** waits for every launch; collects device printf into module.output; rejects on a failed assert */
  synchronize(): Promise<void>;
  loadModule(source: string | TranspileResult, opts?: TranspileOptions): Promise<GpuModule>;
  launch(kernel: Kernel, launch: { grid: Dim3; block: Dim3; shared?: number; args: KernelArg[] }): void;
}

export class HostBuffer {
  /** bytes from this pointer to the allocation's end */
  readonly size: number;
  /** byte offset into the allocation (0 for an allocation; set by at()) */
  readonly offset: number;
  /** the pointer `bytes` further on (C's `(char *)p + bytes`); as a kernel argument the offset
   *  must be a multiple of the parameter's element size */
  at(bytes: number): HostBuffer;
  /** allocations only, not pointers from at() */
  free(): void;
}
export interface InterpreterModule {
  readonly meta: Metadata;
  /** device printf text of the launches so far */
  output: string;
  kernel(name: string): { module: InterpreterModule; meta: KernelMetadata; name: string };
}
/** CPU fallback, FIRST STEP: interprets the kernel IR inside WebAssembly (threads of a
 *  block in lockstep). Not yet the planned IR -> WebAssembly back-end. */
export class InterpreterRuntime {
  static create(opts?: { transpiler?: Transpiler }): Promise<InterpreterRuntime>;
  readonly kind: 'interpreter' | 'wasm';
  /** why WebGPU was not used, when createRuntime fell back */
  whyNotWebGpu?: string;
  malloc(bytes: number): HostBuffer;
  write(buf: HostBuffer, data: ArrayBuffer | ArrayBufferView, offset?: number): void;
  read(buf: HostBuffer, bytes?: number, offset?: number): Promise<ArrayBuffer>;
  synchronize(): Promise<void>;
  /** from CUDA source only (the interpreter re-derives the IR per launch) */
  loadModule(source: string, opts?: TranspileOptions): Promise<InterpreterModule>;
  /** runs synchronously; throws on out-of-bounds accesses and failed asserts */
  launch(kernel: { module: InterpreterModule; meta: KernelMetadata; name: string },
    launch: { grid: Dim3; block: Dim3; shared?: number; args: Array<HostBuffer | null | number | bigint | boolean | ArrayBuffer | ArrayBufferView> }): void | LaunchEngine;
}
export interface LaunchEngine { engine: 'wasm' | 'interpreter'; why?: string }
/** CPU fallback: each kernel compiled by the WebAssembly back-end (src/back/wasm) into its own
 *  module sharing memory with the transpiler; kernels it refuses run on the interpreter. */
export class WasmCpuRuntime extends InterpreterRuntime {
  /** simd: false compiles kernels without the SIMD128 path (scalar code only; default true) */
  static create(opts?: { transpiler?: Transpiler; simd?: boolean }): Promise<WasmCpuRuntime>;
  simd: boolean;
  launch(kernel: { module: InterpreterModule; meta: KernelMetadata; name: string },
    launch: { grid: Dim3; block: Dim3; shared?: number; args: Array<HostBuffer | null | number | bigint | boolean | ArrayBuffer | ArrayBufferView> }): LaunchEngine;
}

export class CudaWasm {
  static load(opts?: { wasmUrl?: string | URL }): Promise<CudaWasm>;
  /** Loads the transpiler on first use, hence a Promise. */
  static transpile(source: string, opts?: TranspileOptions): Promise<TranspileResult>;
  readonly transpiler: Transpiler;
  readonly version: string;
  transpile(source: string, opts?: TranspileOptions): TranspileResult;
  /** WebGPU runtime over navigator.gpu or the device given; without WebGPU the CPU fallback
   *  (WasmCpuRuntime: kernels compiled to WebAssembly, the interpreter for what the back-end
   *  refuses) unless fallback is false. */
  /** halfNative 1 or 2: WebGPU with 'shader-f16' or an error (no CPU fallback then) */
  createRuntime(opts?: { device?: GpuDeviceLike; gpu?: GpuLike; adapterOptions?: object; fallback?: boolean;
    backend?: 'webgpu' | 'wasm' | 'interpreter'; halfNative?: 0 | 1 | 2 }): Promise<WebGpuRuntime | WasmCpuRuntime | InterpreterRuntime>;
}
export default CudaWasm;

export const TYPE_SIZE: Record<string, number>;
export interface ArgSpec { kind: 'scalar' | 'buffer'; type: string; value?: number | bigint; count?: number; bytes?: Uint8Array; spec: string }
/** Parses a CLI argument spec (TYPE:VALUE or TYPE[COUNT]:zero|fill(V)|iota|iota(S)|rand(SEED)). */
export function parseArg(spec: string): ArgSpec;
export function randBytes(type: string, count: number, seed: number | bigint): Uint8Array;
export function getValue(view: DataView, index: number, type: string): number | bigint;
export function setValue(view: DataView, offset: number, type: string, value: number | bigint): void;
