// expect: error: unions are not supported by the wgsl target
// nvcc: accepts (valid CUDA we do not support)

union U { float f; unsigned int u; };

__global__ void k(union U *d, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) d[i].u ^= 0x80000000u;
}
