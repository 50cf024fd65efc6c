// Native CUDA baselines, built by nvcc on the GPU machine and run side by side
// with the cuda-wasm backends (bench/gpu_run.sh). Same kernels, same sizes,
// timed with CUDA events after warm-up, launches batched like bench_webgpu.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define CHECK(x) do { cudaError_t e_ = (x); if (e_ != cudaSuccess) { \
  fprintf(stderr, "%s: %s\n", #x, cudaGetErrorString(e_)); exit(1); } } while (0)

__global__ void scale(float *a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) a[i] = a[i] * 2.0f + 1.0f;
}
__global__ void empty_kernel() {}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 16 * 1024 * 1024;
  int reps = argc > 2 ? atoi(argv[2]) : 100;
  float *d;
  CHECK(cudaMalloc(&d, (size_t)n * sizeof(float)));
  CHECK(cudaMemset(d, 0, (size_t)n * sizeof(float)));
  cudaEvent_t t0, t1;
  CHECK(cudaEventCreate(&t0));
  CHECK(cudaEventCreate(&t1));
  int blocks = (n + 255) / 256;
  for (int i = 0; i < 10; i++) scale<<<blocks, 256>>>(d, n);
  CHECK(cudaDeviceSynchronize());
  CHECK(cudaEventRecord(t0));
  for (int i = 0; i < reps; i++) scale<<<blocks, 256>>>(d, n);
  CHECK(cudaEventRecord(t1));
  CHECK(cudaEventSynchronize(t1));
  float ms;
  CHECK(cudaEventElapsedTime(&ms, t0, t1));
  double per = ms / reps;
  printf("native scale a=a*2+1, %d floats: %.4f ms per launch, %.1f GB/s (%d launches batched)\n", n, per,
         2.0 * n * sizeof(float) / (per * 1e-3) / 1e9, reps);

  for (int i = 0; i < 100; i++) empty_kernel<<<1, 32>>>();
  CHECK(cudaDeviceSynchronize());
  CHECK(cudaEventRecord(t0));
  for (int i = 0; i < 10000; i++) empty_kernel<<<1, 32>>>();
  CHECK(cudaEventRecord(t1));
  CHECK(cudaEventSynchronize(t1));
  CHECK(cudaEventElapsedTime(&ms, t0, t1));
  printf("native empty kernel <<<1,32>>>: %.2f us per launch (10000 back-to-back)\n", ms * 1000 / 10000);
  CHECK(cudaFree(d));
  return 0;
}
