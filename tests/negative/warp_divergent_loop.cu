// expect: :8:10: error: warp intrinsic '__shfl_down_sync' inside a loop whose trip count differs between threads is not supported
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = 0.0f;
  for (int j = i; j < n; j += 4096)
    v += __shfl_down_sync(0xffffffffu, y[j], 1);
  if (i < n) y[i] = v;
}
