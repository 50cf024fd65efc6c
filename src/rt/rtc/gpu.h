/* The GPU backends that compile the original CUDA source at run time:
 * cuda (libcuda + NVRTC) and hip (libamdhip64 + hiprtc). Both libraries are
 * loaded with dlopen/dlsym only, so nothing links against them and every
 * build runs without them.
 *
 * The CUDA driver API and HIP's module API have the same shapes (a device
 * pointer is one 64-bit word, handles are pointers, results are C enums =
 * int), and so do NVRTC and hiprtc. One table of function pointers,
 * declared here from the documented signatures with neutral types, serves
 * both; a dialect (src/rt/cuda/cuda.c, src/rt/hip/hip.c) names the symbols
 * and says what differs (error codes, contexts, compile options, prelude).
 * No CUDA or HIP header is needed to build. */
#ifndef CW_RT_GPU_H
#define CW_RT_GPU_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rt/runtime.h"

typedef uint64_t cw_gpu_ptr; /* CUdeviceptr / hipDeviceptr_t */

typedef struct cw_gpu_api {
  /* ---- driver (libcuda.so.1 / libamdhip64.so) ---- */
  int (*init)(unsigned flags);
  int (*driver_version)(int *v);
  int (*device_count)(int *n);
  int (*device_get)(int *dev, int ordinal);
  int (*device_name)(char *name, int len, int dev);
  int (*device_attr)(int *v, int attr, int dev);
  int (*total_mem)(size_t *bytes, int dev);
  int (*error_name)(int err, const char **name);   /* cuda: cuGetErrorName */
  const char *(*error_name_ret)(int err);            /* hip: hipGetErrorName */
  int (*ctx_retain)(void **ctx, int dev);            /* cuda: primary context */
  int (*ctx_release)(int dev);
  int (*ctx_set_current)(void *ctx);
  int (*set_device)(int dev);                        /* hip */
  int (*mem_alloc)(cw_gpu_ptr *p, size_t n);
  int (*mem_free)(cw_gpu_ptr p);
  int (*host_alloc)(void **p, size_t n, unsigned flags); /* pinned memory (staging) */
  int (*host_free)(void *p);
  int (*event_create)(void **e, unsigned flags);
  int (*event_record)(void *e, void *stream);
  int (*event_sync)(void *e);
  int (*event_destroy)(void *e);
  int (*event_elapsed)(float *ms, void *start, void *end);
  int (*htod_async)(cw_gpu_ptr dst, const void *src, size_t n, void *stream);
  int (*dtoh_async)(void *dst, cw_gpu_ptr src, size_t n, void *stream);
  int (*dtod_async)(cw_gpu_ptr dst, cw_gpu_ptr src, size_t n, void *stream);
  int (*memset_d8_async)(cw_gpu_ptr dst, unsigned char v, size_t n, void *stream);
  int (*module_load_data)(void **mod, const void *image);
  int (*module_unload)(void *mod);
  int (*module_get_function)(void **fn, void *mod, const char *name);
  int (*module_get_global)(cw_gpu_ptr *p, size_t *bytes, void *mod, const char *name);
  int (*launch)(void *fn, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                unsigned shared, void *stream, void **params, void **extra);
  int (*stream_create)(void **s, unsigned flags);
  int (*stream_sync)(void *s);
  int (*stream_destroy)(void *s);
  /* ---- run-time compiler (NVRTC / hiprtc) ---- */
  int (*rtc_version)(int *major, int *minor);
  const char *(*rtc_error_string)(int r);
  int (*rtc_create)(void **prog, const char *src, const char *name, int nheaders, const char *const *headers,
                    const char *const *include_names);
  int (*rtc_destroy)(void **prog);
  int (*rtc_add_name)(void *prog, const char *name_expression);
  int (*rtc_compile)(void *prog, int nopts, const char *const *opts);
  int (*rtc_log_size)(void *prog, size_t *n);
  int (*rtc_log)(void *prog, char *log);
  int (*rtc_code_size)(void *prog, size_t *n);      /* cubin / code object */
  int (*rtc_code)(void *prog, char *code);
  int (*rtc_ptx_size)(void *prog, size_t *n);       /* cuda: PTX when the arch has no cubin */
  int (*rtc_ptx)(void *prog, char *ptx);
  int (*rtc_lowered_name)(void *prog, const char *name_expression, const char **lowered);
  int (*rtc_num_archs)(int *n);                     /* cuda (optional) */
  int (*rtc_archs)(int *archs);
} cw_gpu_api;

