// kernel: cxx_pragma_unroll — #pragma unroll N (and plain #pragma unroll) on loops over constexpr trip counts inside a device member function
// args: f32[1000]:rand(24) f32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: out[i] = sum_{j<8} x*(j+1) + sum_{j<4} (x+j)
constexpr int kN = 8;
struct Poly {
  __device__ float eval(float x) const {
    float s = 0.0f;
#pragma unroll 4
    for (int j = 0; j < kN; j++) s += x * (float)(j + 1);
#pragma unroll
    for (int j = 0; j < 4; j++) s += x + (float)j;
    return s;
  }
};

__global__ void cxx_pragma_unroll(const float *x, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  Poly p;
  if (i < n) out[i] = p.eval(x[i]);
}
