/* The hip backend: AMD's HIP runtime (libamdhip64) and hiprtc, loaded with
 * dlopen (rtc/load.c); the backend itself is rtc/backend.c, shared with
 * cuda. HIP's module API has the CUDA driver API's shapes; this file names
 * HIP's symbols, its error codes (the same numbers as CUDA's for the ones
 * used here) and what compiling CUDA source as HIP needs: a prelude that
 * maps the CUDA spellings HIP lacks, and headers for the CUDA include names.
 *
 * Not verified on an AMD GPU (none was available): see docs/backends.md.
 * The device attributes are not read (their enum values changed between
 * HIP releases and no header is used), so the description has no compute
 * capability, and the architecture is hiprtc's default (the current
 * device's) unless $CW_HIP_ARCH names one ("gfx90a"). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/hip/hip.h"

#define DRV(field, name) {offsetof(cw_gpu_api, field), name, false, false}
#define RTC(field, name) {offsetof(cw_gpu_api, field), name, true, false}

static const cw_gpu_sym hip_syms[] = {
    DRV(init, "hipInit"),
    DRV(driver_version, "hipDriverGetVersion"),
    DRV(device_count, "hipGetDeviceCount"),
    DRV(device_get, "hipDeviceGet"),
    DRV(device_name, "hipDeviceGetName"),
    DRV(device_attr, "hipDeviceGetAttribute"),
    DRV(total_mem, "hipDeviceTotalMem"),
    DRV(error_name_ret, "hipGetErrorName"),
    DRV(set_device, "hipSetDevice"),
    DRV(mem_alloc, "hipMalloc"),
    DRV(mem_free, "hipFree"),
    DRV(host_alloc, "hipHostMalloc"),
    DRV(host_free, "hipHostFree"),
    DRV(event_create, "hipEventCreateWithFlags"),
    DRV(event_record, "hipEventRecord"),
    DRV(event_sync, "hipEventSynchronize"),
    DRV(event_destroy, "hipEventDestroy"),
    DRV(event_elapsed, "hipEventElapsedTime"),
    DRV(htod_async, "hipMemcpyHtoDAsync"),
    DRV(dtoh_async, "hipMemcpyDtoHAsync"),
    DRV(dtod_async, "hipMemcpyDtoDAsync"),
    DRV(memset_d8_async, "hipMemsetD8Async"),
    DRV(module_load_data, "hipModuleLoadData"),
    DRV(module_unload, "hipModuleUnload"),
    DRV(module_get_function, "hipModuleGetFunction"),
    DRV(module_get_global, "hipModuleGetGlobal"),
    DRV(launch, "hipModuleLaunchKernel"),
    DRV(stream_create, "hipStreamCreateWithFlags"),
    DRV(stream_sync, "hipStreamSynchronize"),
    DRV(stream_destroy, "hipStreamDestroy"),
    RTC(rtc_version, "hiprtcVersion"),
    RTC(rtc_error_string, "hiprtcGetErrorString"),
    RTC(rtc_create, "hiprtcCreateProgram"),
    RTC(rtc_destroy, "hiprtcDestroyProgram"),
    RTC(rtc_add_name, "hiprtcAddNameExpression"),
    RTC(rtc_compile, "hiprtcCompileProgram"),
    RTC(rtc_log_size, "hiprtcGetProgramLogSize"),
    RTC(rtc_log, "hiprtcGetProgramLog"),
    RTC(rtc_code_size, "hiprtcGetCodeSize"),
    RTC(rtc_code, "hiprtcGetCode"),
    RTC(rtc_lowered_name, "hiprtcGetLoweredName"),
    {0, NULL, false, false},
};

static const char *const driver_names[] = {"libamdhip64.so", "libamdhip64.so.6", "libamdhip64.so.5", NULL};
/* HIP 5.2 (Debian 12) has hiprtc inside libamdhip64; later releases ship libhiprtc.so */
static const char *const rtc_names[] = {"libhiprtc.so",   "libhiprtc.so.6",   "libhiprtc.so.5",   "libamdhip64.so",
                                        "libamdhip64.so.6", "libamdhip64.so.5", NULL};

/* CUDA spellings HIP does not have. HIP's warp (wavefront) is 64 lanes on
 * most AMD GPUs: warpSize is the device's, and the masks of the *_sync
 * intrinsics are ignored (HIP's __shfl* and __ballot work on the whole
 * wavefront; __ballot returns 64 bits). */
