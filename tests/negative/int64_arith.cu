// expect: error: 64-bit integer arithmetic
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(const int *a, const int *b, int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    long long p = (long long)a[i] * b[i];
    y[i] = (int)(p >> 20);
  }
}
