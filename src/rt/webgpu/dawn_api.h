/* The subset of the WebGPU C API (webgpu.h) that cuda-wasm uses for compute,
 * loaded at run time from Dawn with dlopen.
 *
 * ABI: Dawn's generated webgpu.h at google/dawn a562d1dac31e (2025-06-27), the
 * generation with WGPUStringView, *CallbackInfo structs and futures; the
 * shipped binary is libwebgpu_wrapper.so from npm bun-webgpu-linux-x64@0.1.7.
 * These are the project's own declarations of only what it uses. Struct field
 * order and types must match Dawn exactly (a wrong layout compiles and
 * misbehaves silently), so every struct here mirrors dawn.json of that
 * commit; enum values are the ones Dawn assigns.
 *
 * On top of the raw table sits a small synchronous helper layer (cw_wg_*):
 * open instance/adapter/device with timeouts, compile WGSL and collect the
 * compiler's messages, create compute pipelines inside error scopes, create
 * and read back buffers, and dispatch. */
#ifndef CW_RT_DAWN_API_H
#define CW_RT_DAWN_API_H
#include <stddef.h>
#include <stdint.h>

/* ---------------- basic types ---------------- */
typedef uint64_t WGPUFlags;
typedef uint32_t WGPUBool;

typedef struct WGPUInstanceImpl *WGPUInstance;
typedef struct WGPUAdapterImpl *WGPUAdapter;
typedef struct WGPUDeviceImpl *WGPUDevice;
typedef struct WGPUQueueImpl *WGPUQueue;
typedef struct WGPUBufferImpl *WGPUBuffer;
typedef struct WGPUShaderModuleImpl *WGPUShaderModule;
typedef struct WGPUComputePipelineImpl *WGPUComputePipeline;
typedef struct WGPUPipelineLayoutImpl *WGPUPipelineLayout;
typedef struct WGPUBindGroupLayoutImpl *WGPUBindGroupLayout;
typedef struct WGPUBindGroupImpl *WGPUBindGroup;
typedef struct WGPUCommandEncoderImpl *WGPUCommandEncoder;
typedef struct WGPUCommandBufferImpl *WGPUCommandBuffer;
typedef struct WGPUComputePassEncoderImpl *WGPUComputePassEncoder;
typedef struct WGPUSamplerImpl *WGPUSampler;         /* only as a NULL field */
typedef struct WGPUTextureViewImpl *WGPUTextureView; /* only as a NULL field */
typedef struct WGPUSurfaceImpl *WGPUSurface;         /* only as a NULL field */
typedef struct WGPUQuerySetImpl *WGPUQuerySet;       /* only as a NULL field */

#define WGPU_WHOLE_SIZE UINT64_MAX
#define WGPU_WHOLE_MAP_SIZE SIZE_MAX
#define WGPU_STRLEN SIZE_MAX
#define WGPU_LIMIT_U32_UNDEFINED UINT32_MAX
#define WGPU_LIMIT_U64_UNDEFINED UINT64_MAX

/* ---------------- enums (values as Dawn assigns them) ---------------- */
typedef enum WGPUAdapterType {
  WGPUAdapterType_DiscreteGPU = 1,
  WGPUAdapterType_IntegratedGPU = 2,
  WGPUAdapterType_CPU = 3,
  WGPUAdapterType_Unknown = 4,
  WGPUAdapterType_Force32 = 0x7FFFFFFF
} WGPUAdapterType;

typedef enum WGPUBackendType {
  WGPUBackendType_Undefined = 0,
  WGPUBackendType_Null = 1,
  WGPUBackendType_WebGPU = 2,
  WGPUBackendType_D3D11 = 3,
  WGPUBackendType_D3D12 = 4,
  WGPUBackendType_Metal = 5,
  WGPUBackendType_Vulkan = 6,
  WGPUBackendType_OpenGL = 7,
  WGPUBackendType_OpenGLES = 8,
  WGPUBackendType_Force32 = 0x7FFFFFFF
} WGPUBackendType;

typedef enum WGPUCallbackMode {
  WGPUCallbackMode_WaitAnyOnly = 1,
  WGPUCallbackMode_AllowProcessEvents = 2,
  WGPUCallbackMode_AllowSpontaneous = 3,
  WGPUCallbackMode_Force32 = 0x7FFFFFFF
} WGPUCallbackMode;

