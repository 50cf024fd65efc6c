// kernel: nbody_tiled — all-pairs n-body accelerations with shared-memory tiling (GPU Gems 3, ch. 31): bodies as 16-byte aligned {x, y, z, w} structs (float4-like, w = mass), one tile of blockDim bodies at a time
// args: f32[4000]:rand(351) f32[4000]:fill(-1) i32:1000
// grid: 8  block: 128
// reference: for i < n: a_i = sum_{j<n, ascending} w_j^2 * d * (1/sqrtf(|d|^2 + 0.01f))^3 with d = p_j - p_i, |d|^2 = dx*dx+dy*dy+dz*dz + 0.01f; accel[i] = {a.x, a.y, a.z, 0}; struct buffers as 4 floats per body
// tol: 1e-3
// note: written with a struct because float4 does not exist in this branch yet
#define SOFTENING2 0.01f

struct __align__(16) Body {
  float x, y, z, w;
};

__device__ void body_body(Body bi, Body bj, float *ax, float *ay, float *az) {
  float dx = bj.x - bi.x;
  float dy = bj.y - bi.y;
  float dz = bj.z - bi.z;
  float dist2 = dx * dx + dy * dy + dz * dz + SOFTENING2;
  float inv = rsqrtf(dist2);
  float s = bj.w * bj.w * inv * inv * inv;
  *ax += dx * s;
  *ay += dy * s;
  *az += dz * s;
}

__global__ void nbody_tiled(const Body *bodies, Body *accel, int n) {
  __shared__ Body tile[128];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  Body me = bodies[i < n ? i : 0];
  float ax = 0.0f, ay = 0.0f, az = 0.0f;
  for (int base = 0; base < n; base += blockDim.x) {
    int j = base + threadIdx.x;
    if (j < n) {
      tile[threadIdx.x] = bodies[j];
    } else {
      Body z = {0.0f, 0.0f, 0.0f, 0.0f};
      tile[threadIdx.x] = z;
    }
    __syncthreads();
    int cnt = min((int)blockDim.x, n - base);
    for (int k = 0; k < cnt; k++) body_body(me, tile[k], &ax, &ay, &az);
    __syncthreads();
  }
  if (i < n) {
    Body a = {ax, ay, az, 0.0f};
    accel[i] = a;
  }
}
