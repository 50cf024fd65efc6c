// expect: :5:16: error: warp intrinsic '__match_any_sync' is not supported yet
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(unsigned *y) {
  unsigned m = __match_any_sync(0xffffffffu, y[threadIdx.x]);
  y[threadIdx.x] = m;
}