/* One symbol of the table: where it goes, its name, which library. */
typedef struct cw_gpu_sym {
  size_t offset;       /* offsetof(cw_gpu_api, field) */
  const char *name;
  bool rtc;            /* in the compiler library, else the driver */
  bool optional;
} cw_gpu_sym;

/* A library to find: an explicit path (option, else environment variable)
 * is the only one tried; otherwise each name with the system's search
 * (dlopen), then in each extra directory. */
typedef struct cw_gpu_lib {
  const char *what;                 /* "libcuda.so.1" (for messages) */
  const char *const *names;         /* NULL-terminated */
  const char *env;                  /* "CW_CUDA_LIB" */
  const char *missing;              /* " (no NVIDIA driver)" */
  const char *const *extra_dirs;    /* searched after the toolkit's, NULL-terminated, or NULL */
} cw_gpu_lib;

typedef struct cw_gpu_errname {
  int code;
  const char *name;
} cw_gpu_errname;

/* What differs between cuda and hip. */
typedef struct cw_gpu_dialect {
  const char *name;                 /* "cuda", "hip" */
  cw_gpu_lib driver, rtc;
  const char *home_env;             /* "CUDA_PATH", "ROCM_PATH" */
  const char *default_home;         /* "/usr/local/cuda", "/opt/rocm" */
  const char *include_probe;        /* a header that marks the include dir: "cuda_fp16.h" */
  const char *const *include_subdirs; /* also searched when present: "cccl" (CUDA 13's <cuda/std/...>) */
  const cw_gpu_sym *syms;           /* terminated by name == NULL */
  int err_no_device, err_no_device_alt, err_assert, err_illegal_instruction, err_out_of_memory;
  const cw_gpu_errname *known_errors; /* names the driver may not give (NULL-terminated), or NULL */
  int attr_cc_major, attr_cc_minor, attr_sm_count; /* device attributes (-1: none) */
  bool sync_after_write;            /* hip: wait until a host-to-device copy is done */
  /* Text NVRTC/hiprtc see before the user's source, "" for none. */
  const char *prelude;
  /* Fills `arch` (e.g. "sm_90", "gfx90a") and whether to take the code
   * (cubin / code object) or the PTX. dev < 0: no device (nvrtc-check). */
  void (*pick_arch)(const cw_gpu_api *api, int cc_major, int cc_minor, const char *want, char *arch,
                    size_t archlen, bool *ptx);
  /* The architecture option: "--gpu-architecture=%s", "--offload-arch=%s" */
  const char *arch_option;
  const char *const *options;       /* NULL-terminated: always passed */
  /* Headers the compiler is given by name before the standard ones. */
  const char *const *extra_header_names, *const *extra_header_texts;
  int nextra_headers;
} cw_gpu_dialect;

/* ---- rtc/load.c ---- */
typedef struct cw_gpu_libs {
  void *driver, *rtc;               /* dlopen handles (rtc may be == driver) */
  char driver_path[512], rtc_path[512];
} cw_gpu_libs;
/* Loads what `need_driver` / the compiler need and resolves the table.
 * Returns false with a one-line reason. Paths: option value, else env. */
bool cw_gpu_load(const cw_gpu_dialect *d, bool need_driver, const char *driver_path, const char *rtc_path,
                 cw_gpu_api *api, cw_gpu_libs *libs, char *why, size_t whylen);
void cw_gpu_unload(cw_gpu_libs *libs);
/* The toolkit's include directory (cuda_fp16.h ...), "" when not found:
 * $home_env/include, <rtc library dir>/../include, default_home/include. */
void cw_gpu_include_dir(const cw_gpu_dialect *d, const cw_gpu_libs *libs, char *out, size_t n);

/* ---- rtc/compile.c ---- */
typedef struct cw_gpu_image {
  char *data;                       /* cubin, PTX (NUL-terminated) or code object */
  size_t size;
  char **lowered;                   /* per kernel, then per global of the program: its symbol */
  int nkernels;                     /* entries of lowered (kernels + globals) */
  bool from_cache;
} cw_gpu_image;

typedef struct cw_gpu_compile_opts {
  const char *arch;                 /* "sm_90", "compute_90", "gfx90a"; NULL: the compiler's default */
  bool ptx;                         /* take the PTX (cuda compute_XY) */
  const char *include_dir;          /* toolkit headers, "" none */
  const char *cache_dir;            /* NULL: no cache */
  const char *rtc_id;               /* part of the cache key: the compiler library's path */
} cw_gpu_compile_opts;

/* Compiles prog's original source (host-only definitions blanked) with
 * every kernel's name as a name expression. On failure returns
 * CW_ERROR_COMPILE with the compiler's log in *log (malloc'd), or another
 * status with the reason in err. */