typedef enum WGPUCompilationInfoRequestStatus {
  WGPUCompilationInfoRequestStatus_Success = 1,
  WGPUCompilationInfoRequestStatus_CallbackCancelled = 2,
  WGPUCompilationInfoRequestStatus_Force32 = 0x7FFFFFFF
} WGPUCompilationInfoRequestStatus;

typedef enum WGPUCompilationMessageType {
  WGPUCompilationMessageType_Error = 1,
  WGPUCompilationMessageType_Warning = 2,
  WGPUCompilationMessageType_Info = 3,
  WGPUCompilationMessageType_Force32 = 0x7FFFFFFF
} WGPUCompilationMessageType;

typedef enum WGPUDeviceLostReason {
  WGPUDeviceLostReason_Unknown = 1,
  WGPUDeviceLostReason_Destroyed = 2,
  WGPUDeviceLostReason_CallbackCancelled = 3,
  WGPUDeviceLostReason_FailedCreation = 4,
  WGPUDeviceLostReason_Force32 = 0x7FFFFFFF
} WGPUDeviceLostReason;

typedef enum WGPUErrorFilter {
  WGPUErrorFilter_Validation = 1,
  WGPUErrorFilter_OutOfMemory = 2,
  WGPUErrorFilter_Internal = 3,
  WGPUErrorFilter_Force32 = 0x7FFFFFFF
} WGPUErrorFilter;

typedef enum WGPUErrorType {
  WGPUErrorType_NoError = 1,
  WGPUErrorType_Validation = 2,
  WGPUErrorType_OutOfMemory = 3,
  WGPUErrorType_Internal = 4,
  WGPUErrorType_Unknown = 5,
  WGPUErrorType_Force32 = 0x7FFFFFFF
} WGPUErrorType;

typedef enum WGPUFeatureLevel {
  WGPUFeatureLevel_Undefined = 0,
  WGPUFeatureLevel_Compatibility = 1,
  WGPUFeatureLevel_Core = 2,
  WGPUFeatureLevel_Force32 = 0x7FFFFFFF
} WGPUFeatureLevel;

typedef enum WGPUFeatureName {
  WGPUFeatureName_TimestampQuery = 0x03,
  WGPUFeatureName_ShaderF16 = 0x0A,
  WGPUFeatureName_Subgroups = 0x11,
  WGPUFeatureName_Force32 = 0x7FFFFFFF
} WGPUFeatureName;

typedef enum WGPUMapAsyncStatus {
  WGPUMapAsyncStatus_Success = 1,
  WGPUMapAsyncStatus_CallbackCancelled = 2,
  WGPUMapAsyncStatus_Error = 3,
  WGPUMapAsyncStatus_Aborted = 4,
  WGPUMapAsyncStatus_Force32 = 0x7FFFFFFF
} WGPUMapAsyncStatus;

typedef enum WGPUPopErrorScopeStatus {
  WGPUPopErrorScopeStatus_Success = 1,
  WGPUPopErrorScopeStatus_CallbackCancelled = 2,
  WGPUPopErrorScopeStatus_Error = 3,
  WGPUPopErrorScopeStatus_Force32 = 0x7FFFFFFF
} WGPUPopErrorScopeStatus;

typedef enum WGPUPowerPreference {
  WGPUPowerPreference_Undefined = 0,
  WGPUPowerPreference_LowPower = 1,
  WGPUPowerPreference_HighPerformance = 2,
  WGPUPowerPreference_Force32 = 0x7FFFFFFF
} WGPUPowerPreference;

typedef enum WGPUQueueWorkDoneStatus {
  WGPUQueueWorkDoneStatus_Success = 1,
  WGPUQueueWorkDoneStatus_CallbackCancelled = 2,
  WGPUQueueWorkDoneStatus_Error = 3,
  WGPUQueueWorkDoneStatus_Force32 = 0x7FFFFFFF
} WGPUQueueWorkDoneStatus;

typedef enum WGPURequestAdapterStatus {
  WGPURequestAdapterStatus_Success = 1,
  WGPURequestAdapterStatus_CallbackCancelled = 2,
  WGPURequestAdapterStatus_Unavailable = 3,
  WGPURequestAdapterStatus_Error = 4,
  WGPURequestAdapterStatus_Force32 = 0x7FFFFFFF
} WGPURequestAdapterStatus;

