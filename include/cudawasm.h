/* cuda-wasm: CUDA C++ kernels on every GPU and CPU.
 *
 * Public API. Every function is prefixed cw_; every returned object is freed
 * by its matching *_free function. No function aborts on bad input: failures
 * are reported through status codes and diagnostics. */
#ifndef CUDAWASM_H
#define CUDAWASM_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CW_VERSION_STRING "0.1.0"
const char *cw_version(void);

/* ---------------- transpiler ---------------- */
typedef enum { CW_TARGET_WGSL = 0, CW_TARGET_C = 1 } cw_target;

typedef struct cw_transpile_options {
  cw_target target;
  const char *filename;        /* for diagnostics and #include "..." lookup; NULL = "<input>" */
  const char **kernels;        /* kernels to emit; NULL/0 = all */
  int nkernels;
  const char **defines;        /* "NAME" or "NAME=VALUE" */
  int ndefines;
  const char **undefines;
  int nundefines;
  const char **include_dirs;
  int ninclude_dirs;
  int emit_ir;                 /* non-zero: fill cw_transpile_result.ir */
  int bounds_check;            /* target c: check every memory access (the runtime's --check mode) */
  int demote_double;           /* target wgsl: compute double as float (lossy; one warning per line;
                                  metadata marks demoted buffers). Ignored by target c. */
  int subgroup_size;           /* target wgsl: 32 = warp intrinsics become WGSL subgroup operations
                                  (`enable subgroups;`), valid only on a device whose subgroups are
                                  32 wide and hold consecutive linear thread ids (the runtime checks);
                                  0 = exact emulation in workgroup memory (any device). Other values
                                  are rejected. Ignored by target c. */
  int half_native;             /* target wgsl: 1 = <cuda_fp16.h> arithmetic (__hadd __hsub __hmul
                                  __hdiv, the __half2 forms, the operators) in native f16
                                  (`enable f16;`), __hfma/__hfma2 in the exact f32 code; 2 = also
                                  __hfma/__hfma2 as native f16 fma. Valid only on a device with
                                  shader-f16 whose f16 arithmetic rounds as CUDA's (the runtime
                                  checks); 0 = exact f32 code (any device). Storage of __half is the
                                  same either way. Other values are rejected. Ignored by target c. */
} cw_transpile_options;

typedef enum { CW_DIAG_ERROR = 0, CW_DIAG_WARNING = 1, CW_DIAG_NOTE = 2 } cw_diag_severity;

typedef struct cw_diagnostic {
  cw_diag_severity severity;
  const char *file;            /* NULL when the message has no location */
  int line, column;            /* 1-based; 0 when no location */
  const char *message;
  const char *rendered;        /* "file:line:col: error: message\n  source\n  ^\n" */
} cw_diagnostic;

typedef enum {
  CW_TRANSPILE_OK = 0,
  CW_TRANSPILE_REJECTED = 1,   /* the input has errors or uses what the target cannot express */
  CW_TRANSPILE_INTERNAL = 2,   /* a bug in cuda-wasm (IR validation failed, ...) */
} cw_transpile_status;

typedef struct cw_transpile_result {
  cw_transpile_status status;
  char *code;                  /* WGSL or C source; NULL unless status is OK */
  char *metadata_json;         /* launch metadata (docs/metadata.md); NULL unless OK */
  char *ir;                    /* IR text when options.emit_ir (also on failures after lowering) */
  cw_diagnostic *diags;
  int ndiags;
} cw_transpile_result;

/* Transpiles CUDA source text. Never returns NULL (out of memory aborts). */
cw_transpile_result *cw_transpile(const char *source, size_t len, const cw_transpile_options *opts);
void cw_transpile_result_free(cw_transpile_result *r);


