// kernel: cxx_struct_refs — structs passed by const reference and modified through non-const references (locals, buffer elements), a reference-returning accessor
// args: f32[2000]:rand(16) f32[2000]:fill(0) i32:1000
// grid: 4  block: 256
// reference: i < n: b = (in[2i], in[2i+1]); s = {b.lo+1, b.hi+1}; grow(s, 0.5) -> lo-=0.5, hi+=0.5; out[2i] = s.lo + width(b); out[2i+1] = s.hi * 2
struct Bounds {
  float lo, hi;
};
__device__ float width(const Bounds &b) { return b.hi - b.lo; }
__device__ void grow(Bounds &b, float d) {
  b.lo -= d;
  b.hi += d;
}
__device__ Bounds &at(Bounds *p, int i) { return p[i]; }

__global__ void cxx_struct_refs(const Bounds *in, Bounds *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const Bounds &b = in[i];
  Bounds s = {b.lo + 1.0f, b.hi + 1.0f};
  grow(s, 0.5f);
  out[i] = s;
  out[i].lo += width(b);
  Bounds &o = at(out, i);
  o.hi *= 2.0f;
}