cw_status cw_gpu_compile(const cw_gpu_dialect *d, const cw_gpu_api *api, const cw_rt_program *prog,
                         const cw_gpu_compile_opts *o, cw_gpu_image *img, char **log, char *err,
                         size_t errlen);
void cw_gpu_image_free(cw_gpu_image *img);
/* The source handed to the compiler: the prelude's line directive, then the
 * text with host-only definitions turned into spaces (lines are kept). */
char *cw_gpu_device_source(const cw_rt_program *prog);

/* ---- rtc/staging.c: large copies through two pinned chunks ---- */
typedef struct cw_gpu_staging {
  void *buf[2], *ev[2];
  bool pending[2];                  /* a copy from/to buf[i] may still run */
} cw_gpu_staging;
/* Driver results (0 ok). A write returns once src is copied to pinned
 * memory; a read once dst holds the bytes. */
int cw_gpu_staged_write(const cw_gpu_api *api, cw_gpu_staging *s, void *stream, cw_gpu_ptr dst, const void *src,
                        size_t n);
int cw_gpu_staged_read(const cw_gpu_api *api, cw_gpu_staging *s, void *stream, void *dst, cw_gpu_ptr src, size_t n);
void cw_gpu_staging_free(const cw_gpu_api *api, cw_gpu_staging *s);

/* ---- rtc/std_headers.c: <stdio.h>, <cstdint> ... which NVRTC lacks ---- */
extern const char *const cw_gpu_std_header_names[];
extern const char *const cw_gpu_std_header_texts[];
extern const int cw_gpu_std_header_count;

/* ---- rtc/backend.c: the cw_backend_ops shared by cuda and hip ---- */
cw_status cw_gpu_open(const cw_gpu_dialect *d, const cw_context_options *opts, void **impl, char *why,
                      size_t whylen);
void cw_gpu_close(void *impl);
const char *cw_gpu_backend_describe(void *impl);
cw_status cw_gpu_alloc(void *impl, size_t bytes, void **handle, char *err, size_t errlen);
void cw_gpu_free(void *impl, void *handle);
cw_status cw_gpu_write(void *impl, void *h, size_t off, const void *src, size_t n, char *err, size_t errlen);
cw_status cw_gpu_read(void *impl, void *h, size_t off, void *dst, size_t n, char *err, size_t errlen);
cw_status cw_gpu_copy(void *impl, void *dst, size_t doff, void *src, size_t soff, size_t n, char *err,
                      size_t errlen);
cw_status cw_gpu_fill(void *impl, void *h, size_t off, unsigned char v, size_t n, char *err, size_t errlen);
cw_status cw_gpu_module_load(void *impl, const cw_rt_program *prog, void **mod, char *err, size_t errlen);
void cw_gpu_module_unload(void *impl, void *mod);
cw_status cw_gpu_module_global(void *impl, void *mod, int index, void **handle, char *err, size_t errlen);
cw_status cw_gpu_launch(void *impl, void *mod, const cw_rt_launch *l, char *err, size_t errlen);
cw_status cw_gpu_synchronize(void *impl, char *err, size_t errlen);
cw_status cw_gpu_event_create(void *impl, void **ev, char *err, size_t errlen);
cw_status cw_gpu_event_record(void *impl, void *ev, char *err, size_t errlen);
cw_status cw_gpu_event_elapsed(void *impl, void *start, void *end, float *ms, char *err, size_t errlen);
void cw_gpu_event_destroy(void *impl, void *ev);

/* The ops of a dialect: open is the only entry that differs. */
#define CW_GPU_BACKEND_OPS(KIND, NAME, OPEN)                                                             \
  {                                                                                                      \
    .kind = KIND, .name = NAME, .target = CW_TARGET_C, .open = OPEN, .close = cw_gpu_close,             \
    .describe = cw_gpu_backend_describe, .alloc = cw_gpu_alloc, .free = cw_gpu_free, .write = cw_gpu_write,     \
    .read = cw_gpu_read, .copy = cw_gpu_copy, .fill = cw_gpu_fill, .module_load = cw_gpu_module_load,   \
    .module_unload = cw_gpu_module_unload, .launch = cw_gpu_launch, .synchronize = cw_gpu_synchronize,  \
    .module_global = cw_gpu_module_global, .event_create = cw_gpu_event_create,                          \
    .event_record = cw_gpu_event_record, .event_elapsed = cw_gpu_event_elapsed,                          \
    .event_destroy = cw_gpu_event_destroy,                                                               \
  }

#endif