/* ---------------- runtime ----------------
 * Shaped like the CUDA driver API: a context picks a backend; device memory
 * is addressed by cw_deviceptr values (a buffer plus a byte offset, so
 * `ptr + 16` works as in CUDA); a module is compiled from CUDA source; a
 * kernel is launched with grid, block, dynamic shared bytes and an argument
 * array whose element i points at the value of parameter i (as
 * cuLaunchKernel's kernelParams: for a pointer parameter, a cw_deviceptr).
 * Launches are asynchronous; copies to the host and cw_synchronize wait.
 * Every call returns a status; cw_context_last_error() says why. */
typedef enum {
  CW_OK = 0,
  CW_ERROR_INVALID_VALUE,     /* a bad argument (NULL, size 0 where not allowed, bad grid/block...) */
  CW_ERROR_OUT_OF_RANGE,      /* a copy or memset beyond the end of an allocation */
  CW_ERROR_UNAVAILABLE,       /* the requested backend cannot run here (reason in the message) */
  CW_ERROR_COMPILE,           /* the module's source was rejected (diagnostics in the module) */
  CW_ERROR_NOT_FOUND,         /* no kernel / global of that name */
  CW_ERROR_LAUNCH,            /* the launch failed (arguments, limits, backend error) */
  CW_ERROR_OUT_OF_MEMORY,
  CW_ERROR_DEVICE_LOST,
  CW_ERROR_MEMCHECK,          /* --check: a kernel accessed memory out of bounds */
  CW_ERROR_INTERNAL,
  CW_ERROR_ASSERT,            /* a device assert() failed or __trap() ran (message: where, which thread) */
} cw_status;

typedef enum {
  CW_BACKEND_AUTO = 0, CW_BACKEND_CPU = 1, CW_BACKEND_WEBGPU = 2, CW_BACKEND_CUDA = 3, CW_BACKEND_HIP = 4,
} cw_backend;

typedef struct cw_context cw_context;
typedef struct cw_module cw_module;
typedef struct cw_kernel cw_kernel;
typedef struct cw_event cw_event;
typedef unsigned long long cw_deviceptr; /* 0 is never a valid allocation */

typedef struct cw_dim3 { unsigned x, y, z; } cw_dim3;

/* Steps of the backend chain (cw_context_options.disable, CW_DISABLE): */
#define CW_DISABLE_CUDA   (1u << 0)  /* CUDA driver + NVRTC */
#define CW_DISABLE_HIP    (1u << 1)  /* HIP + hiprtc */
#define CW_DISABLE_WEBGPU (1u << 2)  /* Dawn */
#define CW_DISABLE_CC     (1u << 3)  /* cpu with the system C compiler */
#define CW_DISABLE_TCC    (1u << 4)  /* cpu with the embedded libtcc compiler */
#define CW_DISABLE_CPU    (CW_DISABLE_CC | CW_DISABLE_TCC)

typedef struct cw_context_options {
  /* AUTO: the first that works of cuda, hip, webgpu on a hardware adapter,
   * cpu with the system C compiler, cpu with libtcc (docs/runtime.md) */
  cw_backend backend;
  int check;               /* non-zero: bounds-check every memory access (cpu backend) */
  const char *cc;          /* cpu: C compiler (default: $CC, else "cc") */
  const char *cache_dir;   /* cpu: compiled-kernel cache (default: $XDG_CACHE_HOME/cuda-wasm) */
  int threads;             /* cpu: worker threads (default: one per core) */
  const char *webgpu_lib;  /* webgpu: path of the Dawn library (default: see docs) */
  unsigned disable;        /* CW_DISABLE_* bits: steps never tried (added to $CW_DISABLE's) */
  /* cuda / hip (docs/backends.md): libraries loaded with dlopen. NULL: the
   * environment variable (CW_CUDA_LIB, CW_NVRTC_LIB, CW_HIP_LIB,
   * CW_HIPRTC_LIB), else the usual names in the library search path and the
   * toolkit ($CUDA_PATH or /usr/local/cuda, $ROCM_PATH or /opt/rocm). */
  const char *cuda_lib;    /* libcuda.so.1 */
  const char *nvrtc_lib;   /* libnvrtc.so.13 / .12 / libnvrtc.so */
  const char *hip_lib;     /* libamdhip64.so */
  const char *hiprtc_lib;  /* libhiprtc.so (HIP 5.2 has hiprtc inside libamdhip64) */
  int device;              /* cuda / hip: device ordinal (default 0) */
} cw_context_options;

