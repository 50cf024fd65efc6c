/* Synchronous helpers over the asynchronous WebGPU API (see dawn_api.h).
 *
 * Every asynchronous call uses CallbackMode AllowProcessEvents and is waited
 * for by polling wgpuInstanceProcessEvents with a deadline, so no call can
 * hang forever. Callback state lives on the heap: if a wait times out the
 * state is deliberately leaked, because Dawn may still run the callback
 * later and must not write into a dead stack frame. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rt/webgpu/dawn_api.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void copy_view(char *dst, size_t n, WGPUStringView v) {
  if (!n) return;
  size_t len = 0;
  if (v.data) len = v.length == WGPU_STRLEN ? strlen(v.data) : v.length;
  if (len >= n) len = n - 1;
  if (len) memcpy(dst, v.data, len);
  dst[len] = 0;
}

/* Polls until *done or the deadline; 0 on completion. */
static int wait_done(WGPUInstance inst, volatile int *done, double timeout_s, const char *what,
                     char *err, size_t errlen) {
  double t0 = now_s();
  unsigned spins = 0;
  while (!*done) {
    cw_dawn.wgpuInstanceProcessEvents(inst);
    if (*done) break;
    if (now_s() - t0 > timeout_s) {
      if (err) snprintf(err, errlen, "timed out after %.0f s waiting for %s", timeout_s, what);
      return -1;
    }
    /* Spin briefly (most completions are quick), then back off. */
    if (++spins > 64) {
      struct timespec d = {0, spins > 4096 ? 1000000L : 50000L};
      nanosleep(&d, NULL);
    }
  }
  return 0;
}

/* ---------------- names ---------------- */
const char *cw_wg_backend_name(WGPUBackendType t) {
  switch (t) {
  case WGPUBackendType_Null: return "null";
  case WGPUBackendType_WebGPU: return "webgpu";
  case WGPUBackendType_D3D11: return "d3d11";
  case WGPUBackendType_D3D12: return "d3d12";
  case WGPUBackendType_Metal: return "metal";
  case WGPUBackendType_Vulkan: return "vulkan";
  case WGPUBackendType_OpenGL: return "opengl";
  case WGPUBackendType_OpenGLES: return "opengles";
  default: return "unknown";
  }
}

const char *cw_wg_adapter_type_name(WGPUAdapterType t) {
  switch (t) {
  case WGPUAdapterType_DiscreteGPU: return "discrete gpu";
  case WGPUAdapterType_IntegratedGPU: return "integrated gpu";
  case WGPUAdapterType_CPU: return "cpu";
  default: return "unknown";
  }
}

const char *cw_wg_adapter_string(const cw_wg *wg, char *buf, size_t n) {
  snprintf(buf, n, "%s [%s, %s]", wg->device_name[0] ? wg->device_name : "unnamed adapter",
           cw_wg_backend_name(wg->backend), cw_wg_adapter_type_name(wg->adapter_type));
  return buf;
}

int cw_wg_unavailable_status(void) {
  const char *ci = getenv("CI");
  const char *req = getenv("CUDAWASM_REQUIRE_WEBGPU");
  if ((ci && strcmp(ci, "true") == 0) || (req && req[0] && strcmp(req, "0") != 0)) return 1;
  return 77;
}

/* ---------------- device callbacks ---------------- */
static void on_uncaptured(const WGPUDevice *device, WGPUErrorType type, WGPUStringView message,
                          void *ud1, void *ud2) {
  cw_wg *wg = ud1;
  wg->uncaptured_errors++;
  copy_view(wg->last_error, sizeof wg->last_error, message);
  if (!wg->first_error[0]) copy_view(wg->first_error, sizeof wg->first_error, message);
}

static void on_lost(const WGPUDevice *device, WGPUDeviceLostReason reason, WGPUStringView message,
                    void *ud1, void *ud2) {
  cw_wg *wg = ud1;
  /* Destroyed/cancelled are our own shutdown, not a loss to report. */
  if (reason == WGPUDeviceLostReason_Destroyed || reason == WGPUDeviceLostReason_CallbackCancelled)
    return;
  wg->lost = 1;
  char msg[1024];
  copy_view(msg, sizeof msg, message);
  snprintf(wg->last_error, sizeof wg->last_error, "device lost: %s", msg);
}