typedef enum WGPURequestDeviceStatus {
  WGPURequestDeviceStatus_Success = 1,
  WGPURequestDeviceStatus_CallbackCancelled = 2,
  WGPURequestDeviceStatus_Error = 3,
  WGPURequestDeviceStatus_Force32 = 0x7FFFFFFF
} WGPURequestDeviceStatus;

typedef enum WGPUSType {
  WGPUSType_ShaderSourceWGSL = 2,
  WGPUSType_Force32 = 0x7FFFFFFF
} WGPUSType;

typedef enum WGPUStatus {
  WGPUStatus_Success = 1,
  WGPUStatus_Error = 2,
  WGPUStatus_Force32 = 0x7FFFFFFF
} WGPUStatus;

typedef enum WGPUWaitStatus {
  WGPUWaitStatus_Success = 1,
  WGPUWaitStatus_TimedOut = 2,
  WGPUWaitStatus_Error = 3,
  WGPUWaitStatus_Force32 = 0x7FFFFFFF
} WGPUWaitStatus;

typedef WGPUFlags WGPUBufferUsage;
#define WGPUBufferUsage_MapRead ((WGPUBufferUsage)0x0001)
#define WGPUBufferUsage_MapWrite ((WGPUBufferUsage)0x0002)
#define WGPUBufferUsage_CopySrc ((WGPUBufferUsage)0x0004)
#define WGPUBufferUsage_CopyDst ((WGPUBufferUsage)0x0008)
#define WGPUBufferUsage_Uniform ((WGPUBufferUsage)0x0040)
#define WGPUBufferUsage_Storage ((WGPUBufferUsage)0x0080)
typedef WGPUFlags WGPUMapMode;
#define WGPUMapMode_Read ((WGPUMapMode)0x0001)
#define WGPUMapMode_Write ((WGPUMapMode)0x0002)

/* ---------------- structs ---------------- */
typedef struct WGPUStringView {
  const char *data;
  size_t length; /* WGPU_STRLEN: NUL-terminated */
} WGPUStringView;

typedef struct WGPUChainedStruct {
  struct WGPUChainedStruct *next;
  WGPUSType sType;
} WGPUChainedStruct;

typedef struct WGPUFuture {
  uint64_t id;
} WGPUFuture;

typedef struct WGPUFutureWaitInfo {
  WGPUFuture future;
  WGPUBool completed;
} WGPUFutureWaitInfo;

/* Dawn's layout of this date (NOT the upstream webgpu-headers one with
 * requiredFeatures/requiredLimits: same size, different meaning). */
typedef struct WGPUInstanceCapabilities {
  WGPUChainedStruct *nextInChain;
  WGPUBool timedWaitAnyEnable;
  size_t timedWaitAnyMaxCount;
} WGPUInstanceCapabilities;

typedef struct WGPUInstanceDescriptor {
  WGPUChainedStruct *nextInChain;
  WGPUInstanceCapabilities capabilities;
} WGPUInstanceDescriptor;

typedef struct WGPURequestAdapterOptions {
  WGPUChainedStruct *nextInChain;
  WGPUFeatureLevel featureLevel;
  WGPUPowerPreference powerPreference;
  WGPUBool forceFallbackAdapter;
  WGPUBackendType backendType;
  WGPUSurface compatibleSurface;
} WGPURequestAdapterOptions;

typedef struct WGPUAdapterInfo {
  WGPUChainedStruct *nextInChain;
  WGPUStringView vendor;
  WGPUStringView architecture;
  WGPUStringView device;
  WGPUStringView description;
  WGPUBackendType backendType;
  WGPUAdapterType adapterType;
  uint32_t vendorID;
  uint32_t deviceID;
  uint32_t subgroupMinSize;
  uint32_t subgroupMaxSize;
} WGPUAdapterInfo;

