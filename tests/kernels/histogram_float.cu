// kernel: histo_float — 256-bin histogram of floats in [-1, 1): per-block bins in shared memory (128 threads clear 2 bins each), shared atomicAdd, then merged with global atomicAdd
// args: f32[200003]:rand(321) u32[256]:fill(5) i32:200003
// grid: 64  block: 128
// reference: hist[b] = 5 + number of i < n with min(255, max(0, (int)((x[i] + 1.0f) * 128.0f))) == b (float arithmetic)
#define BINS 256

__global__ void histo_float(const float *x, unsigned int *hist, int n) {
  __shared__ unsigned int temp[BINS];
  for (int b = threadIdx.x; b < BINS; b += blockDim.x) temp[b] = 0;
  __syncthreads();
  int stride = blockDim.x * gridDim.x;
  for (int i = threadIdx.x + blockIdx.x * blockDim.x; i < n; i += stride) {
    int bin = (int)((x[i] + 1.0f) * 128.0f);
    bin = min(BINS - 1, max(0, bin));
    atomicAdd(&temp[bin], 1);
  }
  __syncthreads();
  for (int b = threadIdx.x; b < BINS; b += blockDim.x)
    if (temp[b]) atomicAdd(&hist[b], temp[b]);
}
