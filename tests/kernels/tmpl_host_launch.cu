// kernel: scale<float> — a kernel template instantiated only by a launch in host code (no explicit instantiation)
// args: f32[3000]:rand(63) f32:-2.0 i32:3000
// grid: 12  block: 256
// reference: x[i] = x[i] * -2.0f
#include <cstdio>

template <typename T>
__global__ void scale(T *x, T s, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= s;
}

int main() {
  const int n = 3000;
  float *h = new float[n];
  for (int i = 0; i < n; ++i) h[i] = 1.0f;
  float *d = nullptr;
  cudaMalloc(&d, n * sizeof(float));
  cudaMemcpy(d, h, n * sizeof(float), cudaMemcpyHostToDevice);
  scale<float><<<(n + 255) / 256, 256>>>(d, -2.0f, n);
  cudaMemcpy(h, d, n * sizeof(float), cudaMemcpyDeviceToHost);
  printf("%f\n", h[0]);
  cudaFree(d);
  delete[] h;
  return 0;
}
