// A planted out-of-bounds write for `cuda-wasm run --check` (tests/run_cli.sh):
// thread i writes out[i + 1], so the thread with i == n - 1 writes out[n],
// one element past a buffer of n elements.
__global__ void oob_write(float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i + 1] = (float)i;
}
