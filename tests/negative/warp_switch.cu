// expect: :8:9: error: warp intrinsic '__shfl_sync' inside a switch on a value that differs between threads is not supported
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(int *y) {
  int v = y[threadIdx.x];
  switch (threadIdx.x & 3) {
  case 0:
    v = __shfl_sync(0xffffffffu, v, 0);
    break;
  default: break;
  }
  y[threadIdx.x] = v;
}
