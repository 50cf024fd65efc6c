// expect: :10:5: error: __syncthreads() in divergent control flow is not supported by the wgsl target
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *y, int n) {
  __shared__ float s[256];
  int t = threadIdx.x;
  s[t] = y[t];
  if (t < 128) {
    s[t] += s[t + 128];
    __syncthreads();
  }
  y[t] = s[t];
}
