// kernel: cxx_default_args — default arguments (constant and expression defaults) on device functions and constructors
// args: i32[1000]:rand(15) i32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: v = in[i]; out[i] = (v*1 + 0) + (v*3 + 0) + (v*3 + 7) + (2 + 5)
__device__ int lin(int v, int a = 1, int b = 0) { return v * a + b; }
struct Pair {
  int a, b;
  __device__ Pair(int x = 2, int y = 5) : a(x), b(y) {}
};
__global__ void cxx_default_args(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = in[i];
    Pair p;
    out[i] = lin(v) + lin(v, 3) + lin(v, 3, 7) + (p.a + p.b);
  }
}
