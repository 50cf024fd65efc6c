// expect: error: reinterpreting 'signed char *' as 'float *' is not supported
// target: c
// nvcc: accepts (valid CUDA we do not support: a byte-typed extern __shared__ array retyped as float)

__global__ void k(float *y, int n) {
  extern __shared__ char buf[];
  float *a = (float *)buf;
  a[threadIdx.x] = y[threadIdx.x];
  __syncthreads();
  y[threadIdx.x] = a[blockDim.x - 1 - threadIdx.x];
}
