// kernel: cxx_matrix2 — 2x2 matrix and 2-vector classes with operator* (matrix*matrix, matrix*vector), operator[] (const, by value) and a static identity factory
// args: f32[4000]:rand(21) f32[2000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: M = (m[4i..4i+3] row-major a b c d); P = M*M; w = P*(1, -1); out[2i] = w.x + 1 (identity applied), out[2i+1] = w.y
struct V2 {
  float x, y;
  __device__ float operator[](int k) const { return k == 0 ? x : y; }
};
struct M2 {
  float a, b, c, d;
  static __device__ M2 identity() { return M2{1.0f, 0.0f, 0.0f, 1.0f}; }
  __device__ M2 operator*(const M2 &o) const {
    return M2{a * o.a + b * o.c, a * o.b + b * o.d, c * o.a + d * o.c, c * o.b + d * o.d};
  }
  __device__ V2 operator*(const V2 &v) const { return V2{a * v.x + b * v.y, c * v.x + d * v.y}; }
};

__global__ void cxx_matrix2(const M2 *m, V2 *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  M2 p = m[i] * m[i];
  V2 w = M2::identity() * (p * V2{1.0f, -1.0f});
  out[i] = V2{w[0] + 1.0f, w[1]};
}
