// expect: error: reinterpreting 'int *' as 'struct float4 *' is not supported
// target: c
// nvcc: accepts (valid CUDA we do not support: a vector view must have the buffer's element type)

__global__ void k(int *bits, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float4 v = reinterpret_cast<float4 *>(bits)[i];
  if (i < n) y[i] = v.x + v.w;
}
