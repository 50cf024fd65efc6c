// expect: :6:29: error: function pointers are not supported: WGSL has no indirect calls
// nvcc: accepts (valid CUDA we do not support)

typedef float (*op_t)(float);
__device__ float twice(float v) { return 2.0f * v; }
__device__ op_t table[1] = {twice};

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = table[0](y[i]);
}
