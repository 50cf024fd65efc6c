// expect: :7:23: error: function pointers are not supported: WGSL has no indirect calls
// nvcc: accepts (valid CUDA we do not support)

__device__ float twice(float v) { return 2.0f * v; }

__global__ void k(float *y, int n) {
  float (*f)(float) = twice;
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = f(y[i]);
}