/* ---------------- open / close ---------------- */
struct adapter_req {
  volatile int done;
  WGPURequestAdapterStatus status;
  WGPUAdapter adapter;
  char msg[1024];
};
static void on_adapter(WGPURequestAdapterStatus status, WGPUAdapter adapter, WGPUStringView message,
                       void *ud1, void *ud2) {
  struct adapter_req *r = ud1;
  r->status = status;
  r->adapter = adapter;
  copy_view(r->msg, sizeof r->msg, message);
  r->done = 1;
}

struct device_req {
  volatile int done;
  WGPURequestDeviceStatus status;
  WGPUDevice device;
  char msg[1024];
};
static void on_device(WGPURequestDeviceStatus status, WGPUDevice device, WGPUStringView message,
                      void *ud1, void *ud2) {
  struct device_req *r = ud1;
  r->status = status;
  r->device = device;
  copy_view(r->msg, sizeof r->msg, message);
  r->done = 1;
}

int cw_wg_open(cw_wg **out, char *err, size_t errlen) {
  *out = NULL;
  if (cw_dawn_load(NULL, err, errlen) != 0) return CW_WG_NO_LIBRARY;
  cw_wg *wg = calloc(1, sizeof *wg);
  if (!wg) {
    snprintf(err, errlen, "out of memory");
    return CW_WG_FAILED;
  }
  wg->timeout_s = 60;
  const char *t = getenv("CUDAWASM_WEBGPU_TIMEOUT");
  if (t && atof(t) > 0) wg->timeout_s = atof(t);

  WGPUInstanceDescriptor idesc;
  memset(&idesc, 0, sizeof idesc);
  wg->instance = cw_dawn.wgpuCreateInstance(&idesc);
  if (!wg->instance) {
    snprintf(err, errlen, "wgpuCreateInstance failed (library %s)", cw_dawn.path);
    free(wg);
    return CW_WG_FAILED;
  }

  /* Vulkan explicitly: forceFallbackAdapter finds nothing in this Dawn build
   * and the Null backend computes nothing. High performance prefers a
   * discrete, then integrated GPU over a CPU (lavapipe) device. */
  WGPURequestAdapterOptions aopt;
  memset(&aopt, 0, sizeof aopt);
  aopt.featureLevel = WGPUFeatureLevel_Core;
  aopt.powerPreference = WGPUPowerPreference_HighPerformance;
  aopt.backendType = WGPUBackendType_Vulkan;
  struct adapter_req *ar = calloc(1, sizeof *ar);
  if (!ar) {
    snprintf(err, errlen, "out of memory");
    cw_wg_close(wg);
    return CW_WG_FAILED;
  }
  WGPURequestAdapterCallbackInfo acb = {NULL, WGPUCallbackMode_AllowProcessEvents, on_adapter, ar,
                                        NULL};
  cw_dawn.wgpuInstanceRequestAdapter(wg->instance, &aopt, acb);
  char werr[256];
  if (wait_done(wg->instance, &ar->done, wg->timeout_s, "the WebGPU adapter", werr, sizeof werr)) {
    snprintf(err, errlen, "%s", werr);
    cw_wg_close(wg); /* ar leaked on purpose: the callback may still come */
    return CW_WG_FAILED;
  }
  if (ar->status != WGPURequestAdapterStatus_Success || !ar->adapter) {
    snprintf(err, errlen,
             "no WebGPU adapter on the Vulkan backend%s%s (install a Vulkan driver, e.g. "
             "mesa-vulkan-drivers >= 25 from bookworm-backports for lavapipe)",
             ar->msg[0] ? ": " : "", ar->msg);
    free(ar);
    cw_wg_close(wg);
    return CW_WG_NO_ADAPTER;
  }
  wg->adapter = ar->adapter;
  free(ar);

  WGPUAdapterInfo info;
  memset(&info, 0, sizeof info);
  if (cw_dawn.wgpuAdapterGetInfo(wg->adapter, &info) == WGPUStatus_Success) {
    copy_view(wg->vendor, sizeof wg->vendor, info.vendor);
    copy_view(wg->device_name, sizeof wg->device_name, info.device);
    copy_view(wg->description, sizeof wg->description, info.description);
    wg->backend = info.backendType;
    wg->adapter_type = info.adapterType;
    wg->subgroup_min = info.subgroupMinSize;
    wg->subgroup_max = info.subgroupMaxSize;
    cw_dawn.wgpuAdapterInfoFreeMembers(info);
  }
  if (wg->backend == WGPUBackendType_Null) {
    snprintf(err, errlen, "only the Null WebGPU backend is available (it computes nothing)");
    cw_wg_close(wg);
    return CW_WG_NO_ADAPTER;
  }

  WGPULimits alim;
  memset(&alim, 0, sizeof alim);
  if (cw_dawn.wgpuAdapterGetLimits(wg->adapter, &alim) != WGPUStatus_Success) {
    snprintf(err, errlen, "wgpuAdapterGetLimits failed");
    cw_wg_close(wg);
    return CW_WG_FAILED;
  }
  alim.nextInChain = NULL;

  WGPUFeatureName feats[2];
  size_t nfeats = 0;
  if (cw_dawn.wgpuAdapterHasFeature(wg->adapter, WGPUFeatureName_Subgroups))
    feats[nfeats++] = WGPUFeatureName_Subgroups;
  if (cw_dawn.wgpuAdapterHasFeature(wg->adapter, WGPUFeatureName_ShaderF16))
    feats[nfeats++] = WGPUFeatureName_ShaderF16;

  /* The adapter's own limits as required limits: the defaults (128 MiB per
   * binding, 16 KiB workgroup memory, 256 invocations) are far below what
   * real GPUs offer and CUDA kernels expect. */
  WGPUDeviceDescriptor ddesc;
  memset(&ddesc, 0, sizeof ddesc);
  ddesc.label = cw_wgpu_str("cuda-wasm");
  ddesc.requiredFeatureCount = nfeats;
  ddesc.requiredFeatures = nfeats ? feats : NULL;
  ddesc.requiredLimits = &alim;
  ddesc.defaultQueue.label = cw_wgpu_str(NULL);
  ddesc.deviceLostCallbackInfo.mode = WGPUCallbackMode_AllowProcessEvents;
  ddesc.deviceLostCallbackInfo.callback = on_lost;
  ddesc.deviceLostCallbackInfo.userdata1 = wg;
  ddesc.uncapturedErrorCallbackInfo.callback = on_uncaptured;
  ddesc.uncapturedErrorCallbackInfo.userdata1 = wg;
  struct device_req *dr = calloc(1, sizeof *dr);
  if (!dr) {
    snprintf(err, errlen, "out of memory");
    cw_wg_close(wg);
    return CW_WG_FAILED;
  }
  WGPURequestDeviceCallbackInfo dcb = {NULL, WGPUCallbackMode_AllowProcessEvents, on_device, dr,
                                       NULL};
  cw_dawn.wgpuAdapterRequestDevice(wg->adapter, &ddesc, dcb);
  if (wait_done(wg->instance, &dr->done, wg->timeout_s, "the WebGPU device", werr, sizeof werr)) {
    snprintf(err, errlen, "%s", werr);
    cw_wg_close(wg);
    return CW_WG_FAILED;
  }
  if (dr->status != WGPURequestDeviceStatus_Success || !dr->device) {
    char a[400];
    snprintf(err, errlen, "cannot create a WebGPU device on %s: %s",
             cw_wg_adapter_string(wg, a, sizeof a), dr->msg);
    free(dr);
    cw_wg_close(wg);
    return CW_WG_NO_ADAPTER;
  }
  wg->device = dr->device;
  free(dr);
  wg->queue = cw_dawn.wgpuDeviceGetQueue(wg->device);
  memset(&wg->limits, 0, sizeof wg->limits);
  cw_dawn.wgpuDeviceGetLimits(wg->device, &wg->limits);
  wg->limits.nextInChain = NULL;
  wg->has_subgroups = cw_dawn.wgpuDeviceHasFeature(wg->device, WGPUFeatureName_Subgroups) != 0;
  wg->has_f16 = cw_dawn.wgpuDeviceHasFeature(wg->device, WGPUFeatureName_ShaderF16) != 0;
  *out = wg;
  return CW_WG_OK;
}