typedef struct WGPULimits {
  WGPUChainedStruct *nextInChain;
  uint32_t maxTextureDimension1D;
  uint32_t maxTextureDimension2D;
  uint32_t maxTextureDimension3D;
  uint32_t maxTextureArrayLayers;
  uint32_t maxBindGroups;
  uint32_t maxBindGroupsPlusVertexBuffers;
  uint32_t maxBindingsPerBindGroup;
  uint32_t maxDynamicUniformBuffersPerPipelineLayout;
  uint32_t maxDynamicStorageBuffersPerPipelineLayout;
  uint32_t maxSampledTexturesPerShaderStage;
  uint32_t maxSamplersPerShaderStage;
  uint32_t maxStorageBuffersPerShaderStage;
  uint32_t maxStorageTexturesPerShaderStage;
  uint32_t maxUniformBuffersPerShaderStage;
  uint64_t maxUniformBufferBindingSize;
  uint64_t maxStorageBufferBindingSize;
  uint32_t minUniformBufferOffsetAlignment;
  uint32_t minStorageBufferOffsetAlignment;
  uint32_t maxVertexBuffers;
  uint64_t maxBufferSize;
  uint32_t maxVertexAttributes;
  uint32_t maxVertexBufferArrayStride;
  uint32_t maxInterStageShaderVariables;
  uint32_t maxColorAttachments;
  uint32_t maxColorAttachmentBytesPerSample;
  uint32_t maxComputeWorkgroupStorageSize;
  uint32_t maxComputeInvocationsPerWorkgroup;
  uint32_t maxComputeWorkgroupSizeX;
  uint32_t maxComputeWorkgroupSizeY;
  uint32_t maxComputeWorkgroupSizeZ;
  uint32_t maxComputeWorkgroupsPerDimension;
  /* Last field at this commit (152 bytes in all; measured: GetLimits writes
   * exactly up to here). The per-stage vertex/fragment storage limits of
   * older headers live in a chained struct now. */
  uint32_t maxImmediateSize;
} WGPULimits;

typedef struct WGPUSupportedFeatures {
  size_t featureCount;
  const WGPUFeatureName *features;
} WGPUSupportedFeatures;

/* Callbacks: (status, ..., message, userdata1, userdata2). */
typedef void (*WGPURequestAdapterCallback)(WGPURequestAdapterStatus status, WGPUAdapter adapter,
                                           WGPUStringView message, void *userdata1, void *userdata2);
typedef void (*WGPURequestDeviceCallback)(WGPURequestDeviceStatus status, WGPUDevice device,
                                          WGPUStringView message, void *userdata1, void *userdata2);
typedef void (*WGPUDeviceLostCallback)(const WGPUDevice *device, WGPUDeviceLostReason reason,
                                       WGPUStringView message, void *userdata1, void *userdata2);
typedef void (*WGPUUncapturedErrorCallback)(const WGPUDevice *device, WGPUErrorType type,
                                            WGPUStringView message, void *userdata1, void *userdata2);
struct WGPUCompilationInfo;
typedef void (*WGPUCompilationInfoCallback)(WGPUCompilationInfoRequestStatus status,
                                            const struct WGPUCompilationInfo *info, void *userdata1,
                                            void *userdata2);
typedef void (*WGPUPopErrorScopeCallback)(WGPUPopErrorScopeStatus status, WGPUErrorType type,
                                          WGPUStringView message, void *userdata1, void *userdata2);
typedef void (*WGPUBufferMapCallback)(WGPUMapAsyncStatus status, WGPUStringView message,
                                      void *userdata1, void *userdata2);
/* Has a message at this commit (older headers lack it; measured: without it
 * userdata1 receives the message pointer). */
typedef void (*WGPUQueueWorkDoneCallback)(WGPUQueueWorkDoneStatus status, WGPUStringView message,
                                          void *userdata1, void *userdata2);

/* All *CallbackInfo structs with a mode share this shape; each has its own
 * type in webgpu.h, declared here one by one so the callback type checks. */
#define CW_WGPU_CALLBACK_INFO(Name, Fn) \
  typedef struct Name {                 \
    WGPUChainedStruct *nextInChain;     \
    WGPUCallbackMode mode;              \
    Fn callback;                        \
    void *userdata1;                    \
    void *userdata2;                    \
  } Name
CW_WGPU_CALLBACK_INFO(WGPURequestAdapterCallbackInfo, WGPURequestAdapterCallback);
CW_WGPU_CALLBACK_INFO(WGPURequestDeviceCallbackInfo, WGPURequestDeviceCallback);
CW_WGPU_CALLBACK_INFO(WGPUDeviceLostCallbackInfo, WGPUDeviceLostCallback);
CW_WGPU_CALLBACK_INFO(WGPUCompilationInfoCallbackInfo, WGPUCompilationInfoCallback);
CW_WGPU_CALLBACK_INFO(WGPUPopErrorScopeCallbackInfo, WGPUPopErrorScopeCallback);
CW_WGPU_CALLBACK_INFO(WGPUBufferMapCallbackInfo, WGPUBufferMapCallback);
CW_WGPU_CALLBACK_INFO(WGPUQueueWorkDoneCallbackInfo, WGPUQueueWorkDoneCallback);
#undef CW_WGPU_CALLBACK_INFO

