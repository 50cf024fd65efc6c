// kernel: nbody_step — all-pairs gravity: bodies as arrays of struct {float x, y, z} (float3-like) in buffers
// args: f32[3000]:rand(61) f32[3000]:rand(62) f32[1000]:rand(63) f32[3000]:fill(-1) f32[3000]:fill(-1) i32:1000 f32:0.01
// grid: 8  block: 128
// reference: a_i = sum_j m[j]^2 * d / (|d|^2 + 0.01f)^1.5 with d = p_j - p_i (m[j]^2 keeps masses positive); vout_i = v_i + dt*a_i; pout_i = p_i + dt*vout_i (struct buffers given as 3 floats per body)
// tol: 1e-3
#include "include/common.h"

typedef struct { float x, y, z; } Float3;

__device__ vec3f body_accel(vec3f pi, const Float3 *pos, const float *mass, int n) {
  vec3f acc = v3_make(0.0f, 0.0f, 0.0f);
  for (int j = 0; j < n; j++) {
    vec3f d = v3_sub(v3_make(pos[j].x, pos[j].y, pos[j].z), pi);
    float r2 = v3_dot(d, d) + 0.01f;
    float inv = rsqrtf(r2);
    float inv3 = inv * inv * inv;
    float m = mass[j] * mass[j];
    acc = v3_add(acc, v3_scale(d, m * inv3));
  }
  return acc;
}

__global__ void nbody_step(const Float3 *pos, const Float3 *vel, const float *mass,
                           Float3 *pos_out, Float3 *vel_out, int n, float dt) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    Float3 p = pos[i];
    vec3f a = body_accel(v3_make(p.x, p.y, p.z), pos, mass, n);
    Float3 v = vel[i];
    v.x += dt * a.x;
    v.y += dt * a.y;
    v.z += dt * a.z;
    vel_out[i] = v;
    pos_out[i].x = p.x + dt * v.x;
    pos_out[i].y = p.y + dt * v.y;
    pos_out[i].z = p.z + dt * v.z;
  }
}