void cw_wg_close(cw_wg *wg) {
  if (!wg) return;
  if (wg->queue) cw_dawn.wgpuQueueRelease(wg->queue);
  if (wg->device) {
    cw_dawn.wgpuDeviceDestroy(wg->device);
    cw_dawn.wgpuDeviceRelease(wg->device);
  }
  if (wg->adapter) cw_dawn.wgpuAdapterRelease(wg->adapter);
  /* Let the device-lost callback (which points at wg) run before wg goes. */
  if (wg->instance) {
    for (int i = 0; i < 4; i++) cw_dawn.wgpuInstanceProcessEvents(wg->instance);
    cw_dawn.wgpuInstanceRelease(wg->instance);
  }
  free(wg);
}

/* ---------------- error scopes ---------------- */
struct scope_req {
  volatile int done;
  WGPUPopErrorScopeStatus status;
  WGPUErrorType type;
  char msg[2048];
};
static void on_pop(WGPUPopErrorScopeStatus status, WGPUErrorType type, WGPUStringView message,
                   void *ud1, void *ud2) {
  struct scope_req *r = ud1;
  r->status = status;
  r->type = type;
  copy_view(r->msg, sizeof r->msg, message);
  r->done = 1;
}

static void scope_push(cw_wg *wg) {
  cw_dawn.wgpuDevicePushErrorScope(wg->device, WGPUErrorFilter_Validation);
  cw_dawn.wgpuDevicePushErrorScope(wg->device, WGPUErrorFilter_OutOfMemory);
  cw_dawn.wgpuDevicePushErrorScope(wg->device, WGPUErrorFilter_Internal);
}