/* The uncaptured-error callback has no mode: it may fire from any call. */
typedef struct WGPUUncapturedErrorCallbackInfo {
  WGPUChainedStruct *nextInChain;
  WGPUUncapturedErrorCallback callback;
  void *userdata1;
  void *userdata2;
} WGPUUncapturedErrorCallbackInfo;

typedef struct WGPUQueueDescriptor {
  WGPUChainedStruct *nextInChain;
  WGPUStringView label;
} WGPUQueueDescriptor;

typedef struct WGPUDeviceDescriptor {
  WGPUChainedStruct *nextInChain;
  WGPUStringView label;
  size_t requiredFeatureCount;
  const WGPUFeatureName *requiredFeatures;
  const WGPULimits *requiredLimits;
  WGPUQueueDescriptor defaultQueue;
  WGPUDeviceLostCallbackInfo deviceLostCallbackInfo;
  WGPUUncapturedErrorCallbackInfo uncapturedErrorCallbackInfo;
} WGPUDeviceDescriptor;

typedef struct WGPUShaderSourceWGSL {
  WGPUChainedStruct chain; /* sType = WGPUSType_ShaderSourceWGSL */
  WGPUStringView code;
} WGPUShaderSourceWGSL;

typedef struct WGPUShaderModuleDescriptor {
  WGPUChainedStruct *nextInChain;
  WGPUStringView label;
} WGPUShaderModuleDescriptor;

typedef struct WGPUCompilationMessage {
  WGPUChainedStruct *nextInChain;
  WGPUStringView message;
  WGPUCompilationMessageType type;
  uint64_t lineNum; /* 1-based; 0 when the message has no location */
  uint64_t linePos; /* 1-based, in UTF-8 code units */
  uint64_t offset;
  uint64_t length;
} WGPUCompilationMessage;

typedef struct WGPUCompilationInfo {
  WGPUChainedStruct *nextInChain;
  size_t messageCount;
  const WGPUCompilationMessage *messages;
} WGPUCompilationInfo;

typedef struct WGPUConstantEntry {
  WGPUChainedStruct *nextInChain;
  WGPUStringView key;
  double value;
} WGPUConstantEntry;

typedef struct WGPUComputeState {
  WGPUChainedStruct *nextInChain;
  WGPUShaderModule module;
  WGPUStringView entryPoint;
  size_t constantCount;
  const WGPUConstantEntry *constants;
} WGPUComputeState;

typedef struct WGPUComputePipelineDescriptor {
  WGPUChainedStruct *nextInChain;
  WGPUStringView label;
  WGPUPipelineLayout layout; /* NULL = layout "auto" */
  WGPUComputeState compute;
} WGPUComputePipelineDescriptor;

typedef struct WGPUBufferDescriptor {
  WGPUChainedStruct *nextInChain;
  WGPUStringView label;
  WGPUBufferUsage usage;
  uint64_t size;
  WGPUBool mappedAtCreation;
} WGPUBufferDescriptor;

typedef struct WGPUBindGroupEntry {
  WGPUChainedStruct *nextInChain;
  uint32_t binding;
  WGPUBuffer buffer;
  uint64_t offset;
  uint64_t size; /* WGPU_WHOLE_SIZE */
  WGPUSampler sampler;
  WGPUTextureView textureView;
} WGPUBindGroupEntry;

typedef struct WGPUBindGroupDescriptor {
  WGPUChainedStruct *nextInChain;
  WGPUStringView label;
  WGPUBindGroupLayout layout;
  size_t entryCount;
  const WGPUBindGroupEntry *entries;
} WGPUBindGroupDescriptor;

typedef struct WGPUCommandEncoderDescriptor {
  WGPUChainedStruct *nextInChain;
  WGPUStringView label;
} WGPUCommandEncoderDescriptor;

typedef struct WGPUCommandBufferDescriptor {
  WGPUChainedStruct *nextInChain;
  WGPUStringView label;
} WGPUCommandBufferDescriptor;

