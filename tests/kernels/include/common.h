// Shared helpers for the corpus kernels (exercises #include "..." and #pragma once).
#pragma once

#define CW_IDX() (blockIdx.x * blockDim.x + threadIdx.x)
#define CW_CEIL_DIV(a, b) (((a) + (b) - 1) / (b))

typedef struct {
  float x, y, z;
} vec3f;

static __device__ __forceinline__ vec3f v3_make(float x, float y, float z) {
  vec3f r = {x, y, z};
  return r;
}

static __device__ __forceinline__ vec3f v3_add(vec3f a, vec3f b) {
  return v3_make(a.x + b.x, a.y + b.y, a.z + b.z);
}

static __device__ __forceinline__ vec3f v3_sub(vec3f a, vec3f b) {
  return v3_make(a.x - b.x, a.y - b.y, a.z - b.z);
}

static __device__ __forceinline__ vec3f v3_scale(vec3f a, float s) {
  return v3_make(a.x * s, a.y * s, a.z * s);
}

static __device__ __forceinline__ float v3_dot(vec3f a, vec3f b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}