/* Picks a backend (opts NULL = defaults). On failure *out is NULL and
 * cw_context_create_error() says what was tried and why each failed. */
cw_status cw_context_create(const cw_context_options *opts, cw_context **out);
/* Why the last cw_context_create on the calling thread failed ("" after a success). */
const char *cw_context_create_error(void);
void cw_context_destroy(cw_context *ctx);
cw_backend cw_context_backend(const cw_context *ctx);
const char *cw_backend_name(cw_backend b);
/* One line per chain step tried or skipped: "cpu: available (cc 12.2.0, 2 threads)",
 * "webgpu: unavailable: ...", "cuda: disabled (CW_DISABLE)". */
const char *cw_context_report(const cw_context *ctx);
/* Message of the last failing call on this context ("" when none). */
const char *cw_context_last_error(const cw_context *ctx);
const char *cw_status_name(cw_status s);

cw_status cw_malloc(cw_context *ctx, cw_deviceptr *out, size_t bytes);
cw_status cw_free(cw_context *ctx, cw_deviceptr p);
cw_status cw_memcpy_htod(cw_context *ctx, cw_deviceptr dst, const void *src, size_t bytes);
cw_status cw_memcpy_dtoh(cw_context *ctx, void *dst, cw_deviceptr src, size_t bytes);
cw_status cw_memcpy_dtod(cw_context *ctx, cw_deviceptr dst, cw_deviceptr src, size_t bytes);
cw_status cw_memset_d8(cw_context *ctx, cw_deviceptr dst, unsigned char value, size_t bytes);

typedef struct cw_module_options {
  const char *filename;    /* for diagnostics and relative #include */
  const char **defines; int ndefines;
  const char **include_dirs; int ninclude_dirs;
  int demote_double;       /* webgpu: double computed as float (see cw_transpile_options); buffers of
                              double parameters then hold float; cpu ignores it (doubles are native) */
} cw_module_options;

/* Compiles CUDA source for the context's backend. On CW_ERROR_COMPILE the
 * module is still returned (when out is non-NULL) so its diagnostics can be
 * read; unload it afterwards. */
cw_status cw_module_load(cw_context *ctx, const char *source, size_t len, const cw_module_options *opts,
                         cw_module **out);
void cw_module_unload(cw_module *mod);
/* All diagnostics of the compilation, rendered, "" when none. */
const char *cw_module_diagnostics(const cw_module *mod);
cw_status cw_module_get_kernel(cw_module *mod, const char *name, cw_kernel **out);
/* __constant__ / __device__ variables (cudaMemcpyToSymbol / FromSymbol). */
cw_status cw_module_write_global(cw_module *mod, const char *name, size_t offset, const void *src, size_t bytes);
cw_status cw_module_read_global(cw_module *mod, const char *name, size_t offset, void *dst, size_t bytes);

typedef enum { CW_PARAM_POINTER = 0, CW_PARAM_VALUE = 1 } cw_param_kind;
typedef struct cw_param_info {
  const char *name;
  const char *type;        /* as declared: "const float *", "int" */
  cw_param_kind kind;
  size_t size;             /* bytes of the argument value (8 for pointers) */
  int demoted;             /* cw_module_options.demote_double on webgpu: a double parameter whose
                              device data is float (pointer: the buffer must hold floats; value:
                              the double passed is converted to float at launch) */
} cw_param_info;
int cw_kernel_param_count(const cw_kernel *k);
cw_status cw_kernel_param(const cw_kernel *k, int index, cw_param_info *out);
const char *cw_kernel_name(const cw_kernel *k);