typedef struct WGPUPassTimestampWrites WGPUPassTimestampWrites; /* only as a NULL field */
typedef struct WGPUComputePassDescriptor {
  WGPUChainedStruct *nextInChain;
  WGPUStringView label;
  const WGPUPassTimestampWrites *timestampWrites;
} WGPUComputePassDescriptor;

/* ---------------- the function table ----------------
 * X(return type, name, parameter list). Every entry is required: a library
 * lacking one is rejected at load time with the missing name. */
#define CW_DAWN_FUNCS(X)                                                                          \
  X(WGPUInstance, wgpuCreateInstance, (const WGPUInstanceDescriptor *desc))                       \
  X(void, wgpuInstanceRelease, (WGPUInstance instance))                                           \
  X(void, wgpuInstanceProcessEvents, (WGPUInstance instance))                                     \
  X(WGPUWaitStatus, wgpuInstanceWaitAny,                                                          \
    (WGPUInstance instance, size_t count, WGPUFutureWaitInfo * futures, uint64_t timeoutNS))      \
  X(WGPUFuture, wgpuInstanceRequestAdapter,                                                       \
    (WGPUInstance instance, const WGPURequestAdapterOptions *options,                             \
     WGPURequestAdapterCallbackInfo info))                                                        \
  X(WGPUStatus, wgpuAdapterGetInfo, (WGPUAdapter adapter, WGPUAdapterInfo * info))                \
  X(void, wgpuAdapterInfoFreeMembers, (WGPUAdapterInfo info))                                     \
  X(WGPUStatus, wgpuAdapterGetLimits, (WGPUAdapter adapter, WGPULimits * limits))                 \
  X(WGPUBool, wgpuAdapterHasFeature, (WGPUAdapter adapter, WGPUFeatureName feature))              \
  X(WGPUFuture, wgpuAdapterRequestDevice,                                                         \
    (WGPUAdapter adapter, const WGPUDeviceDescriptor *desc, WGPURequestDeviceCallbackInfo info))  \
  X(void, wgpuAdapterRelease, (WGPUAdapter adapter))                                              \
  X(WGPUStatus, wgpuDeviceGetLimits, (WGPUDevice device, WGPULimits * limits))                    \
  X(WGPUBool, wgpuDeviceHasFeature, (WGPUDevice device, WGPUFeatureName feature))                 \
  X(WGPUQueue, wgpuDeviceGetQueue, (WGPUDevice device))                                           \
  X(void, wgpuDevicePushErrorScope, (WGPUDevice device, WGPUErrorFilter filter))                  \
  X(WGPUFuture, wgpuDevicePopErrorScope, (WGPUDevice device, WGPUPopErrorScopeCallbackInfo info)) \
  X(WGPUShaderModule, wgpuDeviceCreateShaderModule,                                               \
    (WGPUDevice device, const WGPUShaderModuleDescriptor *desc))                                  \
  X(WGPUFuture, wgpuShaderModuleGetCompilationInfo,                                               \
    (WGPUShaderModule module, WGPUCompilationInfoCallbackInfo info))                              \
  X(void, wgpuShaderModuleRelease, (WGPUShaderModule module))                                     \
  X(WGPUComputePipeline, wgpuDeviceCreateComputePipeline,                                         \
    (WGPUDevice device, const WGPUComputePipelineDescriptor *desc))                               \
  X(WGPUBindGroupLayout, wgpuComputePipelineGetBindGroupLayout,                                   \
    (WGPUComputePipeline pipeline, uint32_t group))                                               \
  X(void, wgpuComputePipelineRelease, (WGPUComputePipeline pipeline))                             \
  X(void, wgpuBindGroupLayoutRelease, (WGPUBindGroupLayout layout))                               \
  X(WGPUBindGroup, wgpuDeviceCreateBindGroup,                                                     \
    (WGPUDevice device, const WGPUBindGroupDescriptor *desc))                                     \
  X(void, wgpuBindGroupRelease, (WGPUBindGroup group))                                            \
  X(WGPUBuffer, wgpuDeviceCreateBuffer, (WGPUDevice device, const WGPUBufferDescriptor *desc))    \
  X(void, wgpuBufferDestroy, (WGPUBuffer buffer))                                                 \
  X(void, wgpuBufferRelease, (WGPUBuffer buffer))                                                 \
  X(WGPUFuture, wgpuBufferMapAsync,                                                               \
    (WGPUBuffer buffer, WGPUMapMode mode, size_t offset, size_t size,                             \
     WGPUBufferMapCallbackInfo info))                                                             \
  X(const void *, wgpuBufferGetConstMappedRange, (WGPUBuffer buffer, size_t offset, size_t size)) \
  X(void, wgpuBufferUnmap, (WGPUBuffer buffer))                                                   \
  X(void, wgpuQueueWriteBuffer,                                                                   \
    (WGPUQueue queue, WGPUBuffer buffer, uint64_t offset, const void *data, size_t size))         \
  X(void, wgpuQueueSubmit, (WGPUQueue queue, size_t count, const WGPUCommandBuffer *commands))    \
  X(WGPUFuture, wgpuQueueOnSubmittedWorkDone, (WGPUQueue queue, WGPUQueueWorkDoneCallbackInfo info)) \
  X(void, wgpuQueueRelease, (WGPUQueue queue))                                                    \
  X(WGPUCommandEncoder, wgpuDeviceCreateCommandEncoder,                                           \
    (WGPUDevice device, const WGPUCommandEncoderDescriptor *desc))                                \
  X(WGPUComputePassEncoder, wgpuCommandEncoderBeginComputePass,                                   \
    (WGPUCommandEncoder encoder, const WGPUComputePassDescriptor *desc))                          \
  X(void, wgpuCommandEncoderCopyBufferToBuffer,                                                   \
    (WGPUCommandEncoder encoder, WGPUBuffer src, uint64_t src_offset, WGPUBuffer dst,             \
     uint64_t dst_offset, uint64_t size))                                                         \
  X(WGPUCommandBuffer, wgpuCommandEncoderFinish,                                                  \
    (WGPUCommandEncoder encoder, const WGPUCommandBufferDescriptor *desc))                        \
  X(void, wgpuCommandEncoderRelease, (WGPUCommandEncoder encoder))                                \
  X(void, wgpuCommandBufferRelease, (WGPUCommandBuffer buffer))                                   \
  X(void, wgpuComputePassEncoderSetPipeline,                                                      \
    (WGPUComputePassEncoder pass, WGPUComputePipeline pipeline))                                  \
  X(void, wgpuComputePassEncoderSetBindGroup,                                                     \
    (WGPUComputePassEncoder pass, uint32_t index, WGPUBindGroup group, size_t ndynamic,           \
     const uint32_t *dynamic_offsets))                                                            \
  X(void, wgpuComputePassEncoderDispatchWorkgroups,                                               \
    (WGPUComputePassEncoder pass, uint32_t x, uint32_t y, uint32_t z))                            \
  X(void, wgpuComputePassEncoderEnd, (WGPUComputePassEncoder pass))                               \
  X(void, wgpuComputePassEncoderRelease, (WGPUComputePassEncoder pass))                           \
  X(void, wgpuDeviceDestroy, (WGPUDevice device))                                                 \
  X(void, wgpuDeviceRelease, (WGPUDevice device))                                                 \
  /* added for the runtime backend (memset to zero) */                                            \
  X(void, wgpuCommandEncoderClearBuffer,                                                          \
    (WGPUCommandEncoder encoder, WGPUBuffer buffer, uint64_t offset, uint64_t size))

