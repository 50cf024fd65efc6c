// Host code the cuda/hip backends must blank before NVRTC sees the file
// (src/front/parse.c records it): a host variable with a host initialiser,
// host functions using the runtime API and <<<>>>, main(). The constant N
// and the struct stay: device code uses them. ctest nvrtc_corpus compiles it.
#include <cuda_runtime.h>
#include <stdio.h>
#include <stdlib.h>

struct Params { float scale; int n; };
const int N = 256;
static int from_env(void) { const char *e = getenv("N"); return e ? atoi(e) : N; }
static int g_host_n = from_env();
static float *g_device_buf;

__global__ void scale_in_place(float *p, Params prm) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < prm.n && i < N) p[i] *= prm.scale;
}

static void run(float *d, int n) {
  Params prm = {2.0f, n};
  scale_in_place<<<(n + 255) / 256, 256>>>(d, prm);
  if (cudaDeviceSynchronize() != cudaSuccess) fprintf(stderr, "failed\n");
}

int main(void) {
  cudaMalloc((void **)&g_device_buf, g_host_n * sizeof(float));
  run(g_device_buf, g_host_n);
  cudaFree(g_device_buf);
  return 0;
}
