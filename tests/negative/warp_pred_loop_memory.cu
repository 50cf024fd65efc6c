// expect: :9:12: error: warp intrinsic '__shfl_xor_sync' inside a loop whose trip count differs between threads is not supported
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(const int *cnt, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = y[i];
  if (i < n) {
    for (int j = 0; j < cnt[i]; j++)
      v += __shfl_xor_sync(0xffffffffu, v, 1);
  }
  y[i] = v;
}
