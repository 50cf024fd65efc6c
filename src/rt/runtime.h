/* Runtime internals: the objects behind the public cw_context API
 * (src/rt/context.c, module.c, memory.c, launch.c) and the interface every
 * backend implements (src/rt/cpu/, src/rt/webgpu/backend.c).
 *
 * Device pointers: a cw_deviceptr is (allocation id << 40) | byte offset, so
 * pointer arithmetic on the host (`d_x + 16`) works as in CUDA and every
 * use can be checked against its allocation. The core resolves a pointer to
 * (cw_rt_alloc, offset) before calling a backend. */
#ifndef CW_RT_RUNTIME_H
#define CW_RT_RUNTIME_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cudawasm.h"

#define CW_PTR_OFFSET_BITS 40
#define CW_PTR_MAX_ALLOC_BYTES ((size_t)1 << CW_PTR_OFFSET_BITS)

/* ---- a compiled module, copied out of the transpiler (src/rt/program.c) ---- */
typedef enum { CW_RT_BUFFER, CW_RT_SCALAR, CW_RT_STRUCT } cw_rt_param_kind;

typedef struct cw_rt_param {
  char *name, *type;        /* "x", "const float *" */
  cw_rt_param_kind kind;
  int size;                 /* host bytes of the argument value */
  int elem_size;            /* BUFFER: sizeof(pointee) */
  int binding;              /* WGSL binding (BUFFER), else -1 */
  bool read_only, atomic;
  /* BUFFER: the kernel never references it (metadata "used": false), so the
   * WGSL pipeline's auto layout has no binding for it and none may be bound.
   * Added for the webgpu backend; zero (the default) means "bind it". */
  bool unused;
  bool demoted;  /* demote_double: a double parameter whose device data is float (metadata) */
} cw_rt_param;

/* One scalar slot of the WGSL uniform buffer: copy `size` bytes from the
 * argument value of param `param` at `host_offset` to uniform byte `offset`. */
typedef struct cw_rt_ufield {
  int offset, size, param, host_offset;
  bool from_f64; /* demote_double: `size` (8) host bytes are a double, stored as an f32 */
} cw_rt_ufield;

typedef struct cw_rt_kernel {
  char *name;
  char *entry_point;        /* WGSL entry point; C: the symbol prefix (name) */
  cw_rt_param *params;
  int nparams;
  int *globals;             /* indices into cw_rt_program.globals bound by this kernel */
  int nglobals;
  cw_rt_ufield *ufields;
  int nufields;
  int uniform_size;
  int dyn_shared_elem_size; /* 0: the kernel has no extern __shared__ */
  int static_shared_bytes;
  int max_threads;          /* __launch_bounds__, 0 = none */
  bool uses_io;             /* device printf / assert / __trap (rt/printf.c) */
} cw_rt_kernel;

typedef struct cw_rt_global {
  char *name;               /* source name (cw_module_write_global) */
  char *ir_name;
  int size;
  int binding;              /* WGSL */
  bool is_constant;
  uint8_t *init;            /* size bytes, or NULL for zero */
} cw_rt_global;

typedef struct cw_rt_program {
  cw_target target;
  char *code;               /* WGSL or C text */
  cw_rt_kernel *kernels;
  int nkernels;
  cw_rt_global *globals;
  int nglobals;
  char **strings;           /* printf formats / assert messages, by id */
  int nstrings;
  int io_binding;           /* WGSL binding of the io buffer, -1 none */
  /* What a backend compiling the ORIGINAL source needs (cuda/hip hand it to
   * NVRTC/hiprtc; the transpiler's output only gives the metadata above):
   * the source as given, its name, the module's -D/-I, and the byte ranges
   * of host-only definitions (pairs [start, end)) to blank out. */
  char *source;
  size_t source_len;
  char *filename;
  char **defines, **include_dirs;
  int ndefines, ninclude_dirs;
  int *host_spans;
  int nhost_spans;
} cw_rt_program;

/* Transpiles for `target` and copies the result. On rejection returns NULL
 * and sets *diagnostics (malloc'd rendered text, also on success: warnings). */
cw_rt_program *cw_rt_program_build(const char *src, size_t len, const cw_module_options *mo,
                                   cw_target target, int check, char **diagnostics);
/* The same with cw_transpile_options.subgroup_size and half_native (the
 * backend's wgsl_subgroup_size and wgsl_half_native). */
cw_rt_program *cw_rt_program_build_ex(const char *src, size_t len, const cw_module_options *mo,
                                      cw_target target, int check, int subgroup_size, int half_native,
                                      char **diagnostics);
void cw_rt_program_free(cw_rt_program *p);

/* ---- memory ---- */
typedef struct cw_rt_alloc {
  uint64_t id;              /* high bits of the cw_deviceptr */
  size_t size;
  void *handle;             /* the backend's object (cpu: host memory; webgpu: WGPUBuffer) */
  bool live;
} cw_rt_alloc;

