// expect: :5:13: error: warp intrinsic '__shfl_down' without a mask was removed in CUDA 9; use '__shfl_down_sync'
// nvcc: rejects (invalid CUDA)

__global__ void k(float *y) {
  float v = __shfl_down(y[threadIdx.x], 1);
  y[threadIdx.x] = v;
}