/* Pops the three scopes of scope_push; 0 when none caught an error. */
static int scope_pop(cw_wg *wg, const char *what, char *err, size_t errlen) {
  static const char *const kind[3] = {"internal", "out-of-memory", "validation"};
  int bad = 0;
  for (int i = 0; i < 3; i++) {
    struct scope_req *r = calloc(1, sizeof *r);
    if (!r) return -1;
    WGPUPopErrorScopeCallbackInfo cb = {NULL, WGPUCallbackMode_AllowProcessEvents, on_pop, r, NULL};
    cw_dawn.wgpuDevicePopErrorScope(wg->device, cb);
    char werr[256];
    if (wait_done(wg->instance, &r->done, wg->timeout_s, what, werr, sizeof werr)) {
      if (!bad && err) snprintf(err, errlen, "%s", werr);
      bad = 1;
      continue; /* r leaked on purpose */
    }
    if (r->status == WGPUPopErrorScopeStatus_Success && r->type != WGPUErrorType_NoError) {
      if (!bad && err) snprintf(err, errlen, "%s error: %s", kind[i], r->msg);
      bad = 1;
    } else if (r->status != WGPUPopErrorScopeStatus_Success) {
      if (!bad && err) snprintf(err, errlen, "error scope failed: %s", r->msg);
      bad = 1;
    }
    free(r);
  }
  return bad ? -1 : 0;
}

/* ---------------- shaders and pipelines ---------------- */
struct compile_req {
  volatile int done;
  WGPUCompilationInfoRequestStatus status;
  cw_wg_message_fn fn;
  void *ud;
  int nerrors, nwarnings;
};
static void on_compilation(WGPUCompilationInfoRequestStatus status, const WGPUCompilationInfo *info,
                           void *ud1, void *ud2) {
  struct compile_req *r = ud1;
  r->status = status;
  if (status == WGPUCompilationInfoRequestStatus_Success && info) {
    for (size_t i = 0; i < info->messageCount; i++) {
      const WGPUCompilationMessage *m = &info->messages[i];
      char text[4096];
      copy_view(text, sizeof text, m->message);
      if (m->type == WGPUCompilationMessageType_Error) r->nerrors++;
      if (m->type == WGPUCompilationMessageType_Warning) r->nwarnings++;
      if (r->fn) {
        cw_wg_message cm = {m->type, (unsigned)m->lineNum, (unsigned)m->linePos, text};
        r->fn(&cm, r->ud);
      }
    }
  }
  r->done = 1;
}

