// expect: :6:3: error: surface access 'surf2Dwrite' is not supported: surface objects are not supported
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *y, unsigned long long surf) {
  int x = threadIdx.x;
  surf2Dwrite(y[x], surf, x * 4, blockIdx.x);
}
