// kernel: square_plus — a complete .cu program: kernel plus host main() with cudaMalloc/cudaMemcpy and a <<<grid, block>>> launch (host code must be skipped)
// args: f32[1000]:rand(115) f32[1000]:fill(-1) i32:1000
// grid: 8  block: 128
// reference: out[i] = in[i]*in[i] + 1 for i < n
#include <cuda_runtime.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      fprintf(stderr, "CUDA error %s at line %d\n", cudaGetErrorString(err_), __LINE__); \
      exit(1);                                                             \
    }                                                                      \
  } while (0)

__global__ void square_plus(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = in[i] * in[i] + 1.0f;
}

static void fill(float *h, int n) {
  for (int i = 0; i < n; i++) h[i] = (float)i / (float)n;
}

int main(void) {
  const int n = 1000;
  size_t bytes = n * sizeof(float);
  float *h_in = (float *)malloc(bytes), *h_out = (float *)malloc(bytes);
  fill(h_in, n);
  float *d_in, *d_out;
  CHECK(cudaMalloc((void **)&d_in, bytes));
  CHECK(cudaMalloc((void **)&d_out, bytes));
  CHECK(cudaMemcpy(d_in, h_in, bytes, cudaMemcpyHostToDevice));
  int block = 128, grid = (n + block - 1) / block;
  square_plus<<<grid, block>>>(d_in, d_out, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(h_out, d_out, bytes, cudaMemcpyDeviceToHost));
  printf("out[10] = %f\n", h_out[10]);
  cudaFree(d_in);
  cudaFree(d_out);
  free(h_in);
  free(h_out);
  return 0;
}
