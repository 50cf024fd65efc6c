/* The cuda backend: NVIDIA's driver (libcuda.so.1) and NVRTC, both loaded
 * with dlopen (rtc/load.c); the backend itself is rtc/backend.c. This file
 * names what is CUDA's: libraries, symbols (the _v2 entry points cuda.h
 * maps its names to), error codes and attributes (values from the CUDA
 * driver API documentation), NVRTC's options and the choice of the target
 * architecture.
 *
 * Target: sm_XY of the device (cubin, no JIT) when NVRTC lists XY among its
 * supported architectures; otherwise the newest older one as compute_ZW
 * PTX, which the driver compiles at load time. $CW_CUDA_ARCH ("sm_90",
 * "compute_80") overrides the choice. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/cuda/cuda.h"

#define DRV(field, name) {offsetof(cw_gpu_api, field), name, false, false}
#define RTC(field, name) {offsetof(cw_gpu_api, field), name, true, false}
#define RTC_OPT(field, name) {offsetof(cw_gpu_api, field), name, true, true}

static const cw_gpu_sym cuda_syms[] = {
    DRV(init, "cuInit"),
    DRV(driver_version, "cuDriverGetVersion"),
    DRV(device_count, "cuDeviceGetCount"),
    DRV(device_get, "cuDeviceGet"),
    DRV(device_name, "cuDeviceGetName"),
    DRV(device_attr, "cuDeviceGetAttribute"),
    DRV(total_mem, "cuDeviceTotalMem_v2"),
    DRV(error_name, "cuGetErrorName"),
    DRV(ctx_retain, "cuDevicePrimaryCtxRetain"),
    DRV(ctx_release, "cuDevicePrimaryCtxRelease_v2"),
    DRV(ctx_set_current, "cuCtxSetCurrent"),
    DRV(mem_alloc, "cuMemAlloc_v2"),
    DRV(mem_free, "cuMemFree_v2"),
    DRV(host_alloc, "cuMemHostAlloc"),
    DRV(host_free, "cuMemFreeHost"),
    DRV(event_create, "cuEventCreate"),
    DRV(event_record, "cuEventRecord"),
    DRV(event_sync, "cuEventSynchronize"),
    DRV(event_destroy, "cuEventDestroy_v2"),
    DRV(event_elapsed, "cuEventElapsedTime"),
    DRV(htod_async, "cuMemcpyHtoDAsync_v2"),
    DRV(dtoh_async, "cuMemcpyDtoHAsync_v2"),
    DRV(dtod_async, "cuMemcpyDtoDAsync_v2"),
    DRV(memset_d8_async, "cuMemsetD8Async"),
    DRV(module_load_data, "cuModuleLoadData"),
    DRV(module_unload, "cuModuleUnload"),
    DRV(module_get_function, "cuModuleGetFunction"),
    DRV(module_get_global, "cuModuleGetGlobal_v2"),
    DRV(launch, "cuLaunchKernel"),
    DRV(stream_create, "cuStreamCreate"),
    DRV(stream_sync, "cuStreamSynchronize"),
    DRV(stream_destroy, "cuStreamDestroy_v2"),
    RTC(rtc_version, "nvrtcVersion"),
    RTC(rtc_error_string, "nvrtcGetErrorString"),
    RTC(rtc_create, "nvrtcCreateProgram"),
    RTC(rtc_destroy, "nvrtcDestroyProgram"),
    RTC(rtc_add_name, "nvrtcAddNameExpression"),
    RTC(rtc_compile, "nvrtcCompileProgram"),
    RTC(rtc_log_size, "nvrtcGetProgramLogSize"),
    RTC(rtc_log, "nvrtcGetProgramLog"),
    RTC(rtc_code_size, "nvrtcGetCUBINSize"),
    RTC(rtc_code, "nvrtcGetCUBIN"),
    RTC(rtc_ptx_size, "nvrtcGetPTXSize"),
    RTC(rtc_ptx, "nvrtcGetPTX"),
    RTC(rtc_lowered_name, "nvrtcGetLoweredName"),
    RTC_OPT(rtc_num_archs, "nvrtcGetNumSupportedArchs"),
    RTC_OPT(rtc_archs, "nvrtcGetSupportedArchs"),
    {0, NULL, false, false},
};

/* Names for results the driver cannot name itself: the toolkit's link
 * stub (lib64/stubs/libcuda.so) answers every call with 34 and has no
 * names. */
static const cw_gpu_errname cuda_known_errors[] = {
    {34, "CUDA_ERROR_STUB_LIBRARY (this libcuda.so is the toolkit's link stub, not a driver)"},
    {35, "CUDA_ERROR_INSUFFICIENT_DRIVER"},
    {100, "CUDA_ERROR_NO_DEVICE"},
    {0, NULL},
};