typedef struct cw_dawn_table {
  int loaded;
  void *handle;      /* from dlopen */
  char path[1024];   /* the file actually loaded */
#define CW_DAWN_MEMBER(ret, name, params) ret(*name) params;
  CW_DAWN_FUNCS(CW_DAWN_MEMBER)
#undef CW_DAWN_MEMBER
} cw_dawn_table;

extern cw_dawn_table cw_dawn;

/* Loads Dawn once per process (later calls return the first result).
 * Search order: path_or_null, $CUDAWASM_WEBGPU_LIB, CW_DAWN_DEFAULT_PATH
 * (the build tree's .deps/dawn/), <exe dir>/../lib/cudawasm/ (installed).
 * Returns 0 on success; -1 with a message in err otherwise. */
int cw_dawn_load(const char *path_or_null, char *err, size_t errlen);

/* Builds a WGPUStringView of a NUL-terminated string. */
static inline WGPUStringView cw_wgpu_str(const char *s) {
  WGPUStringView v;
  v.data = s;
  v.length = s ? WGPU_STRLEN : 0;
  return v;
}

/* ---------------- synchronous helper layer ---------------- */
enum {
  CW_WG_OK = 0,
  CW_WG_NO_LIBRARY = 1, /* Dawn could not be loaded */
  CW_WG_NO_ADAPTER = 2, /* no usable adapter / device (machine without Vulkan) */
  CW_WG_FAILED = 3      /* anything else: a real failure */
};

