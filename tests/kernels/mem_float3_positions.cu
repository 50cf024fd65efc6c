// kernel: float3_centroid_dist — float3 positions (12-byte elements, 4-aligned) in a buffer and in a struct with an int field; distance of each point to a fixed center
// args: f32[3000]:rand(561) f32[4000]:fill(-1) f32:0.25 f32:-0.5 f32:0.125 i32:1000
// grid: 4  block: 256
// reference: for i < n, p = (pos[3i], pos[3i+1], pos[3i+2]): out[4i..4i+2] = p - c; out[4i+3] = sqrtf(dx*dx + dy*dy + dz*dz) (as the bits of a float field of struct Rel { float3 d; float len; })
struct Rel {
  float3 d;
  float len;
};

__global__ void float3_centroid_dist(const float3 *pos, Rel *out, float cx, float cy, float cz, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float3 c = make_float3(cx, cy, cz);
    float3 p = pos[i];
    Rel r;
    r.d = make_float3(p.x - c.x, p.y - c.y, p.z - c.z);
    r.len = sqrtf(r.d.x * r.d.x + r.d.y * r.d.y + r.d.z * r.d.z);
    out[i] = r;
  }
}