/* CUDA 13 moved libcu++ (<cuda/std/...>) into include/cccl */
static const char *const cuda_include_subdirs[] = {"cccl", NULL};

static const char *const driver_names[] = {"libcuda.so.1", "libcuda.so", NULL};
/* where containers and WSL put the driver's libraries */
static const char *const driver_dirs[] = {"/usr/local/nvidia/lib64", "/usr/local/nvidia/lib", "/usr/lib/wsl/lib",
                                          NULL};
static const char *const nvrtc_names[] = {"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so", NULL};

/* NVRTC's built-ins declare the device runtime; these names only need to
 * exist (kernels include them for the host side). */
static const char *const extra_names[] = {"cuda_runtime.h", "cuda_runtime_api.h", "device_launch_parameters.h",
                                          "cuda.h"};
static const char *const extra_texts[] = {"#pragma once\n", "#pragma once\n", "#pragma once\n", "#pragma once\n"};

/* -default-device: functions without an execution space are device
 * functions (as in our transpiler's C++ subset: constexpr helpers, lambdas). */
static const char *const nvrtc_options[] = {"-default-device", "--std=c++17", NULL};

static int arch_supported(const cw_gpu_api *api, int want, int *best_below) {
  int n = 0, archs[128];
  *best_below = 0;
  if (!api->rtc_num_archs || !api->rtc_archs || api->rtc_num_archs(&n) != 0 || n <= 0 || n > 128) return -1;
  if (api->rtc_archs(archs) != 0) return -1;
  int found = 0;
  for (int i = 0; i < n; i++) {
    if (archs[i] == want) found = 1;
    if (archs[i] <= want && archs[i] > *best_below) *best_below = archs[i];
  }
  return found;
}

static void cuda_pick_arch(const cw_gpu_api *api, int major, int minor, const char *want, char *arch,
                           size_t archlen, bool *ptx) {
  const char *env = getenv("CW_CUDA_ARCH");
  if (!want && env && *env) want = env;
  if (want && *want) {
    snprintf(arch, archlen, "%s", want);
    *ptx = !strncmp(want, "compute_", 8);
    return;
  }
  int cc = major * 10 + minor, below = 0;
  int s = arch_supported(api, cc, &below);
  if (s == 1 || (s < 0 && cc > 0)) { /* unknown list (old NVRTC): try the device's own */
    snprintf(arch, archlen, "sm_%d", cc);
    *ptx = false;
  } else if (below > 0) {
    snprintf(arch, archlen, "compute_%d", below);
    *ptx = true;
  } else {
    snprintf(arch, archlen, "sm_%d", cc > 0 ? cc : 75);
    *ptx = false;
  }
}

const cw_gpu_dialect cw_cuda_dialect = {
    .name = "cuda",
    .driver = {.what = "libcuda.so.1", .names = driver_names, .env = "CW_CUDA_LIB",
               .missing = " (no NVIDIA driver)", .extra_dirs = driver_dirs},
    .rtc = {.what = "NVRTC", .names = nvrtc_names, .env = "CW_NVRTC_LIB",
            .missing = " (libnvrtc.so.13, .12 or libnvrtc.so; set CW_NVRTC_LIB to its path)"},
    .home_env = "CUDA_PATH",
    .default_home = "/usr/local/cuda",
    .include_probe = "cuda_fp16.h",
    .include_subdirs = cuda_include_subdirs,
    .syms = cuda_syms,
    .err_no_device = 100,             /* CUDA_ERROR_NO_DEVICE */
    .err_no_device_alt = 100,
    .known_errors = cuda_known_errors,
    .err_assert = 710,                /* CUDA_ERROR_ASSERT */
    .err_illegal_instruction = 715,   /* CUDA_ERROR_ILLEGAL_INSTRUCTION (__trap) */
    .err_out_of_memory = 2,           /* CUDA_ERROR_OUT_OF_MEMORY */
    .attr_cc_major = 75,              /* CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR */
    .attr_cc_minor = 76,              /* ..._MINOR */
    .attr_sm_count = 16,              /* CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT */
    .sync_after_write = true, /* cudaMemcpy semantics: the host buffer is free again on return (an async copy from pinned memory would still be reading it) */
    .prelude = "",
    .pick_arch = cuda_pick_arch,
    .arch_option = "--gpu-architecture=%s",
    .options = nvrtc_options,
    .extra_header_names = extra_names,
    .extra_header_texts = extra_texts,
    .nextra_headers = (int)(sizeof extra_names / sizeof *extra_names),
};

static cw_status cuda_open(const cw_context_options *opts, void **impl, char *why, size_t whylen) {
  return cw_gpu_open(&cw_cuda_dialect, opts, impl, why, whylen);
}

const cw_backend_ops cw_cuda_backend = CW_GPU_BACKEND_OPS(CW_BACKEND_CUDA, "cuda", cuda_open);