WGPUShaderModule cw_wg_shader(cw_wg *wg, const char *code, size_t len, cw_wg_message_fn fn,
                              void *ud, int *nerrors, int *nwarnings, char *err, size_t errlen) {
  *nerrors = *nwarnings = 0;
  WGPUShaderSourceWGSL src;
  memset(&src, 0, sizeof src);
  src.chain.sType = WGPUSType_ShaderSourceWGSL;
  src.code.data = code;
  src.code.length = len;
  WGPUShaderModuleDescriptor desc;
  memset(&desc, 0, sizeof desc);
  desc.nextInChain = &src.chain;
  desc.label = cw_wgpu_str(NULL);
  /* A shader with errors also raises a validation error; catch it here so it
   * is reported once, through the compilation messages. */
  scope_push(wg);
  WGPUShaderModule sm = cw_dawn.wgpuDeviceCreateShaderModule(wg->device, &desc);
  char serr[2048] = "";
  int scope_bad = scope_pop(wg, "shader module creation", serr, sizeof serr);
  if (!sm) {
    snprintf(err, errlen, "wgpuDeviceCreateShaderModule failed: %s", serr);
    return NULL;
  }
  struct compile_req *r = calloc(1, sizeof *r);
  if (!r) {
    cw_dawn.wgpuShaderModuleRelease(sm);
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  r->fn = fn;
  r->ud = ud;
  WGPUCompilationInfoCallbackInfo cb = {NULL, WGPUCallbackMode_AllowProcessEvents, on_compilation, r,
                                        NULL};
  cw_dawn.wgpuShaderModuleGetCompilationInfo(sm, cb);
  if (wait_done(wg->instance, &r->done, wg->timeout_s, "shader compilation info", err, errlen)) {
    cw_dawn.wgpuShaderModuleRelease(sm);
    return NULL;
  }
  *nerrors = r->nerrors;
  *nwarnings = r->nwarnings;
  /* A scope error without any compiler message must not pass silently. */
  if (scope_bad && r->nerrors == 0) {
    if (fn) {
      cw_wg_message cm = {WGPUCompilationMessageType_Error, 0, 0, serr};
      fn(&cm, ud);
    }
    *nerrors = 1;
  }
  free(r);
  return sm;
}

WGPUComputePipeline cw_wg_pipeline(cw_wg *wg, WGPUShaderModule module, const char *entry,
                                   const char *const *const_names, const double *const_values,
                                   int nconsts, char *err, size_t errlen) {
  WGPUConstantEntry consts[16];
  if (nconsts > 16) {
    snprintf(err, errlen, "too many override constants (%d > 16)", nconsts);
    return NULL;
  }
  for (int i = 0; i < nconsts; i++) {
    memset(&consts[i], 0, sizeof consts[i]);
    consts[i].key = cw_wgpu_str(const_names[i]);
    consts[i].value = const_values[i];
  }
  WGPUComputePipelineDescriptor desc;
  memset(&desc, 0, sizeof desc);
  desc.label = cw_wgpu_str(entry);
  desc.layout = NULL;
  desc.compute.module = module;
  desc.compute.entryPoint = cw_wgpu_str(entry);
  desc.compute.constantCount = (size_t)nconsts;
  desc.compute.constants = nconsts ? consts : NULL;
  scope_push(wg);
  WGPUComputePipeline p = cw_dawn.wgpuDeviceCreateComputePipeline(wg->device, &desc);
  if (scope_pop(wg, "compute pipeline creation", err, errlen) != 0) {
    if (p) cw_dawn.wgpuComputePipelineRelease(p);
    return NULL;
  }
  if (!p) snprintf(err, errlen, "wgpuDeviceCreateComputePipeline returned NULL");
  return p;
}

/* ---------------- buffers and dispatch ---------------- */
static uint64_t round4(uint64_t n) { return (n + 3) & ~(uint64_t)3; }

WGPUBuffer cw_wg_buffer(cw_wg *wg, uint64_t size, char *err, size_t errlen) {
  WGPUBufferDescriptor desc;
  memset(&desc, 0, sizeof desc);
  desc.label = cw_wgpu_str(NULL);
  desc.usage = WGPUBufferUsage_Storage | WGPUBufferUsage_CopySrc | WGPUBufferUsage_CopyDst;
  desc.size = round4(size ? size : 4);
  scope_push(wg);
  WGPUBuffer b = cw_dawn.wgpuDeviceCreateBuffer(wg->device, &desc);
  if (scope_pop(wg, "buffer creation", err, errlen) != 0) {
    if (b) cw_dawn.wgpuBufferRelease(b);
    return NULL;
  }
  return b;
}

void cw_wg_buffer_free(WGPUBuffer b) {
  if (!b) return;
  cw_dawn.wgpuBufferDestroy(b);
  cw_dawn.wgpuBufferRelease(b);
}

void cw_wg_write(cw_wg *wg, WGPUBuffer b, uint64_t offset, const void *data, size_t n) {
  /* writeBuffer needs sizes in multiples of 4: pad the tail with zeros. */
  size_t whole = n & ~(size_t)3;
  if (whole) cw_dawn.wgpuQueueWriteBuffer(wg->queue, b, offset, data, whole);
  if (whole < n) {
    unsigned char tail[4] = {0, 0, 0, 0};
    memcpy(tail, (const unsigned char *)data + whole, n - whole);
    cw_dawn.wgpuQueueWriteBuffer(wg->queue, b, offset + whole, tail, 4);
  }
}

struct work_req {
  volatile int done;
  int status;
  char msg[512];
};
static void on_work_done(WGPUQueueWorkDoneStatus status, WGPUStringView message, void *ud1,
                         void *ud2) {
  struct work_req *r = ud1;
  r->status = (int)status;
  copy_view(r->msg, sizeof r->msg, message);
  r->done = 1;
}
static void on_map(WGPUMapAsyncStatus status, WGPUStringView message, void *ud1, void *ud2) {
  struct work_req *r = ud1;
  r->status = (int)status;
  copy_view(r->msg, sizeof r->msg, message);
  r->done = 1;
}

int cw_wg_sync(cw_wg *wg, char *err, size_t errlen) {
  struct work_req *r = calloc(1, sizeof *r);
  if (!r) return -1;
  WGPUQueueWorkDoneCallbackInfo cb = {NULL, WGPUCallbackMode_AllowProcessEvents, on_work_done, r,
                                      NULL};
  cw_dawn.wgpuQueueOnSubmittedWorkDone(wg->queue, cb);
  if (wait_done(wg->instance, &r->done, wg->timeout_s, "the GPU queue", err, errlen)) return -1;
  int ok = r->status == WGPUQueueWorkDoneStatus_Success;
  char msg[512];
  snprintf(msg, sizeof msg, "%s", r->msg);
  free(r);
  if (!ok || wg->lost) {
    snprintf(err, errlen, "queue work failed: %s", wg->lost ? wg->last_error : msg);
    return -1;
  }
  return 0;
}

int cw_wg_read(cw_wg *wg, WGPUBuffer b, uint64_t offset, void *dst, size_t n, char *err,
               size_t errlen) {
  if (offset % 4) {
    snprintf(err, errlen, "read offset %llu is not a multiple of 4", (unsigned long long)offset);
    return -1;
  }
  if (n == 0) return 0;
  uint64_t size = round4(n);
  WGPUBufferDescriptor desc;
  memset(&desc, 0, sizeof desc);
  desc.label = cw_wgpu_str(NULL);
  desc.usage = WGPUBufferUsage_MapRead | WGPUBufferUsage_CopyDst;
  desc.size = size;
  scope_push(wg);
  WGPUBuffer staging = cw_dawn.wgpuDeviceCreateBuffer(wg->device, &desc);
  WGPUCommandEncoder enc = cw_dawn.wgpuDeviceCreateCommandEncoder(wg->device, NULL);
  cw_dawn.wgpuCommandEncoderCopyBufferToBuffer(enc, b, offset, staging, 0, size);
  WGPUCommandBuffer cmd = cw_dawn.wgpuCommandEncoderFinish(enc, NULL);
  cw_dawn.wgpuQueueSubmit(wg->queue, 1, &cmd);
  cw_dawn.wgpuCommandBufferRelease(cmd);
  cw_dawn.wgpuCommandEncoderRelease(enc);
  if (scope_pop(wg, "buffer readback", err, errlen) != 0) {
    cw_wg_buffer_free(staging);
    return -1;
  }
  struct work_req *r = calloc(1, sizeof *r);
  if (!r) {
    cw_wg_buffer_free(staging);
    return -1;
  }
  WGPUBufferMapCallbackInfo cb = {NULL, WGPUCallbackMode_AllowProcessEvents, on_map, r, NULL};
  cw_dawn.wgpuBufferMapAsync(staging, WGPUMapMode_Read, 0, (size_t)size, cb);
  if (wait_done(wg->instance, &r->done, wg->timeout_s, "buffer mapping", err, errlen)) {
    cw_wg_buffer_free(staging); /* cancels the map; r leaked on purpose */
    return -1;
  }
  int rc = 0;
  if (r->status != WGPUMapAsyncStatus_Success) {
    snprintf(err, errlen, "buffer mapping failed: %s", r->msg);
    rc = -1;
  } else {
    const void *p = cw_dawn.wgpuBufferGetConstMappedRange(staging, 0, (size_t)size);
    if (!p) {
      snprintf(err, errlen, "mapped range unavailable");
      rc = -1;
    } else {
      memcpy(dst, p, n);
    }
    cw_dawn.wgpuBufferUnmap(staging);
  }
  free(r);
  cw_wg_buffer_free(staging);
  return rc;
}

int cw_wg_dispatch(cw_wg *wg, WGPUComputePipeline pipeline, const WGPUBuffer *bufs, int nbufs,
                   uint32_t gx, uint32_t gy, uint32_t gz, char *err, size_t errlen) {
  WGPUBindGroupEntry entries[64];
  if (nbufs < 0 || nbufs > 64) {
    snprintf(err, errlen, "too many buffers (%d > 64)", nbufs);
    return -1;
  }
  scope_push(wg);
  WGPUBindGroup group = NULL;
  WGPUBindGroupLayout layout = NULL;
  if (nbufs > 0) {
    layout = cw_dawn.wgpuComputePipelineGetBindGroupLayout(pipeline, 0);
    for (int i = 0; i < nbufs; i++) {
      memset(&entries[i], 0, sizeof entries[i]);
      entries[i].binding = (uint32_t)i;
      entries[i].buffer = bufs[i];
      entries[i].offset = 0;
      entries[i].size = WGPU_WHOLE_SIZE;
    }
    WGPUBindGroupDescriptor bdesc;
    memset(&bdesc, 0, sizeof bdesc);
    bdesc.label = cw_wgpu_str(NULL);
    bdesc.layout = layout;
    bdesc.entryCount = (size_t)nbufs;
    bdesc.entries = entries;
    group = cw_dawn.wgpuDeviceCreateBindGroup(wg->device, &bdesc);
  }
  WGPUCommandEncoder enc = cw_dawn.wgpuDeviceCreateCommandEncoder(wg->device, NULL);
  WGPUComputePassEncoder pass = cw_dawn.wgpuCommandEncoderBeginComputePass(enc, NULL);
  cw_dawn.wgpuComputePassEncoderSetPipeline(pass, pipeline);
  if (group) cw_dawn.wgpuComputePassEncoderSetBindGroup(pass, 0, group, 0, NULL);
  cw_dawn.wgpuComputePassEncoderDispatchWorkgroups(pass, gx, gy, gz);
  cw_dawn.wgpuComputePassEncoderEnd(pass);
  WGPUCommandBuffer cmd = cw_dawn.wgpuCommandEncoderFinish(enc, NULL);
  cw_dawn.wgpuQueueSubmit(wg->queue, 1, &cmd);
  cw_dawn.wgpuCommandBufferRelease(cmd);
  cw_dawn.wgpuComputePassEncoderRelease(pass);
  cw_dawn.wgpuCommandEncoderRelease(enc);
  if (group) cw_dawn.wgpuBindGroupRelease(group);
  if (layout) cw_dawn.wgpuBindGroupLayoutRelease(layout);
  if (scope_pop(wg, "dispatch", err, errlen) != 0) return -1;
  return cw_wg_sync(wg, err, errlen);
}