static const char hip_prelude[] =
    "#define __shfl_sync(mask, ...) __shfl(__VA_ARGS__)\n"
    "#define __shfl_up_sync(mask, ...) __shfl_up(__VA_ARGS__)\n"
    "#define __shfl_down_sync(mask, ...) __shfl_down(__VA_ARGS__)\n"
    "#define __shfl_xor_sync(mask, ...) __shfl_xor(__VA_ARGS__)\n"
    "#define __ballot_sync(mask, p) __ballot(p)\n"
    "#define __any_sync(mask, p) __any(p)\n"
    "#define __all_sync(mask, p) __all(p)\n"
    "#define __activemask() __ballot(1)\n"
    "#define __syncwarp(...) __builtin_amdgcn_wave_barrier()\n"
    "#define __assertfail(e, f, l, fn, sz) __assert_fail(e, f, l, fn)\n"
    "typedef __PTRDIFF_TYPE__ ptrdiff_t;\n"; /* NVRTC has it built in, hiprtc only with <stddef.h> */

/* hiprtc's built-in runtime declares int64_t as long long (not glibc's
 * long) and has <hip/hip_fp16.h> already: <stdint.h> follows it (a
 * repeated identical typedef is allowed), <cuda_fp16.h> adds nothing. */
static const char stdint_macros[] =
    "#pragma once\ntypedef signed char int8_t;\ntypedef short int16_t;\ntypedef int int32_t;\n"
    "typedef long long int64_t;\ntypedef unsigned char uint8_t;\ntypedef unsigned short uint16_t;\n"
    "typedef unsigned int uint32_t;\ntypedef unsigned long long uint64_t;\n"
    "#define INT8_MIN (-128)\n#define INT8_MAX 127\n#define UINT8_MAX 255\n"
    "#define INT16_MIN (-32768)\n#define INT16_MAX 32767\n#define UINT16_MAX 65535\n"
    "#define INT32_MIN (-2147483647 - 1)\n#define INT32_MAX 2147483647\n#define UINT32_MAX 4294967295u\n"
    "#define INT64_MIN (-9223372036854775807LL - 1)\n#define INT64_MAX 9223372036854775807LL\n"
    "#define UINT64_MAX 18446744073709551615ULL\n";

static const char *const extra_names[] = {"cuda_runtime.h", "cuda_runtime_api.h", "device_launch_parameters.h",
                                          "cuda.h",         "cuda_fp16.h",        "stdint.h",
                                          "cstdint",        "inttypes.h",         "cinttypes"};
static const char *const extra_texts[] = {"#pragma once\n", "#pragma once\n", "#pragma once\n",
                                          "#pragma once\n", "#pragma once\n", stdint_macros,
                                          stdint_macros,     stdint_macros,     stdint_macros};

static const char *const hiprtc_options[] = {"-std=c++17", NULL};

static void hip_pick_arch(const cw_gpu_api *api, int major, int minor, const char *want, char *arch, size_t archlen,
                          bool *ptx) {
  const char *env = getenv("CW_HIP_ARCH");
  if (!want && env && *env) want = env;
  snprintf(arch, archlen, "%s", want && *want ? want : "");
  *ptx = false;
}

const cw_gpu_dialect cw_hip_dialect = {
    .name = "hip",
    .driver = {.what = "libamdhip64.so", .names = driver_names, .env = "CW_HIP_LIB",
               .missing = " (no ROCm/HIP runtime)"},
    .rtc = {.what = "hiprtc", .names = rtc_names, .env = "CW_HIPRTC_LIB", .missing = " (no ROCm/HIP runtime)"},
    .home_env = "ROCM_PATH",
    .default_home = "/opt/rocm",
    .include_probe = "hip/hip_runtime.h",
    .syms = hip_syms,
    .err_no_device = 100,             /* hipErrorNoDevice */
    .err_no_device_alt = 101,         /* hipErrorInvalidDevice: what HIP 5.2's hipInit says without one */
    .err_assert = 710,                /* hipErrorAssert */
    .err_illegal_instruction = -1,    /* no such code in HIP 5; a trap is reported as a launch failure */
    .err_out_of_memory = 2,           /* hipErrorOutOfMemory */
    .attr_cc_major = -1,
    .attr_cc_minor = -1,
    .attr_sm_count = -1,
    .sync_after_write = true,
    .prelude = hip_prelude,
    .pick_arch = hip_pick_arch,
    .arch_option = "--offload-arch=%s",
    .options = hiprtc_options,
    .extra_header_names = extra_names,
    .extra_header_texts = extra_texts,
    .nextra_headers = (int)(sizeof extra_names / sizeof *extra_names),
};

static cw_status hip_open(const cw_context_options *opts, void **impl, char *why, size_t whylen) {
  return cw_gpu_open(&cw_hip_dialect, opts, impl, why, whylen);
}

const cw_backend_ops cw_hip_backend = CW_GPU_BACKEND_OPS(CW_BACKEND_HIP, "hip", hip_open);