/* args[i] points at the value of parameter i; nargs must equal the count. */
cw_status cw_launch(cw_kernel *k, cw_dim3 grid, cw_dim3 block, size_t dyn_shared_bytes, void **args,
                    int nargs);
cw_status cw_synchronize(cw_context *ctx);

/* Device printf output: whole lines, delivered after the launch completed
 * (cpu: when cw_launch returns; webgpu: at the next cw_synchronize or copy to
 * the host), in the order the threads ran them (cpu) or wrote their records
 * (webgpu). fn NULL: the process's stdout (the default). */
typedef void (*cw_print_fn)(void *user, const char *text, size_t len);
cw_status cw_context_set_print(cw_context *ctx, cw_print_fn fn, void *user);
/* Bytes of the per-launch device printf buffer (webgpu; default 1 MiB, as
 * CUDA's cudaLimitPrintfFifoSize). Records that do not fit are reported as
 * the line "printf buffer full: N records lost". */
cw_status cw_context_set_printf_buffer_size(cw_context *ctx, size_t bytes);

cw_status cw_event_create(cw_context *ctx, cw_event **out);
cw_status cw_event_record(cw_event *ev);
/* Milliseconds between two recorded events (waits for both). */
cw_status cw_event_elapsed_ms(cw_event *start, cw_event *end, float *ms);
void cw_event_destroy(cw_event *ev);

/* ---------------- hardware inventory ----------------
 * What GPUs this machine has, read without opening any backend: the kernel's
 * DRM devices (sysfs), NVIDIA's /proc/driver/nvidia, NVML (libnvidia-ml.so.1
 * through dlopen) and, only when NVML is absent, `nvidia-smi --query-gpu`.
 * The roots and tools can be redirected (docs/runtime.md): CW_SYSFS_ROOT,
 * CW_PROCFS_ROOT, CW_NVML_LIB, CW_NVIDIA_SMI, CW_NVIDIA_SMI_TIMEOUT. */
typedef enum { CW_VENDOR_OTHER = 0, CW_VENDOR_NVIDIA, CW_VENDOR_AMD, CW_VENDOR_INTEL } cw_gpu_vendor;

typedef struct cw_gpu_info {
  cw_gpu_vendor vendor;
  unsigned vendor_id, device_id;   /* PCI ids, 0 when unknown */
  char pci_bus[16];                /* "0000:01:00.0", "" when unknown */
  char name[96];                   /* "NVIDIA H100 80GB HBM3", "" when unknown */
  char driver[32];                 /* kernel driver: "nvidia", "amdgpu", "i915", "" */
  char driver_version[32];         /* "535.104.05", "" */
  char sources[48];                /* what was read: "sysfs procfs nvml" */
  long long mem_total_bytes, mem_used_bytes; /* -1 when unknown */
  int util_percent, temp_c;        /* -1 when unknown */
  double power_w;                  /* < 0 when unknown */
  int mig;                         /* MIG mode: 1 on, 0 off, -1 unknown or not supported */
} cw_gpu_info;

typedef struct cw_device_list {
  int count;
  cw_gpu_info *gpus;
  char *log;                       /* one line per probe: what it found, or why it found nothing */
} cw_device_list;

/* Probes the machine. Never crashes or waits on odd files (each read is
 * bounded, only regular files are read); nvidia-smi is killed after its
 * timeout. NULL only when out of memory. */
cw_device_list *cw_device_list_probe(void);
void cw_device_list_free(cw_device_list *l);
/* One line per GPU ("NVIDIA H100 80GB HBM3 (10de:2330 at 0000:01:00.0, ...)"), malloc'd. */
char *cw_gpu_describe(const cw_gpu_info *g);

#ifdef __cplusplus
}
#endif
#endif