/* ---- launch description handed to a backend ---- */
typedef struct cw_rt_arg {
  const cw_rt_param *param;
  const void *value;        /* SCALAR/STRUCT: host bytes of the value (param->size) */
  cw_rt_alloc *alloc;       /* BUFFER: the allocation */
  size_t offset;            /* BUFFER: byte offset of the pointer into it */
} cw_rt_arg;

typedef struct cw_rt_launch {
  const cw_rt_kernel *kernel;
  int kernel_index;
  cw_dim3 grid, block;
  size_t dyn_shared_bytes;
  cw_rt_arg *args;          /* kernel->nparams entries */
  cw_rt_alloc **globals;    /* per kernel->globals entry: the module's allocation */
  /* kernel->uses_io only (rt/printf.c): io receives printf lines and assert
   * failures (cpu: called by the generated code during the launch); the
   * webgpu backend binds io_alloc (zeroed header) at prog->io_binding and
   * the core decodes it after the launch completed. */
  struct cw_rt_devio *io;
  cw_rt_alloc *io_alloc;
} cw_rt_launch;

/* ---- device printf / assert sink (rt/printf.c) ----
 * print and fail may be called from several threads at once. */
typedef struct cw_rt_devio cw_rt_devio;
void cw_rt_devio_print(cw_rt_devio *io, uint32_t fmt, uint32_t nargs, const uint64_t *args);
void cw_rt_devio_fail(cw_rt_devio *io, uint32_t msg, const uint32_t block[3], const uint32_t thread[3]);

/* ---- the backend interface ----
 * `why` receives a one-line reason when open fails; every other failing call
 * writes its reason to `err`. Calls are made from one thread at a time. */
typedef struct cw_backend_ops {
  cw_backend kind;
  const char *name;         /* "cpu", "webgpu" */
  cw_target target;         /* what it compiles: CW_TARGET_C or CW_TARGET_WGSL */
  cw_status (*open)(const cw_context_options *opts, void **impl, char *why, size_t whylen);
  void (*close)(void *impl);
  /* A line for cw_context_report: "llvmpipe (LLVM 15.0.6) [vulkan, cpu]", "cc 12.2.0, 2 threads" */
  const char *(*describe)(void *impl);
  /* Optional (NULL: 0). WGSL backends: the cw_transpile_options.subgroup_size
   * this device takes (32 where warps run as native subgroups, else 0). */
  int (*wgsl_subgroup_size)(void *impl);
  /* Optional (NULL: 0). WGSL backends: the cw_transpile_options.half_native
   * this device takes (1 where its f16 arithmetic rounds as CUDA's). */
  int (*wgsl_half_native)(void *impl);
  cw_status (*alloc)(void *impl, size_t bytes, void **handle, char *err, size_t errlen);
  void (*free)(void *impl, void *handle);
  cw_status (*write)(void *impl, void *handle, size_t off, const void *src, size_t n, char *err, size_t errlen);
  cw_status (*read)(void *impl, void *handle, size_t off, void *dst, size_t n, char *err, size_t errlen); /* waits for pending work */
  cw_status (*copy)(void *impl, void *dst, size_t doff, void *src, size_t soff, size_t n, char *err, size_t errlen);
  cw_status (*fill)(void *impl, void *handle, size_t off, unsigned char v, size_t n, char *err, size_t errlen);
  cw_status (*module_load)(void *impl, const cw_rt_program *prog, void **mod, char *err, size_t errlen);
  void (*module_unload)(void *impl, void *mod);
  /* Validates limits (block size, shared memory) against the device and
   * enqueues the launch; need not wait for it. */
  cw_status (*launch)(void *impl, void *mod, const cw_rt_launch *l, char *err, size_t errlen);
  cw_status (*synchronize)(void *impl, char *err, size_t errlen);
  /* Optional (cuda, hip): the loaded module's own storage of global `index`
   * of prog->globals, already holding its initialiser. The core registers
   * it as the global's allocation instead of allocating and initialising
   * one; free() later releases the handle, never the module's memory. */
  cw_status (*module_global)(void *impl, void *mod, int index, void **handle, char *err, size_t errlen);
  /* Optional (cuda, hip): device-timed events in the stream's order. Without
   * them an event synchronises and reads the host clock (launch.c).
   * event_elapsed waits for `end`. */
  cw_status (*event_create)(void *impl, void **ev, char *err, size_t errlen);
  cw_status (*event_record)(void *impl, void *ev, char *err, size_t errlen);
  cw_status (*event_elapsed)(void *impl, void *start, void *end, float *ms, char *err, size_t errlen);
  void (*event_destroy)(void *impl, void *ev);
} cw_backend_ops;

extern const cw_backend_ops cw_cpu_backend;     /* src/rt/cpu/: the system C compiler */
extern const cw_backend_ops cw_cpu_tcc_backend; /* src/rt/cpu/: the same with libtcc in-process */
extern const cw_backend_ops cw_webgpu_backend;  /* src/rt/webgpu/backend.c */
extern const cw_backend_ops cw_cuda_backend;    /* src/rt/cuda/ (libcuda + NVRTC, dlopen'd) */
extern const cw_backend_ops cw_hip_backend;     /* src/rt/hip/ (libamdhip64 + hiprtc, dlopen'd) */

#endif
