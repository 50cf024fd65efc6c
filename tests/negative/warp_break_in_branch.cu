// expect: :9:7: error: 'break' or 'continue' in a branch that also contains warp intrinsic '__ballot_sync' is not supported
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(int *y) {
  int v = y[threadIdx.x];
  for (int r = 0; r < 4; r++) {
    if (v > r) {
      v += __popc(__ballot_sync(0xffffffffu, v & 1));
      if (v > 100) break;
    }
  }
  y[threadIdx.x] = v;
}
