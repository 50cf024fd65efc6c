// expect: error: bit-fields are not supported
// nvcc: accepts (valid CUDA we do not support)

struct Flags {
  unsigned int a : 3;
  unsigned int b : 5;
};

__global__ void k(int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  struct Flags f;
  f.a = i;
  f.b = i >> 3;
  if (i < n) y[i] = f.a + f.b;
}