typedef struct cw_wg {
  WGPUInstance instance;
  WGPUAdapter adapter;
  WGPUDevice device;
  WGPUQueue queue;
  WGPULimits limits;            /* the device's limits (= the adapter's, requested in full) */
  char vendor[128];
  char device_name[256];
  char description[256];
  WGPUBackendType backend;
  WGPUAdapterType adapter_type;
  uint32_t subgroup_min, subgroup_max;
  int has_subgroups, has_f16;
  double timeout_s;             /* per wait; $CUDAWASM_WEBGPU_TIMEOUT or 60 */
  int lost;                     /* the device was lost */
  int uncaptured_errors;        /* count of errors that reached no error scope */
  char last_error[2048];        /* last uncaptured error or device-lost message */
  /* The first uncaptured error since a user last cleared it (first_error[0] = 0):
   * with batched work the first error is the cause, later ones its echoes. */
  char first_error[2048];
} cw_wg;

/* Creates instance, adapter (Vulkan backend, high-performance preference) and
 * a device with the adapter's full limits and the subgroups/shader-f16
 * features when offered. Returns a CW_WG_* code; err says why on failure. */
int cw_wg_open(cw_wg **out, char *err, size_t errlen);
void cw_wg_close(cw_wg *wg);

/* "llvmpipe (LLVM 15.0.6, 256 bits) [vulkan, cpu]" */
const char *cw_wg_adapter_string(const cw_wg *wg, char *buf, size_t n);
const char *cw_wg_backend_name(WGPUBackendType t);
const char *cw_wg_adapter_type_name(WGPUAdapterType t);

/* Exit status a test uses when WebGPU is unavailable: 77 (skip), or 1 when
 * $CI is "true" or $CUDAWASM_REQUIRE_WEBGPU is set (CI must validate). */
int cw_wg_unavailable_status(void);

/* One compiler message. line/col are 1-based, 0 without a location. */
typedef struct cw_wg_message {
  WGPUCompilationMessageType type;
  unsigned line, col;
  const char *text; /* valid only during the callback */
} cw_wg_message;
typedef void (*cw_wg_message_fn)(const cw_wg_message *m, void *ud);

/* Compiles WGSL. Calls fn (may be NULL) for every compilation message and
 * counts errors and warnings. Returns the module (release it with
 * wgpuShaderModuleRelease) or NULL when it could not be created or the
 * compilation info did not arrive (err filled). A module with errors is
 * still returned non-NULL (an "error module"); check *nerrors. */
WGPUShaderModule cw_wg_shader(cw_wg *wg, const char *code, size_t len, cw_wg_message_fn fn,
                              void *ud, int *nerrors, int *nwarnings, char *err, size_t errlen);

/* Creates a compute pipeline with layout auto inside a validation+internal
 * error scope. Returns NULL with the error in err on failure. */
WGPUComputePipeline cw_wg_pipeline(cw_wg *wg, WGPUShaderModule module, const char *entry,
                                   const char *const *const_names, const double *const_values,
                                   int nconsts, char *err, size_t errlen);

/* Storage buffer usable as a binding, copy source and destination. */
WGPUBuffer cw_wg_buffer(cw_wg *wg, uint64_t size, char *err, size_t errlen);
void cw_wg_buffer_free(WGPUBuffer b);
void cw_wg_write(cw_wg *wg, WGPUBuffer b, uint64_t offset, const void *data, size_t n);
/* Copies n bytes at offset back to dst (staging buffer + map). 0 on success. */
int cw_wg_read(cw_wg *wg, WGPUBuffer b, uint64_t offset, void *dst, size_t n, char *err,
               size_t errlen);

/* Binds bufs[i] to @group(0) @binding(i) and dispatches groups x,y,z, then
 * waits for the queue. Validation errors are caught and reported. 0 on
 * success. */
int cw_wg_dispatch(cw_wg *wg, WGPUComputePipeline pipeline, const WGPUBuffer *bufs, int nbufs,
                   uint32_t gx, uint32_t gy, uint32_t gz, char *err, size_t errlen);

/* Waits (bounded by wg->timeout_s) until all submitted work is done. */
int cw_wg_sync(cw_wg *wg, char *err, size_t errlen);

#endif
